//! Webhook mode in process: the registration, the secret, exactly-once handling of what Telegram posts,
//! and `/healthz`, `/readyz`, `/metrics` on the same listener (and on `METRICS_LISTEN` when polling).

use std::{net::SocketAddr, time::Duration};

use chrono::{Duration as Days, Utc};
use serde_json::{Value, json};

use crate::{
    helpers::{PATIENCE, TestBot, WEBHOOK_SECRET, free_port, sent_to},
    support::stand_in::{Fault, FaultKind, updates},
};

/// GET `path` on `addr`: the status and the body.
pub async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("http://{addr}{path}")).await.expect("the listener answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

fn listen(bot: &TestBot) -> SocketAddr {
    bot.config.webhook.as_ref().expect("webhook mode").listen
}

/// A private text message with a fixed `update_id`, so that it can be posted again.
fn text_update(update_id: i64, chat: i64, text: &str) -> Value {
    let mut update = updates::text_message(chat, chat, text);
    update["update_id"] = json!(update_id);
    update
}

#[tokio::test]
async fn the_bot_registers_its_webhook_with_the_secret_and_the_update_kinds_it_handles() {
    let bot = TestBot::start_webhook().await;
    let hook = bot.tg.webhook().expect("a webhook is registered");
    assert_eq!(hook.url, bot.config.webhook.as_ref().unwrap().url.as_str());
    assert_eq!(hook.secret_token.as_deref(), Some(WEBHOOK_SECRET));
    let allowed = hook.allowed_updates.expect("allowed_updates is sent");
    let expected: Vec<String> = serde_json::from_value(json!(dossier::telegram::updates::allowed())).unwrap();
    assert_eq!(allowed, expected);
    for kind in ["message", "callback_query", "inline_query", "poll_answer", "my_chat_member"] {
        assert!(allowed.iter().any(|k| k == kind), "{kind} missing from {allowed:?}");
    }
    let tg = bot.stop_keeping_stand_in().await;
    assert!(tg.calls_of("GetUpdates").is_empty(), "a webhook bot never polls (it would get 409)");
    assert!(tg.calls_of("DeleteWebhook").is_empty() && tg.webhook().is_some(), "the webhook stays for the next start");
}

#[tokio::test]
async fn an_update_posted_with_the_right_secret_is_answered_once_even_when_posted_twice() {
    let bot = TestBot::start_webhook().await;
    let update = text_update(90_001, 711, "/country India");
    assert_eq!(bot.tg.post_update(update.clone()).await.status, Some(200));
    bot.tg.wait_until(|calls| sent_to(calls, 711) >= 1, PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let answered = sent_to(&bot.tg.calls(), 711);
    assert!(bot.tg.sent_texts(711).join("\n").contains("India"), "{:?}", bot.tg.sent_texts(711));

    // Telegram re-sends an update it did not see acknowledged: the bot acknowledges and skips it.
    assert_eq!(bot.tg.post_update(update).await.status, Some(200));
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(sent_to(&bot.tg.calls(), 711), answered, "the replay was answered again");
    bot.stop().await;
}

#[tokio::test]
async fn a_wrong_or_missing_secret_gets_401_and_nothing_is_handled() {
    let bot = TestBot::start_webhook().await;
    let update = text_update(90_101, 712, "/country China");
    let wrong = bot.tg.post_update_with_secret(update.clone(), Some("not-the-secret-0123456789")).await;
    let prefix = bot.tg.post_update_with_secret(update.clone(), Some(&WEBHOOK_SECRET[..10])).await;
    let missing = bot.tg.post_update_with_secret(update.clone(), None).await;
    assert_eq!((wrong.status, prefix.status, missing.status), (Some(401), Some(401), Some(401)));
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(sent_to(&bot.tg.calls(), 712), 0, "a refused update was handled");

    // Refused means not even claimed: the same update with the right secret is answered.
    assert_eq!(bot.tg.post_update(update).await.status, Some(200));
    bot.tg.wait_until(|calls| sent_to(calls, 712) >= 1, PATIENCE).await;
    bot.stop().await;
}

#[tokio::test]
async fn health_readiness_and_metrics_answer_beside_the_webhook() {
    let bot = TestBot::start_webhook().await;
    let addr = listen(&bot);
    assert_eq!(get(addr, "/healthz").await, (200, "ok\n".to_owned()));
    assert_eq!(get(addr, "/readyz").await.0, 200);

    // Traffic: a reply, a reply held up by a 429, and a digest.
    bot.tg.post_update(text_update(90_201, 713, "/country India")).await;
    bot.tg.wait_until(|calls| sent_to(calls, 713) >= 1, PATIENCE).await;
    bot.tg.inject(Fault::new(FaultKind::RetryAfter(1)).on("SendMessage").in_chat(714).times(1));
    bot.tg.post_update(text_update(90_202, 714, "/subscribe energy")).await;
    bot.tg.wait_until(|calls| sent_to(calls, 714) >= 1, PATIENCE).await;
    let later = Utc::now() + Days::days(2);
    dossier::digest::scheduler::enqueue_due(&bot.dossier, later, 5).await.unwrap();
    let delivered = dossier::telegram::outbox::deliver_due(&*bot.services().await, later).await.unwrap();
    assert_eq!(delivered.sent, 1, "the digest was not sent");

    let (status, metrics) = get(addr, "/metrics").await;
    assert_eq!(status, 200);
    for line in [
        "dossier_updates_total{kind=\"message\"}",
        "dossier_replies_sent_total",
        "dossier_messages_sent_total{priority=\"interactive\"}",
        "dossier_messages_sent_total{priority=\"bulk\"}",
        "dossier_reply_latency_seconds_bucket{le=\"0.1\"}",
        "dossier_reply_latency_seconds_count",
        "dossier_telegram_429_total",
        "dossier_digests_sent_total",
        "dossier_outbox_digests{status=\"pending\"}",
    ] {
        assert!(metrics.contains(line), "{line} is not in /metrics:\n{metrics}");
    }
    bot.stop().await;
}

#[tokio::test]
async fn polling_serves_health_and_metrics_on_metrics_listen_and_no_webhook_path() {
    let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
    let bot = TestBot::start_with(|c| c.metrics_listen = Some(addr)).await;
    assert_eq!(get(addr, "/healthz").await.0, 200);
    assert_eq!(get(addr, "/readyz").await.0, 200);
    let (status, metrics) = get(addr, "/metrics").await;
    assert!(status == 200 && metrics.contains("dossier_outbox_digests"), "{status}: {metrics}");
    let post = reqwest::Client::new().post(format!("http://{addr}/telegram/webhook")).body("{}").send().await;
    assert_eq!(post.unwrap().status().as_u16(), 404, "polling has no webhook path");
    bot.stop().await;
}
