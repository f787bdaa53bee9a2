//! Digest commands in Telegram: subscriptions, settings, pause/resume and `/digest`, with the admin rules
//! for groups and `@channel` management from a private chat.

use teloxide::types::Message;

use super::{Services, admin, delivery::Target, outbox};
use crate::{
    answer::AnswerError,
    commands::Command,
    digest::{self, DigestNow, settings},
    i18n::Lang,
    reply::{ChatRef, Reply},
};

/// How long a `/digest` written to the outbox waits before the background worker may send it instead.
const DIGEST_NOW_GRACE_SECS: i64 = 120;

/// Answers a digest command; `None` for commands that are not about digests.
pub async fn handle(services: &Services, msg: &Message, command: &Command, lang: Lang) -> Option<Reply> {
    let dossier = &services.dossier.in_lang(lang);
    let result = match command {
        Command::Subscribe(arg) => {
            manage(services, lang, msg, arg, true, |chat, rest| async move {
                if rest.is_empty() {
                    digest::keyboard(dossier, &chat).await
                } else {
                    digest::subscribe(dossier, &chat, &rest).await
                }
            })
            .await
        }
        Command::Unsubscribe(arg) => {
            manage(services, lang, msg, arg, true, |chat, rest| async move {
                if rest.is_empty() {
                    Err(AnswerError::User(lang.t("unsubscribe-usage")))
                } else {
                    digest::unsubscribe(dossier, &chat, &rest).await
                }
            })
            .await
        }
        Command::Subscriptions(arg) => {
            manage(
                services,
                lang,
                msg,
                arg,
                false,
                |chat, _| async move { digest::subscriptions(dossier, &chat).await },
            )
            .await
        }
        Command::Settings(arg) => {
            let changes = settings::parse_after_channel(arg);
            manage(services, lang, msg, arg, changes, |chat, rest| async move {
                match settings::parse(&rest) {
                    Ok(None) => digest::show_settings(dossier, &chat).await,
                    Ok(Some(change)) => digest::update_settings(dossier, &chat, change).await,
                    Err(error) => Err(AnswerError::User(error.text(lang))),
                }
            })
            .await
        }
        Command::Pause => {
            manage(services, lang, msg, "", true, |chat, _| async move { digest::pause(dossier, &chat).await }).await
        }
        Command::Resume => {
            manage(services, lang, msg, "", true, |chat, _| async move { digest::resume(dossier, &chat).await }).await
        }
        Command::Digest => return Some(digest_now(services, msg, lang).await),
        _ => return None,
    };
    Some(result)
}

/// Runs a digest command for this chat, or for `@channel` named first in a private chat. Changes in
/// groups need an admin.
async fn manage<F, Fut>(services: &Services, lang: Lang, msg: &Message, arg: &str, changes: bool, run: F) -> Reply
where
    F: FnOnce(ChatRef, String) -> Fut,
    Fut: std::future::Future<Output = Result<Reply, AnswerError>>,
{
    let arg = arg.trim();
    let (chat, rest) = match arg.split_once(char::is_whitespace).map_or((arg, ""), |(a, b)| (a, b.trim())) {
        (handle, rest) if handle.starts_with('@') && msg.chat.is_private() => {
            match admin::channel(services, msg, handle, lang).await {
                Ok(chat) => (chat, rest.to_owned()),
                Err(reply) => return reply,
            }
        }
        _ => {
            if changes {
                match admin::is_admin(services, msg, lang).await {
                    Ok(true) => {}
                    Ok(false) => return admin::admins_only(lang),
                    Err(reply) => return reply,
                }
            }
            (admin::chat_ref(msg), arg.to_owned())
        }
    };
    match run(chat, rest).await {
        Ok(reply) => reply,
        Err(AnswerError::User(message)) => Reply::text(message),
        Err(AnswerError::Unexpected(e)) => {
            log::error!("a digest command in chat {} failed: {e:#}", msg.chat.id);
            Reply::text(lang.t("sorry"))
        }
    }
}

/// `/digest`: composes, writes to the outbox, sends at once, marks sent. Returns the reply to show when
/// there is nothing to send (or an empty reply when the digest itself went out).
async fn digest_now(services: &Services, msg: &Message, lang: Lang) -> Reply {
    let chat = admin::chat_ref(msg);
    let grace = chrono::Duration::seconds(DIGEST_NOW_GRACE_SECS);
    let max = services.config.digest_max_facts;
    match digest::digest_now(&services.dossier.in_lang(lang), &chat, max, chrono::Utc::now(), grace).await {
        Ok(DigestNow::Nothing(reply)) => reply,
        Ok(DigestNow::Ready { outbox_id, reply }) => {
            let target = Target { chat_id: chat.id, thread_id: chat.thread_id };
            if let Err(e) = outbox::send_now(services, outbox_id, target, &reply).await {
                log::warn!("digest {outbox_id} not sent now ({e}); the outbox will retry");
            }
            Reply::default()
        }
        Err(AnswerError::User(message)) => Reply::text(message),
        Err(AnswerError::Unexpected(e)) => {
            log::error!("composing a digest for chat {}: {e:#}", chat.id);
            Reply::text(lang.t("sorry"))
        }
    }
}
