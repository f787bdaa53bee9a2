//! Polling: one step, `poll_due(now)`, polls every feed that is due and ingests its new items; the
//! adapter's loop calls it on a tick. Conditional GET, the feed's `ttl`, `Retry-After` and backoff
//! decide each feed's next poll; `FEED_MAX_FAILURES` failures in a row deactivate it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::{
    page::{self, Hints, PageOutcome, WebPage},
    parse::{self, FeedItem, ParsedFeed},
    schedule,
};
use crate::{
    db::{self, feeds::FeedRow},
    facts::{IngestError, intake::Intake},
    web::{Fetcher, Validators, url_key},
};

/// Most items taken from one feed in one poll (the newest first, as feeds list them).
const MAX_ITEMS_PER_POLL: usize = 200;
/// Pages fetched at the same time while a feed's items are read.
const FETCHES_AT_ONCE: usize = 4;
/// An item whose page and own content both failed is tried this many times.
const ITEM_ATTEMPTS: i64 = 3;

/// Everything a poll needs.
#[derive(Clone)]
pub struct Poller {
    /// The fact index, the shared store (feeds, items, the archive) and the ingest rules.
    pub intake: Intake,
    pub fetcher: Fetcher,
    /// A feed's normal interval (`FEED_POLL_SECS`).
    pub every: Duration,
    pub max_failures: u32,
    /// Cancelled on shutdown: a poll stops between items.
    pub stop: CancellationToken,
}

/// What one step did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PollOutcome {
    pub polled: usize,
    pub not_modified: usize,
    pub failed: usize,
    pub deactivated: usize,
    pub ingested: usize,
    pub duplicates: usize,
    pub items_failed: usize,
}

impl Poller {
    fn store(&self) -> &dyn crate::db::store::Database {
        &*self.intake.store
    }

    /// Polls every feed due at `now`.
    pub async fn poll_due(&self, now: DateTime<Utc>) -> anyhow::Result<PollOutcome> {
        let mut outcome = PollOutcome::default();
        for feed in self.store().due_feeds(&schedule::stamp(now), 100).await? {
            if self.stop.is_cancelled() {
                break;
            }
            outcome.polled += 1;
            self.poll_feed(&feed, now, &mut outcome).await?;
        }
        Ok(outcome)
    }

    async fn poll_feed(&self, feed: &FeedRow, now: DateTime<Utc>, outcome: &mut PollOutcome) -> anyhow::Result<()> {
        let url = match url_key::parse(&feed.url) {
            Ok(url) => url,
            Err(e) => return self.fail(feed, &e.to_string(), None, now, outcome).await,
        };
        let validators = Validators { etag: feed.etag.clone(), last_modified: feed.last_modified.clone() };
        let fetched = match self.fetcher.get(&url, &validators).await {
            Ok(fetched) => fetched,
            Err(e) => return self.fail(feed, &e.to_string(), e.retry_after(), now, outcome).await,
        };
        if fetched.not_modified {
            outcome.not_modified += 1;
            let etag = fetched.validators.etag.or(validators.etag);
            let modified = fetched.validators.last_modified.or(validators.last_modified);
            let ttl = feed.ttl_secs.and_then(|s| u64::try_from(s).ok()).map(Duration::from_secs);
            let next = schedule::stamp(now + schedule::after_success(self.every, ttl));
            let stamp = schedule::stamp(now);
            // An item error from the last real poll stays visible; a feed error is over.
            let item_error = feed.last_error.as_deref().filter(|_| feed.failures == 0);
            let validators = (etag.as_deref(), modified.as_deref());
            let success = db::feeds::Success { title: None, validators, ttl: None, next_poll_at: &next, item_error };
            self.store().record_feed_success(feed.id, &success, &stamp).await?;
            return Ok(());
        }
        let parsed = match parse::parse(&fetched.body, &fetched.url) {
            Ok(parsed) => parsed,
            Err(e) => return self.fail(feed, &format!("{url}: {e}"), None, now, outcome).await,
        };
        let item_error = self.ingest_items(feed, &parsed, outcome).await?;
        let next = schedule::stamp(now + schedule::after_success(self.every, parsed.ttl));
        let v = &fetched.validators;
        let success = db::feeds::Success {
            title: parsed.title.as_deref(),
            validators: (v.etag.as_deref(), v.last_modified.as_deref()),
            ttl: parsed.ttl.map(|t| i64::try_from(t.as_secs()).unwrap_or(i64::MAX)),
            next_poll_at: &next,
            item_error: item_error.as_deref(),
        };
        self.store().record_feed_success(feed.id, &success, &schedule::stamp(now)).await
    }

    async fn fail(
        &self,
        feed: &FeedRow,
        error: &str,
        retry_after: Option<Duration>,
        now: DateTime<Utc>,
        outcome: &mut PollOutcome,
    ) -> anyhow::Result<()> {
        log::warn!("feed {} failed ({} in a row): {error}", feed.url, feed.failures + 1);
        outcome.failed += 1;
        let wait = schedule::after_failure(self.every, feed.failures + 1, retry_after);
        let (next, stamp) = (schedule::stamp(now + wait), schedule::stamp(now));
        if self.store().record_feed_failure(feed.id, error, &next, self.max_failures, &stamp).await? {
            log::warn!("feed {} deactivated after {} failures in a row", feed.url, self.max_failures);
            outcome.deactivated += 1;
        }
        Ok(())
    }

