//! Quizzes in Telegram: `/quiz`, `/quizstop`, `/top`, `/quizschedule`, poll answers, and the rounds and
//! schedules the background jobs move on.

use std::sync::Arc;

use chrono::Utc;
use teloxide::{prelude::*, types::MaybeAnonymousUser};

use super::{Services, Target, admin, limiter::Priority};
use crate::{
    commands::Command,
    i18n::Lang,
    quiz::{self, NewPoll, QuizCommand, QuizError, RoundStep, ScheduleCommand},
    reply::{ChatId as CoreChatId, ChatKind, ChatRef, Reply, UserId as CoreUserId},
};

/// Rounds started by a schedule have this many questions.
const SCHEDULED_ROUND: u32 = 5;

/// Answers a quiz command; `None` for commands that are not about quizzes.
pub async fn handle(services: &Services, msg: &Message, command: &Command, lang: Lang) -> Option<Reply> {
    let parsed = match command {
        Command::Quiz(args) => QuizCommand::quiz(args),
        Command::Quizstop => Ok(QuizCommand::Stop),
        Command::Top => Ok(QuizCommand::Top),
        Command::Quizschedule(args) => return Some(schedule(services, msg, args, lang).await),
        _ => return None,
    };
    let chat = admin::chat_ref(msg);
    let result = match parsed {
        Err(e) => Err(e),
        Ok(command) => {
            if command.needs_admin() && !matches!(admin::is_admin(services, msg, lang).await, Ok(true)) {
                return Some(Reply::text(lang.t("quiz-admin-long")));
            }
            run(services, msg, &chat, command, lang).await
        }
    };
    Some(match result {
        Ok(reply) => reply,
        Err(QuizError::User(notice)) => Reply::text(notice.text(lang)),
        Err(QuizError::Unexpected(e)) => {
            log::error!("a quiz command in chat {} failed: {e:#}", chat.id);
            Reply::text(lang.t("sorry"))
        }
    })
}

async fn run(
    services: &Services,
    msg: &Message,
    chat: &ChatRef,
    command: QuizCommand,
    lang: Lang,
) -> Result<Reply, QuizError> {
    let pool = &services.dossier;
    let now = Utc::now();
    let caller = msg.from.as_ref().map(|u| CoreUserId(u.id.0 as i64));
    match command {
        QuizCommand::Quiz { count, topic } => {
            let topic = topic.map(|t| quiz::resolve_topic(&services.dossier.knowledge, &t)).transpose()?;
            pool.store.ensure_chat(chat.id, chat.kind.as_str(), chat.title.as_deref()).await?;
            let step =
                quiz::start_round(pool, CoreChatId(chat.id), count.unwrap_or(1), topic.as_deref(), caller, now).await?;
            perform(services, step, chat.thread_id).await;
            Ok(Reply::default())
        }
        QuizCommand::Stop => {
            let stopped = quiz::stop_round(pool, CoreChatId(chat.id), now, lang).await?;
            for message_id in stopped.open_messages {
                let id = teloxide::types::MessageId(i32::try_from(message_id).unwrap_or_default());
                if let Err(e) = services.delivery.bot.stop_poll(ChatId(chat.id), id).await {
                    log::info!("stopping a poll in chat {}: {e}", chat.id);
                }
            }
            Ok(stopped.results)
        }
        QuizCommand::Top => quiz::leaderboard(pool, CoreChatId(chat.id), caller, now, lang).await,
        QuizCommand::Schedule(_) | QuizCommand::Answer(_) => Ok(Reply::text(lang.t("quiz-answer-terminal"))),
    }
}

/// `/quizschedule daily HH:MM [TOPIC]` or `off`, for this chat or `@channel` from a private chat.
async fn schedule(services: &Services, msg: &Message, args: &str, lang: Lang) -> Reply {
    let args = args.trim();
    let (chat, rest) = match args.split_once(char::is_whitespace) {
        Some((handle, rest)) if handle.starts_with('@') && msg.chat.is_private() => {
            match admin::channel(services, msg, handle, lang).await {
                Ok(chat) => (chat, rest.trim()),
                Err(reply) => return reply,
            }
        }
        _ => {
            match admin::is_admin(services, msg, lang).await {
                Ok(true) => {}
                Ok(false) => return Reply::text(lang.t("quiz-admin-schedule")),
                Err(reply) => return reply,
            }
            (admin::chat_ref(msg), args)
        }
    };
    let pool = &services.dossier;
    let result = async {
        pool.store.ensure_chat(chat.id, chat.kind.as_str(), chat.title.as_deref()).await?;
        match QuizCommand::schedule(rest)? {
            QuizCommand::Schedule(ScheduleCommand::Daily { time, topic }) => {
                let topic = topic.map(|t| quiz::resolve_topic(&services.dossier.knowledge, &t)).transpose()?;
                quiz::set_schedule(pool, CoreChatId(chat.id), time, topic.as_deref(), Utc::now(), lang).await
            }
            _ => quiz::clear_schedule(pool, CoreChatId(chat.id), lang).await,
        }
    }
    .await;
    match result {
        Ok(reply) => reply,
        Err(QuizError::User(notice)) => Reply::text(notice.text(lang)),
        Err(QuizError::Unexpected(e)) => {
            log::error!("scheduling a quiz in chat {}: {e:#}", chat.id);
            Reply::text(lang.t("sorry"))
        }
    }
}

