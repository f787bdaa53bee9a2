//! Bringing the fact base up to date: ingest a file if its content hash changed, or a whole folder.

use std::path::{Path, PathBuf};

use super::{Knowledge, SourceDocument, parse_document, source::SourceError};
use crate::db::{self, Pool};

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// A new document: its facts were added.
    Added { sentences: usize },
    /// A changed document: its facts were replaced in one transaction.
    Updated { sentences: usize },
    /// Same content hash as stored: nothing was done.
    Unchanged,
}

/// Why a document could not be ingested.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file itself is unusable; the message says why and is meant for the operator.
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("{path}: the text has no sentences")]
    NoSentences { path: String },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// New or changed documents in one call from which it becomes one bulk load (`db::bulk`), unless the
/// configuration says otherwise (`INGEST_BULK_DOCUMENTS`).
pub const DEFAULT_BULK_THRESHOLD: usize = 500;

/// Ingests documents with one set of extraction rules.
#[derive(Clone)]
pub struct Ingestor {
    knowledge: Knowledge,
    bulk_threshold: usize,
}

impl Ingestor {
    pub fn new(knowledge: Knowledge) -> Self {
        Ingestor { knowledge, bulk_threshold: DEFAULT_BULK_THRESHOLD }
    }

    /// The same rules, bulk-loading from `threshold` new or changed documents in one call on.
    pub fn with_bulk_threshold(self, threshold: usize) -> Self {
        Ingestor { bulk_threshold: threshold, ..self }
    }

    /// New or changed documents in one call from which it becomes one bulk load.
    pub fn bulk_threshold(&self) -> usize {
        self.bulk_threshold
    }

    /// The rules this ingestor extracts with.
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// Reads and ingests one file.
    pub async fn ingest_file(&self, pool: &Pool, path: &Path) -> Result<IngestOutcome, IngestError> {
        let doc = SourceDocument::read(path, &self.knowledge.rules_hash)?;
        self.ingest(pool, &doc).await
    }

    /// Ingests a document unless the stored copy has the same content hash.
    pub async fn ingest(&self, pool: &Pool, doc: &SourceDocument) -> Result<IngestOutcome, IngestError> {
        let stored = db::documents::content_hash(pool, &doc.name).await?;
        if stored.as_deref() == Some(doc.content_hash.as_str()) {
            return Ok(IngestOutcome::Unchanged);
        }
        let parsed = self.parse(doc).await?;
        let sentences = parsed.sentences.len();
        if sentences == 0 {
            return Err(IngestError::NoSentences { path: doc.name.clone() });
        }
        db::documents::replace(pool, doc, &parsed).await?;
        Ok(match stored {
            None => IngestOutcome::Added { sentences },
            Some(_) => IngestOutcome::Updated { sentences },
        })
    }

    /// Parsing is CPU work: it runs off the async threads.
    async fn parse(&self, doc: &SourceDocument) -> anyhow::Result<super::ParsedDocument> {
        let knowledge = self.knowledge.clone();
        let text = doc.text.clone();
        tokio::task::spawn_blocking(move || parse_document(&text, &knowledge.gazetteer, &knowledge.topics))
            .await
            .map_err(|e| anyhow::anyhow!("the parser stopped unexpectedly: {e}"))
    }

    /// Ingests every `.txt` and `.md` document in `dir`; a bad file is reported and skipped. Unchanged
    /// files are let go as soon as they are read; the changed ones go in one call (a bulk load from the
    /// threshold on).
    pub async fn sync_dir(&self, pool: &Pool, dir: &Path) -> anyhow::Result<SyncReport> {
        let mut report = SyncReport::default();
        let stored = db::documents::content_hashes(pool).await?;
        let mut docs = Vec::new();
        for path in document_files(dir)? {
            match SourceDocument::read(&path, &self.knowledge.rules_hash) {
                Ok(doc) if stored.get(&doc.name) == Some(&doc.content_hash) => report.unchanged += 1,
                Ok(doc) => docs.push(doc),
                Err(e) => report.skip(&IngestError::Source(e)),
            }
        }
        let names: Vec<String> = docs.iter().map(|d| d.name.clone()).collect();
        report.count(&names, self.ingest_all(pool, docs).await?)?;
        Ok(report)
    }
}

