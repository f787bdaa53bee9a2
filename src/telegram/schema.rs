//! The dptree routing tree: which handler takes which update.

use teloxide::{
    dispatching::{DpHandlerDescription, UpdateFilterExt},
    prelude::*,
};

use super::{callbacks, handlers, inline, membership, quiz_handlers};

/// The whole routing tree.
pub fn schema() -> Handler<'static, anyhow::Result<()>, DpHandlerDescription> {
    super::metrics::entry()
        .map(waiting)
        .map_async(take_a_turn)
        .filter_async(first_time)
        .branch(Update::filter_message().endpoint(handlers::handle_message))
        .branch(Update::filter_channel_post().endpoint(handlers::handle_message))
        .branch(Update::filter_callback_query().endpoint(callbacks::handle_callback))
        .branch(Update::filter_inline_query().endpoint(inline::handle_inline_query))
        .branch(Update::filter_poll_answer().endpoint(quiz_handlers::handle_poll_answer))
        .branch(Update::filter_my_chat_member().endpoint(membership::handle_my_chat_member))
}

/// The update's place in its chat's line, freed when its handler returns (see `admission`).
fn waiting(update: Update, services: std::sync::Arc<super::Services>) -> std::sync::Arc<super::admission::Waiting> {
    std::sync::Arc::new(services.admission.waiting(&update))
}

/// Updates handled at the same time. A burst waits here as small futures instead of all of them holding
/// database connections, HTTP requests and reply buffers at once (memory stays flat under load).
const HANDLERS_AT_ONCE: usize = 64;

/// A handling slot, held (as a dependency) until the update's handler returns.
#[derive(Clone)]
pub struct Turn(#[allow(dead_code)] Option<std::sync::Arc<tokio::sync::OwnedSemaphorePermit>>);

/// Waits for a handling slot.
async fn take_a_turn(services: std::sync::Arc<super::Services>) -> Turn {
    // The semaphore is never closed; if it were, updates would simply go unbounded.
    Turn(services.handler_slots.clone().acquire_owned().await.ok().map(std::sync::Arc::new))
}

/// The shared limit on updates handled at once.
pub fn handler_slots() -> std::sync::Arc<tokio::sync::Semaphore> {
    std::sync::Arc::new(tokio::sync::Semaphore::new(HANDLERS_AT_ONCE))
}

/// Lets an update through once: a replay after a crash (same `update_id`) is dropped.
async fn first_time(update: Update, services: std::sync::Arc<super::Services>) -> bool {
    let first = services.claims.claim(i64::from(update.id.0)).await;
    if first {
        super::metrics::update_handled(&update);
    } else {
        super::metrics::update_replayed();
        log::info!("update {} was handled before; skipping the replay", update.id.0);
    }
    first
}
