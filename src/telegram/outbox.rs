//! Sending the digest outbox: each written digest goes out through the delivery path and is marked sent
//! (with its facts recorded as received) only after Telegram accepted it.

use std::{collections::HashMap, sync::Arc};

use anyhow::Context;
use chrono::{DateTime, Utc};
use futures::StreamExt;
use tokio::sync::mpsc;

use super::{DeliveryError, Services, Target, delivery::Rendered, limiter::Priority};
use crate::{
    db::store::{OutboxRow, SharedDatabase},
    digest::scheduler::stamp,
    reply::Reply,
};

/// Digests sent at the same time; the rate limiter decides the actual pace.
const IN_FLIGHT: usize = 64;
/// Rows read from the outbox per pass: about `PASS_SECS` of sending at the allowed rate, within these
/// bounds. Each pass ends by draining its sends and the marks of what was sent, so at a high rate a
/// small pass stalls often (512 rows: 1.3–1.65× slower at 100,000 digests), while at Telegram's 30/s a
/// large one would only lengthen the lease a crashed sender leaves behind.
const BATCH_BOUNDS: (i64, i64) = (512, 4096);
const PASS_SECS: i64 = 15;
/// Attempts before a digest is given up as failed.
const MAX_ATTEMPTS: i64 = 8;

/// How long a claimed batch stays this process's: time to send it at `rate` messages a second, twice
/// over, and at least half a minute. A process killed mid-send leaves its batch to the next sender then.
fn lease(rate: u32) -> chrono::Duration {
    let batch_secs = batch(rate) / i64::from(rate.max(1));
    chrono::Duration::seconds((2 * batch_secs).max(30))
}

/// Rows claimed per pass at `rate` messages a second.
fn batch(rate: u32) -> i64 {
    (i64::from(rate) * PASS_SECS).clamp(BATCH_BOUNDS.0, BATCH_BOUNDS.1)
}

/// What one delivery pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliverOutcome {
    pub sent: usize,
    pub dropped: usize,
    pub failed: usize,
}

/// Sends every pending digest whose time has come at `now`, until none is left.
pub async fn deliver_due(services: &Services, now: DateTime<Utc>) -> anyhow::Result<DeliverOutcome> {
    let mut outcome = DeliverOutcome::default();
    let now_text = stamp(now);
    loop {
        let lease_until = stamp(now + lease(services.config.global_rate));
        let rows =
            services.dossier.store.digests_to_send(&now_text, batch(services.config.global_rate), &lease_until).await?;
        if rows.is_empty() {
            return Ok(outcome);
        }
        let (sent, marker) = SentMarker::start(services.dossier.store.clone());
        let renders = Renders::default();
        let results: Vec<RowOutcome> = futures::stream::iter(rows)
            .map(|row| send_row(services, row, &sent, &renders))
            .buffer_unordered(IN_FLIGHT)
            .collect()
            .await;
        drop(sent);
        marker.await.context("the sent-marker stopped")?;
        for result in results {
            match result {
                RowOutcome::Sent => outcome.sent += 1,
                RowOutcome::Dropped => outcome.dropped += 1,
                RowOutcome::Failed => outcome.failed += 1,
            }
        }
        if outcome.failed > 0 && outcome.sent == 0 && outcome.dropped == 0 {
            // Everything failed this pass (say, Telegram is down): try again on the next tick.
            return Ok(outcome);
        }
    }
}

enum RowOutcome {
    Sent,
    Dropped,
    Failed,
}

/// Records sent digests in groups: whatever was sent while the previous group was committing goes into
/// the next transaction, so marking keeps up with any send rate and a crash repeats at most the digests
/// in flight plus one group.
struct SentMarker;

impl SentMarker {
    /// Most digests marked in one transaction.
    const GROUP: usize = 256;

    fn start(store: SharedDatabase) -> (mpsc::UnboundedSender<(i64, i64)>, tokio::task::JoinHandle<()>) {
        let (sender, mut sent) = mpsc::unbounded_channel::<(i64, i64)>();
        let task = tokio::spawn(async move {
            while let Some(group) = super::groups::next_group(&mut sent, Self::GROUP).await {
                if let Err(e) = store.mark_digests_sent(&group, &stamp(Utc::now())).await {
                    log::error!("recording {} digests as sent: {e:#}", group.len());
                }
            }
        });
        (sender, task)
    }
}

