//! Builders of incoming updates (raw Bot API JSON) for tests to push; `update_id` is added on push.

use std::sync::atomic::{AtomicI64, Ordering};

use serde_json::{Value, json};

use super::config::{ChatSpec, ChatType, MemberStatus};
use super::html::utf16_len;
use super::model::{ANONYMOUS_ADMIN_ID, chat, chat_of, member, now_unix, user};

/// Ids of incoming messages (from 1_000_000, so they never clash with the bot's own, which
/// count from 1 per chat) and of callback/inline queries.
static NEXT_INCOMING: AtomicI64 = AtomicI64::new(1_000_000);

pub fn next_incoming_id() -> i64 {
    NEXT_INCOMING.fetch_add(1, Ordering::Relaxed)
}

/// A bare Message object; a leading `/command` gets its `bot_command` entity like Telegram adds.
pub fn message(chat: Value, from: Option<Value>, text: &str) -> Value {
    let mut m = json!({"message_id": next_incoming_id(), "date": now_unix(), "chat": chat, "text": text});
    if let Some(from) = from {
        m["from"] = from;
    }
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        m["entities"] = json!([{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]);
    }
    m
}

/// Wraps a Message as a `message` update.
pub fn message_update(message: Value) -> Value {
    json!({"message": message})
}

/// A text message from `user_id` in `chat_id` (private when `chat_id > 0`, group/supergroup
/// by Telegram's id convention otherwise).
pub fn text_message(chat_id: i64, user_id: i64, text: &str) -> Value {
    message_update(message(chat(chat_id), Some(user(user_id)), text))
}

/// A text message in a group of the given type and title.
pub fn group_message(chat_id: i64, kind: ChatType, title: &str, user_id: i64, text: &str) -> Value {
    let chat = chat_of(chat_id, &ChatSpec::new(kind, title));
    message_update(message(chat, Some(user(user_id)), text))
}

/// A post in a channel (`channel_post` update, no `from`, `sender_chat` = the channel).
pub fn channel_post(chat_id: i64, title: &str, text: &str) -> Value {
    let chat = chat_of(chat_id, &ChatSpec::new(ChatType::Channel, title));
    let mut m = message(chat.clone(), None, text);
    m["sender_chat"] = chat;
    json!({"channel_post": m})
}

/// A message by an anonymous group admin: `from` = GroupAnonymousBot, `sender_chat` = the group.
pub fn anonymous_admin_message(chat_id: i64, title: &str, text: &str) -> Value {
    let kind = match ChatType::for_id(chat_id) {
        ChatType::Private => ChatType::Supergroup,
        other => other,
    };
    let chat = chat_of(chat_id, &ChatSpec::new(kind, title));
    let from = json!({"id": ANONYMOUS_ADMIN_ID, "is_bot": true, "first_name": "Group",
                      "username": "GroupAnonymousBot"});
    let mut m = message(chat.clone(), Some(from), text);
    m["sender_chat"] = chat;
    m["author_signature"] = json!("Admin");
    message_update(m)
}

/// A message carrying a `document` (teloxide: `MediaKind::Document`), with optional caption.
pub fn document_message(
    chat_id: i64,
    user_id: i64,
    file_id: &str,
    file_name: &str,
    mime_type: &str,
    file_size: u64,
    caption: Option<&str>,
) -> Value {
    let mut m = message(chat(chat_id), Some(user(user_id)), "");
    if let Some(obj) = m.as_object_mut() {
        obj.remove("text");
    }
    m["document"] = json!({"file_id": file_id, "file_unique_id": format!("u-{file_id}"),
                           "file_name": file_name, "mime_type": mime_type, "file_size": file_size});
    if let Some(c) = caption {
        m["caption"] = json!(c);
    }
    message_update(m)
}

/// A callback query from `user_id` on message `message_id` in `chat_id`.
pub fn callback_query(chat_id: i64, user_id: i64, message_id: i64, data: &str) -> Value {
    let msg = json!({"message_id": message_id, "date": now_unix(), "chat": chat(chat_id), "text": "…"});
    callback_query_on(msg, user_id, data)
}

/// A callback query on a given Message object (e.g. one the bot sent, from `StandIn::message`).
pub fn callback_query_on(message: Value, user_id: i64, data: &str) -> Value {
    let chat_id = message["chat"]["id"].as_i64().unwrap_or(0);
    json!({"callback_query": {
        "id": format!("cb{}", next_incoming_id()),
        "from": user(user_id),
        "message": message,
        "chat_instance": format!("ci{chat_id}"),
        "data": data,
    }})
}

/// A (non-anonymous) poll answer; empty `option_ids` = vote retracted.
pub fn poll_answer(poll_id: &str, user_id: i64, option_ids: &[u8]) -> Value {
    json!({"poll_answer": {"poll_id": poll_id, "user": user(user_id), "option_ids": option_ids}})
}

pub fn inline_query(user_id: i64, query: &str, offset: &str) -> Value {
    json!({"inline_query": {
        "id": format!("iq{}", next_incoming_id()),
        "from": user(user_id),
        "query": query,
        "offset": offset,
        "chat_type": "sender",
    }})
}

/// The bot's own membership changed in `chat_id` (added to a group, blocked in private…),
/// done by `by_user_id`. `bot` is the bot's User (see `StandIn::bot_user`).
pub fn my_chat_member(chat_id: i64, by_user_id: i64, bot: Value, old: MemberStatus, new: MemberStatus) -> Value {
    json!({"my_chat_member": {
        "chat": chat(chat_id),
        "from": user(by_user_id),
        "date": now_unix(),
        "old_chat_member": member(bot.clone(), old),
        "new_chat_member": member(bot, new),
    }})
}

/// Sets `language_code` on the `from` user of whatever the update carries.
pub fn with_language(mut update: Value, code: &str) -> Value {
    if let Some(obj) = update.as_object_mut() {
        for (key, inner) in obj.iter_mut().filter(|(k, _)| *k != "update_id") {
            let user_key = if key == "poll_answer" { "user" } else { "from" };
            if let Some(from) = inner.get_mut(user_key).filter(|f| f.is_object()) {
                from["language_code"] = json!(code);
            }
        }
    }
    update
}

/// Puts a message update into forum topic `thread_id` (`message_thread_id` + `is_topic_message`).
pub fn in_topic(mut update: Value, thread_id: i64) -> Value {
    for key in ["message", "edited_message", "channel_post"] {
        if let Some(m) = update.get_mut(key) {
            m["message_thread_id"] = json!(thread_id);
            m["is_topic_message"] = json!(true);
        }
    }
    update
}

/// Turns a `message` update into an `edited_message` one with an `edit_date`.
pub fn edited(update: Value) -> Value {
    match update.get("message") {
        Some(m) => {
            let mut m = m.clone();
            m["edit_date"] = json!(now_unix());
            json!({"edited_message": m})
        }
        None => update,
    }
}
