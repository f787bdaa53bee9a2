//! Telegram's HTML parse mode (TDLib's parser, made strict as the Bot API docs demand): errors, plain text and entities.

use serde_json::{Value, json};

use super::html_tag::{Open, decode_entity, err, is_space, parse_start_tag};

/// Prefix Telegram puts in front of every entity parsing error.
pub const PARSE_ERROR_PREFIX: &str = "Bad Request: can't parse entities: ";

/// Result of parsing a formatted text: the plain text and its entities (Bot API JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub text: String,
    pub entities: Vec<Value>,
}

/// UTF-16 length, the unit Telegram uses for lengths and entity offsets.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Parses Telegram HTML. `strict` rejects bare `>` and `&` (the Bot API docs forbid them;
/// TDLib itself tolerates them). Errors are complete Bot API descriptions.
pub fn parse_html(input: &str, strict: bool) -> Result<Parsed, String> {
    let b = input.as_bytes();
    let mut out = String::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut entities: Vec<(usize, usize, Value)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'&' => match decode_entity(input, i) {
                Some((ch, next)) => {
                    out.push(ch);
                    i = next;
                }
                None if strict => {
                    return Err(err(format!("Unescaped \"&\" at byte offset {i}; use &amp;")));
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            b'>' if strict => {
                return Err(err(format!("Unescaped \">\" at byte offset {i}; use &gt;")));
            }
            b'<' if b.get(i + 1) == Some(&b'/') => {
                let begin = i;
                let Some(open) = stack.pop() else {
                    return Err(err(format!("Unexpected end tag at byte offset {begin}")));
                };
                i += 2;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                let name = input[begin + 2..i].to_ascii_lowercase();
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                if i >= b.len() || b[i] != b'>' {
                    return Err(err(format!("Unclosed end tag at byte offset {begin}")));
                }
                i += 1;
                if !name.is_empty() && name != open.tag {
                    return Err(err(format!(
                        "Unmatched end tag at byte offset {begin}, expected \"</{}>\", found \"</{name}>\"",
                        open.tag
                    )));
                }
                close_entity(open, &out, &stack, &mut entities);
            }
            b'<' => {
                let (open, next) = parse_start_tag(input, i, utf16_len(&out))?;
                stack.push(open);
                i = next;
            }
            _ => {
                let end =
                    b[i + 1..].iter().position(|c| matches!(c, b'<' | b'>' | b'&')).map_or(b.len(), |p| i + 1 + p);
                out.push_str(&input[i..end]);
                i = end;
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(err(format!("Can't find end tag corresponding to start tag \"{}\"", open.tag)));
    }
    entities.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let entities = entities
        .into_iter()
        .map(|(offset, length, mut kind)| {
            kind["offset"] = json!(offset);
            kind["length"] = json!(length);
            kind
        })
        .collect();
    Ok(Parsed { text: out, entities })
}

fn close_entity(open: Open, out: &str, stack: &[Open], entities: &mut Vec<(usize, usize, Value)>) {
    let length = utf16_len(out) - open.start;
    if length == 0 {
        return;
    }
    let kind = match open.tag.as_str() {
        "b" | "strong" => json!({"type": "bold"}),
        "i" | "em" => json!({"type": "italic"}),
        "u" | "ins" => json!({"type": "underline"}),
        "s" | "strike" | "del" => json!({"type": "strikethrough"}),
        "span" | "tg-spoiler" => json!({"type": "spoiler"}),
        "tg-emoji" => json!({"type": "custom_emoji", "custom_emoji_id": open.arg}),
        "blockquote" if open.expandable => json!({"type": "expandable_blockquote"}),
        "blockquote" => json!({"type": "blockquote"}),
        "a" if looks_like_url(&open.arg) => json!({"type": "text_link", "url": open.arg}),
        "a" => return, // Telegram silently drops links it cannot parse
        "code" if stack.last().is_some_and(|p| p.tag == "pre") => {
            if open.arg.is_empty() {
                return; // plain `<pre><code>`: the `pre` entity covers it
            }
            // `<pre><code class="language-x">` becomes one `pre` entity with a language.
            json!({"type": "pre", "language": open.arg})
        }
        "code" => json!({"type": "code"}),
        "pre" => {
            let inner = entities.iter().position(|e| e.0 == open.start && e.1 == length && e.2["type"] == "pre");
            if inner.is_some() {
                return; // the inner `<code class="language-x">` already produced it
            }
            json!({"type": "pre"})
        }
        _ => return,
    };
    entities.push((open.start, length, kind));
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    match s.split_once(':') {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'-')
                && !rest.is_empty()
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
