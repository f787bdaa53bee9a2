//! Background work while serving: the digest scheduler step and the outbox delivery, on a fixed tick,
//! stopping cleanly on shutdown (the digests in flight finish and are recorded).

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use tokio_util::sync::CancellationToken;

use super::{Services, outbox};
use crate::digest::scheduler;

/// Runs the scheduler and the outbox until `shutdown` is cancelled.
pub async fn run(services: Arc<Services>, every: Duration, shutdown: CancellationToken) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_housekeeping: Option<tokio::time::Instant> = None;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = ticker.tick() => {}
        }
        // A pass is not interrupted: every digest it takes is sent and recorded before shutdown.
        tick_at(&services, Utc::now()).await;
        if services.leads_scheduler() && last_housekeeping.is_none_or(|at| at.elapsed() >= HOUSEKEEPING_EVERY) {
            housekeeping(&services, Utc::now()).await;
            last_housekeeping = Some(tokio::time::Instant::now());
        }
    }
    log::info!("background jobs stopped");
}

/// One pass at `now`: quiz rounds move on; on the scheduler's leader, digests due are written and sent
/// and scheduled quizzes start.
/// The loop passes the real clock; tests pass a fixed one.
pub async fn tick_at(services: &Services, now: chrono::DateTime<Utc>) {
    // Digests are written and sent by the leader alone: one bulk sender keeps the bot within Telegram's
    // overall limit whatever the number of replicas (see the README).
    if services.leads_scheduler() {
        send_digests(services, now).await;
    }
    super::quiz_handlers::tick(services, now).await;
}

async fn send_digests(services: &Services, now: chrono::DateTime<Utc>) {
    match scheduler::enqueue_due(&services.dossier, now, services.config.digest_max_facts).await {
        Ok(outcome) if outcome.due > 0 => log::info!("digests due: {outcome:?}"),
        Ok(_) => {}
        Err(e) => log::error!("scheduling digests: {e:#}"),
    }
    match outbox::deliver_due(services, now).await {
        Ok(outcome) if outcome != outbox::DeliverOutcome::default() => log::info!("digests delivered: {outcome:?}"),
        Ok(_) => {}
        Err(e) => log::error!("delivering digests: {e:#}"),
    }
}

/// How often old state is pruned; it only has to keep memory and tables from growing.
const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(600);

/// Forgets handled updates older than two days and quiet chats' rate-limit state.
async fn housekeeping(services: &Services, now: chrono::DateTime<Utc>) {
    let forget = scheduler::stamp(now - chrono::Duration::days(2));
    if let Err(e) = services.dossier.store.forget_updates_before(&forget).await {
        log::error!("{e:#}");
    }
    services.delivery.shrink_limits();
    services.admission.shrink();
}
