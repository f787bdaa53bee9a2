//! Number words, scales, currencies, measure units and count nouns shared by the figure extractors (from `data/lexicon/numbers.toml`).

use std::{collections::HashMap, sync::LazyLock};

use super::form_index::FormIndex;
use super::lexicon::{LEXICON, Named, Numbers, alternation, fold, index};

/// An ASCII word boundary: unlike Unicode `\b`, it keeps the lazy DFA usable on non-ASCII text.
pub(super) const B: &str = r"(?-u:\b)";

/// A number with thousands separators and decimals ("1,200", "12.5", "240").
pub(super) const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";

/// A number in Russian notation: spaces between thousands, a decimal comma ("1 200", "1,5", "41").
pub(super) const NUM_RU: &str = r"(?:[0-9]{1,3}(?:[ \u{A0}\u{202F}][0-9]{3})+|[0-9]+)(?:,[0-9]+)?";

/// A regex alternation built from the lexicon on first use; `Display` lets it sit in `format!` patterns.
pub(super) struct Alt(LazyLock<String>);

impl std::fmt::Display for Alt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn numbers() -> &'static Numbers {
    &LEXICON.numbers
}

/// English scale words after a number, captured as `scale` ("billion", "bn") or `scale1` ("5m").
pub(super) static SCALE: Alt = Alt(LazyLock::new(|| {
    let words = alternation(numbers().scales.iter().flat_map(|s| &s.en));
    let letters: String =
        numbers().scales.iter().flat_map(|s| &s.suffixes).flat_map(|l| [l.to_lowercase(), l.to_uppercase()]).collect();
    let suffix = if letters.is_empty() { r"[^\s\S]".to_string() } else { format!("[{}]", regex::escape(&letters)) };
    format!(r"(?:\s?(?P<scale>(?i:{words}))|(?P<scale1>{suffix}))")
}));

/// English scale words only (no glued letters), captured as `scale`: "5 million tons", never "5m tons".
pub(super) static SCALE_WORDS_EN: Alt = Alt(LazyLock::new(|| {
    format!(r"(?:\s?(?P<scale>(?i:{})))", alternation(numbers().scales.iter().flat_map(|s| &s.en)))
}));

/// Russian scale words, captured as `scale`, with an optional dot ("млрд", "млн.", "тысяч").
pub(super) static SCALE_RU: Alt = Alt(LazyLock::new(|| {
    format!(r"(?:\s?(?P<scale>(?i:{}))\.?)", alternation(numbers().scales.iter().flat_map(|s| &s.ru)))
}));

/// Parses "1,200.5" into 1200.5.
pub(super) fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses Russian notation ("1 200", "1,5") into 1200.0 and 1.5.
pub(super) fn parse_number_ru(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ',' { '.' } else { c }).collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The multiplier of a scale word (1e9 for "billion", "млрд", "b").
pub(super) fn scale_factor(word: &str) -> f64 {
    static FACTORS: LazyLock<FormIndex<f64>> =
        LazyLock::new(|| {
            FormIndex::new(numbers().scales.iter().flat_map(|s| {
                [(s.en.as_slice(), s.value), (s.ru.as_slice(), s.value), (s.suffixes.as_slice(), s.value)]
            }))
        });
    FACTORS.get(word.trim_end_matches('.')).unwrap_or(1.0)
}

/// True when `word` is a scale word ("million", "тысяч"; not a glued letter such as "m").
pub(super) fn is_scale_word(word: &str) -> bool {
    static WORDS: LazyLock<FormIndex<()>> = LazyLock::new(|| {
        FormIndex::new(numbers().scales.iter().flat_map(|s| [(s.en.as_slice(), ()), (s.ru.as_slice(), ())]))
    });
    WORDS.contains(word)
}

/// Spelled-out cardinal numbers ("seven" → 7, "трёх" → 3), for the extractor and the quiz's distractors.
pub fn word_number(word: &str) -> Option<f64> {
    static INDEX: LazyLock<HashMap<String, f64>> = LazyLock::new(|| {
        index(numbers().numbers.iter().flat_map(|n| [(n.en.as_slice(), n.value), (n.ru.as_slice(), n.value)]))
    });
    INDEX.get(&word.to_lowercase()).copied()
}

/// Regex alternation of the English spelled-out cardinals.
pub(super) static NUMBER_WORDS: Alt = Alt(LazyLock::new(|| alternation(numbers().numbers.iter().flat_map(|n| &n.en))));

/// Regex alternation of the Russian spelled-out cardinals.
pub(super) static NUMBER_WORDS_RU: Alt =
    Alt(LazyLock::new(|| alternation(numbers().numbers.iter().flat_map(|n| &n.ru))));

/// Spelled-out ordinals ("first" → 1).
pub(super) fn word_ordinal(word: &str) -> Option<f64> {
    let lower = word.to_lowercase();
    numbers().ordinals.en.iter().position(|w| *w == lower).map(|i| (i + 1) as f64)
}

/// Regex alternation of the spelled-out ordinals.
pub(super) static ORDINAL_WORDS: Alt = Alt(LazyLock::new(|| alternation(&numbers().ordinals.en)));

/// Regex alternation of currency symbols written before a number ("$", "US$", "€").
pub(super) static CURRENCY_SYMBOLS: Alt =
    Alt(LazyLock::new(|| alternation(numbers().currencies.iter().flat_map(|c| &c.symbols))));

