//! Filling in the bot's name: deep links and "add to group" buttons become `https://t.me/<bot>?…` URLs.

use crate::reply::{Action, Block, Reply, Span};

/// The reply with every deep link and bot link resolved for `bot_username`.
pub fn resolve(reply: &Reply, bot_username: &str) -> Reply {
    let url = |payload: &str, group: bool| {
        let param = if group { "startgroup" } else { "start" };
        format!("https://t.me/{bot_username}?{param}={payload}")
    };
    let span = |s: &Span| match s {
        Span::DeepLink { text, payload } => Span::Link { text: text.clone(), url: url(payload, false) },
        other => other.clone(),
    };
    let mut out = reply.clone();
    for block in &mut out.blocks {
        if let Block::Line(spans) | Block::Quote(spans) = block {
            *spans = spans.iter().map(span).collect();
        }
    }
    for button in out.keyboard.iter_mut().flatten() {
        if let Action::BotLink { payload, group } = &button.action {
            button.action = Action::Url(url(payload, *group));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Button;

    #[test]
    fn deep_links_and_group_buttons_point_at_the_bot() {
        let reply = Reply::default()
            .line(vec![Span::DeepLink { text: "India".into(), payload: "country-IN".into() }])
            .with_buttons(vec![Button {
                text: "Add".into(),
                action: Action::BotLink { payload: "tour".into(), group: true },
            }]);
        let resolved = resolve(&reply, "dossier_bot");
        assert_eq!(
            resolved.blocks[0],
            Block::Line(vec![Span::Link {
                text: "India".into(),
                url: "https://t.me/dossier_bot?start=country-IN".into()
            }])
        );
        assert_eq!(resolved.keyboard[0][0].action, Action::Url("https://t.me/dossier_bot?startgroup=tour".into()));
    }
}
