//! The two bots under test, each against its own stand-in: a bare teloxide echo bot (the baseline) and the
//! full Dossier bot through `telegram::serve_until`.

use std::time::Duration;

use anyhow::Context;
use dossier::{config::Config, telegram};
use teloxide::prelude::*;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::{
    PATIENCE,
    support::stand_in::{StandIn, TOKEN, minimal::MinimalStandIn},
};

/// The repository's `data/` folder.
pub fn data_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A config for the full bot on `tg`, with its own database in `dir` (as tests/integration/helpers.rs).
pub fn config(tg: &StandIn, dir: &tempfile::TempDir) -> anyhow::Result<Config> {
    config_at(&tg.url(), dir)
}

/// The same, for a Bot API at `api_url`.
pub fn config_at(api_url: &str, dir: &tempfile::TempDir) -> anyhow::Result<Config> {
    let mut config = Config::from_lookup(|_| None)?;
    config.token = Some(TOKEN.to_owned());
    config.api_url = Some(api_url.parse()?);
    config.database_url = format!("sqlite://{}", dir.path().join("dossier.sqlite").display());
    config.documents_dir = data_dir().join("documents");
    config.gazetteer_path = data_dir().join("gazetteer.toml");
    config.topics_path = data_dir().join("topics.toml");
    config.digest_tick = None;
    Ok(config)
}

/// A bot running against its stand-in until stopped.
pub struct Running {
    pub name: &'static str,
    pub tg: StandIn,
    stop: Stop,
    _dir: Option<tempfile::TempDir>,
    /// The shared store of a bot on PostgreSQL (left for the next test process to drop).
    _shared: Option<dossier::db::postgres::test_server::ThrowawayDatabase>,
}

enum Stop {
    Echo(teloxide::dispatching::ShutdownToken, JoinHandle<()>),
    Full(CancellationToken, JoinHandle<anyhow::Result<()>>),
}

impl Running {
    /// Stops the bot and waits (bounded) for it.
    pub async fn stop(self) {
        self.stop.stop().await;
    }
}

impl Stop {
    async fn stop(self) {
        match self {
            Stop::Echo(token, task) => {
                if let Ok(done) = token.shutdown() {
                    let _ = tokio::time::timeout(PATIENCE, done).await;
                }
                let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
            }
            Stop::Full(token, task) => {
                token.cancel();
                let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
            }
        }
    }
}

/// The baseline: a Dispatcher that answers every text message with `send_message` of the same text.
pub async fn echo() -> anyhow::Result<Running> {
    let tg = StandIn::start().await;
    let stop = spawn_echo(&tg.url())?;
    wait_started(&tg).await?;
    Ok(Running { name: "echo", tg, stop, _dir: None, _shared: None })
}

/// The echo bot against the Bot API at `api_url`.
fn spawn_echo(api_url: &str) -> anyhow::Result<Stop> {
    let bot = Bot::new(TOKEN).set_api_url(api_url.parse()?);
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        if let Some(text) = msg.text() {
            bot.send_message(msg.chat.id, text).await?;
        }
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    let token = dispatcher.shutdown_token();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });
    Ok(Stop::Echo(token, task))
}

/// The full bot serving `dossier` with `config` (its Bot API, database and rate) until cancelled.
fn spawn_full(config: Config, dossier: dossier::answer::Dossier) -> Stop {
    let shutdown = CancellationToken::new();
    let task = tokio::spawn({
        let shutdown = shutdown.clone();
        async move { telegram::serve_until(&config, dossier, shutdown).await }
    });
    Stop::Full(shutdown, task)
}

/// Echo or the full bot (seed fact base, on SQLite, sending at `global_rate`) against the minimal
/// responder: what the bots cost without a validating stand-in beside them.
pub async fn on_minimal(full: bool, global_rate: u32) -> anyhow::Result<RunningMinimal> {
    let tg = MinimalStandIn::start().await;
    let (stop, dir) = if full {
        let dir = tempfile::tempdir()?;
        let mut config = config_at(&tg.url(), &dir)?;
        config.global_rate = global_rate;
        let dossier = dossier::app::open(&config).await.context("opening the fact base")?;
        (spawn_full(config, dossier), Some(dir))
    } else {
        (spawn_echo(&tg.url())?, None)
    };
    Ok(RunningMinimal { name: if full { "full" } else { "echo" }, tg, stop, _dir: dir })
}

/// A bot running against the minimal responder until stopped.
pub struct RunningMinimal {
    pub name: &'static str,
    pub tg: MinimalStandIn,
    stop: Stop,
    _dir: Option<tempfile::TempDir>,
}

impl RunningMinimal {
    pub async fn stop(self) {
        self.stop.stop().await;
    }
}

/// The full Dossier bot (seed fact base, digest jobs off), sending at `global_rate` messages per second.
pub async fn full(global_rate: u32) -> anyhow::Result<Running> {
    full_on(global_rate, false).await
}

/// The full bot with its shared state on SQLite (one file, the default) or on a fresh PostgreSQL database
/// of the test server (the fact index then in a file of its own), named "sqlite" or "pg".
pub async fn full_on(global_rate: u32, postgres: bool) -> anyhow::Result<Running> {
    let tg = StandIn::start().await;
    let dir = tempfile::tempdir()?;
    let mut config = config(&tg, &dir)?;
    config.global_rate = global_rate;
    let shared = match postgres {
        true => Some(dossier::db::postgres::test_server::ThrowawayDatabase::try_create().await?),
        false => None,
    };
    if let Some(db) = &shared {
        config.database_url = db.url()?;
        config.fact_index_path = dir.path().join("fact-index.sqlite");
    }
    let dossier = dossier::app::open(&config).await.context("opening the fact base")?;
    let stop = spawn_full(config, dossier);
    wait_started(&tg).await?;
    let name = if postgres { "pg" } else { "full" };
    Ok(Running { name, tg, stop, _dir: Some(dir), _shared: shared })
}

/// Waits for the first getUpdates: the bot is polling.
async fn wait_started(tg: &StandIn) -> anyhow::Result<()> {
    tokio::time::timeout(PATIENCE, async {
        while tg.calls_of("GetUpdates").is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .context("the bot never polled for updates")
}
