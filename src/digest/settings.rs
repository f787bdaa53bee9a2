//! `/settings` arguments: `time 07:30`, `tz Asia/Kolkata`, `daily`, `weekly mon`.

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;

use crate::i18n::{Lang, arg};

/// One change to a chat's digest settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsChange {
    Time(NaiveTime),
    Timezone(Tz),
    Daily,
    Weekly(Weekday),
    /// How long quiz polls stay open, in seconds (Telegram allows 5–600).
    QuizOpenPeriod(u32),
}

/// Why `/settings` arguments are not a change; [`SettingsError::text`] words it for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("{0:?} is not a time of day")]
    Time(String),
    #[error("{0:?} is not a known timezone")]
    Timezone(String),
    #[error("{0:?} is not a day of the week")]
    Weekday(String),
    #[error("{0:?} is not a poll duration of 5 to 600 seconds")]
    QuizOpenPeriod(String),
    #[error("unknown settings")]
    Usage,
}

impl SettingsError {
    /// The error in `lang`, as plain text (the usage line for anything unknown).
    pub fn text(&self, lang: Lang) -> String {
        let (id, value) = match self {
            SettingsError::Time(v) => ("settings-bad-time", v),
            SettingsError::Timezone(v) => ("settings-bad-tz", v),
            SettingsError::Weekday(v) => ("settings-bad-day", v),
            SettingsError::QuizOpenPeriod(v) => ("settings-bad-quiz", v),
            SettingsError::Usage => return lang.t("settings-usage"),
        };
        lang.tr(id, &[arg("value", value.as_str())])
    }
}

/// Parses the arguments of `/settings`; `Ok(None)` means "show the settings".
pub fn parse(args: &str) -> Result<Option<SettingsChange>, SettingsError> {
    let mut words = args.split_whitespace();
    let Some(first) = words.next() else { return Ok(None) };
    let rest: Vec<&str> = words.collect();
    let change = match (first.to_lowercase().as_str(), rest.as_slice()) {
        ("time", [value]) => SettingsChange::Time(
            NaiveTime::parse_from_str(value, "%H:%M").map_err(|_| SettingsError::Time((*value).to_owned()))?,
        ),
        ("tz" | "timezone", [value]) => {
            SettingsChange::Timezone(value.parse::<Tz>().map_err(|_| SettingsError::Timezone((*value).to_owned()))?)
        }
        ("daily", []) => SettingsChange::Daily,
        ("weekly", [day]) => {
            SettingsChange::Weekly(day.parse::<Weekday>().map_err(|_| SettingsError::Weekday((*day).to_owned()))?)
        }
        ("weekly", []) => SettingsChange::Weekly(Weekday::Mon),
        ("quiz", [secs]) => match secs.trim_end_matches('s').parse::<u32>() {
            Ok(n) if (5..=600).contains(&n) => SettingsChange::QuizOpenPeriod(n),
            _ => return Err(SettingsError::QuizOpenPeriod((*secs).to_owned())),
        },
        _ => return Err(SettingsError::Usage),
    };
    Ok(Some(change))
}

/// Whether `/settings` arguments (after an optional `@channel`) change something rather than show it.
pub fn parse_after_channel(args: &str) -> bool {
    let mut words = args.split_whitespace().peekable();
    if words.peek().is_some_and(|w| w.starts_with('@')) {
        words.next();
    }
    words.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_forms_parse() {
        assert_eq!(parse("time 07:30"), Ok(Some(SettingsChange::Time(NaiveTime::from_hms_opt(7, 30, 0).unwrap()))));
        assert_eq!(parse("tz Asia/Kolkata"), Ok(Some(SettingsChange::Timezone(Tz::Asia__Kolkata))));
        assert_eq!(parse("daily"), Ok(Some(SettingsChange::Daily)));
        assert_eq!(parse("weekly mon"), Ok(Some(SettingsChange::Weekly(Weekday::Mon))));
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("quiz 45"), Ok(Some(SettingsChange::QuizOpenPeriod(45))));
        assert!(parse("quiz 3").unwrap_err().text(Lang::En).contains("5 to 600"));
    }

    #[test]
    fn a_bad_timezone_gets_a_clear_error() {
        let err = parse("tz Mars/Olympus").unwrap_err();
        assert_eq!(err, SettingsError::Timezone("Mars/Olympus".into()));
        let (en, ru) = (err.text(Lang::En), err.text(Lang::Ru));
        assert!(en.contains("“Mars/Olympus”") && en.contains("IANA"), "{en}");
        assert!(ru.contains("«Mars/Olympus»") && ru.contains("Часового пояса"), "{ru}");
    }

    #[test]
    fn a_bad_time_or_unknown_setting_says_how_to_write_it() {
        assert!(parse("time 25:00").unwrap_err().text(Lang::En).contains("HH:MM"));
        assert!(parse("time 25:00").unwrap_err().text(Lang::Ru).contains("ЧЧ:ММ"));
        assert_eq!(parse("volume 11").unwrap_err(), SettingsError::Usage);
        assert!(SettingsError::Usage.text(Lang::En).starts_with("Usage: /settings time 07:30"));
        assert!(SettingsError::Usage.text(Lang::Ru).starts_with("Использование: /settings"));
    }
}
