//! Bulk loading many documents: one transaction, with the secondary indexes and the full-text insert trigger
//! set aside during the load and rebuilt before the commit. A crash or an error rolls everything back (the
//! dropped indexes and trigger included, SQLite DDL being transactional), so the previous fact base stays
//! exactly as it was, and readable throughout (WAL readers keep their snapshot).

use anyhow::Context;
use sqlx::{Sqlite, pool::PoolConnection};

use super::{Pool, bulk_rows::BulkRows};
use crate::facts::{ParsedDocument, SourceDocument};

/// Indexes and triggers dropped for the load. None of them serves the load itself: a replaced document's
/// rows cascade along primary keys and `figures_sentence` (which stays, its inserts being appends).
const SET_ASIDE: &[&str] = &[
    "sentences_fact_key",
    "mentions_newest",
    "sentence_topics_newest",
    "discovered_entities_key",
    "sentences_fts_insert",
];

/// How the loading connection is set up before its transaction begins: a 64 MB page cache for the load;
/// temporary files on disk, since SQLite's sorter uses helper threads only then (with the pool's
/// in-memory temporary storage it sorts on the connection's own thread); and no checkpoint in its commit
/// (copying the whole load from the WAL into the database file, 0.7 s at 10,000 documents here): that
/// checkpoint runs after the commit, in the background ([`checkpoint_in_background`]).
const LOAD_SETUP: [&str; 3] =
    ["PRAGMA cache_size = -65536", "PRAGMA temp_store = FILE", "PRAGMA wal_autocheckpoint = 0"];
/// The indexes are rebuilt with SQLite's default 2 MB cache, which is also the size of the chunks its
/// sorter sorts, on up to [`MOST_SORT_THREADS`] threads, before merging them: 1.8-2.7x faster here than
/// one 64 MB sort on the connection's thread.
const REBUILD_CACHE: &str = "PRAGMA cache_size = -2000";
const MOST_SORT_THREADS: usize = 4;

/// A bulk load in progress: documents go in with [`BulkLoad::write`], and nothing is visible to anyone
/// until [`BulkLoad::commit`].
pub struct BulkLoad {
    /// The loading connection, inside the load's `BEGIN IMMEDIATE`. Set up for the load, it never goes
    /// back to the pool: it is closed after the commit, or when the load is dropped, and closing a
    /// connection inside a transaction rolls the transaction back.
    conn: PoolConnection<Sqlite>,
    /// The pool, for the checkpoint after the commit.
    pool: Pool,
    /// The `CREATE` statements of what was set aside, to run again before the commit.
    set_aside: Vec<String>,
    /// Ids above these are new in this load (assigned here: the load holds the write lock).
    old_max_sentence: i64,
    next_document: i64,
    next_sentence: i64,
}

