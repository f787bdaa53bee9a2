//! The feed poller while serving: `feeds::Poller::poll_due` on a tick, the quiz pool refreshed when
//! articles arrived, and one message to the owner for each feed that was deactivated. Stops on shutdown.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

use super::{Services, Target, limiter::Priority};
use crate::{db, feeds::Poller, i18n::arg, reply::Reply};

/// How often due feeds are looked for; each feed still waits its own interval.
const TICK: Duration = Duration::from_secs(30);

/// Polls until `shutdown` is cancelled (a poll in progress stops between items).
pub async fn run(services: Arc<Services>, poller: Poller, shutdown: CancellationToken) {
    let mut ticker = tokio::time::interval(TICK.min(poller.every));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = ticker.tick() => {}
        }
        tick_at(&services, &poller, Utc::now()).await;
    }
    log::info!("feed poller stopped");
}

/// One step at `now`: the loop passes the real clock; tests pass a fixed one.
pub async fn tick_at(services: &Services, poller: &Poller, now: DateTime<Utc>) {
    if !services.leads_scheduler() {
        return; // the leader polls the feeds
    }
    match poller.poll_due(now).await {
        Ok(outcome) => {
            if outcome.polled > 0 {
                log::info!("feeds polled: {outcome:?}");
            }
            if outcome.ingested > 0
                && let Err(e) = crate::app::refresh_quiz(&services.dossier.pool, &services.dossier.knowledge).await
            {
                log::error!("{e:#}");
            }
        }
        Err(e) => log::error!("polling feeds: {e:#}"),
    }
    if let Err(e) = tell_owner(services).await {
        log::error!("telling the owner about deactivated feeds: {e:#}");
    }
}

/// Sends the owner one message per newly deactivated feed, marked once sent.
async fn tell_owner(services: &Services) -> anyhow::Result<()> {
    let Some(owner) = services.config.owner_id else { return Ok(()) };
    for feed in services.dossier.store.untold_deactivations().await? {
        let lang = super::lang::of_chat(services, owner, None).await;
        let error = feed.last_error.clone().unwrap_or_default();
        let notice = lang.tr(
            "feed-deactivated-notice",
            &[arg("url", feed.url.as_str()), arg("count", feed.failures), arg("error", error)],
        );
        match services.delivery.send_reply(Target::chat(owner), &Reply::text(notice), Priority::Interactive).await {
            Ok(_) => services.dossier.store.mark_owner_told(feed.id, &db::now_text()).await?,
            Err(e) => log::warn!("the owner was not told that {} was deactivated: {e}", feed.url),
        }
    }
    Ok(())
}
