//! Many rows read as one: SQLite aggregates a query's rows into one JSON array, decoded here.
//!
//! sqlx's SQLite driver runs each statement on a worker thread and hands every row to the caller through
//! a channel, waking the reading task once per row. For the hundreds of candidate sentences, mentions and
//! figures that one question reads, those wake-ups cost more than the queries themselves (a `perf` profile
//! of the 10,000-document benchmark spent a third of its time in the scheduler). One row of JSON costs
//! one wake-up, and `serde_json` decodes it in microseconds.

use anyhow::Context;
use serde::{Deserialize, Deserializer, de::DeserializeOwned};

/// A statement whose one row is the JSON array of `json_array(columns)` over the rows of `inner`, in
/// the order of `order` (column names of `inner`'s result).
pub(crate) fn aggregated(columns: &str, inner: &str, order: &str) -> String {
    format!("SELECT COALESCE(json_group_array(json_array({columns}) ORDER BY {order}), '[]') FROM ({inner})")
}

/// Rows from the JSON array of an [`aggregated`] statement.
pub(crate) fn decode<T: DeserializeOwned>(json: &str) -> anyhow::Result<Vec<T>> {
    serde_json::from_str(json).context("decoding rows aggregated as JSON")
}

/// A JSON list of `items`, for `json_each(?)` (a list of ids or keys bound as one argument).
pub(crate) fn list<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// SQLite's booleans are the integers 0 and 1, in JSON as in its tables.
pub(crate) fn int_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(i64::deserialize(deserializer)? != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Pool;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Pair {
        n: i64,
        name: Option<String>,
        #[serde(deserialize_with = "int_bool")]
        flag: bool,
    }

    #[sqlx::test]
    async fn rows_come_back_in_the_asked_order_with_nulls_and_booleans(pool: Pool) {
        let inner = "SELECT 2 AS n, NULL AS name, 0 AS flag UNION ALL SELECT 1, 'one \"quoted\"', 1";
        let sql = aggregated("n, name, flag", inner, "n");
        let json: String = sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap();
        let rows: Vec<Pair> = decode(&json).unwrap();
        assert_eq!(
            rows,
            [Pair { n: 1, name: Some("one \"quoted\"".into()), flag: true }, Pair { n: 2, name: None, flag: false }]
        );
    }

    #[sqlx::test]
    async fn no_rows_are_an_empty_list(pool: Pool) {
        let sql = aggregated("n, name, flag", "SELECT 1 AS n, 'x' AS name, 0 AS flag WHERE 0", "n");
        let json: String = sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap();
        let rows: Vec<Pair> = decode(&json).unwrap();
        assert!(rows.is_empty());
    }

    #[test]
    fn a_malformed_aggregate_is_an_error_not_a_panic() {
        assert!(decode::<Pair>("[[1, null]]").is_err());
        assert!(decode::<Pair>("not json").is_err());
    }
}
