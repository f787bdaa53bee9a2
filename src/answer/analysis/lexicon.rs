//! The question lexicons of `data/questions/` (answer-type cues, stop words, generic words, the bilingual
//! content lexicon, unit nouns, place words), embedded at build time and compiled once.

use std::{
    collections::{HashMap, HashSet},
    sync::LazyLock,
};

use serde::Deserialize;

use super::{AnswerType, words};

const ANSWER_TYPES: &str = include_str!("../../../data/questions/answer_types.toml");
const WORDS: &str = include_str!("../../../data/questions/words.toml");
const LEXICON: &str = include_str!("../../../data/questions/lexicon.toml");

/// A list of words in English and Russian.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bilingual {
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    ru: Vec<String>,
}

impl Bilingual {
    fn all(&self) -> impl Iterator<Item = &String> {
        self.en.iter().chain(&self.ru)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeSpec {
    kind: AnswerType,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    ru: Vec<String>,
    #[serde(default)]
    start_en: Vec<String>,
    #[serde(default)]
    start_ru: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypesFile {
    types: Vec<TypeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    stop: Bilingual,
    generic: Bilingual,
    pronouns: Bilingual,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitSpec {
    unit: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesSpec {
    en: Vec<String>,
    ru: Vec<String>,
    joiners: Vec<String>,
    not_places: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    groups: Vec<Bilingual>,
    units: Vec<UnitSpec>,
    places: PlacesSpec,
}

/// One cue phrase of an answer type, as lowercase words.
#[derive(Debug, Clone)]
pub struct Cue {
    pub kind: AnswerType,
    pub words: Vec<String>,
    /// Counts only as the question's first word.
    pub at_start: bool,
}

/// The compiled lexicons.
#[derive(Debug)]
pub struct Lexicon {
    /// Cues in priority order (the file order of their types).
    pub cues: Vec<Cue>,
    pub stop: HashSet<String>,
    generic: HashSet<String>,
    /// Every key of every group member → the group.
    group_of: HashMap<String, usize>,
    groups: Vec<Vec<String>>,
    /// Unit word key → the units' canonical name and the keys of all its words.
    units: Vec<(String, Vec<String>)>,
    pub place_words: HashSet<String>,
    pub not_places: HashSet<String>,
    /// Lowercase words inside a place's name ("de" in "Rio de Janeiro").
    pub place_joiners: HashSet<String>,
    /// Phrases that open a sentence about the previous sentence's entities, as lowercase words.
    pronouns: Vec<Vec<String>>,
}

/// The lexicons shipped in `data/questions/`.
pub fn bundled() -> &'static Lexicon {
    static LEXICON_ONCE: LazyLock<Lexicon> = LazyLock::new(|| match Lexicon::from_toml(ANSWER_TYPES, WORDS, LEXICON) {
        Ok(lexicon) => lexicon,
        Err(e) => {
            log::error!("the question lexicons are not valid: {e}");
            Lexicon::empty()
        }
    });
    &LEXICON_ONCE
}

fn phrase(text: &str) -> Vec<String> {
    words::tokens(text).into_iter().map(|t| t.lower).collect()
}

impl Lexicon {
    /// Compiles the three files.
    pub fn from_toml(types: &str, words_toml: &str, lexicon: &str) -> Result<Lexicon, toml::de::Error> {
        let types: TypesFile = toml::from_str(types)?;
        let words_file: WordsFile = toml::from_str(words_toml)?;
        let lexicon: LexiconFile = toml::from_str(lexicon)?;
        let mut cues = Vec::new();
        for spec in &types.types {
            for (list, at_start) in
                [(&spec.en, false), (&spec.ru, false), (&spec.start_en, true), (&spec.start_ru, true)]
            {
                cues.extend(list.iter().map(|c| Cue { kind: spec.kind, words: phrase(c), at_start }));
            }
        }
        cues.retain(|c| !c.words.is_empty());
        let mut groups = Vec::new();
        let mut group_of = HashMap::new();
        for (i, group) in lexicon.groups.iter().enumerate() {
            let keys: Vec<String> = group.all().map(|w| words::key(&words::fold(w))).collect();
            for k in &keys {
                group_of.entry(k.clone()).or_insert(i);
            }
            groups.push(keys);
        }
        let units = lexicon
            .units
            .iter()
            .map(|u| (u.unit.clone(), u.words.iter().map(|w| words::key(&words::fold(w))).collect()))
            .collect();
        let fold_all = |list: &[String]| list.iter().map(|w| words::fold(w)).collect::<HashSet<_>>();
        Ok(Lexicon {
            cues,
            stop: words_file.stop.all().map(|w| words::fold(w)).collect(),
            generic: words_file.generic.all().map(|w| words::key(&words::fold(w))).collect(),
            group_of,
            groups,
            units,
            place_words: fold_all(&[lexicon.places.en, lexicon.places.ru].concat()),
            not_places: fold_all(&lexicon.places.not_places),
            place_joiners: fold_all(&lexicon.places.joiners),
            pronouns: words_file.pronouns.all().map(|p| phrase(p)).filter(|p| !p.is_empty()).collect(),
        })
    }

    fn empty() -> Lexicon {
        Lexicon {
            cues: Vec::new(),
            stop: HashSet::new(),
            generic: HashSet::new(),
            group_of: HashMap::new(),
            groups: Vec::new(),
            units: Vec::new(),
            place_words: HashSet::new(),
            not_places: HashSet::new(),
            place_joiners: HashSet::new(),
            pronouns: Vec::new(),
        }
    }

    /// Whether `sentence` opens with a pronoun ("He then travelled…", "Стороны договорились…").
    pub fn opens_with_pronoun(&self, sentence: &str) -> bool {
        let first: Vec<String> = words::token_iter(sentence).take(3).map(|t| t.lower).collect();
        self.pronouns.iter().any(|p| first.len() >= p.len() && first[..p.len()] == p[..])
    }

    /// Whether the word (lowercase) is a generic word: a verb or noun every report shares.
    pub fn is_generic(&self, lower: &str) -> bool {
        self.generic.contains(&words::key(&words::fold(lower)))
    }

    /// The keys a question word matches: its own, and those of every word of its lexicon group.
    pub fn expand(&self, lower: &str) -> Vec<String> {
        let own = words::key(lower);
        let group = self.group_of.get(&own).copied().or_else(|| {
            // A form the lexicon does not list, of a word it does ("relief" → "relieve"): a shared long prefix.
            self.group_of
                .iter()
                .filter(|(k, _)| k.chars().count() >= 5 && own.chars().count() >= 5)
                .find(|(k, _)| own.starts_with(k.as_str()) || k.starts_with(own.as_str()))
                .map(|(_, &g)| g)
        });
        let mut keys = vec![own];
        if let Some(members) = group.and_then(|g| self.groups.get(g)) {
            for k in members {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
        keys
    }

    /// The canonical unit a word names ("стран" → "countries"), and the keys of all its forms.
    pub fn unit(&self, lower: &str) -> Option<(&str, &[String])> {
        let own = words::key(lower);
        self.units.iter().find(|(_, keys)| keys.contains(&own)).map(|(unit, keys)| (unit.as_str(), keys.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicons_load() {
        let lexicon = Lexicon::from_toml(ANSWER_TYPES, WORDS, LEXICON).expect("valid lexicons");
        assert!(lexicon.cues.len() > 50);
        assert!(lexicon.stop.contains("the") && lexicon.stop.contains("когда"));
    }

    #[test]
    fn a_question_word_expands_to_its_translations() {
        let keys = bundled().expand("торговля");
        assert!(keys.iter().any(|k| words::matches("trade", k)), "{keys:?}");
        let keys = bundled().expand("aid");
        assert!(keys.iter().any(|k| words::matches("помощи", k)), "{keys:?}");
    }

    #[test]
    fn generic_verbs_are_recognised_in_any_form() {
        assert!(bundled().is_generic("held") && bundled().is_generic("happened") && bundled().is_generic("прошёл"));
        assert!(!bundled().is_generic("trade"));
    }

    #[test]
    fn sentences_opening_with_a_pronoun_are_recognised() {
        assert!(bundled().opens_with_pronoun("He then travelled to Ukraine in August."));
        assert!(bundled().opens_with_pronoun("Стороны договорились расширить сотрудничество."));
        assert!(!bundled().opens_with_pronoun("Henry travelled."));
    }

    #[test]
    fn unit_words_name_their_unit_in_both_languages() {
        assert_eq!(bundled().unit("стран").map(|u| u.0), Some("countries"));
        assert_eq!(bundled().unit("tonnes").map(|u| u.0), Some("tons"));
    }
}
