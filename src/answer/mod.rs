//! Answering: the platform-free core behind `/country`, `/summit`, `/topic`, `/search` and free text.

pub mod analysis;
mod ask;
pub mod buttons;
pub mod cache;
pub mod card;
mod context;
mod country;
pub mod fts;
mod headings;
pub mod inline;
pub mod links;
mod names;
pub mod outcome;
mod question;
mod rank;
mod role;
mod source;
pub mod spans;
mod summit;
mod support;
mod topic;
mod welcome;

use std::{num::NonZeroUsize, sync::Arc};

use crate::{db::Pool, facts::Knowledge, i18n::Lang, reply::Reply};

/// Replies kept in memory per fact-base version (a card is a few kilobytes).
const CACHED_REPLIES: NonZeroUsize = NonZeroUsize::new(2048).expect("non-zero");

/// What someone asked, already parsed by an adapter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Request {
    Start,
    Country(String),
    Summit(String),
    Topic(String),
    Search(String),
    /// Free text: a question in natural language.
    Question(String),
    /// The card of an entity by key (buttons and deep links).
    Entity(String),
    /// The paragraph a sentence comes from.
    Source(i64),
}

/// Why a request got no regular answer.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// The user did something wrong; the text is shown to them as written.
    #[error("{0}")]
    User(String),
    /// Something broke; the adapter logs it and apologises.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Longest argument the core looks at; longer input is cut (it cannot name anything in the documents).
pub const MAX_ARGUMENT_CHARS: usize = 256;

/// The answering core: the fact base and the rules that built it, and the interface language of the
/// replies it composes (English unless an adapter asks for another with [`Dossier::in_lang`]), and the
/// replies already composed for the current fact base.
#[derive(Clone)]
pub struct Dossier {
    /// The fact index (this process's own SQLite file).
    pub pool: Pool,
    /// The state replicas share (the same file on the embedded default); the answering itself never reads it.
    pub store: crate::db::store::SharedDatabase,
    pub knowledge: Knowledge,
    pub lang: Lang,
    cache: Option<Arc<cache::AnswerCache>>,
    /// The gazetteer merged with discovered entities, per fact-base version; [`Dossier::current`] puts it
    /// in `knowledge.gazetteer`, so every lookup sees discoveries.
    catalogue: Arc<crate::facts::catalogue::CatalogueSlot>,
}

impl Dossier {
    pub fn new(pool: Pool, knowledge: Knowledge) -> Self {
        let catalogue = Arc::new(crate::facts::catalogue::CatalogueSlot::new(knowledge.gazetteer.clone()));
        Dossier {
            store: Arc::new(crate::db::store::sqlite::SqliteStore::new(pool.clone())),
            pool,
            knowledge,
            lang: Lang::En,
            cache: Some(Arc::new(cache::AnswerCache::new(CACHED_REPLIES))),
            catalogue,
        }
    }

    /// The same core with the shared state in `store` (another engine than the index's own file).
    pub fn with_store(self, store: crate::db::store::SharedDatabase) -> Dossier {
        Dossier { store, ..self }
    }

    /// The same core composing every reply afresh (for benchmarks of the composing itself).
    pub fn uncached(&self) -> Dossier {
        Dossier { cache: None, ..self.clone() }
    }

    /// The same core, answering in `lang` (a cheap clone: the pool and the knowledge are shared).
    pub fn in_lang(&self, lang: Lang) -> Dossier {
        Dossier { lang, ..self.clone() }
    }

    /// The entity lookup: every entity the fact base can name (the gazetteer, and what ingest adds to it).
    pub fn entities(&self) -> &crate::facts::Gazetteer {
        &self.knowledge.gazetteer
    }

    /// The typed outcome of a free-text question (what [`Request::Question`] renders).
    pub async fn ask(&self, question: &str) -> Result<outcome::Outcome, AnswerError> {
        Ok(ask::ask(&self.current().await?, &clip(question)).await?)
    }

