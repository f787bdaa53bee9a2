//! Telegram HTML: every string from a user or a document is escaped here, and nowhere else.

use super::{printable, split};
use crate::reply::{Block, Reply, Span};

/// Telegram's limit on a message, in UTF-16 code units after entity parsing.
pub const MESSAGE_LIMIT: usize = 4096;

/// Escapes text for Telegram HTML (text nodes and attribute values).
pub fn escape(s: &str) -> String {
    let s = printable(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn span(span: &Span, out: &mut String) {
    let (open, close) = match span {
        // An unresolved deep link (no bot name known) shows as its text.
        Span::Text(_) | Span::DeepLink { .. } => ("", ""),
        Span::Bold(_) => ("<b>", "</b>"),
        Span::Italic(_) => ("<i>", "</i>"),
        Span::Code(_) => ("<code>", "</code>"),
        Span::Link { url, .. } => {
            out.push_str("<a href=\"");
            out.push_str(&escape(url));
            out.push_str("\">");
            ("", "</a>")
        }
    };
    out.push_str(open);
    out.push_str(&escape(span.text()));
    out.push_str(close);
}

fn spans(spans: &[Span], out: &mut String) {
    for s in spans {
        span(s, out);
    }
}

/// Whether a block shows anything (Telegram refuses messages that are empty after trimming).
fn has_visible_text(block: &Block) -> bool {
    match block {
        Block::Line(spans) | Block::Quote(spans) => {
            spans.iter().any(|s| printable(s.text()).chars().any(|c| !c.is_whitespace()))
        }
        Block::Blank => false,
    }
}

/// Renders blocks as one Telegram HTML message body.
pub fn render_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        let last = i + 1 == blocks.len();
        match block {
            Block::Line(line) => {
                spans(line, &mut out);
                if !last {
                    out.push('\n');
                }
            }
            Block::Quote(quote) => {
                out.push_str("<blockquote>");
                spans(quote, &mut out);
                out.push_str("</blockquote>");
            }
            Block::Blank => {
                if !last {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Renders a reply as Telegram HTML messages, each within [`MESSAGE_LIMIT`], split between blocks or
/// at sentence boundaries, never inside a tag.
pub fn render(reply: &Reply) -> Vec<String> {
    split::pages(&reply.blocks, MESSAGE_LIMIT - 96)
        .iter()
        .filter(|page| page.iter().any(has_visible_text))
        .map(|page| render_blocks(page))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{bold, text};

    #[test]
    fn user_and_document_text_is_escaped() {
        let reply = Reply::default().line(vec![bold("<b>&"), text("<script>\"x\"</script>")]);
        assert_eq!(render(&reply), vec!["<b>&lt;b&gt;&amp;</b>&lt;script&gt;&quot;x&quot;&lt;/script&gt;"]);
    }

    #[test]
    fn nul_and_control_characters_are_dropped() {
        assert_eq!(escape("a\0b\u{7}c\nd"), "abc\nd");
    }

    #[test]
    fn quotes_become_blockquotes() {
        let mut reply = Reply::text("Facts:");
        reply.push_quote(vec![text("Trade grew.")]);
        assert_eq!(render(&reply), vec!["Facts:\n<blockquote>Trade grew.</blockquote>"]);
    }

    #[test]
    fn link_urls_are_escaped_inside_the_attribute() {
        let reply =
            Reply::default().line(vec![Span::Link { text: "a".into(), url: "https://t.me/x?a=1&b=\"2\"".into() }]);
        assert_eq!(render(&reply)[0], "<a href=\"https://t.me/x?a=1&amp;b=&quot;2&quot;\">a</a>");
    }
}
