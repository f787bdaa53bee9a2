//! Answers depend only on the fact base and the interface language, so each is composed once and served
//! from memory until the fact base changes: every ingest bumps `fact_base.version` in its transaction,
//! and a changed version empties the cache (documents ingested by another process included).

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use lru::LruCache;

use super::Request;
use crate::{i18n::Lang, reply::Reply};

/// How long a fact-base version read from the database is trusted. An ingest in this process is seen at
/// once; one by another process (`dossier ingest` next to `dossier serve`) within this time.
const VERSION_TRUSTED_FOR: Duration = Duration::from_millis(250);

/// The replies of one fact-base version, least recently used dropped first.
pub struct AnswerCache {
    entries: Mutex<Entries>,
    checked: Mutex<Option<VersionCheck>>,
}

/// The fact-base version as last read, when, and how many local ingests had happened by then.
#[derive(Clone, Copy)]
struct VersionCheck {
    version: i64,
    at: Instant,
    local_ingests: u64,
}

struct Entries {
    version: i64,
    /// Shared with whoever is sending them: an adapter may keep what it derives from a reply (its
    /// rendering) for as long as the cache keeps the reply.
    replies: LruCache<(Request, Lang), Arc<Reply>>,
}

impl AnswerCache {
    /// A cache of at most `capacity` replies.
    pub fn new(capacity: NonZeroUsize) -> Self {
        AnswerCache {
            entries: Mutex::new(Entries { version: i64::MIN, replies: LruCache::new(capacity) }),
            checked: Mutex::new(None),
        }
    }

    /// The fact base's version: read from the database unless read moments ago with no ingest since.
    pub async fn version(&self, pool: &crate::db::Pool) -> anyhow::Result<i64> {
        let local_ingests = crate::db::documents::local_ingests();
        let last = *self.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(check) = last.filter(|c| c.local_ingests == local_ingests && c.at.elapsed() < VERSION_TRUSTED_FOR) {
            return Ok(check.version);
        }
        let version = crate::db::facts::version(pool).await?;
        let check = VersionCheck { version, at: Instant::now(), local_ingests };
        *self.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(check);
        Ok(version)
    }

    /// The reply composed for `request` in `lang` while the fact base was at `version`, if kept.
    pub fn get(&self, version: i64, request: &Request, lang: Lang) -> Option<Arc<Reply>> {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.version != version {
            entries.replies.clear();
            entries.version = version;
            return None;
        }
        entries.replies.get(&(request.clone(), lang)).cloned()
    }

    /// Keeps `reply`, composed while the fact base was at `version`.
    pub fn put(&self, version: i64, request: &Request, lang: Lang, reply: &Arc<Reply>) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.version == version {
            entries.replies.put((request.clone(), lang), reply.clone());
        }
    }

    /// How many replies are kept.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).replies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache() -> AnswerCache {
        AnswerCache::new(NonZeroUsize::new(2).unwrap())
    }

    fn reply(text: &str) -> Arc<Reply> {
        Arc::new(Reply::default().line(vec![crate::reply::text(text)]))
    }

    #[test]
    fn a_reply_is_served_for_the_same_request_language_and_version() {
        let cache = cache();
        let india = Request::Country("India".into());
        assert_eq!(cache.get(1, &india, Lang::En), None);
        cache.put(1, &india, Lang::En, &reply("card"));
        assert_eq!(cache.get(1, &india, Lang::En), Some(reply("card")));
        assert_eq!(cache.get(1, &india, Lang::Ru), None, "another language is another reply");
    }

    #[test]
    fn a_new_fact_base_version_empties_the_cache() {
        let cache = cache();
        let india = Request::Country("India".into());
        cache.get(1, &india, Lang::En);
        cache.put(1, &india, Lang::En, &reply("old"));
        assert_eq!(cache.get(2, &india, Lang::En), None);
        assert!(cache.is_empty());
        cache.put(1, &india, Lang::En, &reply("late"));
        assert_eq!(cache.get(2, &india, Lang::En), None, "a reply of an older version is not kept");
    }

    #[test]
    fn the_least_recently_used_reply_goes_first() {
        let cache = cache();
        let (a, b, c) = (Request::Country("A".into()), Request::Country("B".into()), Request::Country("C".into()));
        cache.get(1, &a, Lang::En);
        cache.put(1, &a, Lang::En, &reply("a"));
        cache.put(1, &b, Lang::En, &reply("b"));
        cache.get(1, &a, Lang::En);
        cache.put(1, &c, Lang::En, &reply("c"));
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(1, &b, Lang::En), None);
        assert_eq!(cache.get(1, &a, Lang::En), Some(reply("a")));
    }
}
