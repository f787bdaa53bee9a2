//! Date figures: "May 2024", "12 May 2024", "May 12, 2024", "6 ноября 2024 г.", "в июле", "в 2023 году", years (names from `data/lexicon/dates.toml`).

use std::sync::LazyLock;

use regex::Regex;

use super::figures::{Candidate, compile, figure, has_cyrillic, rank};
use super::form_index::FormIndex;
use super::lexicon::{Dates, LEXICON, Month, alternation};
use super::model::FigureKind;
use super::numbers::B;

fn dates() -> &'static Dates {
    &LEXICON.dates
}

/// Alternations of month names: English full, English short, Russian full, Russian short.
fn months(pick: fn(&Month) -> &Vec<String>) -> String {
    alternation(dates().months.iter().flat_map(pick))
}

/// Russian words after a year ("года", "г."): a word must end there, an abbreviation ends with its dot.
fn year_words_ru() -> String {
    let words = &dates().year_words_ru;
    let ends = |dot: bool| words.iter().filter(move |w| w.ends_with('.') == dot);
    format!(r"(?:(?:{})\b|{})", alternation(ends(false)), alternation(ends(true)))
}

static FULL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let (full, short) = (months(|m| &m.en), months(|m| &m.en_short));
    compile(&format!(
        r"{B}(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{full}|{short})\.?(?:\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?,?)?\s+(?P<year>[0-9]{{4}}){B}"
    ))
});
static RUSSIAN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let (full, short, words) = (months(|m| &m.ru), months(|m| &m.ru_short), year_words_ru());
    compile(&format!(
        r"(?i)\b(?:(?P<d1>[0-9]{{1,2}})\s+)?(?:(?P<mon>{full})|(?P<short>{short})\.?)\s+(?P<year>[0-9]{{4}})(?:\s?{words})?"
    ))
});
/// "6 ноября" without a year.
static RUSSIAN_DAY: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"(?i)\b(?P<d1>[0-9]{{1,2}})\s+(?P<mon>{})\b", months(|m| &m.ru))));
/// "22 November", "November 22" without a year.
static ENGLISH_DAY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let full = months(|m| &m.en);
    compile(&format!(
        r"{B}(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{full})|(?P<mon2>{full})\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?){B}"
    ))
});
/// "в 2023 году", "2024 г.": a year with its word.
static RUSSIAN_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"(?i)\b(?P<year>(?:18|19|20)[0-9]{{2}})\s?{}", year_words_ru())));
static MONTH_ONLY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let m = &dates().month_modifiers;
    let modifiers = alternation(m.en_kept.iter().chain(&m.en));
    compile(&format!(r"{B}(?P<mod>(?i:{modifiers}))[\s-]+(?P<mon>{}){B}", months(|m| &m.en)))
});
static MONTH_ONLY_RU: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let m = &dates().month_modifiers;
    let modifiers = alternation(m.ru_kept.iter().chain(&m.ru));
    compile(&format!(r"(?i)\b(?P<mod>{modifiers})\s+(?P<mon>{})\b", months(|m| &m.ru)))
});
static YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| compile(&format!(r"{B}(?:18|19|20)[0-9]{{2}}{B}")));

/// Month number of an English or Russian month name, full or short, in any case.
fn month_number(name: &str) -> Option<u32> {
    static NUMBERS: LazyLock<FormIndex<u32>> = LazyLock::new(|| {
        FormIndex::new(
            dates()
                .months
                .iter()
                .flat_map(|m| [&m.en, &m.en_short, &m.ru, &m.ru_short].map(|f| (f.as_slice(), m.number))),
        )
    });
    NUMBERS.get(name).filter(|n| (1..=12).contains(n))
}

