//! Words of questions and sentences: tokens with their byte spans, and match keys from Snowball stems.
//!
//! A word's key is the longest common prefix of the word and its Snowball stem ("countries" → stem
//! "countri" → key "countr"), so that a key is always a prefix of the word forms it stands for and a
//! sentence matches a key when one of its words starts with it.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Keys shorter than this (in characters) must match a whole word, not a prefix.
const MIN_PREFIX_KEY: usize = 3;

/// One word of a text: its byte span and its lowercase form (ё folded to е).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    /// The word starts with an uppercase letter.
    pub capitalised: bool,
}

/// The words of `text`: runs of letters and digits (an inner hyphen or apostrophe ends a word).
pub fn tokens(text: &str) -> Vec<Token> {
    token_iter(text).collect()
}

/// [`tokens`], one at a time (for a caller that needs only the first few).
pub fn token_iter(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut start = None;
    text.char_indices().chain(std::iter::once((text.len(), ' '))).filter_map(move |(i, c)| {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                let word = &text[s..i];
                let capitalised = word.chars().next().is_some_and(char::is_uppercase);
                return Some(Token { start: s, end: i, lower: fold(word), capitalised });
            }
            _ => {}
        }
        None
    })
}

/// Lowercase with ё as е (documents and questions spell it either way).
pub fn fold(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }).collect()
}

/// Whether a word is written in Cyrillic.
pub fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The match key of a lowercase word (see the module comment).
pub fn key(lower: &str) -> String {
    if lower.chars().all(|c| c.is_ascii_digit()) {
        return lower.to_owned();
    }
    let russian = is_cyrillic(lower);
    let stem = if russian { RUSSIAN.stem(lower) } else { ENGLISH.stem(lower) };
    let mut common: String = lower.chars().zip(stem.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect();
    // English stems end in an "i" for a "y" ("countri") or keep a silent "e" ("trade" / "trading"):
    // without it the key starts every form.
    if !russian && common.chars().count() > 4 && (common.ends_with('i') || common.ends_with('e')) {
        common.pop();
    }
    if common.chars().count() >= MIN_PREFIX_KEY { common } else { lower.to_owned() }
}

/// Whether the lowercase word `word` is a form of the key `key`.
pub fn matches(word: &str, key: &str) -> bool {
    if key.chars().count() < MIN_PREFIX_KEY { word == key } else { word.starts_with(key) }
}

/// Where `name` is said in `text`, as a byte span: starting a word, case-insensitive (short codes such as
/// "IN" or "GE" only as written); a Russian name may run on into an inflectional ending ("Си Цзиньпином").
pub fn find_name(text: &str, name: &str) -> Option<(usize, usize)> {
    find_name_in(text, &text.to_lowercase(), name)
}

/// [`find_name`] with `text.to_lowercase()` already at hand (`lower`), for many names in one text.
pub fn find_name_in(text: &str, lower: &str, name: &str) -> Option<(usize, usize)> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let short = name.chars().count() <= 3;
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let hay: &str = if short { text } else { lower };
    let needle = if short { name.to_owned() } else { name.to_lowercase() };
    if hay.len() != text.len() {
        return None;
    }
    for (at, _) in hay.match_indices(&needle) {
        let end = at + needle.len();
        if !boundary(text[..at].chars().next_back()) || !text.is_char_boundary(end) {
            continue;
        }
        let rest = &text[end..];
        if boundary(rest.chars().next()) {
            return Some((at, end));
        }
        if is_cyrillic(name) {
            let ending = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
            if rest[..ending].chars().count() <= 3 {
                return Some((at, end + ending));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_prefixes_of_the_forms_they_stand_for() {
        assert_eq!(key("countries"), "countr");
        assert!(matches("country", &key("countries")));
        assert!(matches("trading", &key("trade")));
        assert!(matches("delivered", &key("deliver")));
        assert!(matches("помощи", &key("помощь")));
        assert!(matches("товарооборот", &key("товарооборота")));
    }

    #[test]
    fn names_are_found_as_words_and_codes_only_as_written() {
        assert_eq!(find_name("the Gulf Cooperation Council met", "IL"), None);
        assert_eq!(find_name("Georgian citizens", "GE"), None);
        assert_eq!(find_name("visited Qatar, UAE.", "UAE"), Some((15, 18)));
        assert_eq!(
            find_name("с Председателем КНР Си Цзиньпином, который", "Си Цзиньпин").map(|(a, b)| b - a),
            Some(25)
        );
        assert_eq!(find_name("in India", "india"), Some((3, 8)));
    }

    #[test]
    fn short_words_match_whole_words_only() {
        assert_eq!(key("eu"), "eu");
        assert!(matches("eu", "eu"));
        assert!(!matches("europe", "eu"));
    }

    #[test]
    fn tokens_keep_their_spans_and_case() {
        let t = tokens("Где прошёл саммит, BRICS-2024?");
        assert_eq!(
            t.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>(),
            ["где", "прошел", "саммит", "brics", "2024"]
        );
        assert!(t[0].capitalised && !t[1].capitalised && t[3].capitalised);
        assert_eq!(&"Где прошёл саммит, BRICS-2024?"[t[2].start..t[2].end], "саммит");
    }
}
