//! The shared-state interface on PostgreSQL: its own SQL and its own migrations (`migrations/postgres/`),
//! for several replicas sharing one database.

mod archive;
mod chats;
mod digests;
mod feeds;
pub mod leader;
mod quiz_polls;
mod quiz_rounds;
mod replica;
pub mod test_server;
mod updates;

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgPool, PgPoolOptions};

/// The migrations under `migrations/postgres/`, embedded at build time.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The shared state in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// A store over an open (and migrated) pool.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// The pool (for the leader lock and `/readyz`).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Whether `url` names a PostgreSQL database rather than an SQLite file.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Opens a pool on `url` and applies pending migrations (concurrent starts wait on sqlx's own lock).
pub async fn connect(url: &str) -> anyhow::Result<PgStore> {
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(15))
        .connect(url)
        .await
        .with_context(|| format!("cannot connect to PostgreSQL at {}", redacted(url)))?;
    migrate(&pool).await?;
    Ok(PgStore::new(pool))
}

/// Applies the migrations under `migrations/postgres/`.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.context("cannot apply the PostgreSQL migrations")
}

/// Whether the database answers and every migration this build knows has been applied (for `/readyz`).
pub async fn ready(pool: &PgPool) -> anyhow::Result<()> {
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(pool)
        .await
        .context("reading the applied migrations")?;
    crate::db::all_applied(&MIGRATOR, &applied)
}

/// `url` without its password, for messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_not_shown_in_messages() {
        assert_eq!(redacted("postgres://bot:secret@db/dossier"), "postgres://bot:***@db/dossier");
        assert!(is_postgres_url("postgresql://db/x") && !is_postgres_url("sqlite://data/dossier.db"));
    }

    #[tokio::test]
    async fn a_migrated_database_is_ready_and_an_empty_one_is_not() {
        let db = test_server::ThrowawayDatabase::create().await;
        ready(&db.pool).await.unwrap();
        sqlx::query("DELETE FROM _sqlx_migrations").execute(&db.pool).await.unwrap();
        assert!(ready(&db.pool).await.unwrap_err().to_string().contains("not applied"));
        db.drop_now().await;
    }
}
