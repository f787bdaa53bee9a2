//! Admission of updates before they queue: a flood's excess is dropped at the door, and no chat may have
//! more than a few updates waiting, so the dispatcher's one loop never waits on any single chat's queue.
//!
//! teloxide's dispatcher reads updates in one loop and puts each in its chat's queue, waiting when that
//! queue is full; a chat that filled its queue would stop every other chat. [`Admitted`] wraps the update
//! listener (polling or a webhook) and judges each update there, before the dispatcher sees it.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, MutexGuard},
};

use futures::{StreamExt, stream::BoxStream};
use teloxide::{
    stop::StopToken,
    types::{AllowedUpdate, Message, Update, UpdateKind},
    update_listeners::{AsUpdateStream, UpdateListener},
};

use super::{
    flood::{FloodGuard, Verdict},
    handlers::{self, Intent},
};

/// The dispatcher's queue per chat.
pub const WORKER_QUEUE: usize = 256;
/// Most updates of one chat admitted and not yet handled: well under [`WORKER_QUEUE`], so putting an
/// update in its chat's queue never waits, however many people write in one group at once.
pub const WAITING_PER_CHAT: u32 = 32;

/// Judges updates at the door.
pub struct Admission {
    flood: FloodGuard,
    waiting: Arc<Mutex<HashMap<i64, u32>>>,
    /// Messages (chat, message id) to answer with the one polite "slow down".
    warnings: Mutex<HashSet<(i64, i32)>>,
    username: String,
    bot_id: u64,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Admission {
    /// Admission for the bot `@username` (to read which messages address it).
    pub fn new(username: &str, bot_id: u64) -> Self {
        Admission {
            flood: FloodGuard::default(),
            waiting: Arc::default(),
            warnings: Mutex::default(),
            username: username.to_owned(),
            bot_id,
        }
    }

    /// Whether `update` may queue. Messages the bot would act on pay from their sender's flood budget; every
    /// update of a chat takes a waiting place, given back by its [`Waiting`] when handled.
    pub fn admit(&self, update: &Update) -> bool {
        let mut warn = None;
        if let UpdateKind::Message(msg) | UpdateKind::ChannelPost(msg) = &update.kind
            && handlers::intent(msg, &self.username, self.bot_id) != Intent::Ignore
        {
            let sender = msg.from.as_ref().map_or(msg.chat.id.0, |u| u.id.0 as i64);
            match self.flood.check(sender) {
                Verdict::Answer => {}
                Verdict::SlowDown => warn = Some((msg.chat.id.0, msg.id.0)),
                Verdict::Drop => return false,
            }
        }
        if let Some(chat) = update.chat().map(|c| c.id.0) {
            let mut waiting = lock(&self.waiting);
            let count = waiting.entry(chat).or_insert(0);
            if *count >= WAITING_PER_CHAT {
                log::warn!("chat {chat} has {count} updates waiting; dropping update {}", update.id.0);
                return false;
            }
            *count += 1;
        }
        if let Some(key) = warn {
            lock(&self.warnings).insert(key);
        }
        true
    }

    /// Whether `msg` is the one to answer with "slow down" (asked once per message).
    pub fn must_warn(&self, msg: &Message) -> bool {
        lock(&self.warnings).remove(&(msg.chat.id.0, msg.id.0))
    }

    /// The waiting place of an admitted update, held until it is handled.
    pub fn waiting(&self, update: &Update) -> Waiting {
        Waiting { chat: update.chat().map(|c| c.id.0), counts: self.waiting.clone() }
    }

    /// Forgets quiet users.
    pub fn shrink(&self) {
        self.flood.shrink();
    }
}

/// An admitted update's place in its chat's line; dropping it (when the handler is done) frees the place.
pub struct Waiting {
    chat: Option<i64>,
    counts: Arc<Mutex<HashMap<i64, u32>>>,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        let Some(chat) = self.chat else { return };
        let mut counts = lock(&self.counts);
        if let Some(count) = counts.get_mut(&chat) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&chat);
            }
        }
    }
}

