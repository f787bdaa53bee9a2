//! Reading facts: sentences by entity or topic, with their figures, mentions and source document.

use anyhow::Context;

use super::{Pool, json_rows};

pub use super::annotations::{figures_of, mentions_and_figures, mentions_of};

/// One fact: a sentence with the document it comes from.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize, PartialEq)]
pub struct FactRow {
    pub sentence_id: i64,
    pub document_id: i64,
    pub paragraph: i64,
    pub position: i64,
    pub text: String,
    pub fact_key: String,
    pub doc_title: String,
    pub doc_source: String,
    pub doc_published: String,
    pub doc_language: String,
    /// Where a document from the web came from (its title links there).
    pub doc_url: Option<String>,
}

impl FactRow {
    /// The reading order of facts: newest document first, then document order.
    pub fn newest_first(&self, other: &FactRow) -> std::cmp::Ordering {
        (other.doc_published.as_str(), other.document_id)
            .cmp(&(self.doc_published.as_str(), self.document_id))
            .then(self.position.cmp(&other.position))
    }
}

/// A figure found in a sentence.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize, PartialEq)]
pub struct FigureRow {
    pub sentence_id: i64,
    pub kind: String,
    pub value: f64,
    pub unit: String,
    pub text: String,
}

/// An entity named (or implied) by a sentence.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize, PartialEq)]
pub struct MentionRow {
    pub sentence_id: i64,
    pub entity_key: String,
    #[serde(deserialize_with = "json_rows::int_bool")]
    pub inferred: bool,
}

pub(crate) const FACT_COLUMNS: &str = "s.id AS sentence_id, s.document_id, s.paragraph, s.position, s.text, s.fact_key,
     d.title AS doc_title, d.source AS doc_source, d.published AS doc_published, d.language AS doc_language,
     d.url AS doc_url";

/// The names of [`FACT_COLUMNS`]' results, in [`FactRow`]'s field order (for [`json_rows::aggregated`]).
pub(crate) const FACT_FIELDS: &str = "sentence_id, document_id, paragraph, position, text, fact_key, doc_title,
     doc_source, doc_published, doc_language, doc_url";

/// The newest `limit` facts naming any of `entity_keys`: newest document first, in document order.
/// Each key is read a page at a time along the `mentions_newest` index, then the pages are merged.
pub async fn by_entities(pool: &Pool, entity_keys: &[String], limit: i64) -> anyhow::Result<Vec<FactRow>> {
    let inner = format!(
        "SELECT {FACT_COLUMNS}, m.published AS published FROM mentions m JOIN sentences s ON s.id = m.sentence_id
         JOIN documents d ON d.id = s.document_id
         WHERE m.entity_key = ? ORDER BY m.published DESC, m.document_id DESC, m.position LIMIT ?"
    );
    let sql = json_rows::aggregated(FACT_FIELDS, &inner, "published DESC, document_id DESC, position");
    let mut rows: Vec<FactRow> = Vec::new();
    for key in entity_keys {
        let json: String = sqlx::query_scalar(&sql)
            .bind(key)
            .bind(limit)
            .fetch_one(pool)
            .await
            .with_context(|| format!("reading facts about {key}"))?;
        rows.extend(json_rows::decode::<FactRow>(&json)?);
    }
    Ok(newest_first(rows, limit))
}

/// Sorts facts newest document first, in document order, without repeats, and keeps `limit`.
fn newest_first(mut rows: Vec<FactRow>, limit: i64) -> Vec<FactRow> {
    rows.sort_by(FactRow::newest_first);
    rows.dedup_by_key(|r| r.sentence_id);
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    rows
}

/// How many facts name any of `entity_keys`. One key is a lookup; several are counted without
/// double-counting a sentence that names two of them.
pub async fn count_by_entities(pool: &Pool, entity_keys: &[String]) -> anyhow::Result<i64> {
    let counted = if let [key] = entity_keys {
        sqlx::query_scalar("SELECT COALESCE((SELECT facts FROM entity_facts WHERE entity_key = ?), 0)").bind(key)
    } else {
        sqlx::query_scalar(
            "SELECT COUNT(DISTINCT sentence_id) FROM mentions WHERE entity_key IN (SELECT value FROM json_each(?))",
        )
        .bind(json_rows::list(entity_keys))
    };
    counted.fetch_one(pool).await.with_context(|| format!("counting facts about {entity_keys:?}"))
}

/// How many facts name each of `entity_keys` (those named by none are left out), in one read.
pub async fn facts_per_entity(
    pool: &Pool,
    entity_keys: &[String],
) -> anyhow::Result<std::collections::HashMap<String, i64>> {
    let sql = json_rows::aggregated(
        "entity_key, facts",
        "SELECT entity_key, facts FROM entity_facts WHERE entity_key IN (SELECT value FROM json_each(?))",
        "entity_key",
    );
    let json: String = sqlx::query_scalar(&sql)
        .bind(json_rows::list(entity_keys))
        .fetch_one(pool)
        .await
        .context("counting the facts of entities")?;
    Ok(json_rows::decode::<(String, i64)>(&json)?.into_iter().collect())
}

