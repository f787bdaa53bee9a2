//! The bot's own membership of a chat (`my_chat_member`): blocked, kicked or left marks the chat unreachable
//! at once (its digests and quiz schedules wait, nothing is deleted); being added back makes it reachable
//! again; being added to a group or a channel says one short hello with how to begin.

use std::sync::Arc;

use teloxide::types::ChatMemberUpdated;

use super::{Services, Target, admin, limiter::Priority};
use crate::reply::Reply;

/// What a membership change means for the chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The bot can no longer write there (blocked in private, kicked or left a group or channel).
    Gone,
    /// The bot is in the chat again, or for the first time.
    Joined,
    /// Still there (promoted, restricted, …): nothing to do.
    Stayed,
}

/// Reads a `my_chat_member` update.
pub fn change(update: &ChatMemberUpdated) -> Change {
    match (update.old_chat_member.kind.is_present(), update.new_chat_member.kind.is_present()) {
        (_, false) => Change::Gone,
        (false, true) => Change::Joined,
        (true, true) => Change::Stayed,
    }
}

/// Handles a change of the bot's own membership.
pub async fn handle_my_chat_member(update: ChatMemberUpdated, services: Arc<Services>) -> anyhow::Result<()> {
    let store = &services.dossier.store;
    let chat_id = update.chat.id.0;
    match change(&update) {
        Change::Stayed => {}
        Change::Gone => {
            let reason = if update.new_chat_member.kind.is_banned() { "kicked" } else { "left" };
            log::info!("chat {chat_id}: the bot was {reason}; its digests and quizzes wait");
            store.mark_unreachable(chat_id, &format!("my_chat_member: {reason}")).await?;
        }
        Change::Joined => {
            let chat = admin::chat_ref_of(&update.chat, None);
            store.ensure_chat(chat_id, chat.kind.as_str(), chat.title.as_deref()).await?;
            if store.mark_reachable(chat_id).await? {
                log::info!("chat {chat_id}: the bot is back; its digests and quizzes resume");
            }
            if !update.chat.is_private() {
                let lang = super::lang::of_chat(&services, chat_id, update.from.language_code.as_deref()).await;
                let hello = Reply::text(lang.t("hello-chat"));
                if let Err(e) = services.delivery.send_reply(Target::chat(chat_id), &hello, Priority::Interactive).await
                {
                    log::warn!("hello to chat {chat_id} not sent: {e}");
                }
            }
        }
    }
    Ok(())
}
