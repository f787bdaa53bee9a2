//! Test fixtures: the project's gazetteer, topic lexicon and seed document, built once.

use std::sync::LazyLock;

use super::{Gazetteer, ParsedDocument, TopicLexicon, parse_document};

pub const GAZETTEER_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.toml"));
pub const TOPICS_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/topics.toml"));
pub const SEED: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/documents/russia-foreign-policy-2024.txt"));

pub static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_toml(GAZETTEER_TOML).expect("data/gazetteer.toml is valid"));
pub static TOPICS: LazyLock<TopicLexicon> =
    LazyLock::new(|| TopicLexicon::from_toml(TOPICS_TOML).expect("data/topics.toml is valid"));
pub static SEED_DOC: LazyLock<ParsedDocument> = LazyLock::new(|| parse_document(SEED, &GAZETTEER, &TOPICS));

/// Keys of the entities found in `text`.
pub fn keys(text: &str) -> Vec<String> {
    GAZETTEER.find_mentions(text).into_iter().map(|m| m.entity_key).collect()
}
