//! What each command does in the terminal: the same core as Telegram, for one local "chat".

use chrono::Utc;

use crate::{
    answer::{AnswerError, Dossier, Request},
    commands::{self, Command, CommandOutcome},
    digest,
    digest::{DigestNow, settings},
    i18n::Lang,
    quiz::{self, QuizCommand, QuizError},
    reply::{ChatId, ChatRef, Reply, UserId},
};

/// The name commands may be addressed to in the terminal (`/country@dossier India`).
const CONSOLE_BOT_NAME: &str = "dossier";
/// The terminal is one private chat, and one person in it.
const CONSOLE_CHAT: i64 = 0;
/// The terminal speaks English (`/lang` is for Telegram chats).
const LANG: Lang = Lang::En;

pub async fn reply_to(dossier: &Dossier, line: &str) -> Reply {
    let line = line.trim();
    if !line.starts_with('/') {
        return commands::answer_or_apologise(dossier, &Request::Question(line.to_owned()), LANG).await;
    }
    let command = match commands::parse(line, CONSOLE_BOT_NAME) {
        CommandOutcome::Command(command) => command,
        CommandOutcome::ForAnotherBot | CommandOutcome::Unknown(_) => {
            return Reply::text(LANG.t("console-unknown-command"));
        }
    };
    match command {
        Command::Quiz(_) | Command::Answer(_) | Command::Top | Command::Quizstop | Command::Quizschedule(_) => {
            quiz_reply(dossier, &command).await.unwrap_or_else(|e| match e {
                QuizError::User(notice) => Reply::text(notice.text(LANG)),
                QuizError::Unexpected(e) => apologise(e),
            })
        }
        Command::Stats => Reply::text(LANG.t("console-stats")),
        Command::Lang(_) => Reply::text(LANG.t("console-lang")),
        other => match digest_reply(dossier, &other).await {
            Some(Ok(reply)) => reply,
            Some(Err(AnswerError::User(text))) => Reply::text(text),
            Some(Err(AnswerError::Unexpected(e))) => apologise(e),
            None => match other.to_request() {
                Some(request) => commands::answer_or_apologise(dossier, &request, LANG).await,
                None => commands::help_reply(LANG),
            },
        },
    }
}

fn apologise(e: anyhow::Error) -> Reply {
    log::error!("a console command failed: {e:#}");
    Reply::text(LANG.t("sorry"))
}

async fn quiz_reply(dossier: &Dossier, command: &Command) -> Result<Reply, QuizError> {
    let (pool, session, now) = (dossier, ChatId(CONSOLE_CHAT), Utc::now());
    let parsed = match command {
        Command::Quiz(args) => QuizCommand::quiz(args)?,
        Command::Answer(args) => QuizCommand::answer(args)?,
        Command::Top => QuizCommand::Top,
        _ => {
            return Ok(Reply::text(LANG.t("console-quiz-only")));
        }
    };
    match parsed {
        QuizCommand::Quiz { topic, .. } => {
            let topic = topic.map(|t| quiz::resolve_topic(&dossier.knowledge, &t)).transpose()?;
            quiz::console::ask(pool, session, topic.as_deref(), now, LANG).await
        }
        QuizCommand::Answer(choice) => {
            quiz::console::answer(pool, session, UserId(CONSOLE_CHAT), "you", choice, now, LANG).await
        }
        _ => quiz::leaderboard(pool, session, Some(UserId(CONSOLE_CHAT)), now, LANG).await,
    }
}

/// Digest commands for the terminal's chat; `/digest` prints the digest and records it as received.
async fn digest_reply(dossier: &Dossier, command: &Command) -> Option<Result<Reply, AnswerError>> {
    let chat = ChatRef::private(CONSOLE_CHAT);
    Some(match command {
        Command::Subscribe(arg) if arg.trim().is_empty() => digest::keyboard(dossier, &chat).await,
        Command::Subscribe(arg) => digest::subscribe(dossier, &chat, arg).await,
        Command::Unsubscribe(arg) => digest::unsubscribe(dossier, &chat, arg).await,
        Command::Subscriptions(_) => digest::subscriptions(dossier, &chat).await,
        Command::Settings(arg) => match settings::parse(arg) {
            Ok(None) => digest::show_settings(dossier, &chat).await,
            Ok(Some(change)) => digest::update_settings(dossier, &chat, change).await,
            Err(error) => Err(AnswerError::User(error.text(LANG))),
        },
        Command::Pause => digest::pause(dossier, &chat).await,
        Command::Resume => digest::resume(dossier, &chat).await,
        Command::Digest => {
            let now = Utc::now();
            match digest::digest_now(dossier, &chat, 5, now, chrono::Duration::zero()).await {
                Ok(DigestNow::Ready { outbox_id, reply }) => {
                    let stamp = digest::scheduler::stamp(now);
                    dossier
                        .store
                        .mark_digests_sent(&[(outbox_id, CONSOLE_CHAT)], &stamp)
                        .await
                        .map(|()| reply)
                        .map_err(Into::into)
                }
                Ok(DigestNow::Nothing(reply)) => Ok(reply),
                Err(e) => Err(e),
            }
        }
        _ => return None,
    })
}
