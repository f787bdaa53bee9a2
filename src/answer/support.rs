//! The support rule: a sentence (with its coreference context) supports an answer only if it mentions
//! every entity the question names, contains the names no entity answers to, shares enough of the
//! question's content words and, when a type is asked, carries a fact of that type.

use super::{
    analysis::{Analysis, lexicon::Lexicon, words},
    spans::{self, Found},
};
use crate::{
    db::facts::{FactRow, FigureRow, MentionRow},
    facts::Gazetteer,
};

/// A supporting sentence: how well it answers, and the answer it gives when a type was asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Support {
    pub score: f64,
    pub found: Option<Found>,
}

/// Whether the sentence mentions `key`, or an event of it (a summit of an organisation).
fn mentions_entity(key: &str, mentions: &[MentionRow], gazetteer: &Gazetteer) -> bool {
    mentions
        .iter()
        .any(|m| m.entity_key == key || gazetteer.get(&m.entity_key).is_some_and(|e| e.parent.as_deref() == Some(key)))
}

/// Content words a sentence must share: one of up to two, half of more.
pub fn required_terms(content: usize) -> usize {
    content.div_ceil(2)
}

/// The support `row` gives the question, if any.
pub fn check(
    a: &Analysis,
    row: &FactRow,
    figures: &[FigureRow],
    mentions: &[MentionRow],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Option<Support> {
    if !a.entities.iter().all(|key| mentions_entity(key, mentions, gazetteer)) {
        return None;
    }
    let tokens = words::tokens(&row.text);
    let found_at = |keys: &[String]| -> Vec<usize> {
        tokens.iter().filter(|t| keys.iter().any(|k| words::matches(&t.lower, k))).map(|t| t.start).collect()
    };
    let mut anchors: Vec<usize> = Vec::new();
    for name in &a.unknown {
        for key in &name.term.keys {
            let at = found_at(std::slice::from_ref(key));
            if at.is_empty() {
                return None;
            }
            anchors.extend(at);
        }
    }
    let mut matched = 0;
    for term in &a.content {
        let at = found_at(&term.keys);
        if !at.is_empty() {
            matched += 1;
            anchors.extend(at);
        }
    }
    if matched < required_terms(a.content.len()) {
        return None;
    }
    for key in &a.entities {
        if let Some(entity) = gazetteer.get(key) {
            anchors.extend(
                std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .filter_map(|n| words::find_name(&row.text, n).map(|(at, _)| at)),
            );
        }
    }
    let typed = !matches!(a.answer_type, super::analysis::AnswerType::Other | super::analysis::AnswerType::About);
    let found = spans::find(a, row, figures, mentions, &anchors, gazetteer, lexicon);
    if typed && found.is_none() {
        return None;
    }
    let direct = a.entities.iter().filter(|k| mentions.iter().any(|m| &m.entity_key == *k && !m.inferred)).count();
    // A sentence that uses a word of a named entity's name ("the summit") is about it, not only near it.
    let named_words = a
        .entities
        .iter()
        .filter_map(|k| gazetteer.get(k))
        .filter(|e| {
            words::tokens(&e.name)
                .iter()
                .filter(|w| w.lower.chars().count() > 3 && !lexicon.stop.contains(&w.lower))
                .any(|w| tokens.iter().any(|t| words::matches(&t.lower, &words::key(&w.lower))))
        })
        .count();
    let listed = match &found {
        Some(Found::List(items)) => items.len().min(5),
        _ => 0,
    };
    let same_language = (row.doc_language == "ru") == a.russian;
    let score = matched as f64 * 2.0
        + direct as f64 * 0.5
        + named_words as f64 * 0.5
        + listed as f64 * 0.3
        + if same_language { 0.3 } else { 0.0 }
        + super::rank::brevity(&row.text);
    Some(Support { score, found })
}
