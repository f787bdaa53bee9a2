//! The shared-state interface on the embedded SQLite file: each operation is today's SQL in its table's
//! module (`db::chats`, `db::outbox`, …), which the single-process bot also calls directly.

use std::collections::HashMap;

use async_trait::async_trait;

use super::{
    ChatRow, ChatStore, ChatSubjects, DigestSchedule, DigestStore, Enqueued, HeldRole, NewDigest, OutboxRow,
    ReplicaStore, Role, SoleProcess, Stats, SubscriptionRow, UpdateStore,
};
use crate::db::{Pool, chats, digest_batch, outbox, outbox_claims, subscriptions, updates};

/// The shared state in one SQLite database (the embedded default).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: Pool,
}

impl SqliteStore {
    /// A store over an open (and migrated) SQLite pool.
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// The pool, for the fact index that shares the file.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }
}

#[async_trait]
impl ChatStore for SqliteStore {
    async fn ensure_chat(&self, chat_id: i64, kind: &str, title: Option<&str>) -> anyhow::Result<ChatRow> {
        chats::ensure(&self.pool, chat_id, kind, title).await
    }
    async fn chat(&self, chat_id: i64) -> anyhow::Result<Option<ChatRow>> {
        chats::get(&self.pool, chat_id).await
    }
    async fn language_overrides(&self) -> anyhow::Result<Vec<(i64, String)>> {
        chats::language_overrides(&self.pool).await
    }
    async fn set_language(&self, chat_id: i64, language: Option<&str>) -> anyhow::Result<()> {
        chats::set_language(&self.pool, chat_id, language).await
    }
    async fn mark_unreachable(&self, chat_id: i64, reason: &str) -> anyhow::Result<()> {
        chats::mark_unreachable(&self.pool, chat_id, reason).await
    }
    async fn mark_reachable(&self, chat_id: i64) -> anyhow::Result<bool> {
        chats::mark_reachable(&self.pool, chat_id).await
    }
    async fn set_quiz_open_period(&self, chat_id: i64, secs: u32) -> anyhow::Result<()> {
        chats::set_quiz_open_period(&self.pool, chat_id, secs).await
    }
    async fn migrate_chat(&self, old_id: i64, new_id: i64) -> anyhow::Result<()> {
        chats::migrate(&self.pool, old_id, new_id).await
    }
    async fn subscribe(
        &self,
        chat_id: i64,
        subject: &str,
        thread_id: Option<i64>,
        first_slot: &str,
    ) -> anyhow::Result<bool> {
        subscriptions::subscribe(&self.pool, chat_id, subject, thread_id, first_slot).await
    }
    async fn unsubscribe(&self, chat_id: i64, subject: &str) -> anyhow::Result<bool> {
        subscriptions::unsubscribe(&self.pool, chat_id, subject).await
    }
    async fn unsubscribe_all(&self, chat_id: i64) -> anyhow::Result<u64> {
        subscriptions::unsubscribe_all(&self.pool, chat_id).await
    }
    async fn subscriptions(&self, chat_id: i64) -> anyhow::Result<Vec<SubscriptionRow>> {
        subscriptions::list(&self.pool, chat_id).await
    }
    async fn set_schedule(&self, chat_id: i64, s: &DigestSchedule<'_>) -> anyhow::Result<()> {
        subscriptions::set_schedule(&self.pool, chat_id, s.timezone, s.digest_time, s.frequency, s.weekday, s.next_slot)
            .await
    }
    async fn set_paused(&self, chat_id: i64, paused: bool) -> anyhow::Result<()> {
        subscriptions::set_paused(&self.pool, chat_id, paused).await
    }
}

#[async_trait]
impl DigestStore for SqliteStore {
    async fn due_chats(&self, now: &str, limit: i64) -> anyhow::Result<Vec<ChatRow>> {
        outbox::due_chats(&self.pool, now, limit).await
    }
    async fn subjects_of(&self, chat_ids: &[i64]) -> anyhow::Result<HashMap<i64, ChatSubjects>> {
        digest_batch::subjects_of(&self.pool, chat_ids).await
    }
    async fn already_had(&self, chat_ids: &[i64], fact_keys: &[&str]) -> anyhow::Result<Vec<(i64, String)>> {
        digest_batch::already_had(&self.pool, chat_ids, fact_keys).await
    }
    async fn enqueue_digest(
        &self,
        chat_id: i64,
        digest: Option<NewDigest<'_>>,
        next_slot: Option<&str>,
    ) -> anyhow::Result<Option<i64>> {
        outbox::enqueue(&self.pool, chat_id, digest, next_slot).await
    }
    async fn enqueue_digests(&self, batch: &[Enqueued], send_after: &str) -> anyhow::Result<u64> {
        digest_batch::enqueue_many(&self.pool, batch, send_after).await
    }
    async fn pending_digests(&self, now: &str, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
        outbox::pending(&self.pool, now, limit).await
    }
    async fn claim_digests(&self, now: &str, limit: i64, lease_until: &str) -> anyhow::Result<Vec<OutboxRow>> {
        outbox_claims::claim(&self.pool, now, limit, lease_until).await
    }
    async fn digests_to_send(&self, now: &str, limit: i64, _lease_until: &str) -> anyhow::Result<Vec<OutboxRow>> {
        // One process sends: what is due is its own, as before the store was shared.
        outbox::pending(&self.pool, now, limit).await
    }
    async fn mark_digests_sent(&self, sent: &[(i64, i64)], now: &str) -> anyhow::Result<()> {
        digest_batch::mark_sent_many(&self.pool, sent, now).await
    }
    async fn mark_digest_failed(&self, id: i64, error: &str, retry_at: Option<&str>) -> anyhow::Result<()> {
        outbox::mark_failed(&self.pool, id, error, retry_at).await
    }
    async fn mark_digest_dropped(&self, id: i64, reason: &str) -> anyhow::Result<()> {
        outbox::mark_dropped(&self.pool, id, reason).await
    }
    async fn outbox_counts(&self) -> anyhow::Result<Vec<(String, i64)>> {
        outbox::status_counts(&self.pool).await
    }
}

#[async_trait]
impl ReplicaStore for SqliteStore {
    async fn ready(&self) -> anyhow::Result<()> {
        crate::db::ready(&self.pool).await
    }
    async fn try_lead(&self, _role: Role) -> anyhow::Result<Option<Box<dyn HeldRole>>> {
        Ok(Some(Box::new(SoleProcess)))
    }
    fn keeps_index_apart(&self) -> bool {
        false
    }
    async fn shared_stats(&self, since: &str) -> anyhow::Result<Stats> {
        crate::db::stats::collect(&self.pool, since).await
    }
}

#[async_trait]
impl UpdateStore for SqliteStore {
    async fn claim_update(&self, update_id: i64) -> anyhow::Result<bool> {
        updates::claim(&self.pool, update_id).await
    }
    async fn claim_updates(&self, update_ids: &[i64]) -> anyhow::Result<Vec<i64>> {
        updates::claim_many(&self.pool, update_ids).await
    }
    async fn highest_claim(&self) -> anyhow::Result<Option<i64>> {
        updates::highest_claim(&self.pool).await
    }
    async fn forget_updates_before(&self, cutoff: &str) -> anyhow::Result<u64> {
        updates::forget_before(&self.pool, cutoff).await
    }
}
