//! Daily quiz schedules: a chat's local time and topic, and the UTC slot the next quiz is due.

use anyhow::Context;

use crate::db::Pool;

/// A chat's schedule with the chat's timezone (UTC when the chat has no settings).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct ScheduleRow {
    pub chat_id: i64,
    pub time: String,
    pub topic: Option<String>,
    pub next_slot: String,
    pub timezone: String,
}

const COLUMNS: &str = "q.chat_id, q.time, q.topic, q.next_slot, COALESCE(c.timezone, 'UTC') AS timezone";

/// Sets (or replaces) the chat's daily quiz.
pub async fn set(
    pool: &Pool,
    chat_id: i64,
    time: &str,
    topic: Option<&str>,
    next_slot: &str,
    now: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO quiz_schedules (chat_id, time, topic, next_slot, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET time = excluded.time, topic = excluded.topic, next_slot = excluded.next_slot",
    )
    .bind(chat_id)
    .bind(time)
    .bind(topic)
    .bind(next_slot)
    .bind(now)
    .execute(pool)
    .await
    .with_context(|| format!("scheduling a daily quiz in chat {chat_id}"))?;
    Ok(())
}

/// Removes the chat's daily quiz; returns whether it had one.
pub async fn clear(pool: &Pool, chat_id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM quiz_schedules WHERE chat_id = ?")
        .bind(chat_id)
        .execute(pool)
        .await
        .with_context(|| format!("removing the daily quiz of chat {chat_id}"))?;
    Ok(done.rows_affected() > 0)
}

/// The chat's schedule, if any.
pub async fn get(pool: &Pool, chat_id: i64) -> anyhow::Result<Option<ScheduleRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM quiz_schedules q LEFT JOIN chats c ON c.chat_id = q.chat_id WHERE q.chat_id = ?"
    ))
    .bind(chat_id)
    .fetch_optional(pool)
    .await
    .with_context(|| format!("reading the daily quiz of chat {chat_id}"))
}

/// The chat's timezone name from its settings, UTC when it has none.
pub async fn chat_timezone(pool: &Pool, chat_id: i64) -> anyhow::Result<String> {
    let tz: Option<String> = sqlx::query_scalar("SELECT timezone FROM chats WHERE chat_id = ?")
        .bind(chat_id)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading the timezone of chat {chat_id}"))?;
    Ok(tz.unwrap_or_else(|| "UTC".into()))
}

/// Takes the schedules due at `now` and moves each to the slot `next_slot` computes for it, in one
/// transaction: a quiz is handed out once per slot even if several workers ask.
pub async fn take_due(
    pool: &Pool,
    now: &str,
    next_slot: impl Fn(&ScheduleRow) -> String,
) -> anyhow::Result<Vec<ScheduleRow>> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to take due quizzes")?;
    let rows: Vec<ScheduleRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM quiz_schedules q LEFT JOIN chats c ON c.chat_id = q.chat_id
         WHERE q.next_slot <= ? ORDER BY q.next_slot, q.chat_id"
    ))
    .bind(now)
    .fetch_all(&mut *tx)
    .await
    .context("reading the quizzes due")?;
    // An unreachable chat's slots pass (so it gets no backlog on its return) but its quizzes do not start.
    let unreachable: Vec<i64> = sqlx::query_scalar(
        "SELECT q.chat_id FROM quiz_schedules q JOIN chats c ON c.chat_id = q.chat_id
         WHERE q.next_slot <= ? AND c.unreachable IS NOT NULL",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await
    .context("reading the unreachable chats with quizzes due")?;
    for row in &rows {
        sqlx::query("UPDATE quiz_schedules SET next_slot = ? WHERE chat_id = ?")
            .bind(next_slot(row))
            .bind(row.chat_id)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("advancing the daily quiz of chat {}", row.chat_id))?;
    }
    tx.commit().await.context("committing the quizzes due")?;
    Ok(rows.into_iter().filter(|row| !unreachable.contains(&row.chat_id)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test]
    async fn a_due_schedule_is_taken_once_and_moved_on(pool: Pool) {
        crate::db::chats::ensure(&pool, 1, "group", None).await.unwrap();
        sqlx::query("UPDATE chats SET timezone = 'Asia/Kolkata' WHERE chat_id = 1").execute(&pool).await.unwrap();
        set(&pool, 1, "09:00", Some("trade"), "2026-01-01T03:30:00.000Z", "t").await.unwrap();
        set(&pool, 2, "10:00", None, "2026-01-01T10:00:00.000Z", "t").await.unwrap();
        let taken = take_due(&pool, "2026-01-01T04:00:00.000Z", |_| "2026-01-02T03:30:00.000Z".into()).await.unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!((taken[0].chat_id, taken[0].timezone.as_str()), (1, "Asia/Kolkata"));
        assert!(take_due(&pool, "2026-01-01T04:00:00.000Z", |_| String::new()).await.unwrap().is_empty());
        assert_eq!(get(&pool, 2).await.unwrap().unwrap().timezone, "UTC");
        assert!(clear(&pool, 2).await.unwrap());
        assert!(!clear(&pool, 2).await.unwrap());
    }

    #[sqlx::test]
    async fn an_unreachable_chats_quiz_waits_and_its_slot_moves_on(pool: Pool) {
        crate::db::chats::ensure(&pool, 3, "group", None).await.unwrap();
        set(&pool, 3, "09:00", None, "2026-01-01T09:00:00.000Z", "t").await.unwrap();
        crate::db::chats::mark_unreachable(&pool, 3, "kicked").await.unwrap();
        let taken = take_due(&pool, "2026-01-01T09:00:00.000Z", |_| "2026-01-02T09:00:00.000Z".into()).await.unwrap();
        assert!(taken.is_empty(), "a quiz started in a chat the bot has left");
        assert_eq!(get(&pool, 3).await.unwrap().unwrap().next_slot, "2026-01-02T09:00:00.000Z");
        crate::db::chats::mark_reachable(&pool, 3).await.unwrap();
        let taken = take_due(&pool, "2026-01-02T09:00:00.000Z", |_| "2026-01-03T09:00:00.000Z".into()).await.unwrap();
        assert_eq!(taken.len(), 1, "back in the chat, its quizzes resume");
    }
}
