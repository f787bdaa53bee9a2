//! The shared-state interface: every operation that replicas must share, named in domain terms, with one
//! implementation per engine (SQLite in [`sqlite`], PostgreSQL in [`crate::db::postgres`]).
//!
//! What lives where: chats and their settings, subscriptions, the outbox and what each chat received,
//! quiz rounds, polls, answers and schedules, update claims, feeds and the documents' text are shared
//! state. The fact index (sentences, mentions, FTS5 search, discovered entities, the quiz question pool)
//! stays in each process's embedded SQLite, built from the shared documents (see the README).

pub mod feeds;
pub mod quiz;
pub mod replica;
pub mod sqlite;
mod sqlite_feeds;
mod sqlite_quiz;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests_chats;
#[cfg(test)]
mod tests_digests;
#[cfg(test)]
mod tests_feeds;
#[cfg(test)]
mod tests_quiz;
#[cfg(test)]
mod tests_replica;
#[cfg(test)]
mod tests_updates;

use std::{collections::HashMap, sync::Arc};

use async_trait::async_trait;

pub use feeds::{DocumentArchive, FeedStore};
pub use quiz::{PollStore, QuizScheduleStore, QuizStore};
pub use replica::{HeldRole, ReplicaStore, Role, SoleProcess, Stats};

pub use super::{
    chats::ChatRow,
    digest_batch::{ChatSubjects, Enqueued},
    outbox::{NewDigest, OutboxRow},
    subscriptions::SubscriptionRow,
};

/// The store every replica shares: chats, digests, update claims (and, through the sub-traits, more).
pub trait Database:
    ChatStore
    + DigestStore
    + UpdateStore
    + QuizStore
    + PollStore
    + QuizScheduleStore
    + FeedStore
    + DocumentArchive
    + ReplicaStore
    + Send
    + Sync
{
}

impl<T> Database for T where
    T: ChatStore
        + DigestStore
        + UpdateStore
        + QuizStore
        + PollStore
        + QuizScheduleStore
        + FeedStore
        + DocumentArchive
        + ReplicaStore
        + Send
        + Sync
{
}

/// A shared store, whichever engine holds it.
pub type SharedDatabase = Arc<dyn Database>;

/// A chat's digest schedule as `/schedule` sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestSchedule<'a> {
    pub timezone: &'a str,
    pub digest_time: &'a str,
    pub frequency: &'a str,
    pub weekday: i64,
    /// When the next digest is due (kept unscheduled when the chat has none scheduled).
    pub next_slot: &'a str,
}