/// Carries out a round step: sends the question as a poll and records it, or posts the results. A channel
/// poll's explanation is in the chat's stored language.
pub async fn perform(services: &Services, step: RoundStep, thread_id: Option<i32>) {
    match step {
        RoundStep::Ask { round_id, chat, number, total, question } => {
            let row = services.dossier.store.chat(chat.0).await.ok().flatten();
            let anonymous = row.as_ref().is_some_and(|r| r.kind == ChatKind::Channel.as_str());
            let open_period = row.as_ref().map_or(30, |r| u32::try_from(r.quiz_open_period).unwrap_or(30));
            let lang = row.as_ref().map(|r| r.lang()).unwrap_or_default();
            let mut poll = quiz::to_poll(&question, open_period, anonymous, Some(&services.username), lang);
            if total > 1 {
                poll.question = prefix_number(&poll.question, number, total);
            }
            let target = Target { chat_id: chat.0, thread_id };
            let sent_at = Utc::now();
            match services.delivery.send_poll(target, &poll, Priority::Interactive).await {
                Ok((chat_id, message_id, poll_id)) => {
                    let record = NewPoll {
                        poll_id,
                        chat: CoreChatId(chat_id),
                        message_id: Some(i64::from(message_id)),
                        question_id: question.id,
                        correct: poll.correct_option,
                        round_id: Some(round_id),
                        sent_at,
                        closes_at: sent_at + chrono::Duration::seconds(i64::from(poll.open_period_secs)),
                    };
                    if let Err(e) = quiz::record_poll(&services.dossier, &record).await {
                        log::error!("recording a quiz poll in chat {chat_id}: {e}");
                    }
                }
                Err(e) => log::warn!("quiz poll to chat {} not sent: {e}", chat.0),
            }
        }
        RoundStep::Finished { chat, results, .. } => {
            let target = Target { chat_id: chat.0, thread_id };
            if let Err(e) = services.delivery.send_reply(target, &results, Priority::Interactive).await {
                log::warn!("quiz results to chat {} not sent: {e}", chat.0);
            }
        }
    }
}

/// "(2/5) Question…", kept within Telegram's 300 characters.
fn prefix_number(question: &str, number: u32, total: u32) -> String {
    let prefixed = format!("({number}/{total}) {question}");
    if prefixed.chars().count() <= 300 { prefixed } else { question.to_owned() }
}

/// A poll answer: scored once per person, ignored after the poll closed.
pub async fn handle_poll_answer(answer: PollAnswer, services: Arc<Services>) -> anyhow::Result<()> {
    let MaybeAnonymousUser::User(user) = &answer.voter else { return Ok(()) };
    let name = user.username.as_ref().map_or_else(|| user.full_name(), |u| format!("@{u}"));
    let options: Vec<usize> = answer.option_ids.iter().map(|o| usize::from(*o)).collect();
    let outcome = quiz::record_answer(
        &services.dossier,
        &answer.poll_id.to_string(),
        CoreUserId(user.id.0 as i64),
        &name,
        &options,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(outcome @ quiz::AnswerOutcome::Counted { poll_closed: true, .. }) => {
            // A private chat's one answerer has answered: the round goes on (or ends) now, not when the poll's
            // time runs out.
            log::debug!("poll answer from {}: {outcome:?}", user.id);
            tick_rounds(&services, Utc::now()).await;
        }
        Ok(outcome) => log::debug!("poll answer from {}: {outcome:?}", user.id),
        Err(e) => log::error!("scoring a poll answer: {e}"),
    }
    Ok(())
}

/// "❓ Quiz me on …" under a card: one question on the entity's main topic (the pool is kept by topic).
pub async fn quiz_button(services: &Services, message: &Message, key: &str, lang: Lang) -> String {
    let chat = admin::chat_ref(message);
    let topic = match crate::db::facts::topics_of_entity(&services.dossier.pool, key).await {
        Ok(topics) => topics.into_iter().next(),
        Err(e) => {
            log::error!("{e:#}");
            None
        }
    };
    if let Err(e) = services.dossier.store.ensure_chat(chat.id, chat.kind.as_str(), chat.title.as_deref()).await {
        log::error!("{e:#}");
    }
    match quiz::start_round(&services.dossier, CoreChatId(chat.id), 1, topic.as_deref(), None, Utc::now()).await {
        Ok(step) => {
            perform(services, step, chat.thread_id).await;
            String::new()
        }
        Err(QuizError::User(notice)) => notice.text(lang),
        Err(QuizError::Unexpected(e)) => {
            log::error!("a quiz from a button in chat {}: {e:#}", chat.id);
            lang.t("button-sorry")
        }
    }
}

/// Rounds whose poll closed move on: their next question, or their results.
async fn tick_rounds(services: &Services, now: chrono::DateTime<Utc>) {
    match quiz::advance(&services.dossier, now).await {
        Ok(steps) => {
            for step in steps {
                perform(services, step, None).await;
            }
        }
        Err(e) => log::error!("advancing quiz rounds: {e}"),
    }
}

/// One background pass: rounds whose poll closed move on; on the scheduler's leader, scheduled quizzes
/// that are due start.
pub async fn tick(services: &Services, now: chrono::DateTime<Utc>) {
    tick_rounds(services, now).await;
    if !services.leads_scheduler() {
        return; // the leader starts scheduled quizzes
    }
    match quiz::due_scheduled(&services.dossier, now).await {
        Ok(due) => {
            for scheduled in due {
                match quiz::start_round(
                    &services.dossier,
                    scheduled.chat,
                    SCHEDULED_ROUND,
                    scheduled.topic.as_deref(),
                    None,
                    now,
                )
                .await
                {
                    Ok(step) => perform(services, step, None).await,
                    Err(e) => log::info!("scheduled quiz in chat {}: {e}", scheduled.chat.0),
                }
            }
        }
        Err(e) => log::error!("starting scheduled quizzes: {e}"),
    }
}
