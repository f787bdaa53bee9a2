//! News feeds, their items and the web pages already ingested, on PostgreSQL.

use std::collections::HashMap;

use anyhow::Context;
use async_trait::async_trait;

use super::PgStore;
use crate::db::store::feeds::{Added, FeedRow, FeedStore, ItemRecord, Success};

const COLUMNS: &str = "id, url, title, active, etag, last_modified, next_poll_at, ttl_secs, failures, last_error,
     last_polled_at, items_ingested, deactivated_at";

#[async_trait]
impl FeedStore for PgStore {
    async fn add_feed(&self, url: &str, now: &str) -> anyhow::Result<Added> {
        let mut tx = self.pool.begin().await.context("starting to add a feed")?;
        let was: Option<bool> = sqlx::query_scalar("SELECT active FROM feeds WHERE url = $1 FOR UPDATE")
            .bind(url)
            .fetch_optional(&mut *tx)
            .await
            .context("looking up a feed")?;
        let added = match was {
            Some(true) => Added::AlreadyActive,
            Some(false) => {
                sqlx::query(
                    "UPDATE feeds SET active = TRUE, failures = 0, last_error = NULL, deactivated_at = NULL,
                     owner_told_at = NULL, next_poll_at = $1 WHERE url = $2",
                )
                .bind(now)
                .bind(url)
                .execute(&mut *tx)
                .await
                .context("reactivating a feed")?;
                Added::Reactivated
            }
            None => {
                // Another owner may add it at the same moment: the one whose row went in added it.
                let inserted = sqlx::query(
                    "INSERT INTO feeds (url, next_poll_at, added_at) VALUES ($1, $2, $2) ON CONFLICT (url) DO NOTHING",
                )
                .bind(url)
                .bind(now)
                .execute(&mut *tx)
                .await
                .context("adding a feed")?
                .rows_affected()
                    > 0;
                if inserted { Added::New } else { Added::AlreadyActive }
            }
        };
        tx.commit().await.context("committing the new feed")?;
        Ok(added)
    }

    async fn remove_feed(&self, url: &str) -> anyhow::Result<bool> {
        let done = sqlx::query("DELETE FROM feeds WHERE url = $1")
            .bind(url)
            .execute(&self.pool)
            .await
            .context("removing a feed")?;
        Ok(done.rows_affected() > 0)
    }

    async fn feeds(&self) -> anyhow::Result<Vec<FeedRow>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM feeds ORDER BY id"))
            .fetch_all(&self.pool)
            .await
            .context("listing feeds")
    }

    async fn due_feeds(&self, now: &str, limit: i64) -> anyhow::Result<Vec<FeedRow>> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM feeds WHERE active AND next_poll_at <= $1 ORDER BY next_poll_at, id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("finding feeds due")
    }

    async fn record_feed_success(&self, id: i64, success: &Success<'_>, now: &str) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE feeds SET title = COALESCE($1, title), etag = $2, last_modified = $3,
                 ttl_secs = COALESCE($4, ttl_secs), next_poll_at = $5, failures = 0, last_error = $6,
                 last_polled_at = $7
             WHERE id = $8",
        )
        .bind(success.title)
        .bind(success.validators.0)
        .bind(success.validators.1)
        .bind(success.ttl)
        .bind(success.next_poll_at)
        .bind(success.item_error)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await
        .context("recording a feed poll")?;
        Ok(())
    }

    async fn record_feed_failure(
        &self,
        id: i64,
        error: &str,
        next_poll_at: &str,
        max_failures: u32,
        now: &str,
    ) -> anyhow::Result<bool> {
        let deactivated: Option<bool> = sqlx::query_scalar(
            "UPDATE feeds SET failures = failures + 1, last_error = $1, next_poll_at = $2, last_polled_at = $3,
                 active = failures + 1 < $4,
                 deactivated_at = CASE WHEN failures + 1 >= $4 THEN $3 ELSE deactivated_at END
             WHERE id = $5 AND active RETURNING NOT active",
        )
        .bind(error)
        .bind(next_poll_at)
        .bind(now)
        .bind(i64::from(max_failures))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .context("recording a feed failure")?;
        Ok(deactivated.unwrap_or(false))
    }

    async fn untold_deactivations(&self) -> anyhow::Result<Vec<FeedRow>> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM feeds
             WHERE NOT active AND deactivated_at IS NOT NULL AND owner_told_at IS NULL ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await
        .context("finding deactivated feeds to report")
    }

    async fn mark_owner_told(&self, id: i64, now: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE feeds SET owner_told_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await
            .context("recording that the owner was told")?;
        Ok(())
    }

    async fn feed_items(&self, feed_id: i64) -> anyhow::Result<HashMap<String, (String, i64)>> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT item_key, state, attempts FROM feed_items WHERE feed_id = $1")
                .bind(feed_id)
                .fetch_all(&self.pool)
                .await
                .context("reading a feed's items")?;
        Ok(rows.into_iter().map(|(key, state, attempts)| (key, (state, attempts))).collect())
    }

    async fn known_page(&self, url_key: &str, text_hash: Option<&str>) -> anyhow::Result<Option<String>> {
        sqlx::query_scalar(
            "SELECT document_name FROM web_pages WHERE url_key = $1 OR text_hash = $2
             ORDER BY url_key = $1 DESC LIMIT 1",
        )
        .bind(url_key)
        .bind(text_hash)
        .fetch_optional(&self.pool)
        .await
        .context("looking up an ingested page")
    }

    async fn record_feed_item(&self, item: &ItemRecord<'_>, now: &str) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await.context("starting to record a feed item")?;
        if let Some((url_key, text_hash, document)) = item.page {
            sqlx::query(
                "INSERT INTO web_pages (url_key, text_hash, document_name, fetched_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT DO NOTHING",
            )
            .bind(url_key)
            .bind(text_hash)
            .bind(document)
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("recording an ingested page")?;
        }
        if let Some(feed_id) = item.feed_id {
            sqlx::query(
                "INSERT INTO feed_items (feed_id, item_key, state, last_error, updated_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (feed_id, item_key) DO UPDATE SET state = $3, last_error = $4, updated_at = $5,
                     attempts = feed_items.attempts + 1",
            )
            .bind(feed_id)
            .bind(item.item_key)
            .bind(item.state)
            .bind(item.error)
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("recording a feed item")?;
            if item.state == "ingested" {
                sqlx::query("UPDATE feeds SET items_ingested = items_ingested + 1 WHERE id = $1")
                    .bind(feed_id)
                    .execute(&mut *tx)
                    .await
                    .context("counting a feed's items")?;
            }
        }
        tx.commit().await.context("committing a feed item")
    }
}
