//! Who may change what: chat administrators (checked with getChatMember), anonymous admins, and channel
//! admins managing a channel from a private chat.

use teloxide::{
    prelude::*,
    types::{ChatKind as TgChatKind, PublicChatKind, Recipient},
};

use super::Services;
use crate::reply::{ChatKind, ChatRef, Reply};

/// The core's view of a Telegram chat.
pub fn chat_ref(msg: &Message) -> ChatRef {
    let kind = match &msg.chat.kind {
        TgChatKind::Private(_) => ChatKind::Private,
        TgChatKind::Public(public) => match public.kind {
            PublicChatKind::Channel(_) => ChatKind::Channel,
            PublicChatKind::Group => ChatKind::Group,
            PublicChatKind::Supergroup(_) => ChatKind::Supergroup,
        },
    };
    ChatRef {
        id: msg.chat.id.0,
        kind,
        title: msg.chat.title().map(str::to_owned),
        thread_id: msg.thread_id.map(|t| t.0.0),
    }
}

/// Whether the sender of `msg` administers its chat. Private chats: always. An anonymous admin posts as
/// the group itself (`sender_chat` = the chat), and channel posts come from the channel's admins.
pub async fn is_admin(services: &Services, msg: &Message) -> Result<bool, Reply> {
    if msg.chat.is_private() || msg.chat.is_channel() {
        return Ok(true);
    }
    if msg.sender_chat.as_ref().is_some_and(|c| c.id == msg.chat.id) {
        return Ok(true);
    }
    let Some(user) = &msg.from else { return Ok(false) };
    match services.delivery.bot.get_chat_member(msg.chat.id, user.id).await {
        Ok(member) => Ok(member.is_privileged()),
        Err(e) => {
            log::warn!("checking admin rights in chat {}: {e}", msg.chat.id);
            Err(Reply::text("I couldn't check whether you are an admin here. Please try again in a moment."))
        }
    }
}

/// The refusal for non-admins.
pub fn admins_only() -> Reply {
    Reply::text("🔒 Only this chat's admins can change its subscriptions, settings and quiz schedule.")
}

/// Resolves `@channel` for a command sent in a private chat: the channel must exist, the bot must be an
/// admin there, and so must the user. Errors say exactly what is missing.
pub async fn channel(services: &Services, msg: &Message, handle: &str) -> Result<ChatRef, Reply> {
    let bot = &services.delivery.bot;
    let Some(user) = &msg.from else { return Err(Reply::text("I can't tell who you are.")) };
    let chat = bot.get_chat(Recipient::ChannelUsername(handle.to_owned())).await.map_err(|e| {
        log::info!("looking up {handle}: {e}");
        Reply::text(format!("I can't find {handle}. Check the name, and add me to the channel as an admin first."))
    })?;
    let me = bot.get_chat_member(chat.id, UserId(services.bot_id)).await;
    if !me.as_ref().is_ok_and(|m| m.is_privileged() && m.can_post_messages()) {
        return Err(Reply::text(format!(
            "I am not an admin of {handle}. Add me as an administrator who can post messages, then try again."
        )));
    }
    let them = bot.get_chat_member(chat.id, user.id).await;
    if !them.as_ref().is_ok_and(|m| m.is_privileged()) {
        return Err(Reply::text(format!("Only admins of {handle} can manage its digests and quizzes.")));
    }
    Ok(ChatRef { id: chat.id.0, kind: ChatKind::Channel, title: Some(handle.to_owned()), thread_id: None })
}