    /// Reads the new items' pages (a few at a time) and ingests them one by one, in feed order; returns
    /// the last item error, if any.
    async fn ingest_items(
        &self,
        feed: &FeedRow,
        parsed: &ParsedFeed,
        outcome: &mut PollOutcome,
    ) -> anyhow::Result<Option<String>> {
        let mut last_error = None;
        let known = self.store().feed_items(feed.id).await?;
        let mut new = Vec::new();
        for item in parsed.items.iter().take(MAX_ITEMS_PER_POLL) {
            let key = item.link.as_ref().map_or_else(|| format!("{}#{}", feed.url, item.id), url_key::normalise);
            match known.get(&key) {
                Some((state, _)) if state != "failed" => continue,
                Some((_, attempts)) if *attempts >= ITEM_ATTEMPTS => continue,
                _ => {}
            }
            // The same article through another feed: recorded, not fetched again.
            if let Some(of) = self.store().known_page(&key, None).await? {
                let record = db::feeds::ItemRecord {
                    feed_id: Some(feed.id),
                    item_key: &key,
                    state: "duplicate",
                    error: None,
                    page: None,
                };
                self.store().record_feed_item(&record, &db::now_text()).await?;
                log::debug!("feed {}: {key} is already ingested as {of}", feed.url);
                outcome.duplicates += 1;
                continue;
            }
            new.push((key, item));
        }
        let hints = |item: &FeedItem| Hints {
            title: item.title.clone(),
            source: parsed.title.clone().or_else(|| feed.title.clone()),
            published: item.published.clone(),
            language: parsed.language.clone(),
        };
        // Owned futures (no borrows across the buffered stream), a few fetching at once.
        let reads: Vec<_> = new
            .into_iter()
            .map(|(key, item)| {
                let (fetcher, hints, item) = (self.fetcher.clone(), hints(item), item.clone());
                async move { (key, read_item(&fetcher, &item, &hints).await) }
            })
            .collect();
        let mut pages = futures::stream::iter(reads).buffered(FETCHES_AT_ONCE);
        while let Some((key, read)) = pages.next().await {
            if self.stop.is_cancelled() {
                break;
            }
            let page = match read {
                Ok(page) => page,
                Err(reason) => {
                    self.item_failed(feed, &key, &reason, outcome).await?;
                    last_error = Some(reason);
                    continue;
                }
            };
            match page::ingest_page(&self.intake, &page, Some((feed.id, &key))).await {
                Ok(PageOutcome::Duplicate { .. }) => outcome.duplicates += 1,
                Ok(_) => outcome.ingested += 1,
                Err(IngestError::Unexpected(e)) => return Err(e),
                Err(e) => {
                    self.item_failed(feed, &key, &e.to_string(), outcome).await?;
                    last_error = Some(e.to_string());
                }
            }
        }
        Ok(last_error)
    }

    async fn item_failed(
        &self,
        feed: &FeedRow,
        key: &str,
        error: &str,
        outcome: &mut PollOutcome,
    ) -> anyhow::Result<()> {
        log::warn!("feed {}: item {key} not ingested: {error}", feed.url);
        outcome.items_failed += 1;
        let record = db::feeds::ItemRecord {
            feed_id: Some(feed.id),
            item_key: key,
            state: "failed",
            error: Some(error),
            page: None,
        };
        self.store().record_feed_item(&record, &db::now_text()).await
    }
}

/// An item's page, or its own content when the page cannot be read.
async fn read_item(fetcher: &Fetcher, item: &FeedItem, hints: &Hints) -> Result<WebPage, String> {
    let fallback = |why: String| match &item.content {
        Some(text) if text.chars().count() >= 40 => {
            log::info!(
                "using the feed's own text for {}: {why}",
                item.link.as_ref().map_or(&item.id as &str, Url::as_str)
            );
            let Some(base) = item.link.clone().or_else(|| placeholder(&item.id)) else { return Err(why) };
            let article = crate::web::article::Article {
                title: None,
                published: None,
                site_name: None,
                language: None,
                text: text.clone(),
            };
            Ok(page::page_of(&base, article, hints))
        }
        _ => Err(why),
    };
    let Some(link) = &item.link else { return fallback("the item has no link".into()) };
    match page::fetch_article(fetcher, link).await {
        Ok(article) => Ok(page::page_of(link, article, hints)),
        Err(e) => fallback(e.to_string()),
    }
}

/// An address for an item without a link: its id if that is a web address, else a URN made from it.
fn placeholder(id: &str) -> Option<Url> {
    Url::parse(id)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .or_else(|| Url::parse(&format!("urn:feed-item:{}", page::text_hash(id))).ok())
}
