//! Core buttons to Telegram inline keyboards, and other small Telegram-specific bits.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions};

use crate::reply::{Action, Button};

/// Telegram's limit on callback data, in bytes.
pub const CALLBACK_DATA_LIMIT: usize = 64;

/// Rows of core buttons as an inline keyboard. Buttons Telegram would refuse (bad URL, oversized data) are left out.
pub fn keyboard(rows: &[Vec<Button>]) -> InlineKeyboardMarkup {
    let rows: Vec<Vec<InlineKeyboardButton>> = rows
        .iter()
        .map(|row| row.iter().filter_map(button).collect::<Vec<_>>())
        .filter(|row| !row.is_empty())
        .collect();
    InlineKeyboardMarkup::new(rows)
}

fn button(button: &Button) -> Option<InlineKeyboardButton> {
    match &button.action {
        Action::Callback(data) if !data.is_empty() && data.len() <= CALLBACK_DATA_LIMIT => {
            Some(InlineKeyboardButton::callback(button.text.clone(), data.clone()))
        }
        Action::Url(url) => url::Url::parse(url).ok().map(|url| InlineKeyboardButton::url(button.text.clone(), url)),
        Action::Callback(data) => {
            log::error!("dropping a button whose callback data is {} bytes", data.len());
            None
        }
        Action::BotLink { .. } => {
            log::error!("dropping a bot link button that was not resolved to a URL");
            None
        }
    }
}

/// Replies quote documents; a link preview would only add noise.
pub fn no_link_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}
