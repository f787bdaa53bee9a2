//! A replica's fact index kept in step with the shared document archive: at start, and whenever the
//! archive's version has moved, the documents stored since the last catch-up are ingested into the
//! replica's own SQLite index (a document whose content hash the index has already is skipped).

use super::{IngestError, IngestOutcome, Ingestor};
use crate::db::{Pool, store::DocumentArchive};

/// What one catch-up did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatchUp {
    /// Documents whose facts were added or replaced.
    pub changed: usize,
    /// Documents the index had already (same content hash).
    pub unchanged: usize,
    /// Documents that could not become facts (no sentences), with why.
    pub failed: Vec<String>,
    /// The archive version the index now reflects.
    pub version: i64,
}

/// Follows the archive for one index.
pub struct IndexSync {
    ingestor: Ingestor,
    /// The archive version the index reflects; 0 before the first catch-up.
    built_at: i64,
}

impl IndexSync {
    pub fn new(ingestor: Ingestor) -> Self {
        Self { ingestor, built_at: 0 }
    }

    /// The archive version the index reflects.
    pub fn version(&self) -> i64 {
        self.built_at
    }

    /// Ingests what the archive stored since the last catch-up; one cheap read when nothing moved.
    pub async fn catch_up(&mut self, archive: &(dyn DocumentArchive + Sync), index: &Pool) -> anyhow::Result<CatchUp> {
        let version = archive.archive_version().await?;
        let mut report = CatchUp { version: self.built_at, ..CatchUp::default() };
        if version == self.built_at {
            return Ok(report);
        }
        let archived = archive.archived_since(self.built_at).await?;
        let newest = archived.iter().map(|a| a.version).max().unwrap_or(version);
        let docs = archived.into_iter().map(|a| a.document).collect();
        for outcome in self.ingestor.ingest_all(index, docs).await? {
            match outcome {
                Ok(IngestOutcome::Unchanged) => report.unchanged += 1,
                Ok(_) => report.changed += 1,
                Err(IngestError::Unexpected(e)) => return Err(e),
                Err(e) => {
                    log::warn!("an archived document gave no facts: {e}");
                    report.failed.push(e.to_string());
                }
            }
        }
        self.built_at = newest.max(self.built_at);
        report.version = self.built_at;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        db::{facts, postgres::PgStore, postgres::test_server::ThrowawayDatabase},
        facts::{DocumentMeta, Knowledge, SourceDocument},
    };

    fn document(name: &str, text: &str) -> SourceDocument {
        let meta = DocumentMeta {
            title: name.into(),
            source: "Ministry of Energy".into(),
            published: "2024-12-01".into(),
            language: "en".into(),
        };
        SourceDocument { name: name.into(), meta, text: text.into(), content_hash: format!("sha of {text}") }
    }

    async fn index() -> (Pool, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("index.db").display());
        (crate::db::connect(&url).await.unwrap(), dir)
    }

    async fn energy_facts(pool: &Pool) -> Vec<String> {
        facts::by_topic(pool, "energy", 20).await.unwrap().into_iter().map(|f| f.text).collect()
    }

    #[tokio::test]
    async fn two_replicas_index_what_either_archived_and_only_what_changed() {
        let shared = ThrowawayDatabase::create().await;
        let archive = PgStore::new(shared.pool.clone());
        let ingestor = Ingestor::new(Knowledge::bundled().unwrap());
        let ((one, _d1), (two, _d2)) = (index().await, index().await);
        let (mut sync_one, mut sync_two) = (IndexSync::new(ingestor.clone()), IndexSync::new(ingestor));

        let gas = document("gas.md", "India and Russia signed an oil and gas supply agreement in Delhi.");
        archive.archive_documents(&[&gas]).await.unwrap();
        let first = sync_one.catch_up(&archive, &one).await.unwrap();
        assert_eq!((first.changed, first.version), (1, 1));
        assert_eq!(sync_two.catch_up(&archive, &two).await.unwrap().changed, 1);
        assert_eq!(energy_facts(&one).await, energy_facts(&two).await);
        assert_eq!(energy_facts(&two).await.len(), 1, "the agreement is an energy fact");

        // Another process revises the document: each replica re-ingests it, and only it.
        let nuclear = document("nuclear.md", "Russia will build a nuclear power plant in Uzbekistan.");
        archive.archive_documents(&[&nuclear]).await.unwrap();
        let gas2 = document("gas.md", "India and Russia signed a long-term gas supply agreement in Moscow.");
        archive.archive_documents(&[&gas2]).await.unwrap();
        let second = sync_two.catch_up(&archive, &two).await.unwrap();
        assert_eq!((second.changed, second.unchanged, second.version), (2, 0, 3));
        let facts_two = energy_facts(&two).await;
        assert!(facts_two.iter().any(|f| f.contains("Moscow")) && !facts_two.iter().any(|f| f.contains("Delhi")));
        assert_eq!(sync_two.catch_up(&archive, &two).await.unwrap(), CatchUp { version: 3, ..CatchUp::default() });

        // A replica restarting on its old index file re-reads the archive and skips what it has.
        let mut restarted = IndexSync::new(Ingestor::new(Knowledge::bundled().unwrap()));
        let again = restarted.catch_up(&archive, &two).await.unwrap();
        assert_eq!((again.changed, again.unchanged, again.version), (0, 2, 3));
        shared.drop_now().await;
    }
}
