//! Quiz polls, answers, players and standings on PostgreSQL.

use anyhow::Context;
use async_trait::async_trait;
use sqlx::{Postgres, Transaction};

use super::PgStore;
use crate::db::store::quiz::{NewAnswer, PollRow, PollStore, RoundAnswer, Standing};

const COLUMNS: &str = "poll_id, chat_id, message_id, question_id, correct, round_id, sent_at, closes_at, stopped_at";

#[async_trait]
impl PollStore for PgStore {
    async fn record_poll(&self, poll: &PollRow) -> anyhow::Result<bool> {
        let mut tx = self.pool.begin().await.context("starting to record a poll")?;
        let added = sqlx::query(&format!(
            "INSERT INTO quiz_polls ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING"
        ))
        .bind(&poll.poll_id)
        .bind(poll.chat_id)
        .bind(poll.message_id)
        .bind(poll.question_id)
        .bind(poll.correct)
        .bind(poll.round_id)
        .bind(&poll.sent_at)
        .bind(&poll.closes_at)
        .bind(&poll.stopped_at)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("recording poll {}", poll.poll_id))?
        .rows_affected()
            > 0;
        if let Some(round_id) = poll.round_id {
            sqlx::query("UPDATE quiz_rounds SET awaiting_until = NULL WHERE id = $1")
                .bind(round_id)
                .execute(&mut *tx)
                .await
                .context("noting a round's poll went out")?;
        }
        tx.commit().await.context("committing a poll")?;
        Ok(added)
    }

    async fn poll(&self, poll_id: &str) -> anyhow::Result<Option<PollRow>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_polls WHERE poll_id = $1"))
            .bind(poll_id)
            .fetch_optional(&self.pool)
            .await
            .with_context(|| format!("reading poll {poll_id}"))
    }

    async fn has_answered(&self, poll_id: &str, user_id: i64) -> anyhow::Result<bool> {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM quiz_answers WHERE poll_id = $1 AND user_id = $2)")
            .bind(poll_id)
            .bind(user_id)
            .fetch_one(&self.pool)
            .await
            .context("checking for an earlier answer")
    }

    async fn record_answer(&self, a: &NewAnswer<'_>) -> anyhow::Result<bool> {
        let mut tx = self.pool.begin().await.context("starting to record an answer")?;
        let added = sqlx::query(
            "INSERT INTO quiz_answers (poll_id, user_id, option, correct, answered_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
        )
        .bind(a.poll_id)
        .bind(a.user_id)
        .bind(a.option)
        .bind(a.correct)
        .bind(a.now)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("recording an answer to poll {}", a.poll_id))?
        .rows_affected()
            > 0;
        if added {
            sqlx::query(
                "INSERT INTO quiz_players (user_id, name, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
            )
            .bind(a.user_id)
            .bind(a.name)
            .bind(a.now)
            .execute(&mut *tx)
            .await
            .context("recording a player's name")?;
        }
        tx.commit().await.context("committing an answer")?;
        Ok(added)
    }

    async fn stop_open_polls(&self, chat_id: i64, round_id: Option<i64>, now: &str) -> anyhow::Result<Vec<PollRow>> {
        sqlx::query_as(&format!(
            "UPDATE quiz_polls SET stopped_at = $1
             WHERE chat_id = $2 AND ($3::BIGINT IS NULL OR round_id = $3) AND stopped_at IS NULL AND closes_at > $1
             RETURNING {COLUMNS}"
        ))
        .bind(now)
        .bind(chat_id)
        .bind(round_id)
        .fetch_all(&self.pool)
        .await
        .with_context(|| format!("stopping the open polls of chat {chat_id}"))
    }

    async fn stop_poll(&self, poll_id: &str, now: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE quiz_polls SET stopped_at = $1 WHERE poll_id = $2 AND stopped_at IS NULL")
            .bind(now)
            .bind(poll_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("stopping poll {poll_id}"))?;
        Ok(())
    }

    async fn latest_open_poll(&self, chat_id: i64, prefix: &str, now: &str) -> anyhow::Result<Option<PollRow>> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM quiz_polls
             WHERE chat_id = $1 AND starts_with(poll_id, $2) AND stopped_at IS NULL AND closes_at > $3
             ORDER BY sent_at DESC, seq DESC LIMIT 1"
        ))
        .bind(chat_id)
        .bind(prefix)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .with_context(|| format!("reading the open console question of {chat_id}"))
    }

    async fn standings(
        &self,
        chat_id: i64,
        since: Option<&str>,
        top: i64,
        caller: Option<i64>,
    ) -> anyhow::Result<Vec<Standing>> {
        sqlx::query_as(
            "WITH totals AS (
                 SELECT a.user_id, SUM(a.correct::INT)::BIGINT AS correct, COUNT(*) AS answered,
                        MIN(a.answered_at) AS first_at
                 FROM quiz_answers a JOIN quiz_polls p ON p.poll_id = a.poll_id
                 WHERE p.chat_id = $1 AND ($2::TEXT IS NULL OR a.answered_at >= $2)
                 GROUP BY a.user_id),
             ranked AS (
                 SELECT ROW_NUMBER() OVER (ORDER BY correct DESC, answered ASC, first_at ASC, user_id ASC) AS rank,
                        user_id, correct, answered FROM totals)
             SELECT r.rank, r.user_id, pl.name, r.correct, r.answered
             FROM ranked r LEFT JOIN quiz_players pl ON pl.user_id = r.user_id
             WHERE r.rank <= $3 OR r.user_id = $4 ORDER BY r.rank",
        )
        .bind(chat_id)
        .bind(since)
        .bind(top)
        .bind(caller)
        .fetch_all(&self.pool)
        .await
        .with_context(|| format!("reading the standings of chat {chat_id}"))
    }

    async fn round_answers(&self, round_id: i64) -> anyhow::Result<Vec<RoundAnswer>> {
        sqlx::query_as(
            "WITH numbered AS (
                 SELECT poll_id, ROW_NUMBER() OVER (ORDER BY sent_at, seq) AS number
                 FROM quiz_polls WHERE round_id = $1)
             SELECT a.user_id, pl.name, n.number, a.correct, a.answered_at
             FROM quiz_answers a JOIN numbered n ON n.poll_id = a.poll_id
             LEFT JOIN quiz_players pl ON pl.user_id = a.user_id
             ORDER BY n.number, a.answered_at, a.user_id",
        )
        .bind(round_id)
        .fetch_all(&self.pool)
        .await
        .with_context(|| format!("reading the answers of round {round_id}"))
    }
}

