//! Quiz storage: questions, what each chat has seen, polls and answers, rounds and daily schedules.
//!
//! Times are stored as RFC 3339 UTC text with milliseconds (see [`ts`]), so they compare as strings.

pub mod polls;
pub mod questions;
pub mod rounds;
pub mod schedules;
#[cfg(test)]
mod seen_tests;

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};

use super::Pool;

/// A time as the quiz tables store it.
pub fn ts(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a stored time back; unreadable text reads as the Unix epoch (long past).
pub fn parse_ts(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
}

/// Moves a chat's quiz state to its new id (a group upgraded to a supergroup), in one transaction.
pub async fn move_chat(pool: &Pool, old_id: i64, new_id: i64) -> anyhow::Result<()> {
    let mut tx = crate::db::begin_write(pool).await.context("starting a quiz chat move")?;
    move_chat_in(&mut tx, old_id, new_id).await?;
    tx.commit().await.context("committing a quiz chat move")
}

/// [`move_chat`] inside a caller's transaction (the chat migration moves everything at once).
pub(crate) async fn move_chat_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    old_id: i64,
    new_id: i64,
) -> anyhow::Result<()> {
    for table in ["quiz_seen", "quiz_rounds", "quiz_polls", "quiz_schedules"] {
        sqlx::query(&format!("UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?"))
            .bind(new_id)
            .bind(old_id)
            .execute(&mut **tx)
            .await
            .with_context(|| format!("moving {table} of chat {old_id} to {new_id}"))?;
    }
    Ok(())
}

/// How many quiz questions are in use (not retired).
pub async fn question_count(pool: &Pool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM quiz_questions WHERE retired_at IS NULL")
        .fetch_one(pool)
        .await
        .context("counting quiz questions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_read_back_unchanged() {
        let t = parse_ts("2026-11-27T09:00:00.250Z");
        assert_eq!(ts(t), "2026-11-27T09:00:00.250Z");
        assert_eq!(parse_ts("garbage"), DateTime::<Utc>::default());
    }

    #[sqlx::test]
    async fn a_moved_chat_keeps_its_schedule_and_polls(pool: Pool) {
        schedules::set(&pool, -5, "09:00", None, "2026-11-28T09:00:00.000Z", "now").await.unwrap();
        move_chat(&pool, -5, -1005).await.unwrap();
        assert!(schedules::get(&pool, -5).await.unwrap().is_none());
        assert!(schedules::get(&pool, -1005).await.unwrap().is_some());
    }
}
