//! The coreference context of candidate sentences: the entities a sentence names or implies, those of its
//! document's title, and, after a pronoun, those the sentence before names.

use std::collections::HashMap;

use super::{Dossier, analysis::lexicon};
use crate::db::facts::{FactRow, MentionRow};

/// For each candidate opening with a pronoun ("He then travelled…"), the id of the sentence before it
/// (whose mentions it may stand for) mapped to the candidate's id.
pub(super) fn antecedents(candidates: &[FactRow], lexicon: &lexicon::Lexicon) -> HashMap<i64, i64> {
    candidates
        .iter()
        .filter(|row| row.position > 0 && lexicon.opens_with_pronoun(&row.text))
        .map(|row| (row.sentence_id - 1, row.sentence_id))
        .collect()
}

/// Whether a pronoun could stand for the entity of `mention` (people, organisations and events).
fn can_be_a_pronoun(dossier: &Dossier, mention: &MentionRow) -> bool {
    use crate::facts::EntityKind;
    dossier
        .entities()
        .get(&mention.entity_key)
        .is_some_and(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organisation | EntityKind::Event))
}

/// The entities of each candidate with its coreference context: those it names or implies, those of its
/// document's title (the subject of every sentence of "India's diplomacy in 2024"), and, for a sentence
/// opening with a pronoun ("He then travelled…"), those of the sentence before it. Context mentions
/// count as inferred. `read` holds the mentions of the candidates and of their antecedents.
pub(super) fn with_context(
    dossier: &Dossier,
    candidates: &[FactRow],
    antecedents: &HashMap<i64, i64>,
    read: Vec<MentionRow>,
) -> HashMap<i64, Vec<MentionRow>> {
    let mut mentions: HashMap<i64, Vec<MentionRow>> = HashMap::new();
    for m in read {
        // A pronoun stands for a person, organisation or event the sentence before names outright, never
        // for the countries that sentence merely implies ("…in Astana" is not the subject of "He…").
        if let Some(&next) = antecedents.get(&m.sentence_id).filter(|_| !m.inferred && can_be_a_pronoun(dossier, &m)) {
            mentions.entry(next).or_default().push(MentionRow { sentence_id: next, inferred: true, ..m.clone() });
        }
        mentions.entry(m.sentence_id).or_default().push(m);
    }
    let mut titles: HashMap<i64, Vec<String>> = HashMap::new();
    for row in candidates {
        let keys = titles.entry(row.document_id).or_insert_with(|| {
            dossier.entities().find_mentions(&row.doc_title).into_iter().map(|m| m.entity_key).collect()
        });
        let list = mentions.entry(row.sentence_id).or_default();
        for key in keys.iter() {
            if !list.iter().any(|m| &m.entity_key == key) {
                list.push(MentionRow { sentence_id: row.sentence_id, entity_key: key.clone(), inferred: true });
            }
        }
    }
    mentions
}
