//! Documents in, through any process: into this process's fact index, and, where replicas keep their
//! index apart from the shared store, into the shared archive that every replica's index follows
//! (`facts::index_sync`). On the embedded store the index file is the store, and nothing else is written.

use std::path::Path;

use super::{
    IngestError, IngestOutcome, Ingestor, SourceDocument,
    ingest::{SyncReport, document_files},
};
use crate::db::{
    Pool,
    store::{SharedDatabase, sqlite::SqliteStore},
};

/// The fact index, the shared store, and the rules that turn documents into facts.
#[derive(Clone)]
pub struct Intake {
    pub index: Pool,
    pub store: SharedDatabase,
    pub ingestor: Ingestor,
}

impl Intake {
    pub fn new(index: Pool, store: SharedDatabase, ingestor: Ingestor) -> Self {
        Self { index, store, ingestor }
    }

    /// The embedded installation: one SQLite file is both the store and the index.
    pub fn embedded(index: Pool, ingestor: Ingestor) -> Self {
        let store: SharedDatabase = std::sync::Arc::new(SqliteStore::new(index.clone()));
        Self { index, store, ingestor }
    }

    /// Ingests one document, then archives it for the other replicas.
    pub async fn ingest(&self, doc: &SourceDocument) -> Result<IngestOutcome, IngestError> {
        let outcome = self.ingestor.ingest(&self.index, doc).await?;
        self.archive(&[doc]).await?;
        Ok(outcome)
    }

    /// Ingests documents in one call (a bulk load from the threshold on); those that gave facts are
    /// archived for the other replicas. One outcome per document, in order.
    pub async fn ingest_all(
        &self,
        docs: Vec<SourceDocument>,
    ) -> anyhow::Result<Vec<Result<IngestOutcome, IngestError>>> {
        let shared = self.store.keeps_index_apart();
        let copies = if shared { docs.clone() } else { Vec::new() };
        let outcomes = self.ingestor.ingest_all(&self.index, docs).await?;
        let good: Vec<&SourceDocument> =
            copies.iter().zip(&outcomes).filter(|(_, outcome)| outcome.is_ok()).map(|(doc, _)| doc).collect();
        self.archive(&good).await?;
        Ok(outcomes)
    }

    /// Brings the documents of folder `dir` into the index (and the archive), as [`Ingestor::sync_dir`].
    pub async fn sync_dir(&self, dir: &Path) -> anyhow::Result<SyncReport> {
        if !self.store.keeps_index_apart() {
            return self.ingestor.sync_dir(&self.index, dir).await;
        }
        // Every readable document goes to the archive (which skips unchanged ones): another replica may
        // have a different copy of the folder.
        let mut report = SyncReport::default();
        let mut docs = Vec::new();
        for path in document_files(dir)? {
            match SourceDocument::read(&path, &self.ingestor.knowledge().rules_hash) {
                Ok(doc) => docs.push(doc),
                Err(e) => report.skip(&IngestError::Source(e)),
            }
        }
        let names: Vec<String> = docs.iter().map(|d| d.name.clone()).collect();
        report.count(&names, self.ingest_all(docs).await?)?;
        Ok(report)
    }

    async fn archive(&self, docs: &[&SourceDocument]) -> anyhow::Result<()> {
        if self.store.keeps_index_apart() && !docs.is_empty() {
            self.store.archive_documents(docs).await?;
        }
        Ok(())
    }
}
