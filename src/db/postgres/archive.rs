//! The document archive on PostgreSQL: the documents' text and metadata, from which every replica builds
//! its fact index. Writers take the version row's lock, so versions are handed out in commit order.

use std::collections::HashMap;

use anyhow::Context;
use async_trait::async_trait;

use super::PgStore;
use crate::{
    db::{
        archive::{ARCHIVE_COLUMNS, ArchiveRow},
        store::feeds::{ArchivedDocument, DocumentArchive},
    },
    facts::SourceDocument,
};

#[async_trait]
impl DocumentArchive for PgStore {
    async fn archive_documents(&self, documents: &[&SourceDocument]) -> anyhow::Result<i64> {
        let mut tx = self.pool.begin().await.context("starting to archive documents")?;
        // The version row stays locked until commit: concurrent writers queue and get versions in order.
        // Nothing changed: the rollback puts the version back.
        let next: i64 = sqlx::query_scalar("UPDATE document_archive SET version = version + 1 RETURNING version")
            .fetch_one(&mut *tx)
            .await
            .context("moving the archive version on")?;
        let mut changed = 0;
        for doc in documents {
            changed += sqlx::query(
                "INSERT INTO archived_documents
                     (name, title, source, published, language, content_hash, text, version, archived_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (name) DO UPDATE SET title = $2, source = $3, published = $4, language = $5,
                     content_hash = $6, text = $7, version = $8, archived_at = $9
                 WHERE archived_documents.content_hash <> $6",
            )
            .bind(&doc.name)
            .bind(&doc.meta.title)
            .bind(&doc.meta.source)
            .bind(&doc.meta.published)
            .bind(&doc.meta.language)
            .bind(&doc.content_hash)
            .bind(&doc.text)
            .bind(next)
            .bind(crate::db::now_text())
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

    async fn archive_version(&self) -> anyhow::Result<i64> {
        sqlx::query_scalar("SELECT version FROM document_archive")
            .fetch_one(&self.pool)
            .await
            .context("reading the archive version")
    }

    async fn archived_hashes(&self) -> anyhow::Result<HashMap<String, String>> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT name, content_hash FROM archived_documents")
            .fetch_all(&self.pool)
            .await
            .context("reading the archived documents' hashes")?;
        Ok(rows.into_iter().collect())
    }

    async fn archived_since(&self, version: i64) -> anyhow::Result<Vec<ArchivedDocument>> {
        let rows: Vec<ArchiveRow> = sqlx::query_as(&format!(
            "SELECT {ARCHIVE_COLUMNS} FROM archived_documents WHERE version > $1 ORDER BY version, name"
        ))
        .bind(version)
        .fetch_all(&self.pool)
        .await
        .with_context(|| format!("reading the documents archived after version {version}"))?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let (version, document) = row.into_document();
                ArchivedDocument { version, document }
            })
            .collect())
    }
}
