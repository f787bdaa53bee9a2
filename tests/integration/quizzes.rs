//! Quizzes over the stand-in: native quiz polls, scoring from poll answers, rounds, leaderboards,
//! admin rules and scheduled quizzes on a fixed clock.

use chrono::{DateTime, Duration as Span, Utc};
use dossier::{db, i18n::Lang, quiz, telegram::jobs::tick_at};
use serde_json::Value;

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::{ChatType, MemberStatus, updates},
};

const GROUP: i64 = -600;

fn group_says(user: i64, text: &str) -> Value {
    updates::group_message(GROUP, ChatType::Supergroup, "Quiz night", user, text)
}

/// The n-th poll sent to `chat` (1-based): its poll id and body.
async fn poll(bot: &TestBot, n: usize) -> (String, Value) {
    let call = bot.tg.wait_for("SendPoll", n, PATIENCE).await.remove(n - 1);
    assert!(!call.rejected, "Telegram refused a poll: {:?}", call.response);
    let poll_id = call.result().unwrap()["poll"]["id"].as_str().unwrap().to_owned();
    // The bot records the poll right after Telegram accepts it; answers before that would be unknown.
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quiz_polls WHERE poll_id = ?")
            .bind(&poll_id)
            .fetch_one(&bot.dossier.pool)
            .await
            .unwrap();
        if known > 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "poll {poll_id} was never recorded");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    (poll_id, call.body)
}

fn correct(body: &Value) -> u8 {
    body["correct_option_id"].as_u64().unwrap() as u8
}

async fn answer(bot: &TestBot, poll_id: &str, user: i64, option: u8) {
    bot.tg.push_update(updates::poll_answer(poll_id, user, &[option]));
}