/// True when a month modifier stays in the date's text ("last October", "в начале июля").
fn keeps_modifier(modifier: &str) -> bool {
    static KEPT: LazyLock<FormIndex<()>> = LazyLock::new(|| {
        let m = &dates().month_modifiers;
        FormIndex::new([(m.en_kept.as_slice(), ()), (m.ru_kept.as_slice(), ())])
    });
    KEPT.contains(modifier)
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
                let mon = c.name("mon").or_else(|| c.name("short"));
                let (Some(m), Some(mon), Some(year)) = (c.get(0), mon, c.name("year")) else { continue };
                let (Some(month), Ok(year)) = (month_number(mon.as_str()), year.as_str().parse::<u32>()) else {
                    continue;
                };
                let d = day(c.name("d1").or_else(|| c.name("d2")));
                push(out, s, m.start(), m.end(), iso(year, month, d), rank::DATE_FULL);
            }
        }
        let russian_day = RUSSIAN_DAY.as_ref().filter(|_| has_cyrillic(s));
        for re in [ENGLISH_DAY.as_ref(), russian_day].into_iter().flatten() {
            for c in re.captures_iter(s) {
                let (Some(m), Some(mon)) = (c.get(0), c.name("mon").or_else(|| c.name("mon2"))) else { continue };
                let d = day(c.name("d1").or_else(|| c.name("d2")));
                let Some(month) = month_number(mon.as_str()) else { continue };
                if d > 0 {
                    let value = f64::from(month) * 100.0 + f64::from(d);
                    push(out, s, m.start(), m.end(), (value, format!("--{month:02}-{d:02}")), rank::DATE_MONTH);
                }
            }
        }
        if let Some(re) = RUSSIAN_YEAR.as_ref().filter(|_| has_cyrillic(s)) {
            for c in re.captures_iter(s) {
                let (Some(m), Some(Ok(year))) = (c.get(0), c.name("year").map(|y| y.as_str().parse::<u32>())) else {
                    continue;
                };
                push(out, s, m.start(), m.end(), iso(year, 0, 0), rank::DATE_YEAR);
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
    let russian = MONTH_ONLY_RU.as_ref().filter(|_| has_cyrillic(s));
    for re in [MONTH_ONLY.as_ref(), russian].into_iter().flatten() {
        for c in re.captures_iter(s) {
            let (Some(m), Some(modifier), Some(mon)) = (c.get(0), c.name("mod"), c.name("mon")) else { continue };
            let Some(month) = month_number(mon.as_str()) else { continue };
            let start = if keeps_modifier(modifier.as_str()) { m.start() } else { mon.start() };
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
    fn russian_months_are_recognised_in_every_case_with_their_year_word() {
        assert_eq!(
            dates("Переговоры прошли 14 марта 2025 г. в Баку."),
            vec![("14 марта 2025 г.".into(), "2025-03-14".into())]
        );
        assert_eq!(dates("Стройка началась в апреле 2023 года."), vec![("апреле 2023 года".into(), "2023-04".into())]);
        assert_eq!(dates("Июнь 2022 года был жарким."), vec![("Июнь 2022 года".into(), "2022-06".into())]);
        assert_eq!(dates("Итоги подвели к янв. 2026."), vec![("янв. 2026".into(), "2026-01".into())]);
    }

    #[test]
    fn a_russian_year_keeps_its_word_and_a_month_without_a_year_is_a_month() {
        assert_eq!(dates("В 2021 году рост продолжился."), vec![("2021 году".into(), "2021".into())]);
        assert_eq!(dates("Итоги 2019 г. подвели позже."), vec![("2019 г.".into(), "2019".into())]);
        assert_eq!(dates("Делегация прибудет в феврале."), vec![("феврале".into(), "--02".into())]);
        assert_eq!(dates("Это решили в конце августа."), vec![("в конце августа".into(), "--08".into())]);
        assert_eq!(dates("Встреча назначена на 3 декабря."), vec![("3 декабря".into(), "--12-03".into())]);
    }

    #[test]
    fn russian_words_like_months_are_not_dates() {
        assert!(dates("Маяк на мысе Марта работает.").is_empty());
        assert!(dates("Майор выступил в мае прошлого века").iter().all(|(t, _)| t == "мае"));
    }

    #[test]
    fn bare_years_count_as_dates_but_not_inside_numbers() {
        assert_eq!(dates("In 2024, trade grew; 1,2024 is not a year."), vec![("2024".into(), "2024".into())]);
    }

    #[test]
    fn an_english_day_and_month_without_a_year_is_a_day_of_that_month() {
        assert_eq!(dates("The conference closes on 22 November."), vec![("22 November".into(), "--11-22".into())]);
    }

    #[test]
    fn may_as_a_verb_is_not_a_date() {
        assert!(dates("May I ask a question? They may agree.").is_empty());
    }
}
