//! Free text and `/search`: the best-supported sentences, or a plain "the documents don't say".

use std::collections::{HashMap, HashSet};

use super::{
    AnswerError, Dossier,
    card::{self, Sources},
    fts, rank,
};
use crate::{
    db::{self, facts::FactRow},
    reply::Reply,
};

/// Most sentences quoted in one answer.
const MAX_ANSWERS: usize = 3;
/// Most sentences `/search` quotes.
const MAX_SEARCH_RESULTS: usize = 5;
/// A sentence is quoted only if it scores at least this share of the best one.
const RELATIVE_CUTOFF: f64 = 0.75;
/// Candidates read per source (full-text matches, facts of each named entity): the newest ones.
const CANDIDATES: i64 = 200;

/// `/search WORDS`: sentences with the most of the words (all of them first), shortest and newest first.
pub async fn search(dossier: &Dossier, words: &str) -> Result<Reply, AnswerError> {
    let rows = best_matches(dossier, words, MAX_SEARCH_RESULTS).await?;
    if rows.is_empty() {
        return Ok(nothing_found(dossier, words));
    }
    quote_all(dossier, Reply::default().line(dossier.lang.spans("search-found", &[])), rows).await
}

/// Up to `limit` sentences containing the words of `text`, best first (for `/search` and inline mode).
pub async fn best_matches(dossier: &Dossier, text: &str, limit: usize) -> anyhow::Result<Vec<FactRow>> {
    let terms = fts::content_terms(text);
    let candidates = text_matches(dossier, &terms, limit).await?;
    let term_refs: Vec<&str> = terms.iter().map(String::as_str).collect();
    let mut seen = HashSet::new();
    let mut scored: Vec<(f64, FactRow)> = candidates
        .into_iter()
        .filter(|row| seen.insert(row.sentence_id))
        .filter_map(|row| {
            let matched = rank::matched(&row.text.to_lowercase(), &term_refs);
            (matched > 0).then(|| (matched as f64 + rank::brevity(&row.text), row))
        })
        .collect();
    sort_best_first(&mut scored);
    Ok(scored.into_iter().take(limit).map(|(_, row)| row).collect())
}

/// The newest sentences with all of `terms`, topped up with the newest with any of them when fewer
/// than `enough` have all.
async fn text_matches(dossier: &Dossier, terms: &[String], enough: usize) -> anyhow::Result<Vec<FactRow>> {
    let mut rows = match fts::all_of(terms) {
        Some(query) => db::search::newest_matches(&dossier.pool, &query, CANDIDATES).await?,
        None => return Ok(Vec::new()),
    };
    if rows.len() < enough && terms.len() > 1 {
        if let Some(query) = fts::any_of(terms) {
            rows.extend(db::search::newest_matches(&dossier.pool, &query, CANDIDATES).await?);
        }
    }
    Ok(rows)
}

/// A question in free text. Candidate sentences must share the question's entities (when it names any)
/// and some of its words; otherwise the answer says plainly that the documents do not cover it.
pub async fn answer(dossier: &Dossier, question: &str) -> Result<Reply, AnswerError> {
    let gazetteer = &dossier.knowledge.gazetteer;
    let entities: Vec<String> = {
        let mut keys: Vec<String> = gazetteer.find_mentions(question).into_iter().map(|m| m.entity_key).collect();
        keys.sort();
        keys.dedup();
        keys
    };
    let terms = fts::content_terms(question);
    let mut candidates = text_matches(dossier, &terms, MAX_ANSWERS).await?;
    // Sentences must name the question's entities; the facts of the rarest one are the closest pool
    // (Russia is named in most sentences of a Russian foreign-policy corpus, China in a few percent).
    if let Some(rarest) = db::facts::rarest_entity(&dossier.pool, &entities).await? {
        candidates.extend(db::facts::by_entities(&dossier.pool, &[rarest], CANDIDATES).await?);
    }
    let mut seen = HashSet::new();
    candidates.retain(|row| seen.insert(row.sentence_id));
    let ids: Vec<i64> = candidates.iter().map(|row| row.sentence_id).collect();
    let mut mentioned: HashMap<i64, Vec<String>> = HashMap::new();
    for m in db::facts::mentions_of(&dossier.pool, &ids).await? {
        mentioned.entry(m.sentence_id).or_default().push(m.entity_key);
    }
    // Every form of a named entity (its English name, Russian name and aliases) is the entity, not a word to match.
    let entity_terms: Vec<String> = entities
        .iter()
        .filter_map(|k| gazetteer.get(k))
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases).chain(&e.name_ru))
        .flat_map(|name| fts::content_terms(name))
        .collect();
    let plain_terms: Vec<&str> = terms.iter().filter(|t| !entity_terms.contains(t)).map(String::as_str).collect();

    let mut scored: Vec<(f64, FactRow)> = candidates
        .into_iter()
        .filter_map(|row| {
            let shared =
                mentioned.get(&row.sentence_id).map_or(0, |keys| keys.iter().filter(|k| entities.contains(k)).count());
            let matched = rank::matched(&row.text.to_lowercase(), &plain_terms);
            let supported =
                if entities.is_empty() { matched > 0 } else { shared > 0 && (matched > 0 || plain_terms.is_empty()) };
            let score = shared as f64 * 2.0 + matched as f64 + rank::brevity(&row.text);
            supported.then_some((score, row))
        })
        .collect();
    if scored.is_empty() {
        return Ok(Reply::default()
            .line(dossier.lang.spans("question-unknown", &[]))
            .line(dossier.lang.spans("question-try", &[])));
    }
    sort_best_first(&mut scored);
    // Quote only sentences nearly as well supported as the best one.
    let cutoff = scored[0].0 * RELATIVE_CUTOFF;
    let rows =
        scored.into_iter().take_while(|(score, _)| *score >= cutoff).take(MAX_ANSWERS).map(|(_, row)| row).collect();
    quote_all(dossier, Reply::default().line(dossier.lang.spans("question-found", &[])), rows).await
}

/// Best score first; among equals, the newest document, then document order.
fn sort_best_first(scored: &mut [(f64, FactRow)]) {
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| b.1.doc_published.cmp(&a.1.doc_published))
            .then(b.1.document_id.cmp(&a.1.document_id))
            .then(a.1.position.cmp(&b.1.position))
    });
}

async fn quote_all(dossier: &Dossier, mut reply: Reply, rows: Vec<FactRow>) -> Result<Reply, AnswerError> {
    let facts = card::with_figures(&dossier.pool, rows).await?;
    let mut sources = Sources::default();
    for fact in &facts {
        card::push_fact(&mut reply, fact, &mut sources);
    }
    Ok(card::finish(reply, &sources, dossier.lang))
}

fn nothing_found(dossier: &Dossier, words: &str) -> Reply {
    Reply::default().line(dossier.lang.spans("search-nothing", &[crate::i18n::arg("words", words)]))
}
