//! Faults: a flaky Bot API, floods, a busy database, and secrets in logs.

use std::time::Duration;

use crate::{
    helpers::{PATIENCE, TestBot, sent_to},
    support::stand_in::{Fault, FaultKind, updates},
};

#[tokio::test]
async fn the_bot_recovers_from_faults_on_get_updates() {
    let bot = TestBot::start().await;
    bot.tg.inject(Fault::new(FaultKind::RetryAfter(1)).on("GetUpdates").times(1));
    bot.tg.inject(Fault::new(FaultKind::Drop).on("GetUpdates").times(1));
    bot.tg.inject(Fault::new(FaultKind::ServerError).on("GetUpdates").times(1));
    // teloxide sleeps a fixed 10 s inside a request answered with a 5xx, then backs off: wait (without a
    // tight clock) until the bot has met all three faults and polls again, then ask it something.
    let through = Duration::from_secs(90);
    let deadline = std::time::Instant::now() + through;
    while !bot.tg.pending_faults().is_empty() {
        assert!(std::time::Instant::now() < deadline, "the faults were not all met: {:?}", bot.tg.pending_faults());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let faulted = bot.tg.calls_of("GetUpdates").len();
    bot.tg.wait_until(|calls| calls.iter().filter(|c| c.is("GetUpdates")).count() > faulted, through).await;
    let statuses: Vec<u16> = bot.tg.calls_of("GetUpdates").iter().map(|c| c.response_status).collect();
    assert!(statuses.contains(&429) && statuses.contains(&500), "the faults were answered: {statuses:?}");
    let reply = bot.ask(401, "/country India").await.join("\n");
    assert!(reply.contains("Modi"), "{reply}");
    bot.stop().await;
}

#[tokio::test]
async fn replies_survive_dropped_connections_server_errors_and_slow_answers() {
    let bot = TestBot::start().await;
    bot.tg.inject(Fault::new(FaultKind::Drop).on("SendMessage").in_chat(402).times(1));
    let reply = bot.ask(402, "/country China").await.join("\n");
    assert!(reply.contains("$240 billion"), "{reply}");

    bot.tg.inject(Fault::new(FaultKind::Delay(Duration::from_secs(2))).on("SendMessage").in_chat(403).times(1));
    let reply = bot.ask(403, "/summit BRICS").await.join("\n");
    assert!(reply.contains("Kazan"), "{reply}");

    bot.tg.inject(Fault::new(FaultKind::ServerError).on("SendMessage").in_chat(404).times(1));
    let before = sent_to(&bot.tg.calls(), 404);
    bot.tg.push_update(updates::text_message(404, 404, "/topic energy"));
    bot.tg.wait_until(|calls| sent_to(calls, 404) > before, Duration::from_secs(30)).await;
    bot.stop().await;
}

#[tokio::test]
async fn a_reply_to_a_blocked_chat_marks_it_unreachable() {
    let bot = TestBot::start().await;
    bot.ask(405, "/subscribe energy").await;
    bot.tg.block_chat(405);
    bot.tg.push_update(updates::text_message(405, 405, "/country India"));
    bot.tg
        .wait_until(|calls| calls.iter().any(|c| c.chat_id() == Some(405) && c.response_status == 403), PATIENCE)
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let chat = dossier::db::chats::get(&bot.dossier.pool, 405).await.unwrap().unwrap();
    assert!(chat.unreachable.is_some());
    bot.stop().await;
}

#[tokio::test]
async fn a_flood_from_one_user_is_slowed_and_does_not_hold_up_other_chats() {
    let bot = TestBot::start().await;
    let flooder = 406;
    for _ in 0..500 {
        bot.tg.push_update(updates::text_message(flooder, flooder, "/country China"));
    }
    let others: Vec<i64> = (1..=5).map(|i| 4060 + i).collect();
    for chat in &others {
        bot.tg.push_update(updates::text_message(*chat, *chat, "/country India"));
    }
    let calls =
        bot.tg.wait_until(|calls| others.iter().all(|chat| sent_to(calls, *chat) > 0), Duration::from_secs(30)).await;
    let sends: Vec<_> = calls.iter().filter(|c| c.is("SendMessage") && !c.rejected).collect();
    let last_other = sends.iter().rposition(|c| others.contains(&c.chat_id().unwrap_or_default())).unwrap();
    let flood_before = sends[..last_other].iter().filter(|c| c.chat_id() == Some(flooder)).count();
    assert!(flood_before <= 12, "{flood_before} flood replies went out before the other chats were answered");

    // Its few admitted messages go out at the chat's own pace (1/s after a burst of 3).
    let warned = |calls: &[crate::support::stand_in::Call]| {
        calls.iter().any(|c| c.chat_id() == Some(flooder) && c.text().is_some_and(|t| t.contains("skip some")))
    };
    bot.tg.wait_until(warned, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let flood_texts = bot.tg.sent_texts(flooder);
    assert!(flood_texts.len() <= 12, "the flood was answered {} times", flood_texts.len());
    assert_eq!(flood_texts.iter().filter(|t| t.contains("skip some")).count(), 1, "one polite slow-down");
    bot.stop().await;
}

#[tokio::test]
async fn a_write_waits_for_a_database_locked_by_another_process() {
    let bot = TestBot::start().await;
    let mut locker = sqlx::SqliteConnection::connect(&bot.config.database_url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut locker).await.unwrap();
    sqlx::query("INSERT INTO processed_updates (update_id, handled_at) VALUES (-1, 'x')")
        .execute(&mut locker)
        .await
        .unwrap();
    let release = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        sqlx::query("COMMIT").execute(&mut locker).await.unwrap();
    });
    let reply = bot.ask(407, "/subscribe energy").await.join("\n");
    assert!(reply.contains("Subscribed to"), "{reply}");
    release.await.unwrap();
    let subs = dossier::db::subscriptions::list(&bot.dossier.pool, 407).await.unwrap();
    assert_eq!(subs.len(), 1);
    bot.stop().await;
}

use sqlx::Connection;

#[tokio::test]
async fn a_graceful_stop_confirms_the_offset_of_handled_updates() {
    let bot = TestBot::start().await;
    let tg_updates_before = bot.tg.confirmed_offset();
    bot.ask(408, "/country India").await;
    let last = bot.tg.push_update(updates::text_message(408, 408, "/summit BRICS"));
    bot.tg.wait_until(|calls| sent_to(calls, 408) >= 2, PATIENCE).await;
    let tg = bot.stop_keeping_stand_in().await;
    let offset = tg.confirmed_offset();
    assert!(
        offset.is_some_and(|o| o > last),
        "offset {offset:?} (was {tg_updates_before:?}) does not confirm update {last}"
    );
}
