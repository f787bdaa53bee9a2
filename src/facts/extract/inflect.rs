//! Russian inflection for matching: Snowball stems (rust-stemmers) of multi-word names and keywords, and ending checks.
//!
//! A Russian phrase ("Шанхайская организация сотрудничества") becomes one stem per word
//! ("шанхайск организац сотрудничеств"); normalised text matches it when every word is its
//! stem plus an ending of `data/lexicon/matching.toml` ("Шанхайской организации сотрудничества").
//!
//! The Snowball stem is taken only when it leaves a listed noun or adjective ending: Snowball also
//! strips verb and participle suffixes, which cuts nouns wrongly ("саммит" → "самм", so "саммите"
//! would not match; "объединённых" → "объединен"). Otherwise the longest listed ending is removed.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon::LEXICON;
use super::norm::{ends_word, is_cyrillic};

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// One word of a phrase to match.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Piece {
    /// The normalised stem (or the word itself).
    pub stem: String,
    /// True when an inflectional ending may follow the stem.
    pub inflects: bool,
}

/// True when `word` is made of Cyrillic letters only.
pub(super) fn is_russian_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_cyrillic)
}

/// The piece of one normalised word: its Snowball stem when the word is Russian and long enough, else the word.
pub(super) fn piece(word: &str) -> Piece {
    let m = &LEXICON.matching;
    let letters = word.chars().count();
    if !is_russian_word(word) || letters < m.ru_min_inflected_letters.max(1) {
        return Piece { stem: word.to_string(), inflects: false };
    }
    if letters < m.ru_min_stem_letters {
        return Piece { stem: word.to_string(), inflects: true };
    }
    let snowball = RUSSIAN.stem(word);
    let fits = snowball.chars().count() >= 3 && word.strip_prefix(snowball.as_ref()).is_some_and(is_ending);
    let stem = if fits { snowball.into_owned() } else { strip_ending(word) };
    Piece { stem, inflects: true }
}

/// `word` without its longest listed ending, keeping at least three letters ("саммит" stays, "союза" → "союз").
fn strip_ending(word: &str) -> String {
    let endings = &LEXICON.matching.ru_endings;
    let best = endings
        .iter()
        .filter(|e| word.ends_with(e.as_str()) && word.chars().count() >= e.chars().count() + 3)
        .max_by_key(|e| e.len());
    best.map_or(word, |e| &word[..word.len() - e.len()]).to_string()
}

/// The pieces of a normalised phrase of two or more words with at least one Russian word; else `None`.
pub(super) fn russian_phrase(norm: &str) -> Option<Vec<Piece>> {
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 || !words.iter().any(|w| is_russian_word(w)) {
        return None;
    }
    Some(words.into_iter().map(piece).collect())
}

/// True when `rest` is empty or an inflectional ending.
pub(super) fn is_ending(rest: &str) -> bool {
    rest.is_empty() || LEXICON.matching.ru_endings.iter().any(|e| e == rest)
}

/// Where the word that starts at byte `at` of `text` ends, when it is `piece` plus an allowed ending.
pub(super) fn match_piece(text: &str, at: usize, piece: &Piece) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix(piece.stem.as_str())?;
    let tail: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let end = at + piece.stem.len() + tail.len();
    let ok = if piece.inflects { is_ending(tail) } else { tail.is_empty() };
    (ok && ends_word(text, end)).then_some(end)
}

/// After a first word that ends at `end`, the end of the remaining `pieces` (each after one space), if they follow.
pub(super) fn match_tail(text: &str, mut end: usize, pieces: &[Piece]) -> Option<usize> {
    for p in pieces {
        if text.get(end..end + 1) != Some(" ") {
            return None;
        }
        end = match_piece(text, end + 1, p)?;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(s: &str) -> Vec<Piece> {
        russian_phrase(s).expect("a Russian phrase")
    }

    /// Matches the whole `phrase` at the start of `text` (both normalised), returning the matched text.
    fn matched<'a>(text: &'a str, phrase: &[Piece]) -> Option<&'a str> {
        let (first, rest) = phrase.split_first()?;
        let end = match_piece(text, 0, first)?;
        match_tail(text, end, rest).and_then(|e| text.get(..e))
    }

    #[test]
    fn a_multi_word_name_matches_in_every_case() {
        let sco = phrase("шанхайская организация сотрудничества");
        for form in [
            "шанхайская организация сотрудничества",
            "шанхайской организации сотрудничества",
            "шанхайскую организацию сотрудничества",
            "шанхайской организацией сотрудничества",
        ] {
            assert_eq!(matched(form, &sco), Some(form), "{form}");
        }
        let eaeu = phrase("евразийский экономический союз");
        assert_eq!(matched("евразийского экономического союза и", &eaeu), Some("евразийского экономического союза"));
        assert_eq!(matched("евразийскому экономическому союзу", &eaeu), Some("евразийскому экономическому союзу"));
    }

    #[test]
    fn other_words_with_the_same_beginning_do_not_match() {
        let sco = phrase("шанхайская организация сотрудничества");
        assert_eq!(matched("шанхайская организованность сотрудничества", &sco), None);
        assert_eq!(matched("шанхайская организация", &sco), None);
        let house = phrase("русский дом");
        assert_eq!(matched("русского дома", &house), Some("русского дома"));
        assert_eq!(matched("русского домостроения", &house), None);
    }

    #[test]
    fn nouns_that_look_like_verbs_keep_their_stem() {
        assert_eq!(matched("саммите брикс в казани", &phrase("саммит брикс в казани")), Some("саммите брикс в казани"));
        let un = phrase("организация объединенных наций");
        assert_eq!(matched("организации объединенных наций", &un), Some("организации объединенных наций"));
        let ai = phrase("искусственный интеллект");
        assert_eq!(matched("искусственному интеллекту", &ai), Some("искусственному интеллекту"));
    }

    #[test]
    fn short_words_and_latin_words_are_matched_as_written() {
        assert_eq!(piece("в"), Piece { stem: "в".into(), inflects: false });
        assert_eq!(piece("brics"), Piece { stem: "brics".into(), inflects: false });
        assert!(russian_phrase("north south").is_none());
        assert!(russian_phrase("индия").is_none());
    }
}
