//! The kinds of update the bot handles: asked of Telegram as `allowed_updates`, in polling and webhook mode
//! alike, so Telegram sends nothing the routing tree (`schema`) would drop and everything it handles
//! (`my_chat_member` is not in Telegram's default set for every bot).

use teloxide::types::AllowedUpdate;

/// The update kinds `schema::schema` routes.
pub fn allowed() -> Vec<AllowedUpdate> {
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::ChannelPost,
        AllowedUpdate::CallbackQuery,
        AllowedUpdate::InlineQuery,
        AllowedUpdate::PollAnswer,
        AllowedUpdate::MyChatMember,
    ]
}
