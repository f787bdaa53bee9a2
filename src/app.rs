//! Start-up shared by every subcommand: open the database, load the rules, bring the documents up to date.

use anyhow::Context;

use crate::{
    answer::Dossier,
    config::Config,
    db,
    facts::{Ingestor, Knowledge},
};

/// Opens the fact base named by `config` and ingests new or changed documents from its folder.
pub async fn open(config: &Config) -> anyhow::Result<Dossier> {
    let pool = db::connect(&config.database_url).await?;
    let knowledge = Knowledge::load(&config.gazetteer_path, &config.topics_path)?;
    let report = Ingestor::new(knowledge.clone())
        .with_bulk_threshold(config.ingest_bulk_documents)
        .sync_dir(&pool, &config.documents_dir)
        .await
        .with_context(|| format!("bringing the documents in {} up to date", config.documents_dir.display()))?;
    if report.changed > 0 {
        log::info!("fact base updated: {} document(s) ingested, {} unchanged", report.changed, report.unchanged);
    }
    if report.changed > 0 || db::quiz::question_count(&pool).await? == 0 {
        refresh_quiz(&pool, &knowledge).await?;
    }
    Ok(Dossier::new(pool, knowledge))
}

/// Rebuilds the quiz pool after documents changed: new facts give new questions (see [`crate::quiz::refresh`]).
pub async fn refresh_quiz(pool: &db::Pool, knowledge: &Knowledge) -> anyhow::Result<()> {
    crate::quiz::refresh(pool, knowledge).await
}
