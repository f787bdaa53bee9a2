//! The extraction rules loaded once: the gazetteer and the topic lexicon, with a hash that changes when they
//! or the built-in lexicons (`data/lexicon/`) do.

use std::{path::Path, sync::Arc};

use anyhow::Context;
use sha2::{Digest, Sha256};

use super::{Gazetteer, TopicLexicon};

/// Bump when extraction code changes in a way that should re-ingest every document.
const EXTRACTION_VERSION: &str = "2";

/// Gazetteer and topic lexicon, shared by ingest and answering.
#[derive(Clone)]
pub struct Knowledge {
    pub gazetteer: Arc<Gazetteer>,
    pub topics: Arc<TopicLexicon>,
    /// Hash of the rules; part of every document's content hash so that new rules re-ingest.
    pub rules_hash: String,
}

impl Knowledge {
    /// Loads `gazetteer.toml` and `topics.toml`.
    pub fn load(gazetteer_path: &Path, topics_path: &Path) -> anyhow::Result<Self> {
        let gazetteer_toml = std::fs::read_to_string(gazetteer_path)
            .with_context(|| format!("cannot read the gazetteer {}", gazetteer_path.display()))?;
        let topics_toml = std::fs::read_to_string(topics_path)
            .with_context(|| format!("cannot read the topic lexicon {}", topics_path.display()))?;
        Self::from_toml(&gazetteer_toml, &topics_toml)
    }

    /// Builds the rules from TOML text.
    pub fn from_toml(gazetteer_toml: &str, topics_toml: &str) -> anyhow::Result<Self> {
        let gazetteer = Gazetteer::from_toml(gazetteer_toml).context("the gazetteer is not valid")?;
        let topics = TopicLexicon::from_toml(topics_toml).context("the topic lexicon is not valid")?;
        let mut hasher = Sha256::new();
        let lexicons = super::extract::LEXICON_SOURCES;
        let discovery =
            [super::extract::discover::lexicon::DISCOVERY_TOML, super::extract::discover::lexicon::PLACES_TOML];
        for part in [EXTRACTION_VERSION, gazetteer_toml, topics_toml].into_iter().chain(lexicons).chain(discovery) {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        Ok(Knowledge {
            gazetteer: Arc::new(gazetteer),
            topics: Arc::new(topics),
            rules_hash: hex::encode(hasher.finalize()),
        })
    }

    /// The rules shipped in the repository's `data/` folder (for tests and benchmarks).
    pub fn bundled() -> anyhow::Result<Self> {
        Self::from_toml(include_str!("../../data/gazetteer.toml"), include_str!("../../data/topics.toml"))
    }
}
