//! Aho-Corasick mention matching over normalised text: whole words, case rules, Russian endings, nested names.
//!
//! Case rules and endings come from `data/lexicon/matching.toml`. A one-word Russian name drops
//! its final vowel ("Индия" → "инди" + "ей"); a longer one is stemmed word by word (`inflect`).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::gazetteer::{RawAlias, Use};
use super::inflect::{Piece, is_ending, match_tail, russian_phrase};
use super::lexicon::LEXICON;
use super::model::{Entity, EntityKind, ExtractError};
use super::norm::{Normalized, char_at, ends_word, is_cyrillic, normalize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    Any,
    /// The first letter must be uppercase in the text.
    Initial,
    /// Every letter must be uppercase in the text.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The match must end a word.
    Word,
    /// The match may be followed by "s" ("Russians").
    PluralS,
    /// The match may be followed by a Russian inflectional ending.
    Russian,
}

#[derive(Debug, Clone)]
struct Pattern {
    entity: usize,
    /// The alias ends with a dot ("U.S."): include the text's dot in the span.
    trailing_dot: bool,
    case: CaseRule,
    ending: Ending,
    priority: u8,
    /// The words after the first of a multi-word Russian name, each a stem with its ending.
    tail: Vec<Piece>,
}

/// The compiled text matcher of a gazetteer.
pub(super) struct MentionMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// Per automaton pattern: the patterns that start with it.
    by_text: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    entity: usize,
    start: usize,
    end: usize,
    priority: u8,
    /// Length of the matched pattern: a longer stem is more specific ("нигери" over "нигер").
    pattern_len: usize,
}

fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphabetic())
}

fn case_rule(alias: &str, norm: &str, usage: Use) -> CaseRule {
    let count = letters(alias).count();
    let ascii = alias.is_ascii();
    if ascii && count >= 2 && letters(alias).all(char::is_uppercase) {
        let squeezed = norm.replace(' ', "");
        let short = count <= 3 && !LEXICON.matching.lowercase_safe_acronyms.contains(&squeezed);
        return if short { CaseRule::All } else { CaseRule::Any };
    }
    let single_cyrillic = !alias.contains(' ') && alias.chars().any(is_cyrillic);
    let capitalised = alias.chars().next().is_some_and(char::is_uppercase);
    let capitalised_only = LEXICON.matching.capitalised_only.iter().any(|w| w == norm);
    if usage == Use::Demonym || capitalised_only || (single_cyrillic && capitalised) {
        return CaseRule::Initial;
    }
    CaseRule::Any
}

/// The pattern text and ending rule of a Russian single word: vowel-final words of five
/// letters or more lose their last letter ("индия" → "инди"), so inflected forms match.
fn russian_stem(norm: &str) -> (String, Ending) {
    let chars: Vec<char> = norm.chars().collect();
    let single = !chars.is_empty() && chars.iter().all(|&c| is_cyrillic(c));
    if !single {
        return (norm.to_string(), Ending::Word);
    }
    let consonants_only = chars.len() <= 4 && norm.chars().all(|c| !"аеиоуыэюяё".contains(c));
    if consonants_only {
        return (norm.to_string(), Ending::Word);
    }
    match chars.last() {
        Some(&last) if chars.len() >= 5 && "аяоеиыуюйь".contains(last) => {
            (chars[..chars.len() - 1].iter().collect(), Ending::Russian)
        }
        _ if chars.len() >= 4 => (norm.to_string(), Ending::Russian),
        _ => (norm.to_string(), Ending::Word),
    }
}

