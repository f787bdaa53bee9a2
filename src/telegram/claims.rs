//! Claiming updates before handling them, a group at a time: every update waits for its claim to be
//! committed (so a replay after a crash is recognised), but the updates arriving together share one
//! transaction instead of queueing one by one for SQLite's single writer.

use std::collections::HashSet;

use tokio::sync::{mpsc, oneshot};

use crate::db::engine::Places;

/// Most updates claimed in one statement.
const GROUP: usize = 256;

type Request = (i64, oneshot::Sender<bool>);

/// The sending side of the claim task.
#[derive(Clone)]
pub struct Claims {
    requests: mpsc::UnboundedSender<Request>,
}

impl Claims {
    /// Starts the claim task on the shared store of `places`; it ends when every `Claims` handle is dropped.
    pub fn start(places: &impl Places) -> Claims {
        let store = places.shared();
        let (requests, mut incoming) = mpsc::unbounded_channel::<Request>();
        tokio::spawn(async move {
            while let Some(group) = super::groups::next_group(&mut incoming, GROUP).await {
                let ids: Vec<i64> = group.iter().map(|(id, _)| *id).collect();
                let mut claimed: Option<HashSet<i64>> = match store.claim_updates(&ids).await {
                    Ok(claimed) => Some(claimed.into_iter().collect()),
                    Err(e) => {
                        // Better a rare double answer than a lost one.
                        log::error!("{e:#}");
                        None
                    }
                };
                // An id twice in one group is new only for its first request.
                for (id, answer) in group {
                    let _ = answer.send(claimed.as_mut().is_none_or(|c| c.remove(&id)));
                }
            }
        });
        Claims { requests }
    }

    /// Whether `update_id` is new (claimed now) rather than handled before.
    pub async fn claim(&self, update_id: i64) -> bool {
        let (answer, claimed) = oneshot::channel();
        if self.requests.send((update_id, answer)).is_err() {
            return true;
        }
        claimed.await.unwrap_or(true)
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
    }
}
