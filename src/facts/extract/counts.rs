//! Counts ("36 countries", "Seven joint statements") and ordinals ("7th meeting", "first forum"), with their nouns.

use std::sync::LazyLock;

use regex::Regex;

use super::figures::{Candidate, compile, figure, has_cyrillic, rank};
use super::model::FigureKind;
use super::norm::{char_before, is_cyrillic};
use super::numbers::{
    B, NUM, NUMBER_WORDS, NUMBER_WORDS_RU, ORDINAL_WORDS, count_unit, is_count_noun, is_scale_word, parse_number,
    scale_factor, word_number, word_ordinal,
};

static COUNT: LazyLock<Option<Regex>> = LazyLock::new(|| compile(&format!(r"{B}(?:{NUM}|(?i:{NUMBER_WORDS})){B}")));
static COUNT_RU: LazyLock<Option<Regex>> = LazyLock::new(|| compile(&format!(r"\b(?i:{NUMBER_WORDS_RU})\b")));
static ORDINAL: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!(r"{B}(?:[0-9]{{1,4}}(?:st|nd|rd|th)|(?i:{ORDINAL_WORDS})){B}")));
static ORDINAL_RU: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"\b[0-9]{1,4}-(?:й|я|е|го|му|м|ое|ая|ый|ой|ые|ых)\b"));

/// Nouns that name what an ordinal counts (singular lemma), separated by spaces.
const ORDINAL_NOUNS: &str = "meeting summit forum session round conference congress anniversary visit time stage phase edition \
    term plenary package century quarter half day week month year place batch convocation assembly \
    consultation dialogue tranche wave report plan exercise festival election заседание саммит форум \
    встреча сессия раунд пакет годовщина визит этап раз век квартал";

/// Words that end a count's noun phrase.
const STOP_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "per", "than", "that",
    "which", "who", "as", "is", "are", "was", "were", "has", "have", "had", "be", "been", "will", "would", "this",
    "these", "those", "its", "their", "his", "her", "our", "into", "over", "under", "about", "after", "before", "и",
    "в", "на", "с", "по", "из", "за", "для", "от", "до",
];

/// Words ending in "s" that are not plural nouns.
const NOT_PLURAL: &[&str] = &[
    "does",
    "goes",
    "this",
    "its",
    "his",
    "hers",
    "ours",
    "yours",
    "theirs",
    "plus",
    "less",
    "thus",
    "across",
    "perhaps",
    "always",
    "whereas",
    "towards",
    "besides",
    "sometimes",
    "various",
    "numerous",
    "previous",
    "serious",
    "famous",
    "unless",
    "nevertheless",
    "afterwards",
    "us",
    "yes",
];

const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "personnel",
    "staff",
    "police",
    "cattle",
    "memoranda",
    "criteria",
    "data",
    "media",
];

/// Common modifiers that can follow "one" without being the counted noun.
const ADJECTIVES: &[&str] = &[
    "new",
    "joint",
    "major",
    "key",
    "single",
    "more",
    "other",
    "additional",
    "big",
    "large",
    "small",
    "important",
    "special",
    "further",
    "main",
    "full",
    "first",
    "last",
    "next",
    "only",
];

/// Words after byte `from`: `(start, end, word)` with surrounding punctuation trimmed, and
/// whether the phrase stops after it (a comma, full stop or closing bracket follows).
fn words_after(s: &str, from: usize, limit: usize) -> Vec<(usize, usize, String, bool)> {
    let Some(rest) = s.get(from..) else { return Vec::new() };
    let mut out = Vec::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_whitespace() {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let raw = rest.get(i..end).unwrap_or("");
        let punct = |c: char| !c.is_alphanumeric() && c != '-';
        let trimmed = raw.trim_matches(punct);
        let mut word_start = from + i + (raw.len() - raw.trim_start_matches(punct).len());
        let mut word_end = word_start + trimmed.len();
        let mut word = trimmed;
        if let Some(w) = trimmed.strip_suffix("'s") {
            word = w;
            word_end -= 2;
        }
        if word.is_empty() {
            word_start = word_end;
        }
        let stop = raw.ends_with([',', '.', ';', ':', '!', '?']);
        out.push((word_start, word_end, word.to_string(), stop));
        if out.len() >= limit {
            break;
        }
    }
    out
}

