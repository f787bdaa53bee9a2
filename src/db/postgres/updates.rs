//! Update claims on PostgreSQL: the primary key decides which replica handles an update Telegram sent twice.

use anyhow::Context;
use async_trait::async_trait;

use super::PgStore;
use crate::db::store::UpdateStore;

#[async_trait]
impl UpdateStore for PgStore {
    async fn claim_update(&self, update_id: i64) -> anyhow::Result<bool> {
        let done =
            sqlx::query("INSERT INTO processed_updates (update_id, handled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(update_id)
                .bind(crate::db::now_text())
                .execute(&self.pool)
                .await
                .with_context(|| format!("claiming update {update_id}"))?;
        Ok(done.rows_affected() == 1)
    }

    async fn claim_updates(&self, update_ids: &[i64]) -> anyhow::Result<Vec<i64>> {
        sqlx::query_scalar(
            "INSERT INTO processed_updates (update_id, handled_at)
             SELECT DISTINCT u, $2 FROM UNNEST($1::BIGINT[]) AS u ON CONFLICT DO NOTHING RETURNING update_id",
        )
        .bind(update_ids)
        .bind(crate::db::now_text())
        .fetch_all(&self.pool)
        .await
        .with_context(|| format!("claiming {} updates", update_ids.len()))
    }

    async fn highest_claim(&self) -> anyhow::Result<Option<i64>> {
        sqlx::query_scalar("SELECT MAX(update_id) FROM processed_updates")
            .fetch_one(&self.pool)
            .await
            .context("reading the highest update claimed")
    }

    async fn forget_updates_before(&self, cutoff: &str) -> anyhow::Result<u64> {
        let done = sqlx::query("DELETE FROM processed_updates WHERE handled_at < $1")
            .bind(cutoff)
            .execute(&self.pool)
            .await
            .context("forgetting old updates")?;
        Ok(done.rows_affected())
    }
}
