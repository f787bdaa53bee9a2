//! Bot API JSON objects (User, Chat, ChatMember, ChatFullInfo) shaped so teloxide 0.17 deserialises them.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::config::{ChatSpec, ChatType, Config, MemberStatus};

/// Telegram's "GroupAnonymousBot", the `from` of anonymous group admins' messages.
pub const ANONYMOUS_ADMIN_ID: i64 = 1_087_968_824;

pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A human test user: first_name `User<id>`, username `user<id>`.
pub fn user(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": format!("User{id}"), "username": format!("user{id}")})
}

pub fn bot_user(config: &Config, bot_id: i64) -> Value {
    json!({
        "id": bot_id,
        "is_bot": true,
        "first_name": config.bot_first_name,
        "username": config.bot_username,
    })
}

/// A chat object following Telegram's id conventions (see `ChatType::for_id`).
pub fn chat(id: i64) -> Value {
    match ChatType::for_id(id) {
        ChatType::Private => json!({"id": id, "type": "private", "first_name": format!("User{id}"),
                                    "username": format!("user{id}")}),
        kind => chat_of(id, &ChatSpec::new(kind, &format!("Chat {id}"))),
    }
}

pub fn chat_of(id: i64, spec: &ChatSpec) -> Value {
    let mut chat = json!({"id": id, "type": spec.kind.as_str()});
    match spec.kind {
        ChatType::Private => {
            chat["first_name"] = json!(spec.title.clone().unwrap_or_else(|| format!("User{id}")));
        }
        _ => chat["title"] = json!(spec.title.clone().unwrap_or_else(|| format!("Chat {id}"))),
    }
    if let Some(u) = &spec.username {
        chat["username"] = json!(u);
    }
    if spec.is_forum && spec.kind == ChatType::Supergroup {
        chat["is_forum"] = json!(true);
    }
    chat
}

/// The chat as configured (or by id convention).
pub fn configured_chat(config: &Config, id: i64) -> Value {
    config.chats.get(&id).map_or_else(|| chat(id), |spec| chat_of(id, spec))
}

/// A ChatMember object with every field teloxide requires for the status.
pub fn member(user: Value, status: MemberStatus) -> Value {
    let mut m = json!({"user": user, "status": status.as_str()});
    let fields: &[(&str, Value)] = match status {
        MemberStatus::Creator => &[("is_anonymous", json!(false))],
        MemberStatus::Administrator => &[
            ("is_anonymous", json!(false)),
            ("can_be_edited", json!(false)),
            ("can_manage_chat", json!(true)),
            ("can_change_info", json!(true)),
            ("can_delete_messages", json!(true)),
            ("can_manage_video_chats", json!(true)),
            ("can_invite_users", json!(true)),
            ("can_restrict_members", json!(true)),
            ("can_promote_members", json!(false)),
            // Channel admins' posting rights (Telegram sends these for channels only; harmless elsewhere).
            ("can_post_messages", json!(true)),
            ("can_edit_messages", json!(true)),
            ("can_pin_messages", json!(true)),
            ("can_manage_topics", json!(false)),
            ("can_post_stories", json!(false)),
            ("can_edit_stories", json!(false)),
            ("can_delete_stories", json!(false)),
        ],
        MemberStatus::Restricted => &[
            ("until_date", json!(0)),
            ("is_member", json!(true)),
            ("can_send_messages", json!(false)),
            ("can_send_audios", json!(false)),
            ("can_send_documents", json!(false)),
            ("can_send_photos", json!(false)),
            ("can_send_videos", json!(false)),
            ("can_send_video_notes", json!(false)),
            ("can_send_voice_notes", json!(false)),
            ("can_send_other_messages", json!(false)),
            ("can_add_web_page_previews", json!(false)),
            ("can_change_info", json!(false)),
            ("can_invite_users", json!(false)),
            ("can_pin_messages", json!(false)),
            ("can_manage_topics", json!(false)),
            ("can_send_polls", json!(false)),
        ],
        MemberStatus::Kicked => &[("until_date", json!(0))],
        MemberStatus::Member | MemberStatus::Left => &[],
    };
    for (k, v) in fields {
        m[*k] = v.clone();
    }
    m
}

/// getChat result (ChatFullInfo): needs `accepted_gift_types` and `max_reaction_count`.
pub fn chat_full_info(config: &Config, id: i64) -> Value {
    let mut info = configured_chat(config, id);
    info["accent_color_id"] = json!(0);
    info["max_reaction_count"] = json!(11);
    info["accepted_gift_types"] = json!({
        "unlimited_gifts": false, "limited_gifts": false,
        "unique_gifts": false, "premium_subscription": false,
    });
    info
}

/// `chat_id` of a request: integer, numeric string, or `@username` (resolved through
/// configured chats, else a stable synthetic channel id).
pub fn chat_id_of(body: &Value, config: &Config) -> Option<i64> {
    match body.get("chat_id")? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok().or_else(|| {
            let name = s.trim().trim_start_matches('@');
            let known = config.chats.iter().find(|(_, c)| c.username.as_deref() == Some(name));
            let hash = name.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
            Some(known.map_or(-1_000_000_000_000 - (hash % 1_000_000_000) as i64, |(id, _)| *id))
        }),
        _ => None,
    }
}