fn is_plural_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    if IRREGULAR_PLURALS.contains(&lower.as_str()) {
        return true;
    }
    lower == word
        && lower.chars().count() >= 3
        && lower.chars().all(|c| c.is_alphabetic() || c == '-')
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && !NOT_PLURAL.contains(&lower.as_str())
}

fn is_russian_adjective(word: &str) -> bool {
    const ENDINGS: &[&str] =
        &["ых", "их", "ый", "ий", "ая", "ое", "ые", "ие", "ой", "ого", "его", "ому", "ему", "ую", "ыми", "ими"];
    ENDINGS.iter().any(|e| word.ends_with(e))
}

/// The counted noun after a number: up to two modifiers, then a plural noun
/// (English), the first non-adjective (Russian), or any noun when the count is one.
fn head_noun(s: &str, from: usize, value: f64) -> Option<(usize, String)> {
    for (i, (_, end, word, stop)) in words_after(s, from, 3).into_iter().enumerate() {
        let lower = word.to_lowercase();
        if word.is_empty() || STOP_WORDS.contains(&lower.as_str()) || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let cyrillic = word.chars().all(|c| is_cyrillic(c) || c == '-');
        let found = if cyrillic {
            lower == word && (is_count_noun(&lower) || !is_russian_adjective(&lower))
        } else if value == 1.0 {
            lower == word && word.chars().all(char::is_alphabetic) && !ADJECTIVES.contains(&lower.as_str())
        } else {
            is_plural_noun(&word)
        };
        if found {
            return Some((end, lower));
        }
        if stop || i >= 2 {
            return None;
        }
    }
    None
}

/// Count candidates: a number (digits or words), an optional scale word, then the counted noun.
pub(super) fn count_candidates(s: &str, out: &mut Vec<Candidate>) {
    let russian = COUNT_RU.as_ref().filter(|_| has_cyrillic(s));
    for m in [COUNT.as_ref(), russian].into_iter().flatten().flat_map(|re| re.find_iter(s)) {
        let before = char_before(s, m.start());
        let hyphen_compound =
            before == Some('-') && char_before(s, m.start().saturating_sub(1)).is_some_and(char::is_alphanumeric);
        if hyphen_compound || matches!(before, Some('.' | ',' | '/' | '$' | '€' | '£' | '₽')) {
            continue;
        }
        let Some(mut value) = parse_number(m.as_str()).or_else(|| word_number(m.as_str())) else { continue };
        let mut end = m.end();
        if let Some((_, scale_end, word, _)) = words_after(s, end, 1).into_iter().next()
            && is_scale_word(&word)
        {
            value *= scale_factor(&word);
            end = scale_end;
        }
        let Some((end, noun)) = head_noun(s, end, value) else { continue };
        let f = figure(FigureKind::Count, value, count_unit(&noun), s, m.start(), end);
        out.push(Candidate { figure: f, rank: rank::COUNT });
    }
}

/// What an ordinal counts: the first known noun among the next few words.
fn ordinal_noun(s: &str, from: usize) -> Option<String> {
    for (_, _, word, stop) in words_after(s, from, 7) {
        let lower = word.to_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        if let Some(noun) = ORDINAL_NOUNS.split_whitespace().find(|n| *n == lower || *n == singular) {
            return Some((*noun).to_string());
        }
        if stop {
            return None;
        }
    }
    None
}

/// Ordinal candidates: "7th", "6-е", or a spelled ordinal followed by a known noun.
pub(super) fn ordinal_candidates(s: &str, out: &mut Vec<Candidate>) {
    let russian = ORDINAL_RU.as_ref().filter(|_| has_cyrillic(s));
    for re in [ORDINAL.as_ref(), russian].into_iter().flatten() {
        for m in re.find_iter(s) {
            let text = m.as_str();
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            let noun = ordinal_noun(s, m.end());
            let value = if digits.is_empty() {
                let next_is_number = words_after(s, m.end(), 1)
                    .first()
                    .is_some_and(|(_, _, w, _)| w.starts_with(|c: char| c.is_ascii_digit()));
                if noun.is_none() || next_is_number {
                    continue;
                }
                word_ordinal(text)
            } else {
                parse_number(&digits)
            };
            let Some(value) = value else { continue };
            let f = figure(FigureKind::Ordinal, value, noun.unwrap_or_default(), s, m.start(), m.end());
            out.push(Candidate { figure: f, rank: rank::ORDINAL });
        }
    }
}
