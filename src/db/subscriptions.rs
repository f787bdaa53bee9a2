//! Topic subscriptions of chats, and their digest settings.

use anyhow::Context;

use super::Pool;

/// One subscription of a chat.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct SubscriptionRow {
    pub subject: String,
    pub thread_id: Option<i64>,
}

/// Subscribes a chat to a subject; schedules its first digest at `first_slot` unless one is scheduled.
/// Returns false when the chat was already subscribed.
pub async fn subscribe(
    pool: &Pool,
    chat_id: i64,
    subject: &str,
    thread_id: Option<i64>,
    first_slot: &str,
) -> anyhow::Result<bool> {
    let mut tx = crate::db::begin_write(pool).await.context("starting a subscription")?;
    let inserted = sqlx::query(
        "INSERT INTO subscriptions (chat_id, subject, thread_id, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (chat_id, subject) DO NOTHING",
    )
    .bind(chat_id)
    .bind(subject)
    .bind(thread_id)
    .bind(super::now_text())
    .execute(&mut *tx)
    .await
    .with_context(|| format!("subscribing chat {chat_id} to {subject}"))?
    .rows_affected()
        > 0;
    sqlx::query("UPDATE chats SET next_slot = COALESCE(next_slot, ?) WHERE chat_id = ?")
        .bind(first_slot)
        .bind(chat_id)
        .execute(&mut *tx)
        .await
        .context("scheduling the first digest")?;
    tx.commit().await.context("committing a subscription")?;
    Ok(inserted)
}

/// Removes one subscription; returns whether there was one.
pub async fn unsubscribe(pool: &Pool, chat_id: i64, subject: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM subscriptions WHERE chat_id = ? AND subject = ?")
        .bind(chat_id)
        .bind(subject)
        .execute(pool)
        .await
        .with_context(|| format!("unsubscribing chat {chat_id} from {subject}"))?;
    Ok(done.rows_affected() > 0)
}

/// Removes every subscription of a chat; returns how many there were.
pub async fn unsubscribe_all(pool: &Pool, chat_id: i64) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM subscriptions WHERE chat_id = ?")
        .bind(chat_id)
        .execute(pool)
        .await
        .with_context(|| format!("unsubscribing chat {chat_id} from everything"))?;
    Ok(done.rows_affected())
}

/// A chat's subscriptions, oldest first.
pub async fn list(pool: &Pool, chat_id: i64) -> anyhow::Result<Vec<SubscriptionRow>> {
    sqlx::query_as("SELECT subject, thread_id FROM subscriptions WHERE chat_id = ? ORDER BY created_at, subject")
        .bind(chat_id)
        .fetch_all(pool)
        .await
        .with_context(|| format!("listing the subscriptions of chat {chat_id}"))
}

/// Stores a chat's delivery schedule and when its next digest is due.
pub async fn set_schedule(
    pool: &Pool,
    chat_id: i64,
    timezone: &str,
    digest_time: &str,
    frequency: &str,
    weekday: i64,
    next_slot: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE chats SET timezone = ?, digest_time = ?, frequency = ?, weekday = ?,
         next_slot = CASE WHEN next_slot IS NULL THEN NULL ELSE ? END WHERE chat_id = ?",
    )
    .bind(timezone)
    .bind(digest_time)
    .bind(frequency)
    .bind(weekday)
    .bind(next_slot)
    .bind(chat_id)
    .execute(pool)
    .await
    .with_context(|| format!("saving the schedule of chat {chat_id}"))?;
    Ok(())
}

/// Pauses or resumes a chat's digests. Resuming also clears an "unreachable" mark.
pub async fn set_paused(pool: &Pool, chat_id: i64, paused: bool) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE chats SET paused = ?, unreachable = CASE WHEN ? THEN unreachable ELSE NULL END WHERE chat_id = ?",
    )
    .bind(paused)
    .bind(paused)
    .bind(chat_id)
    .execute(pool)
    .await
    .with_context(|| format!("pausing or resuming chat {chat_id}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::chats;

    #[sqlx::test]
    async fn subscribing_twice_keeps_one_subscription(pool: Pool) {
        chats::ensure(&pool, 1, "private", None).await.unwrap();
        assert!(subscribe(&pool, 1, "topic:energy", None, "2026-11-28T09:00:00.000Z").await.unwrap());
        assert!(!subscribe(&pool, 1, "topic:energy", None, "2026-11-29T09:00:00.000Z").await.unwrap());
        assert_eq!(list(&pool, 1).await.unwrap().len(), 1);
        let chat = chats::get(&pool, 1).await.unwrap().unwrap();
        assert_eq!(chat.next_slot.as_deref(), Some("2026-11-28T09:00:00.000Z"), "the first slot was moved");
    }

    #[sqlx::test]
    async fn unsubscribing_all_removes_every_subject(pool: Pool) {
        chats::ensure(&pool, 1, "private", None).await.unwrap();
        for subject in ["topic:energy", "country:IN"] {
            subscribe(&pool, 1, subject, None, "2026-11-28T09:00:00.000Z").await.unwrap();
        }
        assert!(unsubscribe(&pool, 1, "country:IN").await.unwrap());
        assert!(!unsubscribe(&pool, 1, "country:IN").await.unwrap());
        assert_eq!(unsubscribe_all(&pool, 1).await.unwrap(), 1);
        assert!(list(&pool, 1).await.unwrap().is_empty());
    }

    #[sqlx::test]
    async fn resuming_clears_the_unreachable_mark(pool: Pool) {
        chats::ensure(&pool, 1, "private", None).await.unwrap();
        chats::mark_unreachable(&pool, 1, "blocked").await.unwrap();
        set_paused(&pool, 1, true).await.unwrap();
        set_paused(&pool, 1, false).await.unwrap();
        let chat = chats::get(&pool, 1).await.unwrap().unwrap();
        assert!(!chat.paused && chat.unreachable.is_none());
    }
}
