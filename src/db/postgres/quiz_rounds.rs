//! Quiz rounds, daily schedules and seen marks on PostgreSQL; a due schedule is taken with
//! `FOR UPDATE SKIP LOCKED`, so two replicas never hand out one slot twice.

use anyhow::Context;
use async_trait::async_trait;

use super::PgStore;
use crate::db::store::quiz::{NewRound, NextSlot, QuizScheduleStore, QuizStore, RoundRow, ScheduleRow};

const ROUND_COLUMNS: &str = "r.id, r.chat_id, r.topic, r.total, r.status, r.awaiting_until, r.started_by, \
     r.started_at, r.ended_at, (SELECT COUNT(*) FROM quiz_polls p WHERE p.round_id = r.id) AS asked";

const SCHEDULE_COLUMNS: &str = "q.chat_id, q.time, q.topic, q.next_slot, COALESCE(c.timezone, 'UTC') AS timezone";

#[async_trait]
impl QuizStore for PgStore {
    async fn create_round(&self, r: &NewRound<'_>) -> anyhow::Result<Option<i64>> {
        sqlx::query_scalar(
            "INSERT INTO quiz_rounds (chat_id, topic, total, started_by, started_at, awaiting_until)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(r.chat_id)
        .bind(r.topic)
        .bind(r.total)
        .bind(r.started_by)
        .bind(r.now)
        .bind(r.awaiting_until)
        .fetch_optional(&self.pool)
        .await
        .with_context(|| format!("starting a quiz round in chat {}", r.chat_id))
    }

    async fn round(&self, id: i64) -> anyhow::Result<Option<RoundRow>> {
        sqlx::query_as(&format!("SELECT {ROUND_COLUMNS} FROM quiz_rounds r WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .with_context(|| format!("reading quiz round {id}"))
    }

    async fn running_round(&self, chat_id: i64) -> anyhow::Result<Option<RoundRow>> {
        sqlx::query_as(&format!(
            "SELECT {ROUND_COLUMNS} FROM quiz_rounds r WHERE r.chat_id = $1 AND r.status = 'running'"
        ))
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await
        .with_context(|| format!("reading the running round of chat {chat_id}"))
    }

    async fn due_rounds(&self, now: &str) -> anyhow::Result<Vec<RoundRow>> {
        sqlx::query_as(&format!(
            "SELECT {ROUND_COLUMNS} FROM quiz_rounds r
             WHERE r.status = 'running' AND (r.awaiting_until IS NULL OR r.awaiting_until <= $1)
               AND NOT EXISTS (SELECT 1 FROM quiz_polls p
                               WHERE p.round_id = r.id AND p.stopped_at IS NULL AND p.closes_at > $1)
             ORDER BY r.id"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .context("reading the quiz rounds due")
    }

    async fn claim_round(&self, id: i64, now: &str, until: &str) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE quiz_rounds SET awaiting_until = $1
             WHERE id = $2 AND status = 'running' AND (awaiting_until IS NULL OR awaiting_until <= $3)",
        )
        .bind(until)
        .bind(id)
        .bind(now)
        .execute(&self.pool)
        .await
        .with_context(|| format!("claiming quiz round {id}"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn end_round(&self, id: i64, status: &str, now: &str) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE quiz_rounds SET status = $1, ended_at = $2, awaiting_until = NULL
             WHERE id = $3 AND status = 'running'",
        )
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await
        .with_context(|| format!("ending quiz round {id}"))?;
        Ok(done.rows_affected() > 0)
    }
}

#[async_trait]
impl QuizScheduleStore for PgStore {
    async fn set_quiz_schedule(
        &self,
        chat_id: i64,
        time: &str,
        topic: Option<&str>,
        next_slot: &str,
        now: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO quiz_schedules (chat_id, time, topic, next_slot, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (chat_id) DO UPDATE SET time = excluded.time, topic = excluded.topic,
                 next_slot = excluded.next_slot",
        )
        .bind(chat_id)
        .bind(time)
        .bind(topic)
        .bind(next_slot)
        .bind(now)
        .execute(&self.pool)
        .await
        .with_context(|| format!("scheduling a daily quiz in chat {chat_id}"))?;
        Ok(())
    }

    async fn clear_quiz_schedule(&self, chat_id: i64) -> anyhow::Result<bool> {
        let done = sqlx::query("DELETE FROM quiz_schedules WHERE chat_id = $1")
            .bind(chat_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("removing the daily quiz of chat {chat_id}"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn quiz_schedule(&self, chat_id: i64) -> anyhow::Result<Option<ScheduleRow>> {
        sqlx::query_as(&format!(
            "SELECT {SCHEDULE_COLUMNS} FROM quiz_schedules q LEFT JOIN chats c ON c.chat_id = q.chat_id
             WHERE q.chat_id = $1"
        ))
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await
        .with_context(|| format!("reading the daily quiz of chat {chat_id}"))
    }

    async fn take_due_quizzes(&self, now: &str, next_slot: NextSlot<'_>) -> anyhow::Result<Vec<ScheduleRow>> {
        let mut tx = self.pool.begin().await.context("starting to take due quizzes")?;
        // Rows another replica is taking are skipped, not waited for: its transaction moves them on.
        let rows: Vec<(ScheduleRow, bool)> = sqlx::query_as::<_, ScheduleWithReach>(&format!(
            "SELECT {SCHEDULE_COLUMNS}, c.unreachable IS NOT NULL AS unreachable
             FROM quiz_schedules q LEFT JOIN chats c ON c.chat_id = q.chat_id
             WHERE q.next_slot <= $1 ORDER BY q.next_slot, q.chat_id FOR UPDATE OF q SKIP LOCKED"
        ))
        .bind(now)
        .fetch_all(&mut *tx)
        .await
        .context("reading the quizzes due")?
        .into_iter()
        .map(|r| (r.schedule, r.unreachable.unwrap_or(false)))
        .collect();
        let (chat_ids, slots): (Vec<i64>, Vec<String>) =
            rows.iter().map(|(row, _)| (row.chat_id, next_slot(row))).unzip();
        sqlx::query(
            "UPDATE quiz_schedules q SET next_slot = n.slot
             FROM UNNEST($1::BIGINT[], $2::TEXT[]) AS n(chat_id, slot) WHERE q.chat_id = n.chat_id",
        )
        .bind(&chat_ids)
        .bind(&slots)
        .execute(&mut *tx)
        .await
        .context("advancing the daily quizzes taken")?;
        tx.commit().await.context("committing the quizzes due")?;
        // An unreachable chat's slots pass (no backlog on its return) but its quizzes do not start.
        Ok(rows.into_iter().filter(|(_, unreachable)| !unreachable).map(|(row, _)| row).collect())
    }

    async fn seen_questions(&self, chat_id: i64) -> anyhow::Result<Vec<String>> {
        sqlx::query_scalar("SELECT question_key FROM quiz_seen WHERE chat_id = $1 ORDER BY question_key COLLATE \"C\"")
            .bind(chat_id)
            .fetch_all(&self.pool)
            .await
            .with_context(|| format!("reading the questions chat {chat_id} has seen"))
    }

    async fn mark_seen(&self, chat_id: i64, question_key: &str, now: &str) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO quiz_seen (chat_id, question_key, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(chat_id)
        .bind(question_key)
        .bind(now)
        .execute(&self.pool)
        .await
        .with_context(|| format!("noting a question chat {chat_id} saw"))?;
        Ok(())
    }

    async fn reset_seen(&self, chat_id: i64, question_keys: &[String]) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM quiz_seen WHERE chat_id = $1 AND question_key = ANY($2)")
            .bind(chat_id)
            .bind(question_keys)
            .execute(&self.pool)
            .await
            .with_context(|| format!("restarting the quiz cycle of chat {chat_id}"))?;
        Ok(())
    }
}

/// A due schedule and whether its chat is unreachable.
#[derive(sqlx::FromRow)]
struct ScheduleWithReach {
    #[sqlx(flatten)]
    schedule: ScheduleRow,
    unreachable: Option<bool>,
}
