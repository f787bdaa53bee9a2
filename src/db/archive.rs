//! The document archive on SQLite: each document's text and metadata, and a version that moves on with
//! every change (the shared-state interface's `DocumentArchive`; PostgreSQL has its own in `db::postgres`).

use std::collections::HashMap;

use anyhow::Context;

use super::Pool;
use crate::facts::{DocumentMeta, SourceDocument};

/// An archived document as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArchiveRow {
    pub version: i64,
    pub name: String,
    pub title: String,
    pub source: String,
    pub published: String,
    pub language: String,
    pub content_hash: String,
    pub text: String,
}

impl ArchiveRow {
    /// The document as ingest reads it.
    pub fn into_document(self) -> (i64, SourceDocument) {
        let meta =
            DocumentMeta { title: self.title, source: self.source, published: self.published, language: self.language };
        (self.version, SourceDocument { name: self.name, meta, text: self.text, content_hash: self.content_hash })
    }
}

pub(crate) const ARCHIVE_COLUMNS: &str = "version, name, title, source, published, language, content_hash, text";

/// Stores documents whose content hash changed, moving the version on once; the version after.
pub async fn store(pool: &Pool, documents: &[&SourceDocument]) -> anyhow::Result<i64> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to archive documents")?;
    // Writing first takes the write lock at once: two ingesting processes queue instead of both reading
    // and then failing to upgrade their read lock. Nothing changed: the rollback puts the version back.
    let next: i64 = sqlx::query_scalar("UPDATE document_archive SET version = version + 1 RETURNING version")
        .fetch_one(&mut *tx)
        .await
        .context("moving the archive version on")?;
    let mut changed = 0;
    for doc in documents {
        changed += sqlx::query(
            "INSERT INTO archived_documents (name, title, source, published, language, content_hash, text, version, archived_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (name) DO UPDATE SET title = ?2, source = ?3, published = ?4, language = ?5,
                 content_hash = ?6, text = ?7, version = ?8, archived_at = ?9
             WHERE archived_documents.content_hash <> ?6",
        )
        .bind(&doc.name)
        .bind(&doc.meta.title)
        .bind(&doc.meta.source)
        .bind(&doc.meta.published)
        .bind(&doc.meta.language)
        .bind(&doc.content_hash)
        .bind(&doc.text)
        .bind(next)
        .bind(super::now_text())
        .execute(&mut *tx)
        .await
        .with_context(|| format!("archiving document {}", doc.name))?
        .rows_affected();
    }
    if changed == 0 {
        tx.rollback().await.context("leaving the archive as it was")?;
        return Ok(next - 1);
    }
    tx.commit().await.context("committing archived documents")?;
    Ok(next)
}

/// The archive version.
pub async fn version(pool: &Pool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT version FROM document_archive")
        .fetch_one(pool)
        .await
        .context("reading the archive version")
}

/// The content hash of every archived document, by name.
pub async fn hashes(pool: &Pool) -> anyhow::Result<HashMap<String, String>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT name, content_hash FROM archived_documents")
        .fetch_all(pool)
        .await
        .context("reading the archived documents' hashes")?;
    Ok(rows.into_iter().collect())
}

/// Documents stored after `version`, oldest change first.
pub async fn since(pool: &Pool, version: i64) -> anyhow::Result<Vec<ArchiveRow>> {
    sqlx::query_as(&format!(
        "SELECT {ARCHIVE_COLUMNS} FROM archived_documents WHERE version > ? ORDER BY version, name"
    ))
    .bind(version)
    .fetch_all(pool)
    .await
    .with_context(|| format!("reading the documents archived after version {version}"))
}