/// Waits until the bot has stored `n` answers in all (answers name a poll, not a chat, so they are
/// handled apart from the chat's messages).
async fn wait_answers(bot: &TestBot, n: i64) {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let stored: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM quiz_answers").fetch_one(&bot.dossier.pool).await.unwrap();
        if stored >= n {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "only {stored} of {n} answers stored");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn every_question_of_the_pool_is_a_poll_telegram_accepts() {
    let bot = TestBot::start_with(|c| c.global_rate = 1000).await;
    let services = bot.services().await;
    let questions = db::quiz::questions::active(&bot.dossier.pool).await.unwrap();
    assert!(questions.len() >= 20, "a small pool: {}", questions.len());
    for row in questions {
        let question = quiz::question(&bot.dossier.pool, row.id).await.unwrap().unwrap();
        // Channel polls carry a "where to read more" line in the chat's language: both must fit.
        for (anonymous, lang) in [(false, Lang::En), (true, Lang::En), (true, Lang::Ru)] {
            let poll = quiz::to_poll(&question, 30, anonymous, Some("dossier_test_bot"), lang);
            // One private chat per question: no per-group limit to wait out.
            let target = dossier::telegram::Target::chat(10_000 + question.id);
            services
                .delivery
                .send_poll(target, &poll, dossier::telegram::limiter::Priority::Bulk)
                .await
                .unwrap_or_else(|e| {
                    panic!("question {} was refused: {e}: {:?}", question.id, question.question);
                });
        }
    }
    assert!(bot.tg.calls_of("SendPoll").iter().all(|c| !c.rejected));
    bot.stop().await;
}

#[tokio::test]
async fn answers_are_scored_once_and_late_answers_are_ignored() {
    let bot = TestBot::start().await;
    bot.tg.push_update(group_says(1, "/quiz"));
    let (poll_id, body) = poll(&bot, 1).await;
    assert_eq!(body["type"], "quiz");
    assert_eq!(body["is_anonymous"], false, "group polls must be scored");
    assert!(body["explanation"].as_str().unwrap().len() > 10);
    let right = correct(&body);
    answer(&bot, &poll_id, 1, right).await;
    answer(&bot, &poll_id, 2, (right + 1) % 2).await;
    wait_answers(&bot, 2).await;
    // Telegram re-sends unconfirmed updates after a crash: the same answer again must not count twice.
    bot.push_and_settle(updates::poll_answer(&poll_id, 1, &[right])).await;

    bot.tg.push_update(group_says(1, "/quizstop"));
    bot.tg.wait_for("StopPoll", 1, PATIENCE).await;
    bot.push_and_settle(updates::poll_answer(&poll_id, 3, &[right])).await; // too late
    let top = bot.say(group_says(1, "/top"), GROUP).await.join("\n");
    assert!(top.contains("1 of 1"), "{top}");
    assert!(top.contains("0 of 1"), "{top}");
    assert!(!top.contains("Player 3") && !top.contains("User 3"), "a late answer counted: {top}");
    bot.stop().await;
}

#[tokio::test]
async fn a_round_sends_its_questions_one_after_another_and_ends_with_results() {
    let bot = TestBot::start().await;
    let services = bot.services().await;
    bot.tg.push_update(group_says(1, "/quiz 2 trade"));
    let (first, body) = poll(&bot, 1).await;
    assert!(body["question"].as_str().unwrap().starts_with("(1/2)"), "{}", body["question"]);
    answer(&bot, &first, 1, correct(&body)).await;
    answer(&bot, &first, 2, (correct(&body) + 1) % 2).await;
    wait_answers(&bot, 2).await;
    let now = Utc::now();

    tick_at(&services, now + Span::seconds(5)).await;
    assert_eq!(bot.tg.calls_of("SendPoll").len(), 1, "the next question came before the first closed");
    tick_at(&services, now + Span::seconds(31)).await;
    let (second, body) = poll(&bot, 2).await;
    assert!(body["question"].as_str().unwrap().starts_with("(2/2)"));
    answer(&bot, &second, 1, correct(&body)).await;
    wait_answers(&bot, 3).await;

    let before = bot.tg.sent_texts(GROUP).len();
    tick_at(&services, now + Span::seconds(70)).await;
    let results = bot.tg.sent_texts(GROUP).split_off(before).join("\n");
    assert!(results.contains("Quiz over: 2 questions"), "{results}");
    assert!(results.contains("🏆 Winner: ") && results.contains("@user1"), "user 1 answered both right: {results}");
    assert!(results.contains("@user2"), "who answered what is missing: {results}");
    bot.stop().await;
}

#[tokio::test]
async fn the_leaderboard_is_in_order_of_correct_answers() {
    let bot = TestBot::start().await;
    let services = bot.services().await;
    let mut now = Utc::now();
    // Three questions: user 3 gets all right, user 2 two, user 1 one.
    for round in 0..3u8 {
        bot.tg.push_update(group_says(1, "/quiz"));
        let (poll_id, body) = poll(&bot, usize::from(round) + 1).await;
        let right = correct(&body);
        for user in 1..=3u8 {
            let ok = user > round;
            answer(&bot, &poll_id, i64::from(user), if ok { right } else { (right + 1) % 2 }).await;
        }
        wait_answers(&bot, 3 * (i64::from(round) + 1)).await;
        now += Span::seconds(40);
        tick_at(&services, now).await;
    }
    let top = bot.say(group_says(2, "/top"), GROUP).await.join("\n");
    let position = |needle: &str| top.find(needle).unwrap_or_else(|| panic!("{needle} missing from {top}"));
    assert!(position("3 of 3") < position("2 of 3") && position("2 of 3") < position("1 of 3"), "{top}");
    bot.stop().await;
}

#[tokio::test]
async fn admin_only_quiz_commands_refuse_other_members_clearly() {
    let bot = TestBot::start().await;
    bot.tg.set_member(GROUP, 5, MemberStatus::Member);
    let refused = bot.say(group_says(5, "/quiz 10"), GROUP).await.join("\n");
    assert!(refused.contains("only admins"), "{refused}");
    let refused = bot.say(group_says(5, "/quizschedule daily 09:00"), GROUP).await.join("\n");
    assert!(refused.contains("Only this chat's admins"), "{refused}");
    assert!(bot.tg.calls_of("SendPoll").is_empty());
    bot.stop().await;
}

#[tokio::test]
async fn a_scheduled_quiz_fires_at_the_chats_local_time() {
    let bot = TestBot::start().await;
    let services = bot.services().await;
    bot.tg.set_member(GROUP, 7, MemberStatus::Administrator);
    bot.say(group_says(7, "/settings tz Asia/Kolkata"), GROUP).await;
    let reply = bot.say(group_says(7, "/quizschedule daily 09:00 trade"), GROUP).await.join("\n");
    assert!(reply.contains("09:00 (Asia/Kolkata)"), "{reply}");
    let slot: String = sqlx::query_scalar("SELECT next_slot FROM quiz_schedules WHERE chat_id = ?")
        .bind(GROUP)
        .fetch_one(&bot.dossier.pool)
        .await
        .unwrap();
    let slot = DateTime::parse_from_rfc3339(&slot).unwrap().with_timezone(&Utc);
    assert_eq!(slot.format("%H:%M").to_string(), "03:30", "09:00 in Kolkata is 03:30 UTC");
    tick_at(&services, slot - Span::minutes(1)).await;
    assert!(bot.tg.calls_of("SendPoll").is_empty(), "the quiz came early");
    tick_at(&services, slot).await;
    let (_, body) = poll(&bot, 1).await;
    assert_eq!(body["chat_id"], serde_json::json!(GROUP));
    bot.stop().await;
}

#[tokio::test]
async fn a_chat_sees_no_repeated_question_until_the_topic_pool_is_exhausted() {
    let bot = TestBot::start().await;
    let services = bot.services().await;
    let mut now = Utc::now();
    let mut seen = Vec::new();
    let pool = db::quiz::questions::pool_for(&bot.dossier.pool, GROUP, Some("trade")).await.unwrap().len();
    assert!(pool >= 3, "the trade pool is too small to test: {pool}");
    for n in 1..=pool {
        bot.tg.push_update(group_says(1, "/quiz trade"));
        let (_, body) = poll(&bot, n).await;
        let question = body["question"].as_str().unwrap().to_owned();
        assert!(!seen.contains(&question), "repeated before the pool was used up: {question}");
        seen.push(question);
        now += Span::seconds(40);
        tick_at(&services, now).await;
    }
    bot.stop().await;
}