impl MentionMatcher {
    pub(super) fn build(entities: &[Entity], aliases: &[RawAlias]) -> Result<Self, ExtractError> {
        let mut index: HashMap<(String, Vec<Piece>), usize> = HashMap::new();
        let mut text_index: HashMap<String, usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut by_text: Vec<Vec<usize>> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for a in aliases {
            if matches!(a.usage, Use::Query | Use::Code) || a.entity >= entities.len() {
                continue;
            }
            let norm = normalize(a.text.trim());
            if norm.is_empty() || !norm.chars().any(char::is_alphanumeric) {
                continue;
            }
            let phrase = if a.usage == Use::Text { russian_phrase(&norm) } else { None };
            let (text, ending, tail) = match (a.usage, phrase) {
                (Use::Demonym, _) => (norm.clone(), Ending::PluralS, Vec::new()),
                (Use::RuStem, _) => (norm.clone(), Ending::Russian, Vec::new()),
                (_, Some(mut pieces)) => {
                    let first = pieces.remove(0);
                    let ending = if first.inflects { Ending::Russian } else { Ending::Word };
                    (first.stem, ending, pieces)
                }
                _ => {
                    let (text, ending) = russian_stem(&norm);
                    (text, ending, Vec::new())
                }
            };
            // The leading space anchors every pattern at a word start of the normalised text.
            let text = format!(" {text}");
            let pattern = Pattern {
                entity: a.entity,
                trailing_dot: a.text.trim().ends_with('.'),
                case: case_rule(a.text.trim(), &norm, a.usage),
                ending,
                priority: a.priority,
                tail,
            };
            let key = (text.clone(), pattern.tail.clone());
            if let Some(&i) = index.get(&key) {
                if let Some(p) = patterns.get_mut(i)
                    && pattern.priority < p.priority
                {
                    *p = pattern;
                }
                continue;
            }
            index.insert(key, patterns.len());
            let t = *text_index.entry(text.clone()).or_insert_with(|| {
                texts.push(text);
                by_text.push(Vec::new());
                by_text.len() - 1
            });
            if let Some(list) = by_text.get_mut(t) {
                list.push(patterns.len());
            }
            patterns.push(pattern);
        }
        let automaton = if texts.is_empty() {
            None
        } else {
            // A contiguous NFA, not a DFA: for the bundled gazetteer 0.16 MB against 5.8 MB (one per
            // catalogue), built without the DFA's 110 M instructions, and no slower on sentences.
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&texts)
                .map_err(|e| ExtractError::Invalid { key: "gazetteer".into(), reason: e.to_string() })?;
            Some(ac)
        };
        Ok(MentionMatcher { automaton, patterns, by_text })
    }

    /// Heap bytes of the automaton.
    #[cfg(test)]
    pub(super) fn automaton_bytes(&self) -> usize {
        self.automaton.as_ref().map_or(0, AhoCorasick::memory_usage)
    }

    /// `(entity index, start, end)` of every mention in the normalised sentence, one per entity.
    pub(super) fn find(
        &self,
        norm: &Normalized<'_>,
        sentence: &str,
        entities: &[Entity],
    ) -> Vec<(usize, usize, usize)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Candidate> = Vec::new();
        for m in ac.find_overlapping_iter(&norm.text) {
            for &i in self.by_text.get(m.pattern().as_usize()).into_iter().flatten() {
                let Some(p) = self.patterns.get(i) else {
                    continue;
                };
                let Some(end) = accept_ending(&norm.text, m.end(), p.ending) else {
                    continue;
                };
                let Some(end) = match_tail(&norm.text, end, &p.tail) else {
                    continue;
                };
                let (start, mut end) = norm.original_span(m.start() + 1, end);
                if p.trailing_dot && sentence.as_bytes().get(end) == Some(&b'.') {
                    end += 1;
                }
                let Some(surface) = sentence.get(start..end) else {
                    continue;
                };
                if surface.is_empty() || !case_ok(surface, p.case) {
                    continue;
                }
                let pattern_len = if p.tail.is_empty() { m.len() } else { end - start };
                candidates.push(Candidate { entity: p.entity, start, end, priority: p.priority, pattern_len });
            }
        }
        select(candidates, entities)
    }
}

fn accept_ending(text: &str, end: usize, ending: Ending) -> Option<usize> {
    if ends_word(text, end) {
        return Some(end);
    }
    match ending {
        Ending::Word => None,
        Ending::PluralS => (char_at(text, end) == Some('s') && ends_word(text, end + 1)).then_some(end + 1),
        Ending::Russian => {
            let rest: String = text.get(end..)?.chars().take_while(|c| c.is_alphanumeric()).take(4).collect();
            let after = end + rest.len();
            (is_ending(&rest) && ends_word(text, after)).then_some(after)
        }
    }
}

fn case_ok(surface: &str, rule: CaseRule) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Initial => letters(surface).next().is_some_and(char::is_uppercase),
        CaseRule::All => letters(surface).all(char::is_uppercase),
    }
}

/// Leftmost-longest selection, plus names nested inside a matched organisation, event,
/// project or person ("BRICS" in "BRICS Summit in Kazan"); one mention per entity.
fn select(mut candidates: Vec<Candidate>, entities: &[Entity]) -> Vec<(usize, usize, usize)> {
    candidates.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.priority.cmp(&b.priority))
            .then(b.pattern_len.cmp(&a.pattern_len))
    });
    let mut primary: Vec<Candidate> = Vec::new();
    let mut nested: Vec<Candidate> = Vec::new();
    let mut last_end = 0;
    for c in candidates {
        if primary.is_empty() || c.start >= last_end {
            last_end = c.end;
            primary.push(c);
            continue;
        }
        let outer = primary.iter().rev().find(|p| p.start <= c.start && c.end <= p.end);
        let outer_kind = outer.and_then(|p| entities.get(p.entity)).map(|e| e.kind);
        if outer_kind.is_some_and(|k| k != EntityKind::Country) && outer.is_some_and(|p| p.entity != c.entity) {
            nested.push(c);
        }
    }
    primary.extend(nested);
    primary.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut seen = std::collections::HashSet::new();
    primary.into_iter().filter(|c| seen.insert(c.entity)).map(|c| (c.entity, c.start, c.end)).collect()
}

#[cfg(test)]
#[path = "matcher_tests.rs"]
mod tests;
