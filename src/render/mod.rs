//! Turning a core `Reply` into text for a platform: Telegram HTML (split into messages) or plain text.

pub mod html;
pub mod links;
pub mod plain;
pub mod split;

/// Removes control characters that no chat can show (NUL and friends), keeping newlines and tabs.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_unprintable) {
        s.chars().filter(|c| !is_unprintable(*c)).collect::<String>().into()
    } else {
        s.into()
    }
}

fn is_unprintable(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}
