//! The small markup of messages (`<b>`, `<i>`, `<code>` and `&amp;` `&lt;` `&gt;` `&quot;`) to spans and back.

use crate::reply::{Span, bold, code, italic, text};

/// Escapes text so that it reads as itself inside markup.
pub fn escape(raw: &str) -> String {
    raw.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn unescape(marked: &str) -> String {
    marked.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// Spans from markup; an unknown tag is kept as text.
pub fn parse(marked: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut style: Option<&str> = None;
    let mut rest = marked;
    let mut buf = String::new();
    let flush = |buf: &mut String, style: Option<&str>, spans: &mut Vec<Span>| {
        if buf.is_empty() {
            return;
        }
        let raw = unescape(buf);
        spans.push(match style {
            Some("b") => bold(raw),
            Some("i") => italic(raw),
            Some("code") => code(raw),
            _ => text(raw),
        });
        buf.clear();
    };
    while let Some(at) = rest.find('<') {
        buf.push_str(&rest[..at]);
        let after = &rest[at..];
        let tag = ["<b>", "<i>", "<code>", "</b>", "</i>", "</code>"].into_iter().find(|t| after.starts_with(t));
        match tag {
            Some(tag) => {
                flush(&mut buf, style, &mut spans);
                style = if tag.starts_with("</") { None } else { Some(tag.trim_matches(['<', '>'])) };
                rest = &after[tag.len()..];
            }
            None => {
                buf.push('<');
                rest = &after[1..];
            }
        }
    }
    buf.push_str(rest);
    flush(&mut buf, style, &mut spans);
    spans
}

/// The text of spans without their styles.
pub fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Text(t) | Span::Bold(t) | Span::Italic(t) | Span::Code(t) => t.as_str(),
            Span::Link { text, .. } | Span::DeepLink { text, .. } => text.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styled_runs_become_styled_spans() {
        assert_eq!(parse("a <b>b</b> <code>/c</code>"), vec![text("a "), bold("b"), text(" "), code("/c")]);
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(parse("&amp;lt; &lt;b&gt;"), vec![text("&lt; <b>")]);
    }
}
