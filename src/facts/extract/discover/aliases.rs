//! Later mentions of what a document introduced: its names, acronyms and surnames, found in every sentence.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Sentence;
use super::registry::Registry;
use crate::facts::extract::model::Mention;

/// The names and aliases of the registry's entities (at least two letters or digits each), with their keys.
pub fn patterns(registry: &Registry<'_>) -> Vec<(String, String)> {
    let mut patterns: Vec<(String, String)> = Vec::new();
    for e in registry.entities() {
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            if alias.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && !patterns.iter().any(|(p, _)| p == alias) {
                patterns.push((alias.clone(), e.key.clone()));
            }
        }
    }
    patterns
}

/// Marks every one of `patterns` (from [`patterns`]) in the sentences, one mention per entity and sentence.
/// Single words (acronyms, surnames) must match in case; longer names in any case.
pub fn mark(sentences: &mut [Sentence<'_>], patterns: &[(String, String)]) {
    if patterns.is_empty() {
        return;
    }
    // Built for every document and searched over its few sentences: a contiguous NFA builds several times
    // faster than the DFA that would be chosen for so few patterns, and finds the same matches.
    let Ok(ac) = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns.iter().map(|(p, _)| p.as_str()))
    else {
        return;
    };
    for s in sentences.iter_mut() {
        let mut added = Vec::new();
        for m in ac.find_iter(s.text) {
            let Some((alias, key)) = patterns.get(m.pattern().as_usize()) else { continue };
            let (start, end) = (m.start(), m.end());
            let bounded = !s.text[..start].chars().next_back().is_some_and(char::is_alphanumeric)
                && !s.text[end..].chars().next().is_some_and(char::is_alphanumeric);
            let surface = &s.text[start..end];
            let case_ok = alias.contains(' ') || surface == alias;
            let present = s.mentions.iter().chain(&added).any(|x: &Mention| x.entity_key == *key);
            let same_span = s.mentions.iter().any(|x| x.start == start && x.end == end);
            if bounded && case_ok && !present && !same_span {
                added.push(Mention { entity_key: key.clone(), start, end, inferred: false });
            }
        }
        s.mentions.extend(added);
    }
}
