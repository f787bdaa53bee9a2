//! Free text and `/search`: the best-supported sentences, or a plain "the documents don't say".

use std::collections::HashMap;

use super::{
    AnswerError, Dossier,
    card::{self, Sources},
    fts,
};
use crate::{
    db::{self, facts::FactRow},
    reply::Reply,
};

/// Most sentences quoted in one answer.
const MAX_ANSWERS: usize = 3;
/// A sentence is quoted only if it scores at least this share of the best one.
const RELATIVE_CUTOFF: f64 = 0.75;
/// Candidates read from the full-text index.
const CANDIDATES: i64 = 40;

/// `/search WORDS`: sentences matching the words, best first.
pub async fn search(dossier: &Dossier, words: &str) -> Result<Reply, AnswerError> {
    let Some(query) = fts::build_query(words) else {
        return Ok(nothing_found(dossier, words));
    };
    let hits = db::search::sentences(&dossier.pool, &query, 5).await?;
    if hits.is_empty() {
        return Ok(nothing_found(dossier, words));
    }
    let rows = hits.into_iter().map(|h| h.fact).collect();
    quote_all(dossier, Reply::default().line(dossier.lang.spans("search-found", &[])), rows).await
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
    let mut candidates: HashMap<i64, (FactRow, f64)> = HashMap::new();
    if let Some(query) = fts::build_query(question) {
        for hit in db::search::sentences(&dossier.pool, &query, CANDIDATES).await? {
            candidates.insert(hit.fact.sentence_id, (hit.fact, -hit.rank));
        }
    }
    if !entities.is_empty() {
        for row in db::facts::by_entities(&dossier.pool, &entities).await? {
            candidates.entry(row.sentence_id).or_insert((row, 0.0));
        }
    }
    let ids: Vec<i64> = candidates.keys().copied().collect();
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
    let plain_terms: Vec<&String> = terms.iter().filter(|t| !entity_terms.contains(t)).collect();

    let mut scored: Vec<(f64, FactRow)> = candidates
        .into_values()
        .filter_map(|(row, bm25)| {
            let shared =
                mentioned.get(&row.sentence_id).map_or(0, |keys| keys.iter().filter(|k| entities.contains(k)).count());
            let lower = row.text.to_lowercase();
            let matched = plain_terms.iter().filter(|t| lower.contains(stem(t))).count();
            let supported = if entities.is_empty() {
                matched > 0 && bm25 > 0.0
            } else {
                shared > 0 && (matched > 0 || plain_terms.is_empty())
            };
            supported.then(|| (shared as f64 * 2.0 + matched as f64 + bm25, row))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.sentence_id.cmp(&b.1.sentence_id)));
    if scored.is_empty() {
        return Ok(Reply::default()
            .line(dossier.lang.spans("question-unknown", &[]))
            .line(dossier.lang.spans("question-try", &[])));
    }
    // Quote only sentences nearly as well supported as the best one.
    let cutoff = scored[0].0 * RELATIVE_CUTOFF;
    let rows =
        scored.into_iter().take_while(|(score, _)| *score >= cutoff).take(MAX_ANSWERS).map(|(_, row)| row).collect();
    quote_all(dossier, Reply::default().line(dossier.lang.spans("question-found", &[])), rows).await
}

/// The first five characters of a term: a crude stem that survives plural and case endings.
fn stem(term: &str) -> &str {
    match term.char_indices().nth(5) {
        Some((i, _)) => &term[..i],
        None => term,
    }
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

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stems_cut_long_words_only() {
        assert_eq!(stem("agreements"), "agree");
        assert_eq!(stem("oil"), "oil");
        assert_eq!(stem("соглашения"), "согла");
    }
}
