//! The cheapest Bot API stand-in that teloxide accepts, for load runs that must measure the bot and not the
//! stand-in: `getMe` and `sendMessage` answered from a template, nothing validated, parsed beyond the chat
//! id, or recorded (only counted, with the time of the latest send). `getUpdates` serves updates pushed as
//! ready-made JSON, long-polling while there are none. Everything else gets `{"ok":true,"result":true}`.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Uri, header};
use axum::response::IntoResponse;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// The longest a `getUpdates` with nothing to return is held (the bot asks again at once).
const LONG_POLL_CAP: Duration = Duration::from_secs(1);

struct Counters {
    sends: AtomicU64,
    next_message_id: AtomicI64,
    /// Nanoseconds after `started` of the latest send.
    last_send_nanos: AtomicU64,
    started: Instant,
    /// Pushed updates not yet confirmed, as (update_id, JSON).
    updates: Mutex<VecDeque<(i64, String)>>,
    next_update_id: AtomicI64,
    pushed: Notify,
}

/// A running minimal responder; dropping it stops the server.
pub struct MinimalStandIn {
    counters: Arc<Counters>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl MinimalStandIn {
    pub async fn start() -> Self {
        let listener =
            TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("minimal stand-in: cannot bind: {e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("minimal stand-in: no local address: {e}"));
        let counters = Arc::new(Counters {
            sends: AtomicU64::new(0),
            next_message_id: AtomicI64::new(0),
            last_send_nanos: AtomicU64::new(0),
            started: Instant::now(),
            updates: Mutex::new(VecDeque::new()),
            next_update_id: AtomicI64::new(1),
            pushed: Notify::new(),
        });
        let app = Router::new().fallback(answer).with_state(counters.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        MinimalStandIn { counters, addr, task }
    }

    /// Base URL for `Bot::set_api_url`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// `sendMessage` calls answered so far.
    pub fn sends(&self) -> u64 {
        self.counters.sends.load(Ordering::Relaxed)
    }

    /// When the latest `sendMessage` was answered (None before the first).
    pub fn last_send_at(&self) -> Option<Instant> {
        let nanos = self.counters.last_send_nanos.load(Ordering::Relaxed);
        (self.sends() > 0).then(|| self.counters.started + Duration::from_nanos(nanos))
    }

    /// Queues a private text message from user `chat_id` (a command when it starts with `/`), as Telegram
    /// shapes it; returns its update id.
    pub fn push_text(&self, chat_id: i64, text: &str) -> i64 {
        let id = self.counters.next_update_id.fetch_add(1, Ordering::Relaxed);
        let command = text.starts_with('/').then(|| text.split_whitespace().next().unwrap_or(text));
        let entities = command.map_or(String::new(), |c| {
            format!(r#","entities":[{{"type":"bot_command","offset":0,"length":{}}}]"#, c.encode_utf16().count())
        });
        let update = format!(
            r#"{{"update_id":{id},"message":{{"message_id":{id},"date":0,"chat":{{"id":{chat_id},"type":"private","first_name":"User{chat_id}"}},"from":{{"id":{chat_id},"is_bot":false,"first_name":"User{chat_id}"}},"text":{}{entities}}}}}"#,
            serde_json::Value::from(text)
        );
        self.counters.updates.lock().unwrap_or_else(|e| e.into_inner()).push_back((id, update));
        self.counters.pushed.notify_waiters();
        id
    }
}

impl Drop for MinimalStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The integer after `"key":` in a JSON body, without parsing the rest.
fn int_field(body: &[u8], key: &str) -> Option<i64> {
    let text = std::str::from_utf8(body).ok()?;
    let at = text.find(&format!("\"{key}\":"))?;
    let rest = text[at + key.len() + 3..].trim_start();
    let end = rest.find(|c: char| c != '-' && !c.is_ascii_digit()).unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Only the chat id is read from a body: `"chat_id":<number>`.
fn chat_id(body: &[u8]) -> i64 {
    int_field(body, "chat_id").unwrap_or(0)
}

/// Drops the updates before `offset`, then joins up to `limit` of the rest into a JSON array.
fn batch(counters: &Counters, offset: Option<i64>, limit: usize) -> Option<String> {
    let mut queue = counters.updates.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(offset) = offset {
        while queue.front().is_some_and(|(id, _)| *id < offset) {
            queue.pop_front();
        }
    }
    if queue.is_empty() {
        return None;
    }
    let parts: Vec<&str> = queue.iter().take(limit).map(|(_, json)| json.as_str()).collect();
    Some(format!(r#"{{"ok":true,"result":[{}]}}"#, parts.join(",")))
}

/// getUpdates: what is queued after `offset`, or an empty list after at most `timeout` (capped) seconds.
async fn get_updates(counters: &Counters, body: &[u8]) -> String {
    let offset = int_field(body, "offset");
    let limit = int_field(body, "limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(int_field(body, "timeout").unwrap_or(0).max(0) as u64).min(LONG_POLL_CAP);
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let pushed = counters.pushed.notified();
        if let Some(json) = batch(counters, offset, limit) {
            return json;
        }
        if tokio::time::timeout_at(deadline, pushed).await.is_err() {
            return r#"{"ok":true,"result":[]}"#.to_owned();
        }
    }
}

async fn answer(State(counters): State<Arc<Counters>>, uri: Uri, body: Bytes) -> impl IntoResponse {
    let method = uri.path().rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    let json = match method.as_str() {
        "getme" => r#"{"ok":true,"result":{"id":123,"is_bot":true,"first_name":"Dossier","username":"dossier_bot","can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":true,"can_connect_to_business":false,"has_main_web_app":false}}"#.to_owned(),
        "sendmessage" => {
            let id = counters.next_message_id.fetch_add(1, Ordering::Relaxed) + 1;
            let chat = chat_id(&body);
            let nanos = u64::try_from(counters.started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            counters.last_send_nanos.fetch_max(nanos, Ordering::Relaxed);
            counters.sends.fetch_add(1, Ordering::Relaxed);
            format!(
                r#"{{"ok":true,"result":{{"message_id":{id},"date":0,"chat":{{"id":{chat},"type":"private","first_name":"User"}},"text":"."}}}}"#
            )
        }
        "getupdates" => get_updates(&counters, &body).await,
        _ => r#"{"ok":true,"result":true}"#.to_owned(),
    };
    ([(header::CONTENT_TYPE, "application/json")], json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chat_id_is_read_from_a_json_body() {
        assert_eq!(chat_id(br#"{"chat_id":-100123,"text":"x"}"#), -100123);
        assert_eq!(chat_id(br#"{"text":"x","chat_id": 42}"#), 42);
        assert_eq!(chat_id(b"{}"), 0);
    }

    #[tokio::test]
    async fn pushed_updates_are_served_after_the_offset_and_parse_as_json() {
        let stand_in = MinimalStandIn::start().await;
        let first = stand_in.push_text(7, "/country \"Chad\"");
        stand_in.push_text(8, "hello");
        let all = get_updates(&stand_in.counters, b"{}").await;
        let all: serde_json::Value = serde_json::from_str(&all).unwrap();
        assert_eq!(all["result"].as_array().map(Vec::len), Some(2));
        assert_eq!(all["result"][0]["message"]["text"], "/country \"Chad\"");
        assert_eq!(all["result"][0]["message"]["entities"][0]["length"], 8);
        let rest = get_updates(&stand_in.counters, format!(r#"{{"offset":{}}}"#, first + 1).as_bytes()).await;
        let rest: serde_json::Value = serde_json::from_str(&rest).unwrap();
        assert_eq!(rest["result"][0]["message"]["chat"]["id"], 8);
        let none =
            get_updates(&stand_in.counters, format!(r#"{{"offset":{},"timeout":0}}"#, first + 2).as_bytes()).await;
        assert_eq!(none, r#"{"ok":true,"result":[]}"#);
    }
}