/// Chats, their settings and their subscriptions.
#[async_trait]
pub trait ChatStore {
    /// Records a chat (or refreshes its kind and title) and returns its settings.
    async fn ensure_chat(&self, chat_id: i64, kind: &str, title: Option<&str>) -> anyhow::Result<ChatRow>;
    /// A chat's settings, if the bot knows it.
    async fn chat(&self, chat_id: i64) -> anyhow::Result<Option<ChatRow>>;
    /// Every chat's interface language override (few chats have one).
    async fn language_overrides(&self) -> anyhow::Result<Vec<(i64, String)>>;
    /// Sets (or, with `None`, clears) a chat's interface language override.
    async fn set_language(&self, chat_id: i64, language: Option<&str>) -> anyhow::Result<()>;
    /// Marks a chat as unreachable (blocked, kicked): its digests pause, nothing is deleted.
    async fn mark_unreachable(&self, chat_id: i64, reason: &str) -> anyhow::Result<()>;
    /// The chat wrote again; returns whether it had been marked unreachable.
    async fn mark_reachable(&self, chat_id: i64) -> anyhow::Result<bool>;
    /// How long the chat's quiz polls stay open, in seconds.
    async fn set_quiz_open_period(&self, chat_id: i64, secs: u32) -> anyhow::Result<()>;
    /// Moves everything about a chat to its new id (group → supergroup), merging into a known chat.
    async fn migrate_chat(&self, old_id: i64, new_id: i64) -> anyhow::Result<()>;
    /// Subscribes a chat to a subject, scheduling its first digest at `first_slot` unless one is
    /// scheduled; false when it was subscribed already.
    async fn subscribe(
        &self,
        chat_id: i64,
        subject: &str,
        thread_id: Option<i64>,
        first_slot: &str,
    ) -> anyhow::Result<bool>;
    /// Removes one subscription; returns whether there was one.
    async fn unsubscribe(&self, chat_id: i64, subject: &str) -> anyhow::Result<bool>;
    /// Removes every subscription of a chat; returns how many there were.
    async fn unsubscribe_all(&self, chat_id: i64) -> anyhow::Result<u64>;
    /// A chat's subscriptions, oldest first.
    async fn subscriptions(&self, chat_id: i64) -> anyhow::Result<Vec<SubscriptionRow>>;
    /// Stores a chat's delivery schedule.
    async fn set_schedule(&self, chat_id: i64, schedule: &DigestSchedule<'_>) -> anyhow::Result<()>;
    /// Pauses or resumes a chat's digests; resuming also clears an "unreachable" mark.
    async fn set_paused(&self, chat_id: i64, paused: bool) -> anyhow::Result<()>;
}

/// The digest outbox and what each chat has received.
#[async_trait]
pub trait DigestStore {
    /// Chats whose next digest is due at `now`: subscribed, not paused, reachable.
    async fn due_chats(&self, now: &str, limit: i64) -> anyhow::Result<Vec<ChatRow>>;
    /// The subscriptions of each of `chat_ids`.
    async fn subjects_of(&self, chat_ids: &[i64]) -> anyhow::Result<HashMap<i64, ChatSubjects>>;
    /// Which of `fact_keys` each of `chat_ids` already has: received, or waiting in a pending digest.
    async fn already_had(&self, chat_ids: &[i64], fact_keys: &[&str]) -> anyhow::Result<Vec<(i64, String)>>;
    /// Writes a digest (if any) and moves the chat's schedule on; the outbox id, or `None` when there was
    /// nothing to write or the slot was written before.
    async fn enqueue_digest(
        &self,
        chat_id: i64,
        digest: Option<NewDigest<'_>>,
        next_slot: Option<&str>,
    ) -> anyhow::Result<Option<i64>>;
    /// Writes a batch of digests and moves each chat's schedule on; how many digests were written.
    async fn enqueue_digests(&self, batch: &[Enqueued], send_after: &str) -> anyhow::Result<u64>;
    /// Digests waiting to be sent whose time has come, oldest first.
    async fn pending_digests(&self, now: &str, limit: i64) -> anyhow::Result<Vec<OutboxRow>>;
    /// Claims up to `limit` digests due at `now` for this process until `lease_until`, oldest first: no
    /// other process claims them before then, and a process killed mid-send leaves them to be claimed
    /// again when the lease ends. Marking a digest sent, failed or dropped ends its claim.
    async fn claim_digests(&self, now: &str, limit: i64, lease_until: &str) -> anyhow::Result<Vec<OutboxRow>>;
    /// The digests this process sends now: on a store several processes send from, claimed until
    /// `lease_until` (as [`DigestStore::claim_digests`]); on the embedded store, simply those due.
    async fn digests_to_send(&self, now: &str, limit: i64, lease_until: &str) -> anyhow::Result<Vec<OutboxRow>>;
    /// Digests that went out, each to the chat it reached: marked sent, their facts received.
    async fn mark_digests_sent(&self, sent: &[(i64, i64)], now: &str) -> anyhow::Result<()>;
    /// The digest failed for now: retry at `retry_at`, or give up when it is `None`.
    async fn mark_digest_failed(&self, id: i64, error: &str, retry_at: Option<&str>) -> anyhow::Result<()>;
    /// The chat is unreachable: the digest is dropped, its facts stay unreceived.
    async fn mark_digest_dropped(&self, id: i64, reason: &str) -> anyhow::Result<()>;
    /// Outbox rows by status.
    async fn outbox_counts(&self) -> anyhow::Result<Vec<(String, i64)>>;
}

/// Claims on Telegram updates: each is handled once, whichever process receives it.
#[async_trait]
pub trait UpdateStore {
    /// Claims an update for handling; false when it was claimed before (a replay).
    async fn claim_update(&self, update_id: i64) -> anyhow::Result<bool>;
    /// Claims several updates; returns the ids claimed now.
    async fn claim_updates(&self, update_ids: &[i64]) -> anyhow::Result<Vec<i64>>;
    /// The highest update id claimed and not yet forgotten.
    async fn highest_claim(&self) -> anyhow::Result<Option<i64>>;
    /// Forgets claims made before `cutoff`; returns how many.
    async fn forget_updates_before(&self, cutoff: &str) -> anyhow::Result<u64>;
}
