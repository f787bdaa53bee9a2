//! `/search` and inline matches: the sentences with the most of the words, shortest and newest first.

use std::collections::HashSet;

use super::{
    AnswerError, Dossier,
    card::{self, Sources},
    fts, rank,
};
use crate::{
    db::{self, facts::FactRow},
    reply::Reply,
};

/// Most sentences `/search` quotes.
const MAX_SEARCH_RESULTS: usize = 5;
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
    if rows.len() < enough
        && terms.len() > 1
        && let Some(query) = fts::any_of(terms)
    {
        rows.extend(db::search::newest_matches(&dossier.pool, &query, CANDIDATES).await?);
    }
    Ok(rows)
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