/// An update listener whose updates pass [`Admission`] first.
pub struct Admitted<L> {
    listener: L,
    admission: Arc<Admission>,
}

impl<L> Admitted<L> {
    pub fn new(listener: L, admission: Arc<Admission>) -> Self {
        Admitted { listener, admission }
    }
}

impl<L> UpdateListener for Admitted<L>
where
    L: UpdateListener + 'static,
    L::Err: Send + 'static,
{
    type Err = L::Err;

    fn stop_token(&mut self) -> StopToken {
        self.listener.stop_token()
    }

    /// The dispatcher's hint is replaced by the kinds the bot handles (`updates::allowed`).
    fn hint_allowed_updates(&mut self, _hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.listener.hint_allowed_updates(&mut super::updates::allowed().into_iter());
    }
}

impl<'a, L> AsUpdateStream<'a> for Admitted<L>
where
    L: AsUpdateStream<'a> + 'a,
    L::StreamErr: Send + 'a,
{
    type StreamErr = L::StreamErr;
    type Stream = BoxStream<'a, Result<Update, L::StreamErr>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let admission = self.admission.clone();
        self.listener
            .as_stream()
            .filter(move |update| futures::future::ready(update.as_ref().map_or(true, |u| admission.admit(u))))
            .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(id: i32, chat: i64, user: i64, text: &str) -> Update {
        let kind =
            if chat > 0 { r#""type": "private", "first_name": "A""# } else { r#""type": "group", "title": "G""# };
        let json = format!(
            r#"{{"update_id": {id}, "message": {{"message_id": {id}, "date": 0, "text": "{text}",
                "chat": {{"id": {chat}, {kind}}}, "from": {{"id": {user}, "is_bot": false, "first_name": "A"}}}}}}"#
        );
        let update: Update = serde_json::from_str(&json).expect("a valid update");
        assert!(matches!(update.kind, UpdateKind::Message(_)), "{json}");
        update
    }

    #[test]
    fn a_flood_is_cut_at_the_door_with_one_warning() {
        let admission = Admission::new("bot", 1);
        let admitted: Vec<Update> =
            (0..100).map(|i| update(i, 7, 7, "/country China")).filter(|u| admission.admit(u)).collect();
        assert_eq!(admitted.len(), 6, "a burst of five and the one to warn");
        let UpdateKind::Message(last) = &admitted[5].kind else { panic!("a message") };
        assert!(admission.must_warn(last));
        assert!(!admission.must_warn(last), "warned once");
        assert!(admission.admit(&update(200, 8, 8, "/country India")), "another user is let in");
    }

    #[test]
    fn a_chat_holds_a_bounded_number_of_places_and_frees_them_when_handled() {
        let admission = Admission::new("bot", 1);
        // Many people in one chat, each within their own budget.
        let updates: Vec<Update> = (0..100).map(|i| update(i, 9, 1_000 + i64::from(i), "/top")).collect();
        let places: Vec<Waiting> =
            updates.iter().filter(|u| admission.admit(u)).map(|u| admission.waiting(u)).collect();
        assert_eq!(places.len(), WAITING_PER_CHAT as usize);
        assert!(!admission.admit(&updates[99]));
        drop(places);
        assert!(admission.admit(&update(300, 9, 5_000, "/top")), "handled updates give their places back");
    }

    #[test]
    fn chatter_the_bot_ignores_costs_no_budget() {
        let admission = Admission::new("bot", 1);
        let group = |id: i32, text: &str| update(id, -5, 5, text);
        for i in 0..20 {
            let u = group(i, "just chatting");
            assert!(admission.admit(&u));
            drop(admission.waiting(&u));
        }
        assert!(admission.admit(&group(50, "/top")), "the first command is answered");
    }
}
