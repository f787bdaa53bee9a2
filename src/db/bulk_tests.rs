//! The bulk load gives the same fact base as the normal path (rows, counts, schema, full-text search),
//! and a load that fails midway leaves the previous fact base exactly as it was.

use std::path::PathBuf;

use super::*;
use crate::facts::{Ingestor, Knowledge, SourceDocument, ingest::document_files};

/// Every document under tests/documents and data/documents.
fn test_documents(knowledge: &Knowledge) -> Vec<SourceDocument> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths = document_files(&root.join("tests/documents")).unwrap();
    paths.extend(document_files(&root.join("data/documents")).unwrap());
    assert!(paths.len() >= 5, "the test documents are missing: {paths:?}");
    paths.iter().map(|p| SourceDocument::read(p, &knowledge.rules_hash).unwrap()).collect()
}

async fn open(dir: &tempfile::TempDir, name: &str) -> Pool {
    crate::db::connect(&format!("sqlite://{}", dir.path().join(name).display())).await.unwrap()
}

/// The fact base as text, table by table (everything but ingestion times), the schema, and the rows the
/// full-text index finds for a few words.
async fn dump(pool: &Pool) -> Vec<String> {
    let tables = [
        "SELECT json_array(id, name, title, source, published, language, content_hash, bytes, url) FROM documents ORDER BY id",
        "SELECT json_array(id, document_id, paragraph, position, text, fact_key) FROM sentences ORDER BY id",
        "SELECT json_array(sentence_id, entity_key, inferred, published, document_id, position) FROM mentions
         ORDER BY sentence_id, entity_key",
        "SELECT json_array(id, sentence_id, kind, value, unit, text) FROM figures ORDER BY id",
        "SELECT json_array(sentence_id, topic, published, document_id, position) FROM sentence_topics ORDER BY 1",
        "SELECT json_array(document_id, key, kind, name, name_ru, aliases, country, role, place, date, parent, related)
         FROM discovered_entities ORDER BY document_id, key",
        "SELECT json_array(entity_key, facts) FROM entity_facts ORDER BY entity_key",
        "SELECT json_array(topic, facts) FROM topic_facts ORDER BY topic",
        "SELECT json_array(type, name, sql) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    ];
    let mut out = Vec::new();
    for sql in tables {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(pool).await.unwrap();
        out.push(format!("{sql}: {} rows", rows.len()));
        out.extend(rows);
    }
    for words in ["\"russia\"", "\"trade\" \"china\"", "\"summit\"", "\"kazakhstan\"", "\"бишкек\""] {
        let found = crate::db::search::newest_matches(pool, words, 1000).await.unwrap();
        out.push(format!("{words}: {:?}", found.iter().map(|f| f.sentence_id).collect::<Vec<_>>()));
    }
    out
}

/// The first line where two dumps differ.
fn first_difference(a: &[String], b: &[String]) -> Option<(String, String)> {
    let at = a.iter().zip(b).position(|(x, y)| x != y).or((a.len() != b.len()).then(|| a.len().min(b.len())))?;
    Some((a.get(at).cloned().unwrap_or_default(), b.get(at).cloned().unwrap_or_default()))
}

#[tokio::test]
async fn a_bulk_load_gives_exactly_the_facts_and_search_results_of_the_normal_path() {
    let knowledge = Knowledge::bundled().unwrap();
    let docs = test_documents(&knowledge);
    let dir = tempfile::tempdir().unwrap();
    let (normal, bulk) = (open(&dir, "normal.sqlite").await, open(&dir, "bulk.sqlite").await);
    // A first document already there, then every test document (the first one changed) in one call.
    let (first, rest) = docs.split_at(1);
    let mut changed = first[0].clone();
    changed.text.push_str("\n\nIndia and Russia signed 7 new agreements on energy.");
    changed.content_hash.push_str("-changed");
    let later: Vec<SourceDocument> = rest.iter().cloned().chain([changed]).collect();
    for (pool, threshold) in [(&normal, usize::MAX), (&bulk, 1)] {
        let ingestor = Ingestor::new(knowledge.clone()).with_bulk_threshold(threshold);
        ingestor.ingest_all(pool, first.to_vec()).await.unwrap();
        let outcomes = ingestor.ingest_all(pool, later.clone()).await.unwrap();
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    }
    let (expected, got) = (dump(&normal).await, dump(&bulk).await);
    assert!(expected.len() > 500, "too little to compare: {}", expected.len());
    assert_eq!(first_difference(&expected, &got), None, "the bulk load differs from the normal path");
    let version = |pool| async move { crate::db::facts::version(pool).await.unwrap() };
    assert!(version(&bulk).await > 0, "the fact base version did not move");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&bulk).await.unwrap();
    assert_eq!(check, "ok");
    sqlx::query("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")
        .execute(&bulk)
        .await
        .expect("the full-text index matches its sentences");
}

