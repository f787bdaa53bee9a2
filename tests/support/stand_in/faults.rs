//! Fault injection, blocked chats, flood-control emulation and the Bot API error replies they produce.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::config::{ChatType, RateLimit};

/// An HTTP reply of the Bot API: status code and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiReply {
    pub status: u16,
    pub body: Value,
}

impl ApiReply {
    pub fn ok(result: Value) -> Self {
        Self { status: 200, body: json!({"ok": true, "result": result}) }
    }

    /// `description` is the full Telegram text, e.g. "Bad Request: chat not found".
    pub fn error(status: u16, description: &str) -> Self {
        let body = json!({"ok": false, "error_code": status, "description": description});
        Self { status, body }
    }

    pub fn bad(description: &str) -> Self {
        Self::error(400, description)
    }

    pub fn with_parameters(mut self, parameters: Value) -> Self {
        self.body["parameters"] = parameters;
        self
    }

    pub fn retry_after(secs: u32) -> Self {
        Self::error(429, &format!("Too Many Requests: retry after {secs}"))
            .with_parameters(json!({"retry_after": secs}))
    }

    pub fn is_ok(&self) -> bool {
        self.status == 200
    }
}

/// What an injected fault does to the matching request.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// 429 `Too Many Requests: retry after N` with `parameters.retry_after`.
    RetryAfter(u32),
    /// 403 `Forbidden: bot was blocked by the user`.
    Blocked,
    /// 403 `Forbidden: bot was kicked from the group chat` (`supergroup`/`channel` by chat type).
    Kicked,
    /// 403 `Forbidden: user is deactivated`.
    Deactivated,
    /// 400 `Bad Request: chat not found`.
    ChatNotFound,
    /// 400 `Bad Request: group chat was upgraded to a supergroup chat` + `migrate_to_chat_id`.
    Migrate(i64),
    /// 500 with a JSON error body (teloxide sleeps 10 s on any 5xx before parsing it!).
    ServerError,
    /// 502 with an HTML body, like Telegram's nginx (teloxide: 10 s sleep, then InvalidJson).
    BadGateway,
    /// Answer normally, but only after this long.
    Delay(Duration),
    /// Close the connection without any HTTP response.
    Drop,
}

/// A fault to inject; `method`/`chat_id` of `None` match anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub method: Option<&'static str>,
    pub chat_id: Option<i64>,
    /// How many matching requests it hits before disappearing (`usize::MAX` ≈ forever).
    pub times: usize,
    pub kind: FaultKind,
}

impl Fault {
    pub fn new(kind: FaultKind) -> Self {
        Self { method: None, chat_id: None, times: 1, kind }
    }

    /// Only requests to this method (case-insensitive, e.g. "SendMessage").
    pub fn on(mut self, method: &'static str) -> Self {
        self.method = Some(method);
        self
    }

    pub fn in_chat(mut self, chat_id: i64) -> Self {
        self.chat_id = Some(chat_id);
        self
    }

    pub fn times(mut self, times: usize) -> Self {
        self.times = times;
        self
    }

    pub fn always(self) -> Self {
        self.times(usize::MAX)
    }

    pub(crate) fn matches(&self, method: &str, chat_id: Option<i64>) -> bool {
        self.times > 0
            && self.method.is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.chat_id.is_none_or(|c| chat_id == Some(c))
    }
}

/// 403 for a chat the bot can no longer write to, worded by chat type.
pub fn forbidden(chat_type: ChatType) -> ApiReply {
    let description = match chat_type {
        ChatType::Private => "Forbidden: bot was blocked by the user",
        ChatType::Group => "Forbidden: bot was kicked from the group chat",
        ChatType::Supergroup => "Forbidden: bot was kicked from the supergroup chat",
        ChatType::Channel => "Forbidden: bot was kicked from the channel chat",
    };
    ApiReply::error(403, description)
}

/// The error reply of a fault; `None` for `Delay` and `Drop`, which the server handles.
pub fn fault_reply(kind: &FaultKind, chat_type: ChatType) -> Option<ApiReply> {
    Some(match kind {
        FaultKind::RetryAfter(secs) => ApiReply::retry_after(*secs),
        FaultKind::Blocked => forbidden(ChatType::Private),
        FaultKind::Kicked => forbidden(match chat_type {
            ChatType::Private => ChatType::Group,
            other => other,
        }),
        FaultKind::Deactivated => ApiReply::error(403, "Forbidden: user is deactivated"),
        FaultKind::ChatNotFound => ApiReply::bad("Bad Request: chat not found"),
        FaultKind::Migrate(to) => ApiReply::bad("Bad Request: group chat was upgraded to a supergroup chat")
            .with_parameters(json!({"migrate_to_chat_id": to})),
        FaultKind::ServerError => ApiReply::error(500, "Internal Server Error"),
        FaultKind::BadGateway => ApiReply {
            status: 502,
            body: Value::String(
                "<html><head><title>502 Bad Gateway</title></head><body>\
                 <center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
                    .to_string(),
            ),
        },
        FaultKind::Delay(_) | FaultKind::Drop => return None,
    })
}

