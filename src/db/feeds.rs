//! News feeds and their items: subscriptions to feeds, poll state (validators, failures, next poll),
//! what became of each item, and the web pages already ingested (so duplicates are ingested once).

use std::collections::HashMap;

use anyhow::Context;

use super::Pool;

/// A feed as stored.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct FeedRow {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub active: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_poll_at: String,
    /// The feed's `ttl`, in seconds.
    pub ttl_secs: Option<i64>,
    pub failures: i64,
    pub last_error: Option<String>,
    pub last_polled_at: Option<String>,
    pub items_ingested: i64,
    pub deactivated_at: Option<String>,
}

const COLUMNS: &str = "id, url, title, active, etag, last_modified, next_poll_at, ttl_secs, failures, last_error,
     last_polled_at, items_ingested, deactivated_at";

/// What adding a feed did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// It was there and inactive: it is active again, its failures forgotten.
    Reactivated,
    AlreadyActive,
}

/// Adds feed `url` (due at once), or reactivates it.
pub async fn add(pool: &Pool, url: &str, now: &str) -> anyhow::Result<Added> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to add a feed")?;
    let was: Option<bool> = sqlx::query_scalar("SELECT active FROM feeds WHERE url = ?")
        .bind(url)
        .fetch_optional(&mut *tx)
        .await
        .context("looking up a feed")?;
    let added = match was {
        Some(true) => Added::AlreadyActive,
        Some(false) => {
            sqlx::query(
                "UPDATE feeds SET active = 1, failures = 0, last_error = NULL, deactivated_at = NULL,
                 owner_told_at = NULL, next_poll_at = ? WHERE url = ?",
            )
            .bind(now)
            .bind(url)
            .execute(&mut *tx)
            .await
            .context("reactivating a feed")?;
            Added::Reactivated
        }
        None => {
            sqlx::query("INSERT INTO feeds (url, next_poll_at, added_at) VALUES (?, ?, ?)")
                .bind(url)
                .bind(now)
                .bind(now)
                .execute(&mut *tx)
                .await
                .context("adding a feed")?;
            Added::New
        }
    };
    tx.commit().await.context("committing the new feed")?;
    Ok(added)
}

/// Removes feed `url` and its item records (the documents stay); whether it was there.
pub async fn remove(pool: &Pool, url: &str) -> anyhow::Result<bool> {
    let done =
        sqlx::query("DELETE FROM feeds WHERE url = ?").bind(url).execute(pool).await.context("removing a feed")?;
    Ok(done.rows_affected() > 0)
}

/// Every feed, oldest first.
pub async fn list(pool: &Pool) -> anyhow::Result<Vec<FeedRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM feeds ORDER BY id")).fetch_all(pool).await.context("listing feeds")
}

/// Active feeds due at `now`, the longest-waiting first.
pub async fn due(pool: &Pool, now: &str, limit: i64) -> anyhow::Result<Vec<FeedRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM feeds WHERE active = 1 AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("finding feeds due")
}

/// What a poll that worked (or found the feed unchanged) learnt.
pub struct Success<'a> {
    pub title: Option<&'a str>,
    /// `ETag` and `Last-Modified`, sent back next time.
    pub validators: (Option<&'a str>, Option<&'a str>),
    /// The feed's `ttl` in seconds, when it said (kept for the polls answered `304`).
    pub ttl: Option<i64>,
    pub next_poll_at: &'a str,
    /// The last item that could not be ingested, shown by `/feeds`.
    pub item_error: Option<&'a str>,
}

/// Records a successful poll: failures forgotten, validators kept for next time.
pub async fn record_success(pool: &Pool, id: i64, success: &Success<'_>, now: &str) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE feeds SET title = COALESCE(?, title), etag = ?, last_modified = ?, ttl_secs = COALESCE(?, ttl_secs),
         next_poll_at = ?, failures = 0, last_error = ?, last_polled_at = ? WHERE id = ?",
    )
    .bind(success.title)
    .bind(success.validators.0)
    .bind(success.validators.1)
    .bind(success.ttl)
    .bind(success.next_poll_at)
    .bind(success.item_error)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .context("recording a feed poll")?;
    Ok(())
}

