//! Documents and their extracted facts: replacing one atomically, listing, looking up.

use anyhow::Context;
use sqlx::{Sqlite, Transaction};

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
                .bind(figure.kind.as_str())
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
        ParsedDocument { sentences }
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
        let india = crate::db::facts::by_entities(&pool, &["country:IN".into()]).await.unwrap();
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
        let facts = crate::db::facts::by_entities(&pool, &["country:CN".into()]).await.unwrap();
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