#[sqlx::test]
async fn a_bulk_load_that_fails_midway_leaves_the_previous_fact_base_as_it_was(pool: Pool) {
    let knowledge = Knowledge::bundled().unwrap();
    let docs = test_documents(&knowledge);
    Ingestor::new(knowledge.clone()).ingest_all(&pool, docs[..2].to_vec()).await.unwrap();
    let before = dump(&pool).await;

    let parse = |doc: &SourceDocument| crate::facts::parse_document(&doc.text, &knowledge.gazetteer, &knowledge.topics);
    let parsed: Vec<_> = docs.iter().map(parse).collect();
    let mut load = BulkLoad::begin(&pool).await.unwrap();
    load.write(&[(&docs[2], &parsed[2]), (&docs[3], &parsed[3])]).await.unwrap();
    let mut again = docs[3].clone();
    again.content_hash.push('!');
    // The same name twice in one batch breaks the documents' unique name: an error midway.
    let failed = load.write(&[(&docs[4], &parsed[4]), (&again, &parsed[3]), (&docs[3], &parsed[3])]).await;
    assert!(failed.is_err(), "the duplicate name was accepted");
    drop(load);

    assert_eq!(first_difference(&before, &dump(&pool).await), None, "the failed load left traces");
    let indexes: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name IN (SELECT value FROM json_each(?))")
            .bind(serde_json::to_string(SET_ASIDE).unwrap())
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(indexes.len(), SET_ASIDE.len(), "an index or trigger set aside did not come back: {indexes:?}");
    // The base still takes documents the normal way, its full-text trigger included.
    Ingestor::new(knowledge.clone()).ingest_all(&pool, docs[2..3].to_vec()).await.unwrap();
    let found = crate::db::search::newest_matches(&pool, "\"india\"", 10).await.unwrap();
    assert!(!found.is_empty(), "search does not see the document ingested after the failed load");
}

/// The fact base that the test documents gave when this test was written (tests/fixtures/fact_base.txt).
/// Extraction and bulk-load changes for speed must keep it exactly; `DOSSIER_RECORD_FACT_BASE=1` writes it
/// again after a deliberate change of the rules.
#[tokio::test]
async fn the_test_documents_give_exactly_the_recorded_fact_base() {
    let knowledge = Knowledge::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pool = open(&dir, "bulk.sqlite").await;
    // tests/documents/README.md is left out: without a sidecar, its date is the file's.
    let docs: Vec<SourceDocument> = test_documents(&knowledge).into_iter().filter(|d| d.name != "README.md").collect();
    let outcomes = Ingestor::new(knowledge.clone()).with_bulk_threshold(1).ingest_all(&pool, docs).await;
    assert!(outcomes.unwrap().iter().all(Result::is_ok));
    let got: Vec<String> = dump(&pool).await.join("\n").lines().map(str::to_owned).collect();
    let recorded = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fact_base.txt");
    if std::env::var_os("DOSSIER_RECORD_FACT_BASE").is_some() {
        std::fs::write(&recorded, got.join("\n") + "\n").unwrap();
    }
    let expected: Vec<String> = std::fs::read_to_string(&recorded).unwrap().lines().map(str::to_owned).collect();
    assert!(expected.len() > 500, "too little recorded: {}", expected.len());
    assert_eq!(first_difference(&expected, &got), None, "the fact base differs from the recorded one");
}