/// What a folder sync did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SyncReport {
    pub changed: usize,
    pub unchanged: usize,
    pub failed: Vec<String>,
}

impl SyncReport {
    /// Counts the outcomes of ingesting the documents `names`, in order; an unexpected error ends the sync.
    pub(crate) fn count(
        &mut self,
        names: &[String],
        outcomes: Vec<Result<IngestOutcome, IngestError>>,
    ) -> anyhow::Result<()> {
        for (name, outcome) in names.iter().zip(outcomes) {
            match outcome {
                Ok(IngestOutcome::Unchanged) => self.unchanged += 1,
                Ok(outcome) => {
                    log::info!("ingested {name}: {outcome:?}");
                    self.changed += 1;
                }
                Err(IngestError::Unexpected(e)) => return Err(e),
                Err(e) => self.skip(&e),
            }
        }
        Ok(())
    }

    pub(crate) fn skip(&mut self, error: &IngestError) {
        log::warn!("skipped a document: {error}");
        self.failed.push(error.to_string());
    }
}

/// The document files of a folder, sorted by name. A missing folder has none.
pub fn document_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(anyhow::anyhow!("cannot list {}: {e}", dir.display())),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && is_document(path))
        .collect();
    files.sort();
    Ok(files)
}

/// Documents are `.txt` or `.md` files.
pub fn is_document(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/documents/russia-foreign-policy-2024.txt")
    }

    async fn count(pool: &Pool, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(pool).await.unwrap()
    }

    #[sqlx::test]
    async fn re_ingesting_the_same_document_changes_nothing(pool: Pool) {
        let ingestor = Ingestor::new(Knowledge::bundled().unwrap());
        let first = ingestor.ingest_file(&pool, &seed()).await.unwrap();
        assert!(matches!(first, IngestOutcome::Added { sentences } if sentences > 20), "{first:?}");
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM sentences ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(ingestor.ingest_file(&pool, &seed()).await.unwrap(), IngestOutcome::Unchanged);
        let again: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM sentences ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(ids, again, "an unchanged document was rewritten");
    }

    #[sqlx::test]
    async fn a_changed_document_replaces_its_facts(pool: Pool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.txt");
        std::fs::write(&path, "India and Russia signed 3 agreements. Trade grew.").unwrap();
        let ingestor = Ingestor::new(Knowledge::bundled().unwrap());
        ingestor.ingest_file(&pool, &path).await.unwrap();
        std::fs::write(&path, "China and Russia signed 5 agreements.").unwrap();
        assert!(matches!(ingestor.ingest_file(&pool, &path).await.unwrap(), IngestOutcome::Updated { sentences: 1 }));
        assert_eq!(count(&pool, "documents").await, 1);
        assert_eq!(count(&pool, "sentences").await, 1);
        let india = crate::db::facts::by_entities(&pool, &["country:IN".into()], 12).await.unwrap();
        assert!(india.is_empty(), "facts of the old version survived");
        let counts = crate::db::facts::entity_counts(&pool).await.unwrap();
        assert!(counts.iter().all(|(key, _)| key != "country:IN"), "the old version is still counted: {counts:?}");
        assert!(counts.contains(&("country:CN".to_owned(), 1)), "{counts:?}");
    }

    #[sqlx::test]
    async fn a_folder_sync_skips_bad_files_and_ingests_the_rest(pool: Pool) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.txt"), "Russia and Iran opened a railway.").unwrap();
        std::fs::write(dir.path().join("empty.md"), "").unwrap();
        std::fs::write(dir.path().join("ignored.pdf"), "%PDF").unwrap();
        let report = Ingestor::new(Knowledge::bundled().unwrap()).sync_dir(&pool, dir.path()).await.unwrap();
        assert_eq!((report.changed, report.unchanged, report.failed.len()), (1, 0, 1), "{report:?}");
    }
}
