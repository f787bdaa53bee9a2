//! The one-shot scheduler step: "write every digest that is due at time T". A loop in the adapter calls
//! it with the real clock; tests call it with a fixed one.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{compose, schedule::Schedule};
use crate::{
    answer::Dossier,
    db::{
        self,
        outbox::UnseenFact,
        store::{ChatRow, ChatSubjects, Enqueued},
    },
    i18n::Lang,
};

/// Chats handled per batch.
const BATCH: i64 = 500;
/// Newest facts read per subject: a digest brings the newest unseen among them, and counts the rest.
pub const WINDOW: i64 = 500;

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

/// Writes the digest of every chat due at `now` into the outbox and moves each chat's schedule on.
///
/// Chats go in batches of [`BATCH`]: one read of their subscriptions, one read of the newest facts per
/// distinct set of subjects, one read of what they already have, one compose per distinct digest, and
/// one transaction writing the batch. A crash between batches loses nothing: a chat's slot moves on in
/// the same transaction that writes its digest.
pub async fn enqueue_due(dossier: &Dossier, now: DateTime<Utc>, max_facts: usize) -> anyhow::Result<EnqueueOutcome> {
    let mut outcome = EnqueueOutcome::default();
    let now_text = stamp(now);
    let dossier = &dossier.current().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    loop {
        let due = dossier.store.due_chats(&now_text, BATCH).await?;
        if due.is_empty() {
            return Ok(outcome);
        }
        outcome.due += due.len();
        let batch = compose_batch(dossier, &due, now, max_facts).await?;
        outcome.empty += batch.iter().filter(|e| e.reply.is_none()).count();
        let written = dossier.store.enqueue_digests(&batch, &now_text).await?;
        outcome.enqueued += usize::try_from(written).unwrap_or_default();
    }
}

/// Facts on a chat's subjects that it has neither received nor has waiting in the outbox, newest document
/// first, among the newest [`WINDOW`] facts of each subject: the subscriptions and what the chat had come
/// from the shared store, the facts from the fact index.
pub async fn unseen_facts(dossier: &Dossier, chat_id: i64) -> anyhow::Result<Vec<UnseenFact>> {
    let subjects = dossier.store.subjects_of(&[chat_id]).await?.remove(&chat_id).unwrap_or_default();
    let newest = db::digest_batch::newest_of_subjects(&dossier.pool, &subjects.subjects, WINDOW).await?;
    let keys: Vec<&str> = newest.iter().map(|f| f.fact.fact_key.as_str()).collect();
    let had: HashSet<String> =
        dossier.store.already_had(&[chat_id], &keys).await?.into_iter().map(|(_, key)| key).collect();
    Ok(newest.into_iter().filter(|f| !had.contains(&f.fact.fact_key)).collect())
}

/// What makes two chats' digests the same: their subjects, their language and the facts they already had.
type DigestShape = (Vec<String>, Lang, Vec<String>);

/// The digest (or nothing new) of each due chat, and its next slot.
async fn compose_batch(
    dossier: &Dossier,
    due: &[ChatRow],
    now: DateTime<Utc>,
    max_facts: usize,
) -> anyhow::Result<Vec<Enqueued>> {
    let pool = &dossier.pool;
    let ids: Vec<i64> = due.iter().map(|c| c.chat_id).collect();
    let subjects = dossier.store.subjects_of(&ids).await?;
    let mut newest: HashMap<&[String], Vec<UnseenFact>> = HashMap::new();
    for chat in subjects.values() {
        if !newest.contains_key(chat.subjects.as_slice()) {
            let facts = db::digest_batch::newest_of_subjects(pool, &chat.subjects, WINDOW).await?;
            newest.insert(&chat.subjects, facts);
        }
    }
    let keys: HashSet<&str> = newest.values().flatten().map(|f| f.fact.fact_key.as_str()).collect();
    let mut had: HashMap<i64, HashSet<String>> = HashMap::new();
    for (chat_id, key) in dossier.store.already_had(&ids, &keys.into_iter().collect::<Vec<_>>()).await? {
        had.entry(chat_id).or_default().insert(key);
    }

    // Chats with the same subjects, language and facts already had get the same digest: composed once.
    let mut composed: HashMap<DigestShape, Option<(String, String)>> = HashMap::new();
    let no_subjects = ChatSubjects::default();
    let mut batch = Vec::with_capacity(due.len());
    for chat in due {
        let subscribed = subjects.get(&chat.chat_id).unwrap_or(&no_subjects);
        let candidates = newest.get(subscribed.subjects.as_slice()).map_or(&[][..], Vec::as_slice);
        let chat_had = had.get(&chat.chat_id);
        let unseen: Vec<UnseenFact> =
            candidates.iter().filter(|f| chat_had.is_none_or(|h| !h.contains(&f.fact.fact_key))).cloned().collect();
        let mut had_here: Vec<String> = chat_had
            .map(|h| {
                candidates.iter().filter(|f| h.contains(&f.fact.fact_key)).map(|f| f.fact.fact_key.clone()).collect()
            })
            .unwrap_or_default();
        had_here.sort();
        had_here.dedup();
        let key = (subscribed.subjects.clone(), chat.lang(), had_here);
        let digest = match composed.get(&key) {
            Some(digest) => digest.clone(),
            None => {
                let digest = compose::compose(pool, &dossier.knowledge, unseen, max_facts, chat.lang())
                    .await?
                    .map(|d| {
                        Ok::<_, serde_json::Error>((
                            serde_json::to_string(&d.reply)?,
                            serde_json::to_string(&d.fact_keys)?,
                        ))
                    })
                    .transpose()?;
                composed.insert(key, digest.clone());
                digest
            }
        };
        let schedule = Schedule::from_settings(&chat.timezone, &chat.digest_time, &chat.frequency, chat.weekday);
        let (reply, fact_keys) = digest.map_or((None, String::new()), |(reply, keys)| (Some(reply), keys));
        batch.push(Enqueued {
            chat_id: chat.chat_id,
            thread_id: subscribed.thread_id,
            slot: chat.next_slot.clone().unwrap_or_else(|| stamp(now)),
            reply,
            fact_keys,
            next_slot: stamp(schedule.next_slot(now)),
        });
    }
    Ok(batch)
}
