//! The dptree routing tree: which handler takes which update.

use teloxide::{
    dispatching::{DpHandlerDescription, UpdateFilterExt},
    prelude::*,
};

use super::{callbacks, handlers, inline, quiz_handlers};

/// The whole routing tree.
pub fn schema() -> Handler<'static, anyhow::Result<()>, DpHandlerDescription> {
    dptree::entry()
        .filter_async(first_time)
        .branch(Update::filter_message().endpoint(handlers::handle_message))
        .branch(Update::filter_channel_post().endpoint(handlers::handle_message))
        .branch(Update::filter_callback_query().endpoint(callbacks::handle_callback))
        .branch(Update::filter_inline_query().endpoint(inline::handle_inline_query))
        .branch(Update::filter_poll_answer().endpoint(quiz_handlers::handle_poll_answer))
}

/// Lets an update through once: a replay after a crash (same `update_id`) is dropped.
async fn first_time(update: Update, services: std::sync::Arc<super::Services>) -> bool {
    match crate::db::updates::claim(&services.dossier.pool, i64::from(update.id.0)).await {
        Ok(first) => {
            if !first {
                log::info!("update {} was handled before; skipping the replay", update.id.0);
            }
            first
        }
        Err(e) => {
            // Better a rare double answer than a lost one.
            log::error!("{e:#}");
            true
        }
    }
}
