//! Acronyms defined in parentheses: "the Organization of Turkic States (OTS)", "Group of Twenty (G20)".

use super::registry::{Registry, entity};
use super::{Lexicon, Sentence};
use crate::facts::extract::model::{EntityKind, Mention};

/// Most words in a long form.
const MAX_LONG_FORM: usize = 12;

/// True when the acronym's letters are spent, right to left, on the initials of `parts` (each part
/// giving its first letter and maybe later ones: "ASEAN" on "Association Southeast Asian Nations").
fn fits(acronym: &[char], parts: &[Vec<char>]) -> bool {
    let Some((last, rest)) = parts.split_last() else { return acronym.is_empty() };
    (1..=acronym.len()).any(|k| {
        let (head, taken) = acronym.split_at(acronym.len() - k);
        let initial = taken.first().zip(last.first()).is_some_and(|(a, b)| a == b);
        initial && is_subsequence(&taken[1..], &last[1..]) && fits(head, rest)
    })
}

fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

/// The lowercase letters of the parts of a word ("Asia-Pacific" → ["asia", "pacific"]).
fn parts(word: &str) -> Vec<Vec<char>> {
    word.split(['-', '–']).filter(|p| !p.is_empty()).map(|p| p.chars().flat_map(char::to_lowercase).collect()).collect()
}

/// Finds "<Long Form> (<ACRONYM>)" in the sentence, registers the entity and marks both spans.
pub fn find(s: &mut Sentence<'_>, lexicon: &Lexicon, registry: &mut Registry<'_>) {
    let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
    for k in 1..s.words.len() {
        let w = &s.words[k];
        let bracketed = s.text[..w.start].ends_with('(') && s.text[w.end..].starts_with(')');
        if !bracketed || !w.all_caps() || w.text.chars().count() > 8 {
            continue;
        }
        let prev = &s.words[k - 1];
        if s.text[prev.end..w.start].trim() != "(" {
            continue;
        }
        // The capitalised run before the bracket.
        let mut first = k - 1;
        while first > 0 && k - first < MAX_LONG_FORM && s.words[first].joined && name_word(&s.words[first - 1], lexicon)
        {
            first -= 1;
        }
        let content: Vec<usize> = (first..k).filter(|&i| !lexicon.connectors.contains(s.words[i].text)).collect();
        let letters: Vec<char> = w.text.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
        let has_digits = w.text.chars().any(|c| c.is_ascii_digit());
        let start = (0..content.len()).rev().find(|&j| {
            let words: Vec<Vec<char>> = content[j..].iter().flat_map(|&i| parts(s.words[i].text)).collect();
            let shorter: Vec<Vec<char>> = words[..words.len().saturating_sub(1)].to_vec();
            fits(&letters, &words) || (has_digits && fits(&letters, &shorter))
        });
        let Some(start) = start.and_then(|j| content.get(j).copied()) else { continue };
        if !s.words[start].capitalised() || content.iter().filter(|&&i| i >= start).count() < 2 {
            continue;
        }
        found.push((s.words[start].start, prev.end, w.start, w.end));
    }
    for (long_start, long_end, short_start, short_end) in found {
        let long = &s.text[long_start..long_end];
        let short = &s.text[short_start..short_end];
        let head = long.split_whitespace().last().unwrap_or_default();
        let kind = match lexicon.head_kind(head) {
            Some(EntityKind::Project) => EntityKind::Project,
            _ => EntityKind::Organisation,
        };
        let key = registry.known(long).or_else(|| registry.known(short));
        let discovered = entity(format!("{}{short}", kind.key_prefix()), kind, long, vec![short.to_owned()]);
        let discovered = match &key {
            Some(k) => crate::facts::Entity { key: k.clone(), ..discovered },
            None => discovered,
        };
        let key = registry.add(discovered);
        for (start, end) in [(long_start, long_end), (short_start, short_end)] {
            if !s.mentions.iter().any(|m| m.entity_key == key && m.start <= start && end <= m.end) {
                s.mentions.push(Mention { entity_key: key.clone(), start, end, inferred: false });
            }
        }
    }
}

/// A word that may be part of a capitalised name: capitalised, or a connector ("of", "the").
pub(super) fn name_word(w: &super::Word<'_>, lexicon: &Lexicon) -> bool {
    w.capitalised() || lexicon.connectors.contains(w.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(acronym: &str, words: &[&str]) -> bool {
        let letters: Vec<char> = acronym.to_lowercase().chars().collect();
        fits(&letters, &words.iter().flat_map(|w| parts(w)).collect::<Vec<_>>())
    }

    #[test]
    fn acronym_letters_are_spent_on_initials() {
        assert!(check("OTS", &["Organization", "Turkic", "States"]));
        assert!(check("APEC", &["Asia-Pacific", "Economic", "Cooperation"]));
        assert!(check("NSITC", &["North-South", "International", "Transport", "Corridor"]));
        assert!(check("ASEAN", &["Association", "Southeast", "Asian", "Nations"]));
        assert!(!check("OTS", &["Heads", "State", "Organization", "Turkic", "States"]), "every word gives a letter");
        assert!(!check("WHO", &["Ministry", "External", "Affairs"]));
    }
}
