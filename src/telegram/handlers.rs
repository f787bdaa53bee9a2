//! Message handling: commands everywhere, free text in private chats or when the bot is addressed.

use std::sync::Arc;

use teloxide::types::{Message, MessageEntityKind};

use super::{Services, digest_handlers, feed_handlers, owner, quiz_handlers, replies};
use crate::{
    answer::Request,
    commands::{self, Command, CommandOutcome},
    i18n::Lang,
    reply::Reply,
};

/// What a message asks of the bot, if anything.
#[derive(Debug, PartialEq)]
pub enum Intent {
    Command(Command),
    Question(String),
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
            CommandOutcome::Command(command) => Intent::Command(command),
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
            return Intent::Command(Command::Start(String::new()));
        }
        return Intent::Question(question);
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
    if let Some(reply) = owner::handle_document(&services, &msg).await {
        replies::send(&services, &msg, &reply).await;
        return Ok(());
    }
    if let Some(reply) = feed_handlers::handle_link(&services, &msg).await {
        replies::send(&services, &msg, &reply).await;
        return Ok(());
    }
    let intent = intent(&msg, &services.username, services.bot_id);
    if intent == Intent::Ignore {
        return Ok(());
    }
    let lang = super::lang::of_message(&services, &msg).await;
    // A flood's excess never got this far (see `admission`); its one polite warning did.
    if services.admission.must_warn(&msg) {
        replies::send(&services, &msg, &Reply::text(lang.t("slow-down"))).await;
        return Ok(());
    }
    let reply = match intent {
        Intent::Ignore => return Ok(()),
        Intent::UnknownCommand(name) => {
            Arc::new(Reply::text(lang.tr("unknown-command", &[crate::i18n::arg("name", name)])))
        }
        Intent::Question(question) => {
            commands::shared_answer_or_apologise(&services.dossier, &Request::Question(question), lang).await
        }
        Intent::Command(command) => handle_command(&services, &msg, command, lang).await,
    };
    replies::send_answer(&services, &msg, &reply).await;
    Ok(())
}

/// The reply to a command: the adapter's own commands first, then the core's answer (shared with the
/// answer cache).
async fn handle_command(services: &Services, msg: &Message, command: Command, lang: Lang) -> Arc<Reply> {
    if let Some(reply) = handle_adapter_command(services, msg, &command, lang).await {
        return Arc::new(reply);
    }
    match command.to_request() {
        Some(request) => commands::shared_answer_or_apologise(&services.dossier, &request, lang).await,
        None => Arc::new(commands::help_reply(lang)),
    }
}

/// The reply to a command the adapter answers itself (languages, digests, quizzes, stats, feeds), if it is one.
async fn handle_adapter_command(services: &Services, msg: &Message, command: &Command, lang: Lang) -> Option<Reply> {
    if let Command::Lang(arg) = command {
        return Some(super::lang::handle_lang(services, msg, arg, lang).await);
    }
    if matches!(command, Command::Start(_) | Command::Resume) {
        // Writing to the bot again proves the chat is reachable: held digests may flow again.
        if let Err(e) = services.dossier.store.mark_reachable(msg.chat.id.0).await {
            log::error!("marking chat {} reachable: {e:#}", msg.chat.id);
        }
    }
    if let Some(reply) = digest_handlers::handle(services, msg, command, lang).await {
        return Some(reply);
    }
    if let Some(reply) = quiz_handlers::handle(services, msg, command, lang).await {
        return Some(reply);
    }
    if *command == Command::Stats {
        return Some(owner::stats(services, msg, lang).await);
    }
    feed_handlers::handle(services, msg, command, lang).await
}
