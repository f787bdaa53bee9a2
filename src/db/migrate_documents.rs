//! The documents part of `migrate-to`: the SQLite archive's documents, and those it lacks (ingested
//! before the archive existed) rebuilt from their sentences in the fact index, go into the PostgreSQL
//! archive at version 1, which every replica then indexes.

use anyhow::Context;
use sqlx::{Postgres, Transaction};

use super::{Pool, archive::ARCHIVE_COLUMNS, archive::ArchiveRow};

/// Copies every document; returns how many.
pub(super) async fn copy(source: &Pool, tx: &mut Transaction<'_, Postgres>) -> anyhow::Result<i64> {
    let mut documents: Vec<ArchiveRow> =
        sqlx::query_as(&format!("SELECT {ARCHIVE_COLUMNS} FROM archived_documents ORDER BY name"))
            .fetch_all(source)
            .await
            .context("reading the archived documents")?;
    documents.extend(rebuilt_from_index(source).await?);
    for doc in &documents {
        sqlx::query(
            "INSERT INTO archived_documents
                 (name, title, source, published, language, content_hash, text, version, archived_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)",
        )
        .bind(&doc.name)
        .bind(&doc.title)
        .bind(&doc.source)
        .bind(&doc.published)
        .bind(&doc.language)
        .bind(&doc.content_hash)
        .bind(&doc.text)
        .bind(super::now_text())
        .execute(&mut **tx)
        .await
        .with_context(|| format!("copying document {}", doc.name))?;
    }
    let count = documents.len() as i64;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM archived_documents").fetch_one(&mut **tx).await?;
    anyhow::ensure!(stored == count, "documents: {count} in SQLite but {stored} in PostgreSQL");
    if count > 0 {
        sqlx::query("UPDATE document_archive SET version = 1").execute(&mut **tx).await?;
    }
    Ok(count)
}

/// Indexed documents the archive lacks, their text rebuilt: sentences in order, a blank line between
/// paragraphs (parsing it again gives the same sentences).
async fn rebuilt_from_index(source: &Pool) -> anyhow::Result<Vec<ArchiveRow>> {
    let mut documents: Vec<(i64, ArchiveRow)> =
        sqlx::query_as::<_, (i64, String, String, String, String, String, String)>(
            "SELECT id, name, title, source, published, language, content_hash FROM documents
         WHERE name NOT IN (SELECT name FROM archived_documents) ORDER BY id",
        )
        .fetch_all(source)
        .await
        .context("reading the documents the archive lacks")?
        .into_iter()
        .map(|(id, name, title, source, published, language, content_hash)| {
            (id, ArchiveRow { version: 1, name, title, source, published, language, content_hash, text: String::new() })
        })
        .collect();
    for (id, doc) in &mut documents {
        let sentences: Vec<(i64, String)> =
            sqlx::query_as("SELECT paragraph, text FROM sentences WHERE document_id = ? ORDER BY position")
                .bind(*id)
                .fetch_all(source)
                .await
                .with_context(|| format!("reading the sentences of {}", doc.name))?;
        let mut last = None;
        for (paragraph, text) in sentences {
            if !doc.text.is_empty() {
                doc.text.push_str(if last == Some(paragraph) { " " } else { "\n\n" });
            }
            doc.text.push_str(&text);
            last = Some(paragraph);
        }
    }
    Ok(documents.into_iter().map(|(_, doc)| doc).collect())
}
