//! `/start`: a short, friendly tour: what to ask, how to subscribe, how to quiz a group.

use crate::{
    i18n::Lang,
    reply::{Action, Button, Reply},
};

pub fn reply(lang: Lang) -> Reply {
    let line = |id: &str| lang.spans(id, &[]);
    Reply::default()
        .line(line("welcome-intro"))
        .line(vec![])
        .line(line("welcome-ask"))
        .line(line("welcome-ask-examples"))
        .line(line("welcome-ask-free"))
        .line(vec![])
        .line(line("welcome-follow"))
        .line(line("welcome-follow-how"))
        .line(vec![])
        .line(line("welcome-play"))
        .line(line("welcome-play-how"))
        .line(vec![])
        .line(line("welcome-help"))
        .with_buttons(vec![Button {
            text: lang.t("welcome-add-to-group"),
            action: Action::BotLink { payload: "tour".into(), group: true },
        }])
}
