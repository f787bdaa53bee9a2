//! Set-based reads and writes for the digest engine: a batch of due chats costs a handful of statements,
//! whatever its size, instead of several round trips per chat.

use std::collections::HashMap;

use anyhow::Context;

use super::{Pool, outbox::UnseenFact};

/// The subscriptions of each of `chat_ids`: subjects in order, and the forum thread to deliver into.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChatSubjects {
    pub subjects: Vec<String>,
    pub thread_id: Option<i64>,
}

pub async fn subjects_of(pool: &Pool, chat_ids: &[i64]) -> anyhow::Result<HashMap<i64, ChatSubjects>> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT chat_id, subject, thread_id FROM subscriptions
         WHERE chat_id IN (SELECT value FROM json_each(?)) ORDER BY chat_id, subject",
    )
    .bind(serde_json::to_string(chat_ids)?)
    .fetch_all(pool)
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

/// The newest `window` facts of each subject (`topic:…` or an entity key), merged newest document first,
/// in document order; a fact under several subjects is listed under each.
pub async fn newest_of_subjects(pool: &Pool, subjects: &[String], window: i64) -> anyhow::Result<Vec<UnseenFact>> {
    let mut facts: Vec<UnseenFact> = Vec::new();
    for subject in subjects {
        let page = match subject.strip_prefix("topic:") {
            Some(topic) => super::facts::by_topic(pool, topic, window).await?,
            None => super::facts::by_entities(pool, std::slice::from_ref(subject), window).await?,
        };
        facts.extend(page.into_iter().map(|fact| UnseenFact { fact, subject: subject.clone() }));
    }
    facts.sort_by(|a, b| a.fact.newest_first(&b.fact).then(a.subject.cmp(&b.subject)));
    Ok(facts)
}

/// Which of `fact_keys` each of `chat_ids` already has: received, or waiting in a pending digest.
pub async fn already_had(pool: &Pool, chat_ids: &[i64], fact_keys: &[&str]) -> anyhow::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        // The unary `+` keeps SQLite on the chat_id indexes: probing every (chat, key) pair, or every
        // pending digest of every chat, grows with the batch times the keys.
        "SELECT chat_id, fact_key FROM received_facts
         WHERE chat_id IN (SELECT value FROM json_each(?1)) AND +fact_key IN (SELECT value FROM json_each(?2))
         UNION
         SELECT o.chat_id, j.value FROM outbox o, json_each(o.fact_keys) j
         WHERE o.chat_id IN (SELECT value FROM json_each(?1)) AND +o.status = 'pending'",
    )
    .bind(serde_json::to_string(chat_ids)?)
    .bind(serde_json::to_string(fact_keys)?)
    .fetch_all(pool)
    .await
    .context("reading the facts due chats already have")
}

/// A digest to write, and the chat's next slot.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Enqueued {
    pub chat_id: i64,
    pub thread_id: Option<i64>,
    pub slot: String,
    /// The digest as JSON, or `None` when the chat had nothing new (only its schedule moves on).
    pub reply: Option<String>,
    pub fact_keys: String,
    pub next_slot: String,
}

/// Writes a batch of digests and moves each chat's schedule on, in one transaction. A slot already
/// written is left alone. Returns how many digests were written.
pub async fn enqueue_many(pool: &Pool, batch: &[Enqueued], send_after: &str) -> anyhow::Result<u64> {
    let json = serde_json::to_string(batch)?;
    let mut tx = crate::db::begin_write(pool).await.context("starting to enqueue digests")?;
    let written = sqlx::query(
        "INSERT INTO outbox (chat_id, thread_id, slot, reply, fact_keys, next_attempt_at, created_at)
         SELECT value->>'chat_id', value->>'thread_id', value->>'slot', value->>'reply', value->>'fact_keys', ?2, ?3
         FROM json_each(?1) WHERE value->>'reply' IS NOT NULL
         ON CONFLICT (chat_id, slot) DO NOTHING",
    )
    .bind(&json)
    .bind(send_after)
    .bind(super::now_text())
    .execute(&mut *tx)
    .await
    .context("writing digests")?
    .rows_affected();
    sqlx::query(
        "UPDATE chats SET next_slot = j.value->>'next_slot' FROM json_each(?1) j WHERE chats.chat_id = j.value->>'chat_id'",
    )
    .bind(&json)
    .execute(&mut *tx)
    .await
    .context("moving the schedules of due chats")?;
    tx.commit().await.context("committing a batch of digests")?;
    Ok(written)
}

/// Digests that went out (each to the chat it reached, which may differ after a migration): marked
/// sent, their facts recorded as received, in one transaction.
pub async fn mark_sent_many(pool: &Pool, sent: &[(i64, i64)], now: &str) -> anyhow::Result<()> {
    let json = serde_json::to_string(sent)?;
    let mut tx = crate::db::begin_write(pool).await.context("starting to mark digests sent")?;
    let statements = [
        "UPDATE outbox SET status = 'sent', sent_at = ?2, chat_id = j.value->>1, attempts = attempts + 1
         FROM json_each(?1) j WHERE outbox.id = j.value->>0",
        "INSERT OR IGNORE INTO received_facts (chat_id, fact_key, received_at)
         SELECT o.chat_id, k.value, ?2 FROM json_each(?1) j JOIN outbox o ON o.id = j.value->>0, json_each(o.fact_keys) k",
        "UPDATE chats SET last_digest_at = ?2 WHERE chat_id IN (SELECT j.value->>1 FROM json_each(?1) j)",
    ];
    for sql in statements {
        sqlx::query(sql).bind(&json).bind(now).execute(&mut *tx).await.context("marking digests sent")?;
    }
    tx.commit().await.context("committing digests as sent")
}
