//! Every localised message, in English and Russian, filled with arguments that need escaping, is HTML that
//! Telegram accepts; both languages have the same messages.

use dossier::i18n::{FluentValue, Lang, arg, message_ids};

use crate::support::stand_in::html::parse_html;

/// Every argument any message takes, with values that need escaping.
fn sample_args() -> Vec<(&'static str, FluentValue<'static>)> {
    let hostile = "<b>A & B</b> \"x\"";
    vec![
        arg("command", "country"),
        arg("example", "India"),
        arg("name", hostile),
        arg("query", hostile),
        arg("words", hostile),
        arg("count", 3),
        arg("schedule", hostile),
        arg("since", hostile),
        arg("why", hostile),
        arg("time", "09:00"),
        arg("tz", "Europe/Moscow"),
        arg("day", hostile),
        arg("secs", 45),
        arg("handle", "@channel"),
        arg("correct", 2),
        arg("answered", 3),
        arg("score", hostile),
        arg("max", 20),
        arg("topic", hostile),
        arg("topics", hostile),
        arg("asked", 2),
        arg("total", 5),
        arg("id", "42"),
        arg("bot", "dossier_bot"),
        arg("answer", hostile),
        arg("facts", hostile),
        arg("value", hostile),
        arg("chats", 7),
        arg("unreachable", 1),
        arg("documents", 2),
        arg("sent", 4),
        arg("names", "Lavrov & Japan"),
        arg("what", "a <date>"),
        arg("month", "July"),
        arg("year", "2024"),
        arg("errors", 0),
        arg("waiting", 1),
        arg("url", hostile),
        arg("minutes", 10),
        arg("error", hostile),
    ]
}

#[test]
fn every_localised_message_is_valid_telegram_html() {
    for lang in Lang::ALL {
        let ids = message_ids(lang);
        assert!(ids.len() > 40, "{lang:?} has only {} messages", ids.len());
        for id in ids {
            let text = lang.markup(&id, &sample_args());
            assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'), "{lang:?} {id}: isolation marks");
            assert!(!text.contains("{ $") && !text.contains("{$"), "{lang:?} {id}: unfilled argument in {text:?}");
            if let Err(e) = parse_html(&text, true) {
                panic!("{lang:?} {id} is not valid Telegram HTML: {e}\n{text}");
            }
        }
    }
}

#[test]
fn english_and_russian_have_the_same_message_ids() {
    assert_eq!(message_ids(Lang::En), message_ids(Lang::Ru));
}
