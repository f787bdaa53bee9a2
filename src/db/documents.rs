//! Documents and their extracted facts: replacing one atomically, listing, looking up.

use std::collections::HashMap;

use anyhow::Context;
use sqlx::SqliteConnection;

use super::Pool;
use crate::facts::{ParsedDocument, SourceDocument};

/// A document as stored.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub source: String,
    pub published: String,
    pub language: String,
    pub content_hash: String,
    pub bytes: i64,
}

/// The stored content hash of document `name`, if it was ingested.
pub async fn content_hash(pool: &Pool, name: &str) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT content_hash FROM documents WHERE name = ?")
        .bind(name)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading the content hash of document {name}"))
}

/// Replaces document `doc` and all its facts in one transaction; returns the new document id.
pub async fn replace(pool: &Pool, doc: &SourceDocument, parsed: &ParsedDocument) -> anyhow::Result<i64> {
    Ok(replace_many(pool, &[(doc, parsed)]).await?[0])
}

/// Ingest transactions committed by this process: lets readers skip asking the database whether the
/// fact base changed when they know it did (see `answer::cache`).
static LOCAL_INGESTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many ingest transactions this process has committed.
pub fn local_ingests() -> u64 {
    LOCAL_INGESTS.load(std::sync::atomic::Ordering::Acquire)
}

/// Records that this process committed an ingest transaction.
pub(super) fn count_local_ingest() {
    LOCAL_INGESTS.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
}

/// Page cache while ingesting (64 MB) and otherwise (SQLite's default, 2 MB).
const INGEST_CACHE: &str = "PRAGMA cache_size = -65536";
const DEFAULT_CACHE: &str = "PRAGMA cache_size = -2000";

/// Replaces several documents in one transaction (each completely or, if anything fails, none);
/// returns their new ids in order.
pub async fn replace_many(pool: &Pool, docs: &[(&SourceDocument, &ParsedDocument)]) -> anyhow::Result<Vec<i64>> {
    // A batch dirties more pages than the default 2 MB cache holds; spilling them mid-transaction
    // doubled the writes. The connection goes back to the default afterwards (memory stays low).
    let mut conn = pool.acquire().await.context("connecting to ingest")?;
    sqlx::query(INGEST_CACHE).execute(&mut *conn).await.context("sizing the ingest cache")?;
    let mut tx =
        sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await.context("starting the ingest transaction")?;
    let mut ids = Vec::with_capacity(docs.len());
    for (doc, parsed) in docs {
        ids.push(replace_in(&mut tx, doc, parsed).await?);
    }
    sqlx::query("UPDATE fact_base SET version = version + 1")
        .execute(&mut *tx)
        .await
        .context("moving the fact base version on")?;
    tx.commit().await.context("committing the ingested documents")?;
    count_local_ingest();
    sqlx::query(DEFAULT_CACHE).execute(&mut *conn).await.context("resizing the cache")?;
    Ok(ids)
}

/// The stored content hash of every document, by name.
pub async fn content_hashes(pool: &Pool) -> anyhow::Result<HashMap<String, String>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT name, content_hash FROM documents")
        .fetch_all(pool)
        .await
        .context("reading the content hashes of the documents")?;
    Ok(rows.into_iter().collect())
}

/// Facts of the document `?1` (a subquery on the sentences' `(document_id, position)` index).
const OF_DOCUMENT: &str = "sentence_id IN (SELECT id FROM sentences WHERE document_id = ?1)";

/// Writes one document in a handful of statements: each table's rows go in as one JSON array.
async fn replace_in(conn: &mut SqliteConnection, doc: &SourceDocument, parsed: &ParsedDocument) -> anyhow::Result<i64> {
    remove_version(conn, &doc.name).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO documents (name, title, source, published, language, content_hash, bytes, ingested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&doc.name)
    .bind(&doc.meta.title)
    .bind(&doc.meta.source)
    .bind(&doc.meta.published)
    .bind(&doc.meta.language)
    .bind(&doc.content_hash)
    .bind(doc.text.len() as i64)
    .bind(super::now_text())
    .fetch_one(&mut *conn)
    .await
    .with_context(|| format!("inserting document {}", doc.name))?;

    let rows = super::fact_rows::Rows::of(parsed)?;
    let statements = [
        (
            "sentences",
            "INSERT INTO sentences (document_id, paragraph, position, text, fact_key)
          SELECT ?1, value->>0, value->>1, value->>2, value->>3 FROM json_each(?2)",
            &rows.sentences,
        ),
        (
            "mentions",
            "INSERT OR IGNORE INTO mentions (sentence_id, entity_key, inferred, published, document_id, position)
          SELECT s.id, j.value->>1, j.value->>2, ?3, ?1, s.position
          FROM json_each(?2) j CROSS JOIN sentences s ON s.document_id = ?1 AND s.position = j.value->>0",
            &rows.mentions,
        ),
        (
            "figures",
            "INSERT INTO figures (sentence_id, kind, value, unit, text)
          SELECT s.id, j.value->>1, j.value->>2, j.value->>3, j.value->>4
          FROM json_each(?2) j CROSS JOIN sentences s ON s.document_id = ?1 AND s.position = j.value->>0",
            &rows.figures,
        ),
        (
            "topics",
            "INSERT OR IGNORE INTO sentence_topics (sentence_id, topic, published, document_id, position)
          SELECT s.id, j.value->>1, ?3, ?1, s.position
          FROM json_each(?2) j CROSS JOIN sentences s ON s.document_id = ?1 AND s.position = j.value->>0",
            &rows.topics,
        ),
    ];
    for (what, sql, json) in statements {
        sqlx::query(sql)
            .bind(id)
            .bind(json)
            .bind(&doc.meta.published)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("inserting the {what} of {}", doc.name))?;
    }
    super::discovered::insert(conn, id, &parsed.entities).await?;
    adjust_counts(conn, id, "+").await?;
    Ok(id)
}

