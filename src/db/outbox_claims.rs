//! Claiming digests for sending: a claim is a lease (the row's next attempt moves to the lease's end), so
//! several senders share the outbox and one killed mid-send leaves only its claimed rows to be sent again.

use anyhow::Context;

use super::{Pool, outbox::OutboxRow};

/// Claims up to `limit` digests due at `now` until `lease_until`, oldest first. One statement: SQLite's
/// single writer makes it atomic.
pub async fn claim(pool: &Pool, now: &str, limit: i64, lease_until: &str) -> anyhow::Result<Vec<OutboxRow>> {
    let mut rows: Vec<OutboxRow> = sqlx::query_as(
        "UPDATE outbox SET next_attempt_at = ?3
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2)
         RETURNING id, chat_id, thread_id, slot, reply, fact_keys, attempts",
    )
    .bind(now)
    .bind(limit)
    .bind(lease_until)
    .fetch_all(pool)
    .await
    .context("claiming digests to send")?;
    rows.sort_by_key(|row| row.id);
    Ok(rows)
}
