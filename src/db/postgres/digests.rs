//! The digest outbox and what each chat received, on PostgreSQL: batches travel as arrays and JSON
//! record sets, so a batch of due chats costs a handful of statements whatever its size.

use std::collections::HashMap;

use anyhow::Context;
use async_trait::async_trait;

use super::{PgStore, chats::CHAT_COLUMNS};
use crate::db::store::{ChatRow, ChatSubjects, DigestStore, Enqueued, NewDigest, OutboxRow};

#[async_trait]
impl DigestStore for PgStore {
    async fn due_chats(&self, now: &str, limit: i64) -> anyhow::Result<Vec<ChatRow>> {
        sqlx::query_as(&format!(
            "SELECT {CHAT_COLUMNS} FROM chats c
             WHERE next_slot IS NOT NULL AND next_slot <= $1 AND NOT paused AND unreachable IS NULL
               AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.chat_id)
             ORDER BY next_slot, chat_id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("finding chats with a digest due")
    }

    async fn subjects_of(&self, chat_ids: &[i64]) -> anyhow::Result<HashMap<i64, ChatSubjects>> {
        let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT chat_id, subject, thread_id FROM subscriptions WHERE chat_id = ANY($1) ORDER BY chat_id, subject",
        )
        .bind(chat_ids)
        .fetch_all(&self.pool)
        .await
        .context("reading the subscriptions of due chats")?;
        let mut out: HashMap<i64, ChatSubjects> = HashMap::new();
        for (chat_id, subject, thread_id) in rows {
            let entry = out.entry(chat_id).or_default();
            entry.subjects.push(subject);
            entry.thread_id = entry.thread_id.or(thread_id);
        }
        Ok(out)
    }

    async fn already_had(&self, chat_ids: &[i64], fact_keys: &[&str]) -> anyhow::Result<Vec<(i64, String)>> {
        sqlx::query_as(
            "SELECT chat_id, fact_key FROM received_facts WHERE chat_id = ANY($1) AND fact_key = ANY($2)
             UNION
             SELECT o.chat_id, k.value FROM outbox o CROSS JOIN LATERAL jsonb_array_elements_text(o.fact_keys) k(value)
             WHERE o.chat_id = ANY($1) AND o.status = 'pending'",
        )
        .bind(chat_ids)
        .bind(fact_keys)
        .fetch_all(&self.pool)
        .await
        .context("reading the facts due chats already have")
    }

