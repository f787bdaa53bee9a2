//! Helpers for running several `dossier serve` processes on one PostgreSQL database, each with its own
//! fact index, behind a "load balancer" that is the test itself (it posts each update to a replica).

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use dossier::db::postgres::test_server::ThrowawayDatabase;

use crate::{
    helpers::{data_dir, free_port},
    support::stand_in::{StandIn, TOKEN},
};

/// The webhook secret the replicas share.
pub const SECRET: &str = "replicas-webhook-secret-0123456789";
/// The path Telegram posts to; the public host is the load balancer's.
pub const HOOK_PATH: &str = "/telegram/hook";
/// How long a replica may take to start (three start at once on a loaded machine).
pub const START_PATIENCE: Duration = Duration::from_secs(60);

/// One `dossier serve` process.
pub struct Replica {
    pub child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Replica {
    /// Where the load balancer posts updates for this replica.
    pub fn hook_url(&self) -> String {
        format!("http://127.0.0.1:{}{HOOK_PATH}", self.port)
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().ok().flatten().is_none()
    }

    /// kill -9: no goodbye, no graceful shutdown.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What the replica logged.
    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

/// How the replicas of a test are run.
pub struct Cluster<'a> {
    pub tg: &'a StandIn,
    pub database_url: String,
    pub dir: &'a Path,
    pub owner: Option<i64>,
    /// Webhook mode (all replicas behind one public URL) or long polling.
    pub webhook: bool,
    /// `TELEGRAM_GLOBAL_RATE`, when not the default.
    pub global_rate: Option<u32>,
}

impl Cluster<'_> {
    /// Starts replica number `n` with its own fact index file and listener.
    pub fn spawn(&self, n: usize) -> Replica {
        let port = free_port();
        let log = self.dir.join(format!("replica-{n}.log"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command
            .arg("serve")
            .env_clear()
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", self.tg.url())
            .env("DATABASE_URL", &self.database_url)
            .env("FACT_INDEX_PATH", self.dir.join(format!("index-{n}.sqlite")))
            .env("DOSSIER_DATA_DIR", data_dir())
            .env("DIGEST_TICK_SECS", "1")
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log file"));
        if self.webhook {
            // One public URL for all (the load balancer's); each replica listens on its own port.
            command
                .env("WEBHOOK_URL", format!("https://bot.example.org{HOOK_PATH}"))
                .env("WEBHOOK_SECRET", SECRET)
                .env("WEBHOOK_LISTEN", format!("127.0.0.1:{port}"));
        } else {
            command.env("METRICS_LISTEN", format!("127.0.0.1:{port}"));
        }
        if let Some(rate) = self.global_rate {
            command.env("TELEGRAM_GLOBAL_RATE", rate.to_string());
        }
        if let Some(owner) = self.owner {
            command.env("BOT_OWNER_ID", owner.to_string());
        }
        Replica { child: command.spawn().expect("the dossier binary starts"), port, log }
    }
}

/// A throwaway PostgreSQL database and its URL for the replicas.
pub async fn shared_database() -> (ThrowawayDatabase, String) {
    let db = ThrowawayDatabase::create().await;
    let url = db.url().expect("the test server's URL");
    (db, url)
}

/// Waits until every replica answers `/readyz` with 200.
pub async fn wait_ready(replicas: &mut [Replica]) {
    let deadline = Instant::now() + START_PATIENCE;
    for replica in replicas.iter_mut() {
        loop {
            assert!(replica.alive(), "a replica exited while starting:\n{}", replica.logs());
            if status(replica.addr(), "/readyz").await == Some(200) {
                break;
            }
            assert!(Instant::now() < deadline, "a replica was not ready in time:\n{}", replica.logs());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// The status of `GET path` on `addr`; `None` while nothing listens.
pub async fn status(addr: SocketAddr, path: &str) -> Option<u16> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().ok()?;
    client.get(format!("http://{addr}{path}")).send().await.ok().map(|r| r.status().as_u16())
}
