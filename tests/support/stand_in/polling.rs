//! getUpdates: offset confirmation, limit, allowed_updates filtering and capped long polling.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::faults::ApiReply;
use super::state::{Inner, Shared};

/// Update kinds Telegram delivers when `allowed_updates` is unset or empty.
const NOT_BY_DEFAULT: &[&str] = &["chat_member", "message_reaction", "message_reaction_count"];

fn int(body: &Value, key: &str) -> Option<i64> {
    match body.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The update's kind: its first key other than `update_id`.
pub fn update_kind(update: &Value) -> Option<&str> {
    update.as_object()?.keys().map(String::as_str).find(|k| *k != "update_id")
}

fn update_id(update: &Value) -> i64 {
    update.get("update_id").and_then(Value::as_i64).unwrap_or(0)
}

pub fn allowed(inner: &Inner, update: &Value) -> bool {
    if !inner.config.honour_allowed_updates {
        return true;
    }
    let kind = update_kind(update).unwrap_or("");
    match &inner.allowed_updates {
        Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
        _ => !NOT_BY_DEFAULT.contains(&kind),
    }
}

/// Applies `offset` and `allowed_updates`, then returns up to `limit` updates.
fn take_batch(inner: &mut Inner, offset: Option<i64>, limit: usize) -> Vec<Value> {
    match offset {
        Some(o) if o > 0 => {
            inner.updates.retain(|u| update_id(u) >= o);
            inner.confirmed_offset = Some(inner.confirmed_offset.map_or(o, |c| c.max(o)));
        }
        Some(o) if o < 0 => {
            // Negative offset: keep the last -offset updates, forget the rest.
            let keep = usize::try_from(o.unsigned_abs()).unwrap_or(usize::MAX);
            let drop = inner.updates.len().saturating_sub(keep);
            inner.updates.drain(..drop);
        }
        _ => {}
    }
    let queue = std::mem::take(&mut inner.updates);
    let (keep, filtered): (Vec<Value>, Vec<Value>) = queue.into_iter().partition(|u| allowed(inner, u));
    inner.filtered_updates.extend(filtered);
    inner.updates.extend(keep);
    inner.updates.iter().take(limit).cloned().collect()
}

/// Handles one getUpdates call (async: it may wait for updates to be pushed).
pub async fn get_updates(shared: &Shared, body: &Value) -> ApiReply {
    let offset = int(body, "offset");
    let limit = int(body, "limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(int(body, "timeout").unwrap_or(0).max(0) as u64);
    let cap = {
        let mut inner = shared.lock();
        if inner.webhook.is_some() {
            return ApiReply::error(409, super::webhook::CONFLICT);
        }
        match body.get("allowed_updates") {
            Some(Value::Array(list)) => {
                let list = list.iter().filter_map(Value::as_str).map(str::to_string).collect();
                inner.allowed_updates = Some(list);
            }
            Some(Value::String(s)) => {
                inner.allowed_updates = serde_json::from_str(s).ok();
            }
            _ => {}
        }
        inner.config.long_poll_cap
    };
    let deadline = Instant::now() + timeout.min(cap);
    let mut offset = offset;
    loop {
        let notified = shared.updates_changed.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let batch = {
            let mut inner = shared.lock();
            let batch = take_batch(&mut inner, offset.take(), limit);
            // Re-apply a positive offset on later rounds (it only ever confirms).
            offset = int(body, "offset").filter(|o| *o > 0);
            batch
        };
        if !batch.is_empty() || Instant::now() >= deadline || shared.shutdown.load(Ordering::SeqCst) {
            return ApiReply::ok(json!(batch));
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}