/// Regex alternation of ISO currency codes ("USD").
pub(super) static CURRENCY_CODES: Alt =
    Alt(LazyLock::new(|| alternation(numbers().currencies.iter().flat_map(|c| &c.codes))));

/// Regex alternation of English currency words ("dollars").
pub(super) static CURRENCY_WORDS: Alt =
    Alt(LazyLock::new(|| alternation(numbers().currencies.iter().flat_map(|c| &c.en))));

/// Regex alternation of Russian currency words ("долларов", "руб."), each ending a word or with its dot.
pub(super) static CURRENCY_WORDS_RU: Alt =
    Alt(LazyLock::new(|| bounded(&alternation(numbers().currencies.iter().flat_map(|c| &c.ru)))));

/// An alternation whose every branch must end a word or end with a dot (Unicode `\b`).
fn bounded(alternation: &str) -> String {
    alternation
        .split('|')
        .map(|b| if b.ends_with(r"\.") { b.to_string() } else { format!(r"{b}\b") })
        .collect::<Vec<_>>()
        .join("|")
}

/// ISO code of a currency symbol, code or word ("$", "USD", "dollars", "долларов", "долл.").
pub(super) fn currency(token: &str) -> Option<&'static str> {
    static CODES: LazyLock<FormIndex<&'static str>> = LazyLock::new(|| {
        FormIndex::new(numbers().currencies.iter().flat_map(|c| {
            [c.symbols.as_slice(), c.codes.as_slice(), c.en.as_slice(), c.ru.as_slice(), std::slice::from_ref(&c.code)]
                .map(|f| (f, c.code.as_str()))
        }))
    });
    let token = token.trim();
    CODES.get(token).or_else(|| CODES.get(token.trim_end_matches('.')))
}

/// Regex alternation of English measure units.
pub(super) static UNITS: Alt = Alt(LazyLock::new(|| alternation(numbers().units.iter().flat_map(|u| &u.en))));

/// Regex alternation of Russian measure units, each ending a word or with its dot.
pub(super) static UNITS_RU: Alt =
    Alt(LazyLock::new(|| bounded(&alternation(numbers().units.iter().flat_map(|u| &u.ru)))));

/// True when `noun` is a known count noun ("организаций", "countries"), whatever its ending looks like.
pub(super) fn is_count_noun(noun: &str) -> bool {
    COUNT_NOUNS.contains(noun)
}

/// The canonical name of a measure unit ("tonnes" → "tons", "тонн" → "tons"); unknown units lowercased.
pub(super) fn canonical_unit(unit: &str) -> String {
    static UNIT_NAMES: LazyLock<FormIndex<&'static str>> = LazyLock::new(|| by_name(&numbers().units));
    UNIT_NAMES.get(unit).map_or_else(|| fold(unit), str::to_string)
}

/// What a count counts: the canonical name of a known count noun ("стран" → "countries"), else the noun itself.
pub(super) fn count_unit(noun: &str) -> String {
    COUNT_NOUNS.get(noun).map_or_else(|| noun.to_string(), str::to_string)
}

/// Count nouns in English and Russian, with the canonical name of what they count.
static COUNT_NOUNS: LazyLock<FormIndex<&'static str>> = LazyLock::new(|| by_name(&numbers().count_nouns));

/// A table of named forms (English and Russian) indexed for the canonical name they stand for.
fn by_name(table: &'static [Named]) -> FormIndex<&'static str> {
    FormIndex::new(table.iter().flat_map(|n| [(n.en.as_slice(), n.unit.as_str()), (n.ru.as_slice(), n.unit.as_str())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_separators_parse() {
        assert_eq!(parse_number("1,200.5"), Some(1200.5));
        assert_eq!(parse_number("95"), Some(95.0));
        assert_eq!(parse_number("x"), None);
    }

    #[test]
    fn currencies_have_iso_codes() {
        assert_eq!(currency("$"), Some("USD"));
        assert_eq!(currency("рублей"), Some("RUB"));
        assert_eq!(currency("Euros"), Some("EUR"));
        assert_eq!(currency("долл."), Some("USD"));
        assert_eq!(currency("юаней"), Some("CNY"));
        assert_eq!(currency("рубеж"), None);
    }

    #[test]
    fn russian_scales_and_numbers_have_their_values() {
        assert_eq!(scale_factor("млрд"), 1e9);
        assert_eq!(scale_factor("тысяч"), 1e3);
        assert_eq!(scale_factor("миллионов"), 1e6);
        assert_eq!(scale_factor("M"), 1e6);
        assert_eq!(parse_number_ru("1 200,5"), Some(1200.5));
        assert_eq!(word_number("трёх"), Some(3.0));
        assert_eq!(word_number("Двенадцать"), Some(12.0));
    }

    #[test]
    fn units_and_count_nouns_have_canonical_names() {
        assert_eq!(canonical_unit("тоннами"), "tons");
        assert_eq!(canonical_unit("Tonnes"), "tons");
        assert_eq!(canonical_unit("furlongs"), "furlongs");
        assert_eq!(count_unit("государств"), "states");
        assert_eq!(count_unit("делегаций"), "delegations");
        assert_eq!(count_unit("countries"), "countries");
        assert_eq!(count_unit("warships"), "warships");
    }

    #[test]
    fn spelled_numbers_and_ordinals_are_known() {
        assert_eq!(word_number("Seven"), Some(7.0));
        assert_eq!(word_ordinal("first"), Some(1.0));
        assert_eq!(word_ordinal("twentieth"), Some(20.0));
    }
}
