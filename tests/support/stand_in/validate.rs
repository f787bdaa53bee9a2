//! Request validation shared by the send/edit methods: formatted text and its lengths, inline keyboards, callback answers.

use serde_json::{Value, json};

use super::html::{Parsed, parse_html, utf16_len};

pub const MAX_MESSAGE_LEN: usize = 4096;
pub const MAX_CAPTION_LEN: usize = 1024;
pub const MAX_CALLBACK_ANSWER_LEN: usize = 200;

pub const TEXT_EMPTY: &str = "Bad Request: message text is empty";
pub const TEXT_TOO_LONG: &str = "Bad Request: message is too long";
pub const CAPTION_TOO_LONG: &str = "Bad Request: message caption is too long";
pub const BUTTON_DATA_INVALID: &str = "Bad Request: BUTTON_DATA_INVALID";
pub const BUTTON_URL_INVALID: &str = "Bad Request: BUTTON_URL_INVALID";
pub const BUTTON_TEXT_EMPTY: &str = "Bad Request: can't parse inline keyboard button: Text must be non-empty";
pub const TEXT_BUTTONS_UNALLOWED: &str =
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
pub const BAD_MARKUP: &str = "Bad Request: can't parse reply keyboard markup JSON object";
pub const CALLBACK_ANSWER_TOO_LONG: &str = "Bad Request: MESSAGE_TOO_LONG";

/// Applies `parse_mode` (only HTML is really parsed; Markdown is passed through untouched)
/// or echoes explicit `entities`.
pub fn formatted(
    text: &str,
    parse_mode: Option<&str>,
    entities: Option<&Value>,
    strict: bool,
) -> Result<Parsed, String> {
    match parse_mode.map(str::to_ascii_lowercase).as_deref() {
        Some("html") => parse_html(text, strict),
        _ => {
            let entities = entities.and_then(Value::as_array).cloned().unwrap_or_default();
            Ok(Parsed { text: text.to_string(), entities })
        }
    }
}

/// Trims surrounding whitespace like Telegram does, shifting and clipping entities.
pub fn trim(p: Parsed) -> Parsed {
    let lead = p.text.len() - p.text.trim_start().len();
    let lead16 = utf16_len(&p.text[..lead]);
    let text = p.text.trim().to_string();
    let len16 = utf16_len(&text);
    let entities = p
        .entities
        .into_iter()
        .filter_map(|mut e| {
            let off = usize::try_from(e["offset"].as_u64()?).ok()?;
            let len = usize::try_from(e["length"].as_u64()?).ok()?;
            let start = off.saturating_sub(lead16).min(len16);
            let end = (off + len).saturating_sub(lead16).min(len16);
            (end > start).then(|| {
                e["offset"] = json!(start);
                e["length"] = json!(end - start);
                e
            })
        })
        .collect();
    Parsed { text, entities }
}

/// Text of sendMessage / editMessageText, counted after entity parsing in UTF-16 units.
pub fn message_text(body: &Value, strict: bool) -> Result<Parsed, String> {
    let text = body.get("text").and_then(Value::as_str).unwrap_or("");
    let parsed = trim(formatted(text, body.get("parse_mode").and_then(Value::as_str), body.get("entities"), strict)?);
    if parsed.text.is_empty() {
        return Err(TEXT_EMPTY.to_string());
    }
    if utf16_len(&parsed.text) > MAX_MESSAGE_LEN {
        return Err(TEXT_TOO_LONG.to_string());
    }
    Ok(parsed)
}

/// Optional media caption (≤ 1024 UTF-16 units after parsing).
pub fn caption(body: &Value, strict: bool) -> Result<Option<Parsed>, String> {
    let Some(text) = body.get("caption").and_then(Value::as_str) else {
        return Ok(None);
    };
    let parsed =
        trim(formatted(text, body.get("parse_mode").and_then(Value::as_str), body.get("caption_entities"), strict)?);
    if utf16_len(&parsed.text) > MAX_CAPTION_LEN {
        return Err(CAPTION_TOO_LONG.to_string());
    }
    Ok(Some(parsed))
}

/// Validates `reply_markup`; returns the inline keyboard to echo in the Message (Telegram
/// never echoes reply keyboards, and teloxide would fail to parse them).
pub fn reply_markup(body: &Value) -> Result<Option<Value>, String> {
    let markup = match body.get("reply_markup") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => serde_json::from_str(s).map_err(|_| BAD_MARKUP.to_string())?,
        Some(v) => v.clone(),
    };
    let Some(rows) = markup.get("inline_keyboard") else {
        return if markup.is_object() { Ok(None) } else { Err(BAD_MARKUP.to_string()) };
    };
    let rows = rows.as_array().ok_or(BAD_MARKUP)?;
    for row in rows {
        for button in row.as_array().ok_or(BAD_MARKUP)? {
            inline_button(button)?;
        }
    }
    Ok(Some(markup))
}