impl BulkLoad {
    /// Takes the write lock and sets the indexes and the full-text trigger aside.
    pub async fn begin(pool: &Pool) -> anyhow::Result<BulkLoad> {
        let mut conn = pool.acquire().await.context("taking a connection for the bulk load")?;
        conn.close_on_drop();
        for sql in LOAD_SETUP.into_iter().chain(["BEGIN IMMEDIATE"]) {
            sqlx::query(sql).execute(&mut *conn).await.context("starting the bulk load")?;
        }
        let (max_document, max_sentence): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM documents), (SELECT COALESCE(MAX(id), 0) FROM sentences)",
        )
        .fetch_one(&mut *conn)
        .await
        .context("reading the highest ids")?;
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT type, name, sql FROM sqlite_master
             WHERE name IN (SELECT value FROM json_each(?)) AND sql IS NOT NULL ORDER BY type, name",
        )
        .bind(serde_json::to_string(SET_ASIDE)?)
        .fetch_all(&mut *conn)
        .await
        .context("reading the definitions of the indexes to set aside")?;
        let mut set_aside = Vec::with_capacity(rows.len());
        for (kind, name, sql) in rows {
            let drop = format!("DROP {} \"{name}\"", if kind == "trigger" { "TRIGGER" } else { "INDEX" });
            sqlx::query(&drop).execute(&mut *conn).await.with_context(|| format!("setting {name} aside"))?;
            set_aside.push(sql);
        }
        Ok(BulkLoad {
            conn,
            pool: pool.clone(),
            set_aside,
            old_max_sentence: max_sentence,
            next_document: max_document + 1,
            next_sentence: max_sentence + 1,
        })
    }

    /// Writes documents (replacing older versions of the same names; the names must be distinct within a
    /// load) in a handful of statements; returns their new ids in order.
    pub async fn write(&mut self, docs: &[(&SourceDocument, &ParsedDocument)]) -> anyhow::Result<Vec<i64>> {
        let names: Vec<&str> = docs.iter().map(|(doc, _)| doc.name.as_str()).collect();
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT name FROM documents WHERE name IN (SELECT value FROM json_each(?))")
                .bind(serde_json::to_string(&names)?)
                .fetch_all(&mut *self.conn)
                .await
                .context("looking up the older versions of a batch")?;
        for name in &stored {
            super::documents::remove_version(&mut self.conn, name).await?;
        }
        let mut rows = BulkRows::default();
        let first_sentence = self.next_sentence;
        let mut ids = Vec::with_capacity(docs.len());
        for (doc, parsed) in docs {
            ids.push(self.next_document);
            self.next_sentence = rows.push(self.next_document, self.next_sentence, doc, parsed, super::now_text());
            self.next_document += 1;
        }
        rows.insert(&mut self.conn).await?;
        // Indexed for full-text search batch by batch (what the trigger set aside would do row by row), so
        // that the work overlaps with the parsing of the next documents instead of lengthening the commit.
        sqlx::query("INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE id >= ? AND id < ?")
            .bind(first_sentence)
            .bind(self.next_sentence)
            .execute(&mut *self.conn)
            .await
            .context("indexing a batch for full-text search")?;
        let entities: Vec<(i64, &[crate::facts::Entity])> =
            ids.iter().zip(docs).map(|(id, (_, parsed))| (*id, parsed.entities.as_slice())).collect();
        super::discovered::insert_many(&mut self.conn, &entities).await?;
        Ok(ids)
    }

    /// Puts the indexes and the trigger back, counts the new sentences' facts and commits: the new
    /// documents appear all at once.
    pub async fn commit(mut self) -> anyhow::Result<()> {
        let conn = &mut *self.conn;
        let threads = std::thread::available_parallelism().map_or(1, usize::from).min(MOST_SORT_THREADS);
        for sql in [REBUILD_CACHE.to_string(), format!("PRAGMA threads = {threads}")] {
            sqlx::query(&sql).execute(&mut *conn).await.context("preparing the index rebuild")?;
        }
        for sql in &self.set_aside {
            sqlx::query(sql).execute(&mut *conn).await.context("rebuilding an index set aside for the bulk load")?;
        }
        // Counted after the rebuild: `mentions_newest` and `sentence_topics_newest` lead with the key, so each
        // count is a scan of a covering index, not a sort of every new row (1.6 s of the commit at 10,000
        // documents here, 0.25 s this way).
        let new = self.old_max_sentence;
        let statements = [
            (
                "entity counts",
                "INSERT INTO entity_facts (entity_key, facts)
                 SELECT entity_key, COUNT(*) FROM mentions WHERE sentence_id > ? GROUP BY entity_key
                 ON CONFLICT (entity_key) DO UPDATE SET facts = facts + excluded.facts",
            ),
            (
                "topic counts",
                "INSERT INTO topic_facts (topic, facts)
                 SELECT topic, COUNT(*) FROM sentence_topics WHERE sentence_id > ? GROUP BY topic
                 ON CONFLICT (topic) DO UPDATE SET facts = facts + excluded.facts",
            ),
        ];
        for (what, sql) in statements {
            sqlx::query(sql).bind(new).execute(&mut *conn).await.with_context(|| format!("building the {what}"))?;
        }
        for sql in [
            "DELETE FROM entity_facts WHERE facts <= 0",
            "DELETE FROM topic_facts WHERE facts <= 0",
            "UPDATE fact_base SET version = version + 1",
            "COMMIT",
        ] {
            sqlx::query(sql).execute(&mut *conn).await.context("finishing the bulk load")?;
        }
        if let Err(e) = self.conn.close().await {
            log::warn!("closing the bulk-load connection after its commit: {e}");
        }
        checkpoint_in_background(self.pool);
        super::documents::count_local_ingest();
        Ok(())
    }
}

/// Copies the committed load from the WAL into the database file without blocking anyone: a passive
/// checkpoint waits for no reader or writer, and what it cannot copy yet, a later checkpoint does. Until
/// then the load is as durable and as visible as any commit (readers find its pages in the WAL).
fn checkpoint_in_background(pool: Pool) {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&pool).await {
            Ok((_, frames, copied)) => {
                log::info!("checkpointed the bulk load: {copied} of {frames} WAL frames in {:.1?}", started.elapsed())
            }
            Err(e) => log::warn!("checkpointing after the bulk load (a later checkpoint will copy it): {e}"),
        }
    });
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
