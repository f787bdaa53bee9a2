//! Digests: subscribing, schedules with a fixed clock, no repeats, admin rules, and delivery faults.

use std::time::Duration;

use chrono::{DateTime, Utc};
use dossier::{
    db,
    digest::scheduler::enqueue_due,
    facts::{IngestOutcome, Ingestor},
    telegram::outbox::deliver_due,
};

use crate::{
    helpers::{PATIENCE, TestBot, sent_to},
    support::stand_in::{ChatSpec, ChatType, Fault, FaultKind, MemberStatus, updates},
};

async fn subjects(bot: &TestBot, chat: i64) -> Vec<String> {
    db::subscriptions::list(&bot.dossier.pool, chat).await.unwrap().into_iter().map(|s| s.subject).collect()
}

async fn next_slot(bot: &TestBot, chat: i64) -> DateTime<Utc> {
    let row = db::chats::get(&bot.dossier.pool, chat).await.unwrap().expect("the chat is known");
    DateTime::parse_from_rfc3339(&row.next_slot.expect("a digest is scheduled")).unwrap().with_timezone(&Utc)
}

/// Runs the scheduler and the outbox at `now`, as the background loop would.
async fn run_jobs_at(bot: &TestBot, now: DateTime<Utc>) -> (usize, usize) {
    let enqueued = enqueue_due(&bot.dossier, now, bot.config.digest_max_facts).await.unwrap().enqueued;
    let services = bot.services().await;
    let sent = deliver_due(&services, now).await.unwrap().sent;
    (enqueued, sent)
}

#[tokio::test]
async fn subscribing_by_command_records_the_subscription() {
    let bot = TestBot::start().await;
    let reply = bot.ask(301, "/subscribe energy").await.join("\n");
    assert!(reply.contains("Subscribed to") && reply.contains("daily at 09:00 (UTC)"), "{reply}");
    assert_eq!(subjects(&bot, 301).await, vec!["topic:energy"]);
    let again = bot.ask(301, "/subscribe Energy").await.join("\n");
    assert!(again.contains("already subscribed"), "{again}");
    let india = bot.ask(301, "/subscribe Inida").await.join("\n");
    assert!(india.contains("India"), "{india}");
    assert_eq!(subjects(&bot, 301).await, vec!["topic:energy", "country:IN"]);
    bot.stop().await;
}

#[tokio::test]
async fn the_topic_keyboard_toggles_subscriptions_and_is_edited_in_place() {
    let bot = TestBot::start().await;
    bot.ask(302, "/subscribe").await;
    let keyboard_call = bot.tg.calls_of("SendMessage").into_iter().last().unwrap();
    assert!(keyboard_call.body["reply_markup"]["inline_keyboard"].is_array(), "no keyboard: {}", keyboard_call.body);
    let message_id = keyboard_call.result().unwrap()["message_id"].as_i64().unwrap();

    bot.tg.push_callback(302, 302, message_id, "sub:topic:trade");
    bot.tg.wait_for("AnswerCallbackQuery", 1, PATIENCE).await;
    let edit = bot.tg.wait_for("EditMessageText", 1, PATIENCE).await.remove(0);
    assert!(edit.body["reply_markup"].to_string().contains("✅ Trade"), "{}", edit.body);
    assert_eq!(subjects(&bot, 302).await, vec!["topic:trade"]);

    bot.tg.push_callback(302, 302, message_id, "sub:topic:trade");
    bot.tg.wait_for("AnswerCallbackQuery", 2, PATIENCE).await;
    assert!(subjects(&bot, 302).await.is_empty());

    bot.tg.push_callback(302, 302, message_id, "sub:topic:no-such-topic");
    let answers = bot.tg.wait_for("AnswerCallbackQuery", 3, PATIENCE).await;
    assert!(answers[2].body["text"].as_str().unwrap().contains("out of date"), "{}", answers[2].body);
    bot.stop().await;
}

