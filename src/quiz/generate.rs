//! Building the question pool from the fact base: figures, entities and places, each checked against
//! Telegram's limits, stored idempotently, and retired when their fact leaves the base.

use std::collections::HashSet;

use anyhow::Context;

use super::{
    QuestionKind,
    catalogue::Catalogue,
    entities, figures, limits, places,
    shuffle::{question_key, seed, shuffle_options},
    text::contains_word,
};
use crate::{
    db::{self, Pool, facts::FigureRow, quiz::questions::NewQuestion},
    facts::{Entity, Knowledge},
};

/// A sentence of the fact base with what was found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub sentence_id: i64,
    pub fact_key: String,
    pub text: String,
    pub doc_title: String,
    pub figures: Vec<FigureRow>,
    /// Entities written in the sentence.
    pub named: Vec<String>,
    /// Entities attached by coreference.
    pub inferred: Vec<String>,
}

impl Fact {
    /// Every entity the fact is about, named or inferred.
    pub fn all_entities(&self) -> Vec<&str> {
        self.named.iter().chain(&self.inferred).map(String::as_str).collect()
    }
}

/// A question before its options are shuffled and its limits checked.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    pub kind: QuestionKind,
    /// What in the fact is asked about (a figure's text, an entity key); part of the question's key.
    pub subject: String,
    pub question: String,
    pub answer: String,
    pub distractors: Vec<String>,
}

/// What a regeneration did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegenerateOutcome {
    /// Questions in the active pool now.
    pub questions: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub retired: usize,
    pub deleted: usize,
    /// Drafts dropped for breaking a limit or giving the answer away.
    pub dropped: usize,
}

/// Rebuilds the question pool from the whole fact base with the gazetteer of `knowledge` merged with the
/// discovered entities (an event found in a document makes place questions too). Idempotent:
/// run it after every ingest.
pub async fn regenerate(pool: &Pool, knowledge: &Knowledge) -> anyhow::Result<RegenerateOutcome> {
    let catalogue = crate::facts::catalogue::build(pool, &knowledge.gazetteer).await?;
    regenerate_with(pool, catalogue.entities()).await
}

/// Rebuilds the question pool after documents changed (new facts give new questions) and logs what it did.
pub async fn refresh(pool: &Pool, knowledge: &Knowledge) -> anyhow::Result<()> {
    let outcome = regenerate(pool, knowledge).await.context("rebuilding the quiz questions")?;
    log::info!("quiz questions: {outcome:?}");
    Ok(())
}

/// [`regenerate`] with an explicit list of entities.
pub async fn regenerate_with(pool: &Pool, entities: &[Entity]) -> anyhow::Result<RegenerateOutcome> {
    let facts = load_facts(pool).await?;
    let (questions, dropped) = build(&facts, entities);
    let stored = db::quiz::questions::store(pool, &questions, &db::now_text()).await?;
    log::info!("quiz pool: {} questions from {} facts ({stored:?}, {dropped} dropped)", questions.len(), facts.len());
    Ok(RegenerateOutcome {
        questions: questions.len(),
        added: stored.added,
        updated: stored.updated,
        unchanged: stored.unchanged,
        retired: stored.retired,
        deleted: stored.deleted,
        dropped,
    })
}

/// Every fact of the base with its figures and mentions.
pub async fn load_facts(pool: &Pool) -> anyhow::Result<Vec<Fact>> {
    let rows = db::quiz::questions::source_facts(pool).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.sentence_id).collect();
    let figures = db::facts::figures_of(pool, &ids).await.context("reading figures for the quiz")?;
    let mentions = db::facts::mentions_of(pool, &ids).await.context("reading mentions for the quiz")?;
    Ok(rows
        .into_iter()
        .map(|r| Fact {
            figures: figures.iter().filter(|f| f.sentence_id == r.sentence_id).cloned().collect(),
            named: mentions
                .iter()
                .filter(|m| m.sentence_id == r.sentence_id && !m.inferred)
                .map(|m| m.entity_key.clone())
                .collect(),
            inferred: mentions
                .iter()
                .filter(|m| m.sentence_id == r.sentence_id && m.inferred)
                .map(|m| m.entity_key.clone())
                .collect(),
            sentence_id: r.sentence_id,
            fact_key: r.fact_key,
            text: r.text,
            doc_title: r.doc_title,
        })
        .collect())
}

/// The questions the facts give, each within Telegram's limits and once per key; and how many drafts
/// were dropped.
pub fn build(facts: &[Fact], entities: &[Entity]) -> (Vec<NewQuestion>, usize) {
    let mentions: Vec<Vec<String>> = facts.iter().map(|f| f.named.clone()).collect();
    let catalogue = Catalogue::new(entities, &mentions);
    let mut drafts: Vec<(usize, Draft)> = Vec::new();
    for (i, fact) in facts.iter().enumerate() {
        let mut own = Vec::new();
        figures::questions(fact, &catalogue, &mut own);
        entities::questions(fact, &catalogue, &mut own);
        drafts.extend(own.into_iter().map(|d| (i, d)));
    }
    drafts.extend(places::questions(facts, &catalogue));

    let mut keys = HashSet::new();
    let mut out = Vec::new();
    let mut dropped = 0;
    for (i, draft) in drafts {
        let Some(fact) = facts.get(i) else { continue };
        match finish(&draft, fact) {
            Some(q) if keys.insert(q.key.clone()) => out.push(q),
            Some(_) => {}
            None => {
                log::debug!("quiz draft dropped: {draft:?}");
                dropped += 1;
            }
        }
    }
    (out, dropped)
}

/// Shuffles a draft's options and checks it; `None` if it breaks a limit or gives its answer away.
pub(super) fn finish(draft: &Draft, fact: &Fact) -> Option<NewQuestion> {
    let key = question_key(&[draft.kind.as_str(), &fact.fact_key, &draft.subject, &draft.answer]);
    if contains_word(&draft.question, &draft.answer) {
        return None;
    }
    let mut options: Vec<String> = vec![draft.answer.trim().to_owned()];
    for d in &draft.distractors {
        let d = d.trim();
        if !d.is_empty() && !options.iter().any(|o| o.to_lowercase() == d.to_lowercase()) {
            options.push(d.to_owned());
        }
    }
    options.truncate(limits::MAX_OPTIONS);
    let (options, correct) = shuffle_options(options, seed(&key));
    let question = draft.question.trim().to_owned();
    limits::check(&question, &options, correct, &limits::explanation(&fact.text)).ok()?;
    Some(NewQuestion {
        key,
        kind: draft.kind.as_str().to_owned(),
        question,
        options,
        correct: i64::try_from(correct).ok()?,
        fact: fact.text.clone(),
        fact_key: fact.fact_key.clone(),
        sentence_id: fact.sentence_id,
    })
}

#[cfg(test)]
#[path = "generate_tests.rs"]
mod tests;
