//! The one delivery path: every message the bot sends goes through here, under the rate limits, with
//! `RetryAfter` waited out, 5xx and network errors retried with backoff, moved chats followed and dead
//! chats reported.

use std::{future::Future, sync::Arc, time::Duration};

use teloxide::{
    ApiError, RequestError,
    payloads::SendMessage,
    prelude::*,
    types::{InputPollOption, MessageId, ParseMode, PollType, ThreadId},
};

use super::{
    lean_send,
    limiter::{Limits, Priority},
    markup, metrics,
    rendered::RenderedReplies,
};
use crate::{
    db::store::SharedDatabase,
    render,
    reply::{QuizPoll, Reply},
};

/// Attempts per message before giving up on a transient error.
const MAX_ATTEMPTS: u32 = 6;

/// Where a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub chat_id: i64,
    /// Forum topic thread, if any.
    pub thread_id: Option<i32>,
}

impl Target {
    pub fn chat(chat_id: i64) -> Self {
        Target { chat_id, thread_id: None }
    }

    /// The chat and forum topic of `message`: where an answer to it goes.
    pub fn of(message: &Message) -> Self {
        Target { chat_id: message.chat.id.0, thread_id: message.thread_id.map(|t| t.0.0) }
    }
}

/// What was sent: the chat it finally went to (after any migration) and the message ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub chat_id: i64,
    pub message_ids: Vec<i32>,
}

/// A reply rendered for Telegram: its HTML messages and the buttons under the last one.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pages: Vec<String>,
    pub keyboard: Option<teloxide::types::InlineKeyboardMarkup>,
}

/// Why a message did not go out.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Blocked, kicked, deactivated or not found: the chat is marked unreachable.
    #[error("chat {chat_id} is unreachable: {reason}")]
    ChatGone { chat_id: i64, reason: String },
    /// Telegram refused the message or kept failing.
    #[error("sending to chat {chat_id} failed: {source}")]
    Failed { chat_id: i64, source: RequestError },
    /// A stored message could not be read back (a bug, not a Telegram problem).
    #[error("stored message {id} is unreadable")]
    Unreadable { id: i64 },
}

/// Sends through one bot, one set of limits and one database.
#[derive(Clone)]
pub struct Delivery {
    pub bot: Bot,
    /// The bot's @username, for deep links.
    pub username: String,
    limits: Arc<Limits>,
    store: SharedDatabase,
    rendered: Arc<RenderedReplies>,
}

impl Delivery {
    pub fn new(bot: Bot, username: String, store: SharedDatabase, global_rate: u32) -> Self {
        let (limits, rendered) = (Arc::new(Limits::telegram(global_rate)), Arc::default());
        Delivery { bot, username, limits, store, rendered }
    }

    /// Lets the limiter forget chats that have been quiet.
    pub fn shrink_limits(&self) {
        self.limits.shrink();
    }

    /// Sends a reply as HTML messages (split to fit), buttons under the last one.
    pub async fn send_reply(&self, target: Target, reply: &Reply, priority: Priority) -> Result<Sent, DeliveryError> {
        self.send_rendered(target, &self.render(reply), priority).await
    }

    /// Sends a reply the answer cache may share: rendered once for as long as the cache keeps it.
    pub async fn send_answer(
        &self,
        target: Target,
        reply: &Arc<Reply>,
        priority: Priority,
    ) -> Result<Sent, DeliveryError> {
        let rendered = self.rendered.get_or_render(reply, |reply| self.render(reply));
        self.send_rendered(target, &rendered, priority).await
    }

    /// A reply as the messages that carry it (the same for every chat: a fan-out renders once).
    pub fn render(&self, reply: &Reply) -> Rendered {
        let reply = render::links::resolve(reply, &self.username);
        let keyboard = (!reply.keyboard.is_empty()).then(|| markup::keyboard(&reply.keyboard));
        Rendered { pages: render::html::render(&reply), keyboard }
    }

    /// Sends rendered messages, buttons under the last one.
    pub async fn send_rendered(
        &self,
        target: Target,
        rendered: &Rendered,
        priority: Priority,
    ) -> Result<Sent, DeliveryError> {
        let mut target = target;
        let pages = &rendered.pages;
        let mut message_ids = Vec::with_capacity(pages.len());
        let last = pages.len().saturating_sub(1);
        for (i, page) in pages.iter().enumerate() {
            let keyboard = rendered.keyboard.as_ref().filter(|_| i == last);
            let message = self
                .call(&mut target, priority, |chat, thread| {
                    let mut message = SendMessage::new(ChatId(chat), page.clone())
                        .parse_mode(ParseMode::Html)
                        .link_preview_options(markup::no_link_preview());
                    if let Some(thread) = thread {
                        message = message.message_thread_id(thread);
                    }
                    if let Some(keyboard) = keyboard {
                        message = message.reply_markup(keyboard.clone());
                    }
                    lean_send::request(&self.bot, message).send()
                })
                .await?;
            message_ids.push(message.message_id);
        }
        metrics::reply_sent(priority);
        Ok(Sent { chat_id: target.chat_id, message_ids })
    }