#[tokio::test]
async fn a_digest_arrives_at_the_chats_local_time() {
    let bot = TestBot::start().await;
    bot.ask(303, "/subscribe transport").await;
    let reply = bot.ask(303, "/settings tz Asia/Kolkata").await.join("\n");
    assert!(reply.contains("Asia/Kolkata"), "{reply}");
    bot.ask(303, "/settings time 07:30").await;
    let slot = next_slot(&bot, 303).await;
    assert_eq!(slot.format("%H:%M").to_string(), "02:00", "07:30 in Kolkata is 02:00 UTC");

    assert_eq!(run_jobs_at(&bot, slot - chrono::Duration::minutes(1)).await, (0, 0), "a digest came early");
    let before = sent_to(&bot.tg.calls(), 303);
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 1));
    let digest = bot.tg.sent_texts(303).split_off(before).join("\n");
    assert!(digest.contains("Your digest") && digest.contains("North-South"), "{digest}");
    assert_eq!(next_slot(&bot, 303).await, slot + chrono::Duration::days(1));
    bot.stop().await;
}

#[tokio::test]
async fn a_new_document_reaches_the_next_digest_without_repeating_old_facts() {
    let bot = TestBot::start_with(|c| c.digest_max_facts = 50).await;
    bot.ask(304, "/subscribe energy").await;
    let slot = next_slot(&bot, 304).await;
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 1));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("arctic-lng.txt");
    std::fs::write(&path, "Russia and India agreed to expand energy cooperation on Arctic LNG supplies.").unwrap();
    let outcome = Ingestor::new(bot.dossier.knowledge.clone()).ingest_file(&bot.dossier.pool, &path).await.unwrap();
    assert!(matches!(outcome, IngestOutcome::Added { .. }));

    let before = bot.tg.sent_texts(304).len();
    let next = next_slot(&bot, 304).await;
    assert_eq!(run_jobs_at(&bot, next).await, (1, 1));
    let digest = bot.tg.sent_texts(304).split_off(before).join("\n");
    assert!(digest.contains("Arctic LNG"), "{digest}");
    assert!(digest.contains("1 new fact") || digest.contains("— 1 fact"), "old facts came again: {digest}");

    let last = next_slot(&bot, 304).await;
    assert_eq!(run_jobs_at(&bot, last).await, (0, 0), "nothing new, yet a digest was sent");
    let reply = bot.ask(304, "/digest").await.join("\n");
    assert!(reply.contains("Nothing new since"), "{reply}");
    bot.stop().await;
}

#[tokio::test]
async fn only_group_admins_may_change_subscriptions() {
    let bot = TestBot::start().await;
    let group = -305;
    bot.tg.set_member(group, 8, MemberStatus::Member);
    bot.tg.set_member(group, 9, MemberStatus::Administrator);
    let refused = bot.say(updates::group_message(group, ChatType::Group, "Team", 8, "/subscribe energy"), group).await;
    assert!(refused.join("\n").contains("Only this chat's admins"), "{refused:?}");
    assert!(subjects(&bot, group).await.is_empty());

    let listed = bot.say(updates::group_message(group, ChatType::Group, "Team", 8, "/subscriptions"), group).await;
    assert!(listed.join("\n").contains("no subscriptions"), "anyone may read: {listed:?}");

    let done = bot.say(updates::group_message(group, ChatType::Group, "Team", 9, "/subscribe energy"), group).await;
    assert!(done.join("\n").contains("Subscribed to"), "{done:?}");
    let anonymous = updates::anonymous_admin_message(group, "Team", "/subscribe trade");
    let done = bot.say(anonymous, group).await;
    assert!(done.join("\n").contains("Subscribed to"), "an anonymous admin was refused: {done:?}");
    bot.stop().await;
}

#[tokio::test]
async fn a_blocked_chat_is_paused_not_deleted_and_resumes_on_start() {
    let bot = TestBot::start().await;
    bot.ask(306, "/subscribe energy").await;
    let slot = next_slot(&bot, 306).await;
    bot.tg.block_chat(306);
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 0));
    let chat = db::chats::get(&bot.dossier.pool, 306).await.unwrap().unwrap();
    assert!(chat.unreachable.is_some(), "the chat was not marked unreachable");
    assert_eq!(subjects(&bot, 306).await, vec!["topic:energy"], "the subscription was deleted");

    let attempts = bot.tg.calls_of("SendMessage").len();
    let later = next_slot(&bot, 306).await;
    assert_eq!(run_jobs_at(&bot, later).await, (0, 0), "a paused chat was tried again");
    assert_eq!(bot.tg.calls_of("SendMessage").len(), attempts);

    bot.tg.unblock_chat(306);
    bot.ask(306, "/start").await;
    assert!(db::chats::get(&bot.dossier.pool, 306).await.unwrap().unwrap().unreachable.is_none());
    let reply = bot.ask(306, "/digest").await.join("\n");
    assert!(reply.contains("Your digest"), "the facts owed did not come after resuming: {reply}");
    bot.stop().await;
}

