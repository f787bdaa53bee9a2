//! Quiz polls and their answers: one answer per person per poll, players' names, and standings.

use anyhow::Context;

use crate::db::Pool;

/// A poll as sent, with what it takes to score its answers.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct PollRow {
    pub poll_id: String,
    pub chat_id: i64,
    pub message_id: Option<i64>,
    pub question_id: i64,
    pub correct: i64,
    pub round_id: Option<i64>,
    pub sent_at: String,
    pub closes_at: String,
    pub stopped_at: Option<String>,
}

const COLUMNS: &str = "poll_id, chat_id, message_id, question_id, correct, round_id, sent_at, closes_at, stopped_at";

/// Records a sent poll (a replay changes nothing) and, for a round, notes that its question went out.
/// Returns whether the poll was new.
pub async fn insert(pool: &Pool, poll: &PollRow) -> anyhow::Result<bool> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to record a poll")?;
    let added =
        sqlx::query(&format!("INSERT OR IGNORE INTO quiz_polls ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))
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
        sqlx::query("UPDATE quiz_rounds SET awaiting_until = NULL WHERE id = ?")
            .bind(round_id)
            .execute(&mut *tx)
            .await
            .context("noting a round's poll went out")?;
    }
    tx.commit().await.context("committing a poll")?;
    Ok(added)
}

/// One poll by id.
pub async fn get(pool: &Pool, poll_id: &str) -> anyhow::Result<Option<PollRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_polls WHERE poll_id = ?"))
        .bind(poll_id)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading poll {poll_id}"))
}

/// Whether `user_id` already answered the poll.
pub async fn has_answered(pool: &Pool, poll_id: &str, user_id: i64) -> anyhow::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM quiz_answers WHERE poll_id = ? AND user_id = ?)")
        .bind(poll_id)
        .bind(user_id)
        .fetch_one(pool)
        .await
        .context("checking for an earlier answer")
}

/// Stores an answer and the player's name; returns false (and changes nothing) if the person had answered.
pub async fn insert_answer(
    pool: &Pool,
    poll_id: &str,
    user_id: i64,
    name: &str,
    option: i64,
    correct: bool,
    now: &str,
) -> anyhow::Result<bool> {
    let mut tx = crate::db::begin_write(pool).await.context("starting to record an answer")?;
    let added = sqlx::query(
        "INSERT OR IGNORE INTO quiz_answers (poll_id, user_id, option, correct, answered_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(poll_id)
    .bind(user_id)
    .bind(option)
    .bind(correct)
    .bind(now)
    .execute(&mut *tx)
    .await
    .with_context(|| format!("recording an answer to poll {poll_id}"))?
    .rows_affected()
        > 0;
    if added {
        sqlx::query(
            "INSERT INTO quiz_players (user_id, name, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(name)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("recording a player's name")?;
    }
    tx.commit().await.context("committing an answer")?;
    Ok(added)
}

/// Closes the chat's open polls (of one round, or all): late answers to them are ignored.
/// Returns the closed polls.
pub async fn stop_open(pool: &Pool, chat_id: i64, round_id: Option<i64>, now: &str) -> anyhow::Result<Vec<PollRow>> {
    sqlx::query_as(&format!(
        "UPDATE quiz_polls SET stopped_at = ?1
         WHERE chat_id = ?2 AND (?3 IS NULL OR round_id = ?3) AND stopped_at IS NULL AND closes_at > ?1
         RETURNING {COLUMNS}"
    ))
    .bind(now)
    .bind(chat_id)
    .bind(round_id)
    .fetch_all(pool)
    .await
    .with_context(|| format!("stopping the open polls of chat {chat_id}"))
}

/// Closes one poll now.
pub async fn stop(pool: &Pool, poll_id: &str, now: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE quiz_polls SET stopped_at = ? WHERE poll_id = ? AND stopped_at IS NULL")
        .bind(now)
        .bind(poll_id)
        .execute(pool)
        .await
        .with_context(|| format!("stopping poll {poll_id}"))?;
    Ok(())
}

/// The chat's latest poll still open at `now` whose id starts with `prefix` (console sessions).
pub async fn latest_open(pool: &Pool, chat_id: i64, prefix: &str, now: &str) -> anyhow::Result<Option<PollRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM quiz_polls
         WHERE chat_id = ? AND substr(poll_id, 1, length(?)) = ? AND stopped_at IS NULL AND closes_at > ?
         ORDER BY sent_at DESC, rowid DESC LIMIT 1"
    ))
    .bind(chat_id)
    .bind(prefix)
    .bind(prefix)
    .bind(now)
    .fetch_optional(pool)
    .await
    .with_context(|| format!("reading the open console question of {chat_id}"))
}

