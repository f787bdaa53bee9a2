//! Regex-based figure extraction: money, percentages and quantities here; counts/ordinals in `counts`, dates in `dates`.
//!
//! English patterns use ASCII word boundaries so the lazy DFA never gives up on non-ASCII
//! text; Russian patterns (Unicode boundaries) only run on sentences containing Cyrillic.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::model::{Figure, FigureKind};
use super::numbers::{
    B, CURRENCY_CODES, CURRENCY_SYMBOLS, CURRENCY_WORDS, CURRENCY_WORDS_RU, NUM, NUM_RU, SCALE, SCALE_RU,
    SCALE_WORDS_EN, UNITS, UNITS_RU, canonical_unit, currency, parse_number, parse_number_ru, scale_factor,
};

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
    compile(&format!(r"(?:(?P<sym>{CURRENCY_SYMBOLS})|{B}(?P<code>{CURRENCY_CODES}){B})\s?(?P<num>{NUM}){SCALE}?{B}"))
});
static MONEY_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(r"{B}(?P<num>{NUM}){SCALE}?\s?(?P<cur>(?i:{CURRENCY_WORDS})|{CURRENCY_CODES}){B}"))
});
static MONEY_RU: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"\b(?P<num>{NUM_RU}){SCALE_RU}?\s?(?P<cur>(?i:{CURRENCY_WORDS_RU}))")));
static PERCENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(r"{B}(?P<num>{NUM})(?:\s?%|\s?(?P<word>(?i:percentage points?|percent|per cent)){B})"))
});
static PERCENT_RU: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"\b(?P<num>{NUM_RU})(?:\s?%|\s?(?P<word>(?i:процент[а-яё]*|п\.\s?п\.)))")));
static QUANTITY: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"{B}(?P<num>{NUM}){SCALE_WORDS_EN}?\s?(?P<unit>(?i:{UNITS})){B}")));
static QUANTITY_RU: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"\b(?P<num>{NUM_RU}){SCALE_RU}?\s?(?P<unit>(?i:{UNITS_RU}))")));

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

fn scaled(c: &Captures<'_>, russian: bool) -> Option<f64> {
    let num = c.name("num")?.as_str();
    let value = if russian { parse_number_ru(num)? } else { parse_number(num)? };
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
            let (Some(m), Some(value)) = (c.get(0), scaled(&c, russian)) else { continue };
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
            let (Some(m), Some(value)) = (c.get(0), scaled(&c, russian)) else { continue };
            let points = c.name("word").is_some_and(|w| {
                let w = w.as_str().to_lowercase();
                w.starts_with("percentage point") || w.starts_with("п.")
            });
            let f = figure(FigureKind::Percent, value, if points { "pp" } else { "%" }, s, m.start(), m.end());
            out.push(Candidate { figure: f, rank: rank::PERCENT });
        }
    }
    for (re, russian) in [(&QUANTITY, false), (&QUANTITY_RU, true)] {
        let Some(re) = re.as_ref().filter(|_| cyrillic || !russian) else { continue };
        for c in re.captures_iter(s) {
            let (Some(m), Some(value), Some(unit)) = (c.get(0), scaled(&c, russian), c.name("unit")) else { continue };
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
        // A number of hundreds of digits times a scale word overflows: no figure rather than an infinite one
        // (the database keeps only finite values).
        let overlaps = chosen.iter().any(|g| f.start < g.end && g.start < f.end);
        if f.start >= f.end || !f.value.is_finite() || overlaps {
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
