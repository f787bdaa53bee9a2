//! The `dossier` binary: parse the command line, load the config, hand off to the subcommand.

use std::process::ExitCode;

use clap::Parser;
use dossier::{
    app,
    cli::{Cli, Commands},
    config::Config,
    console,
    facts::{IngestError, Ingestor, SourceDocument, intake::Intake},
    telegram,
};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    dossier::logging::init(config.secrets());
    let result = match cli.command {
        Commands::Chat => run_console(&config, None).await,
        Commands::Ask { message } => run_console(&config, Some(message)).await,
        Commands::Serve => match &config.token {
            None => Err(anyhow::anyhow!(
                "TELOXIDE_TOKEN is not set: put `TELOXIDE_TOKEN=<token from @BotFather>` in .env (see .env.example)"
            )),
            Some(_) => async { telegram::serve(&config, app::open(&config).await?).await }.await,
        },
        Commands::Ingest { files } => ingest(&config, &files).await,
        Commands::Feed { action } => dossier::feeds::cli::run(&config, action).await,
        Commands::MigrateTo { url } => migrate_to(&config, &url).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn migrate_to(config: &Config, url: &str) -> anyhow::Result<()> {
    let source = dossier::db::connect(&config.database_url).await?;
    let target = dossier::db::postgres::connect(url).await?;
    let copied = dossier::db::migrate_to::copy(&source, &target).await?;
    for (table, rows) in &copied.tables {
        println!("{table}: {rows} rows, counts match");
    }
    println!("documents: {}, counts match", copied.documents);
    Ok(())
}

async fn run_console(config: &Config, message: Option<String>) -> anyhow::Result<()> {
    let dossier = app::open(config).await?;
    match message {
        Some(message) => println!("{}", console::respond(&dossier, &message).await),
        None => console::chat(&dossier).await?,
    }
    Ok(())
}

async fn ingest(config: &Config, files: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let stores = dossier::db::engine::open(&config.database_url, &config.fact_index_path).await?;
    let knowledge = dossier::facts::Knowledge::load(&config.gazetteer_path, &config.topics_path)?;
    let ingestor = Ingestor::new(knowledge).with_bulk_threshold(config.ingest_bulk_documents);
    let intake = Intake::new(stores.index.clone(), stores.shared.clone(), ingestor);
    let (urls, files): (Vec<_>, Vec<_>) =
        files.iter().cloned().partition(|f| f.to_str().is_some_and(dossier::feeds::cli::is_web_address));
    let urls: Vec<String> = urls.iter().map(|u| u.to_string_lossy().into_owned()).collect();
    let (mut failed, mut changed) = dossier::feeds::cli::ingest_urls(config, &intake, &urls).await?;
    // Every file is read first, so that many of them go in one call: one bulk load from the threshold on.
    let progress = indicatif::ProgressBar::new(files.len() as u64);
    let (mut docs, mut read) = (Vec::new(), Vec::new());
    for path in &files {
        match SourceDocument::read(path, &intake.ingestor.knowledge().rules_hash) {
            Ok(doc) => {
                docs.push(doc);
                read.push(path);
            }
            Err(e) => {
                failed += 1;
                progress.suspend(|| eprintln!("error: {e}"));
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    for (path, outcome) in read.into_iter().zip(intake.ingest_all(docs).await?) {
        match outcome {
            Ok(outcome) => {
                changed += usize::from(outcome != dossier::facts::IngestOutcome::Unchanged);
                println!("{}: {outcome:?}", path.display());
            }
            Err(IngestError::Unexpected(e)) => return Err(e),
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    if changed > 0 {
        app::refresh_quiz(&stores.index, intake.ingestor.knowledge()).await?;
    }
    anyhow::ensure!(failed == 0, "{failed} of {} document(s) could not be ingested", files.len() + urls.len());
    Ok(())
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("dossier: {e:#}");
    ExitCode::FAILURE
}
