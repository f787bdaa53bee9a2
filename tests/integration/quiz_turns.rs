//! When a quiz round is over: in a private chat as soon as its one answerer has answered; in a group only
//! when the poll's time runs out (or `/quizstop`), one round at a time.

use std::time::Duration;

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::{ChatType, updates},
};

/// The poll id and correct option of the n-th poll sent (1-based), once the bot has recorded it.
async fn nth_poll(bot: &TestBot, n: usize) -> (String, u8) {
    let call = bot.tg.wait_for("SendPoll", n, PATIENCE).await.remove(n - 1);
    let poll_id = call.result().unwrap()["poll"]["id"].as_str().unwrap().to_owned();
    let deadline = std::time::Instant::now() + PATIENCE;
    while dossier::db::quiz::polls::get(&bot.dossier.pool, &poll_id).await.unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "poll {poll_id} was never recorded");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    (poll_id, call.body["correct_option_id"].as_u64().unwrap() as u8)
}

#[tokio::test]
async fn a_private_quiz_answered_by_its_user_lets_the_next_quiz_through_at_once() {
    let bot = TestBot::start().await;
    let me = 650;
    bot.tg.push_update(updates::text_message(me, me, "/quiz"));
    let (poll_id, right) = nth_poll(&bot, 1).await;
    let before = bot.tg.sent_texts(me).len();
    bot.tg.push_update(updates::poll_answer(&poll_id, me, &[right]));
    // The round ends with the answer: its results come without waiting for the poll's 30 s.
    bot.tg.wait_until(|_| bot.tg.sent_texts(me).len() > before, PATIENCE).await;
    let results = bot.tg.sent_texts(me).split_off(before).join("\n");
    assert!(results.contains("Quiz over"), "{results}");

    let refused = bot.tg.sent_texts(me).len();
    bot.tg.push_update(updates::text_message(me, me, "/quiz"));
    nth_poll(&bot, 2).await;
    let texts = bot.tg.sent_texts(me).split_off(refused).join("\n");
    assert!(!texts.contains("already running"), "{texts}");
    bot.stop().await;
}

#[tokio::test]
async fn a_group_keeps_one_round_at_a_time_after_an_answer() {
    let bot = TestBot::start().await;
    let group = -651;
    let says = |user: i64, text: &str| updates::group_message(group, ChatType::Supergroup, "Quiz", user, text);
    bot.tg.push_update(says(1, "/quiz"));
    let (poll_id, right) = nth_poll(&bot, 1).await;
    bot.push_and_settle(updates::poll_answer(&poll_id, 1, &[right])).await;
    let reply = bot.say(says(2, "/quiz"), group).await.join("\n");
    assert!(reply.contains("already running"), "{reply}");
    assert_eq!(bot.tg.calls_of("SendPoll").len(), 1);
    bot.stop().await;
}
