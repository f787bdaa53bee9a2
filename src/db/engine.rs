//! The one place the engine is chosen: an SQLite URL opens one embedded file that is both the shared
//! store and the fact index (as always); a PostgreSQL URL opens the shared store there and this replica's
//! own fact index in an SQLite file of its own (`FACT_INDEX_PATH`).

use std::{path::Path, sync::Arc};

use super::{
    Pool,
    postgres::{self, is_postgres_url},
    store::{SharedDatabase, sqlite::SqliteStore},
};

/// The shared store and this process's fact index.
#[derive(Clone)]
pub struct Stores {
    pub shared: SharedDatabase,
    pub index: Pool,
}

/// Anything that names both halves: the running core (`answer::Dossier`), the opened [`Stores`], or a
/// bare SQLite pool, which is a whole embedded installation (tests and one-off tools pass one).
pub trait Places: Sync {
    /// The fact index.
    fn index(&self) -> &Pool;
    /// The shared store.
    fn shared(&self) -> SharedDatabase;
}

impl Places for Stores {
    fn index(&self) -> &Pool {
        &self.index
    }
    fn shared(&self) -> SharedDatabase {
        self.shared.clone()
    }
}

impl Places for Pool {
    fn index(&self) -> &Pool {
        self
    }
    fn shared(&self) -> SharedDatabase {
        Arc::new(SqliteStore::new(self.clone()))
    }
}

impl Places for crate::answer::Dossier {
    fn index(&self) -> &Pool {
        &self.pool
    }
    fn shared(&self) -> SharedDatabase {
        self.store.clone()
    }
}

/// Opens (and migrates) the store named by `database_url`, and the fact index: the same SQLite file, or,
/// on PostgreSQL, the SQLite file at `fact_index_path` (created if missing).
pub async fn open(database_url: &str, fact_index_path: &Path) -> anyhow::Result<Stores> {
    if is_postgres_url(database_url) {
        let shared = postgres::connect(database_url).await?;
        let index = super::connect(&index_url(fact_index_path)).await?;
        return Ok(Stores { shared: Arc::new(shared), index });
    }
    let index = super::connect(database_url).await?;
    Ok(Stores { shared: Arc::new(SqliteStore::new(index.clone())), index })
}

/// The SQLite URL of the index file at `path`.
fn index_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_sqlite_url_opens_one_file_for_store_and_index() {
        let dir = tempfile::tempdir().unwrap();
        let url = index_url(&dir.path().join("dossier.sqlite"));
        let stores = open(&url, &dir.path().join("unused.sqlite")).await.unwrap();
        assert!(!stores.shared.keeps_index_apart());
        stores.shared.ensure_chat(5, "private", None).await.unwrap();
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM chats").fetch_one(&stores.index).await.unwrap();
        assert_eq!(kept, 1, "the store writes the index's own file");
        assert!(!dir.path().join("unused.sqlite").exists());
    }

    #[tokio::test]
    async fn a_postgres_url_keeps_the_index_in_a_file_of_its_own() {
        let db = postgres::test_server::ThrowawayDatabase::create().await;
        let dir = tempfile::tempdir().unwrap();
        let index_path = dir.path().join("replica").join("index.sqlite");
        let stores = open(&db.url().unwrap(), &index_path).await.unwrap();
        assert!(stores.shared.keeps_index_apart());
        stores.shared.ensure_chat(5, "private", None).await.unwrap();
        let in_index: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM chats").fetch_one(&stores.index).await.unwrap();
        assert_eq!(in_index, 0, "chats are shared, not in the replica's file");
        assert!(index_path.exists());
        stores.shared.ready().await.unwrap();
        stores.index.close().await;
        drop(stores);
        db.drop_now().await;
    }
}
