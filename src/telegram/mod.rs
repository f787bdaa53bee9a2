//! The Telegram adapter: teloxide dispatcher, HTML replies, and the one delivery path.

mod admin;
pub mod admission;
mod callbacks;
mod claims;
pub mod delivery;
mod digest_handlers;
mod feed_handlers;
pub mod feed_jobs;
mod flood;
mod groups;
pub mod handlers;
mod inline;
pub mod jobs;
mod lang;
mod lean_send;
pub mod limiter;
pub mod markup;
mod membership;
mod menu;
mod metrics;
mod observe;
pub mod outbox;
mod owner;
mod quiz_handlers;
mod rendered;
pub mod replicas;
mod replies;
mod schema;
pub mod updates;
mod webhook;

use std::sync::Arc;

use anyhow::Context;
use teloxide::prelude::*;
use tokio_util::sync::CancellationToken;

use crate::{answer::Dossier, config::Config, facts::intake::Intake, i18n::Lang};

pub use delivery::{Delivery, DeliveryError, Sent, Target};

/// What every handler needs.
pub struct Services {
    pub dossier: Dossier,
    pub delivery: Delivery,
    pub config: Config,
    /// The bot's @username, for commands addressed as `/cmd@username`.
    pub username: String,
    pub bot_id: u64,
    /// Ingests documents the owner sends (into the index, and the shared archive).
    pub intake: Intake,
    /// Whether this replica leads the scheduler (always, on the embedded store).
    pub scheduler: replicas::SchedulerLead,
    /// Judges updates before they queue (flood budget, places per chat).
    pub admission: Arc<admission::Admission>,
    /// Updates handled at the same time (see `schema::take_a_turn`).
    pub handler_slots: std::sync::Arc<tokio::sync::Semaphore>,
    /// Claims of updates before handling (replays are skipped).
    pub claims: claims::Claims,
    /// Chats' `/lang` overrides, remembered.
    pub languages: lang::KnownLanguages,
}

impl Services {
    /// Connects to the Bot API (getMe) and assembles what the handlers need.
    pub async fn connect(config: &Config, dossier: Dossier) -> anyhow::Result<Arc<Self>> {
        let bot = bot(config)?;
        let me = bot.get_me().await.context("cannot reach the Bot API (is TELOXIDE_TOKEN right?)")?;
        Ok(Arc::new(Services {
            delivery: Delivery::new(bot, me.username().to_owned(), dossier.store.clone(), config.global_rate),
            intake: crate::app::intake(&dossier, config),
            scheduler: replicas::SchedulerLead::start(dossier.store.clone()).await?,
            admission: Arc::new(admission::Admission::new(me.username(), me.id.0)),
            handler_slots: schema::handler_slots(),
            languages: lang::KnownLanguages::load(&*dossier.store).await?,
            claims: claims::Claims::start(&dossier),
            dossier,
            config: config.clone(),
            username: me.username().to_owned(),
            bot_id: me.id.0,
        }))
    }
}

impl Services {
    /// Whether this replica runs the scheduler's work: digests, scheduled quizzes, feeds, bulk sending.
    pub fn leads_scheduler(&self) -> bool {
        self.scheduler.leads()
    }
}

/// Builds the bot from the config: token, and the API URL of a local Bot API server or stand-in.
pub fn bot(config: &Config) -> anyhow::Result<Bot> {
    let token = config.token.clone().context("TELOXIDE_TOKEN is not set")?;
    let mut bot = Bot::new(token);
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    Ok(bot)
}

/// Runs the bot until SIGTERM or SIGINT, then stops gracefully.
pub async fn serve(config: &Config, dossier: Dossier) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    let on_signal = shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        log::info!("shutting down: finishing the work in hand");
        on_signal.cancel();
    });
    serve_until(config, dossier, shutdown).await
}