/// Removes the stored version of document `name`, if any, with its facts and their counts.
pub(super) async fn remove_version(conn: &mut SqliteConnection, name: &str) -> anyhow::Result<()> {
    let old: Option<i64> = sqlx::query_scalar("SELECT id FROM documents WHERE name = ?")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
        .with_context(|| format!("looking up the old version of {}", name))?;
    if let Some(old) = old {
        adjust_counts(conn, old, "-").await?;
        sqlx::query("DELETE FROM documents WHERE id = ?")
            .bind(old)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("removing the old version of {}", name))?;
    }
    Ok(())
}

/// Adds (`"+"`) or subtracts (`"-"`) document `id`'s facts to the per-entity and per-topic counts.
async fn adjust_counts(conn: &mut SqliteConnection, id: i64, sign: &str) -> anyhow::Result<()> {
    for (table, key, source) in
        [("entity_facts", "entity_key", "mentions"), ("topic_facts", "topic", "sentence_topics")]
    {
        let sql = format!(
            "INSERT INTO {table} ({key}, facts)
             SELECT {key}, {sign}COUNT(*) FROM {source} WHERE {OF_DOCUMENT} GROUP BY {key}
             ON CONFLICT ({key}) DO UPDATE SET facts = facts + excluded.facts"
        );
        sqlx::query(&sql).bind(id).execute(&mut *conn).await.with_context(|| format!("counting {table}"))?;
        sqlx::query(&format!("DELETE FROM {table} WHERE facts <= 0"))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("pruning {table}"))?;
    }
    Ok(())
}

/// Every stored document, newest first.
pub async fn list(pool: &Pool) -> anyhow::Result<Vec<DocumentRow>> {
    sqlx::query_as(
        "SELECT id, name, title, source, published, language, content_hash, bytes
         FROM documents ORDER BY published DESC, id DESC",
    )
    .fetch_all(pool)
    .await
    .context("listing documents")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::facts::{DocumentMeta, Figure, FigureKind, Mention, ParsedSentence};

    pub fn doc(name: &str, text: &str) -> SourceDocument {
        SourceDocument {
            name: name.into(),
            meta: DocumentMeta {
                title: "Title".into(),
                source: "Source".into(),
                published: "2024-12".into(),
                language: "en".into(),
            },
            text: text.into(),
            content_hash: format!("hash-of-{text}"),
        }
    }

    pub fn sentence(position: u32, text: &str, entities: &[&str], topics: &[&str]) -> ParsedSentence {
        ParsedSentence {
            paragraph: 0,
            position,
            text: text.into(),
            mentions: entities
                .iter()
                .map(|k| Mention { entity_key: k.to_string(), start: 0, end: 0, inferred: false })
                .collect(),
            figures: Vec::new(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
        }
    }

    pub fn parsed(sentences: Vec<ParsedSentence>) -> ParsedDocument {
        ParsedDocument { sentences, entities: Vec::new() }
    }

    #[sqlx::test]
    async fn replacing_a_document_swaps_all_its_facts_at_once(pool: Pool) {
        let first = parsed(vec![sentence(0, "India and Russia met.", &["country:IN"], &["diplomacy"])]);
        replace(&pool, &doc("a.txt", "v1"), &first).await.unwrap();
        let second = parsed(vec![
            sentence(0, "China traded more.", &["country:CN"], &["trade"]),
            sentence(1, "Trade grew.", &[], &["trade"]),
        ]);
        replace(&pool, &doc("a.txt", "v2"), &second).await.unwrap();

        assert_eq!(content_hash(&pool, "a.txt").await.unwrap().as_deref(), Some("hash-of-v2"));
        let sentences: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sentences").fetch_one(&pool).await.unwrap();
        assert_eq!(sentences, 2);
        let india = crate::db::facts::by_entities(&pool, &["country:IN".into()], 12).await.unwrap();
        assert!(india.is_empty(), "old facts survived: {india:?}");
        let fts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH '\"india\"'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(fts, 0, "the full-text index kept a deleted sentence");
    }

    #[sqlx::test]
    async fn figures_are_stored_with_their_sentence(pool: Pool) {
        let mut s = sentence(0, "Trade reached $240 billion.", &["country:CN"], &["trade"]);
        s.figures.push(Figure {
            kind: FigureKind::Money,
            value: 240e9,
            unit: "USD".into(),
            text: "$240 billion".into(),
            start: 14,
            end: 26,
        });
        replace(&pool, &doc("b.txt", "t"), &parsed(vec![s])).await.unwrap();
        let facts = crate::db::facts::by_entities(&pool, &["country:CN".into()], 12).await.unwrap();
        let figures = crate::db::facts::figures_of(&pool, &[facts[0].sentence_id]).await.unwrap();
        assert_eq!(figures.len(), 1);
        assert_eq!(
            (figures[0].kind.as_str(), figures[0].value, figures[0].text.as_str()),
            ("money", 240e9, "$240 billion")
        );
    }

    #[sqlx::test]
    async fn documents_are_listed_newest_first(pool: Pool) {
        let mut old = doc("old.txt", "o");
        old.meta.published = "2023-01-01".into();
        replace(&pool, &old, &parsed(vec![sentence(0, "Old.", &[], &[])])).await.unwrap();
        replace(&pool, &doc("new.txt", "n"), &parsed(vec![sentence(0, "New.", &[], &[])])).await.unwrap();
        let names: Vec<String> = list(&pool).await.unwrap().into_iter().map(|d| d.name).collect();
        assert_eq!(names, vec!["new.txt", "old.txt"]);
    }
}
