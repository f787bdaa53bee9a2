//! The extractors' built-in lexicons (`data/lexicon/*.toml`, embedded at build time): numbers, dates, segmentation, matching.
//!
//! Each file is parsed once. A form ending in `*` is a stem (any letters may follow); forms are matched case-insensitively.

use std::{collections::HashMap, sync::LazyLock};

use serde::Deserialize;

/// The lexicon files' text, in a fixed order (part of the rules hash, so editing one re-ingests).
pub const LEXICON_SOURCES: [&str; 4] = [NUMBERS_TOML, DATES_TOML, SEGMENT_TOML, MATCHING_TOML];

const NUMBERS_TOML: &str = include_str!("../../../data/lexicon/numbers.toml");
const DATES_TOML: &str = include_str!("../../../data/lexicon/dates.toml");
const SEGMENT_TOML: &str = include_str!("../../../data/lexicon/segment.toml");
const MATCHING_TOML: &str = include_str!("../../../data/lexicon/matching.toml");

/// Spelled-out ordinals (English only: Russian ordinals are written "6-е", "7-й").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ordinals {
    #[serde(default)]
    pub en: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Valued {
    pub value: f64,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
    #[serde(default)]
    pub suffixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Currency {
    pub code: String,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Named {
    pub unit: String,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Numbers {
    #[serde(default)]
    pub numbers: Vec<Valued>,
    #[serde(default)]
    pub ordinals: Ordinals,
    #[serde(default)]
    pub scales: Vec<Valued>,
    #[serde(default)]
    pub currencies: Vec<Currency>,
    #[serde(default)]
    pub units: Vec<Named>,
    #[serde(default)]
    pub count_nouns: Vec<Named>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Month {
    pub number: u32,
    pub en: Vec<String>,
    #[serde(default)]
    pub en_short: Vec<String>,
    pub ru: Vec<String>,
    #[serde(default)]
    pub ru_short: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Modifiers {
    pub en_kept: Vec<String>,
    pub en: Vec<String>,
    pub ru_kept: Vec<String>,
    pub ru: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Dates {
    pub months: Vec<Month>,
    pub year_words_ru: Vec<String>,
    pub month_modifiers: Modifiers,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Segment {
    pub always_merge: Vec<String>,
    pub merge_before_digit: Vec<String>,
    pub year_abbreviations: Vec<String>,
    pub year_abbreviation_max_words: usize,
    pub sentence_starters: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Matching {
    pub ru_endings: Vec<String>,
    pub capitalised_only: Vec<String>,
    pub lowercase_safe_acronyms: Vec<String>,
    pub ru_min_inflected_letters: usize,
    pub ru_min_stem_letters: usize,
}

/// Every built-in lexicon.
#[derive(Debug, Default)]
pub(super) struct Lexicon {
    pub numbers: Numbers,
    pub dates: Dates,
    pub segment: Segment,
    pub matching: Matching,
}

#[cfg(test)]
impl Lexicon {
    fn parse() -> Result<Self, toml::de::Error> {
        Ok(Lexicon {
            numbers: toml::from_str(NUMBERS_TOML)?,
            dates: toml::from_str(DATES_TOML)?,
            segment: toml::from_str(SEGMENT_TOML)?,
            matching: toml::from_str(MATCHING_TOML)?,
        })
    }
}

/// One lexicon file; a broken one (caught by the tests) is logged and left empty, the others still load.
fn part<T: Default + serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| {
        log::error!("the built-in lexicon data/lexicon/{name} is not valid: {e}");
        T::default()
    })
}

/// The lexicon, parsed on first use.
pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    numbers: part("numbers.toml", NUMBERS_TOML),
    dates: part("dates.toml", DATES_TOML),
    segment: part("segment.toml", SEGMENT_TOML),
    matching: part("matching.toml", MATCHING_TOML),
});

/// Lowercases `text` and collapses its whitespace to single spaces, for lookups.
pub(super) fn fold(text: &str) -> String {
    text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// True when the folded `text` is the form `form` (word by word, any case; a word ending in `*` is a prefix).
/// Tried on every stem form of a table (`form_index`) for each looked-up word, so it compares without allocating.
pub(super) fn form_matches(form: &str, text: &str) -> bool {
    let (mut f, mut t) = (form.split_whitespace(), text.split(' '));
    loop {
        match (f.next(), t.next()) {
            (None, None) => return true,
            (Some(fw), Some(tw)) => {
                let ok = if fw.is_ascii() { ascii_word_matches(fw, tw) } else { word_matches(fw, tw) };
                if !ok {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// One word of a form against one word of folded text, in any script.
fn word_matches(form_word: &str, text_word: &str) -> bool {
    match form_word.strip_suffix('*') {
        Some(stem) => {
            let mut rest = text_word.chars();
            let stem_ok = stem.chars().flat_map(char::to_lowercase).all(|c| rest.next() == Some(c));
            stem_ok && rest.all(char::is_alphabetic)
        }
        None if !starts_like(form_word, text_word) => false,
        None if form_word.chars().all(|c| !c.is_uppercase()) => form_word == text_word,
        None => form_word.chars().flat_map(char::to_lowercase).eq(text_word.chars()),
    }
}

/// Whether `text_word` starts as `form_word` does, exactly or lowercased (both exact arms need it).
fn starts_like(form_word: &str, text_word: &str) -> bool {
    let (f, t) = (form_word.chars().next(), text_word.chars().next());
    f == t || f.and_then(|f| f.to_lowercase().next()) == t
}

/// [`form_matches`] for one word of an ASCII form, byte by byte (the same answer, without the Unicode
/// case tables): lowercased, the form's word is the text's word, or its start when it ends with `*`.
fn ascii_word_matches(form_word: &str, text_word: &str) -> bool {
    let (word, prefix) = match form_word.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (form_word, false),
    };
    let (form, text) = (word.as_bytes(), text_word.as_bytes());
    let fits = |n: usize| text.len() >= n && form.iter().zip(&text[..n]).all(|(f, t)| f.to_ascii_lowercase() == *t);
    if !prefix {
        return text.len() == form.len() && fits(form.len());
    }
    // The first `form.len()` bytes of the text are ASCII once they fit, so the rest starts on a character.
    fits(form.len()) && text_word.get(form.len()..).is_some_and(|rest| rest.chars().all(char::is_alphabetic))
}

/// A regex alternation of `forms`, longest first: words escaped, spaces as `\s+`, a trailing `*` as letters.
/// An empty list gives a pattern that never matches.
pub(super) fn alternation<'a>(forms: impl IntoIterator<Item = &'a String>) -> String {
    let mut forms: Vec<&String> = forms.into_iter().filter(|f| !f.trim().is_empty()).collect();
    if forms.is_empty() {
        return r"[^\s\S]".to_string();
    }
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    let words = |f: &str| {
        f.split_whitespace()
            .map(|w| match w.strip_suffix('*') {
                Some(stem) => format!(r"{}\p{{L}}*", regex::escape(stem)),
                None => regex::escape(w),
            })
            .collect::<Vec<_>>()
            .join(r"\s+")
    };
    forms.iter().map(|f| words(f)).collect::<Vec<_>>().join("|")
}

/// Lowercase form → value, for exact lookups of plain words.
pub(super) fn index<'a, T: Copy + 'a>(pairs: impl IntoIterator<Item = (&'a [String], T)>) -> HashMap<String, T> {
    let mut map = HashMap::new();
    for (forms, value) in pairs {
        for f in forms {
            map.entry(fold(f)).or_insert(value);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_file_parses() {
        let lexicon = Lexicon::parse().expect("data/lexicon/*.toml is valid");
        assert!(lexicon.numbers.scales.iter().any(|s| s.ru.contains(&"млрд".to_string())));
        assert_eq!(lexicon.dates.months.len(), 12);
        assert!(lexicon.segment.always_merge.contains(&"mr.".to_string()));
        assert!(lexicon.matching.ru_endings.contains(&"ей".to_string()));
    }

    #[test]
    fn ascii_words_match_exactly_as_the_unicode_comparison_does() {
        let forms = ["USD", "us", "dollar*", "Dollar*", "*", "bn", "T", "per"];
        let words = ["usd", "us", "USD", "dollars", "dollar", "dollarё", "dollar-s", "dollarы", "", "bn", "t", "pe"];
        for form in forms {
            for word in words {
                assert_eq!(ascii_word_matches(form, word), word_matches(form, word), "{form:?} against {word:?}");
            }
        }
        assert!(ascii_word_matches("Dollar*", "dollarы") && !ascii_word_matches("USD", "USD"));
    }

    #[test]
    fn a_starred_form_is_a_stem_and_a_plain_form_a_word() {
        assert!(form_matches("доллар*", "долларов"));
        assert!(form_matches("фунт* стерлингов", "фунтов стерлингов"));
        assert!(!form_matches("руб", "рубеж"));
        assert!(!form_matches("доллар*", "доллар-сша"));
    }

    #[test]
    fn alternations_put_longer_forms_first_and_escape_dots() {
        let forms = ["$".to_string(), "U.S. $".to_string(), "тонн*".to_string()];
        assert_eq!(alternation(&forms), r"тонн\p{L}*|U\.S\.\s+\$|\$");
        assert_eq!(alternation(&[]), r"[^\s\S]");
    }
}