/// Methods that post a message (counted by flood control).
pub fn is_send(method_lc: &str) -> bool {
    (method_lc.starts_with("send") && method_lc != "sendchataction")
        || method_lc.starts_with("forwardmessage")
        || method_lc.starts_with("copymessage")
}

/// Methods refused with 403 in a blocked chat: sends, chat actions and edits.
pub fn writes_to_chat(method_lc: &str) -> bool {
    method_lc.starts_with("send") || method_lc.starts_with("edit") || is_send(method_lc)
}

/// Sliding one-second windows of accepted sends.
#[derive(Debug, Default)]
pub struct RateState {
    global: VecDeque<Instant>,
    per_chat: HashMap<i64, VecDeque<Instant>>,
    /// How many 429s flood control has returned.
    pub limited: u64,
}

const WINDOW: Duration = Duration::from_secs(1);

fn prune(window: &mut VecDeque<Instant>, now: Instant) {
    while window.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
        window.pop_front();
    }
}

fn wait_secs(window: &VecDeque<Instant>, now: Instant) -> u32 {
    let oldest = window.front().copied().unwrap_or(now);
    let left = WINDOW.saturating_sub(now.duration_since(oldest));
    (left.as_millis().div_ceil(1000) as u32).max(1)
}

impl RateState {
    /// Accepts (and counts) a send, or returns the 429 to give.
    pub fn check(&mut self, limit: RateLimit, chat_id: Option<i64>, now: Instant) -> Result<(), ApiReply> {
        prune(&mut self.global, now);
        if self.global.len() >= limit.global_per_sec {
            self.limited += 1;
            return Err(ApiReply::retry_after(wait_secs(&self.global, now)));
        }
        if let Some(chat) = chat_id {
            let window = self.per_chat.entry(chat).or_default();
            prune(window, now);
            if window.len() >= limit.per_chat_per_sec {
                self.limited += 1;
                return Err(ApiReply::retry_after(wait_secs(window, now)));
            }
            window.push_back(now);
        }
        self.global.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_windows() {
        let mut rs = RateState::default();
        let limit = RateLimit { global_per_sec: 3, per_chat_per_sec: 1 };
        let t0 = Instant::now();
        assert!(rs.check(limit, Some(1), t0).is_ok());
        let e = rs.check(limit, Some(1), t0).expect_err("second send to chat 1 within 1 s");
        assert_eq!(e.status, 429);
        assert_eq!(e.body["parameters"]["retry_after"], 1);
        assert!(rs.check(limit, Some(2), t0).is_ok());
        assert!(rs.check(limit, Some(3), t0).is_ok());
        assert!(rs.check(limit, Some(4), t0).is_err(), "global limit of 3/s");
        assert_eq!(rs.limited, 2);
        assert!(rs.check(limit, Some(1), t0 + Duration::from_millis(1001)).is_ok());
    }

    #[test]
    fn fault_matching_and_replies() {
        let f = Fault::new(FaultKind::Blocked).on("SendMessage").in_chat(5);
        assert!(f.matches("sendmessage", Some(5)));
        assert!(!f.matches("SendPoll", Some(5)));
        assert!(!f.matches("SendMessage", Some(6)));
        assert!(!f.clone().times(0).matches("SendMessage", Some(5)));
        let r = fault_reply(&FaultKind::Migrate(-100123), ChatType::Group).expect("reply");
        assert_eq!(r.body["parameters"]["migrate_to_chat_id"], -100123);
        let r = fault_reply(&FaultKind::Kicked, ChatType::Supergroup).expect("reply");
        assert_eq!(r.body["description"], "Forbidden: bot was kicked from the supergroup chat");
        assert!(fault_reply(&FaultKind::Drop, ChatType::Private).is_none());
        assert!(is_send("sendpoll") && !is_send("sendchataction") && !is_send("getme"));
        assert!(writes_to_chat("sendchataction") && writes_to_chat("editmessagetext"));
    }
}
