//! Stand-in Telegram Bot API server for integration tests: real HTTP on 127.0.0.1, Telegram-like validation, fault injection.
//!
//! ```ignore
//! let tg = StandIn::start().await;
//! let bot = teloxide::Bot::new("123:TEST").set_api_url(tg.url().parse().unwrap());
//! tg.push_update(updates::text_message(42, 42, "/start"));
//! let sent = tg.wait_for("SendMessage", 1, Duration::from_secs(5)).await;
//! ```
#![allow(dead_code, unused_imports)] // each test binary uses only part of the helper

mod body;
pub mod config;
pub mod faults;
pub mod html;
mod html_tag;
mod listener;
mod messages;
mod methods;
pub mod minimal;
pub mod model;
pub mod poll;
mod polling;
mod recording;
mod server;
pub mod state;
pub mod updates;
pub mod validate;
pub mod webhook;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::{ChatSpec, ChatType, Config, MemberStatus, RateLimit};
pub use faults::{Fault, FaultKind};
pub use state::Call;

/// Token tests should give `Bot::new` (see `StandIn::token`).
pub const TOKEN: &str = "123:TEST";

/// A running stand-in; dropping it aborts the server and fails its open connections.
pub struct StandIn {
    shared: Arc<state::Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl StandIn {
    /// Starts on `127.0.0.1:<free port>` with the default `Config`.
    pub async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> Self {
        let listener =
            TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("stand-in: cannot bind 127.0.0.1:0: {e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("stand-in: no local address: {e}"));
        let shared = Arc::new(state::Shared::new(config));
        let task = tokio::spawn(server::serve(listener, shared.clone()));
        Self { shared, addr, task }
    }

    /// The conventional test token. Any token is accepted; the bot id defaults to its numeric
    /// prefix (123), as with real tokens.
    pub fn token(&self) -> &'static str {
        TOKEN
    }

    /// Base URL for `Bot::set_api_url`, e.g. `http://127.0.0.1:40123/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Token of the most recent request (any token is accepted).
    pub fn last_token(&self) -> Option<String> {
        self.shared.lock().last_token.clone()
    }

    /// Reads or changes the configuration while running.
    pub fn configure<R>(&self, f: impl FnOnce(&mut Config) -> R) -> R {
        f(&mut self.shared.lock().config)
    }

    /// The bot's user id as the stand-in reports it (configured, else from the last token).
    pub fn bot_id(&self) -> i64 {
        let inner = self.shared.lock();
        inner.config.bot_id_for(inner.last_token.as_deref().unwrap_or(""))
    }

    /// The bot's User object (for `updates::my_chat_member`).
    pub fn bot_user(&self) -> Value {
        let id = self.bot_id();
        model::bot_user(&self.shared.lock().config, id)
    }

    pub fn set_member(&self, chat_id: i64, user_id: i64, status: MemberStatus) {
        self.configure(|c| c.members.insert((chat_id, user_id), status));
    }

    /// The bot's own status in `chat_id`, whatever its user id turns out to be.
    pub fn set_bot_member(&self, chat_id: i64, status: MemberStatus) {
        self.configure(|c| c.bot_members.insert(chat_id, status));
    }

    pub fn set_chat(&self, chat_id: i64, spec: ChatSpec) {
        self.configure(|c| c.chats.insert(chat_id, spec));
    }

    /// Makes `file_id` downloadable through getFile (> 20 MiB → "file is too big").
    pub fn add_file(&self, file_id: &str, bytes: Vec<u8>) {
        self.configure(|c| c.files.insert(file_id.to_string(), bytes));
    }

    /// Every send to `chat_id` now gets 403 (blocked / kicked by chat type) until unblocked.
    pub fn block_chat(&self, chat_id: i64) {
        self.configure(|c| c.blocked_chats.insert(chat_id));
    }

    pub fn unblock_chat(&self, chat_id: i64) {
        self.configure(|c| c.blocked_chats.remove(&chat_id));
    }

    /// Turns flood-control emulation on (`Some`) or off.
    pub fn set_rate_limit(&self, limit: Option<RateLimit>) {
        self.configure(|c| c.rate_limit = limit);
    }

    /// How many 429s flood-control emulation has returned.
    pub fn rate_limited_count(&self) -> u64 {
        self.shared.lock().rate.limited
    }

    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Faults not yet used up.
    pub fn pending_faults(&self) -> Vec<Fault> {
        self.shared.lock().faults.clone()
    }

    /// Queues an update (see `updates::*`); returns its `update_id`.
    pub fn push_update(&self, update: Value) -> i64 {
        let id = self.shared.lock().push_update(update);
        self.shared.updates_changed.notify_waiters();
        id
    }

    pub fn push_text(&self, chat_id: i64, user_id: i64, text: &str) -> i64 {
        let chat = self.chat(chat_id);
        let msg = updates::message(chat, Some(model::user(user_id)), text);
        self.push_update(updates::message_update(msg))
    }

    /// Pushes a callback query on a message; uses the bot's stored message when it sent one.
    /// Returns the callback query id.
    pub fn push_callback(&self, chat_id: i64, user_id: i64, message_id: impl Into<i64>, data: &str) -> String {
        let message_id = message_id.into();
        let update = match self.message(chat_id, message_id) {
            Some(msg) => updates::callback_query_on(msg, user_id, data),
            None => updates::callback_query(chat_id, user_id, message_id, data),
        };
        let id = update["callback_query"]["id"].as_str().unwrap_or_default().to_string();
        self.push_update(update);
        id
    }

    /// The chat object as configured (or by id convention).
    pub fn chat(&self, chat_id: i64) -> Value {
        model::configured_chat(&self.shared.lock().config, chat_id)
    }

    /// A message the bot sent (current state, after edits), as the stand-in returned it.
    pub fn message(&self, chat_id: i64, message_id: impl Into<i64>) -> Option<Value> {
        self.shared.lock().messages.get(&(chat_id, message_id.into())).cloned()
    }

    /// Highest `offset` the bot has confirmed via getUpdates.
    pub fn confirmed_offset(&self) -> Option<i64> {
        self.shared.lock().confirmed_offset
    }

    /// Updates queued and not yet confirmed.
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().updates.len()
    }

    /// Updates dropped because the bot's `allowed_updates` excluded their kind.
    pub fn filtered_updates(&self) -> Vec<Value> {
        self.shared.lock().filtered_updates.clone()
    }

    /// `allowed_updates` the bot last asked for.
    pub fn allowed_updates(&self) -> Option<Vec<String>> {
        self.shared.lock().allowed_updates.clone()
    }

    /// The poll id of the poll message `message_id` the bot sent in `chat_id`.
    pub fn poll_id(&self, chat_id: i64, message_id: impl Into<i64>) -> Option<String> {
        let msg = self.message(chat_id, message_id)?;
        msg["poll"]["id"].as_str().map(str::to_string)
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.updates_changed.notify_waiters();
        self.task.abort();
    }
}
