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

/// Whether the word `key` is in the name or place of `entity` ("the climate conference in Baku").
pub fn names_word(entity: &crate::facts::Entity, key: &str) -> bool {
    let has = |text: &str| words::tokens(text).iter().any(|t| words::matches(&t.lower, key));
    has(&entity.name) || entity.aliases.iter().any(|a| has(a)) || entity.place.as_deref().is_some_and(has)
}

/// Whether the word `key` is said around the sentence: in the name or place of an entity it names.
fn said_around(key: &str, mentions: &[MentionRow], gazetteer: &Gazetteer) -> bool {
    mentions.iter().filter_map(|m| gazetteer.get(&m.entity_key)).any(|e| names_word(e, key))
}

/// Content words a sentence must share: one of up to two, half of more.
pub fn required_terms(content: usize) -> usize {
    content.div_ceil(2)
}

/// A question made ready to check many sentences: what every check would otherwise work out again.
pub struct Asked<'a> {
    pub analysis: &'a Analysis,
    pub gazetteer: &'a Gazetteer,
    pub lexicon: &'a Lexicon,
    /// Per named entity, the keys of the longer words of its names in either language.
    name_words: Vec<Vec<String>>,
}

impl<'a> Asked<'a> {
    pub fn new(analysis: &'a Analysis, gazetteer: &'a Gazetteer, lexicon: &'a Lexicon) -> Self {
        let name_words = analysis
            .entities
            .iter()
            .filter_map(|k| gazetteer.get(k))
            .map(|e| {
                std::iter::once(&e.name)
                    .chain(&e.name_ru)
                    .flat_map(|name| words::tokens(name))
                    .filter(|w| w.lower.chars().count() > 3 && !lexicon.stop.contains(&w.lower))
                    .map(|w| words::key(&w.lower))
                    .collect()
            })
            .collect();
        Asked { analysis, gazetteer, lexicon, name_words }
    }
}

/// Whether `text` shares enough of the question's content words to support it: the test of [`check`] that
/// needs nothing but the sentence, run first so that only these candidates' mentions and figures are read.
pub fn shares_enough_words(asked: &Asked, text: &str) -> bool {
    let content = &asked.analysis.content;
    let required = required_terms(content.len());
    if required == 0 {
        return true;
    }
    let tokens = words::tokens(text);
    let found =
        |term: &&super::analysis::Term| tokens.iter().any(|t| term.keys.iter().any(|k| words::matches(&t.lower, k)));
    content.iter().filter(found).count() >= required
}