/// A player's place in a chat's standings.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct Standing {
    pub rank: i64,
    pub user_id: i64,
    pub name: Option<String>,
    pub correct: i64,
    pub answered: i64,
}

/// The chat's standings from `since` (or all time): the first `top` places, plus `caller`'s row wherever
/// it is. Ties: more correct answers, then fewer answers, then whoever answered first, then user id.
pub async fn standings(
    pool: &Pool,
    chat_id: i64,
    since: Option<&str>,
    top: i64,
    caller: Option<i64>,
) -> anyhow::Result<Vec<Standing>> {
    sqlx::query_as(
        "WITH totals AS (
             SELECT a.user_id, SUM(a.correct) AS correct, COUNT(*) AS answered, MIN(a.answered_at) AS first_at
             FROM quiz_answers a JOIN quiz_polls p ON p.poll_id = a.poll_id
             WHERE p.chat_id = ?1 AND (?2 IS NULL OR a.answered_at >= ?2)
             GROUP BY a.user_id),
         ranked AS (
             SELECT ROW_NUMBER() OVER (ORDER BY correct DESC, answered ASC, first_at ASC, user_id ASC) AS rank,
                    user_id, correct, answered FROM totals)
         SELECT r.rank, r.user_id, pl.name, r.correct, r.answered
         FROM ranked r LEFT JOIN quiz_players pl ON pl.user_id = r.user_id
         WHERE r.rank <= ?3 OR r.user_id = ?4 ORDER BY r.rank",
    )
    .bind(chat_id)
    .bind(since)
    .bind(top)
    .bind(caller)
    .fetch_all(pool)
    .await
    .with_context(|| format!("reading the standings of chat {chat_id}"))
}

/// One answer given in a round, with the question's number in the round (1-based).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct RoundAnswer {
    pub user_id: i64,
    pub name: Option<String>,
    pub number: i64,
    pub correct: bool,
    pub answered_at: String,
}

