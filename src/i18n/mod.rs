//! Interface language: the `Lang` of a chat and its messages, looked up in the Fluent files under
//! `data/locales/` (embedded at build time).
//!
//! Messages are written in a small subset of Telegram HTML (`<b>`, `<i>`, `<code>`, `&amp;`, `&lt;`, `&gt;`).
//! Arguments are escaped before they are placed, and [`Lang::spans`] turns the result back into the core's
//! raw [`Span`](crate::reply::Span)s, which adapters escape again when they render.

mod locales;
mod markup;

pub use fluent_bundle::FluentValue;
pub use locales::{MESSAGE_SOURCES, message_ids};

use crate::reply::Span;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The language for a Telegram `language_code` ("ru", "ru-RU" → Russian; anything else → English).
    pub fn from_code(code: Option<&str>) -> Lang {
        match code {
            Some(code) if code.trim().to_lowercase().starts_with("ru") => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// The language an explicit `/lang` argument names, if any.
    pub fn parse(arg: &str) -> Option<Lang> {
        match arg.trim().to_lowercase().as_str() {
            "en" | "english" | "английский" => Some(Lang::En),
            "ru" | "russian" | "русский" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The stored code (`chats.language`) and Telegram's `language_code`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// A message without arguments, as plain text.
    pub fn t(self, id: &str) -> String {
        self.tr(id, &[])
    }

    /// A message with arguments, as plain text (markup dropped, entities decoded).
    pub fn tr(self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        markup::plain(&self.spans(id, args))
    }

    /// A message with arguments, as styled spans.
    pub fn spans(self, id: &str, args: &[(&str, FluentValue<'_>)]) -> Vec<Span> {
        markup::parse(&locales::format(self, id, args))
    }

    /// The message in its markup form, arguments escaped: what tests check as Telegram HTML.
    pub fn markup(self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        locales::format(self, id, args)
    }

    /// The name to show for something with an English name and perhaps a Russian one.
    pub fn pick<'a>(self, en: &'a str, ru: Option<&'a str>) -> &'a str {
        match (self, ru) {
            (Lang::Ru, Some(ru)) if !ru.is_empty() => ru,
            _ => en,
        }
    }
}

/// Shorthand for one message argument.
pub fn arg<'a>(name: &'a str, value: impl Into<FluentValue<'a>>) -> (&'a str, FluentValue<'a>) {
    (name, value.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{bold, code, text};

    #[test]
    fn russian_language_codes_give_russian() {
        assert_eq!(Lang::from_code(Some("ru")), Lang::Ru);
        assert_eq!(Lang::from_code(Some("ru-RU")), Lang::Ru);
        assert_eq!(Lang::from_code(Some("uk")), Lang::En);
        assert_eq!(Lang::from_code(None), Lang::En);
    }

    #[test]
    fn arguments_are_placed_without_isolation_marks() {
        assert_eq!(
            Lang::En.tr("usage", &[arg("command", "country"), arg("example", "India")]),
            "Usage: /country NAME — for example /country India"
        );
    }

    #[test]
    fn markup_in_arguments_stays_text() {
        let spans = Lang::En.spans("names-not-mentioned", &[arg("name", "<b>x</b> & y")]);
        assert!(spans.contains(&bold("<b>x</b> & y")), "{spans:?}");
    }

    #[test]
    fn code_markup_becomes_a_code_span() {
        assert_eq!(Lang::Ru.spans("welcome-ask", &[]), vec![bold("Спрашивайте")]);
        assert_eq!(Lang::En.spans("welcome-follow-how", &[])[1], code("/subscribe"));
        assert_eq!(Lang::En.spans("welcome-help", &[]), vec![text("/help lists every command.")]);
    }

    #[test]
    fn a_missing_message_falls_back_to_its_key() {
        assert_eq!(Lang::Ru.t("no-such-message"), "no-such-message");
    }

    #[test]
    fn russian_plurals_follow_russian_rules() {
        assert_eq!(Lang::Ru.tr("count-facts", &[arg("count", 1)]), "1 факт");
        assert_eq!(Lang::Ru.tr("count-facts", &[arg("count", 3)]), "3 факта");
        assert_eq!(Lang::Ru.tr("count-facts", &[arg("count", 5)]), "5 фактов");
        assert_eq!(Lang::En.tr("count-facts", &[arg("count", 1)]), "1 fact");
        assert_eq!(Lang::En.tr("count-facts", &[arg("count", 12)]), "12 facts");
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        assert_eq!(message_ids(Lang::En), message_ids(Lang::Ru));
    }
}
