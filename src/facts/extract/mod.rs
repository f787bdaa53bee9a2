//! Text → facts extraction core: segmentation, gazetteer mentions, figures, topics and simple coreference.
//!
//! Self-contained: only `super::`/`self::` paths are used inside, and no I/O is done — the
//! gazetteer and topic lexicon are built from TOML text handed in by the caller.

mod catalogue;
mod coref;
mod countries;
mod counts;
mod dates;
pub mod discover;
mod figures;
mod form_index;
mod gazetteer;
mod inflect;
mod lexicon;
mod matcher;
mod model;
mod norm;
mod numbers;
mod pipeline;
mod resolve;
mod segment;
mod sentence_bounds;
mod topics;

#[cfg(test)]
mod russian_tests;
#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod test_support;

pub use coref::{resolve_coreference, starts_with_anaphor};
pub use figures::extract_figures;
pub use gazetteer::Gazetteer;
pub use lexicon::LEXICON_SOURCES;
pub use model::*;
pub use norm::normalize_query;
pub use numbers::word_number;
pub use pipeline::parse_document;
pub use segment::split_sentences;
pub use topics::TopicLexicon;
