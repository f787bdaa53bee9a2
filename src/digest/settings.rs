//! `/settings` arguments: `time 07:30`, `tz Asia/Kolkata`, `daily`, `weekly mon`.

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;

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

/// The usage line shown with every settings error.
pub const USAGE: &str = "Usage: /settings time 07:30 · /settings tz Asia/Kolkata · /settings daily · /settings weekly mon · /settings quiz 45";

/// Parses the arguments of `/settings`; `Ok(None)` means "show the settings".
pub fn parse(args: &str) -> Result<Option<SettingsChange>, String> {
    let mut words = args.split_whitespace();
    let Some(first) = words.next() else { return Ok(None) };
    let rest: Vec<&str> = words.collect();
    let change = match (first.to_lowercase().as_str(), rest.as_slice()) {
        ("time", [value]) => SettingsChange::Time(
            NaiveTime::parse_from_str(value, "%H:%M")
                .map_err(|_| format!("“{value}” is not a time of day. Write it as HH:MM, for example 07:30."))?,
        ),
        ("tz" | "timezone", [value]) => SettingsChange::Timezone(value.parse::<Tz>().map_err(|_| {
            format!("“{value}” is not a timezone I know. Use an IANA name such as Europe/Moscow, Asia/Kolkata or UTC.")
        })?),
        ("daily", []) => SettingsChange::Daily,
        ("weekly", [day]) => SettingsChange::Weekly(
            day.parse::<Weekday>()
                .map_err(|_| format!("“{day}” is not a day of the week. Use mon, tue, wed, thu, fri, sat or sun."))?,
        ),
        ("weekly", []) => SettingsChange::Weekly(Weekday::Mon),
        ("quiz", [secs]) => match secs.trim_end_matches('s').parse::<u32>() {
            Ok(n) if (5..=600).contains(&n) => SettingsChange::QuizOpenPeriod(n),
            _ => {
                return Err(format!(
                    "“{secs}” is not a poll duration. Give seconds from 5 to 600, for example /settings quiz 45."
                ));
            }
        },
        _ => return Err(USAGE.to_owned()),
    };
    Ok(Some(change))
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
        assert!(parse("quiz 3").unwrap_err().contains("5 to 600"));
    }

    #[test]
    fn a_bad_timezone_gets_a_clear_error() {
        let err = parse("tz Mars/Olympus").unwrap_err();
        assert!(err.contains("Mars/Olympus") && err.contains("IANA"), "{err}");
    }

    #[test]
    fn a_bad_time_or_unknown_setting_says_how_to_write_it() {
        assert!(parse("time 25:00").unwrap_err().contains("HH:MM"));
        assert_eq!(parse("volume 11").unwrap_err(), USAGE);
    }
}

/// Whether `/settings` arguments (after an optional `@channel`) change something rather than show it.
pub fn parse_after_channel(args: &str) -> bool {
    let mut words = args.split_whitespace().peekable();
    if words.peek().is_some_and(|w| w.starts_with('@')) {
        words.next();
    }
    words.next().is_some()
}
