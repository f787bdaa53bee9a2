//! What the bot counts for Prometheus: metric names and the one function per event that records it,
//! through the `metrics` facade (a no-op until a recorder is installed, as in polling without
//! `METRICS_LISTEN`).

use std::{
    sync::{Mutex, PoisonError},
    time::Instant,
};

use ::metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use teloxide::{
    dispatching::DpHandlerDescription,
    dptree::{self, Handler, HandlerDescription},
    types::{Update, UpdateKind},
};

use super::{delivery::Next, limiter::Priority};

pub const UPDATES: &str = "dossier_updates_total";
pub const UPDATES_REPLAYED: &str = "dossier_updates_replayed_total";
pub const REPLIES: &str = "dossier_replies_sent_total";
pub const MESSAGES: &str = "dossier_messages_sent_total";
pub const REPLY_LATENCY: &str = "dossier_reply_latency_seconds";
pub const RETRY_AFTER: &str = "dossier_telegram_429_total";
pub const SEND_ERRORS: &str = "dossier_send_errors_total";
pub const DIGESTS_SENT: &str = "dossier_digests_sent_total";
pub const DIGESTS_UNSENT: &str = "dossier_digests_unsent_total";
pub const OUTBOX: &str = "dossier_outbox_digests";
pub const WEBHOOK_REFUSED: &str = "dossier_webhook_refused_total";

/// Reply latency buckets, in seconds: loopback replies take about a millisecond, Telegram tens of them.
const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

tokio::task_local! {
    /// When the update being handled entered the routing tree (set by `schema`, read when its reply is sent).
    static ARRIVED: Instant;
}

/// Installs the Prometheus recorder once per process and returns its handle (later calls get the same one).
pub fn recorder() -> anyhow::Result<PrometheusHandle> {
    static HANDLE: Mutex<Option<PrometheusHandle>> = Mutex::new(None);
    let mut installed = HANDLE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(handle) = &*installed {
        return Ok(handle.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(REPLY_LATENCY.into()), LATENCY_BUCKETS)?
        .install_recorder()?;
    describe();
    *installed = Some(handle.clone());
    Ok(handle)
}

fn describe() {
    use ::metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(UPDATES, "Updates handled (replays excluded), by kind");
    describe_counter!(UPDATES_REPLAYED, "Updates skipped because they were handled before");
    describe_counter!(REPLIES, "Replies sent to updates (one per reply, however many messages)");
    describe_counter!(MESSAGES, "Messages Telegram accepted, by priority (interactive or bulk)");
    describe_histogram!(REPLY_LATENCY, ::metrics::Unit::Seconds, "From an update's arrival to its reply sent");
    describe_counter!(RETRY_AFTER, "429 Too Many Requests answers from Telegram");
    describe_counter!(SEND_ERRORS, "Other failed sends, by kind (gone, moved, transient, refused)");
    describe_counter!(DIGESTS_SENT, "Digests delivered from the outbox");
    describe_counter!(DIGESTS_UNSENT, "Digests not delivered on a try, by outcome (dropped, failed)");
    describe_gauge!(OUTBOX, "Digests in the outbox, by status (pending is the depth)");
    describe_counter!(WEBHOOK_REFUSED, "Webhook requests refused for a missing or wrong secret");
}

/// The label of an update's kind.
pub fn kind(update: &Update) -> &'static str {
    match &update.kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::EditedMessage(_) => "edited_message",
        UpdateKind::ChannelPost(_) => "channel_post",
        UpdateKind::EditedChannelPost(_) => "edited_channel_post",
        UpdateKind::CallbackQuery(_) => "callback_query",
        UpdateKind::InlineQuery(_) => "inline_query",
        UpdateKind::ChosenInlineResult(_) => "chosen_inline_result",
        UpdateKind::Poll(_) => "poll",
        UpdateKind::PollAnswer(_) => "poll_answer",
        UpdateKind::MyChatMember(_) => "my_chat_member",
        UpdateKind::ChatMember(_) => "chat_member",
        _ => "other",
    }
}

