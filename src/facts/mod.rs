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
/// The words go into the hash one by one, a space between them, as if joined (no copy of the sentence).
pub fn fact_key(sentence: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, word) in sentence.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hex::encode(&hasher.finalize()[..12])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_key_is_the_hash_of_the_words_joined_by_single_spaces() {
        let joined = hex::encode(&Sha256::digest(b"Russia and China.")[..12]);
        assert_eq!(fact_key("  Russia \t and\nChina.  "), joined);
        assert_eq!(fact_key(""), hex::encode(&Sha256::digest(b"")[..12]));
    }

    #[test]
    fn fact_keys_ignore_whitespace_differences() {
        assert_eq!(fact_key("Russia  and\nChina."), fact_key("Russia and China."));
        assert_ne!(fact_key("Russia and China."), fact_key("Russia and India."));
    }
}
