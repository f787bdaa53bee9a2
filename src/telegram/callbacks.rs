//! Inline button presses: every press is answered (no endless spinner), stale or forged data included.

use std::sync::Arc;

use teloxide::{prelude::*, types::MaybeInaccessibleMessage};

use super::{Services, Target, admin, limiter::Priority, markup};
use crate::{
    answer::{AnswerError, Request},
    commands, digest,
    i18n::Lang,
    render,
    reply::{ChatKind, ChatRef, Reply},
};

/// Answers a callback query.
pub async fn handle_callback(query: CallbackQuery, services: Arc<Services>) -> anyhow::Result<()> {
    let bot = &services.delivery.bot;
    let data = query.data.clone().unwrap_or_default();
    let message = match &query.message {
        Some(MaybeInaccessibleMessage::Regular(message)) => Some(message.as_ref().clone()),
        _ => None,
    };
    let code = query.from.language_code.as_deref();
    let lang = match &message {
        Some(message) => super::lang::of_chat(&services, message.chat.id.0, code).await,
        None => Lang::from_code(code),
    };
    let notice = match (&message, data.split_once(':')) {
        (Some(message), Some(("sub", _))) => toggle(&services, &query, message, &data, lang).await,
        (Some(message), Some(("card", key))) => show(&services, message, Request::Entity(key.to_owned()), lang).await,
        (Some(message), Some(("src", id))) => match id.parse::<i64>() {
            Ok(id) => show(&services, message, Request::Source(id), lang).await,
            Err(_) => lang.t("button-stale"),
        },
        (Some(message), Some(("follow", key))) => follow(&services, &query, message, key, lang).await,
        (Some(message), Some(("quiz", key))) => super::quiz_handlers::quiz_button(&services, message, key, lang).await,
        _ => lang.t("button-stale"),
    };
    let mut answer = bot.answer_callback_query(query.id.clone());
    if !notice.is_empty() {
        answer = answer.text(clip(&notice, 190));
    }
    if let Err(e) = answer.await {
        log::warn!("answering a button press: {e}");
    }
    Ok(())
}

/// Sends the card or paragraph a button asks for, as a new message.
async fn show(services: &Services, message: &Message, request: Request, lang: Lang) -> String {
    let reply = commands::shared_answer_or_apologise(&services.dossier, &request, lang).await;
    let target = Target::of(message);
    match services.delivery.send_answer(target, &reply, Priority::Interactive).await {
        Ok(_) => String::new(),
        Err(e) => {
            log::warn!("sending a card for a button: {e}");
            lang.t("button-send-failed")
        }
    }
}

async fn follow(services: &Services, query: &CallbackQuery, message: &Message, key: &str, lang: Lang) -> String {
    let chat = admin::chat_ref(message);
    if chat.kind != ChatKind::Private && !pressed_by_admin(services, query, &chat).await {
        return lang.t("button-admins-only");
    }
    match digest::follow(&services.dossier.in_lang(lang), &chat, key).await {
        Ok(notice) => notice,
        Err(AnswerError::User(text)) => text,
        Err(AnswerError::Unexpected(e)) => {
            log::error!("subscribing from a card in chat {}: {e:#}", chat.id);
            lang.t("button-sorry")
        }
    }
}

async fn toggle(services: &Services, query: &CallbackQuery, message: &Message, data: &str, lang: Lang) -> String {
    let mut chat = admin::chat_ref(message);
    chat.thread_id = message.thread_id.map(|t| t.0.0);
    if chat.kind != ChatKind::Private && !pressed_by_admin(services, query, &chat).await {
        return lang.t("button-admins-only");
    }
    match digest::toggle(&services.dossier.in_lang(lang), &chat, data).await {
        Ok((keyboard, notice)) => {
            edit(services, message, &keyboard).await;
            notice
        }
        Err(AnswerError::User(text)) => text,
        Err(AnswerError::Unexpected(e)) => {
            log::error!("toggling a subscription in chat {}: {e:#}", chat.id);
            lang.t("button-sorry")
        }
    }
}

async fn pressed_by_admin(services: &Services, query: &CallbackQuery, chat: &ChatRef) -> bool {
    services
        .delivery
        .bot
        .get_chat_member(ChatId(chat.id), query.from.id)
        .await
        .is_ok_and(|member| member.is_privileged())
}

/// Edits the keyboard message in place.
async fn edit(services: &Services, message: &Message, reply: &Reply) {
    let reply = render::links::resolve(reply, &services.username);
    let html = render::html::render(&reply).into_iter().next().unwrap_or_default();
    let request = services
        .delivery
        .bot
        .edit_message_text(message.chat.id, message.id, html)
        .parse_mode(teloxide::types::ParseMode::Html)
        .reply_markup(markup::keyboard(&reply.keyboard));
    if let Err(e) = request.await {
        log::warn!("editing a keyboard in chat {}: {e}", message.chat.id);
    }
}

fn clip(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}
