//! The general reply path of the handlers: a reply goes to the chat (and forum topic) of the message it
//! answers, through the one delivery path, ahead of digest traffic.

use std::sync::Arc;

use teloxide::types::Message;

use super::{Services, delivery::Target, limiter::Priority};
use crate::reply::Reply;

/// Sends `reply` in answer to `msg`, unless it is empty; a failure is logged (delivery has retried).
pub async fn send(services: &Services, msg: &Message, reply: &Reply) {
    let Some(target) = target_of(msg, reply) else { return };
    if let Err(e) = services.delivery.send_reply(target, reply, Priority::Interactive).await {
        log::warn!("reply to chat {} not delivered: {e}", target.chat_id);
    }
}

/// Sends an answer the answer cache may share (rendered once while the cache keeps it), as [`send`].
pub async fn send_answer(services: &Services, msg: &Message, reply: &Arc<Reply>) {
    let Some(target) = target_of(msg, reply) else { return };
    if let Err(e) = services.delivery.send_answer(target, reply, Priority::Interactive).await {
        log::warn!("reply to chat {} not delivered: {e}", target.chat_id);
    }
}

/// Where a reply to `msg` goes, or `None` when the reply is empty (nothing is sent).
fn target_of(msg: &Message, reply: &Reply) -> Option<Target> {
    (!reply.blocks.is_empty() || reply.poll.is_some()).then(|| Target::of(msg))
}
