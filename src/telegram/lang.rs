//! The interface language of a Telegram chat (its `/lang` override, else the sender's `language_code`),
//! and `/lang en|ru` to set the override.

use std::{collections::HashMap, num::NonZeroUsize, sync::Mutex};

use lru::LruCache;
use teloxide::types::Message;

use super::{Services, admin};
use crate::{db::store::Database, i18n::Lang, reply::Reply};

/// The language to answer `msg` in.
pub async fn of_message(services: &Services, msg: &Message) -> Lang {
    let sender = msg.from.as_ref().and_then(|u| u.language_code.as_deref());
    of_chat(services, msg.chat.id.0, sender).await
}

/// The language of `chat_id`: the stored override, else the one `language_code` implies.
pub async fn of_chat(services: &Services, chat_id: i64, language_code: Option<&str>) -> Lang {
    if let Some(known) = services.languages.known(chat_id) {
        return known.unwrap_or_else(|| Lang::from_code(language_code));
    }
    if let Some(known) = services.languages.get(chat_id) {
        return known.unwrap_or_else(|| Lang::from_code(language_code));
    }
    match services.dossier.store.chat(chat_id).await {
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

/// The `/lang` overrides, so an update does not wait for the database to learn its chat's language.
/// Every override stored is read at start, so a private chat or a basic group without one needs no
/// lookup at all; supergroups and channels (ids from -10^12 down) may have arrived by a migration that
/// carried another chat's override, so theirs are looked up once and remembered. Only `/lang` changes
/// overrides, through [`handle_lang`].
///
/// On a store several replicas share, another replica's `/lang` would go unseen, so nothing is taken from
/// memory there: every chat's language is read from the store.
pub struct KnownLanguages {
    overrides: Mutex<HashMap<i64, Lang>>,
    recent: Mutex<LruCache<i64, Option<Lang>>>,
    /// Whether this process alone changes overrides (the embedded store).
    alone: bool,
}

/// Supergroup and channel ids are -100… (below -10^12).
const FIRST_SUPERGROUP_ID: i64 = -1_000_000_000_000;

impl KnownLanguages {
    /// Every override stored in the database.
    pub async fn load(store: &dyn Database) -> anyhow::Result<Self> {
        let overrides = store
            .language_overrides()
            .await?
            .into_iter()
            .filter_map(|(chat_id, code)| Some((chat_id, Lang::parse(&code)?)))
            .collect();
        Ok(KnownLanguages {
            alone: !store.keeps_index_apart(),
            overrides: Mutex::new(overrides),
            recent: Mutex::new(LruCache::new(NonZeroUsize::new(10_000).unwrap_or(NonZeroUsize::MIN))),
        })
    }

    /// The chat's override or that it has none, when known without asking the database.
    fn known(&self, chat_id: i64) -> Option<Option<Lang>> {
        if !self.alone {
            return None;
        }
        let lang = self.overrides.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&chat_id).copied();
        if lang.is_some() || chat_id > FIRST_SUPERGROUP_ID { Some(lang) } else { None }
    }

    fn get(&self, chat_id: i64) -> Option<Option<Lang>> {
        if !self.alone {
            return None;
        }
        self.recent.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&chat_id).copied()
    }

    fn remember(&self, chat_id: i64, lang: Option<Lang>) {
        if let Some(lang) = lang {
            self.overrides.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(chat_id, lang);
        }
        self.recent.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).put(chat_id, lang);
    }
}

/// `/lang en|ru`: stores the chat's interface language and answers in it.
pub async fn handle_lang(services: &Services, msg: &Message, arg: &str, current: Lang) -> Reply {
    let Some(lang) = Lang::parse(arg) else {
        return Reply::text(current.t("lang-usage"));
    };
    let chat = admin::chat_ref(msg);
    let store = &services.dossier.store;
    let stored = match store.ensure_chat(chat.id, chat.kind.as_str(), chat.title.as_deref()).await {
        Ok(_) => store.set_language(chat.id, Some(lang.code())).await,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{postgres::PgStore, store::ChatStore};

    #[tokio::test]
    async fn on_a_shared_store_another_replicas_lang_is_never_hidden_by_memory() {
        let db = crate::db::postgres::test_server::ThrowawayDatabase::create().await;
        let store = PgStore::new(db.pool.clone());
        store.ensure_chat(7, "private", None).await.unwrap();
        let languages = KnownLanguages::load(&store).await.unwrap();
        languages.remember(7, None);
        store.set_language(7, Some("ru")).await.unwrap(); // through another replica
        assert_eq!((languages.known(7), languages.get(7)), (None, None), "the store must be asked");
        drop(store);
        db.drop_now().await;
    }

    #[tokio::test]
    async fn alone_on_sqlite_a_private_chat_without_override_needs_no_lookup() {
        let fixture = crate::db::store::testing::sqlite().await;
        fixture.store.ensure_chat(8, "private", None).await.unwrap();
        fixture.store.ensure_chat(9, "private", None).await.unwrap();
        fixture.store.set_language(9, Some("ru")).await.unwrap();
        let languages = KnownLanguages::load(&fixture.store).await.unwrap();
        assert_eq!((languages.known(8), languages.known(9)), (Some(None), Some(Some(Lang::Ru))));
    }
}