/// Every answer of a round, by question number.
pub async fn round_answers(pool: &Pool, round_id: i64) -> anyhow::Result<Vec<RoundAnswer>> {
    sqlx::query_as(
        "WITH numbered AS (
             SELECT poll_id, ROW_NUMBER() OVER (ORDER BY sent_at, rowid) AS number FROM quiz_polls WHERE round_id = ?)
         SELECT a.user_id, pl.name, n.number, a.correct, a.answered_at
         FROM quiz_answers a JOIN numbered n ON n.poll_id = a.poll_id
         LEFT JOIN quiz_players pl ON pl.user_id = a.user_id
         ORDER BY n.number, a.answered_at, a.user_id",
    )
    .bind(round_id)
    .fetch_all(pool)
    .await
    .with_context(|| format!("reading the answers of round {round_id}"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::db::quiz::questions::tests::seed_pool;

    pub fn poll(poll_id: &str, chat_id: i64, question_id: i64, closes_at: &str) -> PollRow {
        PollRow {
            poll_id: poll_id.into(),
            chat_id,
            message_id: Some(7),
            question_id,
            correct: 1,
            round_id: None,
            sent_at: "2026-11-27T09:00:00.000Z".into(),
            closes_at: closes_at.into(),
            stopped_at: None,
        }
    }

    #[sqlx::test]
    async fn a_poll_is_recorded_once(pool: Pool) {
        let q = seed_pool(&pool, "a", 1, "trade").await[0];
        assert!(insert(&pool, &poll("p1", 5, q, "2026-11-27T09:00:30.000Z")).await.unwrap());
        assert!(!insert(&pool, &poll("p1", 5, q, "2026-11-27T09:00:30.000Z")).await.unwrap());
        assert_eq!(get(&pool, "p1").await.unwrap().unwrap().chat_id, 5);
    }

    #[sqlx::test]
    async fn a_second_answer_by_the_same_person_is_not_stored(pool: Pool) {
        let q = seed_pool(&pool, "a", 1, "trade").await[0];
        insert(&pool, &poll("p1", 5, q, "2026-11-27T09:00:30.000Z")).await.unwrap();
        assert!(insert_answer(&pool, "p1", 9, "Ann", 1, true, "t1").await.unwrap());
        assert!(!insert_answer(&pool, "p1", 9, "Ann", 0, false, "t2").await.unwrap());
        assert!(has_answered(&pool, "p1", 9).await.unwrap());
        let rows = standings(&pool, 5, None, 10, None).await.unwrap();
        assert_eq!((rows.len(), rows[0].correct, rows[0].name.as_deref()), (1, 1, Some("Ann")));
    }

    #[sqlx::test]
    async fn standings_break_ties_by_fewer_answers_then_first_answer(pool: Pool) {
        let q = seed_pool(&pool, "a", 3, "trade").await;
        for (i, id) in q.iter().enumerate() {
            insert(&pool, &poll(&format!("p{i}"), 5, *id, "2026-11-27T09:00:30.000Z")).await.unwrap();
        }
        // Ann: 1 of 1. Bob: 1 of 2. Cid: 1 of 1, but later than Ann. Dan: 2 of 3.
        insert_answer(&pool, "p0", 1, "Ann", 1, true, "t1").await.unwrap();
        insert_answer(&pool, "p0", 2, "Bob", 1, true, "t0").await.unwrap();
        insert_answer(&pool, "p1", 2, "Bob", 0, false, "t2").await.unwrap();
        insert_answer(&pool, "p1", 3, "Cid", 1, true, "t3").await.unwrap();
        for (p, ok) in [("p0", true), ("p1", true), ("p2", false)] {
            insert_answer(&pool, p, 4, "Dan", 1, ok, "t4").await.unwrap();
        }
        let names: Vec<String> =
            standings(&pool, 5, None, 10, None).await.unwrap().into_iter().filter_map(|s| s.name).collect();
        assert_eq!(names, vec!["Dan", "Ann", "Cid", "Bob"]);
        let top2 = standings(&pool, 5, None, 2, Some(2)).await.unwrap();
        let ranks: Vec<(i64, i64)> = top2.iter().map(|s| (s.rank, s.user_id)).collect();
        assert_eq!(ranks, vec![(1, 4), (2, 1), (4, 2)]);
        assert!(standings(&pool, 5, Some("t3"), 10, None).await.unwrap().iter().all(|s| s.user_id >= 3));
    }

    #[sqlx::test]
    async fn stopping_closes_only_open_polls(pool: Pool) {
        let q = seed_pool(&pool, "a", 1, "trade").await[0];
        insert(&pool, &poll("old", 5, q, "2026-11-27T08:00:00.000Z")).await.unwrap();
        insert(&pool, &poll("open", 5, q, "2026-11-27T10:00:00.000Z")).await.unwrap();
        let stopped = stop_open(&pool, 5, None, "2026-11-27T09:00:00.000Z").await.unwrap();
        assert_eq!(stopped.iter().map(|p| p.poll_id.as_str()).collect::<Vec<_>>(), vec!["open"]);
        assert!(get(&pool, "old").await.unwrap().unwrap().stopped_at.is_none());
    }
}
