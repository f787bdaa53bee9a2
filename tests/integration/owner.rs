//! The owner's powers (adding documents, /stats), and replayed updates.

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::updates,
};

const OWNER: i64 = 4242;

#[tokio::test]
async fn the_owner_adds_a_document_by_sending_it_and_others_are_refused() {
    let bot = TestBot::start_with(|c| c.owner_id = Some(OWNER)).await;
    let text = "Russia and Brazil signed 4 agreements on fertiliser exports in March 2025.";
    bot.tg.add_file("doc-1", text.as_bytes().to_vec());

    let stranger = updates::document_message(77, 77, "doc-1", "brazil.txt", "text/plain", text.len() as u64, None);
    let refused = bot.say(stranger, 77).await.join("\n");
    assert!(refused.contains("Only the bot's owner"), "{refused}");
    let reply = bot.ask(77, "/country Brazil").await.join("\n");
    assert!(!reply.contains("fertiliser"), "a stranger's document was ingested: {reply}");

    let upload = updates::document_message(OWNER, OWNER, "doc-1", "brazil.txt", "text/plain", text.len() as u64, None);
    let done = bot.say(upload, OWNER).await.join("\n");
    assert!(done.contains("brazil.txt") && done.contains("ingested"), "{done}");
    let reply = bot.ask(OWNER, "/country Brazil").await.join("\n");
    assert!(reply.contains("fertiliser") && reply.contains("4 agreements"), "{reply}");
    bot.stop().await;
}

#[tokio::test]
async fn stats_are_for_the_owner_only() {
    let bot = TestBot::start_with(|c| c.owner_id = Some(OWNER)).await;
    let refused = bot.ask(78, "/stats").await.join("\n");
    assert!(refused.contains("only for the bot's owner"), "{refused}");
    bot.ask(79, "/subscribe energy").await;
    let stats = bot.ask(OWNER, "/stats").await.join("\n");
    assert!(stats.contains("Subscriptions: 1") && stats.contains("Documents: 1"), "{stats}");
    bot.stop().await;
}

#[tokio::test]
async fn a_replayed_update_is_handled_once() {
    let shared = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", shared.path().join("shared.sqlite").display());
    let mut update = updates::text_message(80, 80, "/subscribe energy");
    update["update_id"] = serde_json::json!(500);

    let first = TestBot::start_with(|c| c.database_url = url.clone()).await;
    let reply = first.say(update.clone(), 80).await.join("\n");
    assert!(reply.contains("Subscribed to"), "{reply}");
    first.stop().await;

    // After a crash Telegram sends the same update again, to the restarted bot.
    let second = TestBot::start_with(|c| c.database_url = url.clone()).await;
    assert_eq!(second.tg.push_update(update), 500);
    second.tg.wait_confirmed(500, PATIENCE).await;
    let probe = second.ask(80, "/subscriptions").await.join("\n");
    assert!(probe.contains("Energy"), "{probe}");
    let replies = second.tg.sent_texts(80);
    assert_eq!(replies.len(), 1, "the replayed update was answered again: {replies:?}");
    second.stop().await;
}
