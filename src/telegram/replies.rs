//! The general reply path of the handlers: a reply goes to the chat (and forum topic) of the message it
//! answers, through the one delivery path, ahead of digest traffic.

use std::sync::Arc;

use teloxide::types::Message;

use super::{Services, delivery::Target, limiter::Priority};
use crate::reply::Reply;

/// Sends `reply` in answer to `msg`, unless it is empty; a failure is logged (delivery has retried).
pub async fn send(services: &Services, msg: &Message, reply: &Reply) {
    if reply.blocks.is_empty() && reply.poll.is_none() {
        return;
    }
    let target = Target { chat_id: msg.chat.id.0, thread_id: msg.thread_id.map(|t| t.0.0) };
    if let Err(e) = services.delivery.send_reply(target, reply, Priority::Interactive).await {
        log::warn!("reply to chat {} not delivered: {e}", target.chat_id);
    }
}

/// Sends an answer the answer cache may share (rendered once while the cache keeps it), as [`send`].
pub async fn send_answer(services: &Services, msg: &Message, reply: &Arc<Reply>) {
    if reply.blocks.is_empty() && reply.poll.is_none() {
        return;
    }
    let target = Target { chat_id: msg.chat.id.0, thread_id: msg.thread_id.map(|t| t.0.0) };
    if let Err(e) = services.delivery.send_answer(target, reply, Priority::Interactive).await {
        log::warn!("reply to chat {} not delivered: {e}", target.chat_id);
    }
}
