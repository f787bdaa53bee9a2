//! The cheapest Bot API stand-in that teloxide accepts, for load runs that must measure the bot and not the
//! stand-in: `getMe` and `sendMessage` answered from a template, nothing validated, parsed beyond the chat
//! id, or recorded (only counted). Everything else gets `{"ok":true,"result":true}`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Uri, header};
use axum::response::IntoResponse;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

#[derive(Default)]
struct Counters {
    sends: AtomicU64,
    next_message_id: AtomicI64,
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
        let counters = Arc::new(Counters::default());
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
}

impl Drop for MinimalStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Only the chat id is read from a body: `"chat_id":<number>`.
fn chat_id(body: &[u8]) -> i64 {
    let text = std::str::from_utf8(body).unwrap_or_default();
    let Some(at) = text.find("\"chat_id\":") else { return 0 };
    let rest = text[at + 10..].trim_start();
    let end = rest.find(|c: char| c != '-' && !c.is_ascii_digit()).unwrap_or(rest.len());
    rest[..end].parse().unwrap_or(0)
}

async fn answer(State(counters): State<Arc<Counters>>, uri: Uri, body: Bytes) -> impl IntoResponse {
    let method = uri.path().rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    let json = match method.as_str() {
        "getme" => r#"{"ok":true,"result":{"id":123,"is_bot":true,"first_name":"Dossier","username":"dossier_bot","can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":true,"can_connect_to_business":false,"has_main_web_app":false}}"#.to_owned(),
        "sendmessage" => {
            counters.sends.fetch_add(1, Ordering::Relaxed);
            let id = counters.next_message_id.fetch_add(1, Ordering::Relaxed) + 1;
            let chat = chat_id(&body);
            format!(
                r#"{{"ok":true,"result":{{"message_id":{id},"date":0,"chat":{{"id":{chat},"type":"private","first_name":"User"}},"text":"."}}}}"#
            )
        }
        "getupdates" => r#"{"ok":true,"result":[]}"#.to_owned(),
        _ => r#"{"ok":true,"result":true}"#.to_owned(),
    };
    ([(header::CONTENT_TYPE, "application/json")], json)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_chat_id_is_read_from_a_json_body() {
        assert_eq!(super::chat_id(br#"{"chat_id":-100123,"text":"x"}"#), -100123);
        assert_eq!(super::chat_id(br#"{"text":"x","chat_id": 42}"#), 42);
        assert_eq!(super::chat_id(b"{}"), 0);
    }
}
