//! Facts: turning documents into sentences, entities, figures and topics, and keeping the fact base up to date.

mod batch;
pub mod catalogue;
pub mod extract;
pub mod index_sync;
pub mod ingest;
pub mod intake;
pub mod knowledge;
pub mod source;

pub use extract::{
    Entity, EntityKind, Figure, FigureKind, Gazetteer, Mention, ParsedDocument, ParsedSentence, Resolution, Topic,
    TopicLexicon, parse_document,
};
pub use ingest::{IngestError, IngestOutcome, Ingestor};
pub use knowledge::Knowledge;

/// True when a count with this noun, in this sentence, counts participants (countries, delegations taking
/// part), not years or anything else.
pub fn counts_participants(noun: &str, sentence: &str) -> bool {
    extract::discover::lexicon::bundled().counts_participants(noun, sentence)
}
pub use source::{DocumentMeta, SourceDocument};

use sha2::{Digest, Sha256};

/// A fact's stable identity: the hash of its sentence text, unchanged when its document is re-ingested.
pub fn fact_key(sentence: &str) -> String {
    let normalized: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    hex::encode(&Sha256::digest(normalized.as_bytes())[..12])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_keys_ignore_whitespace_differences() {
        assert_eq!(fact_key("Russia  and\nChina."), fact_key("Russia and China."));
        assert_ne!(fact_key("Russia and China."), fact_key("Russia and India."));
    }
}
