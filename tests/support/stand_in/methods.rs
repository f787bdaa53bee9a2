//! Dispatch of Bot API methods (except getUpdates) to their results, by lower-cased method name.

use serde_json::{Value, json};

use super::config::MemberStatus;
use super::faults::ApiReply;
use super::messages;
use super::model::{bot_user, chat_full_info, chat_id_of, member, user};
use super::state::Inner;
use super::validate::callback_answer;

const QUERY_INVALID: &str = "Bad Request: query is too old and response timeout expired or query id is invalid";

/// Methods that just answer `true` (matched by prefix).
const TRUE_PREFIXES: &[&str] = &[
    "set",
    "delete",
    "answerprecheckout",
    "answershipping",
    "pin",
    "unpin",
    "ban",
    "unban",
    "restrict",
    "promote",
    "approve",
    "decline",
    "leave",
    "close",
    "reopen",
    "logout",
    "sendchataction",
    "hide",
    "unhide",
];

fn int(body: &Value, key: &str) -> Option<i64> {
    match body.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn dispatch(inner: &mut Inner, token: &str, method_lc: &str, body: &Value) -> ApiReply {
    let result = match method_lc {
        "getme" => Ok(get_me(inner, token)),
        "getwebhookinfo" => Ok(super::webhook::info(inner)),
        "setwebhook" => super::webhook::set(inner, body),
        "deletewebhook" => Ok(super::webhook::delete(inner, body)),
        "sendmessage" => messages::send_message(inner, token, body),
        "sendpoll" => messages::send_poll(inner, token, body),
        "editmessagetext" => messages::edit_text(inner, token, body),
        "editmessagereplymarkup" => messages::edit_markup(inner, token, body),
        "stoppoll" => messages::stop_poll(inner, body),
        "copymessage" => messages::copy_or_forward(inner, token, false, body),
        "forwardmessage" => messages::copy_or_forward(inner, token, true, body),
        "deletemessage" | "deletemessages" => messages::delete(inner, body),
        "answercallbackquery" => answer_callback(inner, body),
        "answerinlinequery" => answer_inline(body),
        "getchatmember" => get_chat_member(inner, token, body),
        "getchatadministrators" => get_chat_admins(inner, token, body),
        "getchatmembercount" => Ok(json!(
            inner.config.members.keys().filter(|(c, _)| Some(*c) == chat_id_of(body, &inner.config)).count() + 2
        )),
        "getchat" => chat_id_of(body, &inner.config)
            .map(|id| chat_full_info(&inner.config, id))
            .ok_or_else(|| ApiReply::bad("Bad Request: chat not found")),
        "getfile" => get_file(inner, body),
        "getmycommands" => Ok(inner.my_commands.clone()),
        "setmycommands" => {
            inner.my_commands = body.get("commands").cloned().unwrap_or(json!([]));
            Ok(json!(true))
        }
        m if m.starts_with("send") && m != "sendchataction" => messages::send_media(inner, token, m, body),
        m if TRUE_PREFIXES.iter().any(|p| m.starts_with(p)) => Ok(json!(true)),
        _ => Err(ApiReply::error(404, "Not Found: method not found")),
    };
    result.map_or_else(|reply| reply, ApiReply::ok)
}

fn get_me(inner: &Inner, token: &str) -> Value {
    let c = &inner.config;
    let mut me = bot_user(c, c.bot_id_for(token));
    me["can_join_groups"] = json!(c.can_join_groups);
    me["can_read_all_group_messages"] = json!(c.can_read_all_group_messages);
    me["supports_inline_queries"] = json!(c.supports_inline_queries);
    me["can_connect_to_business"] = json!(false);
    me["has_main_web_app"] = json!(false);
    me
}

fn answer_callback(inner: &mut Inner, body: &Value) -> Result<Value, ApiReply> {
    let id = body.get("callback_query_id").and_then(Value::as_str).unwrap_or("");
    if id.is_empty() || inner.answered_callbacks.contains(id) {
        // Telegram refuses a second answer to the same query.
        return Err(ApiReply::bad(QUERY_INVALID));
    }
    callback_answer(body).map_err(|d| ApiReply::bad(&d))?;
    inner.answered_callbacks.insert(id.to_string());
    Ok(json!(true))
}

fn answer_inline(body: &Value) -> Result<Value, ApiReply> {
    let id = body.get("inline_query_id").and_then(Value::as_str).unwrap_or("");
    if id.is_empty() {
        return Err(ApiReply::bad(QUERY_INVALID));
    }
    let results = body.get("results").and_then(Value::as_array).map_or(0, Vec::len);
    if results > 50 {
        return Err(ApiReply::bad("Bad Request: RESULTS_TOO_MUCH"));
    }
    Ok(json!(true))
}

fn member_user(inner: &Inner, token: &str, user_id: i64) -> Value {
    let bot_id = inner.config.bot_id_for(token);
    if user_id == bot_id { bot_user(&inner.config, bot_id) } else { user(user_id) }
}

fn get_chat_member(inner: &Inner, token: &str, body: &Value) -> Result<Value, ApiReply> {
    let chat_id = chat_id_of(body, &inner.config).ok_or_else(|| ApiReply::bad("Bad Request: chat not found"))?;
    let user_id = int(body, "user_id").ok_or_else(|| ApiReply::bad("Bad Request: user not found"))?;
    let bot_id = inner.config.bot_id_for(token);
    let status = inner.config.member_status(chat_id, user_id, bot_id);
    Ok(member(member_user(inner, token, user_id), status))
}

fn get_chat_admins(inner: &Inner, token: &str, body: &Value) -> Result<Value, ApiReply> {
    let chat_id = chat_id_of(body, &inner.config).ok_or_else(|| ApiReply::bad("Bad Request: chat not found"))?;
    let privileged = |s: &MemberStatus| matches!(s, MemberStatus::Creator | MemberStatus::Administrator);
    let mut admins: Vec<(i64, MemberStatus)> = inner
        .config
        .members
        .iter()
        .filter(|((c, _), s)| *c == chat_id && privileged(s))
        .map(|((_, u), s)| (*u, *s))
        .collect();
    if let Some(s) = inner.config.bot_members.get(&chat_id).filter(|s| privileged(s)) {
        admins.push((inner.config.bot_id_for(token), *s));
    }
    admins.sort_by_key(|(u, s)| (*s != MemberStatus::Creator, *u));
    admins.dedup_by_key(|(u, _)| *u);
    Ok(json!(admins.into_iter().map(|(u, s)| member(member_user(inner, token, u), s)).collect::<Vec<_>>()))
}

/// Bot API download limit for getFile.
const MAX_DOWNLOAD: usize = 20 * 1024 * 1024;

fn get_file(inner: &Inner, body: &Value) -> Result<Value, ApiReply> {
    let id = body.get("file_id").and_then(Value::as_str).unwrap_or("");
    let Some(bytes) = inner.config.files.get(id) else {
        return Err(ApiReply::bad("Bad Request: invalid file id"));
    };
    if bytes.len() > MAX_DOWNLOAD {
        return Err(ApiReply::bad("Bad Request: file is too big"));
    }
    Ok(json!({"file_id": id, "file_unique_id": format!("u-{id}"), "file_size": bytes.len(),
              "file_path": file_path(id)}))
}

/// Download path of a registered file (served under `/file/bot<token>/`).
pub fn file_path(file_id: &str) -> String {
    let safe: String =
        file_id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("documents/{safe}")
}

/// Finds the registered file a download path refers to.
pub fn file_for_path<'a>(inner: &'a Inner, path: &str) -> Option<&'a Vec<u8>> {
    inner.config.files.iter().find(|(id, _)| file_path(id) == path).map(|(_, b)| b)
}
