//! Who may change what: chat administrators (checked with getChatMember), anonymous admins, and channel
//! admins managing a channel from a private chat.

use teloxide::{
    prelude::*,
    types::{ChatKind as TgChatKind, PublicChatKind, Recipient},
};

use super::Services;
use crate::{
    i18n::{Lang, arg},
    reply::{ChatKind, ChatRef, Reply},
};

/// The core's view of the chat of a message (and its forum topic).
pub fn chat_ref(msg: &Message) -> ChatRef {
    chat_ref_of(&msg.chat, msg.thread_id.map(|t| t.0.0))
}

/// The core's view of a Telegram chat (and forum topic).
pub fn chat_ref_of(chat: &teloxide::types::Chat, thread_id: Option<i32>) -> ChatRef {
    let kind = match &chat.kind {
        TgChatKind::Private(_) => ChatKind::Private,
        TgChatKind::Public(public) => match public.kind {
            PublicChatKind::Channel(_) => ChatKind::Channel,
            PublicChatKind::Group => ChatKind::Group,
            PublicChatKind::Supergroup(_) => ChatKind::Supergroup,
        },
    };
    ChatRef { id: chat.id.0, kind, title: chat.title().map(str::to_owned), thread_id }
}

/// Whether the sender of `msg` administers its chat. Private chats: always. An anonymous admin posts as
/// the group itself (`sender_chat` = the chat), and channel posts come from the channel's admins.
pub async fn is_admin(services: &Services, msg: &Message, lang: Lang) -> Result<bool, Reply> {
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
            Err(Reply::text(lang.t("admin-check-failed")))
        }
    }
}

/// The refusal for non-admins.
pub fn admins_only(lang: Lang) -> Reply {
    Reply::text(lang.t("admin-only"))
}

/// Resolves `@channel` for a command sent in a private chat: the channel must exist, the bot must be an
/// admin there, and so must the user. Errors say exactly what is missing.
pub async fn channel(services: &Services, msg: &Message, handle: &str, lang: Lang) -> Result<ChatRef, Reply> {
    let bot = &services.delivery.bot;
    let Some(user) = &msg.from else { return Err(Reply::text(lang.t("admin-who"))) };
    let chat = bot.get_chat(Recipient::ChannelUsername(handle.to_owned())).await.map_err(|e| {
        log::info!("looking up {handle}: {e}");
        Reply::text(lang.tr("channel-not-found", &[arg("handle", handle)]))
    })?;
    let me = bot.get_chat_member(chat.id, UserId(services.bot_id)).await;
    if !me.as_ref().is_ok_and(|m| m.is_privileged() && m.can_post_messages()) {
        return Err(Reply::text(lang.tr("channel-bot-not-admin", &[arg("handle", handle)])));
    }
    let them = bot.get_chat_member(chat.id, user.id).await;
    if !them.as_ref().is_ok_and(|m| m.is_privileged()) {
        return Err(Reply::text(lang.tr("channel-admins-only", &[arg("handle", handle)])));
    }
    Ok(ChatRef { id: chat.id.0, kind: ChatKind::Channel, title: Some(handle.to_owned()), thread_id: None })
}
