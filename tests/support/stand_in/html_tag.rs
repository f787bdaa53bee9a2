//! Start-tag, attribute and character-entity scanning for the Telegram HTML parser.

use super::html::PARSE_ERROR_PREFIX;

const TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
];

pub(super) struct Open {
    pub tag: String,
    pub arg: String,
    pub expandable: bool,
    pub start: usize,
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\0')
}

/// Decodes `&lt;` `&gt;` `&amp;` `&quot;` `&#NNN;` `&#xHH;` at `at`; returns the char and the index after `;`.
pub(super) fn decode_entity(s: &str, at: usize) -> Option<(char, usize)> {
    let rest = s.get(at + 1..)?;
    let semi = rest.find(';')?;
    let name = &rest[..semi];
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((ch, at + 1 + semi + 1))
}

pub(super) fn err(msg: String) -> String {
    format!("{PARSE_ERROR_PREFIX}{msg}")
}

pub(super) fn parse_start_tag(input: &str, begin: usize, start: usize) -> Result<(Open, usize), String> {
    let b = input.as_bytes();
    let mut i = begin + 1;
    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
        i += 1;
    }
    if i >= b.len() {
        return Err(err(format!("Unclosed start tag at byte offset {begin}")));
    }
    let tag = input[begin + 1..i].to_ascii_lowercase();
    if !TAGS.contains(&tag.as_str()) {
        return Err(err(format!("Unsupported start tag \"{tag}\" at byte offset {begin}")));
    }
    let mut open = Open { tag, arg: String::new(), expandable: false, start };
    let mut has_href = false;
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return Err(err(format!("Unclosed start tag at byte offset {begin}")));
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        let name_begin = i;
        while i < b.len() && !is_space(b[i]) && b[i] != b'=' && b[i] != b'>' {
            i += 1;
        }
        let name = input[name_begin..i].to_ascii_lowercase();
        if name.is_empty() {
            let tag = &open.tag;
            return Err(err(format!("Empty attribute name in the tag \"{tag}\" at byte offset {begin}")));
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            if open.tag == "blockquote" && name == "expandable" {
                open.expandable = true;
                continue;
            }
            let tag = &open.tag;
            return Err(err(format!(
                "Expected equal sign in declaration of an attribute of the tag \"{tag}\" at byte offset {begin}"
            )));
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = String::new();
        match b.get(i) {
            None => return Err(err(format!("Unclosed start tag at byte offset {begin}"))),
            Some(&q) if q == b'"' || q == b'\'' => {
                i += 1;
                let close = b[i..].iter().position(|c| *c == q).map(|p| i + p);
                let Some(close) = close else {
                    return Err(err(format!("Unclosed start tag at byte offset {begin}")));
                };
                let raw = &input[i..close];
                let mut j = 0;
                while let Some(amp) = raw[j..].find('&').map(|p| j + p) {
                    value.push_str(&raw[j..amp]);
                    let (ch, next) = decode_entity(raw, amp).unwrap_or(('&', amp + 1));
                    value.push(ch);
                    j = next;
                }
                value.push_str(&raw[j..]);
                i = close + 1;
            }
            Some(_) => {
                let token_begin = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'-') {
                    i += 1;
                }
                value = input[token_begin..i].to_ascii_lowercase();
                if i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    return Err(err(format!("Unexpected end of name token at byte offset {token_begin}")));
                }
            }
        }
        match (open.tag.as_str(), name.as_str()) {
            ("a", "href") => {
                has_href = true;
                open.arg = value;
            }
            ("code", "class") => {
                if let Some(lang) = value.strip_prefix("language-") {
                    open.arg = lang.to_string();
                }
            }
            ("span", "class") | ("tg-emoji", "emoji-id") => open.arg = value,
            ("blockquote", "expandable") => open.expandable = true,
            _ => {}
        }
    }
    match open.tag.as_str() {
        "span" if open.arg != "tg-spoiler" => {
            Err(err(format!("Tag \"span\" must have class \"tg-spoiler\" at byte offset {begin}")))
        }
        "a" if !has_href || open.arg.trim().is_empty() => {
            Err(err(format!("Tag \"a\" must have attribute \"href\" at byte offset {begin}")))
        }
        "tg-emoji" if open.arg.is_empty() || !open.arg.bytes().all(|c| c.is_ascii_digit()) => {
            Err(err("Invalid custom emoji identifier specified".to_string()))
        }
        _ => Ok((open, i)),
    }
}
