//! Free text, step by step: analyse the question, refuse names the documents never mention, gather
//! candidate sentences, keep those that support an answer, and lead with the best one's answer.

use std::collections::{HashMap, HashSet};

use super::{
    Dossier,
    analysis::{self, Analysis, AnswerType, lexicon},
    card::Fact,
    context, fts,
    outcome::Outcome,
    support::{self, Support},
};
use crate::db::{self, facts::FactRow};

/// Candidates read per source (full-text matches, facts of the rarest named entity): the newest ones.
const CANDIDATES: i64 = 200;
/// Most sentences quoted for a question without a type.
const MAX_QUOTES: usize = 3;
/// A further sentence is quoted only if it scores at least this share of the best one.
const RELATIVE_CUTOFF: f64 = 0.75;

/// The typed outcome of a free-text question.
pub async fn ask(dossier: &Dossier, question: &str) -> anyhow::Result<Outcome> {
    let entities = dossier.entities();
    let a = analysis::analyse(question, entities);
    if a.entities.is_empty() && a.unknown.is_empty() && a.content.is_empty() {
        return Ok(Outcome::Unknown);
    }
    let with_children: Vec<String> = a.entities.iter().flat_map(|key| family(dossier, key)).collect();
    let facts = db::facts::facts_per_entity(&dossier.pool, &with_children).await?;
    for key in &a.entities {
        if !family(dossier, key).any(|k| facts.get(&k).is_some_and(|&n| n > 0)) {
            let name = entities.get(key).map_or(key.as_str(), |e| dossier.name_of(e)).to_owned();
            return Ok(Outcome::NotMentioned { name });
        }
    }
    for name in &a.unknown {
        let keys: Vec<&[String]> = name.words.iter().map(|w| w.keys.as_slice()).collect();
        let present = match fts::prefix_groups(&keys, true) {
            Some(query) => !db::search::newest_matches(&dossier.pool, &query, 1).await?.is_empty(),
            None => false,
        };
        if !present {
            return Ok(if name.choices.is_empty() {
                Outcome::NotMentioned { name: name.text.clone() }
            } else {
                Outcome::DidYouMean { query: name.text.clone(), keys: name.choices.clone() }
            });
        }
    }
    if a.answer_type == AnswerType::About
        && let [key] = a.entities.as_slice()
    {
        return Ok(Outcome::Card(key.clone()));
    }
    let rarest = a.entities.iter().filter_map(|k| facts.get(k).map(|&n| (n, k))).min();
    let mut supported = supporting(dossier, &a, rarest.map(|(_, k)| k)).await?;
    if supported.is_empty() {
        let mut names: Vec<String> =
            a.entities.iter().filter_map(|k| entities.get(k)).map(|e| dossier.name_of(e).to_owned()).collect();
        names.extend(a.unknown.iter().map(|n| n.text.clone()));
        return Ok(if names.is_empty() { Outcome::Unknown } else { Outcome::Missing { names, asked: a.answer_type } });
    }
    supported.sort_by(|x, y| {
        y.0.score
            .total_cmp(&x.0.score)
            .then_with(|| y.1.row.doc_published.cmp(&x.1.row.doc_published))
            .then(y.1.row.document_id.cmp(&x.1.row.document_id))
            .then(x.1.row.position.cmp(&y.1.row.position))
    });
    let typed = !matches!(a.answer_type, AnswerType::Other | AnswerType::About);
    let cutoff = supported[0].0.score * RELATIVE_CUTOFF;
    let found = supported[0].0.found.clone().filter(|_| typed);
    let take = if typed { 1 } else { MAX_QUOTES };
    let facts = supported.into_iter().take_while(|(s, _)| s.score >= cutoff).take(take).map(|(_, fact)| fact).collect();
    Ok(Outcome::Answered { found, facts })
}

/// Candidate sentences that support an answer to `a`, with their support.
async fn supporting(dossier: &Dossier, a: &Analysis, rarest: Option<&String>) -> anyhow::Result<Vec<(Support, Fact)>> {
    let mut candidates: Vec<FactRow> = Vec::new();
    // The facts of the rarest named entity: every supporting sentence must name it.
    if let Some(rarest) = rarest {
        let keys: Vec<String> = family(dossier, rarest).collect();
        candidates.extend(db::facts::by_entities(&dossier.pool, &keys, CANDIDATES).await?);
    }
    // The facts of the entities whose name or place says an unknown name ("Baku" of the Baku conference).
    let named: Vec<String> = dossier
        .entities()
        .entities()
        .iter()
        .filter(|e| a.unknown.iter().any(|n| n.words.iter().all(|w| w.keys.iter().any(|k| support::names_word(e, k)))))
        .map(|e| e.key.clone())
        .collect();
    if !named.is_empty() {
        candidates.extend(db::facts::by_entities(&dossier.pool, &named, CANDIDATES).await?);
    }
    let groups: Vec<&[String]> =
        a.unknown.iter().flat_map(|n| n.words.iter()).chain(&a.content).map(|t| t.keys.as_slice()).collect();
    if let Some(query) = fts::prefix_groups(&groups, true) {
        candidates.extend(db::search::newest_matches(&dossier.pool, &query, CANDIDATES).await?);
    }
    if a.entities.is_empty()
        && groups.len() > 1
        && candidates.len() < MAX_QUOTES
        && let Some(query) = fts::prefix_groups(&groups, false)
    {
        candidates.extend(db::search::newest_matches(&dossier.pool, &query, CANDIDATES).await?);
    }
    let mut seen = HashSet::new();
    let lexicon = lexicon::bundled();
    let asked = support::Asked::new(a, dossier.entities(), lexicon);
    candidates.retain(|row| support::shares_enough_words(&asked, &row.text) && seen.insert(row.sentence_id));
    let antecedents = context::antecedents(&candidates, lexicon);
    let ids: Vec<i64> = candidates.iter().map(|row| row.sentence_id).collect();
    let mut mentioning: Vec<i64> = ids.clone();
    mentioning.extend(antecedents.keys().filter(|id| !seen.contains(id)));
    let (read, figures) = db::facts::mentions_and_figures(&dossier.pool, &mentioning, &ids).await?;
    let mentions = context::with_context(dossier, &candidates, &antecedents, read);
    let mut figures_of: HashMap<i64, Vec<db::facts::FigureRow>> = HashMap::new();
    for f in figures {
        figures_of.entry(f.sentence_id).or_default().push(f);
    }
    let none = Vec::new();
    Ok(candidates
        .into_iter()
        .filter_map(|row| {
            let m = mentions.get(&row.sentence_id).unwrap_or(&none);
            let figures = figures_of.remove(&row.sentence_id).unwrap_or_default();
            support::check(&asked, &row, &figures, m).map(|s| (s, Fact { row, figures }))
        })
        .collect())
}

/// An entity's key and the keys of its parts (the summits of a summit series, for example).
fn family<'a>(dossier: &'a Dossier, key: &'a str) -> impl Iterator<Item = String> + 'a {
    let children = dossier.entities().entities().iter().filter(move |e| e.parent.as_deref() == Some(key));
    std::iter::once(key.to_owned()).chain(children.map(|e| e.key.clone()))
}
