//! Operator statistics for `/stats`: chats, subscriptions, deliveries and errors.

use anyhow::Context;

use super::Pool;

/// Counts shown to the bot owner.
#[derive(Debug, Clone, Default, PartialEq, sqlx::FromRow)]
pub struct Stats {
    pub chats: i64,
    pub unreachable_chats: i64,
    pub subscriptions: i64,
    pub documents: i64,
    pub facts: i64,
    pub sent_24h: i64,
    pub errors_24h: i64,
    pub pending: i64,
}

/// Current counts; "24h" figures count outbox rows created after `since`.
pub async fn collect(pool: &Pool, since: &str) -> anyhow::Result<Stats> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM chats) AS chats,
                (SELECT COUNT(*) FROM chats WHERE unreachable IS NOT NULL) AS unreachable_chats,
                (SELECT COUNT(*) FROM subscriptions) AS subscriptions,
                (SELECT COUNT(*) FROM documents) AS documents,
                (SELECT COUNT(*) FROM sentences) AS facts,
                (SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND sent_at >= ?1) AS sent_24h,
                (SELECT COUNT(*) FROM outbox WHERE status IN ('failed', 'dropped') AND created_at >= ?1) AS errors_24h,
                (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS pending",
    )
    .bind(since)
    .fetch_one(pool)
    .await
    .context("collecting statistics")
}

/// The fact index's documents and facts (sentences).
pub async fn index_counts(pool: &Pool) -> anyhow::Result<(i64, i64)> {
    sqlx::query_as("SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM sentences)")
        .fetch_one(pool)
        .await
        .context("counting the fact index")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test]
    async fn an_empty_database_counts_zero(pool: Pool) {
        assert_eq!(collect(&pool, "2000").await.unwrap(), Stats::default());
    }
}
