//! Claiming updates, so a replay after a crash is recognised.
//!
//! Two guarantees, one per kind of store:
//! - **One process (SQLite).** Telegram's update ids only grow. Every id above the highest claim stored
//!   when the bot started (the floor) is new unless this process saw it already: it is remembered in
//!   memory and answered at once, and its claim is written afterwards in a group commit with whatever
//!   else arrived meanwhile. An id at or below the floor may be a replay: it waits for its durable claim.
//!   So an update is handled once, except one handled in the last moments before a crash (its claim not
//!   yet committed, a few milliseconds): that one may be handled once more after the restart. At most
//!   once more per crash; a graceful stop commits every claim first.
//! - **Replicas (PostgreSQL).** A balancer may hand the same update to two replicas, so every update
//!   waits for its claim to be committed before it is handled: exactly once, across replicas and crashes.

use std::collections::{HashSet, VecDeque};
use std::sync::{
    Arc, Mutex,
    atomic::{AtomicI64, Ordering},
};

use tokio::sync::{mpsc, oneshot};

use crate::db::{engine::Places, store::SharedDatabase};

/// Most updates claimed in one statement.
const GROUP: usize = 256;
/// Update ids this process remembers having seen (webhook retries come within seconds).
const REMEMBERED: usize = 65_536;
/// The floor while it is unknown (being read, or on replicas): every claim waits for the store.
const NO_FLOOR: i64 = i64::MAX;

enum Request {
    /// Record a claim decided in memory.
    Record(i64),
    /// Claim in the store and say whether the update is new.
    Check(i64, oneshot::Sender<bool>),
    /// Answer once everything sent before is committed.
    Flush(oneshot::Sender<()>),
}

/// The sending side of the claim task.
#[derive(Clone)]
pub struct Claims {
    requests: mpsc::UnboundedSender<Request>,
    floor: Arc<AtomicI64>,
    seen: Arc<Mutex<Seen>>,
}

/// Update ids seen by this process, oldest dropped first.
#[derive(Default)]
struct Seen {
    ids: HashSet<i64>,
    order: VecDeque<i64>,
}

impl Seen {
    /// Whether `id` is new to this process (and remembers it).
    fn first_time(&mut self, id: i64) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > REMEMBERED
            && let Some(oldest) = self.order.pop_front()
        {
            self.ids.remove(&oldest);
        }
        true
    }
}

impl Claims {
    /// Starts the claim task on the shared store of `places`; it ends when every `Claims` handle is dropped.
    pub fn start(places: &impl Places) -> Claims {
        let store = places.shared();
        let (requests, mut incoming) = mpsc::unbounded_channel::<Request>();
        let floor = Arc::new(AtomicI64::new(NO_FLOOR));
        let known = floor.clone();
        tokio::spawn(async move {
            if store.handles_updates_alone() {
                match store.highest_claim().await {
                    Ok(highest) => known.store(highest.unwrap_or(i64::MIN), Ordering::Release),
                    // Every claim keeps waiting for the store: slower, still exact.
                    Err(e) => log::error!("{e:#}"),
                }
            }
            while let Some(group) = super::groups::next_group(&mut incoming, GROUP).await {
                commit(&store, group).await;
            }
        });
        Claims { requests, floor, seen: Arc::new(Mutex::new(Seen::default())) }
    }

    /// Whether `update_id` is new rather than handled before.
    pub async fn claim(&self, update_id: i64) -> bool {
        if !self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).first_time(update_id) {
            return false;
        }
        if update_id > self.floor.load(Ordering::Acquire) {
            // The task lives as long as any handle; if it is gone, there is nothing left to record into.
            let _ = self.requests.send(Request::Record(update_id));
            return true;
        }
        let (answer, claimed) = oneshot::channel();
        if self.requests.send(Request::Check(update_id, answer)).is_err() {
            return true;
        }
        claimed.await.unwrap_or(true)
    }

    /// Waits until every claim made so far is committed (before a graceful stop).
    pub async fn flush(&self) {
        let (done, committed) = oneshot::channel();
        if self.requests.send(Request::Flush(done)).is_ok() {
            let _ = committed.await;
        }
    }
}

/// Writes a group's claims in one statement and answers its checks and flushes.
async fn commit(store: &SharedDatabase, group: Vec<Request>) {
    let ids: Vec<i64> = group
        .iter()
        .filter_map(|request| match request {
            Request::Record(id) | Request::Check(id, _) => Some(*id),
            Request::Flush(_) => None,
        })
        .collect();
    let mut claimed: Option<HashSet<i64>> = if ids.is_empty() {
        Some(HashSet::new())
    } else {
        match store.claim_updates(&ids).await {
            Ok(claimed) => Some(claimed.into_iter().collect()),
            Err(e) => {
                // Better a rare double answer than a lost one.
                log::error!("{e:#}");
                None
            }
        }
    };
    for request in group {
        match request {
            Request::Record(_) => {}
            Request::Check(id, answer) => {
                let _ = answer.send(claimed.as_mut().is_none_or(|c| c.remove(&id)));
            }
            Request::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Pool;

    #[sqlx::test]
    async fn concurrent_claims_share_groups_and_each_update_is_new_once(pool: Pool) {
        let claims = Claims::start(&pool);
        let firsts = futures::future::join_all((0..500).map(|i| claims.claim(i % 250))).await;
        assert_eq!(firsts.iter().filter(|new| **new).count(), 250);
        assert!(!claims.claim(7).await, "a replay is recognised");
        assert!(claims.claim(1_000).await);
        claims.flush().await;
        assert_eq!(pool.shared().highest_claim().await.unwrap(), Some(1_000), "the claims were recorded");
    }

    #[sqlx::test]
    async fn after_a_restart_updates_claimed_before_are_replays_and_newer_ones_are_new(pool: Pool) {
        let before = Claims::start(&pool);
        for id in [10, 11, 12] {
            assert!(before.claim(id).await);
        }
        before.flush().await;
        drop(before);

        let after = Claims::start(&pool);
        assert!(!after.claim(11).await, "an update handled before the restart was handled again");
        assert!(after.claim(9).await, "an old update never claimed is new");
        assert!(after.claim(13).await);
        assert!(!after.claim(13).await, "the same update twice in one process");
        after.flush().await;
        let restarted = Claims::start(&pool);
        assert!(!restarted.claim(13).await && !restarted.claim(9).await, "claims made after the restart were lost");
    }
}