/// Runs the bot until `shutdown` is cancelled: the dispatcher stops taking updates (confirming the offset
/// of those handled), and the background jobs finish the digests in flight.
pub async fn serve_until(config: &Config, dossier: Dossier, shutdown: CancellationToken) -> anyhow::Result<()> {
    let services = Services::connect(config, dossier).await?;
    log::info!("serving as @{}", services.username);
    // The default menu in English, and one for Russian-speaking users.
    if let Err(e) = services.delivery.bot.set_my_commands(menu::menu(Lang::En)).await {
        log::warn!("could not set the command menu: {e}");
    }
    let russian = services.delivery.bot.set_my_commands(menu::menu(Lang::Ru)).language_code(Lang::Ru.code());
    if let Err(e) = russian.await {
        log::warn!("could not set the Russian command menu: {e}");
    }
    // Webhook mode when WEBHOOK_URL is set; otherwise long polling, with the health and metrics endpoints
    // on METRICS_LISTEN if set.
    let listener = match &config.webhook {
        Some(hook) => Some(webhook::listen(&services, hook).await?),
        None => {
            if let Some(addr) = config.metrics_listen {
                observe::serve(addr, services.dossier.store.clone(), shutdown.clone()).await?;
            }
            None
        }
    };
    let bot = services.delivery.bot.clone();
    let jobs = config.digest_tick.map(|tick| tokio::spawn(jobs::run(services.clone(), tick, shutdown.clone())));
    let feed_poller = match config.feed_poll {
        Some(_) => {
            let mut poller = crate::feeds::poller_for(config, services.intake.clone())?;
            poller.stop = shutdown.clone();
            Some(tokio::spawn(feed_jobs::run(services.clone(), poller, shutdown.clone())))
        }
        None => None,
    };
    let index = tokio::spawn(replicas::follow_archive(
        services.dossier.clone(),
        services.intake.ingestor.clone(),
        shutdown.clone(),
    ));
    let mut dispatcher = Dispatcher::builder(bot, schema::schema())
        .dependencies(dptree::deps![services.clone()])
        .default_handler(|_| async {})
        // Admission keeps every chat's queue well short of full, so one busy chat never stalls the others.
        .worker_queue_size(admission::WORKER_QUEUE)
        .error_handler(LoggingErrorHandler::with_custom_text("an update handler failed"))
        .build();
    let token = dispatcher.shutdown_token();
    let stop_dispatcher = shutdown.clone();
    tokio::spawn(async move {
        stop_dispatcher.cancelled().await;
        // The dispatcher may still be starting (a signal can come before it runs, on a loaded machine by
        // seconds): retry until it takes the shutdown. If it has already stopped, this task just ends with
        // the process.
        loop {
            match token.shutdown() {
                Ok(done) => return done.await,
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    });
    // Every update passes admission (the flood guard) before the dispatcher queues it, in both modes.
    let listener_errors = LoggingErrorHandler::with_custom_text("an error from the update listener");
    match listener {
        Some(listener) => {
            let listener = admission::Admitted::new(listener, services.admission.clone());
            dispatcher.dispatch_with_listener(listener, listener_errors).await;
        }
        None => {
            // Two pollers with one token get 409s: only the replica holding the poller role polls.
            if replicas::wait_to_poll(services.dossier.store.clone(), shutdown.clone()).await.is_some() {
                let listener = teloxide::update_listeners::polling_default(services.delivery.bot.clone()).await;
                let listener = admission::Admitted::new(listener, services.admission.clone());
                dispatcher.dispatch_with_listener(listener, listener_errors).await;
            }
        }
    }
    shutdown.cancel();
    // The claims of the updates just handled are committed before the process ends.
    services.claims.flush().await;
    if let Err(e) = index.await {
        log::error!("following the archive ended abnormally: {e}");
    }
    if let Some(Err(e)) = match jobs {
        Some(jobs) => Some(jobs.await),
        None => None,
    } {
        log::error!("background jobs ended abnormally: {e}");
    }
    if let Some(Err(e)) = match feed_poller {
        Some(poller) => Some(poller.await),
        None => None,
    } {
        log::error!("the feed poller ended abnormally: {e}");
    }
    log::info!("stopped");
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
