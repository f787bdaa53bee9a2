//! Discovery at ingest: organisations, named things, events, people and places that a document introduces
//! and no gazetteer lists, found in its own text. Precision first: what is not clearly a name is left out.

mod acronyms;
mod aliases;
mod events;
pub mod lexicon;
mod names;
mod people;
mod places;
pub(crate) mod registry;
mod words;

#[cfg(test)]
mod tests;

use super::gazetteer::Gazetteer;
use super::model::{Entity, EntityKind, Figure, Mention, ParsedSentence};
pub use lexicon::{Lexicon, Place};
use registry::Registry;
use words::Word;

/// What discovery sees of one sentence.
pub(crate) struct Sentence<'a> {
    pub text: &'a str,
    pub words: Vec<Word<'a>>,
    /// Mentions found so far: the gazetteer's, then discoveries'.
    pub mentions: Vec<Mention>,
    pub figures: &'a [Figure],
    pub places: Vec<places::PlaceHit<'a>>,
}

impl Sentence<'_> {
    /// Byte ranges already claimed by a mention.
    pub fn covered(&self, start: usize, end: usize) -> bool {
        self.mentions.iter().any(|m| m.start < end && start < m.end && m.start != m.end)
    }

    /// The index of the word starting at byte `start`.
    pub fn word_at(&self, start: usize) -> Option<usize> {
        self.words.iter().position(|w| w.start == start)
    }
}

/// Finds the document's own entities, adds their mentions (and the countries of the cities named) to the
/// sentences, and returns the entities: new ones, and gazetteer entities that gained an alias.
pub fn discover(sentences: &mut [ParsedSentence], gazetteer: &Gazetteer, lexicon: &Lexicon) -> Vec<Entity> {
    let mut registry = Registry::new(gazetteer);
    let mut views: Vec<Sentence<'_>> = sentences
        .iter()
        .map(|s| {
            let words = words::words(&s.text);
            let mut view = Sentence {
                text: &s.text,
                words,
                mentions: s.mentions.clone(),
                figures: &s.figures,
                places: Vec::new(),
            };
            view.places = places::find(&view, lexicon);
            view
        })
        .collect();
    // Acronyms first, in the whole document: a title line may name what a later sentence defines.
    for view in views.iter_mut() {
        acronyms::find(view, lexicon, &mut registry);
    }
    let known = aliases::patterns(&registry);
    aliases::mark(&mut views, &known);
    for view in views.iter_mut() {
        events::find(view, lexicon, &mut registry);
        names::find(view, lexicon, &mut registry);
        people::find(view, lexicon, &mut registry);
    }
    // Mentions only grow, so the same patterns would find nothing new: marked again only when the document
    // named something more.
    let now_known = aliases::patterns(&registry);
    if now_known != known {
        aliases::mark(&mut views, &now_known);
    }
    let found: Vec<Vec<Mention>> = views
        .iter()
        .map(|view| {
            let mut all = view.mentions.clone();
            for hit in &view.places {
                let key = format!("{}{}", EntityKind::Country.key_prefix(), hit.place.country);
                if gazetteer.get(&key).is_some() && !all.iter().any(|m| m.entity_key == key) {
                    all.push(Mention { entity_key: key, start: hit.start, end: hit.end, inferred: false });
                }
            }
            all
        })
        .collect();
    let entities = registry.into_entities();
    drop(views);
    for (mut mentions, sentence) in found.into_iter().zip(sentences.iter_mut()) {
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut seen = std::collections::HashSet::new();
        mentions.retain(|m| seen.insert(m.entity_key.clone()));
        sentence.mentions = mentions;
    }
    entities
}
