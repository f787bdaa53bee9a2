//! Replies the answer cache keeps, rendered once: a cached reply is one shared `Arc<Reply>`, so its HTML
//! pages and keyboard are kept beside it (by its address) for as long as the cache keeps the reply.

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex, Weak},
};

use lru::LruCache;

use super::delivery::Rendered;
use crate::reply::Reply;

/// Renderings kept: as many as the answer cache keeps replies (a card renders to a few kilobytes).
const KEPT: NonZeroUsize = NonZeroUsize::new(2048).expect("non-zero");

/// Renderings of shared replies, by the reply's address.
pub struct RenderedReplies {
    kept: Mutex<LruCache<usize, Kept>>,
}

/// A rendering and the reply it is of. The weak handle keeps the reply's allocation, so while the entry
/// exists no other reply can take its address: a matching address is the very same reply.
struct Kept {
    _reply: Weak<Reply>,
    rendered: Arc<Rendered>,
}

impl Default for RenderedReplies {
    fn default() -> Self {
        RenderedReplies { kept: Mutex::new(LruCache::new(KEPT)) }
    }
}

impl RenderedReplies {
    /// The rendering of `reply`: kept from before when it is the same shared reply, else made by `render`
    /// (and kept when someone else, the answer cache, holds the reply too: only such a reply comes again).
    pub fn get_or_render(&self, reply: &Arc<Reply>, render: impl FnOnce(&Reply) -> Rendered) -> Arc<Rendered> {
        let address = Arc::as_ptr(reply) as usize;
        if let Some(kept) = self.lock().get(&address) {
            return kept.rendered.clone();
        }
        let rendered = Arc::new(render(reply));
        if Arc::strong_count(reply) > 1 {
            let kept = Kept { _reply: Arc::downgrade(reply), rendered: rendered.clone() };
            self.lock().put(address, kept);
        }
        rendered
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<usize, Kept>> {
        self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn rendering_of(reply: &Reply, renders: &Cell<usize>) -> Rendered {
        renders.set(renders.get() + 1);
        Rendered { pages: vec![format!("{:?}", reply.blocks)], keyboard: None }
    }

    #[test]
    fn a_shared_reply_is_rendered_once_and_a_different_one_afresh() {
        let (memo, renders) = (RenderedReplies::default(), Cell::new(0));
        let cached = Arc::new(Reply::text("India"));
        let held_by_the_cache = cached.clone();
        let first = memo.get_or_render(&cached, |r| rendering_of(r, &renders));
        let again = memo.get_or_render(&held_by_the_cache, |r| rendering_of(r, &renders));
        assert_eq!((renders.get(), &first.pages), (1, &again.pages));
        let other = Arc::new(Reply::text("China"));
        let _cache_of_other = other.clone();
        let other_pages = memo.get_or_render(&other, |r| rendering_of(r, &renders)).pages.clone();
        assert_eq!(renders.get(), 2);
        assert_ne!(other_pages, first.pages);
    }

    #[test]
    fn a_reply_nobody_else_holds_is_rendered_every_time_and_not_kept() {
        let (memo, renders) = (RenderedReplies::default(), Cell::new(0));
        for _ in 0..3 {
            memo.get_or_render(&Arc::new(Reply::text("sorry")), |r| rendering_of(r, &renders));
        }
        assert_eq!(renders.get(), 3);
        assert_eq!(memo.lock().len(), 0);
    }

    #[test]
    fn a_new_reply_at_the_address_of_a_dropped_one_is_not_taken_for_it() {
        let (memo, renders) = (RenderedReplies::default(), Cell::new(0));
        let old = Arc::new(Reply::text("old"));
        let cache = old.clone();
        memo.get_or_render(&old, |r| rendering_of(r, &renders));
        drop((old, cache));
        let new = Arc::new(Reply::text("new"));
        let _cache = new.clone();
        let pages = memo.get_or_render(&new, |r| rendering_of(r, &renders)).pages.clone();
        assert_eq!(pages, vec![format!("{:?}", new.blocks)]);
    }
}
