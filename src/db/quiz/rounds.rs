//! Quiz rounds: N questions in a chat, one after another; at most one running round per chat.

use anyhow::Context;

use crate::db::Pool;

/// A round with how many of its polls went out.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct RoundRow {
    pub id: i64,
    pub chat_id: i64,
    pub topic: Option<String>,
    pub total: i64,
    pub status: String,
    pub awaiting_until: Option<String>,
    pub started_by: Option<i64>,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub asked: i64,
}

const COLUMNS: &str = "r.id, r.chat_id, r.topic, r.total, r.status, r.awaiting_until, r.started_by, r.started_at,
     r.ended_at, (SELECT COUNT(*) FROM quiz_polls p WHERE p.round_id = r.id) AS asked";

/// Starts a round, already awaiting its first poll until `awaiting_until`. `None` when the chat has a
/// running round.
pub async fn create(
    pool: &Pool,
    chat_id: i64,
    topic: Option<&str>,
    total: i64,
    started_by: Option<i64>,
    now: &str,
    awaiting_until: &str,
) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO quiz_rounds (chat_id, topic, total, started_by, started_at, awaiting_until)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(chat_id)
    .bind(topic)
    .bind(total)
    .bind(started_by)
    .bind(now)
    .bind(awaiting_until)
    .fetch_optional(pool)
    .await
    .with_context(|| format!("starting a quiz round in chat {chat_id}"))
}

/// One round by id.
pub async fn get(pool: &Pool, id: i64) -> anyhow::Result<Option<RoundRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_rounds r WHERE r.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading quiz round {id}"))
}

/// The chat's running round, if any.
pub async fn running(pool: &Pool, chat_id: i64) -> anyhow::Result<Option<RoundRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_rounds r WHERE r.chat_id = ? AND r.status = 'running'"))
        .bind(chat_id)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading the running round of chat {chat_id}"))
}

/// Running rounds ready for their next step at `now`: no poll open and none being sent.
pub async fn due(pool: &Pool, now: &str) -> anyhow::Result<Vec<RoundRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM quiz_rounds r
         WHERE r.status = 'running' AND (r.awaiting_until IS NULL OR r.awaiting_until <= ?1)
           AND NOT EXISTS (SELECT 1 FROM quiz_polls p
                           WHERE p.round_id = r.id AND p.stopped_at IS NULL AND p.closes_at > ?1)
         ORDER BY r.id"
    ))
    .bind(now)
    .fetch_all(pool)
    .await
    .context("reading the quiz rounds due")
}

/// Claims a due round for one step: only one caller wins, and the round waits for its poll until `until`.
pub async fn claim(pool: &Pool, id: i64, now: &str, until: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE quiz_rounds SET awaiting_until = ?
         WHERE id = ? AND status = 'running' AND (awaiting_until IS NULL OR awaiting_until <= ?)",
    )
    .bind(until)
    .bind(id)
    .bind(now)
    .execute(pool)
    .await
    .with_context(|| format!("claiming quiz round {id}"))?;
    Ok(done.rows_affected() > 0)
}

/// Ends a running round as `status` ("finished" or "stopped"); returns false if it was not running.
pub async fn end(pool: &Pool, id: i64, status: &str, now: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE quiz_rounds SET status = ?, ended_at = ?, awaiting_until = NULL WHERE id = ? AND status = 'running'",
    )
    .bind(status)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .with_context(|| format!("ending quiz round {id}"))?;
    Ok(done.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::quiz::{
        polls::{self, tests::poll},
        questions::tests::seed_pool,
    };

    #[sqlx::test]
    async fn a_chat_runs_one_round_at_a_time(pool: Pool) {
        assert!(create(&pool, 5, None, 3, None, "t0", "t1").await.unwrap().is_some());
        assert!(create(&pool, 5, Some("trade"), 3, None, "t0", "t1").await.unwrap().is_none());
        assert!(create(&pool, 6, None, 3, None, "t0", "t1").await.unwrap().is_some());
        let round = running(&pool, 5).await.unwrap().unwrap();
        assert!(end(&pool, round.id, "stopped", "t2").await.unwrap());
        assert!(!end(&pool, round.id, "finished", "t3").await.unwrap());
        assert!(create(&pool, 5, None, 3, None, "t4", "t5").await.unwrap().is_some());
    }

    #[sqlx::test]
    async fn a_round_is_due_when_its_poll_closed_and_is_claimed_once(pool: Pool) {
        let q = seed_pool(&pool, "a", 1, "trade").await[0];
        let id = create(&pool, 5, None, 3, None, "2026-01-01T09:00:00.000Z", "2026-01-01T09:01:00.000Z")
            .await
            .unwrap()
            .unwrap();
        // Handed out, poll not yet recorded: not due until the lease ends.
        assert!(due(&pool, "2026-01-01T09:00:10.000Z").await.unwrap().is_empty());
        let mut p = poll("p1", 5, q, "2026-01-01T09:00:40.000Z");
        p.round_id = Some(id);
        polls::insert(&pool, &p).await.unwrap();
        assert!(due(&pool, "2026-01-01T09:00:20.000Z").await.unwrap().is_empty(), "its poll is open");
        let rows = due(&pool, "2026-01-01T09:00:41.000Z").await.unwrap();
        assert_eq!((rows.len(), rows[0].asked), (1, 1));
        assert!(claim(&pool, id, "2026-01-01T09:00:41.000Z", "2026-01-01T09:01:41.000Z").await.unwrap());
        assert!(!claim(&pool, id, "2026-01-01T09:00:41.000Z", "2026-01-01T09:01:41.000Z").await.unwrap());
    }
}