/// A poll that failed; the feed is deactivated when this is failure number `max_failures` in a row.
/// Returns whether it was deactivated now.
pub async fn record_failure(
    pool: &Pool,
    id: i64,
    error: &str,
    next_poll_at: &str,
    max_failures: u32,
    now: &str,
) -> anyhow::Result<bool> {
    let deactivated: Option<bool> = sqlx::query_scalar(
        "UPDATE feeds SET failures = failures + 1, last_error = ?1, next_poll_at = ?2, last_polled_at = ?3,
             active = CASE WHEN failures + 1 >= ?4 THEN 0 ELSE active END,
             deactivated_at = CASE WHEN failures + 1 >= ?4 THEN ?3 ELSE deactivated_at END
         WHERE id = ?5 AND active = 1 RETURNING active = 0",
    )
    .bind(error)
    .bind(next_poll_at)
    .bind(now)
    .bind(i64::from(max_failures))
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("recording a feed failure")?;
    Ok(deactivated.unwrap_or(false))
}

/// Deactivated feeds the owner has not been told about.
pub async fn untold_deactivations(pool: &Pool) -> anyhow::Result<Vec<FeedRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM feeds WHERE active = 0 AND deactivated_at IS NOT NULL AND owner_told_at IS NULL ORDER BY id"
    ))
    .fetch_all(pool)
    .await
    .context("finding deactivated feeds to report")
}

/// The owner has been told about feed `id`'s deactivation.
pub async fn mark_owner_told(pool: &Pool, id: i64, now: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE feeds SET owner_told_at = ? WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .context("recording that the owner was told")?;
    Ok(())
}

/// What became of feed `feed_id`'s items: state and attempts, by item key.
pub async fn items(pool: &Pool, feed_id: i64) -> anyhow::Result<HashMap<String, (String, i64)>> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT item_key, state, attempts FROM feed_items WHERE feed_id = ?")
            .bind(feed_id)
            .fetch_all(pool)
            .await
            .context("reading a feed's items")?;
    Ok(rows.into_iter().map(|(key, state, attempts)| (key, (state, attempts))).collect())
}

/// The document already holding the page at `url_key`, or the same text under another address.
pub async fn known_page(pool: &Pool, url_key: &str, text_hash: Option<&str>) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT document_name FROM web_pages WHERE url_key = ?1 OR text_hash = ?2 ORDER BY url_key = ?1 DESC LIMIT 1",
    )
    .bind(url_key)
    .bind(text_hash)
    .fetch_optional(pool)
    .await
    .context("looking up an ingested page")
}

/// An item's outcome (`ingested`, `duplicate`, `failed`), recorded after its document was committed.
pub struct ItemRecord<'a> {
    pub feed_id: Option<i64>,
    pub item_key: &'a str,
    pub state: &'a str,
    pub error: Option<&'a str>,
    /// The page it became (or was a duplicate of): its address, text hash and document.
    pub page: Option<(&'a str, &'a str, &'a str)>,
}

/// Records an item and its page in one transaction.
pub async fn record_item(pool: &Pool, item: &ItemRecord<'_>, now: &str) -> anyhow::Result<()> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to record a feed item")?;
    if let Some((url_key, text_hash, document)) = item.page {
        sqlx::query(
            "INSERT OR IGNORE INTO web_pages (url_key, text_hash, document_name, fetched_at) VALUES (?, ?, ?, ?)",
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
            "INSERT INTO feed_items (feed_id, item_key, state, last_error, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (feed_id, item_key) DO UPDATE SET state = ?3, last_error = ?4, updated_at = ?5,
                 attempts = attempts + 1",
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
            sqlx::query("UPDATE feeds SET items_ingested = items_ingested + 1 WHERE id = ?")
                .bind(feed_id)
                .execute(&mut *tx)
                .await
                .context("counting a feed's items")?;
        }
    }
    tx.commit().await.context("committing a feed item")
}

#[cfg(test)]
#[path = "feeds_tests.rs"]
mod tests;
