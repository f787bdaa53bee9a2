//! The document pipeline: segmentation, then mentions, figures and topics per sentence, then coreference.

use super::coref::resolve_coreference;
use super::discover::{discover, lexicon};
use super::figures::extract_figures;
use super::gazetteer::Gazetteer;
use super::model::{ParsedDocument, ParsedSentence};
use super::norm::Normalized;
use super::segment::split_sentences;
use super::topics::TopicLexicon;

/// Parses a whole document into sentences with their mentions, figures and topics.
pub fn parse_document(text: &str, gazetteer: &Gazetteer, topics: &TopicLexicon) -> ParsedDocument {
    let mut sentences: Vec<ParsedSentence> = split_sentences(text)
        .into_iter()
        .enumerate()
        .map(|(i, (paragraph, text))| {
            let norm = Normalized::new(&text);
            let mentions = gazetteer.find_in(&norm, &text);
            let topics = topics.classify_in(&norm);
            drop(norm);
            ParsedSentence {
                paragraph,
                position: u32::try_from(i).unwrap_or(u32::MAX),
                mentions,
                figures: extract_figures(&text),
                topics,
                text,
            }
        })
        .collect();
    let entities = discover(&mut sentences, gazetteer, lexicon::bundled());
    resolve_coreference(&mut sentences, &|key: &str| {
        gazetteer.get(key).or_else(|| entities.iter().find(|e| e.key == key))
    });
    ParsedDocument { sentences, entities }
}
