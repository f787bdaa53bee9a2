//! Turns a request's query string and body (JSON, urlencoded form, multipart or empty) into one JSON object.

use serde_json::{Map, Value};

/// Decodes `%XX` and `+` (form encoding); invalid escapes are kept literally.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parameters that are always strings, even when they look like JSON or numbers.
const STRING_KEYS: &[&str] = &[
    "text",
    "caption",
    "question",
    "explanation",
    "title",
    "description",
    "url",
    "data",
    "query",
    "offset_text",
    "next_offset",
    "custom_title",
    "callback_query_id",
    "inline_query_id",
    "file_id",
    "parse_mode",
    "explanation_parse_mode",
    "question_parse_mode",
    "name",
    "short_description",
    "emoji",
    "business_connection_id",
];

/// A form value: JSON (objects, arrays, numbers, booleans) unless the key is textual.
fn form_value(key: &str, raw: String) -> Value {
    if STRING_KEYS.contains(&key) {
        return Value::String(raw);
    }
    serde_json::from_str(raw.trim()).unwrap_or(Value::String(raw))
}

fn parse_form(s: &str, into: &mut Map<String, Value>) {
    for pair in s.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k);
        let value = form_value(&key, percent_decode(v));
        into.insert(key, value);
    }
}

fn parse_multipart(body: &[u8], boundary: &str, into: &mut Map<String, Value>) {
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{boundary}");
    for part in text.split(delimiter.as_str()) {
        let part = part.strip_prefix("\r\n").unwrap_or(part);
        let Some((head, content)) = part.split_once("\r\n\r\n") else { continue };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        let header_param = |name: &str| {
            let key = format!("{name}=\"");
            let start = head.find(&key)? + key.len();
            head[start..].split('"').next().map(str::to_string)
        };
        let Some(name) = header_param("name") else { continue };
        let value = match header_param("filename") {
            Some(file_name) => serde_json::json!({"file_name": file_name, "size": content.len()}),
            None => form_value(&name, content.to_string()),
        };
        into.insert(name, value);
    }
    // teloxide (like Telegram's docs) uploads files as parts referenced by "attach://<part>".
    let parts = into.clone();
    let mut used = Vec::new();
    for value in into.values_mut() {
        resolve_attach(value, &parts, &mut used);
    }
    for name in used {
        into.remove(&name);
    }
}

fn resolve_attach(value: &mut Value, parts: &Map<String, Value>, used: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            if let Some(part) = s.strip_prefix("attach://").and_then(|n| parts.get_key_value(n)) {
                used.push(part.0.clone());
                *value = part.1.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| resolve_attach(v, parts, used)),
        Value::Object(obj) => obj.values_mut().for_each(|v| resolve_attach(v, parts, used)),
        _ => {}
    }
}

/// Merges query parameters and the body. Errors are Bot API descriptions.
pub fn parse_params(query: Option<&str>, content_type: &str, body: &[u8]) -> Result<Value, String> {
    let mut map = Map::new();
    if let Some(q) = query {
        parse_form(q, &mut map);
    }
    let ct = content_type.to_ascii_lowercase();
    let blank = body.iter().all(u8::is_ascii_whitespace);
    if blank {
        // nothing to add
    } else if ct.starts_with("application/x-www-form-urlencoded") {
        parse_form(&String::from_utf8_lossy(body), &mut map);
    } else if ct.starts_with("multipart/form-data") {
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("boundary="))
            .next()
            .map(|b| b.trim_matches('"').to_string())
            .ok_or("Bad Request: multipart boundary is missing")?;
        parse_multipart(body, &boundary, &mut map);
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(obj)) => map.extend(obj),
            Ok(Value::Null) => {}
            Ok(_) | Err(_) => return Err("Bad Request: can't parse JSON object".to_string()),
        }
    }
    Ok(Value::Object(map))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_form_query_and_empty() {
        let v = parse_params(None, "application/json", br#"{"chat_id":1,"text":"hi"}"#);
        assert_eq!(v, Ok(json!({"chat_id": 1, "text": "hi"})));
        let form = b"chat_id=-100&text=12&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D";
        let v = parse_params(Some("offset=5"), "application/x-www-form-urlencoded", form);
        let expected = json!({"offset": 5, "chat_id": -100, "text": "12", "reply_markup": {"inline_keyboard": []}});
        assert_eq!(v, Ok(expected));
        assert_eq!(parse_params(None, "", b""), Ok(json!({})));
        assert_eq!(parse_params(None, "application/json", b"null"), Ok(json!({})));
        assert!(parse_params(None, "application/json", b"{oops").is_err());
        assert_eq!(percent_decode("a+b%26c"), "a b&c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn multipart_fields_and_files() {
        let body = "--XX\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n42\r\n\
                    --XX\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\nattach://f1\r\n\
                    --XX\r\nContent-Disposition: form-data; name=\"f1\"; filename=\"a.txt\"\r\n\
                    Content-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n";
        let v = parse_params(None, "multipart/form-data; boundary=XX", body.as_bytes());
        assert_eq!(v, Ok(json!({"chat_id": 42, "document": {"file_name": "a.txt", "size": 5}})));
    }
}