#[tokio::test]
async fn retry_after_is_waited_out_and_the_digest_still_arrives() {
    let bot = TestBot::start().await;
    bot.ask(307, "/subscribe energy").await;
    let slot = next_slot(&bot, 307).await;
    bot.tg.inject(Fault::new(FaultKind::RetryAfter(1)).on("SendMessage").in_chat(307).times(1));
    let started = std::time::Instant::now();
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 1));
    assert!(started.elapsed() >= Duration::from_secs(1), "the bot did not wait as told");
    let calls: Vec<_> = bot.tg.calls_of("SendMessage").into_iter().filter(|c| c.chat_id() == Some(307)).collect();
    let statuses: Vec<u16> = calls.iter().rev().take(2).rev().map(|c| c.response_status).collect();
    assert_eq!(statuses, vec![429, 200]);
    bot.stop().await;
}

#[tokio::test]
async fn a_group_upgraded_to_a_supergroup_gets_its_digest_at_the_new_id() {
    let bot = TestBot::start().await;
    let (old, new) = (-308, -1000000000308);
    bot.tg.set_member(old, 9, MemberStatus::Administrator);
    bot.say(updates::group_message(old, ChatType::Group, "Team", 9, "/subscribe energy"), old).await;
    let slot = next_slot(&bot, old).await;
    bot.tg.inject(Fault::new(FaultKind::Migrate(new)).on("SendMessage").in_chat(old).times(1));
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 1));
    assert!(bot.tg.sent_texts(new).join("\n").contains("Your digest"));
    assert_eq!(subjects(&bot, new).await, vec!["topic:energy"]);
    assert!(subjects(&bot, old).await.is_empty());
    bot.stop().await;
}

#[tokio::test]
async fn a_channel_admin_subscribes_a_channel_from_a_private_chat() {
    let bot = TestBot::start().await;
    let channel = -1000000000310;
    let mut spec = ChatSpec::new(ChatType::Channel, "Dossier News");
    spec.username = Some("dossier_news".into());
    bot.tg.set_chat(channel, spec);
    bot.tg.set_member(channel, 310, MemberStatus::Administrator);

    let missing = bot.ask(310, "/subscribe @dossier_news energy").await.join("\n");
    assert!(missing.contains("I am not an admin of @dossier_news"), "{missing}");
    bot.tg.set_bot_member(channel, MemberStatus::Administrator);
    let stranger = bot.ask(311, "/subscribe @dossier_news energy").await.join("\n");
    assert!(stranger.contains("Only admins of @dossier_news"), "{stranger}");
    let done = bot.ask(310, "/subscribe @dossier_news energy").await.join("\n");
    assert!(done.contains("Subscribed to"), "{done}");
    assert_eq!(subjects(&bot, channel).await, vec!["topic:energy"]);

    let slot = next_slot(&bot, channel).await;
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 1));
    assert!(bot.tg.sent_texts(channel).join("\n").contains("Your digest"));
    bot.stop().await;
}

#[tokio::test]
async fn a_subscription_made_in_a_forum_topic_delivers_into_that_topic() {
    let bot = TestBot::start().await;
    let forum = -1000000000312;
    bot.tg.set_member(forum, 9, MemberStatus::Administrator);
    let update =
        updates::in_topic(updates::group_message(forum, ChatType::Supergroup, "Forum", 9, "/subscribe energy"), 77);
    bot.say(update, forum).await;
    let slot = next_slot(&bot, forum).await;
    assert_eq!(run_jobs_at(&bot, slot).await, (1, 1));
    let digest = bot.tg.calls_of("SendMessage").into_iter().last().unwrap();
    assert_eq!(digest.chat_id(), Some(forum));
    assert_eq!(digest.body["message_thread_id"], serde_json::json!(77), "{}", digest.body);
    bot.stop().await;
}
