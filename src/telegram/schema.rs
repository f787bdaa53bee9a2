//! The dptree routing tree: which handler takes which update.

use teloxide::{
    dispatching::{DpHandlerDescription, UpdateFilterExt},
    prelude::*,
};

use super::{callbacks, handlers};

/// The whole routing tree.
pub fn schema() -> Handler<'static, anyhow::Result<()>, DpHandlerDescription> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(handlers::handle_message))
        .branch(Update::filter_channel_post().endpoint(handlers::handle_message))
        .branch(Update::filter_callback_query().endpoint(callbacks::handle_callback))
}
