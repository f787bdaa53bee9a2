//! Resolution of user-typed names: exact aliases and codes, then typo-tolerant fuzzy matching with strsim.

use std::collections::HashMap;

use super::gazetteer::{RawAlias, Use};
use super::norm::normalize_query;

/// Similarity of two normalised strings: `(edit distance, score in 0..=1)`.
///
/// The score blends the normalised optimal-string-alignment distance (transpositions
/// count as one edit) with Jaro-Winkler, which rewards a shared beginning.
pub(super) fn similarity(query: &str, candidate: &str, query_len: usize, candidate_len: usize) -> (usize, f64) {
    let longest = query_len.max(candidate_len).max(1);
    let distance = if query_len.abs_diff(candidate_len) > 4 {
        query_len.abs_diff(candidate_len)
    } else {
        strsim::osa_distance(query, candidate)
    };
    let edit = 1.0 - (distance.min(longest) as f64 / longest as f64);
    let jw = strsim::jaro_winkler(query, candidate);
    (distance, 0.6 * edit + 0.4 * jw)
}

/// Edits tolerated for a `Found`: none up to 4 characters (an acronym one letter off is another
/// organisation, never a typo), one up to 8, two beyond.
pub(super) fn tolerated_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Longer queries (in bytes) are matched exactly only: fuzzy matching them would be slow and pointless.
pub(super) const MAX_FUZZY_QUERY: usize = 160;

/// Minimum score for a name to be offered as "did you mean".
pub(super) const SUGGEST_SCORE: f64 = 0.72;

/// The resolution of a query, in entity indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Hit {
    Found(usize),
    DidYouMean(Vec<usize>),
    Unknown(Vec<usize>),
}

struct QueryAlias {
    norm: String,
    /// `norm` between spaces, for whole-word containment tests.
    padded: String,
    len: usize,
    entity: usize,
    /// 0 for names and aliases, 1 for ISO codes.
    tier: u8,
}

/// Precomputed normalised aliases of a gazetteer, for [`super::Gazetteer::resolve`].
pub(super) struct QueryIndex {
    aliases: Vec<QueryAlias>,
    exact: HashMap<String, Vec<usize>>,
}

#[derive(Debug, Clone, Copy)]
struct Score {
    entity: usize,
    distance: usize,
    score: f64,
    /// The query is a whole-word part of an alias...
    contains: bool,
    /// ...covering at least [`DISTINCTIVE_PART`] of it ("kazan" in "kazan summit").
    distinctive: bool,
}

/// Share of an alias a contained query must cover to be `Found` on its own.
const DISTINCTIVE_PART: f64 = 0.4;

impl QueryIndex {
    pub(super) fn build(raw: &[RawAlias]) -> Self {
        let mut aliases: Vec<QueryAlias> = Vec::new();
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        for a in raw {
            if a.usage == Use::RuStem {
                continue;
            }
            let norm = normalize_query(&a.text);
            if norm.is_empty() {
                continue;
            }
            let tier = u8::from(a.usage == Use::Code);
            let slot = exact.entry(norm.clone()).or_default();
            if let Some(&i) = slot.iter().find(|&&i| aliases.get(i).is_some_and(|q: &QueryAlias| q.entity == a.entity))
            {
                if let Some(q) = aliases.get_mut(i) {
                    q.tier = q.tier.min(tier);
                }
                continue;
            }
            slot.push(aliases.len());
            let padded = format!(" {norm} ");
            aliases.push(QueryAlias { len: norm.chars().count(), norm, padded, entity: a.entity, tier });
        }
        QueryIndex { aliases, exact }
    }

