//! What a replica asks of the shared store about itself: whether the store is ready (`/readyz`), who
//! leads (one scheduler, one poller), the per-chat reads the background jobs need, and the counts `/stats`
//! shows. On SQLite the one process always leads; on PostgreSQL a session advisory lock decides.

use async_trait::async_trait;

pub use crate::db::{postgres::leader::Role, stats::Stats};

/// A role this process holds until the value is dropped or the lock is lost.
#[async_trait]
pub trait HeldRole: Send {
    /// Whether the role is still this process's (false once the lock's connection broke).
    async fn still_held(&mut self) -> bool;
}

/// The store's view of the replicas.
#[async_trait]
pub trait ReplicaStore {
    /// Whether the store answers and every migration this build knows is applied.
    async fn ready(&self) -> anyhow::Result<()>;
    /// Takes `role` if no other process holds it; `None` when one does.
    async fn try_lead(&self, role: Role) -> anyhow::Result<Option<Box<dyn HeldRole>>>;
    /// Whether replicas keep their fact index apart from this store: then every ingest also archives its
    /// documents here, and each replica's index follows the archive. False for the embedded store, whose
    /// SQLite file is the index too.
    fn keeps_index_apart(&self) -> bool;
    /// Whether this process is the only one handling updates from the store. Replicas behind a
    /// balancer may each get the same update, so there every claim must be decided by the store first.
    fn handles_updates_alone(&self) -> bool {
        !self.keeps_index_apart()
    }
    /// Counts of the shared state for `/stats` ("24h" figures count outbox rows after `since`); the
    /// document and fact counts are the fact index's, filled in by the caller where the store lacks them.
    async fn shared_stats(&self, since: &str) -> anyhow::Result<Stats>;
}

/// The role of the only process there is (an embedded SQLite installation): never lost.
pub struct SoleProcess;

#[async_trait]
impl HeldRole for SoleProcess {
    async fn still_held(&mut self) -> bool {
        true
    }
}

#[async_trait]
impl HeldRole for crate::db::postgres::leader::Leadership {
    async fn still_held(&mut self) -> bool {
        crate::db::postgres::leader::Leadership::still_held(self).await
    }
}
