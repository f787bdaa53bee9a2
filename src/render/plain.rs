//! Plain text for the terminal: no markup, quotes indented.

use super::printable;
use crate::reply::{Action, Block, Reply, Span};

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Link { text, url } if !url.starts_with("https://t.me/") => format!("{text} <{url}>"),
            // In the terminal a deep link is the command that opens the same card.
            Span::DeepLink { payload, .. } => format!("/start {payload}"),
            other => other.text().to_owned(),
        })
        .collect()
}

impl Reply {
    /// All text of the reply without styling, as the terminal shows it (for tests and logs). Defined here so
    /// the core's `Reply` knows nothing of its renderers.
    pub fn plain_text(&self) -> String {
        render(self)
    }
}

/// Renders a reply for a terminal.
pub fn render(reply: &Reply) -> String {
    let mut lines = Vec::new();
    for block in &reply.blocks {
        match block {
            Block::Line(line) => lines.push(spans(line)),
            Block::Quote(quote) => lines.push(format!("  “{}”", spans(quote))),
            Block::Blank => lines.push(String::new()),
        }
    }
    for row in &reply.keyboard {
        let buttons: Vec<String> = row
            .iter()
            .map(|b| match &b.action {
                Action::Callback(_) => format!("[{}]", b.text),
                Action::Url(url) => format!("[{} → {url}]", b.text),
                Action::BotLink { .. } => format!("[{}]", b.text),
            })
            .collect();
        lines.push(buttons.join(" "));
    }
    if let Some(poll) = &reply.poll {
        lines.push(format!("❓ {}", poll.question));
        for (i, option) in poll.options.iter().enumerate() {
            lines.push(format!("  {}. {option}", i + 1));
        }
    }
    printable(&lines.join("\n")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{bold, text};

    #[test]
    fn quotes_are_shown_in_quotation_marks() {
        let mut reply = Reply::default().line(vec![bold("India"), text(" — 1 fact")]);
        reply.push_quote(vec![text("Modi visited Russia.")]);
        assert_eq!(render(&reply), "India — 1 fact\n  “Modi visited Russia.”");
    }
}
