//! Regex-based figure extraction: money, percentages and quantities here; counts/ordinals in `counts`, dates in `dates`.
//!
//! English patterns use ASCII word boundaries so the lazy DFA never gives up on non-ASCII
//! text; Russian patterns (Unicode boundaries) only run on sentences containing Cyrillic.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::model::{Figure, FigureKind};
use super::numbers::{B, NUM, SCALE, SCALE_RU, UNITS, UNITS_RU, canonical_unit, currency, parse_number, scale_factor};

/// A figure with its rank: when spans overlap, the lower rank wins.
pub(super) struct Candidate {
    pub figure: Figure,
    pub rank: u8,
}

/// Ranks, best first: money beats counts, dates beat counts for years.
pub(super) mod rank {
    pub const MONEY: u8 = 0;
    pub const PERCENT: u8 = 1;
    pub const QUANTITY: u8 = 2;
    pub const DATE_FULL: u8 = 3;
    pub const DATE_YEAR: u8 = 4;
    pub const DATE_MONTH: u8 = 5;
    pub const ORDINAL: u8 = 6;
    pub const COUNT: u8 = 7;
}

/// Compiles a pattern once; `None` (never expected) disables it instead of panicking.
pub(super) fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// True when `s` contains Cyrillic letters (UTF-8 lead bytes 0xD0–0xD4).
pub(super) fn has_cyrillic(s: &str) -> bool {
    s.bytes().any(|b| (0xD0..=0xD4).contains(&b))
}

static MONEY_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<sym>US\$|U\.S\.\s?\$|C\$|A\$|\$|€|£|₽)|{B}(?P<code>USD|EUR|RUB|CNY|INR|GBP|JPY|AED|CHF){B})\s?(?P<num>{NUM}){SCALE}?{B}"
    ))
});
static MONEY_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"{B}(?P<num>{NUM}){SCALE}?\s?(?P<cur>(?i:us dollars|u\.s\. dollars|dollars|dollar|euros|euro|rubles|ruble|roubles|rouble|yuan|rupees|rupee|dirhams|dirham|pounds sterling)|USD|EUR|RUB|CNY|INR|GBP|JPY|AED|CHF){B}"
    ))
});
static MONEY_RU: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(r"\b(?P<num>{NUM}){SCALE_RU}?\s?(?P<cur>(?i:рубл[а-яё]*|руб|доллар[а-яё]*|евро|юан[а-яё]*))\b"))
});
static PERCENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(r"{B}(?P<num>{NUM})(?:\s?%|\s?(?P<word>(?i:percentage points?|percent|per cent)){B})"))
});
static PERCENT_RU: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"\b(?P<num>{NUM})\s?(?P<word>(?i:процент[а-яё]*))")));
static QUANTITY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"{B}(?P<num>{NUM})(?:\s?(?P<scale>(?i:thousand|million|billion|trillion|mln|bln|bn)))?\s?(?P<unit>{UNITS}){B}"
    ))
});
static QUANTITY_RU: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"\b(?P<num>{NUM}){SCALE_RU}?\s?(?P<unit>{UNITS_RU})\b")));

pub(super) fn figure(
    kind: FigureKind,
    value: f64,
    unit: impl Into<String>,
    s: &str,
    start: usize,
    end: usize,
) -> Figure {
    Figure { kind, value, unit: unit.into(), text: s.get(start..end).unwrap_or("").to_string(), start, end }
}

fn scaled(c: &Captures<'_>) -> Option<f64> {
    let value = parse_number(c.name("num")?.as_str())?;
    let factor = c.name("scale").or_else(|| c.name("scale1")).map_or(1.0, |m| scale_factor(m.as_str()));
    Some(value * factor)
}

/// Money, percentages and quantities of `s`.
fn measured(s: &str, out: &mut Vec<Candidate>) {
    let cyrillic = has_cyrillic(s);
    let money: [(&LazyLock<Option<Regex>>, &str, bool); 3] =
        [(&MONEY_BEFORE, "sym", false), (&MONEY_AFTER, "cur", false), (&MONEY_RU, "cur", true)];
    for (re, group, russian) in money {
        let Some(re) = re.as_ref().filter(|_| cyrillic || !russian) else { continue };
        for c in re.captures_iter(s) {
            let (Some(m), Some(value)) = (c.get(0), scaled(&c)) else { continue };
            let token = c.name(group).or_else(|| c.name("code"));
            let Some(code) = token.and_then(|t| currency(t.as_str())) else { continue };
            out.push(Candidate {
                figure: figure(FigureKind::Money, value, code, s, m.start(), m.end()),
                rank: rank::MONEY,
            });
        }
    }
    for (re, russian) in [(&PERCENT, false), (&PERCENT_RU, true)] {
        let Some(re) = re.as_ref().filter(|_| cyrillic || !russian) else { continue };
        for c in re.captures_iter(s) {
            let (Some(m), Some(value)) = (c.get(0), scaled(&c)) else { continue };
            let points = c.name("word").is_some_and(|w| w.as_str().to_lowercase().starts_with("percentage point"));
            let f = figure(FigureKind::Percent, value, if points { "pp" } else { "%" }, s, m.start(), m.end());
            out.push(Candidate { figure: f, rank: rank::PERCENT });
        }
    }
    for (re, russian) in [(&QUANTITY, false), (&QUANTITY_RU, true)] {
        let Some(re) = re.as_ref().filter(|_| cyrillic || !russian) else { continue };
        for c in re.captures_iter(s) {
            let (Some(m), Some(value), Some(unit)) = (c.get(0), scaled(&c), c.name("unit")) else { continue };
            let f = figure(FigureKind::Quantity, value, canonical_unit(unit.as_str()), s, m.start(), m.end());
            out.push(Candidate { figure: f, rank: rank::QUANTITY });
        }
    }
}

/// Every figure in `sentence`, ordered by position, without overlapping spans.
pub fn extract_figures(sentence: &str) -> Vec<Figure> {
    let mut candidates = Vec::new();
    if sentence.bytes().any(|b| b.is_ascii_digit()) {
        measured(sentence, &mut candidates);
    }
    super::counts::count_candidates(sentence, &mut candidates);
    super::counts::ordinal_candidates(sentence, &mut candidates);
    super::dates::date_candidates(sentence, &mut candidates);
    candidates.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.figure.start.cmp(&b.figure.start)));
    let mut chosen: Vec<Figure> = Vec::new();
    for c in candidates {
        let f = c.figure;
        if f.start >= f.end || chosen.iter().any(|g| f.start < g.end && g.start < f.end) {
            continue;
        }
        chosen.push(f);
    }
    chosen.sort_by_key(|f| f.start);
    chosen
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
