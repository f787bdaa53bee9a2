//! The HTTP side: routing `/bot<token>/<Method>` and `/file/bot<token>/<path>`, faults, flood control, recording.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::net::TcpListener;

use super::body::{parse_params, percent_decode};
use super::faults::{ApiReply, FaultKind, fault_reply, forbidden, is_send, writes_to_chat};
use super::listener::{ConnHandle, KillListener};
use super::methods::{dispatch, file_for_path};
use super::model::chat_id_of;
use super::polling::get_updates;
use super::state::Shared;

pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let app = Router::new().fallback(handle).layer(DefaultBodyLimit::max(64 * 1024 * 1024)).with_state(shared.clone());
    let listener = KillListener::new(listener, shared);
    let service = app.into_make_service_with_connect_info::<ConnHandle>();
    let _ = axum::serve(listener, service).await;
}

enum Route {
    Method { token: String, method: String },
    File { token: String, path: String },
}

fn route(uri: &Uri) -> Option<Route> {
    // Path segments: `+` is literal here (it only means a space in forms).
    let decode = |s: &str| percent_decode(&s.replace('+', "%2B"));
    let segments: Vec<String> = uri.path().split('/').filter(|s| !s.is_empty()).map(decode).collect();
    if let Some(pos) = segments.iter().position(|s| s == "file")
        && let Some(token) = segments.get(pos + 1).and_then(|s| s.strip_prefix("bot"))
        && segments.len() > pos + 2
    {
        let path = segments[pos + 2..].join("/");
        return Some(Route::File { token: token.to_string(), path });
    }
    let [.., bot, method] = segments.as_slice() else { return None };
    let token = bot.strip_prefix("bot")?;
    Some(Route::Method { token: token.to_string(), method: method.clone() })
}

fn json_response(reply: &ApiReply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match &reply.body {
        Value::String(html) => (status, [(header::CONTENT_TYPE, "text/html")], html.clone()).into_response(),
        body => (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response(),
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(conn): ConnectInfo<ConnHandle>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let at = Instant::now();
    match route(&uri) {
        None => {
            let reply = ApiReply::error(404, "Not Found");
            let path = serde_json::json!({"path": uri.path()});
            shared.lock().record("(unrouted)", path, at, "", reply.status, reply.body.clone());
            json_response(&reply)
        }
        Some(Route::File { token, path }) => {
            let mut inner = shared.lock();
            inner.last_token = Some(token.clone());
            let bytes = file_for_path(&inner, &path).cloned();
            let status = if bytes.is_some() { 200 } else { 404 };
            let body = serde_json::json!({"path": path});
            inner.record("DownloadFile", body, at, &token, status, Value::Null);
            match bytes {
                Some(b) => (StatusCode::OK, b).into_response(),
                None => json_response(&ApiReply::error(404, "Not Found")),
            }
        }
        Some(Route::Method { token, method }) => {
            let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
            let params = parse_params(uri.query(), content_type, &body);
            call(&shared, &conn, at, &token, &method, params).await
        }
    }
}

/// One Bot API call: faults first, then blocked chats, flood control and the method itself.
async fn call(
    shared: &Shared,
    conn: &ConnHandle,
    at: Instant,
    token: &str,
    method: &str,
    params: Result<Value, String>,
) -> Response {
    let method_lc = method.to_ascii_lowercase();
    let (body, early, delay) = {
        let mut inner = shared.lock();
        inner.last_token = Some(token.to_string());
        let body = match params {
            Ok(body) => body,
            Err(description) => {
                let reply = ApiReply::bad(&description);
                inner.record(method, Value::Null, at, token, reply.status, reply.body.clone());
                return json_response(&reply);
            }
        };
        let chat_id = chat_id_of(&body, &inner.config);
        let chat_type = chat_id.map(|c| inner.config.chat_type(c));
        let fault = inner.faults.iter_mut().find(|f| f.matches(method, chat_id)).map(|f| {
            f.times -= 1;
            f.kind.clone()
        });
        inner.faults.retain(|f| f.times > 0);
        let chat_type = chat_type.unwrap_or(super::config::ChatType::Private);
        let mut delay = None;
        let early = match fault {
            Some(FaultKind::Drop) => {
                conn.kill();
                inner.record(method, body, at, token, 0, Value::Null);
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            Some(FaultKind::Delay(d)) => {
                delay = Some(d);
                None
            }
            Some(kind) => fault_reply(&kind, chat_type),
            None => None,
        };
        let early = early.or_else(|| {
            let blocked = chat_id.is_some_and(|c| inner.config.blocked_chats.contains(&c));
            (blocked && writes_to_chat(&method_lc)).then(|| forbidden(chat_type))
        });
        let early = early.or_else(|| {
            let limit = inner.config.rate_limit.filter(|_| is_send(&method_lc))?;
            inner.rate.check(limit, chat_id, at).err()
        });
        (body, early, delay)
    };
    let reply = match early {
        Some(reply) => reply,
        None if method_lc == "getupdates" => get_updates(shared, &body).await,
        None => dispatch(&mut shared.lock(), token, &method_lc, &body),
    };
    shared.lock().record(method, body, at, token, reply.status, reply.body.clone());
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    json_response(&reply)
}