/// An update passed its claim and goes to its handler.
pub fn update_handled(update: &Update) {
    counter!(UPDATES, "kind" => kind(update)).increment(1);
}

/// An update was a replay and is skipped.
pub fn update_replayed() {
    counter!(UPDATES_REPLAYED).increment(1);
}

/// The routing tree's entry: `dptree::entry()`, with the update's arrival time known to everything
/// downstream (the delivery path reads it for the reply latency).
pub fn entry() -> Handler<'static, anyhow::Result<()>, DpHandlerDescription> {
    dptree::from_fn_with_description(
        DpHandlerDescription::entry(),
        |update, cont| ARRIVED.scope(Instant::now(), cont(update)),
        dptree::HandlerSignature::Entry,
    )
}

/// A reply went out: counted, and its latency observed when it answers an update.
pub fn reply_sent(priority: Priority) {
    if priority != Priority::Interactive {
        return;
    }
    counter!(REPLIES).increment(1);
    if let Ok(arrived) = ARRIVED.try_with(|at| *at) {
        histogram!(REPLY_LATENCY).record(arrived.elapsed().as_secs_f64());
    }
}

/// Telegram accepted one message.
pub fn message_sent(priority: Priority) {
    counter!(MESSAGES, "priority" => priority_label(priority)).increment(1);
}

fn priority_label(priority: Priority) -> &'static str {
    match priority {
        Priority::Interactive => "interactive",
        Priority::Bulk => "bulk",
    }
}

/// A send failed: 429 on its own counter; otherwise `gone` (blocked, kicked), `moved` (migrated),
/// `transient` (5xx, network: retried) or `refused` (given up).
pub(super) fn send_error_of(next: &Next) {
    let kind = match next {
        Next::Wait(_) => return counter!(RETRY_AFTER).increment(1),
        Next::Gone(_) => "gone",
        Next::MoveTo(_) => "moved",
        Next::Retry => "transient",
        Next::GiveUp => "refused",
    };
    counter!(SEND_ERRORS, "kind" => kind).increment(1);
}

/// A digest left the outbox.
pub fn digest_sent() {
    counter!(DIGESTS_SENT).increment(1);
}

/// A digest could not be sent this time: `dropped` (chat gone) or `failed` (to be retried or given up).
pub fn digest_unsent(outcome: &'static str) {
    counter!(DIGESTS_UNSENT, "outcome" => outcome).increment(1);
}

/// The outbox's rows by status, read at scrape time (so it is right across processes).
pub fn outbox(counts: &[(String, i64)]) {
    for status in ["pending", "sent", "dropped", "failed"] {
        let n = counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
        gauge!(OUTBOX, "status" => status).set(n as f64);
    }
}

/// A webhook request without the right secret was refused.
pub fn webhook_refused() {
    counter!(WEBHOOK_REFUSED).increment(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_arrival_of_an_update_is_known_to_its_handler_and_nowhere_else() {
        assert!(ARRIVED.try_with(|_| ()).is_err());
        let (seen, result) = tokio::sync::oneshot::channel();
        let seen = std::sync::Mutex::new(Some(seen));
        let handler = entry().endpoint(move || {
            let known = ARRIVED.try_with(|at| at.elapsed()).is_ok();
            if let Some(seen) = seen.lock().unwrap().take() {
                let _ = seen.send(known);
            }
            async { Ok(()) }
        });
        let outcome = handler.dispatch(dptree::deps![]).await;
        assert!(matches!(outcome, std::ops::ControlFlow::Break(Ok(()))));
        assert!(result.await.unwrap(), "the endpoint did not see when the update arrived");
    }

    #[test]
    fn updates_are_labelled_by_their_kind() {
        let update = |json: serde_json::Value| serde_json::from_str::<Update>(&json.to_string()).unwrap();
        let message = update(serde_json::json!({
            "update_id": 1,
            "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private", "first_name": "A"},
                        "from": {"id": 5, "is_bot": false, "first_name": "A"}, "text": "hi"}
        }));
        assert_eq!(kind(&message), "message");
        assert_eq!(kind(&update(serde_json::json!({"update_id": 2, "something_new": {}}))), "other");
    }
}
