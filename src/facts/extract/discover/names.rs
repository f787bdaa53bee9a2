//! Capitalised names headed by a head noun: "Turkic Investment Fund", "Ministry of External Affairs",
//! "Agreement on the Simplified Customs Corridor"; never a single word, never a generic capital.

use super::registry::{Registry, entity};
use super::words::slug;
use super::{Lexicon, Sentence};
use crate::facts::extract::model::{EntityKind, Mention};

/// Most words to the left of a head noun.
const MAX_LEFT: usize = 6;
/// Most words of a complement ("of External Affairs").
const MAX_COMPLEMENT: usize = 8;

pub fn find(s: &mut Sentence<'_>, lexicon: &Lexicon, registry: &mut Registry<'_>) {
    let mut found: Vec<(usize, usize, EntityKind)> = Vec::new();
    let words = &s.words;
    let mut k = 0;
    while k < words.len() {
        let Some(kind) = lexicon.head_kind(words[k].text) else {
            k += 1;
            continue;
        };
        // Left: capitalised words joined to the head ("and" between two of them: "Trade and Economic").
        let mut first = k;
        while first > 0 && k - first < MAX_LEFT && words[first].joined {
            let prev = &words[first - 1];
            let and = prev.text == "and"
                && first >= 2
                && words[first - 2].capitalised()
                && words[first - 1].joined
                && !s.covered(words[first - 2].start, words[first - 2].end);
            let capital = prev.capitalised() && !lexicon.determiners.contains(prev.text) && !prev.possessive;
            if !(capital || and) {
                break;
            }
            first -= 1;
        }
        if first == 0 && lexicon.stop_capitals.contains(words[0].text) && first < k {
            first = 1;
        }
        // Right: "of/on/for [the] Capitalised…" after heads that take one.
        let mut last = k;
        if lexicon.keeps_complement.contains(words[k].text) {
            let mut j = k + 1;
            let mut end = k;
            while j < words.len() && j - k <= MAX_COMPLEMENT && words[j].joined {
                let w = &words[j];
                if w.capitalised() && !w.possessive {
                    end = j;
                } else if !lexicon.connectors.contains(w.text) {
                    break;
                }
                j += 1;
            }
            let preposition = words.get(k + 1).map(|w| w.lower());
            let complement = (k + 2..=end).filter(|&i| i < words.len());
            let heads_inside = complement.clone().any(|i| lexicon.head_kind(words[i].text).is_some());
            let known_inside = complement.clone().any(|i| s.covered(words[i].start, words[i].end));
            let keep = match preposition.as_deref() {
                Some("of") => !heads_inside && !known_inside,
                Some("on" | "for" | "against") => true,
                _ => false,
            };
            if end > k && keep {
                last = end;
            }
        }
        if last - first >= 1 && words[first].capitalised() {
            found.push((first, last, kind));
        }
        k = last + 1;
    }
    for (first, last, kind) in found {
        let (start, end) = (s.words[first].start, s.words[last].end);
        if s.covered(start, end) && s.mentions.iter().any(|m| m.start <= start && end <= m.end) {
            continue;
        }
        let name = &s.text[start..end];
        let key = match registry.known(name) {
            Some(key) => key,
            None => registry.add(entity(format!("{}{}", kind.key_prefix(), slug(name)), kind, name, Vec::new())),
        };
        if !s.mentions.iter().any(|m| m.entity_key == key) {
            s.mentions.push(Mention { entity_key: key, start, end, inferred: false });
        }
    }
}
