//! Living beside other replicas while serving: who leads the scheduler (digests, scheduled quizzes,
//! feeds and the bulk sending), who polls Telegram, and the fact index following the shared archive.
//! On the embedded store the one process always leads and the archive never moves, so these loops cost a
//! cheap query every few seconds.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use tokio_util::sync::CancellationToken;

use crate::{
    answer::Dossier,
    db::store::{HeldRole, Role, SharedDatabase},
    facts::{Ingestor, index_sync::IndexSync},
};

/// How often a standby tries a role, a leader checks it still holds it, and the index looks at the
/// archive's version.
pub const EVERY: Duration = Duration::from_secs(2);

/// Whether this process leads the scheduler now; kept by [`SchedulerLead::start`]'s task.
#[derive(Clone)]
pub struct SchedulerLead(Arc<AtomicBool>);

impl SchedulerLead {
    /// Tries the scheduler role once, then keeps trying (or checking) in a task that ends with the last
    /// handle; the role is given up with it.
    pub async fn start(store: SharedDatabase) -> anyhow::Result<Self> {
        let held = store.try_lead(Role::Scheduler).await?;
        let lead = SchedulerLead(Arc::new(AtomicBool::new(held.is_some())));
        let flag = Arc::downgrade(&lead.0);
        tokio::spawn(async move {
            let mut held = held;
            loop {
                tokio::time::sleep(EVERY).await;
                let Some(flag) = flag.upgrade() else { return };
                held = keep_or_take(&store, Role::Scheduler, held).await;
                flag.store(held.is_some(), Ordering::Relaxed);
            }
        });
        Ok(lead)
    }

    pub fn leads(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// One step of holding `role`: a held role that is lost is let go; a role not held is tried.
async fn keep_or_take(
    store: &SharedDatabase,
    role: Role,
    held: Option<Box<dyn HeldRole>>,
) -> Option<Box<dyn HeldRole>> {
    match held {
        Some(mut held) => {
            if held.still_held().await {
                return Some(held);
            }
            log::warn!("this replica lost the {role:?} role");
            None
        }
        None => match store.try_lead(role).await {
            Ok(held) => held,
            Err(e) => {
                log::warn!("trying the {role:?} role: {e:#}");
                None
            }
        },
    }
}

/// Waits until this process may poll Telegram (no other replica polls), or `None` at shutdown. The role
/// is then watched: if it is lost, `shutdown` is cancelled, so two pollers (a 409) never last.
pub async fn wait_to_poll(store: SharedDatabase, shutdown: CancellationToken) -> Option<()> {
    let mut held = None;
    let mut told = false;
    while held.is_none() {
        held = keep_or_take(&store, Role::Poller, None).await;
        if held.is_some() {
            break;
        }
        if !told {
            log::info!("another replica polls Telegram: standing by");
            told = true;
        }
        tokio::select! {
            _ = shutdown.cancelled() => return None,
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
    tokio::spawn(async move {
        let mut held = held;
        while !shutdown.is_cancelled() {
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tokio::time::sleep(EVERY) => {}
            }
            if let Some(role) = held.as_mut()
                && !role.still_held().await
            {
                log::error!("the poller role was lost: stopping, so that only one replica polls");
                shutdown.cancel();
                return;
            }
        }
        drop(held);
    });
    Some(())
}

/// Keeps the fact index in step with the shared archive until `shutdown`: a document any process
/// ingested is indexed here within [`EVERY`], and the quiz pool rebuilt.
pub async fn follow_archive(dossier: Dossier, ingestor: Ingestor, shutdown: CancellationToken) {
    let mut sync = IndexSync::new(ingestor);
    loop {
        match sync.catch_up(&*dossier.store, &dossier.pool).await {
            Ok(caught) if caught.changed > 0 => {
                log::info!("indexed {} document(s) from the archive (version {})", caught.changed, caught.version);
                if let Err(e) = crate::app::refresh_quiz(&dossier.pool, &dossier.knowledge).await {
                    log::error!("{e:#}");
                }
            }
            Ok(_) => {}
            Err(e) => log::warn!("following the document archive: {e:#}"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
}