    /// Resolves `query` among the entities for which `allowed` holds.
    pub(super) fn resolve(&self, query: &str, allowed: &dyn Fn(usize) -> bool) -> Hit {
        let q = normalize_query(query);
        if q.is_empty() {
            return Hit::Unknown(Vec::new());
        }
        if let Some(hit) = self.exact_hit(&q, allowed) {
            return hit;
        }
        if q.len() > MAX_FUZZY_QUERY {
            return Hit::Unknown(Vec::new());
        }
        let scores = self.fuzzy_scores(&q, allowed);
        let Some(best) = scores.first().copied() else {
            return Hit::Unknown(Vec::new());
        };
        let q_len = q.chars().count();
        let tolerated = tolerated_edits(q_len);
        let runner_up = scores.get(1);
        let unique_distance = runner_up.is_none_or(|r| r.distance > best.distance);
        if best.distance <= tolerated && unique_distance {
            return Hit::Found(best.entity);
        }
        let containing: Vec<&Score> = scores.iter().filter(|s| s.contains).collect();
        let close_fuzzy = scores.iter().any(|s| s.distance <= tolerated);
        if let [only] = containing.as_slice()
            && only.distinctive
            && !close_fuzzy
            && q_len >= 4
        {
            return Hit::Found(only.entity);
        }
        let suggestions: Vec<usize> = scores
            .iter()
            .filter(|s| s.score >= SUGGEST_SCORE || s.contains || s.distance <= tolerated + 1)
            .take(3)
            .map(|s| s.entity)
            .collect();
        if suggestions.is_empty() {
            Hit::Unknown(scores.iter().take(3).map(|s| s.entity).collect())
        } else {
            Hit::DidYouMean(suggestions)
        }
    }

    fn exact_hit(&self, q: &str, allowed: &dyn Fn(usize) -> bool) -> Option<Hit> {
        let hits: Vec<&QueryAlias> =
            self.exact.get(q)?.iter().filter_map(|&i| self.aliases.get(i)).filter(|a| allowed(a.entity)).collect();
        let best_tier = hits.iter().map(|a| a.tier).min()?;
        let mut entities: Vec<usize> = Vec::new();
        for a in hits.iter().filter(|a| a.tier == best_tier) {
            if !entities.contains(&a.entity) {
                entities.push(a.entity);
            }
        }
        match entities.as_slice() {
            [one] => Some(Hit::Found(*one)),
            [] => None,
            many => Some(Hit::DidYouMean(many.iter().take(3).copied().collect())),
        }
    }

    /// Best score per allowed entity, best first (codes are not fuzzy-matched).
    fn fuzzy_scores(&self, q: &str, allowed: &dyn Fn(usize) -> bool) -> Vec<Score> {
        let q_len = q.chars().count();
        let padded = format!(" {q} ");
        let mut best: HashMap<usize, Score> = HashMap::new();
        for a in self.aliases.iter().filter(|a| a.tier == 0) {
            if !allowed(a.entity) {
                continue;
            }
            let (distance, mut score) = similarity(q, &a.norm, q_len, a.len);
            let contains = q_len >= 3 && a.len > q_len && a.padded.contains(&padded);
            let distinctive = contains && q_len as f64 >= DISTINCTIVE_PART * a.len as f64;
            if contains {
                score = score.max(0.8);
            }
            let entry =
                best.entry(a.entity).or_insert(Score { entity: a.entity, distance, score, contains, distinctive });
            entry.contains |= contains;
            entry.distinctive |= distinctive;
            if distance < entry.distance {
                entry.distance = distance;
            }
            if score > entry.score {
                entry.score = score;
            }
        }
        let mut scores: Vec<Score> = best.into_values().collect();
        scores.sort_by(|a, b| {
            a.distance.min(9).cmp(&b.distance.min(9)).then(b.score.total_cmp(&a.score)).then(a.entity.cmp(&b.entity))
        });
        let tolerated = tolerated_edits(q_len);
        // Within the tolerated edits, order by distance; beyond it, by score.
        let split = scores.iter().position(|s| s.distance > tolerated).unwrap_or(scores.len());
        if let Some(rest) = scores.get_mut(split..) {
            rest.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpositions_cost_one_edit() {
        let (d, s) = similarity("inida", "india", 5, 5);
        assert_eq!(d, 1);
        assert!(s > 0.8);
    }

    #[test]
    fn short_queries_tolerate_no_edits() {
        assert_eq!(tolerated_edits(3), 0);
        assert_eq!(tolerated_edits(4), 0);
        assert_eq!(tolerated_edits(5), 1);
        assert_eq!(tolerated_edits(9), 2);
    }
}
