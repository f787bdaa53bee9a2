//! Message handling: commands everywhere, free text in private chats or when the bot is addressed.

use std::sync::Arc;

use teloxide::types::{Message, MessageEntityKind};

use super::{Services, delivery::Target, limiter::Priority};
use crate::{
    answer::Request,
    commands::{self, CommandOutcome},
    reply::Reply,
};

/// What a message asks of the bot, if anything.
#[derive(Debug, PartialEq)]
pub enum Intent {
    Request(Request),
    Help,
    UnknownCommand(String),
    Ignore,
}

/// Reads the intent of a message: commands for this bot; free text in private chats, or in groups when
/// the bot is mentioned or replied to.
pub fn intent(msg: &Message, username: &str, bot_id: u64) -> Intent {
    let Some(text) = msg.text() else { return Intent::Ignore };
    let text = text.trim();
    if text.starts_with('/') {
        return match commands::parse(text, username) {
            CommandOutcome::Command(command) => command.to_request().map_or(Intent::Help, Intent::Request),
            CommandOutcome::ForAnotherBot => Intent::Ignore,
            // In groups, commands of other bots are none of our business unless addressed to us.
            CommandOutcome::Unknown(_) if !msg.chat.is_private() && !mentions(msg, username) => Intent::Ignore,
            CommandOutcome::Unknown(name) => Intent::UnknownCommand(name),
        };
    }
    let replied_to_bot = msg.reply_to_message().and_then(|m| m.from.as_ref()).is_some_and(|u| u.id.0 == bot_id);
    if msg.chat.is_private() || replied_to_bot || mentions(msg, username) {
        let question = strip_mention(text, username);
        if question.is_empty() {
            return Intent::Request(Request::Start);
        }
        return Intent::Request(Request::Question(question));
    }
    Intent::Ignore
}

/// Whether the message @-mentions the bot.
fn mentions(msg: &Message, username: &str) -> bool {
    let target = format!("@{username}").to_lowercase();
    msg.parse_entities()
        .unwrap_or_default()
        .iter()
        .any(|e| matches!(e.kind(), MessageEntityKind::Mention) && e.text().to_lowercase() == target)
        || msg.text().is_some_and(|t| t.to_lowercase().contains(&target))
}

fn strip_mention(text: &str, username: &str) -> String {
    let mention = format!("@{username}");
    let lower = text.to_lowercase();
    match lower.find(&mention.to_lowercase()) {
        Some(at) if text.is_char_boundary(at) && text.is_char_boundary(at + mention.len()) => {
            format!("{} {}", &text[..at], &text[at + mention.len()..]).trim().to_owned()
        }
        _ => text.trim().to_owned(),
    }
}

/// Answers a message.
pub async fn handle_message(msg: Message, services: Arc<Services>) -> anyhow::Result<()> {
    let reply = match intent(&msg, &services.username, services.bot_id) {
        Intent::Ignore => return Ok(()),
        Intent::Help => commands::help_reply(),
        Intent::UnknownCommand(name) => Reply::text(format!("I don't know {name}. /help lists the commands I do.")),
        Intent::Request(request) => commands::answer_or_apologise(&services.dossier, &request).await,
    };
    let target = Target { chat_id: msg.chat.id.0, thread_id: msg.thread_id.map(|t| t.0.0) };
    if let Err(e) = services.delivery.send_reply(target, &reply, Priority::Interactive).await {
        log::warn!("reply to chat {} not delivered: {e}", target.chat_id);
    }
    Ok(())
}
