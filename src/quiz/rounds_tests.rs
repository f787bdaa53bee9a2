//! Tests of quiz rounds driven with a fixed clock.

use super::*;
use crate::db::{self, Pool};
use crate::{
    db::quiz::questions::tests::seed_pool,
    quiz::{AnswerOutcome, NewPoll, QuizNotice, record_answer, record_poll},
};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Sends the step's question as the adapter would: a poll open 30 s from `now`.
async fn send(pool: &Pool, step: &RoundStep, poll_id: &str, now: DateTime<Utc>) -> usize {
    let RoundStep::Ask { round_id, chat, question, .. } = step else { panic!("expected a question, got {step:?}") };
    record_poll(
        pool,
        &NewPoll {
            poll_id: poll_id.into(),
            chat: *chat,
            message_id: Some(100),
            question_id: question.id,
            correct: question.correct,
            round_id: Some(*round_id),
            sent_at: now,
            closes_at: now + Duration::seconds(30),
        },
    )
    .await
    .unwrap();
    question.correct
}

#[sqlx::test]
async fn a_round_asks_its_questions_one_after_another_and_names_the_winner(pool: Pool) {
    seed_pool(&pool, "a", 5, "trade").await;
    let chat = ChatId(-42);
    let t0 = at("2026-11-27T09:00:00Z");
    let first = start_round(&pool, chat, 3, Some("trade"), Some(UserId(1)), t0).await.unwrap();
    assert!(matches!(first, RoundStep::Ask { number: 1, total: 3, .. }));
    let mut asked = vec![];
    let mut step = first;
    for (i, minute) in [0, 1, 2].into_iter().enumerate() {
        let now = t0 + Duration::minutes(minute);
        let RoundStep::Ask { number, question, .. } = &step else { panic!("{step:?}") };
        assert_eq!(*number as usize, i + 1);
        asked.push(question.id);
        let correct = send(&pool, &step, &format!("p{i}"), now).await;
        assert!(advance(&pool, now + Duration::seconds(10)).await.unwrap().is_empty(), "the poll is still open");
        // Ann is always right; Bob only on the first question.
        let ok = |right: bool| if right { correct } else { (correct + 1) % 3 };
        let poll_id = format!("p{i}");
        let ann = record_answer(&pool, &poll_id, UserId(1), "Ann", &[ok(true)], now + Duration::seconds(5)).await;
        assert_eq!(ann.unwrap(), AnswerOutcome::Counted { correct: true, poll_closed: false });
        record_answer(&pool, &format!("p{i}"), UserId(2), "Bob", &[ok(i == 0)], now + Duration::seconds(6))
            .await
            .unwrap();
        let mut steps = advance(&pool, now + Duration::seconds(31)).await.unwrap();
        assert_eq!(steps.len(), 1);
        step = steps.remove(0);
    }
    let RoundStep::Finished { results, .. } = &step else { panic!("{step:?}") };
    let text = results.plain_text();
    assert!(text.contains("Winner: Ann with 3 of 3"), "{text}");
    assert!(text.contains("1. Ann — 3/3 ✅✅✅"), "{text}");
    assert!(text.contains("2. Bob — 1/3 ✅❌❌"), "{text}");
    asked.sort();
    asked.dedup();
    assert_eq!(asked.len(), 3, "no question repeats within a round");
    assert!(advance(&pool, t0 + Duration::hours(1)).await.unwrap().is_empty(), "a finished round rests");
}

#[sqlx::test]
async fn a_round_survives_a_lost_send_and_a_restart(pool: Pool) {
    seed_pool(&pool, "a", 3, "trade").await;
    let t0 = at("2026-11-27T09:00:00Z");
    start_round(&pool, ChatId(1), 2, None, None, t0).await.unwrap();
    // The poll was never recorded (a crash): the question is handed out again once the lease ends.
    assert!(advance(&pool, t0 + Duration::seconds(30)).await.unwrap().is_empty());
    let steps = advance(&pool, t0 + SEND_LEASE + Duration::seconds(1)).await.unwrap();
    assert!(matches!(steps.as_slice(), [RoundStep::Ask { number: 1, .. }]), "{steps:?}");
    assert!(advance(&pool, t0 + SEND_LEASE + Duration::seconds(2)).await.unwrap().is_empty(), "handed out once");
}

#[sqlx::test]
async fn a_chat_cannot_run_two_rounds_or_ask_for_too_many_questions(pool: Pool) {
    seed_pool(&pool, "a", 3, "trade").await;
    let t0 = at("2026-11-27T09:00:00Z");
    let too_many = start_round(&pool, ChatId(1), 21, None, None, t0).await;
    assert!(matches!(too_many, Err(QuizError::User(QuizNotice::RoundSize))));
    start_round(&pool, ChatId(1), 2, None, None, t0).await.unwrap();
    let Err(QuizError::User(notice)) = start_round(&pool, ChatId(1), 2, None, None, t0).await else { panic!() };
    assert_eq!(notice, QuizNotice::RoundRunning);
    assert!(notice.to_string().contains("/quizstop"), "{notice}");
    let Err(QuizError::User(notice)) = start_round(&pool, ChatId(2), 2, Some("energy"), None, t0).await else {
        panic!()
    };
    assert!(notice.to_string().contains("energy"), "{notice}");
    assert!(notice.text(Lang::Ru).contains("Вопросов для викторины на тему energy"), "{}", notice.text(Lang::Ru));
}

