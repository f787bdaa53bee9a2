//! Helpers for driving the real bot over HTTP against the stand-in Bot API.

use std::{path::PathBuf, sync::Arc, time::Duration};

use dossier::{answer::Dossier, config::Config, telegram};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::support::stand_in::{StandIn, TOKEN};

/// How long a test waits for the bot before failing.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// The repository's `data/` folder.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A config for a bot on the stand-in, with its own database in `dir` and the seed documents.
pub fn config(tg: &StandIn, dir: &tempfile::TempDir) -> Config {
    let mut config = Config::from_lookup(|_| None).expect("the default config is valid");
    config.token = Some(TOKEN.to_owned());
    config.api_url = Some(tg.url().parse().expect("the stand-in URL parses"));
    config.database_url = format!("sqlite://{}", dir.path().join("dossier.sqlite").display());
    config.documents_dir = data_dir().join("documents");
    config.gazetteer_path = data_dir().join("gazetteer.toml");
    config.topics_path = data_dir().join("topics.toml");
    config.digest_tick = None;
    config.feed_poll = None;
    config
}

/// The real bot, serving against a stand-in, with the background digest jobs off (tests drive them).
pub struct TestBot {
    pub tg: StandIn,
    pub dossier: Dossier,
    pub config: Config,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _dir: tempfile::TempDir,
}

impl TestBot {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        Self::launch(adjust, "GetUpdates").await
    }

    /// The real bot in webhook mode on a free loopback port, once it has registered with the stand-in.
    pub async fn start_webhook() -> Self {
        Self::launch(|c| c.webhook = Some(webhook_config(free_port())), "SetWebhook").await
    }

    /// Starts the bot and waits for its first call of `ready` (GetUpdates when polling).
    async fn launch(adjust: impl FnOnce(&mut Config), ready: &str) -> Self {
        let tg = StandIn::start().await;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut config = config(&tg, &dir);
        adjust(&mut config);
        let dossier = dossier::app::open(&config).await.expect("the fact base opens");
        let shutdown = CancellationToken::new();
        let task = tokio::spawn({
            let (config, dossier, shutdown) = (config.clone(), dossier.clone(), shutdown.clone());
            async move { telegram::serve_until(&config, dossier, shutdown).await }
        });
        tg.wait_for(ready, 1, PATIENCE).await;
        TestBot { tg, dossier, config, shutdown, task, _dir: dir }
    }

    /// Services for driving the digest jobs by hand with a fixed clock.
    pub async fn services(&self) -> Arc<telegram::Services> {
        telegram::Services::connect(&self.config, self.dossier.clone()).await.expect("services connect")
    }

    /// Sends `text` from `user` in private chat `user` and returns the HTML of the bot's reply messages.
    pub async fn ask(&self, user: i64, text: &str) -> Vec<String> {
        self.say(crate::support::stand_in::updates::text_message(user, user, text), user).await
    }

    /// Pushes an update and waits for the bot's messages to `chat`.
    pub async fn say(&self, update: Value, chat: i64) -> Vec<String> {
        let before = self.tg.sent_texts(chat).len();
        self.tg.push_update(update);
        self.tg.wait_until(|calls| sent_to(calls, chat) > before, PATIENCE).await;
        // A long answer comes in several messages; give the rest a moment.
        tokio::time::sleep(Duration::from_millis(150)).await;
        self.tg.sent_texts(chat).split_off(before)
    }

    /// Pushes an update and waits until the bot has taken it (its offset confirmed).
    pub async fn push_and_settle(&self, update: Value) {
        let id = self.tg.push_update(update);
        self.tg.wait_confirmed(id, PATIENCE).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    /// Stops the bot gracefully.
    pub async fn stop(self) {
        self.stop_keeping_stand_in().await;
    }

    /// Stops the bot gracefully and hands back the stand-in, to look at what it saw last.
    pub async fn stop_keeping_stand_in(self) -> StandIn {
        self.shutdown.cancel();
        let stopped = tokio::time::timeout(PATIENCE, self.task).await;
        assert!(matches!(stopped, Ok(Ok(Ok(())))), "the bot did not stop cleanly: {stopped:?}");
        self.tg
    }
}

/// The webhook secret tests use.
pub const WEBHOOK_SECRET: &str = "test-webhook-secret-0123456789";

/// A webhook on `127.0.0.1:port` at `/telegram/webhook`.
pub fn webhook_config(port: u16) -> dossier::config::WebhookConfig {
    dossier::config::WebhookConfig {
        url: format!("http://127.0.0.1:{port}/telegram/webhook").parse().expect("a valid URL"),
        secret: WEBHOOK_SECRET.to_owned(),
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
    }
}

/// A loopback port free right now.
pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("a local address").port()
}

/// Successful SendMessage calls to `chat`.
pub fn sent_to(calls: &[crate::support::stand_in::Call], chat: i64) -> usize {
    calls.iter().filter(|c| c.is("SendMessage") && c.chat_id() == Some(chat) && !c.rejected).count()
}

/// Every call the stand-in refused, for assertions.
pub fn rejected(tg: &StandIn) -> Vec<String> {
    tg.calls().iter().filter(|c| c.rejected).map(|c| format!("{} {} -> {:?}", c.method, c.body, c.response)).collect()
}
