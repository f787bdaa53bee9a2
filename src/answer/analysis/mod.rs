//! Question analysis: from a question in English or Russian, the entities it names, the answer type it
//! asks for and its content words (stemmed, with stop words, question words and generic verbs set aside).
//!
//! Entities are looked up only through the fact base's entity lookup ([`crate::facts::Gazetteer`]), so
//! entities found at ingest become nameable here without a second index.

mod kind;
pub mod lexicon;
mod names;
pub mod translit;
pub mod words;

#[cfg(test)]
mod tests;

use serde::Deserialize;

use crate::facts::Gazetteer;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    /// A date: "when", "в каком году".
    When,
    /// An amount: money or a quantity ("how much", "на какую сумму").
    HowMuch,
    /// A count, of the unit named after the cue when there is one ("how many countries").
    HowMany,
    /// A percentage ("what share").
    Share,
    /// A place ("where", "в каком городе").
    Where,
    /// A person, country or organisation ("who").
    Who,
    /// A list of countries ("which countries").
    WhichCountries,
    /// A person's title, as the sentence gives it before the name ("what is Lavrov's role").
    Role,
    /// Yes or no, with the sentence that says so ("did", "ли").
    YesNo,
    /// An entity's own facts: its card ("what is", "tell me about").
    About,
    /// No particular type: the sentences that best support the question.
    Other,
}

/// A word of the question that carries its content, with the keys it matches (its translations too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    pub keys: Vec<String>,
}

impl Term {
    /// Whether any of `lower_words` is a form of this term.
    pub fn found_in<'a>(&self, mut lower_words: impl Iterator<Item = &'a str>) -> bool {
        lower_words.any(|w| self.keys.iter().any(|k| words::matches(w, k)))
    }
}

/// A capitalised name in the question that no entity of the fact base answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// As typed.
    pub text: String,
    /// Its words, each with the keys it matches (a Russian word also in its Latin spellings): every word
    /// must appear in a supporting sentence.
    pub words: Vec<Term>,
    /// Entities it may be a typo of ("did you mean").
    pub choices: Vec<String>,
}

/// Everything the answering steps need to know about a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub answer_type: AnswerType,
    /// Entity keys named by the question, in order of mention, without repeats.
    pub entities: Vec<String>,
    /// Capitalised names that are no known entity.
    pub unknown: Vec<UnknownName>,
    /// Content words.
    pub content: Vec<Term>,
    /// The unit a count or amount is asked in ("countries", "tons"), with its keys.
    pub unit: Option<Term>,
    /// The question's own lowercase words (an answer must add something to them).
    pub words: Vec<String>,
    /// The question is written in Russian.
    pub russian: bool,
}

/// How many words after a "how many" cue may name its unit.
const UNIT_REACH: usize = 2;

/// Most content words kept from one question.
const MAX_TERMS: usize = 12;

/// Analyses `question` with the entity lookup `entities` and the bundled lexicons.
pub fn analyse(question: &str, entities: &Gazetteer) -> Analysis {
    let lexicon = lexicon::bundled();
    let tokens = words::tokens(question);
    let cues = kind::cues(lexicon, &tokens);
    let mut answer_type = kind::answer_type(&cues);
    let in_cue = |i: usize| cues.iter().any(|c| (c.first..c.first + c.len).contains(&i));
    let found = names::entities(question, &tokens, entities, lexicon, &in_cue);

    let unit = matches!(answer_type, AnswerType::HowMany | AnswerType::HowMuch)
        .then(|| unit_after_cue(&tokens, &cues, answer_type, lexicon))
        .flatten();
    let mut content: Vec<Term> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let skip = in_cue(i)
            || found.covered.contains(&i)
            || lexicon.stop.contains(&token.lower)
            || lexicon.is_generic(&token.lower)
            || token.lower.chars().count() < 2 && !token.lower.chars().all(|c| c.is_ascii_digit())
            || unit.as_ref().is_some_and(|u| u.word == token.lower)
            || content.iter().any(|t| t.word == token.lower);
        if !skip && content.len() < MAX_TERMS {
            content.push(Term { word: token.lower.clone(), keys: lexicon.expand(&token.lower) });
        }
    }
    let named = found.keys.len() + found.unknown.len();
    // "Who is Lavrov?" asks for his card; "What is Lavrov's role?" for his title.
    let about = cues.iter().any(|c| c.kind == AnswerType::About) && answer_type != AnswerType::Role;
    if about && content.is_empty() && named == 1 {
        answer_type = AnswerType::About;
    } else if answer_type == AnswerType::About {
        answer_type = AnswerType::Other;
    }
    Analysis {
        answer_type,
        entities: found.keys,
        unknown: found.unknown,
        content,
        unit,
        russian: tokens.iter().filter(|t| words::is_cyrillic(&t.lower)).count() * 2 > tokens.len(),
        words: tokens.into_iter().map(|t| t.lower).collect(),
    }
}

/// The noun right after a "how many" / "how much" cue, when it is not a stop word ("how many countries").
fn unit_after_cue(
    tokens: &[words::Token],
    cues: &[kind::FoundCue],
    asked: AnswerType,
    lexicon: &lexicon::Lexicon,
) -> Option<Term> {
    let cue = cues.iter().find(|c| c.kind == asked)?;
    // "how many countries", "how many neighbouring countries", "сколько тонн".
    let mut after = tokens.iter().skip(cue.first + cue.len).take(UNIT_REACH);
    after.find_map(|t| lexicon.unit(&t.lower).map(|u| (t, u))).map(|(t, (unit, keys))| Term {
        word: t.lower.clone(),
        keys: std::iter::once(unit.to_owned()).chain(keys.iter().cloned()).collect(),
    })
}
