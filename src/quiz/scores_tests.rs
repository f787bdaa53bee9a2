//! Tests of scoring: answers counted once and on time, and leaderboards.

use super::*;
use crate::db::quiz::questions::tests::seed_pool;
use crate::db::{self, Pool};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn sent(pool: &Pool, poll_id: &str, chat: i64, question_id: i64, sent_at: &str) {
    let sent_at = at(sent_at);
    record_poll(
        pool,
        &NewPoll {
            poll_id: poll_id.into(),
            chat: ChatId(chat),
            message_id: Some(1),
            question_id,
            correct: 2,
            round_id: None,
            sent_at,
            closes_at: sent_at + Duration::seconds(30),
        },
    )
    .await
    .unwrap();
}

#[sqlx::test]
async fn an_answer_is_counted_once_even_when_the_update_is_replayed(pool: Pool) {
    let q = seed_pool(&pool, "a", 1, "trade").await[0];
    sent(&pool, "p", 5, q, "2026-11-27T09:00:00Z").await;
    let now = at("2026-11-27T09:00:10Z");
    let first = record_answer(&pool, "p", UserId(1), "Ann", &[2], now).await.unwrap();
    assert_eq!(first, AnswerOutcome::Counted { correct: true, poll_closed: false });
    let replay = record_answer(&pool, "p", UserId(1), "Ann", &[2], now).await.unwrap();
    assert_eq!(replay, AnswerOutcome::Duplicate);
    let wrong = record_answer(&pool, "p", UserId(2), "Bob", &[0], now).await.unwrap();
    assert_eq!(wrong, AnswerOutcome::Counted { correct: false, poll_closed: false });
    let rows = db::quiz::polls::standings(&pool, 5, None, 10, None).await.unwrap();
    assert_eq!(rows.iter().map(|r| (r.user_id, r.correct)).collect::<Vec<_>>(), vec![(1, 1), (2, 0)]);
}

#[sqlx::test]
async fn answers_after_the_poll_closed_or_was_stopped_are_ignored(pool: Pool) {
    let q = seed_pool(&pool, "a", 1, "trade").await[0];
    sent(&pool, "p", 5, q, "2026-11-27T09:00:00Z").await;
    let late = record_answer(&pool, "p", UserId(1), "Ann", &[2], at("2026-11-27T09:00:30Z")).await.unwrap();
    assert_eq!(late, AnswerOutcome::Late);
    sent(&pool, "s", 5, q, "2026-11-27T10:00:00Z").await;
    db::quiz::polls::stop(&pool, "s", "2026-11-27T10:00:05.000Z").await.unwrap();
    let stopped = record_answer(&pool, "s", UserId(1), "Ann", &[2], at("2026-11-27T10:00:06Z")).await.unwrap();
    assert_eq!(stopped, AnswerOutcome::Late);
    assert!(db::quiz::polls::standings(&pool, 5, None, 10, None).await.unwrap().is_empty());
}

#[sqlx::test]
async fn unknown_polls_and_retracted_votes_count_nothing(pool: Pool) {
    let q = seed_pool(&pool, "a", 1, "trade").await[0];
    sent(&pool, "p", 5, q, "2026-11-27T09:00:00Z").await;
    let now = at("2026-11-27T09:00:01Z");
    assert_eq!(record_answer(&pool, "nope", UserId(1), "A", &[0], now).await.unwrap(), AnswerOutcome::UnknownPoll);
    assert_eq!(record_answer(&pool, "p", UserId(1), "A", &[], now).await.unwrap(), AnswerOutcome::Retracted);
}

#[sqlx::test]
async fn the_leaderboard_ranks_players_and_shows_the_callers_place_outside_the_top(pool: Pool) {
    let q = seed_pool(&pool, "a", 1, "trade").await[0];
    // 12 players; player i answers i of 12 polls right (1-based), so player 12 leads.
    for p in 0..12 {
        let day = if p < 6 { 20 } else { 27 };
        sent(&pool, &format!("p{p}"), 5, q, &format!("2026-11-{day}T09:{p:02}:00Z")).await;
    }
    for user in 1..=12i64 {
        for p in 0..12 {
            let day = if p < 6 { 20 } else { 27 };
            let now = at(&format!("2026-11-{day}T09:{p:02}:05Z"));
            let option = if p < user { 2 } else { 0 };
            record_answer(&pool, &format!("p{p}"), UserId(user), &format!("<b>U{user}</b>"), &[option as usize], now)
                .await
                .unwrap();
        }
    }
    // 2026-11-27 is a Friday: the week started on Monday 2026-11-23 (UTC).
    let reply = leaderboard(&pool, ChatId(5), Some(UserId(1)), at("2026-11-27T12:00:00Z"), crate::i18n::Lang::En)
        .await
        .unwrap();
    let text = reply.plain_text();
    let all_time = text.split("All time").nth(1).unwrap();
    assert!(all_time.contains("1. 🥇 <b>U12</b> — 12 of 12"), "{text}");
    assert!(all_time.contains("10. <b>U3</b>"), "{text}");
    assert!(!all_time.contains("11. <b>U2</b>"), "{text}");
    assert!(all_time.contains("12. <b>U1</b> — 1 of 12 (you)"), "{text}");
    // This week: only the six polls sent on the 27th.
    let week = text.split("This week").nth(1).unwrap().split("All time").next().unwrap();
    assert!(week.contains("1. 🥇 <b>U12</b> — 6 of 6"), "{text}");
}

#[sqlx::test]
async fn an_empty_leaderboard_invites_a_quiz(pool: Pool) {
    let reply = leaderboard(&pool, ChatId(5), None, at("2026-11-27T12:00:00Z"), crate::i18n::Lang::En).await.unwrap();
    assert!(reply.plain_text().contains("/quiz"));
}

#[test]
fn the_week_starts_on_monday_in_the_chats_timezone() {
    let tz: Tz = "Asia/Tokyo".parse().unwrap();
    // Sunday 2026-11-29 20:00 UTC is already Monday 05:00 in Tokyo.
    assert_eq!(week_start(at("2026-11-29T20:00:00Z"), tz), at("2026-11-29T15:00:00Z"));
    assert_eq!(week_start(at("2026-11-29T20:00:00Z"), Tz::UTC), at("2026-11-23T00:00:00Z"));
}
