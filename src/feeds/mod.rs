//! News feeds: documents that arrive by themselves. Feeds are added by the owner (in chat) or the
//! operator (`dossier feed add`); the poller reads each at its own pace and every new item's page
//! becomes a document through the ordinary ingest path. No Telegram here.

pub mod cli;
pub mod page;
pub mod parse;
pub mod poll;
pub mod schedule;

pub use db::feeds::{Added, FeedRow};
pub use poll::{PollOutcome, Poller};

use crate::{
    config::Config,
    db::{self, Pool, engine::Places},
    facts::{Ingestor, intake::Intake},
    web::{FetchError, FetchLimits, Fetcher, address, url_key},
};

/// Why a feed command was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The address is unusable; the message says why.
    #[error(transparent)]
    Invalid(#[from] FetchError),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// The fetcher the configuration asks for.
pub fn fetcher(config: &Config) -> anyhow::Result<Fetcher> {
    Fetcher::new(FetchLimits::from_config(config))
}

/// A poller for the embedded installation in `pool` with the configuration's interval and failure limit.
pub fn poller(config: &Config, pool: Pool, ingestor: Ingestor) -> anyhow::Result<Poller> {
    poller_for(config, Intake::embedded(pool, ingestor))
}

/// A poller ingesting through `intake`, with the configuration's interval and failure limit.
pub fn poller_for(config: &Config, intake: Intake) -> anyhow::Result<Poller> {
    Ok(Poller {
        intake,
        fetcher: fetcher(config)?,
        every: config.feed_poll.unwrap_or(std::time::Duration::from_secs(600)),
        max_failures: config.feed_max_failures,
        stop: Default::default(),
    })
}

/// The stored form of a feed address, after checking it may be fetched.
pub fn feed_url(raw: &str, allow_private: bool) -> Result<String, FetchError> {
    let url = url_key::parse(raw)?;
    address::check_url(&url, allow_private)?;
    Ok(url.to_string())
}

/// Adds feed `raw` (polled at once); returns its stored address and what was done.
pub async fn add(places: &impl Places, raw: &str, allow_private: bool) -> Result<(String, Added), FeedError> {
    let url = feed_url(raw, allow_private)?;
    let added = places.shared().add_feed(&url, &db::now_text()).await?;
    Ok((url, added))
}

/// Removes feed `raw`; whether it was there. Its documents stay in the fact base.
pub async fn remove(places: &impl Places, raw: &str) -> Result<bool, FeedError> {
    let url = url_key::parse(raw)?.to_string();
    Ok(places.shared().remove_feed(&url).await?)
}

/// A feed's state in a word: active, failing (with the count) or deactivated.
pub fn state_of(feed: &FeedRow) -> FeedState {
    match (feed.active, feed.failures) {
        (false, _) => FeedState::Deactivated,
        (true, 0) => FeedState::Active,
        (true, n) => FeedState::Failing(n),
    }
}

/// See [`state_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedState {
    Active,
    Failing(i64),
    Deactivated,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_on_a_private_address_is_refused_unless_allowed() {
        assert!(matches!(feed_url("http://127.0.0.1:8080/rss", false), Err(FetchError::Private { .. })));
        assert_eq!(feed_url("http://127.0.0.1:8080/rss", true).unwrap(), "http://127.0.0.1:8080/rss");
        assert!(matches!(feed_url("not a url", true), Err(FetchError::BadUrl { .. })));
        assert_eq!(
            feed_url(" https://News.example/feed.xml?lang=en ", false).unwrap(),
            "https://news.example/feed.xml?lang=en"
        );
    }
}
