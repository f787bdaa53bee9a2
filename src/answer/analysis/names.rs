//! The named things of a question: entities found by the entity lookup, typos of long names corrected
//! when one entity is clearly closest, and capitalised names no entity answers to.

use std::collections::HashSet;

use super::{Term, UnknownName, lexicon::Lexicon, words::Token};
use crate::facts::{Gazetteer, Resolution};

/// Names of this many characters or fewer match exactly or not at all.
const SHORT_NAME: usize = 4;
/// Most edits between a typed name and an entity's name for a typo to be corrected.
const MAX_TYPO_EDITS: usize = 2;

/// Russian keys shorter than this are not looked for in Latin spellings.
const MIN_SPELLED_KEY: usize = 5;

/// What [`entities`] found.
#[derive(Debug, Default)]
pub struct Named {
    pub keys: Vec<String>,
    pub unknown: Vec<UnknownName>,
    /// Token positions that belong to a name.
    pub covered: HashSet<usize>,
}

/// The entities of `question`, and its capitalised words that name none.
pub fn entities(
    question: &str,
    tokens: &[Token],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    in_cue: &dyn Fn(usize) -> bool,
) -> Named {
    let mut named = Named::default();
    for mention in gazetteer.find_mentions(question) {
        for (i, t) in tokens.iter().enumerate() {
            if t.start < mention.end && t.end > mention.start {
                named.covered.insert(i);
            }
        }
        if !named.keys.contains(&mention.entity_key) {
            named.keys.push(mention.entity_key);
        }
    }
    // Runs of capitalised words that no mention covers: the first word of the question counts only when
    // it is neither a stop word nor part of a cue ("Japan?" but not "When …").
    let mut i = 0;
    while i < tokens.len() {
        let candidate = |j: usize| {
            tokens.get(j).is_some_and(|t| {
                t.capitalised
                    && !named.covered.contains(&j)
                    && !in_cue(j)
                    && !lexicon.stop.contains(&t.lower)
                    && !lexicon.is_generic(&t.lower)
                    && !t.lower.chars().all(|c| c.is_ascii_digit())
            })
        };
        if !candidate(i) {
            i += 1;
            continue;
        }
        let first = i;
        while candidate(i + 1) {
            i += 1;
        }
        let (start, end) = (tokens[first].start, tokens[i].end);
        let text = &question[start..end];
        // A capitalised common word ("Summit", "Trade") is a content word, not a name; so is the
        // question's first word ("Какое", "Подал") unless it is a typo of a known name.
        let common = first == i && lexicon.expand(&tokens[first].lower).len() > 1;
        let opening = first == 0 && first == i;
        if opening {
            let before = named.keys.len();
            resolve_name(text, gazetteer, &mut named);
            named.unknown.retain(|u| u.text != text);
            if named.keys.len() > before {
                named.covered.insert(first);
            }
        } else if !common {
            resolve_name(text, gazetteer, &mut named);
            named.covered.extend(first..=i);
        }
        i += 1;
    }
    named
}

/// Adds `text` as an entity when it is a clear typo of one, else as an unknown name (with choices).
fn resolve_name(text: &str, gazetteer: &Gazetteer, named: &mut Named) {
    let lower = super::words::fold(text);
    let length = lower.chars().count();
    let close = |key: &String| {
        gazetteer.get(key).is_some_and(|e| {
            e.aliases.iter().chain(std::iter::once(&e.name)).any(|a| {
                let a = super::words::fold(a);
                a.chars().count() > SHORT_NAME && strsim::osa_distance(&a, &lower) <= MAX_TYPO_EDITS
            })
        })
    };
    let choices = if length <= SHORT_NAME {
        Vec::new()
    } else {
        match gazetteer.resolve(text, None) {
            Resolution::Found(key) if close(&key) => {
                if !named.keys.contains(&key) {
                    named.keys.push(key);
                }
                return;
            }
            Resolution::Found(key) => vec![key],
            Resolution::DidYouMean(keys) => keys.into_iter().filter(|k| close(k)).collect(),
            Resolution::Unknown { .. } => Vec::new(),
        }
    };
    let mut words: Vec<Term> = super::words::tokens(text)
        .into_iter()
        .map(|t| {
            let key = super::words::key(&t.lower);
            // A short stem spelled in Latin would start too many words ("дел" of "Дели": "delegation").
            let spell = super::words::is_cyrillic(&key) && key.chars().count() >= MIN_SPELLED_KEY;
            let latin = if spell { super::translit::spellings(&key) } else { Vec::new() };
            Term { keys: std::iter::once(key).chain(latin).collect(), word: t.lower }
        })
        .collect();
    add_place_name(text, &mut words);
    named.unknown.push(UnknownName { text: text.to_owned(), words, choices });
}

/// A place asked by its Russian name ("Нью-Дели") is also found by its English one, word by word.
fn add_place_name(text: &str, words: &mut Vec<Term>) {
    let places = &crate::facts::extract::discover::lexicon::bundled().places;
    let Some(place) = places.get(text).filter(|p| p.name != text) else { return };
    let english: Vec<String> = super::words::tokens(&place.name).iter().map(|t| super::words::key(&t.lower)).collect();
    if english.len() == words.len() {
        for (term, key) in words.iter_mut().zip(english) {
            term.keys.push(key);
        }
    } else {
        *words = english.into_iter().map(|key| Term { word: key.clone(), keys: vec![key] }).collect();
    }
}
