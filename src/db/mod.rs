//! The database layer: every SQL statement of the bot lives under this module.

mod annotations;
pub mod archive;
pub mod bulk;
mod bulk_rows;
pub mod chats;
pub mod digest_batch;
pub mod discovered;
pub mod documents;
pub mod engine;
mod fact_rows;
pub mod facts;
pub mod feeds;
mod json_rows;
mod migrate_documents;
pub mod migrate_to;
pub mod outbox;
pub mod outbox_claims;
pub mod postgres;
pub mod quiz;
pub mod search;
pub mod stats;
pub mod store;
pub mod subscriptions;
pub mod updates;

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use sqlx::SqlitePool as Pool;

/// Shown when a PostgreSQL URL is given to the SQLite-only commands.
const DEFAULT_SQLITE_URL: &str = crate::config::DEFAULT_DATABASE_URL;

/// How long a write waits for another process (say `dossier ingest`) to release the database.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Opens (creating if missing) the SQLite database at `url` and applies pending migrations; for a
/// `DATABASE_URL` that may name PostgreSQL, see [`engine::open`].
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    anyhow::ensure!(
        !postgres::is_postgres_url(url),
        "the URL names a PostgreSQL database, where an SQLite file (such as {DEFAULT_SQLITE_URL}) is needed: \
         PostgreSQL holds the shared state (db::engine::open), never the fact index"
    );
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("DATABASE_URL {url:?} is not a valid SQLite URL"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        // Statement journals (one per multi-row INSERT inside a transaction) in memory, not temp files.
        .pragma("temp_store", "memory");
    if let Some(parent) = options.get_filename().parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the database folder {}", parent.display()))?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // sqlx pings an idle connection before lending it out, a round trip to the connection's worker
        // thread per statement; an embedded database has no far end that could have hung up. A broken
        // connection still fails its statement and is dropped from the pool.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {url}"))?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Starts a write transaction that takes SQLite's write lock at once (`BEGIN IMMEDIATE`). A deferred
/// transaction that reads before it writes is refused outright (`SQLITE_BUSY_SNAPSHOT`, no busy wait)
/// when another connection committed in between; an immediate one waits its turn instead.
pub async fn begin_write(pool: &Pool) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// The migrations under `migrations/`, embedded at build time.
pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Applies the migrations under `migrations/`.
pub async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.context("cannot apply database migrations (is the file a Dossier database, and writable?)")
}

/// Whether the database answers and every migration this build knows has been applied (for `/readyz`).
pub async fn ready(pool: &Pool) -> anyhow::Result<()> {
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(pool)
        .await
        .context("reading the applied migrations")?;
    all_applied(&MIGRATOR, &applied)
}

/// Fails naming the migrations of `migrator` that are not among `applied` (sorted versions), for either engine.
pub(crate) fn all_applied(migrator: &sqlx::migrate::Migrator, applied: &[i64]) -> anyhow::Result<()> {
    let missing: Vec<i64> = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .filter(|v| applied.binary_search(v).is_err())
        .collect();
    anyhow::ensure!(missing.is_empty(), "migrations not applied: {missing:?}");
    Ok(())
}

/// The current time as stored in the database: RFC 3339 UTC.
pub fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_postgres_url_is_refused_with_what_to_do_instead() {
        let err = connect("postgres://bot@db.example/dossier").await.unwrap_err().to_string();
        assert!(err.contains("never the fact index") && err.contains("sqlite://"), "{err}");
    }

    #[sqlx::test]
    async fn a_migrated_database_is_ready(pool: Pool) {
        ready(&pool).await.unwrap();
    }

    #[sqlx::test(migrations = false)]
    async fn a_database_without_the_migrations_is_not_ready(pool: Pool) {
        assert!(ready(&pool).await.is_err(), "no migrations table at all");
        sqlx::query("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, success BOOLEAN NOT NULL)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO _sqlx_migrations (version, success) VALUES (?, TRUE)")
            .bind(MIGRATOR.iter().next().unwrap().version)
            .execute(&pool)
            .await
            .unwrap();
        let err = ready(&pool).await.unwrap_err().to_string();
        assert!(err.contains("not applied"), "{err}");
    }
}
