//! The interface language of a Telegram chat (its `/lang` override, else the sender's `language_code`),
//! and `/lang en|ru` to set the override.

use teloxide::types::Message;

use super::{Services, admin};
use crate::{db, i18n::Lang, reply::Reply};

/// The language to answer `msg` in.
pub async fn of_message(services: &Services, msg: &Message) -> Lang {
    let sender = msg.from.as_ref().and_then(|u| u.language_code.as_deref());
    of_chat(services, msg.chat.id.0, sender).await
}

/// The language of `chat_id`: the stored override, else the one `language_code` implies.
pub async fn of_chat(services: &Services, chat_id: i64, language_code: Option<&str>) -> Lang {
    match db::chats::get(&services.dossier.pool, chat_id).await {
        Ok(Some(db::chats::ChatRow { language: Some(code), .. })) => Lang::parse(&code).unwrap_or_default(),
        Ok(_) => Lang::from_code(language_code),
        Err(e) => {
            log::warn!("reading the language of chat {chat_id}: {e:#}");
            Lang::from_code(language_code)
        }
    }
}

/// `/lang en|ru`: stores the chat's interface language and answers in it.
pub async fn handle_lang(services: &Services, msg: &Message, arg: &str, current: Lang) -> Reply {
    let Some(lang) = Lang::parse(arg) else {
        return Reply::text(current.t("lang-usage"));
    };
    let chat = admin::chat_ref(msg);
    let pool = &services.dossier.pool;
    let stored = match db::chats::ensure(pool, chat.id, chat.kind.as_str(), chat.title.as_deref()).await {
        Ok(_) => db::chats::set_language(pool, chat.id, Some(lang.code())).await,
        Err(e) => Err(e),
    };
    match stored {
        Ok(()) => Reply::text(lang.t("lang-set")),
        Err(e) => {
            log::error!("setting the language of chat {}: {e:#}", chat.id);
            Reply::text(current.t("sorry"))
        }
    }
}