/// The digests of one pass, rendered once each: chats with the same subjects get the same digest.
#[derive(Default)]
struct Renders(std::sync::Mutex<HashMap<String, Arc<Rendered>>>);

impl Renders {
    /// The rendered messages of the stored reply `json`.
    fn of(&self, services: &Services, id: i64, json: &str) -> Result<Arc<Rendered>, DeliveryError> {
        if let Some(rendered) = self.0.lock().ok().and_then(|known| known.get(json).cloned()) {
            return Ok(rendered);
        }
        let reply: Reply = serde_json::from_str(json).map_err(|e| {
            log::error!("digest {id} is unreadable: {e}");
            DeliveryError::Unreadable { id }
        })?;
        let rendered = Arc::new(services.delivery.render(&reply));
        if let Ok(mut known) = self.0.lock() {
            known.insert(json.to_owned(), rendered.clone());
        }
        Ok(rendered)
    }
}

/// Sends one outbox row and records the outcome (a sent one through the marker).
async fn send_row(
    services: &Services,
    row: OutboxRow,
    sent: &mpsc::UnboundedSender<(i64, i64)>,
    renders: &Renders,
) -> RowOutcome {
    let store = &services.dossier.store;
    let result = send_outbox_reply(services, &row, renders).await;
    let recorded = match &result {
        Ok(chat_id) => {
            // The receiver lives until every send of the pass is done.
            let _ = sent.send((row.id, *chat_id));
            Ok(())
        }
        Err(DeliveryError::ChatGone { reason, .. }) => store.mark_digest_dropped(row.id, reason).await,
        Err(error) => {
            let retry_at = (row.attempts + 1 < MAX_ATTEMPTS)
                .then(|| stamp(Utc::now() + chrono::Duration::seconds(30 * 2i64.pow(row.attempts.min(6) as u32))));
            log::warn!("digest {} to chat {} failed: {error}", row.id, row.chat_id);
            store.mark_digest_failed(row.id, &error.to_string(), retry_at.as_deref()).await
        }
    };
    if let Err(e) = recorded {
        log::error!("recording the outcome of digest {}: {e:#}", row.id);
    }
    match result {
        Ok(_) => {
            super::metrics::digest_sent();
            RowOutcome::Sent
        }
        Err(DeliveryError::ChatGone { .. }) => {
            super::metrics::digest_unsent("dropped");
            RowOutcome::Dropped
        }
        Err(_) => {
            super::metrics::digest_unsent("failed");
            RowOutcome::Failed
        }
    }
}

/// Sends the reply stored in an outbox row; returns the chat it went to.
async fn send_outbox_reply(services: &Services, row: &OutboxRow, renders: &Renders) -> Result<i64, DeliveryError> {
    let rendered = renders.of(services, row.id, &row.reply)?;
    let target = Target { chat_id: row.chat_id, thread_id: row.thread_id.and_then(|t| i32::try_from(t).ok()) };
    let sent = services.delivery.send_rendered(target, &rendered, Priority::Bulk).await?;
    Ok(sent.chat_id)
}

/// Sends a digest written by `/digest` right away and marks it sent.
pub async fn send_now(services: &Services, outbox_id: i64, target: Target, reply: &Reply) -> Result<(), DeliveryError> {
    let sent = services.delivery.send_reply(target, reply, Priority::Interactive).await?;
    super::metrics::digest_sent();
    if let Err(e) = services.dossier.store.mark_digests_sent(&[(outbox_id, sent.chat_id)], &stamp(Utc::now())).await {
        log::error!("recording digest {outbox_id} as sent: {e:#}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_holds_about_fifteen_seconds_of_sending_and_its_lease_twice_that() {
        assert_eq!(batch(30), 512, "at Telegram's pace a pass stays small");
        assert_eq!(lease(30), chrono::Duration::seconds(34));
        assert_eq!(batch(100), 1_500);
        assert_eq!(batch(1_000_000), 4_096, "a fast sender still claims a bounded batch");
        assert_eq!(lease(1_000_000), chrono::Duration::seconds(30));
    }
}
