//! The one-shot scheduler step: "write every digest that is due at time T". A loop in the adapter calls
//! it with the real clock; tests call it with a fixed one.

use chrono::{DateTime, Utc};

use super::{compose, schedule::Schedule};
use crate::{
    answer::Dossier,
    db::{self, outbox::NewDigest},
};

/// Chats handled per database round trip.
const BATCH: i64 = 500;

/// What one scheduler step did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EnqueueOutcome {
    /// Chats whose slot had come.
    pub due: usize,
    /// Digests written to the outbox.
    pub enqueued: usize,
    /// Due chats with nothing new (their schedule just moves on).
    pub empty: usize,
}

/// RFC 3339 text as stored in the database.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Writes the digest of every chat due at `now` into the outbox and moves each chat's schedule on,
/// one transaction per chat.
pub async fn enqueue_due(dossier: &Dossier, now: DateTime<Utc>, max_facts: usize) -> anyhow::Result<EnqueueOutcome> {
    let mut outcome = EnqueueOutcome::default();
    let now_text = stamp(now);
    loop {
        let due = db::outbox::due_chats(&dossier.pool, &now_text, BATCH).await?;
        if due.is_empty() {
            return Ok(outcome);
        }
        for chat in due {
            outcome.due += 1;
            let schedule = Schedule::from_settings(&chat.timezone, &chat.digest_time, &chat.frequency, chat.weekday);
            let next = stamp(schedule.next_slot(now));
            let slot = chat.next_slot.clone().unwrap_or_else(|| now_text.clone());
            let unseen = db::outbox::unseen_facts(&dossier.pool, chat.chat_id).await?;
            let digest = compose::compose(&dossier.pool, &dossier.knowledge, unseen, max_facts, chat.lang()).await?;
            let Some(digest) = digest else {
                outcome.empty += 1;
                db::outbox::enqueue(&dossier.pool, chat.chat_id, None, Some(&next)).await?;
                continue;
            };
            let thread_id =
                db::subscriptions::list(&dossier.pool, chat.chat_id).await?.iter().find_map(|s| s.thread_id);
            let reply_json = serde_json::to_string(&digest.reply)?;
            let fact_keys_json = serde_json::to_string(&digest.fact_keys)?;
            let written = NewDigest {
                chat_id: chat.chat_id,
                thread_id,
                slot: &slot,
                reply_json: &reply_json,
                fact_keys_json: &fact_keys_json,
                send_after: &now_text,
            };
            if db::outbox::enqueue(&dossier.pool, chat.chat_id, Some(written), Some(&next)).await?.is_some() {
                outcome.enqueued += 1;
            }
        }
    }
}
