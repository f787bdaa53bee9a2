//! The discovery lexicon: head nouns, titles, stop-capitals, event words (`data/discovery.toml`) and the
//! cities of `data/places.toml`, loaded once.

use std::{
    collections::{HashMap, HashSet},
    sync::LazyLock,
};

use serde::Deserialize;

use crate::facts::extract::model::EntityKind;

/// The bundled discovery rules' TOML, part of the rules hash so that a change re-ingests.
pub const DISCOVERY_TOML: &str = include_str!("../../../../data/discovery.toml");
/// The bundled places' TOML.
pub const PLACES_TOML: &str = include_str!("../../../../data/places.toml");

#[derive(Deserialize, Default)]
struct File {
    heads: Heads,
    names: Names,
    people: People,
    events: Events,
    participants: Participants,
    places: PlaceRules,
    coreference: Coreference,
}

#[derive(Deserialize, Default)]
struct Coreference {
    person: Vec<String>,
    event: Vec<String>,
    countries: Vec<String>,
    anaphors: Vec<String>,
    organisation: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Heads {
    organisation: Vec<String>,
    project: Vec<String>,
    keeps_complement: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Names {
    connectors: Vec<String>,
    determiners: Vec<String>,
    stop_capitals: Vec<String>,
}

#[derive(Deserialize, Default)]
struct People {
    titles: Vec<String>,
    state_words: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Events {
    nouns: Vec<String>,
    nouns_ru: Vec<String>,
    modifiers: Vec<String>,
    possessives: Vec<String>,
    place_words: Vec<String>,
    event_place_words: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Participants {
    nouns: Vec<String>,
    cues: Vec<String>,
}

#[derive(Deserialize, Default)]
struct PlaceRules {
    ignore: Vec<String>,
}

#[derive(Deserialize, Default)]
struct PlacesFile {
    places: Vec<PlaceSpec>,
}

#[derive(Deserialize)]
struct PlaceSpec {
    n: String,
    c: String,
    ru: Option<String>,
    #[serde(default)]
    capital: bool,
}

/// A city: its name, its country's ISO code and its Russian name where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub country: String,
    pub name_ru: Option<String>,
    pub capital: bool,
}

/// Everything discovery looks words up in.
#[derive(Default)]
pub struct Lexicon {
    heads: HashMap<String, EntityKind>,
    pub keeps_complement: HashSet<String>,
    pub connectors: HashSet<String>,
    pub determiners: HashSet<String>,
    pub stop_capitals: HashSet<String>,
    /// Titles as word sequences, longest first.
    pub titles: Vec<Vec<String>>,
    /// Positions in `titles` by the title's first word.
    title_starts: HashMap<String, Vec<usize>>,
    pub state_words: HashSet<String>,
    /// Event noun (lowercase) → its Russian word.
    pub event_nouns: HashMap<String, String>,
    pub modifiers: HashSet<String>,
    pub possessives: HashSet<String>,
    pub place_words: HashSet<String>,
    pub event_place_words: HashSet<String>,
    pub participant_nouns: HashSet<String>,
    pub participant_cues: Vec<String>,
    /// Places by name (and Russian name); names in several words are keyed by their words joined by spaces.
    pub places: HashMap<String, Place>,
    /// Openers that refer to a person, an event, or two countries (lowercase).
    pub person_openers: Vec<String>,
    pub event_openers: Vec<String>,
    pub countries_openers: Vec<String>,
    /// Openers that continue the previous sentence as a whole ("It", "These", "The two sides").
    pub anaphors: Vec<String>,
    /// Generic names of an organisation said anywhere in a sentence ("the alliance", "объединение").
    pub organisation_nouns: Vec<String>,
    /// The most words in a place name.
    pub longest_place: usize,
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().collect()
}

impl Lexicon {
    /// Builds the lexicon from the two TOML texts.
    pub fn from_toml(discovery: &str, places: &str) -> Result<Lexicon, toml::de::Error> {
        let file: File = toml::from_str(discovery)?;
        let places_file: PlacesFile = toml::from_str(places)?;
        let mut heads = HashMap::new();
        for (list, kind) in
            [(file.heads.organisation, EntityKind::Organisation), (file.heads.project, EntityKind::Project)]
        {
            heads.extend(list.into_iter().map(|w| (w, kind)));
        }
        let mut titles: Vec<Vec<String>> =
            file.people.titles.iter().map(|t| t.split_whitespace().map(str::to_owned).collect()).collect();
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut title_starts: HashMap<String, Vec<usize>> = HashMap::new();
        for (position, title) in titles.iter().enumerate() {
            if let Some(first) = title.first() {
                title_starts.entry(first.clone()).or_default().push(position);
            }
        }
        let ignore = set(file.places.ignore);
        let mut by_name = HashMap::new();
        for p in places_file.places.into_iter().filter(|p| !ignore.contains(&p.n)) {
            let place = Place { name: p.n.clone(), country: p.c, name_ru: p.ru.clone(), capital: p.capital };
            if let Some(ru) = p.ru {
                by_name.entry(ru).or_insert_with(|| place.clone());
            }
            by_name.insert(p.n, place);
        }
        let longest_place = by_name.keys().map(|k| k.split_whitespace().count()).max().unwrap_or(1);
        let nouns_ru = file.events.nouns_ru;
        let event_nouns =
            file.events.nouns.into_iter().enumerate().map(|(i, n)| (n, nouns_ru.get(i).cloned().unwrap_or_default()));
        Ok(Lexicon {
            heads,
            keeps_complement: set(file.heads.keeps_complement),
            connectors: set(file.names.connectors),
            determiners: set(file.names.determiners),
            stop_capitals: set(file.names.stop_capitals),
            titles,
            title_starts,
            state_words: set(file.people.state_words),
            event_nouns: event_nouns.collect(),
            modifiers: set(file.events.modifiers),
            possessives: set(file.events.possessives),
            place_words: set(file.events.place_words),
            event_place_words: set(file.events.event_place_words),
            participant_nouns: set(file.participants.nouns),
            participant_cues: file.participants.cues,
            places: by_name,
            person_openers: file.coreference.person,
            event_openers: file.coreference.event,
            countries_openers: file.coreference.countries,
            anaphors: file.coreference.anaphors,
            organisation_nouns: file.coreference.organisation,
            longest_place,
        })
    }

    /// The titles whose first word is `word` (as written), longest first.
    pub fn titles_from(&self, word: &str) -> impl Iterator<Item = &[String]> {
        self.title_starts.get(word).into_iter().flatten().map(|&i| self.titles[i].as_slice())
    }

    /// The kind of a name headed by `word`, if it is a head noun.
    pub fn head_kind(&self, word: &str) -> Option<EntityKind> {
        self.heads.get(word).copied()
    }

    /// True when a count with this noun, in this sentence, counts participants.
    pub fn counts_participants(&self, noun: &str, sentence: &str) -> bool {
        let lower = sentence.to_lowercase();
        self.participant_nouns.contains(&noun.to_lowercase()) && self.participant_cues.iter().any(|c| lower.contains(c))
    }
}

/// The bundled lexicon. A broken bundled file is a build defect caught by the tests; it yields an empty lexicon.
pub fn bundled() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        Lexicon::from_toml(DISCOVERY_TOML, PLACES_TOML).unwrap_or_else(|e| {
            log::error!("the bundled discovery lexicon is invalid: {e}");
            Lexicon::default()
        })
    });
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicon_loads_with_places_heads_and_titles() {
        let lexicon = Lexicon::from_toml(DISCOVERY_TOML, PLACES_TOML).unwrap();
        assert_eq!(lexicon.places.get("Kazan").map(|p| p.country.as_str()), Some("RU"));
        assert_eq!(lexicon.places.get("Rio de Janeiro").map(|p| p.country.as_str()), Some("BR"));
        assert!(!lexicon.places.contains_key("Male"), "a common word is never a place");
        assert_eq!(lexicon.head_kind("Fund"), Some(EntityKind::Organisation));
        assert_eq!(lexicon.head_kind("Declaration"), Some(EntityKind::Project));
        assert_eq!(lexicon.titles.first().map(Vec::len), Some(3));
        let deputy: Vec<&[String]> = lexicon.titles_from("Deputy").collect();
        assert_eq!(deputy.first().map(|t| t.len()), Some(3), "longest first: {deputy:?}");
        assert!(lexicon.titles_from("Minister").any(|t| t.len() == 1));
        assert!(lexicon.counts_participants("countries", "123 countries took part."));
        assert!(!lexicon.counts_participants("years", "They marked 50 years of diplomatic relations."));
    }
}