    /// Sends a native quiz poll; returns the chat it went to, the message id and the poll id.
    pub async fn send_poll(
        &self,
        target: Target,
        poll: &QuizPoll,
        priority: Priority,
    ) -> Result<(i64, i32, String), DeliveryError> {
        let mut target = target;
        let correct = u8::try_from(poll.correct_option).unwrap_or(0);
        let open_period = u16::try_from(poll.open_period_secs).unwrap_or(30);
        let message = self
            .call(&mut target, priority, |chat, thread| {
                let options = poll.options.iter().map(|o| InputPollOption::new(o.clone()));
                let mut request = self
                    .bot
                    .send_poll(ChatId(chat), poll.question.clone(), options)
                    .type_(PollType::Quiz)
                    .correct_option_id(correct)
                    .explanation(poll.explanation.clone())
                    .open_period(open_period)
                    .is_anonymous(poll.anonymous);
                if let Some(thread) = thread {
                    request = request.message_thread_id(thread);
                }
                request.send()
            })
            .await?;
        let poll_id = message.poll().map(|p| p.id.to_string()).unwrap_or_default();
        metrics::reply_sent(priority);
        Ok((target.chat_id, message.id.0, poll_id))
    }

    /// Runs one Bot API call for `target` under the limits, handling Telegram's errors.
    pub async fn call<T, F, Fut>(&self, target: &mut Target, priority: Priority, make: F) -> Result<T, DeliveryError>
    where
        F: Fn(i64, Option<ThreadId>) -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.limits.acquire(target.chat_id, priority).await;
            let thread = target.thread_id.map(|id| ThreadId(MessageId(id)));
            let error = match make(target.chat_id, thread).await {
                Ok(value) => {
                    metrics::message_sent(priority);
                    return Ok(value);
                }
                Err(error) => error,
            };
            let next = classify(&error);
            metrics::send_error_of(&next);
            match next {
                Next::Wait(wait) => {
                    log::warn!("Telegram asked to wait {wait:?} before sending to chat {}", target.chat_id);
                    tokio::time::sleep(wait).await;
                }
                Next::MoveTo(new_id) => {
                    self.store
                        .migrate_chat(target.chat_id, new_id)
                        .await
                        .map_err(|e| log::error!("recording the move of chat {} to {new_id}: {e:#}", target.chat_id))
                        .ok();
                    target.chat_id = new_id;
                }
                Next::Gone(reason) => {
                    log::info!("chat {} is unreachable: {reason}", target.chat_id);
                    if let Err(e) = self.store.mark_unreachable(target.chat_id, &reason).await {
                        log::error!("recording that chat {} is unreachable: {e:#}", target.chat_id);
                    }
                    return Err(DeliveryError::ChatGone { chat_id: target.chat_id, reason });
                }
                Next::Retry if attempt < MAX_ATTEMPTS => {
                    let backoff = Duration::from_millis(200 * 2u64.pow(attempt - 1));
                    log::warn!("sending to chat {} failed ({error}); retrying in {backoff:?}", target.chat_id);
                    tokio::time::sleep(backoff).await;
                }
                Next::Retry | Next::GiveUp => {
                    return Err(DeliveryError::Failed { chat_id: target.chat_id, source: error });
                }
            }
            if attempt >= MAX_ATTEMPTS * 2 {
                return Err(DeliveryError::Failed { chat_id: target.chat_id, source: error });
            }
        }
    }
}

/// What to do after a failed call.
#[derive(Debug, PartialEq)]
pub(super) enum Next {
    Wait(Duration),
    MoveTo(i64),
    Gone(String),
    Retry,
    GiveUp,
}

fn classify(error: &RequestError) -> Next {
    match error {
        RequestError::RetryAfter(seconds) => Next::Wait(seconds.duration()),
        RequestError::MigrateToChatId(new) => Next::MoveTo(new.0),
        RequestError::Api(
            api @ (ApiError::BotBlocked
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::UserDeactivated
            | ApiError::CantInitiateConversation
            | ApiError::ChatNotFound
            | ApiError::GroupDeactivated
            | ApiError::NotEnoughRightsToPostMessages),
        ) => Next::Gone(api.to_string()),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => Next::Retry,
        // teloxide knows only some of Telegram's wordings; any other "Forbidden: …" also means the bot
        // may not post there (e.g. "bot was kicked from the group chat").
        RequestError::Api(ApiError::Unknown(text)) if text.starts_with("Forbidden") => Next::Gone(text.clone()),
        RequestError::Api(ApiError::Unknown(text)) if is_server_error(text) => Next::Retry,
        RequestError::Api(_) => Next::GiveUp,
    }
}

fn is_server_error(description: &str) -> bool {
    let lower = description.to_lowercase();
    ["internal server error", "bad gateway", "gateway", "service unavailable", "timeout", "restart"]
        .iter()
        .any(|s| lower.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::Seconds;

    #[test]
    fn telegram_errors_map_to_the_right_next_step() {
        assert_eq!(classify(&RequestError::RetryAfter(Seconds::from_seconds(3))), Next::Wait(Duration::from_secs(3)));
        assert_eq!(classify(&RequestError::MigrateToChatId(ChatId(-100123))), Next::MoveTo(-100123));
        assert!(matches!(classify(&RequestError::Api(ApiError::BotBlocked)), Next::Gone(_)));
        let kicked = ApiError::Unknown("Forbidden: bot was kicked from the group chat".into());
        assert!(matches!(classify(&RequestError::Api(kicked)), Next::Gone(_)));
        assert_eq!(classify(&RequestError::Api(ApiError::Unknown("Internal Server Error".into()))), Next::Retry);
        assert_eq!(classify(&RequestError::Api(ApiError::MessageIsTooLong)), Next::GiveUp);
    }
}
