//! Cities named after a locative word ("in Kazan", "visited Islamabad"), from `data/places.toml`.

use super::{Lexicon, Place, Sentence};

/// A city named in a sentence.
#[derive(Debug, Clone)]
pub struct PlaceHit<'a> {
    pub start: usize,
    pub end: usize,
    pub place: &'a Place,
}

/// Cities of the sentence: a capitalised name of the places list, right after a locative word, not
/// followed by another capitalised word ("Moscow Format" is no city) and not inside a known name.
pub fn find<'a>(s: &Sentence<'_>, lexicon: &'a Lexicon) -> Vec<PlaceHit<'a>> {
    let mut out = Vec::new();
    let words = &s.words;
    let mut k = 1;
    while k < words.len() {
        // The cheap tests first: most words are not capitalised.
        let candidate = words[k].capitalised() && words[k].joined;
        if !candidate || !lexicon.place_words.contains(words[k - 1].lower().as_ref()) {
            k += 1;
            continue;
        }
        let mut found = None;
        for n in (1..=lexicon.longest_place.min(words.len() - k)).rev() {
            let last = &words[k + n - 1];
            if (1..n).any(|i| !words[k + i].joined) {
                continue;
            }
            let name = &s.text[words[k].start..last.end];
            if let Some(place) = lexicon.places.get(name) {
                found = Some((n, place));
                break;
            }
        }
        let Some((n, place)) = found else {
            k += 1;
            continue;
        };
        let (start, end) = (words[k].start, words[k + n - 1].end);
        let next = words.get(k + n);
        let continues = next.is_some_and(|w| w.joined && w.capitalised()) || words[k + n - 1].possessive;
        let inside_name = s.mentions.iter().any(|m| m.start < end && start < m.end && (m.start < start || m.end > end));
        if !continues && !inside_name {
            out.push(PlaceHit { start, end, place });
        }
        k += n;
    }
    out
}
