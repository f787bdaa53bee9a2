//! The dptree routing tree: which handler takes which update.

use teloxide::{
    dispatching::{DpHandlerDescription, UpdateFilterExt},
    prelude::*,
};

use super::handlers;

/// The whole routing tree.
pub fn schema() -> Handler<'static, anyhow::Result<()>, DpHandlerDescription> {
    dptree::entry().branch(Update::filter_message().endpoint(handlers::handle_message))
}
