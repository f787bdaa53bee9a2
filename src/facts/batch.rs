//! Ingesting many documents at once: parsed on every core while the previous batch is written. Below the
//! bulk threshold each batch is one transaction; from it on, the whole call is one bulk load
//! (`db::bulk`: indexes set aside and rebuilt, all or nothing). Used by the folder sync, `dossier ingest`
//! and the benchmarks.

use std::collections::{HashMap, HashSet};

use futures::StreamExt;

use super::{IngestError, IngestOutcome, Ingestor, ParsedDocument, SourceDocument, parse_document};
use crate::db::{self, Pool};

/// Most documents written per statement batch (and per transaction below the bulk threshold).
const WRITE_BATCH: usize = 64;
/// Parsed documents waiting for the writer at most.
const PARSED_AHEAD: usize = 256;

impl Ingestor {
    /// Ingests `docs` in order, skipping those whose content hash is already stored, and returns one
    /// outcome per document. Only a database failure fails the whole call.
    pub async fn ingest_all(
        &self,
        pool: &Pool,
        docs: Vec<SourceDocument>,
    ) -> anyhow::Result<Vec<Result<IngestOutcome, IngestError>>> {
        let stored = db::documents::content_hashes(pool).await?;
        let mut writer = Writer::for_load(pool, self.bulk_threshold(), &docs, &stored).await?;
        let parallel = std::thread::available_parallelism().map_or(2, usize::from) * 2;
        let knowledge = self.knowledge().clone();
        let inputs: Vec<_> = docs
            .into_iter()
            .enumerate()
            .map(|(index, doc)| {
                let was = stored.get(&doc.name).cloned();
                (index, doc, was)
            })
            .collect();
        // Parsing goes on in its own task while a batch is written, up to PARSED_AHEAD documents ahead.
        let (sender, mut ready) = tokio::sync::mpsc::channel(PARSED_AHEAD);
        tokio::spawn(async move {
            let mut parsed = futures::stream::iter(inputs)
                .map(|(index, doc, was)| {
                    let knowledge = knowledge.clone();
                    tokio::task::spawn_blocking(move || {
                        if was.as_deref() == Some(doc.content_hash.as_str()) {
                            return (index, doc, was, None);
                        }
                        let parsed = parse_document(&doc.text, &knowledge.gazetteer, &knowledge.topics);
                        (index, doc, was, Some(parsed))
                    })
                })
                .buffered(parallel);
            while let Some(joined) = parsed.next().await {
                if sender.send(joined).await.is_err() {
                    return; // the writer gave up
                }
            }
        });

        let mut outcomes: Vec<(usize, Result<IngestOutcome, IngestError>)> = Vec::new();
        while let Some(first) = ready.recv().await {
            let mut chunk = vec![first];
            while chunk.len() < WRITE_BATCH {
                match ready.try_recv() {
                    Ok(next) => chunk.push(next),
                    Err(_) => break,
                }
            }
            let mut writes = Vec::new();
            for joined in chunk {
                let (index, doc, was, parsed) =
                    joined.map_err(|e| anyhow::anyhow!("the parser stopped unexpectedly: {e}"))?;
                match parsed {
                    None => outcomes.push((index, Ok(IngestOutcome::Unchanged))),
                    Some(p) if p.sentences.is_empty() => {
                        outcomes.push((index, Err(IngestError::NoSentences { path: doc.name.clone() })))
                    }
                    Some(p) => writes.push((index, doc, was, p)),
                }
            }
            let pairs: Vec<_> = writes.iter().map(|(_, doc, _, parsed)| (doc, parsed)).collect();
            writer.write(pool, &pairs).await?;
            for (index, _, was, parsed) in &writes {
                let sentences = parsed.sentences.len();
                let outcome = if was.is_some() {
                    IngestOutcome::Updated { sentences }
                } else {
                    IngestOutcome::Added { sentences }
                };
                outcomes.push((*index, Ok(outcome)));
            }
            // Freeing a batch's many small strings was a third of the writer thread's time (perf): done beside it.
            tokio::task::spawn_blocking(move || drop(writes));
        }
        writer.finish().await?;
        outcomes.sort_by_key(|(index, _)| *index);
        Ok(outcomes.into_iter().map(|(_, outcome)| outcome).collect())
    }
}

/// Where parsed documents go: a transaction per batch, or one bulk load for the whole call.
enum Writer {
    Batched,
    Bulk(db::bulk::BulkLoad),
}

impl Writer {
    /// A bulk load when at least `threshold` of `docs` are new or changed, and at least a quarter as many
    /// as are stored already (rebuilding the indexes costs time in proportion to the whole base: 0.2 s
    /// per 1,000 documents here), and their names are distinct.
    async fn for_load(
        pool: &Pool,
        threshold: usize,
        docs: &[SourceDocument],
        stored: &HashMap<String, String>,
    ) -> anyhow::Result<Writer> {
        let changed = docs.iter().filter(|d| stored.get(&d.name) != Some(&d.content_hash)).count();
        let names: HashSet<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        if changed < threshold.max(1) || changed * 4 < stored.len() || names.len() < docs.len() {
            return Ok(Writer::Batched);
        }
        log::info!("bulk-loading {changed} documents");
        Ok(Writer::Bulk(db::bulk::BulkLoad::begin(pool).await?))
    }

    async fn write(&mut self, pool: &Pool, docs: &[(&SourceDocument, &ParsedDocument)]) -> anyhow::Result<()> {
        match self {
            Writer::Batched => db::documents::replace_many(pool, docs).await.map(drop),
            Writer::Bulk(load) => load.write(docs).await.map(drop),
        }
    }

    async fn finish(self) -> anyhow::Result<()> {
        match self {
            Writer::Batched => Ok(()),
            Writer::Bulk(load) => load.commit().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{DocumentMeta, Knowledge};

    fn doc(name: &str, text: &str) -> SourceDocument {
        let meta = DocumentMeta {
            title: name.into(),
            source: "Test".into(),
            published: "2024-12".into(),
            language: "en".into(),
        };
        SourceDocument { name: name.into(), meta, text: text.into(), content_hash: format!("h-{text}") }
    }

    #[sqlx::test]
    async fn a_batch_reports_each_document_in_order(pool: Pool) {
        let ingestor = Ingestor::new(Knowledge::bundled().unwrap());
        let first = ingestor.ingest_all(&pool, vec![doc("a.txt", "India and Russia met.")]).await.unwrap();
        assert!(matches!(first[0], Ok(IngestOutcome::Added { sentences: 1 })));

        let docs: Vec<SourceDocument> = (0..150)
            .map(|i| doc(&format!("d{i:03}.txt"), &format!("China and Russia signed {i} agreements.")))
            .chain([doc("a.txt", "India and Russia met."), doc("b.txt", "  "), doc("a2.txt", "Iran traded. Oil grew.")])
            .collect();
        let outcomes = ingestor.ingest_all(&pool, docs).await.unwrap();
        assert_eq!(outcomes.len(), 153);
        assert!(outcomes[..150].iter().all(|o| matches!(o, Ok(IngestOutcome::Added { sentences: 1 }))));
        assert!(matches!(outcomes[150], Ok(IngestOutcome::Unchanged)));
        assert!(matches!(outcomes[151], Err(IngestError::NoSentences { .. })));
        assert!(matches!(outcomes[152], Ok(IngestOutcome::Added { sentences: 2 })));
        let china = db::facts::count_by_entities(&pool, &["country:CN".into()]).await.unwrap();
        assert_eq!(china, 150, "every document's facts were counted");
    }
}
