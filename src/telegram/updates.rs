//! The kinds of update the bot asks Telegram for, in one place for polling and the webhook alike.

use teloxide::types::AllowedUpdate;

/// Update kinds the bot handles: messages and channel posts (commands, questions, owner uploads), button
/// presses, inline queries, quiz answers, and changes of its own membership in a chat.
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