/// Moves a chat's quiz state to its new id inside the chat migration's transaction; a row that would
/// collide with one the new chat has (a seen mark, a running round, a schedule) stays behind.
pub(super) async fn move_chat_in(tx: &mut Transaction<'_, Postgres>, old_id: i64, new_id: i64) -> anyhow::Result<()> {
    let statements = [
        "UPDATE quiz_seen o SET chat_id = $1 WHERE o.chat_id = $2
         AND NOT EXISTS (SELECT 1 FROM quiz_seen n WHERE n.chat_id = $1 AND n.question_key = o.question_key)",
        "UPDATE quiz_rounds o SET chat_id = $1 WHERE o.chat_id = $2
         AND (o.status <> 'running' OR NOT EXISTS (SELECT 1 FROM quiz_rounds n WHERE n.chat_id = $1 AND n.status = 'running'))",
        "UPDATE quiz_polls SET chat_id = $1 WHERE chat_id = $2",
        "UPDATE quiz_schedules o SET chat_id = $1 WHERE o.chat_id = $2
         AND NOT EXISTS (SELECT 1 FROM quiz_schedules n WHERE n.chat_id = $1)",
    ];
    for sql in statements {
        sqlx::query(sql)
            .bind(new_id)
            .bind(old_id)
            .execute(&mut **tx)
            .await
            .with_context(|| format!("moving the quiz state of chat {old_id} to {new_id}"))?;
    }
    Ok(())
}
