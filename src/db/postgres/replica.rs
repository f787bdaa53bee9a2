//! The replicas' view of the PostgreSQL store: readiness, leadership by advisory lock (`leader`), and the
//! shared counts of `/stats`.

use anyhow::Context;
use async_trait::async_trait;

use super::PgStore;
use crate::db::store::{HeldRole, ReplicaStore, Role, Stats};

#[async_trait]
impl ReplicaStore for PgStore {
    async fn ready(&self) -> anyhow::Result<()> {
        super::ready(&self.pool).await
    }

    async fn try_lead(&self, role: Role) -> anyhow::Result<Option<Box<dyn HeldRole>>> {
        Ok(PgStore::try_lead(self, role).await?.map(|held| Box::new(held) as Box<dyn HeldRole>))
    }

    fn keeps_index_apart(&self) -> bool {
        true
    }

    async fn shared_stats(&self, since: &str) -> anyhow::Result<Stats> {
        // The fact count is each replica's index's; the documents are the archive's.
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM chats) AS chats,
                    (SELECT COUNT(*) FROM chats WHERE unreachable IS NOT NULL) AS unreachable_chats,
                    (SELECT COUNT(*) FROM subscriptions) AS subscriptions,
                    (SELECT COUNT(*) FROM archived_documents) AS documents,
                    0::BIGINT AS facts,
                    (SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND sent_at >= $1) AS sent_24h,
                    (SELECT COUNT(*) FROM outbox WHERE status IN ('failed', 'dropped') AND created_at >= $1)
                        AS errors_24h,
                    (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS pending",
        )
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .context("collecting statistics")
    }
}