/// The newest `limit` facts classified under `topic`.
pub async fn by_topic(pool: &Pool, topic: &str, limit: i64) -> anyhow::Result<Vec<FactRow>> {
    let sql = format!(
        "SELECT {FACT_COLUMNS} FROM sentence_topics t JOIN sentences s ON s.id = t.sentence_id
         JOIN documents d ON d.id = s.document_id
         WHERE t.topic = ? ORDER BY t.published DESC, t.document_id DESC, t.position LIMIT ?"
    );
    sqlx::query_as(&sql)
        .bind(topic)
        .bind(limit)
        .fetch_all(pool)
        .await
        .with_context(|| format!("reading facts on topic {topic}"))
}

/// How many facts fall under `topic`.
pub async fn count_by_topic(pool: &Pool, topic: &str) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COALESCE((SELECT facts FROM topic_facts WHERE topic = ?), 0)")
        .bind(topic)
        .fetch_one(pool)
        .await
        .with_context(|| format!("counting facts on topic {topic}"))
}

/// The fact base's version: it changes with every ingest.
pub async fn version(pool: &Pool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT version FROM fact_base").fetch_one(pool).await.context("reading the fact base version")
}

/// How many facts name each entity, most-mentioned first (for suggestions and popular lists).
pub async fn entity_counts(pool: &Pool) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT entity_key, facts FROM entity_facts ORDER BY facts DESC, entity_key")
        .fetch_all(pool)
        .await
        .context("counting mentions per entity")
}

/// How many facts each topic has.
pub async fn topic_counts(pool: &Pool) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT topic, facts FROM topic_facts ORDER BY facts DESC, topic")
        .fetch_all(pool)
        .await
        .context("counting facts per topic")
}

/// The sentences of one paragraph, in order (the "source" view of a fact).
pub async fn paragraph_of(pool: &Pool, sentence_id: i64) -> anyhow::Result<Vec<FactRow>> {
    let sql = format!(
        "SELECT {FACT_COLUMNS} FROM sentences s JOIN documents d ON d.id = s.document_id
         JOIN sentences anchor ON anchor.document_id = s.document_id AND anchor.paragraph = s.paragraph
         WHERE anchor.id = ? ORDER BY s.position"
    );
    sqlx::query_as(&sql).bind(sentence_id).fetch_all(pool).await.context("reading a paragraph")
}

/// The topics of an entity's newest 500 facts, most frequent first.
pub async fn topics_of_entity(pool: &Pool, entity_key: &str) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT t.topic FROM (SELECT sentence_id FROM mentions WHERE entity_key = ?
                              ORDER BY published DESC, document_id DESC, position LIMIT 500) m
         JOIN sentence_topics t ON t.sentence_id = m.sentence_id GROUP BY t.topic ORDER BY COUNT(*) DESC, t.topic",
    )
    .bind(entity_key)
    .fetch_all(pool)
    .await
    .with_context(|| format!("reading the topics of {entity_key}"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::db::documents::{
        replace,
        tests::{doc, parsed, sentence},
    };

    pub(crate) async fn two_documents(pool: &Pool) {
        let mut older = doc("older.txt", "o");
        older.meta.published = "2024-01".into();
        let first = parsed(vec![
            sentence(0, "India and China met.", &["country:IN", "country:CN"], &["diplomacy"]),
            sentence(1, "India traded.", &["country:IN"], &["trade"]),
        ]);
        replace(pool, &older, &first).await.unwrap();
        let newer = parsed(vec![
            sentence(0, "China grew.", &["country:CN"], &["trade"]),
            sentence(1, "India and China signed.", &["country:IN", "country:CN"], &["trade"]),
        ]);
        replace(pool, &doc("newer.txt", "n"), &newer).await.unwrap();
    }

    fn texts(rows: &[FactRow]) -> Vec<&str> {
        rows.iter().map(|r| r.text.as_str()).collect()
    }

    #[sqlx::test]
    async fn a_page_holds_the_newest_facts_in_document_order_without_repeats(pool: Pool) {
        two_documents(&pool).await;
        let both = ["country:IN".to_owned(), "country:CN".to_owned()];
        let page = by_entities(&pool, &both, 3).await.unwrap();
        assert_eq!(texts(&page), ["China grew.", "India and China signed.", "India and China met."]);
        assert_eq!(count_by_entities(&pool, &both).await.unwrap(), 4, "a sentence naming both counts once");
        assert_eq!(count_by_entities(&pool, &both[..1]).await.unwrap(), 3);
        let trade = by_topic(&pool, "trade", 2).await.unwrap();
        assert_eq!(texts(&trade), ["China grew.", "India and China signed."]);
        assert_eq!(count_by_topic(&pool, "trade").await.unwrap(), 3);
    }

    #[sqlx::test]
    async fn the_facts_per_entity_and_the_version_follow_the_documents(pool: Pool) {
        let before = version(&pool).await.unwrap();
        two_documents(&pool).await;
        assert_eq!(version(&pool).await.unwrap(), before + 2, "each ingest moves the version on");
        let keys = ["country:IN".to_owned(), "country:CN".to_owned(), "country:XX".to_owned()];
        let counted = facts_per_entity(&pool, &keys).await.unwrap();
        let expected = [("country:CN".to_owned(), 3), ("country:IN".to_owned(), 3)].into_iter().collect();
        assert_eq!(counted, expected, "an entity no fact names is left out");
        assert!(facts_per_entity(&pool, &keys[2..]).await.unwrap().is_empty());
    }
}
