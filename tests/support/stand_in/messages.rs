//! Methods that create or change messages: send*, edit*, stopPoll, copy/forward, delete.

use serde_json::{Value, json};

use super::faults::ApiReply;
use super::model::{bot_user, chat_id_of, configured_chat, now_unix};
use super::poll::validate_poll;
use super::state::Inner;
use super::validate::{caption, message_text, reply_markup};

pub const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
pub const CHAT_ID_EMPTY: &str = "Bad Request: chat_id is empty";

type Res = Result<Value, ApiReply>;

fn bad(description: impl AsRef<str>) -> ApiReply {
    ApiReply::bad(description.as_ref())
}

fn chat_of(inner: &Inner, body: &Value) -> Result<i64, ApiReply> {
    chat_id_of(body, &inner.config).ok_or_else(|| bad(CHAT_ID_EMPTY))
}

fn int(body: &Value, key: &str) -> Option<i64> {
    match body.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Skeleton of a message the bot sends into `chat_id`, with thread, markup and reply echoed.
fn new_message(inner: &mut Inner, token: &str, chat_id: i64, body: &Value) -> Res {
    let markup = reply_markup(body).map_err(bad)?;
    let bot_id = inner.config.bot_id_for(token);
    let mut msg = json!({
        "message_id": inner.next_message_id(chat_id),
        "date": now_unix(),
        "chat": configured_chat(&inner.config, chat_id),
        "from": bot_user(&inner.config, bot_id),
    });
    if let Some(thread) = int(body, "message_thread_id") {
        msg["message_thread_id"] = json!(thread);
        msg["is_topic_message"] = json!(true);
    }
    if let Some(markup) = markup {
        msg["reply_markup"] = markup;
    }
    let reply_to = body.get("reply_parameters").and_then(|r| int(r, "message_id"));
    if let Some(original) = reply_to.or_else(|| int(body, "reply_to_message_id")) {
        let stored = inner.messages.get(&(chat_id, original)).cloned();
        let mut original_msg = stored.unwrap_or_else(
            || json!({"message_id": original, "date": now_unix(), "chat": msg["chat"].clone(), "text": "…"}),
        );
        if let Some(obj) = original_msg.as_object_mut() {
            obj.remove("reply_to_message");
        }
        msg["reply_to_message"] = original_msg;
    }
    Ok(msg)
}

fn store(inner: &mut Inner, msg: Value) -> Res {
    let chat = msg["chat"]["id"].as_i64().unwrap_or(0);
    let id = msg["message_id"].as_i64().unwrap_or(0);
    inner.messages.insert((chat, id), msg.clone());
    Ok(msg)
}

fn set_text(msg: &mut Value, key: &str, entities_key: &str, text: String, entities: Vec<Value>) {
    msg[key] = json!(text);
    match msg.as_object_mut() {
        Some(obj) if entities.is_empty() => {
            obj.remove(entities_key);
        }
        _ => msg[entities_key] = json!(entities),
    }
}

pub fn send_message(inner: &mut Inner, token: &str, body: &Value) -> Res {
    let chat_id = chat_of(inner, body)?;
    let parsed = message_text(body, inner.config.strict_html).map_err(bad)?;
    let mut msg = new_message(inner, token, chat_id, body)?;
    set_text(&mut msg, "text", "entities", parsed.text, parsed.entities);
    if let Some(lpo) = body.get("link_preview_options").filter(|v| v.is_object()) {
        msg["link_preview_options"] = lpo.clone();
    }
    store(inner, msg)
}

pub fn send_poll(inner: &mut Inner, token: &str, body: &Value) -> Res {
    let chat_id = chat_of(inner, body)?;
    let mut poll = validate_poll(body, inner.config.strict_html).map_err(bad)?;
    poll["id"] = json!(inner.next_poll_id.to_string());
    inner.next_poll_id += 1;
    let mut msg = new_message(inner, token, chat_id, body)?;
    msg["poll"] = poll;
    store(inner, msg)
}

/// sendDocument / sendPhoto / …: echoes a plausible media object and the caption. Media
/// other than photos are reported as a `document` (teloxide needs no extra fields for it).
pub fn send_media(inner: &mut Inner, token: &str, method_lc: &str, body: &Value) -> Res {
    let chat_id = chat_of(inner, body)?;
    let cap = caption(body, inner.config.strict_html).map_err(bad)?;
    let field = method_lc.trim_start_matches("send").to_string();
    let n = inner.next_file_id;
    let (file_id, file_name, size) = match body.get(&field) {
        Some(Value::String(id)) => (id.clone(), None, 1),
        Some(Value::Object(part)) => {
            let size = part.get("size").and_then(Value::as_i64).unwrap_or(1);
            (format!("stand-in-file-{n}"), part.get("file_name").cloned(), size)
        }
        _ => return Err(bad(format!("Bad Request: there is no {field} in the request"))),
    };
    inner.next_file_id += 1;
    let mut msg = new_message(inner, token, chat_id, body)?;
    let mut file = json!({"file_id": file_id, "file_unique_id": format!("u{n}"), "file_size": size});
    if field == "photo" {
        file["width"] = json!(1);
        file["height"] = json!(1);
        msg["photo"] = json!([file]);
    } else {
        if let Some(name) = file_name {
            file["file_name"] = name;
        }
        msg["document"] = file;
    }
    if let Some(p) = cap {
        set_text(&mut msg, "caption", "caption_entities", p.text, p.entities);
    }
    store(inner, msg)
}

/// The stored message to edit, or (for messages the stand-in never sent, e.g. ones named in
/// a pushed callback query) a synthesized one from the bot.
fn message_to_edit(inner: &mut Inner, token: &str, body: &Value) -> Result<(i64, i64, Value), ApiReply> {
    let chat_id = chat_of(inner, body)?;
    let id = int(body, "message_id").ok_or_else(|| bad("Bad Request: message identifier is not specified"))?;
    let msg = match inner.messages.get(&(chat_id, id)) {
        Some(m) => m.clone(),
        None => {
            let bot_id = inner.config.bot_id_for(token);
            json!({"message_id": id, "date": now_unix(), "chat": configured_chat(&inner.config, chat_id),
                   "from": bot_user(&inner.config, bot_id), "text": ""})
        }
    };
    Ok((chat_id, id, msg))
}

fn apply_markup(msg: &mut Value, markup: Option<Value>) {
    match (markup, msg.as_object_mut()) {
        (Some(m), _) => msg["reply_markup"] = m,
        (None, Some(obj)) => {
            obj.remove("reply_markup");
        }
        (None, None) => {}
    }
}

/// editMessageText (inline messages answer `true`).
pub fn edit_text(inner: &mut Inner, token: &str, body: &Value) -> Res {
    let parsed = message_text(body, inner.config.strict_html).map_err(bad)?;
    let markup = reply_markup(body).map_err(bad)?;
    if body.get("inline_message_id").is_some() {
        return Ok(json!(true));
    }
    let (_, _, mut msg) = message_to_edit(inner, token, body)?;
    if msg.get("text").is_none() {
        return Err(bad("Bad Request: there is no text in the message to edit"));
    }
    let entities = msg.get("entities").cloned().unwrap_or(json!([]));
    if msg["text"] == json!(parsed.text)
        && entities == json!(parsed.entities)
        && msg.get("reply_markup") == markup.as_ref()
    {
        return Err(bad(NOT_MODIFIED));
    }
    set_text(&mut msg, "text", "entities", parsed.text, parsed.entities);
    apply_markup(&mut msg, markup);
    msg["edit_date"] = json!(now_unix());
    store(inner, msg)
}

/// editMessageReplyMarkup.
pub fn edit_markup(inner: &mut Inner, token: &str, body: &Value) -> Res {
    let markup = reply_markup(body).map_err(bad)?;
    if body.get("inline_message_id").is_some() {
        return Ok(json!(true));
    }
    let (_, _, mut msg) = message_to_edit(inner, token, body)?;
    if msg.get("reply_markup") == markup.as_ref() {
        return Err(bad(NOT_MODIFIED));
    }
    apply_markup(&mut msg, markup);
    msg["edit_date"] = json!(now_unix());
    store(inner, msg)
}

/// stopPoll: returns the closed Poll.
pub fn stop_poll(inner: &mut Inner, body: &Value) -> Res {
    let chat_id = chat_of(inner, body)?;
    let id = int(body, "message_id").ok_or_else(|| bad("Bad Request: message identifier is not specified"))?;
    let markup = reply_markup(body).map_err(bad)?;
    let Some(msg) = inner.messages.get_mut(&(chat_id, id)) else {
        return Err(bad("Bad Request: message with poll to stop not found"));
    };
    let Some(poll) = msg.get_mut("poll") else {
        return Err(bad("Bad Request: message is not a poll"));
    };
    if poll["is_closed"] == json!(true) {
        return Err(bad("Bad Request: poll has already been closed"));
    }
    poll["is_closed"] = json!(true);
    let poll = poll.clone();
    apply_markup(msg, markup);
    Ok(poll)
}

/// copyMessage (→ MessageId) and forwardMessage (→ Message).
pub fn copy_or_forward(inner: &mut Inner, token: &str, forward: bool, body: &Value) -> Res {
    let chat_id = chat_of(inner, body)?;
    let from_chat = int(body, "from_chat_id").ok_or_else(|| bad(CHAT_ID_EMPTY))?;
    let source_id = int(body, "message_id").ok_or_else(|| bad("Bad Request: message identifier is not specified"))?;
    let source = inner.messages.get(&(from_chat, source_id)).cloned();
    let mut msg = new_message(inner, token, chat_id, body)?;
    msg["text"] = source.as_ref().and_then(|s| s.get("text")).cloned().unwrap_or(json!("…"));
    let id = msg["message_id"].clone();
    let stored = store(inner, msg)?;
    Ok(if forward { stored } else { json!({"message_id": id}) })
}

/// deleteMessage / deleteMessages: always `true` (Telegram is lenient enough here).
pub fn delete(inner: &mut Inner, body: &Value) -> Res {
    if let Some(chat_id) = chat_id_of(body, &inner.config) {
        let ids: Vec<i64> = match (int(body, "message_id"), body.get("message_ids")) {
            (Some(id), _) => vec![id],
            (None, Some(Value::Array(ids))) => ids.iter().filter_map(Value::as_i64).collect(),
            _ => Vec::new(),
        };
        for id in ids {
            inner.messages.remove(&(chat_id, id));
        }
    }
    Ok(json!(true))
}
