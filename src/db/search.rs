//! Full-text search over sentences (FTS5 with the porter stemmer).

use anyhow::Context;

use super::{
    Pool,
    facts::{FACT_COLUMNS, FACT_FIELDS, FactRow},
    json_rows,
};

/// The newest `limit` sentences matching an FTS5 `MATCH` expression, newest first. The expression must
/// come from `answer::fts`, never from user text directly.
///
/// Ranking is left to the caller: FTS5's `bm25()` counts every row of every query term's posting list
/// on each query, which on a large corpus (a word in 200,000 sentences) costs hundreds of milliseconds,
/// while reading the newest matches along the rowid stays under a millisecond.
pub async fn newest_matches(pool: &Pool, match_expr: &str, limit: i64) -> anyhow::Result<Vec<FactRow>> {
    let inner = format!(
        "SELECT {FACT_COLUMNS}
         FROM (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
         JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.document_id"
    );
    let sql = json_rows::aggregated(FACT_FIELDS, &inner, "sentence_id DESC");
    let json: String = sqlx::query_scalar(&sql)
        .bind(match_expr)
        .bind(limit)
        .fetch_one(pool)
        .await
        .with_context(|| format!("full-text search for {match_expr:?}"))?;
    json_rows::decode(&json)
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
        let hits = newest_matches(&pool, "\"agreement\" OR \"transported\"", 10).await.unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].text, "Russia signed agreements on transport.");
    }

    #[sqlx::test]
    async fn a_malformed_match_expression_is_an_error_not_a_panic(pool: Pool) {
        assert!(newest_matches(&pool, "NEAR(\"", 10).await.is_err());
    }

    #[sqlx::test]
    async fn the_newest_matches_come_first_and_the_limit_holds(pool: Pool) {
        let facts = parsed((0..5).map(|i| sentence(i, &format!("Trade item {i}."), &[], &[])).collect());
        replace(&pool, &doc("a.txt", "a"), &facts).await.unwrap();
        let hits = newest_matches(&pool, "\"trade\"", 2).await.unwrap();
        let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Trade item 4.", "Trade item 3."]);
    }
}
