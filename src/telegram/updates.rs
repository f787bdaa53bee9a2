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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bot_asks_for_its_own_membership_changes_and_quiz_answers() {
        let kinds = allowed();
        assert!(kinds.contains(&AllowedUpdate::MyChatMember));
        assert!(kinds.contains(&AllowedUpdate::PollAnswer));
        assert!(!kinds.contains(&AllowedUpdate::ChatMember), "other people's membership is not the bot's business");
    }
}
