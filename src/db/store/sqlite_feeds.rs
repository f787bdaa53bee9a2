//! Feeds and the document archive on SQLite: today's SQL in `db::feeds`, the archive in `db::archive`.

use std::collections::HashMap;

use async_trait::async_trait;

use super::{
    feeds::{Added, ArchivedDocument, DocumentArchive, FeedRow, FeedStore, ItemRecord, Success},
    sqlite::SqliteStore,
};
use crate::{
    db::{archive, feeds},
    facts::SourceDocument,
};

#[async_trait]
impl FeedStore for SqliteStore {
    async fn add_feed(&self, url: &str, now: &str) -> anyhow::Result<Added> {
        feeds::add(self.pool(), url, now).await
    }
    async fn remove_feed(&self, url: &str) -> anyhow::Result<bool> {
        feeds::remove(self.pool(), url).await
    }
    async fn feeds(&self) -> anyhow::Result<Vec<FeedRow>> {
        feeds::list(self.pool()).await
    }
    async fn due_feeds(&self, now: &str, limit: i64) -> anyhow::Result<Vec<FeedRow>> {
        feeds::due(self.pool(), now, limit).await
    }
    async fn record_feed_success(&self, id: i64, success: &Success<'_>, now: &str) -> anyhow::Result<()> {
        feeds::record_success(self.pool(), id, success, now).await
    }
    async fn record_feed_failure(
        &self,
        id: i64,
        error: &str,
        next_poll_at: &str,
        max_failures: u32,
        now: &str,
    ) -> anyhow::Result<bool> {
        feeds::record_failure(self.pool(), id, error, next_poll_at, max_failures, now).await
    }
    async fn untold_deactivations(&self) -> anyhow::Result<Vec<FeedRow>> {
        feeds::untold_deactivations(self.pool()).await
    }
    async fn mark_owner_told(&self, id: i64, now: &str) -> anyhow::Result<()> {
        feeds::mark_owner_told(self.pool(), id, now).await
    }
    async fn feed_items(&self, feed_id: i64) -> anyhow::Result<HashMap<String, (String, i64)>> {
        feeds::items(self.pool(), feed_id).await
    }
    async fn known_page(&self, url_key: &str, text_hash: Option<&str>) -> anyhow::Result<Option<String>> {
        feeds::known_page(self.pool(), url_key, text_hash).await
    }
    async fn record_feed_item(&self, item: &ItemRecord<'_>, now: &str) -> anyhow::Result<()> {
        feeds::record_item(self.pool(), item, now).await
    }
}

#[async_trait]
impl DocumentArchive for SqliteStore {
    async fn archive_documents(&self, documents: &[&SourceDocument]) -> anyhow::Result<i64> {
        archive::store(self.pool(), documents).await
    }
    async fn archive_version(&self) -> anyhow::Result<i64> {
        archive::version(self.pool()).await
    }
    async fn archived_hashes(&self) -> anyhow::Result<HashMap<String, String>> {
        archive::hashes(self.pool()).await
    }
    async fn archived_since(&self, version: i64) -> anyhow::Result<Vec<ArchivedDocument>> {
        let rows = archive::since(self.pool(), version).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let (version, document) = row.into_document();
                ArchivedDocument { version, document }
            })
            .collect())
    }
}
