//! The digest outbox: which chats are due, what they have not seen, and each digest's life from written
//! to sent. A digest is written before it is sent and marked after, so nothing owed is lost in a crash.

use anyhow::Context;

use super::{Pool, chats::ChatRow, facts::FactRow};

/// A fact a chat has not received yet, with the subscription it matched.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnseenFact {
    #[sqlx(flatten)]
    pub fact: FactRow,
    pub subject: String,
}

/// A digest waiting in the outbox.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct OutboxRow {
    pub id: i64,
    pub chat_id: i64,
    pub thread_id: Option<i64>,
    pub slot: String,
    pub reply: String,
    pub fact_keys: String,
    pub attempts: i64,
}

/// Chats whose next digest is due at `now`: subscribed, not paused, reachable.
pub async fn due_chats(pool: &Pool, now: &str, limit: i64) -> anyhow::Result<Vec<ChatRow>> {
    sqlx::query_as(
        "SELECT chat_id, kind, title, language, timezone, digest_time, frequency, weekday, paused, unreachable,
                next_slot, last_digest_at, quiz_open_period
         FROM chats c
         WHERE next_slot IS NOT NULL AND next_slot <= ? AND paused = 0 AND unreachable IS NULL
           AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.chat_id)
         ORDER BY next_slot, chat_id LIMIT ?",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("finding chats with a digest due")
}

/// Facts on a chat's subjects that it has neither received nor has waiting in the outbox, newest
/// document first, among the newest `window` facts of each subject.
pub async fn unseen_facts(pool: &Pool, chat_id: i64, window: i64) -> anyhow::Result<Vec<UnseenFact>> {
    let subjects = super::digest_batch::subjects_of(pool, &[chat_id]).await?.remove(&chat_id).unwrap_or_default();
    let newest = super::digest_batch::newest_of_subjects(pool, &subjects.subjects, window).await?;
    let keys: Vec<&str> = newest.iter().map(|f| f.fact.fact_key.as_str()).collect();
    let had: std::collections::HashSet<String> =
        super::digest_batch::already_had(pool, &[chat_id], &keys).await?.into_iter().map(|(_, key)| key).collect();
    Ok(newest.into_iter().filter(|f| !had.contains(&f.fact.fact_key)).collect())
}

/// A digest to write.
#[derive(Debug, Clone)]
pub struct NewDigest<'a> {
    pub chat_id: i64,
    pub thread_id: Option<i64>,
    pub slot: &'a str,
    pub reply_json: &'a str,
    pub fact_keys_json: &'a str,
    /// When the outbox worker may first try it.
    pub send_after: &'a str,
}

/// Writes a digest (if any) and moves the chat's schedule to `next_slot`, in one transaction.
/// Returns the outbox id, or `None` when there was nothing to write or the slot was already written.
pub async fn enqueue(
    pool: &Pool,
    chat_id: i64,
    digest: Option<NewDigest<'_>>,
    next_slot: Option<&str>,
) -> anyhow::Result<Option<i64>> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to enqueue a digest")?;
    let mut id = None;
    if let Some(d) = digest {
        id = sqlx::query_scalar(
            "INSERT INTO outbox (chat_id, thread_id, slot, reply, fact_keys, next_attempt_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, slot) DO NOTHING RETURNING id",
        )
        .bind(d.chat_id)
        .bind(d.thread_id)
        .bind(d.slot)
        .bind(d.reply_json)
        .bind(d.fact_keys_json)
        .bind(d.send_after)
        .bind(super::now_text())
        .fetch_optional(&mut *tx)
        .await
        .with_context(|| format!("writing a digest for chat {chat_id}"))?;
    }
    if let Some(next) = next_slot {
        sqlx::query("UPDATE chats SET next_slot = ? WHERE chat_id = ?")
            .bind(next)
            .bind(chat_id)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("moving the schedule of chat {chat_id}"))?;
    }
    tx.commit().await.context("committing a digest")?;
    Ok(id)
}

/// Digests waiting to be sent whose time has come, oldest first.
pub async fn pending(pool: &Pool, now: &str, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
    sqlx::query_as(
        "SELECT id, chat_id, thread_id, slot, reply, fact_keys, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("reading the outbox")
}

/// The digest went out (to `chat_id`, which may differ after a migration): mark it sent and record its
/// facts as received, in one transaction.
pub async fn mark_sent(pool: &Pool, id: i64, chat_id: i64, now: &str) -> anyhow::Result<()> {
    super::digest_batch::mark_sent_many(pool, &[(id, chat_id)], now).await.with_context(|| format!("digest {id}"))
}

/// The digest failed for now: try again at `retry_at`, or give up (`status = failed`) when `retry_at` is None.
pub async fn mark_failed(pool: &Pool, id: i64, error: &str, retry_at: Option<&str>) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?,
         status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
    )
    .bind(error)
    .bind(retry_at)
    .bind(retry_at)
    .bind(id)
    .execute(pool)
    .await
    .with_context(|| format!("recording the failure of digest {id}"))?;
    Ok(())
}

/// The chat is unreachable: the digest is dropped (its facts stay unreceived for when the chat returns).
pub async fn mark_dropped(pool: &Pool, id: i64, reason: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET status = 'dropped', last_error = ? WHERE id = ?")
        .bind(reason)
        .bind(id)
        .execute(pool)
        .await
        .with_context(|| format!("dropping digest {id}"))?;
    Ok(())
}

/// Counts of outbox rows by status (for tests and /stats).
pub async fn status_counts(pool: &Pool) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status")
        .fetch_all(pool)
        .await
        .context("counting the outbox")
}
