//! The feeds and documents part of the shared-state interface: news feeds and their items, the web pages
//! already ingested, and the document archive every replica builds its fact index from.

use std::collections::HashMap;

use async_trait::async_trait;

pub use crate::db::feeds::{Added, FeedRow, ItemRecord, Success};
use crate::facts::SourceDocument;

/// News feeds, what became of their items, and the pages already ingested (for duplicates).
#[async_trait]
pub trait FeedStore {
    /// Adds feed `url` (due at once), or reactivates it.
    async fn add_feed(&self, url: &str, now: &str) -> anyhow::Result<Added>;
    /// Removes feed `url` and its item records; whether it was there.
    async fn remove_feed(&self, url: &str) -> anyhow::Result<bool>;
    /// Every feed, oldest first.
    async fn feeds(&self) -> anyhow::Result<Vec<FeedRow>>;
    /// Active feeds due at `now`, the longest-waiting first.
    async fn due_feeds(&self, now: &str, limit: i64) -> anyhow::Result<Vec<FeedRow>>;
    /// A poll worked: failures forgotten, validators kept.
    async fn record_feed_success(&self, id: i64, success: &Success<'_>, now: &str) -> anyhow::Result<()>;
    /// A poll failed; whether this failure deactivated the feed.
    async fn record_feed_failure(
        &self,
        id: i64,
        error: &str,
        next_poll_at: &str,
        max_failures: u32,
        now: &str,
    ) -> anyhow::Result<bool>;
    /// Deactivated feeds the owner has not been told about.
    async fn untold_deactivations(&self) -> anyhow::Result<Vec<FeedRow>>;
    /// The owner has been told about feed `id`'s deactivation.
    async fn mark_owner_told(&self, id: i64, now: &str) -> anyhow::Result<()>;
    /// What became of a feed's items: state and attempts, by item key.
    async fn feed_items(&self, feed_id: i64) -> anyhow::Result<HashMap<String, (String, i64)>>;
    /// The document holding the page at `url_key`, or the same text under another address.
    async fn known_page(&self, url_key: &str, text_hash: Option<&str>) -> anyhow::Result<Option<String>>;
    /// Records an item and its page.
    async fn record_feed_item(&self, item: &ItemRecord<'_>, now: &str) -> anyhow::Result<()>;
}

/// A document in the archive, with the archive version that stored it.
#[derive(Debug, Clone)]
pub struct ArchivedDocument {
    pub version: i64,
    pub document: SourceDocument,
}

/// The documents themselves (text and metadata): what any process ingests, every replica indexes.
#[async_trait]
pub trait DocumentArchive {
    /// Stores documents (a document whose content hash is unchanged is left alone) in one transaction;
    /// the archive version moves on once when anything changed. Returns the archive version after.
    async fn archive_documents(&self, documents: &[&SourceDocument]) -> anyhow::Result<i64>;
    /// The archive version: a replica whose index was built at an older one has documents to catch up on.
    async fn archive_version(&self) -> anyhow::Result<i64>;
    /// The content hash of every archived document, by name.
    async fn archived_hashes(&self) -> anyhow::Result<HashMap<String, String>>;
    /// Documents stored after archive version `version`, oldest change first.
    async fn archived_since(&self, version: i64) -> anyhow::Result<Vec<ArchivedDocument>>;
}