    async fn enqueue_digest(
        &self,
        chat_id: i64,
        digest: Option<NewDigest<'_>>,
        next_slot: Option<&str>,
    ) -> anyhow::Result<Option<i64>> {
        let mut tx = self.pool.begin().await.context("starting to enqueue a digest")?;
        let mut id = None;
        if let Some(d) = digest {
            id = sqlx::query_scalar(
                "INSERT INTO outbox (chat_id, thread_id, slot, reply, fact_keys, next_attempt_at, created_at)
                 VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT (chat_id, slot) DO NOTHING RETURNING id",
            )
            .bind(d.chat_id)
            .bind(d.thread_id)
            .bind(d.slot)
            .bind(d.reply_json)
            .bind(d.fact_keys_json)
            .bind(d.send_after)
            .bind(crate::db::now_text())
            .fetch_optional(&mut *tx)
            .await
            .with_context(|| format!("writing a digest for chat {chat_id}"))?;
        }
        if let Some(next) = next_slot {
            sqlx::query("UPDATE chats SET next_slot = $1 WHERE chat_id = $2")
                .bind(next)
                .bind(chat_id)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("moving the schedule of chat {chat_id}"))?;
        }
        tx.commit().await.context("committing a digest")?;
        Ok(id)
    }

    async fn enqueue_digests(&self, batch: &[Enqueued], send_after: &str) -> anyhow::Result<u64> {
        let json = serde_json::to_string(batch).context("encoding a batch of digests")?;
        let mut tx = self.pool.begin().await.context("starting to enqueue digests")?;
        let written = sqlx::query(
            "INSERT INTO outbox (chat_id, thread_id, slot, reply, fact_keys, next_attempt_at, created_at)
             SELECT b.chat_id, b.thread_id, b.slot, b.reply, b.fact_keys::jsonb, $2, $3
             FROM jsonb_to_recordset($1::jsonb) AS b(chat_id BIGINT, thread_id BIGINT, slot TEXT, reply TEXT, fact_keys TEXT)
             WHERE b.reply IS NOT NULL
             ON CONFLICT (chat_id, slot) DO NOTHING",
        )
        .bind(&json)
        .bind(send_after)
        .bind(crate::db::now_text())
        .execute(&mut *tx)
        .await
        .context("writing digests")?
        .rows_affected();
        sqlx::query(
            "UPDATE chats SET next_slot = b.next_slot
             FROM jsonb_to_recordset($1::jsonb) AS b(chat_id BIGINT, next_slot TEXT) WHERE chats.chat_id = b.chat_id",
        )
        .bind(&json)
        .execute(&mut *tx)
        .await
        .context("moving the schedules of due chats")?;
        tx.commit().await.context("committing a batch of digests")?;
        Ok(written)
    }

    async fn pending_digests(&self, now: &str, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
        sqlx::query_as(
            "SELECT id, chat_id, thread_id, slot, reply, fact_keys::text AS fact_keys, attempts FROM outbox
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("reading the outbox")
    }

    async fn claim_digests(&self, now: &str, limit: i64, lease_until: &str) -> anyhow::Result<Vec<OutboxRow>> {
        // Rows another replica is claiming right now are skipped, not waited for.
        let mut rows: Vec<OutboxRow> = sqlx::query_as(
            "UPDATE outbox o SET next_attempt_at = $3
             FROM (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
                   ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) c
             WHERE o.id = c.id
             RETURNING o.id, o.chat_id, o.thread_id, o.slot, o.reply, o.fact_keys::text AS fact_keys, o.attempts",
        )
        .bind(now)
        .bind(limit)
        .bind(lease_until)
        .fetch_all(&self.pool)
        .await
        .context("claiming digests to send")?;
        rows.sort_by_key(|row| row.id);
        Ok(rows)
    }

    async fn digests_to_send(&self, now: &str, limit: i64, lease_until: &str) -> anyhow::Result<Vec<OutboxRow>> {
        self.claim_digests(now, limit, lease_until).await
    }

    async fn mark_digests_sent(&self, sent: &[(i64, i64)], now: &str) -> anyhow::Result<()> {
        let ids: Vec<i64> = sent.iter().map(|(id, _)| *id).collect();
        let chat_ids: Vec<i64> = sent.iter().map(|(_, chat)| *chat).collect();
        let mut tx = self.pool.begin().await.context("starting to mark digests sent")?;
        sqlx::query(
            "UPDATE outbox o SET status = 'sent', sent_at = $3, chat_id = s.chat_id, attempts = o.attempts + 1
             FROM UNNEST($1::BIGINT[], $2::BIGINT[]) AS s(id, chat_id) WHERE o.id = s.id",
        )
        .bind(&ids)
        .bind(&chat_ids)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("marking digests sent")?;
        sqlx::query(
            "INSERT INTO received_facts (chat_id, fact_key, received_at)
             SELECT o.chat_id, k.value, $2 FROM outbox o CROSS JOIN LATERAL jsonb_array_elements_text(o.fact_keys) k(value)
             WHERE o.id = ANY($1) ON CONFLICT DO NOTHING",
        )
        .bind(&ids)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("recording the facts digests delivered")?;
        sqlx::query("UPDATE chats SET last_digest_at = $2 WHERE chat_id = ANY($1)")
            .bind(&chat_ids)
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("noting when chats got their digest")?;
        tx.commit().await.context("committing digests as sent")
    }

    async fn mark_digest_failed(&self, id: i64, error: &str, retry_at: Option<&str>) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1,
             status = CASE WHEN $2::TEXT IS NULL THEN 'failed' ELSE 'pending' END,
             next_attempt_at = COALESCE($2, next_attempt_at) WHERE id = $3",
        )
        .bind(error)
        .bind(retry_at)
        .bind(id)
        .execute(&self.pool)
        .await
        .with_context(|| format!("recording the failure of digest {id}"))?;
        Ok(())
    }

    async fn mark_digest_dropped(&self, id: i64, reason: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE outbox SET status = 'dropped', last_error = $1 WHERE id = $2")
            .bind(reason)
            .bind(id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("dropping digest {id}"))?;
        Ok(())
    }

    async fn outbox_counts(&self) -> anyhow::Result<Vec<(String, i64)>> {
        sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status")
            .fetch_all(&self.pool)
            .await
            .context("counting the outbox")
    }
}
