//! Leadership among replicas: a PostgreSQL session advisory lock held on a connection of its own, so the
//! lock lives exactly as long as that connection. A replica that dies (even `kill -9`) drops its
//! connection, the server releases the lock, and a standby's next attempt takes it.

use std::time::Duration;

use anyhow::Context;
use sqlx::{Connection, PgConnection};

use super::PgStore;

/// What a leader does alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Enqueues digests and scheduled quizzes, polls feeds.
    Scheduler,
    /// Long-polls Telegram (`getUpdates` from two processes is a 409).
    Poller,
}

impl Role {
    /// The advisory lock key: "doss" in ASCII, then the role.
    fn key(self) -> i64 {
        const BASE: i64 = 0x646f_7373_0000;
        BASE + match self {
            Role::Scheduler => 1,
            Role::Poller => 2,
        }
    }
}

/// A held leadership; dropping it (or losing its connection) lets another replica lead.
pub struct Leadership {
    role: Role,
    conn: PgConnection,
}

impl PgStore {
    /// Takes the `role` if no other process holds it; `None` when one does.
    pub async fn try_lead(&self, role: Role) -> anyhow::Result<Option<Leadership>> {
        let mut conn = PgConnection::connect_with(&self.pool.connect_options())
            .await
            .context("opening the leader lock's connection")?;
        let won: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(role.key())
            .fetch_one(&mut conn)
            .await
            .with_context(|| format!("trying the {role:?} lock"))?;
        if won {
            log::info!("this replica leads as {role:?}");
            Ok(Some(Leadership { role, conn }))
        } else {
            conn.close().await.ok();
            Ok(None)
        }
    }

    /// Waits (trying every `every`) until this process holds `role`.
    pub async fn lead(&self, role: Role, every: Duration) -> anyhow::Result<Leadership> {
        loop {
            if let Some(leadership) = self.try_lead(role).await? {
                return Ok(leadership);
            }
            tokio::time::sleep(every).await;
        }
    }
}

impl Leadership {
    /// The role held.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Whether the lock is still held: its connection answers and the server lists the lock as ours.
    /// False after the connection broke (the server then released the lock to others).
    pub async fn still_held(&mut self) -> bool {
        let held: Result<bool, _> = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
             AND granted AND ((classid::bigint << 32) | objid::bigint) = $1)",
        )
        .bind(self.role.key())
        .fetch_one(&mut self.conn)
        .await;
        held.unwrap_or(false)
    }

    /// Gives the role up at once.
    pub async fn release(mut self) -> anyhow::Result<()> {
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(self.role.key())
            .execute(&mut self.conn)
            .await
            .context("releasing a leader lock")?;
        self.conn.close().await.context("closing the leader lock's connection")
    }

    /// The server process holding the lock (tests kill it to play a dying replica).
    pub async fn backend_pid(&mut self) -> anyhow::Result<i32> {
        sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(&mut self.conn).await.context("reading the backend pid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::postgres::test_server::ThrowawayDatabase;

    #[tokio::test]
    async fn a_second_replica_is_refused_until_the_leaders_connection_dies() {
        let db = ThrowawayDatabase::create().await;
        let (first, second) = (PgStore::new(db.pool.clone()), PgStore::new(db.pool.clone()));
        let mut leader = first.try_lead(Role::Scheduler).await.unwrap().expect("nobody led");
        assert!(leader.still_held().await);
        assert!(second.try_lead(Role::Scheduler).await.unwrap().is_none(), "two schedulers");
        let poller = second.try_lead(Role::Poller).await.unwrap();
        assert!(poller.is_some(), "the roles are separate locks");

        // The leader's replica dies: its server process goes away, as with kill -9 of the replica.
        let pid = leader.backend_pid().await.unwrap();
        sqlx::query("SELECT pg_terminate_backend($1)").bind(pid).execute(&db.pool).await.unwrap();
        let standby =
            tokio::time::timeout(Duration::from_secs(10), second.lead(Role::Scheduler, Duration::from_millis(50)))
                .await
                .expect("the standby took over within seconds")
                .unwrap();
        assert_eq!(standby.role(), Role::Scheduler);
        assert!(!leader.still_held().await, "the old leader knows it lost the lock");

        standby.release().await.unwrap();
        assert!(first.try_lead(Role::Scheduler).await.unwrap().is_some(), "a released lock is free");
        drop(poller);
        db.drop_now().await;
    }
}
