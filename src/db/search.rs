//! Full-text search over sentences (FTS5 with the porter stemmer).

use anyhow::Context;

use super::{Pool, facts::FACT_COLUMNS, facts::FactRow};

/// A sentence found by full-text search, with its bm25 rank (lower is better).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SearchHit {
    #[sqlx(flatten)]
    pub fact: FactRow,
    pub rank: f64,
}

/// Runs an FTS5 `MATCH` expression. The expression must come from `answer::fts::build_query`,
/// never from user text directly.
pub async fn sentences(pool: &Pool, match_expr: &str, limit: i64) -> anyhow::Result<Vec<SearchHit>> {
    let sql = format!(
        "SELECT {FACT_COLUMNS}, bm25(sentences_fts) AS rank
         FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
         JOIN documents d ON d.id = s.document_id
         WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?"
    );
    sqlx::query_as(&sql)
        .bind(match_expr)
        .bind(limit)
        .fetch_all(pool)
        .await
        .with_context(|| format!("full-text search for {match_expr:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::documents::{
        replace,
        tests::{doc, parsed, sentence},
    };

    #[sqlx::test]
    async fn the_porter_stemmer_matches_word_forms(pool: Pool) {
        let facts = parsed(vec![
            sentence(0, "Russia signed agreements on transport.", &[], &[]),
            sentence(1, "The weather was fine.", &[], &[]),
        ]);
        replace(&pool, &doc("a.txt", "a"), &facts).await.unwrap();
        let hits = sentences(&pool, "\"agreement\" OR \"transported\"", 10).await.unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].fact.text, "Russia signed agreements on transport.");
    }

    #[sqlx::test]
    async fn a_malformed_match_expression_is_an_error_not_a_panic(pool: Pool) {
        assert!(sentences(&pool, "NEAR(\"", 10).await.is_err());
    }
}
