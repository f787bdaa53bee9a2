//! Shared server state: recorded calls, the update queue, stored messages and polls, faults.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use serde_json::Value;
use tokio::sync::Notify;

use super::config::Config;
use super::faults::{Fault, RateState};

/// One request the bot made, as the stand-in saw and answered it.
#[derive(Debug, Clone)]
pub struct Call {
    /// 1-based position among all recorded calls.
    pub seq: u64,
    /// Method name as sent (teloxide: PascalCase, e.g. "SendMessage"); downloads are "DownloadFile".
    pub method: String,
    /// Parameters as JSON (form / multipart fields are converted; file parts become
    /// `{"file_name": .., "size": ..}`).
    pub body: Value,
    /// When the request arrived.
    pub at: Instant,
    /// HTTP status answered; 0 = connection dropped on purpose.
    pub response_status: u16,
    /// The whole JSON response (`{"ok":..}`), `Null` when dropped.
    pub response: Value,
    /// Anything but a 200 (Telegram errors, injected faults, drops).
    pub rejected: bool,
    /// The bot token from the URL.
    pub token: String,
}

impl Call {
    /// Method equality, case-insensitive ("sendMessage" == "SendMessage").
    pub fn is(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }

    pub fn chat_id(&self) -> Option<i64> {
        match self.body.get("chat_id")? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// `text` parameter as sent (raw, before HTML parsing).
    pub fn text(&self) -> Option<&str> {
        self.body.get("text").and_then(Value::as_str)
    }

    /// `result` of a successful response.
    pub fn result(&self) -> Option<&Value> {
        self.response.get("result")
    }
}

#[derive(Debug)]
pub struct Inner {
    pub config: Config,
    pub calls: Vec<Call>,
    pub last_token: Option<String>,
    pub updates: VecDeque<Value>,
    pub next_update_id: i64,
    pub confirmed_offset: Option<i64>,
    /// Last `allowed_updates` the bot sent (Telegram remembers it between calls).
    pub allowed_updates: Option<Vec<String>>,
    /// Updates removed because the bot's `allowed_updates` excluded them.
    pub filtered_updates: Vec<Value>,
    pub next_message_id: HashMap<i64, i64>,
    /// Messages the bot sent (as returned), by (chat_id, message_id).
    pub messages: HashMap<(i64, i64), Value>,
    pub next_poll_id: u64,
    pub next_file_id: u64,
    pub answered_callbacks: HashSet<String>,
    pub my_commands: Value,
    pub faults: Vec<Fault>,
    pub rate: RateState,
    /// The webhook the bot registered with setWebhook (None: polling).
    pub webhook: Option<super::webhook::Webhook>,
}

pub struct Shared {
    inner: Mutex<Inner>,
    /// Signalled whenever updates are pushed (wakes long polls).
    pub updates_changed: Notify,
    pub shutdown: AtomicBool,
}

impl Shared {
    pub fn new(config: Config) -> Self {
        let inner = Inner {
            config,
            calls: Vec::new(),
            last_token: None,
            updates: VecDeque::new(),
            next_update_id: 1,
            confirmed_offset: None,
            allowed_updates: None,
            filtered_updates: Vec::new(),
            next_message_id: HashMap::new(),
            messages: HashMap::new(),
            next_poll_id: 5_000_000_000_000_000_001,
            next_file_id: 1,
            answered_callbacks: HashSet::new(),
            my_commands: Value::Array(Vec::new()),
            faults: Vec::new(),
            rate: RateState::default(),
            webhook: None,
        };
        Self { inner: Mutex::new(inner), updates_changed: Notify::new(), shutdown: AtomicBool::new(false) }
    }

    /// Locks the state; a panic elsewhere never poisons the server.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    pub fn record(&mut self, method: &str, body: Value, at: Instant, token: &str, status: u16, response: Value) {
        let seq = self.calls.len() as u64 + 1;
        self.calls.push(Call {
            seq,
            method: method.to_string(),
            body,
            at,
            response_status: status,
            response,
            rejected: status != 200,
            token: token.to_string(),
        });
    }

    /// Queues an update, giving it the next `update_id` unless it has one.
    pub fn push_update(&mut self, update: Value) -> i64 {
        let (update, id) = self.number_update(update);
        self.updates.push_back(update);
        id
    }

    /// Gives an update the next `update_id` unless it has one.
    pub fn number_update(&mut self, mut update: Value) -> (Value, i64) {
        let id = match update.get("update_id").and_then(Value::as_i64) {
            Some(id) => id,
            None => {
                let id = self.next_update_id;
                if let Some(obj) = update.as_object_mut() {
                    obj.insert("update_id".to_string(), Value::from(id));
                }
                id
            }
        };
        self.next_update_id = self.next_update_id.max(id + 1);
        (update, id)
    }

    /// Next message id in `chat_id` (ids are per chat and increase, as in Telegram).
    pub fn next_message_id(&mut self, chat_id: i64) -> i64 {
        let next = self.next_message_id.entry(chat_id).or_insert(1);
        let id = *next;
        *next += 1;
        id
    }
}