    /// An entity's name in the interface language (the Russian name when there is one).
    pub fn name_of<'a>(&self, entity: &'a crate::facts::Entity) -> &'a str {
        self.lang.pick(&entity.name, entity.name_ru.as_deref())
    }

    /// The fact base's version (cached for a moment when this core caches replies).
    async fn version(&self) -> anyhow::Result<i64> {
        match &self.cache {
            Some(cache) => cache.version(&self.pool).await,
            None => crate::db::facts::version(&self.pool).await,
        }
    }

    /// The same core looking entities up in the catalogue of the current fact base: the gazetteer merged
    /// with the discovered entities. Every entry point that reads `knowledge.gazetteer` starts here.
    pub async fn current(&self) -> Result<Dossier, AnswerError> {
        let version = self.version().await?;
        self.at(version).await
    }

    async fn at(&self, version: i64) -> Result<Dossier, AnswerError> {
        let gazetteer = self.catalogue.at(&self.pool, version).await?;
        if Arc::ptr_eq(&gazetteer, &self.knowledge.gazetteer) {
            return Ok(self.clone());
        }
        let knowledge = Knowledge { gazetteer, ..self.knowledge.clone() };
        Ok(Dossier { knowledge, ..self.clone() })
    }

    /// The curated gazetteer alone (what the documents were parsed with).
    pub fn curated(&self) -> &Arc<crate::facts::Gazetteer> {
        self.catalogue.base()
    }

    /// Answers one request: from the cache when the fact base has not changed since it was composed.
    pub async fn answer(&self, request: &Request) -> Result<Reply, AnswerError> {
        self.shared_answer(request).await.map(Arc::unwrap_or_clone)
    }

    /// The same answer without a copy: the reply the cache keeps, shared (a fresh one when not cached).
    pub async fn shared_answer(&self, request: &Request) -> Result<Arc<Reply>, AnswerError> {
        let version = self.version().await?;
        let Some(cache) = &self.cache else {
            return Ok(Arc::new(self.at(version).await?.compose(request).await?));
        };
        if let Some(reply) = cache.get(version, request, self.lang) {
            return Ok(reply);
        }
        let reply = Arc::new(self.at(version).await?.compose(request).await?);
        cache.put(version, request, self.lang, &reply);
        Ok(reply)
    }

    async fn compose(&self, request: &Request) -> Result<Reply, AnswerError> {
        match request {
            Request::Start => Ok(welcome::reply(self.lang)),
            Request::Country(name) => country::answer(self, &self.required(name, "country", "India")?).await,
            Request::Summit(name) => summit::answer(self, &self.required(name, "summit", "BRICS")?).await,
            Request::Topic(name) => topic::answer(self, &self.required(name, "topic", "energy")?).await,
            Request::Search(words) => {
                question::search(self, &self.required(words, "search", "transport corridor")?).await
            }
            Request::Question(text) => outcome::render(self, ask::ask(self, &clip(text)).await?).await,
            Request::Entity(key) => self.entity_card(key).await,
            Request::Source(sentence_id) => source::answer(self, *sentence_id).await,
        }
    }

    /// The card for an entity key, by its kind.
    pub(crate) async fn entity_card(&self, key: &str) -> Result<Reply, AnswerError> {
        let Some(entity) = self.entities().get(key) else {
            return Err(AnswerError::User(self.lang.t("link-outdated")));
        };
        match entity.kind {
            crate::facts::EntityKind::Country => country::card(self, entity).await,
            _ => summit::card(self, entity).await,
        }
    }

    /// The argument, trimmed and clipped, or a usage line with an example when it is missing.
    fn required(&self, arg: &str, command: &str, example: &str) -> Result<String, AnswerError> {
        required(arg, command, example, self.lang)
    }
}

/// The argument, trimmed and clipped, or a usage line with an example when it is missing.
fn required(arg: &str, command: &str, example: &str, lang: Lang) -> Result<String, AnswerError> {
    let arg = clip(arg);
    if arg.is_empty() {
        let args = [crate::i18n::arg("command", command), crate::i18n::arg("example", example)];
        return Err(AnswerError::User(lang.tr("usage", &args)));
    }
    Ok(arg)
}

/// Trims, drops invisible characters and keeps at most [`MAX_ARGUMENT_CHARS`].
fn clip(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'))
        .take(MAX_ARGUMENT_CHARS)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_argument_gets_a_usage_line_with_an_example() {
        let err = required("   ", "country", "India", Lang::En).unwrap_err();
        assert_eq!(err.to_string(), "Usage: /country NAME — for example /country India");
    }

    #[test]
    fn zero_width_and_bidi_characters_are_ignored_in_arguments() {
        assert_eq!(clip("\u{200B}In\u{202E}dia\0 "), "India");
    }

    #[test]
    fn very_long_arguments_are_clipped() {
        assert_eq!(clip(&"x".repeat(5000)).chars().count(), MAX_ARGUMENT_CHARS);
    }
}
