//! The typed outcome of a free-text question, and its reply: the answer in bold, then the quote and
//! the source; or a refusal that says what is missing.

use super::{
    AnswerError, Dossier,
    analysis::AnswerType,
    card::{self, Fact, Sources},
    spans::Found,
};
use crate::{
    i18n::arg,
    reply::{Reply, Span, bold, code, text},
};

/// What a question came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Supporting sentences, best first, and the answer of the asked type when one was asked.
    Answered { found: Option<Found>, facts: Vec<Fact> },
    /// The question names something the documents never mention (by its name).
    NotMentioned { name: String },
    /// The named things are in the documents, but no sentence about all of them gives what was asked.
    Missing { names: Vec<String>, asked: AnswerType },
    /// A name that may be a typo of one of these entities (keys).
    DidYouMean { query: String, keys: Vec<String> },
    /// The card of the one entity asked about (its key).
    Card(String),
    /// Nothing in the question to go on, or nothing in the documents about it.
    Unknown,
}

impl Outcome {
    /// Whether this is a refusal (nothing quoted).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, Outcome::Answered { .. } | Outcome::Card(_))
    }
}

/// The stated answer as text in the interface language (what the reply shows in bold).
pub fn answer_text(found: &Found, lang: crate::i18n::Lang) -> String {
    match found {
        Found::Span(span) => span.clone(),
        Found::List(spans) => spans.join(", "),
        Found::Month { month, year, .. } => lang
            .tr("answer-month-year", &[arg("month", lang.t(&format!("month-{month}"))), arg("year", year.to_string())]),
        Found::Yes => lang.t("answer-yes"),
    }
}

/// The reply for an outcome.
pub async fn render(dossier: &Dossier, outcome: Outcome) -> Result<Reply, AnswerError> {
    let lang = dossier.lang;
    match outcome {
        Outcome::Answered { found, facts } => {
            let lead: Vec<Span> = match &found {
                Some(Found::List(spans)) => {
                    let mut line = Vec::new();
                    for (i, span) in spans.iter().enumerate() {
                        if i > 0 {
                            line.push(text(", "));
                        }
                        line.push(bold(span));
                    }
                    line
                }
                Some(found) => vec![bold(answer_text(found, lang))],
                None => lang.spans("question-found", &[]),
            };
            let mut reply = Reply::default().line(lead);
            let mut sources = Sources::default();
            for fact in &facts {
                card::push_fact(&mut reply, fact, &mut sources);
            }
            Ok(card::finish(reply, &sources, lang))
        }
        Outcome::NotMentioned { name } => Ok(Reply::default()
            .line(lang.spans("answer-not-mentioned", &[arg("name", name)]))
            .line(lang.spans("question-try", &[]))),
        Outcome::Missing { names, asked } => {
            let what = lang.t(asked_id(asked));
            let names = names.join(&lang.t("names-and"));
            Ok(Reply::default().line(lang.spans("answer-missing", &[arg("names", names), arg("what", what)])))
        }
        Outcome::DidYouMean { query, keys } => {
            let mut spans = lang.spans("names-did-you-mean", &[arg("query", query)]);
            let entities = dossier.entities();
            let names: Vec<&str> = keys.iter().filter_map(|k| entities.get(k)).map(|e| dossier.name_of(e)).collect();
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    spans.push(if i + 1 == names.len() { text(lang.t("names-or")) } else { text(", ") });
                }
                spans.push(code(*name));
            }
            spans.push(text("?"));
            Ok(Reply::default().line(spans))
        }
        Outcome::Card(key) => dossier.entity_card(&key).await,
        Outcome::Unknown => {
            Ok(Reply::default().line(lang.spans("question-unknown", &[])).line(lang.spans("question-try", &[])))
        }
    }
}

/// The message naming what was asked for ("a date", "a place", ...).
fn asked_id(asked: AnswerType) -> &'static str {
    match asked {
        AnswerType::When => "asked-when",
        AnswerType::HowMuch => "asked-how-much",
        AnswerType::HowMany => "asked-how-many",
        AnswerType::Share => "asked-share",
        AnswerType::Where => "asked-where",
        AnswerType::Who => "asked-who",
        AnswerType::WhichCountries => "asked-which-countries",
        AnswerType::Role => "asked-role",
        AnswerType::YesNo => "asked-yes-no",
        AnswerType::About | AnswerType::Other => "asked-other",
    }
}
