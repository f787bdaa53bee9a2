//! Behaviour tests of the shared-state interface run once per engine: [`on_both_backends!`] turns each
//! test body into a module with a `sqlite` and a `postgres` test, each on a fresh store of its own.

use super::{Database, sqlite::SqliteStore};
use crate::db::postgres::{self, test_server::ThrowawayDatabase};

/// A fresh, migrated SQLite store in a temporary folder (removed with it).
pub struct SqliteFixture {
    pub store: SqliteStore,
    _dir: tempfile::TempDir,
}

/// A fresh SQLite store on a file, with the pragmas the bot uses.
pub async fn sqlite() -> SqliteFixture {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let pool = crate::db::connect(&url).await.expect("a fresh SQLite database");
    SqliteFixture { store: SqliteStore::new(pool), _dir: dir }
}

/// A fresh PostgreSQL store on a throwaway database of the test server.
pub struct PostgresFixture {
    pub store: postgres::PgStore,
    database: ThrowawayDatabase,
}

pub async fn postgres() -> PostgresFixture {
    let database = ThrowawayDatabase::create().await;
    PostgresFixture { store: postgres::PgStore::new(database.pool.clone()), database }
}

impl PostgresFixture {
    /// Drops the throwaway database (a test that panics leaves it for the next run to drop).
    pub async fn finish(self) {
        drop(self.store);
        self.database.drop_now().await;
    }
}

/// The store as the core sees it.
pub fn shared(store: &dyn Database) -> &dyn Database {
    store
}

/// Ids of three quiz questions the store can refer to: on SQLite, questions of a seeded fact index (its
/// polls reference them); on PostgreSQL, where questions are each replica's own, any ids.
pub async fn sqlite_questions(fixture: &SqliteFixture) -> Vec<i64> {
    sqlite_questions_of(&fixture.store).await
}

pub async fn sqlite_questions_of(store: &SqliteStore) -> Vec<i64> {
    crate::db::quiz::questions::tests::seed_pool(store.pool(), "quiz", 3, "trade").await
}

pub fn postgres_questions() -> Vec<i64> {
    vec![101, 102, 103]
}

/// `on_both_backends! { async fn name(db) { body } … }`: each body runs against SQLite and PostgreSQL,
/// `db` being a `&dyn Database`; `async fn name(db, questions)` also gets three question ids.
macro_rules! on_both_backends {
    ($(async fn $name:ident($db:ident, $questions:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let fixture = $crate::db::store::testing::sqlite().await;
                let $questions = $crate::db::store::testing::sqlite_questions(&fixture).await;
                let $db = $crate::db::store::testing::shared(&fixture.store);
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let fixture = $crate::db::store::testing::postgres().await;
                {
                    let $questions = $crate::db::store::testing::postgres_questions();
                    let $db = $crate::db::store::testing::shared(&fixture.store);
                    $body
                }
                fixture.finish().await;
            }
        }
    )*};
    ($(async fn $name:ident($db:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let fixture = $crate::db::store::testing::sqlite().await;
                let $db = $crate::db::store::testing::shared(&fixture.store);
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let fixture = $crate::db::store::testing::postgres().await;
                {
                    let $db = $crate::db::store::testing::shared(&fixture.store);
                    $body
                }
                fixture.finish().await;
            }
        }
    )*};
}
pub(crate) use on_both_backends;