/// The support `row` gives the question, if any.
pub fn check(asked: &Asked, row: &FactRow, figures: &[FigureRow], mentions: &[MentionRow]) -> Option<Support> {
    let (a, gazetteer, lexicon) = (asked.analysis, asked.gazetteer, asked.lexicon);
    if !a.entities.iter().all(|key| mentions_entity(key, mentions, gazetteer)) {
        return None;
    }
    let tokens = words::tokens(&row.text);
    let found_at = |keys: &[String]| -> Vec<usize> {
        tokens.iter().filter(|t| keys.iter().any(|k| words::matches(&t.lower, k))).map(|t| t.start).collect()
    };
    let mut anchors: Vec<usize> = Vec::new();
    for name in &a.unknown {
        for word in &name.words {
            let at = found_at(&word.keys);
            if at.is_empty() && !word.keys.iter().any(|key| said_around(key, mentions, gazetteer)) {
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
    let lower = row.text.to_lowercase();
    for key in &a.entities {
        if let Some(entity) = gazetteer.get(key) {
            anchors.extend(
                std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .filter_map(|n| words::find_name_in(&row.text, &lower, n).map(|(at, _)| at)),
            );
        }
    }
    let typed = !matches!(a.answer_type, super::analysis::AnswerType::Other | super::analysis::AnswerType::About);
    let found = spans::find(a, row, figures, mentions, &anchors, gazetteer, lexicon);
    if typed && found.is_none() {
        return None;
    }
    let direct = a.entities.iter().filter(|k| mentions.iter().any(|m| &m.entity_key == *k && !m.inferred)).count();
    // A sentence that uses a word of a named entity's name, in either language ("the summit", "организации"),
    // is about it, not only near it.
    let named_words = asked
        .name_words
        .iter()
        .filter(|keys| keys.iter().any(|key| tokens.iter().any(|t| words::matches(&t.lower, key))))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{answer::analysis, facts::Knowledge};

    fn row(text: &str, language: &str) -> FactRow {
        FactRow {
            sentence_id: 1,
            document_id: 1,
            paragraph: 0,
            position: 3,
            text: text.into(),
            fact_key: "k".into(),
            doc_title: "T".into(),
            doc_source: "S".into(),
            doc_published: "2024-12".into(),
            doc_language: language.into(),
            doc_url: None,
        }
    }

    fn mention(key: &str) -> MentionRow {
        MentionRow { sentence_id: 1, entity_key: key.into(), inferred: false }
    }

    fn figure(kind: &str, unit: &str, text: &str) -> FigureRow {
        FigureRow { sentence_id: 1, kind: kind.into(), value: 0.0, unit: unit.into(), text: text.into() }
    }

    fn check_one(question: &str, text: &str, figures: &[FigureRow], mentions: &[MentionRow]) -> Option<Support> {
        let knowledge = Knowledge::bundled().expect("the bundled knowledge loads");
        let a = analysis::analyse(question, &knowledge.gazetteer);
        let asked = Asked::new(&a, &knowledge.gazetteer, analysis::lexicon::bundled());
        check(&asked, &row(text, "en"), figures, mentions)
    }

    #[test]
    fn a_sentence_missing_one_named_entity_supports_nothing() {
        let text = "Russia has concluded bilateral security agreements with Belarus and North Korea.";
        let mentions = [mention("country:RU"), mention("country:BY"), mention("country:KP")];
        assert!(check_one("How much did Russia trade with Argentina?", text, &[], &mentions).is_none());
        assert!(check_one("Did Russia sign a security agreement with Belarus?", text, &[], &mentions).is_some());
    }

    #[test]
    fn a_typed_question_needs_a_fact_of_its_type() {
        let text = "Russia-China bilateral trade reached a record $240 billion.";
        let mentions = [mention("country:RU"), mention("country:CN")];
        let money = [figure("money", "USD", "$240 billion")];
        let found = check_one("How much did Russia trade with China?", text, &money, &mentions).and_then(|s| s.found);
        assert_eq!(found, Some(Found::Span("$240 billion".into())));
        assert!(check_one("When did Russia trade with China?", text, &money, &mentions).is_none(), "no date");
    }

    #[test]
    fn a_month_without_a_year_is_resolved_from_the_document_date() {
        let text = "Relations were strengthened through the UAE President's visit to Russia last October.";
        let mentions = [mention("country:AE"), mention("country:RU")];
        let dates = [figure("date", "--10", "last October")];
        let found =
            check_one("When did the UAE President visit Russia?", text, &dates, &mentions).and_then(|s| s.found);
        assert_eq!(found, Some(Found::Month { span: "last October".into(), month: 10, year: 2024 }));
    }

    #[test]
    fn a_generic_verb_does_not_refuse_a_good_answer_and_the_answer_is_a_span() {
        let text = "A key highlight was the BRICS Summit in Kazan, chaired by Russia.";
        // The summit itself is a discovered event (not in the curated gazetteer); BRICS is named.
        let mentions = [mention("org:BRICS"), mention("country:RU")];
        let found = check_one("Where did the BRICS leaders meet?", text, &[], &mentions).and_then(|s| s.found);
        assert_eq!(found, Some(Found::Span("Kazan".into())));
        let found = check_one("Who chaired the BRICS summit?", text, &[], &mentions).and_then(|s| s.found);
        assert_eq!(found, Some(Found::Span("Russia".into())));
    }

    #[test]
    fn a_sentence_sharing_no_content_word_does_not_support() {
        let text = "President Putin's state visit to China in May 2024 elevated the partnership.";
        let mentions = [mention("person:putin"), mention("country:CN")];
        let dates = [figure("date", "2024-05", "May 2024")];
        assert!(check_one("When did Putin sign an oil deal with China?", text, &dates, &mentions).is_none());
    }
}
