//! Date figures: "May 2024", "12 May 2024", "May 12, 2024", "мая 2024 года", "last October", "in July", years.

use std::sync::LazyLock;

use regex::Regex;

use super::figures::{Candidate, compile, figure, has_cyrillic, rank};
use super::model::FigureKind;
use super::numbers::B;

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTHS_SHORT: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

static FULL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"{B}(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{MONTHS}|{MONTHS_SHORT})\.?(?:\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?,?)?\s+(?P<year>[0-9]{{4}}){B}"
    ))
});
static RUSSIAN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:(?P<d1>[0-9]{1,2})\s+)?(?P<mon>январ[а-яё]*|феврал[а-яё]*|март[а-яё]*|апрел[а-яё]*|ма[йяею]|июн[а-яё]*|июл[а-яё]*|август[а-яё]*|сентябр[а-яё]*|октябр[а-яё]*|ноябр[а-яё]*|декабр[а-яё]*)\s+(?P<year>[0-9]{4})(?:\s?(?:года|год|г\b))?",
    )
});
static MONTH_ONLY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"{B}(?P<mod>(?i:early|late|mid|last|next|this|since|until|till|by|in|on|during|from|of|through))[\s-]+(?P<mon>{MONTHS}){B}"
    ))
});
static YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| compile(&format!(r"{B}(?:18|19|20)[0-9]{{2}}{B}")));

/// Month number of an English or Russian month name.
fn month_number(name: &str) -> Option<u32> {
    const EN: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const RU: [&str; 12] = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];
    let lower = name.to_lowercase();
    let pos = EN.iter().position(|m| lower.starts_with(m)).or_else(|| RU.iter().position(|m| lower.starts_with(m)))?;
    u32::try_from(pos + 1).ok()
}

fn day(s: Option<regex::Match<'_>>) -> u32 {
    s.and_then(|m| m.as_str().parse::<u32>().ok()).filter(|d| (1..=31).contains(d)).unwrap_or(0)
}

fn iso(year: u32, month: u32, day: u32) -> (f64, String) {
    let value = f64::from(year) * 10_000.0 + f64::from(month) * 100.0 + f64::from(day);
    let unit = match (month, day) {
        (0, _) => format!("{year:04}"),
        (m, 0) => format!("{year:04}-{m:02}"),
        (m, d) => format!("{year:04}-{m:02}-{d:02}"),
    };
    (value, unit)
}

fn push(out: &mut Vec<Candidate>, s: &str, start: usize, end: usize, (value, unit): (f64, String), rank: u8) {
    out.push(Candidate { figure: figure(FigureKind::Date, value, unit, s, start, end), rank });
}

/// All candidate dates of `s`.
pub(super) fn date_candidates(s: &str, out: &mut Vec<Candidate>) {
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        let russian = RUSSIAN.as_ref().filter(|_| has_cyrillic(s));
        for re in [FULL.as_ref(), russian].into_iter().flatten() {
            for c in re.captures_iter(s) {
                let (Some(m), Some(mon), Some(year)) = (c.get(0), c.name("mon"), c.name("year")) else { continue };
                let (Some(month), Ok(year)) = (month_number(mon.as_str()), year.as_str().parse::<u32>()) else {
                    continue;
                };
                let d = day(c.name("d1").or_else(|| c.name("d2")));
                push(out, s, m.start(), m.end(), iso(year, month, d), rank::DATE_FULL);
            }
        }
        if let Some(re) = YEAR.as_ref() {
            for m in re.find_iter(s) {
                let Ok(year) = m.as_str().parse::<u32>() else { continue };
                let digit = |c: char| c.is_ascii_digit();
                let after = s.get(m.end()..).unwrap_or("");
                let before = s.get(..m.start()).unwrap_or("");
                let part_of_number = (after.starts_with([',', '.'])
                    && after.get(1..).is_some_and(|a| a.starts_with(digit)))
                    || (before.ends_with([',', '.'])
                        && before.get(..before.len().saturating_sub(1)).is_some_and(|b| b.ends_with(digit)));
                if part_of_number {
                    continue;
                }
                push(out, s, m.start(), m.end(), iso(year, 0, 0), rank::DATE_YEAR);
            }
        }
    }
    if let Some(re) = MONTH_ONLY.as_ref() {
        for c in re.captures_iter(s) {
            let (Some(m), Some(modifier), Some(mon)) = (c.get(0), c.name("mod"), c.name("mon")) else { continue };
            let Some(month) = month_number(mon.as_str()) else { continue };
            let keep_modifier = matches!(
                modifier.as_str().to_lowercase().as_str(),
                "early" | "late" | "mid" | "last" | "next" | "this"
            );
            let start = if keep_modifier { m.start() } else { mon.start() };
            let value = f64::from(month) * 100.0;
            push(out, s, start, m.end(), (value, format!("--{month:02}")), rank::DATE_MONTH);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::figures::extract_figures;
    use super::*;

    fn dates(s: &str) -> Vec<(String, String)> {
        extract_figures(s).into_iter().filter(|f| f.kind == FigureKind::Date).map(|f| (f.text, f.unit)).collect()
    }

    #[test]
    fn month_and_year_become_iso_months() {
        assert_eq!(dates("It was held in November 2024."), vec![("November 2024".into(), "2024-11".into())]);
    }

    #[test]
    fn full_dates_in_both_orders_keep_the_day() {
        assert_eq!(
            dates("On 12 May 2024 and May 13, 2024."),
            vec![("12 May 2024".into(), "2024-05-12".into()), ("May 13, 2024".into(), "2024-05-13".into())]
        );
    }

    #[test]
    fn last_october_keeps_its_modifier_and_in_july_does_not() {
        assert_eq!(
            dates("He came last October and again in July that year."),
            vec![("last October".into(), "--10".into()), ("July".into(), "--07".into())]
        );
    }

    #[test]
    fn russian_dates_are_recognised() {
        assert_eq!(dates("Визит состоялся в мае 2024 года."), vec![("мае 2024 года".into(), "2024-05".into())]);
    }

    #[test]
    fn bare_years_count_as_dates_but_not_inside_numbers() {
        assert_eq!(dates("In 2024, trade grew; 1,2024 is not a year."), vec![("2024".into(), "2024".into())]);
    }

    #[test]
    fn may_as_a_verb_is_not_a_date() {
        assert!(dates("May I ask a question? They may agree.").is_empty());
    }
}
