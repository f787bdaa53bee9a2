//! Documents and their extracted facts: replacing one atomically, listing, looking up.

use anyhow::Context;
use sqlx::{Sqlite, Transaction};

use super::Pool;
use crate::facts::{FigureKind, ParsedDocument, SourceDocument};

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
    let mut tx = pool.begin().await.context("starting the ingest transaction")?;
    let id = replace_in(&mut tx, doc, parsed).await?;
    tx.commit().await.with_context(|| format!("committing document {}", doc.name))?;
    Ok(id)
}

async fn replace_in(
    tx: &mut Transaction<'_, Sqlite>,
    doc: &SourceDocument,
    parsed: &ParsedDocument,
) -> anyhow::Result<i64> {
    sqlx::query("DELETE FROM documents WHERE name = ?")
        .bind(&doc.name)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("removing the old version of {}", doc.name))?;
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
    .fetch_one(&mut **tx)
    .await
    .with_context(|| format!("inserting document {}", doc.name))?;

    for sentence in &parsed.sentences {
        let sentence_id: i64 = sqlx::query_scalar(
            "INSERT INTO sentences (document_id, paragraph, position, text, fact_key) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(id)
        .bind(sentence.paragraph)
        .bind(sentence.position)
        .bind(&sentence.text)
        .bind(crate::facts::fact_key(&sentence.text))
        .fetch_one(&mut **tx)
        .await
        .context("inserting a sentence")?;
        for mention in &sentence.mentions {
            sqlx::query("INSERT OR IGNORE INTO mentions (sentence_id, entity_key, inferred) VALUES (?, ?, ?)")
                .bind(sentence_id)
                .bind(&mention.entity_key)
                .bind(mention.inferred)
                .execute(&mut **tx)
                .await
                .context("inserting a mention")?;
        }
        for figure in &sentence.figures {
            sqlx::query("INSERT INTO figures (sentence_id, kind, value, unit, text) VALUES (?, ?, ?, ?, ?)")
                .bind(sentence_id)
                .bind(figure_kind_name(figure.kind))
                .bind(figure.value)
                .bind(&figure.unit)
                .bind(&figure.text)
                .execute(&mut **tx)
                .await
                .context("inserting a figure")?;
        }
        for topic in &sentence.topics {
            sqlx::query("INSERT OR IGNORE INTO sentence_topics (sentence_id, topic) VALUES (?, ?)")
                .bind(sentence_id)
                .bind(topic)
                .execute(&mut **tx)
                .await
                .context("inserting a topic")?;
        }
    }
    Ok(id)
}

/// The name a figure kind is stored under.
pub fn figure_kind_name(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Money => "money",
        FigureKind::Percent => "percent",
        FigureKind::Count => "count",
        FigureKind::Quantity => "quantity",
        FigureKind::Ordinal => "ordinal",
        FigureKind::Date => "date",
    }
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
