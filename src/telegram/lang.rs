//! The interface language of a Telegram chat (its `/lang` override, else the sender's `language_code`),
//! and `/lang en|ru` to set the override.

use std::{num::NonZeroUsize, sync::Mutex};

use lru::LruCache;
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
    if let Some(known) = services.languages.get(chat_id) {
        return known.unwrap_or_else(|| Lang::from_code(language_code));
    }
    match db::chats::get(&services.dossier.pool, chat_id).await {
        Ok(row) => {
            let stored = row.and_then(|r| r.language).and_then(|code| Lang::parse(&code));
            services.languages.remember(chat_id, stored);
            stored.unwrap_or_else(|| Lang::from_code(language_code))
        }
        Err(e) => {
            log::warn!("reading the language of chat {chat_id}: {e:#}");
            Lang::from_code(language_code)
        }
    }
}

/// The `/lang` overrides of recently active chats (or that they have none), so an update does not wait
/// for the database to learn its chat's language. Only `/lang` changes them, through [`handle_lang`].
pub struct KnownLanguages(Mutex<LruCache<i64, Option<Lang>>>);

impl Default for KnownLanguages {
    fn default() -> Self {
        KnownLanguages(Mutex::new(LruCache::new(NonZeroUsize::new(10_000).unwrap_or(NonZeroUsize::MIN))))
    }
}

impl KnownLanguages {
    fn get(&self, chat_id: i64) -> Option<Option<Lang>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&chat_id).copied()
    }

    fn remember(&self, chat_id: i64, lang: Option<Lang>) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).put(chat_id, lang);
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
        Ok(()) => {
            services.languages.remember(chat.id, Some(lang));
            Reply::text(lang.t("lang-set"))
        }
        Err(e) => {
            log::error!("setting the language of chat {}: {e:#}", chat.id);
            Reply::text(current.t("sorry"))
        }
    }
}
