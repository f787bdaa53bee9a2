//! `dossier feed add|list|remove` and the web addresses of `dossier ingest`, against the same database
//! as `serve`.

use crate::{
    cli::FeedAction,
    config::Config,
    db,
    facts::{IngestError, intake::Intake},
};

use super::{Added, FeedError, FeedState, page};

/// Runs a `dossier feed` subcommand, printing what it did.
pub async fn run(config: &Config, action: FeedAction) -> anyhow::Result<()> {
    let pool = db::engine::open(&config.database_url, &config.fact_index_path).await?;
    match action {
        FeedAction::Add { url } => match super::add(&pool, &url, config.fetch_allow_private).await {
            Ok((url, Added::New)) => println!("added {url}; `dossier serve` polls it within {} s", poll_secs(config)),
            Ok((url, Added::Reactivated)) => println!("reactivated {url}"),
            Ok((url, Added::AlreadyActive)) => println!("{url} is already polled"),
            Err(FeedError::Invalid(e)) => anyhow::bail!("{e}"),
            Err(FeedError::Unexpected(e)) => return Err(e),
        },
        FeedAction::Remove { url } => match super::remove(&pool, &url).await {
            Ok(true) => println!("removed {url} (its documents stay in the fact base)"),
            Ok(false) => anyhow::bail!("{url} is not one of the feeds (see `dossier feed list`)"),
            Err(FeedError::Invalid(e)) => anyhow::bail!("{e}"),
            Err(FeedError::Unexpected(e)) => return Err(e),
        },
        FeedAction::List => {
            let feeds = pool.shared.feeds().await?;
            if feeds.is_empty() {
                println!("no feeds yet: `dossier feed add URL`");
            }
            for feed in feeds {
                let state = match super::state_of(&feed) {
                    FeedState::Active => "active".to_owned(),
                    FeedState::Failing(n) => format!("failing ({n} in a row)"),
                    FeedState::Deactivated => "deactivated".to_owned(),
                };
                println!(
                    "{}\n  {state} · {} items ingested · {}",
                    feed.url,
                    feed.items_ingested,
                    feed.title.as_deref().unwrap_or("(not read yet)")
                );
                if let Some(error) = &feed.last_error {
                    println!("  last error: {error}");
                }
            }
        }
    }
    Ok(())
}

fn poll_secs(config: &Config) -> u64 {
    config.feed_poll.map_or(0, |d| d.as_secs())
}

/// Whether a command-line argument is a web address rather than a file.
pub fn is_web_address(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

/// Ingests web pages for `dossier ingest`; returns (failed, changed).
pub async fn ingest_urls(config: &Config, intake: &Intake, urls: &[String]) -> anyhow::Result<(usize, usize)> {
    let fetcher = super::fetcher(config)?;
    let (mut failed, mut changed) = (0, 0);
    for url in urls {
        match page::ingest_url(intake, &fetcher, url).await {
            Ok(outcome) => {
                changed += usize::from(matches!(outcome, page::PageOutcome::Ingested { .. }));
                println!("{url}: {outcome:?}");
            }
            Err(page::UrlError::Ingest(IngestError::Unexpected(e))) => return Err(e),
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    Ok((failed, changed))
}