fn inline_button(button: &Value) -> Result<(), String> {
    let text = button.get("text").and_then(Value::as_str).unwrap_or("");
    if text.trim().is_empty() {
        return Err(BUTTON_TEXT_EMPTY.to_string());
    }
    if let Some(data) = button.get("callback_data") {
        let len = data.as_str().map_or(0, str::len);
        if !(1..=64).contains(&len) {
            return Err(BUTTON_DATA_INVALID.to_string());
        }
        return Ok(());
    }
    if let Some(url) = button.get("url") {
        if url.as_str().is_none_or(|u| u.trim().is_empty() || !u.contains(':')) {
            return Err(BUTTON_URL_INVALID.to_string());
        }
        return Ok(());
    }
    const KINDS: &[&str] = &[
        "login_url",
        "web_app",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    ];
    if KINDS.iter().any(|k| button.get(k).is_some()) { Ok(()) } else { Err(TEXT_BUTTONS_UNALLOWED.to_string()) }
}

/// answerCallbackQuery: notification text ≤ 200 characters.
pub fn callback_answer(body: &Value) -> Result<(), String> {
    let text = body.get("text").and_then(Value::as_str).unwrap_or("");
    if utf16_len(text) > MAX_CALLBACK_ANSWER_LEN {
        return Err(CALLBACK_ANSWER_TOO_LONG.to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_counted_after_parsing_in_utf16() {
        let exact = "😀".repeat(2048); // 4096 UTF-16 units
        assert!(message_text(&json!({"text": exact}), true).is_ok());
        let over = format!("{exact}x");
        assert_eq!(message_text(&json!({"text": over}), true).unwrap_err(), TEXT_TOO_LONG);
        let tagged = format!("<b>{}</b>", "a".repeat(4096));
        let body = json!({"text": tagged, "parse_mode": "HTML"});
        assert!(message_text(&body, true).is_ok());
        // Without parse_mode the tags count.
        assert!(message_text(&json!({"text": tagged}), true).is_err());
    }

    #[test]
    fn empty_text_after_parsing_or_trimming() {
        for t in ["", "   \n", "<b> </b>"] {
            let body = json!({"text": t, "parse_mode": "HTML"});
            assert_eq!(message_text(&body, true).unwrap_err(), TEXT_EMPTY, "{t:?}");
        }
        assert_eq!(message_text(&json!({}), true).unwrap_err(), TEXT_EMPTY);
    }

    #[test]
    fn trimming_shifts_entities() {
        let body = json!({"text": "  <b>x</b> ", "parse_mode": "html"});
        let p = message_text(&body, true).expect("valid");
        assert_eq!(p.text, "x");
        assert_eq!(p.entities[0], json!({"type": "bold", "offset": 0, "length": 1}));
    }

    #[test]
    fn keyboards() {
        let kb = |b: Value| json!({"reply_markup": {"inline_keyboard": [[b]]}});
        assert!(reply_markup(&kb(json!({"text": "a", "callback_data": "x"}))).is_ok());
        let long = "x".repeat(65);
        let e = reply_markup(&kb(json!({"text": "a", "callback_data": long}))).unwrap_err();
        assert_eq!(e, BUTTON_DATA_INVALID);
        let e = reply_markup(&kb(json!({"text": "a", "callback_data": ""}))).unwrap_err();
        assert_eq!(e, BUTTON_DATA_INVALID);
        let e = reply_markup(&kb(json!({"text": " ", "callback_data": "x"}))).unwrap_err();
        assert_eq!(e, BUTTON_TEXT_EMPTY);
        let e = reply_markup(&kb(json!({"text": "a"}))).unwrap_err();
        assert_eq!(e, TEXT_BUTTONS_UNALLOWED);
        let ok = reply_markup(&kb(json!({"text": "a", "url": "https://e.com"})));
        assert!(ok.expect("url button").is_some());
        let reply_kb = json!({"reply_markup": {"keyboard": [[{"text": "a"}]]}});
        assert_eq!(reply_markup(&reply_kb), Ok(None));
    }

    #[test]
    fn callback_answers() {
        assert!(callback_answer(&json!({"text": "ж".repeat(200)})).is_ok());
        let e = callback_answer(&json!({"text": "ж".repeat(201)})).unwrap_err();
        assert_eq!(e, CALLBACK_ANSWER_TOO_LONG);
    }
}
