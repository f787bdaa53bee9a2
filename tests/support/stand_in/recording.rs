//! Test-side access to recorded calls: queries, waiting with timeouts, and readable dumps.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::StandIn;
use super::state::Call;

const POLL_EVERY: Duration = Duration::from_millis(10);

impl StandIn {
    /// Every call so far, in arrival-of-answer order.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// Calls of one method (case-insensitive), rejected ones included.
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.shared.lock().calls.iter().filter(|c| c.is(method)).cloned().collect()
    }

    /// How many successful calls of `method` were recorded and when the last of them arrived, read under the
    /// lock without copying any call (load harnesses poll this while the bot is answering).
    pub fn successes_of(&self, method: &str) -> (usize, Option<Instant>) {
        let shared = self.shared.lock();
        let mut done = shared.calls.iter().filter(|c| c.is(method) && !c.rejected);
        done.try_fold((0, None::<Instant>), |(n, last), c| Some((n + 1, last.max(Some(c.at))))).unwrap_or((0, None))
    }

    /// When the first successful call of `method` to `chat_id` arrived, without copying any call.
    pub fn first_success_at(&self, method: &str, chat_id: i64) -> Option<Instant> {
        let shared = self.shared.lock();
        shared.calls.iter().find(|c| c.is(method) && !c.rejected && c.chat_id() == Some(chat_id)).map(|c| c.at)
    }

    /// Forgets recorded calls (seq numbers keep counting from 1 again).
    pub fn clear_calls(&self) {
        self.shared.lock().calls.clear();
    }

    /// `text` (raw, as the bot sent it, HTML included) of successful SendMessage calls to `chat_id`.
    pub fn sent_texts(&self, chat_id: i64) -> Vec<String> {
        self.sent_messages(chat_id).iter().filter_map(|(call, _)| call.text().map(str::to_string)).collect()
    }

    /// Successful send* calls into `chat_id` with the Message the stand-in returned
    /// (plain `text` + `entities` after HTML parsing, `poll`, `reply_markup`…).
    pub fn sent_messages(&self, chat_id: i64) -> Vec<(Call, Value)> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|c| c.method.to_ascii_lowercase().starts_with("send") && !c.rejected)
            .filter(|c| c.chat_id() == Some(chat_id))
            .filter_map(|c| Some((c.clone(), c.result()?.clone())))
            .filter(|(_, msg)| msg.is_object())
            .collect()
    }

    /// Waits until at least `count` calls of `method` were made; returns them.
    /// Panics after `timeout` with a dump of all calls.
    pub async fn wait_for(&self, method: &str, count: usize, timeout: Duration) -> Vec<Call> {
        let deadline = Instant::now() + timeout;
        loop {
            let calls = self.calls_of(method);
            if calls.len() >= count {
                return calls;
            }
            if Instant::now() >= deadline {
                panic!(
                    "stand-in: timed out after {timeout:?} waiting for {count} × {method} (saw {}).\n{}",
                    calls.len(),
                    self.dump_calls()
                );
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits until `predicate(all calls)` holds; returns all calls. Panics with a dump on timeout.
    pub async fn wait_until(&self, predicate: impl Fn(&[Call]) -> bool, timeout: Duration) -> Vec<Call> {
        let deadline = Instant::now() + timeout;
        loop {
            let calls = self.calls();
            if predicate(&calls) {
                return calls;
            }
            if Instant::now() >= deadline {
                panic!("stand-in: condition not met within {timeout:?}.\n{}", self.dump_calls());
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits until the bot has confirmed update `update_id` (getUpdates offset past it),
    /// i.e. teloxide has taken it from the queue. Panics with a dump on timeout.
    pub async fn wait_confirmed(&self, update_id: i64, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.confirmed_offset().is_none_or(|o| o <= update_id) {
            if Instant::now() >= deadline {
                panic!(
                    "stand-in: update {update_id} not confirmed within {timeout:?} (offset {:?}).\n{}",
                    self.confirmed_offset(),
                    self.dump_calls()
                );
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Human-readable list of calls; empty getUpdates polls are folded into a count.
    pub fn dump_calls(&self) -> String {
        let calls = self.calls();
        let start = calls.first().map(|c| c.at);
        let mut out = format!("{} call(s) recorded:\n", calls.len());
        let mut idle_polls = 0;
        for c in &calls {
            let empty = c.result().and_then(Value::as_array).is_some_and(Vec::is_empty);
            if c.is("GetUpdates") && empty {
                idle_polls += 1;
                continue;
            }
            let ms = start.map_or(0, |s| c.at.duration_since(s).as_millis());
            let flag = if c.rejected { " REJECTED" } else { "" };
            let _ = writeln!(
                out,
                "  #{} +{ms}ms {} → {}{flag}\n      body: {}\n      resp: {}",
                c.seq,
                c.method,
                c.response_status,
                clip(&c.body.to_string()),
                clip(&c.response.to_string()),
            );
        }
        let _ = writeln!(out, "  (+ {idle_polls} empty getUpdates polls)");
        out
    }
}

fn clip(s: &str) -> String {
    const MAX: usize = 400;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}