#[sqlx::test]
async fn stopping_a_round_closes_its_poll_and_reports_the_results_so_far(pool: Pool) {
    seed_pool(&pool, "a", 3, "trade").await;
    let t0 = at("2026-11-27T09:00:00Z");
    let step = start_round(&pool, ChatId(1), 3, None, None, t0).await.unwrap();
    let correct = send(&pool, &step, "p0", t0).await;
    record_answer(&pool, "p0", UserId(9), "Cy", &[correct], t0 + Duration::seconds(1)).await.unwrap();
    let stopped = stop_round(&pool, ChatId(1), t0 + Duration::seconds(2), Lang::En).await.unwrap();
    assert_eq!(stopped.open_messages, vec![100]);
    let text = stopped.results.plain_text();
    assert!(text.contains("Quiz stopped after 1 of 3 questions") && text.contains("Winner: Cy"), "{text}");
    let late = record_answer(&pool, "p0", UserId(8), "Di", &[correct], t0 + Duration::seconds(3)).await.unwrap();
    assert_eq!(late, AnswerOutcome::Late);
    assert!(advance(&pool, t0 + Duration::minutes(5)).await.unwrap().is_empty());
    let none = stop_round(&pool, ChatId(1), t0, Lang::Ru).await;
    assert!(matches!(none, Err(QuizError::User(QuizNotice::NoRound))), "{none:?}");
}

#[sqlx::test]
async fn a_round_nobody_answered_has_no_winner(pool: Pool) {
    seed_pool(&pool, "a", 1, "trade").await;
    let t0 = at("2026-11-27T09:00:00Z");
    let step = start_round(&pool, ChatId(1), 1, None, None, t0).await.unwrap();
    send(&pool, &step, "p0", t0).await;
    let steps = advance(&pool, t0 + Duration::seconds(31)).await.unwrap();
    let [RoundStep::Finished { results, .. }] = steps.as_slice() else { panic!("{steps:?}") };
    assert!(results.plain_text().contains("Nobody answered."));
}

#[sqlx::test]
async fn results_follow_the_chats_stored_language(pool: Pool) {
    seed_pool(&pool, "a", 2, "trade").await;
    db::chats::ensure(&pool, -5, "group", Some("Игра")).await.unwrap();
    db::chats::set_language(&pool, -5, Some("ru")).await.unwrap();
    let t0 = at("2026-11-27T09:00:00Z");
    let step = start_round(&pool, ChatId(-5), 2, None, None, t0).await.unwrap();
    let correct = send(&pool, &step, "p0", t0).await;
    record_answer(&pool, "p0", UserId(9), "", &[correct], t0 + Duration::seconds(1)).await.unwrap();
    let mut steps = advance(&pool, t0 + Duration::seconds(31)).await.unwrap();
    let step = steps.remove(0);
    send(&pool, &step, "p1", t0 + Duration::seconds(31)).await;
    let steps = advance(&pool, t0 + Duration::seconds(62)).await.unwrap();
    let [RoundStep::Finished { results, .. }] = steps.as_slice() else { panic!("{steps:?}") };
    let text = results.plain_text();
    assert!(text.contains("Викторина окончена: 2 вопроса"), "{text}");
    assert!(text.contains("🏆 Победитель: Игрок 9 — 1 из 2"), "{text}");
    let english = results_in(&pool, &step, Lang::En).await;
    assert!(
        english.contains("Quiz over: 2 questions") && english.contains("Winner: Player 9 with 1 of 2"),
        "{english}"
    );
}

async fn results_in(pool: &Pool, step: &RoundStep, lang: Lang) -> String {
    let RoundStep::Ask { round_id, .. } = step else { panic!("{step:?}") };
    results(pool, *round_id, lang).await.unwrap().plain_text()
}

#[sqlx::test]
async fn in_a_private_chat_the_answer_ends_the_poll_and_the_next_question_comes_at_once(pool: Pool) {
    seed_pool(&pool, "a", 3, "trade").await;
    db::chats::ensure(&pool, 7, "private", None).await.unwrap();
    let t0 = at("2026-11-27T09:00:00Z");
    let first = start_round(&pool, ChatId(7), 2, None, Some(UserId(7)), t0).await.unwrap();
    let correct = send(&pool, &first, "solo1", t0).await;
    let answered = record_answer(&pool, "solo1", UserId(7), "Me", &[correct], t0 + Duration::seconds(3)).await;
    assert_eq!(answered.unwrap(), AnswerOutcome::Counted { correct: true, poll_closed: true });
    let steps = advance(&pool, t0 + Duration::seconds(3)).await.unwrap();
    assert!(matches!(steps.as_slice(), [RoundStep::Ask { number: 2, .. }]), "{steps:?}");
}

#[sqlx::test]
async fn in_a_group_an_answer_leaves_the_poll_open_for_the_others(pool: Pool) {
    seed_pool(&pool, "a", 3, "trade").await;
    db::chats::ensure(&pool, -7, "supergroup", Some("G")).await.unwrap();
    let t0 = at("2026-11-27T09:00:00Z");
    let first = start_round(&pool, ChatId(-7), 1, None, None, t0).await.unwrap();
    let correct = send(&pool, &first, "g1", t0).await;
    let answered = record_answer(&pool, "g1", UserId(1), "Ann", &[correct], t0 + Duration::seconds(3)).await;
    assert_eq!(answered.unwrap(), AnswerOutcome::Counted { correct: true, poll_closed: false });
    assert!(advance(&pool, t0 + Duration::seconds(3)).await.unwrap().is_empty(), "the round waits for the poll");
    let Err(QuizError::User(notice)) = start_round(&pool, ChatId(-7), 1, None, None, t0).await else { panic!() };
    assert_eq!(notice, QuizNotice::RoundRunning);
}
