//! Start-up shared by every subcommand: open the database, load the rules, bring the documents up to date.

use anyhow::Context;

use crate::{
    answer::Dossier,
    config::Config,
    db,
    facts::{Ingestor, Knowledge, index_sync::IndexSync, intake::Intake},
};

/// Opens the store and fact index named by `config`, brings the index up to the shared archive (another
/// replica's documents), and ingests new or changed documents from the documents folder.
pub async fn open(config: &Config) -> anyhow::Result<Dossier> {
    let stores = db::engine::open(&config.database_url, &config.fact_index_path).await?;
    let knowledge = Knowledge::load(&config.gazetteer_path, &config.topics_path)?;
    let ingestor = Ingestor::new(knowledge.clone()).with_bulk_threshold(config.ingest_bulk_documents);
    // On the embedded store nothing archives apart from the index, so this is one read of version 0.
    let caught_up = IndexSync::new(ingestor.clone())
        .catch_up(&*stores.shared, &stores.index)
        .await
        .context("bringing the fact index up to the shared document archive")?;
    let intake = Intake::new(stores.index.clone(), stores.shared.clone(), ingestor);
    let report = intake
        .sync_dir(&config.documents_dir)
        .await
        .with_context(|| format!("bringing the documents in {} up to date", config.documents_dir.display()))?;
    if caught_up.changed > 0 {
        log::info!("fact index caught up with the archive: {} document(s) indexed", caught_up.changed);
    }
    if report.changed > 0 {
        log::info!("fact base updated: {} document(s) ingested, {} unchanged", report.changed, report.unchanged);
    }
    let changed = report.changed + caught_up.changed;
    if changed > 0 || db::quiz::question_count(&stores.index).await? == 0 {
        refresh_quiz(&stores.index, &knowledge).await?;
    }
    Ok(Dossier::new(stores.index, knowledge).with_store(stores.shared))
}

/// The intake of a running core: its index, its store, and the ingest rules.
pub fn intake(dossier: &Dossier, config: &Config) -> Intake {
    let ingestor = Ingestor::new(dossier.knowledge.clone()).with_bulk_threshold(config.ingest_bulk_documents);
    Intake::new(dossier.pool.clone(), dossier.store.clone(), ingestor)
}

/// Rebuilds the quiz pool after documents changed: new facts give new questions (see [`crate::quiz::refresh`]).
pub async fn refresh_quiz(pool: &db::Pool, knowledge: &Knowledge) -> anyhow::Result<()> {
    crate::quiz::refresh(pool, knowledge).await
}
