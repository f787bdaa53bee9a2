//! A PostgreSQL server for tests: makes sure the machine's server is up (starting its clusters through the
//! `postgres` user when it is not) and hands each test a throwaway database, dropped after it.
//!
//! The server is `DOSSIER_TEST_POSTGRES` when set (a `postgres://` URL whose user may create databases),
//! otherwise the default Unix socket as the current user. Databases are named `dossier_test_<pid>_<n>`;
//! those left by a test that panicked are dropped by the next process that starts, once their pid is gone.

use std::{
    path::Path,
    str::FromStr,
    sync::atomic::{AtomicU32, Ordering},
    time::Duration,
};

use anyhow::{Context, bail};
use sqlx::{
    Connection, PgConnection,
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
};
use tokio::{
    process::Command,
    sync::{OnceCell, Semaphore, SemaphorePermit},
};

const PREFIX: &str = "dossier_test_";

/// How the tests reach the server, database left to each caller.
fn server_options() -> anyhow::Result<PgConnectOptions> {
    match std::env::var("DOSSIER_TEST_POSTGRES") {
        Ok(url) => PgConnectOptions::from_str(&url).context("DOSSIER_TEST_POSTGRES is not a postgres:// URL"),
        Err(_) => Ok(PgConnectOptions::new().database("postgres")),
    }
}

/// At most this many throwaway databases at once (each pool has up to 4 connections), so a machine with
/// many cores running tests in parallel stays under the server's 100 connections.
static AT_ONCE: Semaphore = Semaphore::const_new(8);

/// A database of its own for one test, migrated; drop it with [`ThrowawayDatabase::drop_now`].
pub struct ThrowawayDatabase {
    pub pool: PgPool,
    pub name: String,
    _turn: SemaphorePermit<'static>,
}

impl ThrowawayDatabase {
    /// Creates and migrates a fresh database; panics with what is needed when no server can be reached.
    pub async fn create() -> Self {
        match Self::try_create().await {
            Ok(db) => db,
            Err(e) => panic!("PostgreSQL tests need a server: {e:#}"),
        }
    }

    /// [`ThrowawayDatabase::create`], as a result.
    pub async fn try_create() -> anyhow::Result<Self> {
        let turn = AT_ONCE.acquire().await.context("waiting for a turn at the test server")?;
        ensure_server().await?;
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!("{PREFIX}{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin =
            PgConnection::connect_with(&server_options()?).await.context("connecting to create a database")?;
        sqlx::raw_sql(&format!("CREATE DATABASE \"{name}\"")).execute(&mut admin).await.context("CREATE DATABASE")?;
        admin.close().await.ok();
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(server_options()?.database(&name))
            .await
            .with_context(|| format!("connecting to {name}"))?;
        super::migrate(&pool).await?;
        Ok(Self { pool, name, _turn: turn })
    }

    /// The database's URL, for processes of their own (`dossier serve` with `DATABASE_URL`).
    pub fn url(&self) -> anyhow::Result<String> {
        let options = server_options()?;
        let (host, port, user) = (options.get_host(), options.get_port(), options.get_username());
        Ok(match host.starts_with('/') {
            true => format!("postgres://{user}@localhost:{port}/{}?host={host}", self.name),
            false => format!("postgres://{user}@{host}:{port}/{}", self.name),
        })
    }

    /// Closes the pool and drops the database.
    pub async fn drop_now(self) {
        self.pool.close().await;
        if let Err(e) = drop_database(&self.name).await {
            log::warn!("could not drop the test database {}: {e:#}", self.name);
        }
    }
}

async fn drop_database(name: &str) -> anyhow::Result<()> {
    let mut admin = PgConnection::connect_with(&server_options()?).await?;
    sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut admin).await?;
    Ok(())
}

/// Once per process: the server answers (started if need be), and databases of dead test processes are gone.
async fn ensure_server() -> anyhow::Result<()> {
    static READY: OnceCell<Result<(), String>> = OnceCell::const_new();
    let outcome = READY
        .get_or_init(|| async {
            reach_or_start().await.map_err(|e| format!("{e:#}"))?;
            drop_stale_databases().await.map_err(|e| format!("dropping stale test databases: {e:#}"))
        })
        .await;
    outcome.clone().map_err(anyhow::Error::msg)
}

async fn reach_or_start() -> anyhow::Result<()> {
    let options = server_options()?;
    let first = match PgConnection::connect_with(&options).await {
        Ok(conn) => return conn.close().await.context("closing the probe connection"),
        Err(e) => e,
    };
    let user = options.get_username().to_string();
    let how = format!(
        "start it with `su postgres -c 'pg_ctlcluster 15 main start'` and let `{user}` create databases with \
         `su postgres -c 'createuser -s {user}'`, or set DOSSIER_TEST_POSTGRES=postgres://user:password@host/db"
    );
    if std::env::var_os("DOSSIER_TEST_POSTGRES").is_some() || !running_as_root() {
        bail!("cannot connect ({first}); {how}");
    }
    start_clusters().await.with_context(|| format!("cannot connect ({first}) nor start the server; {how}"))?;
    // The role may exist already: that failure is the one expected, and the connection below tells.
    let _ = as_postgres(&format!("createuser -s {user}")).await;
    let mut last = first.to_string();
    for _ in 0..60 {
        // Built anew: the default options pick the Unix socket only once the server has made it.
        match PgConnection::connect_with(&server_options()?).await {
            Ok(conn) => return conn.close().await.context("closing the probe connection"),
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    bail!("started the server, but still cannot connect ({last}); {how}")
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false)
}

/// Starts every cluster `pg_lsclusters` lists as down.
async fn start_clusters() -> anyhow::Result<()> {
    let listing = Command::new("pg_lsclusters").arg("-h").output().await.context("running pg_lsclusters")?;
    let text = String::from_utf8_lossy(&listing.stdout).to_string();
    let down: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            (cols.len() >= 4 && cols[3] == "down").then(|| (cols[0].to_string(), cols[1].to_string()))
        })
        .collect();
    if down.is_empty() && !text.lines().any(|l| l.split_whitespace().nth(3) == Some("online")) {
        bail!("pg_lsclusters lists no PostgreSQL cluster");
    }
    for (version, cluster) in down {
        as_postgres(&format!("pg_ctlcluster {version} {cluster} start")).await?;
    }
    Ok(())
}

async fn as_postgres(command: &str) -> anyhow::Result<()> {
    let out = Command::new("su").args(["postgres", "-c", command]).output().await.context("running su postgres")?;
    if !out.status.success() {
        bail!("`{command}` failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

/// Drops `dossier_test_<pid>_…` databases whose process is gone (a test that panicked before its drop).
async fn drop_stale_databases() -> anyhow::Result<()> {
    let mut admin = PgConnection::connect_with(&server_options()?).await?;
    let names: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
        .bind(PREFIX)
        .fetch_all(&mut admin)
        .await?;
    admin.close().await.ok();
    for name in names {
        let pid = name.trim_start_matches(PREFIX).split('_').next().unwrap_or_default();
        if !pid.is_empty() && !Path::new(&format!("/proc/{pid}")).exists() {
            drop_database(&name).await?;
        }
    }
    Ok(())
}
