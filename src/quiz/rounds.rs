//! Quiz rounds: N questions one after another, each sent when the previous poll closes, then the results.
//!
//! [`advance`] is a one-shot step for a worker loop: it hands out what is due at `now`, so a test drives
//! it with a fixed clock. The round lives in the database and survives a restart.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::{Question, QuizError, QuizNotice, next_question};
use crate::{
    db::{
        self, Pool,
        quiz::{rounds::RoundRow, ts},
    },
    i18n::{Lang, arg},
    reply::{ChatId, Reply, Span, UserId, bold, text},
};

/// The most questions a round may have.
pub const MAX_ROUND: u32 = 20;
/// How long a handed-out question may wait for its poll to be recorded before it is handed out anew.
pub const SEND_LEASE: Duration = Duration::seconds(60);

/// What the adapter should do next for a round.
#[derive(Debug, Clone, PartialEq)]
pub enum RoundStep {
    /// Send this question as a poll, then call [`record_poll`](super::record_poll) with the round's id.
    Ask { round_id: i64, chat: ChatId, number: u32, total: u32, question: Question },
    /// The round is over: send the results (in the chat's stored language).
    Finished { round_id: i64, chat: ChatId, results: Reply },
}

/// What stopping a round did.
#[derive(Debug, Clone, PartialEq)]
pub struct StopOutcome {
    pub results: Reply,
    /// Messages of polls that were still open, for the adapter to stop.
    pub open_messages: Vec<i64>,
}

/// Starts a round of `n` questions (1..=[`MAX_ROUND`]) on `topic` and hands out its first question.
pub async fn start_round(
    pool: &Pool,
    chat: ChatId,
    n: u32,
    topic: Option<&str>,
    started_by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<RoundStep, QuizError> {
    if !(1..=MAX_ROUND).contains(&n) {
        return Err(QuizError::User(QuizNotice::RoundSize));
    }
    if db::quiz::questions::pool_for(pool, chat.0, topic).await?.is_empty() {
        return Err(no_questions(topic));
    }
    let until = ts(now + SEND_LEASE);
    let Some(round_id) =
        db::quiz::rounds::create(pool, chat.0, topic, i64::from(n), started_by.map(|u| u.0), &ts(now), &until).await?
    else {
        return Err(QuizError::User(QuizNotice::RoundRunning));
    };
    match next_question(pool, chat, topic).await? {
        Some(question) => Ok(RoundStep::Ask { round_id, chat, number: 1, total: n, question }),
        None => {
            db::quiz::rounds::end(pool, round_id, "finished", &ts(now)).await?;
            Err(no_questions(topic))
        }
    }
}

/// The error for an empty question pool, on `topic` or at all.
pub(super) fn no_questions(topic: Option<&str>) -> QuizError {
    QuizError::User(QuizNotice::NoQuestions { topic: topic.map(str::to_owned) })
}

/// Every step due at `now`: the next question of each round whose poll closed, or its results in the
/// chat's stored language.
pub async fn advance(pool: &Pool, now: DateTime<Utc>) -> Result<Vec<RoundStep>, QuizError> {
    let mut steps = Vec::new();
    for round in db::quiz::rounds::due(pool, &ts(now)).await? {
        if !db::quiz::rounds::claim(pool, round.id, &ts(now), &ts(now + SEND_LEASE)).await? {
            continue;
        }
        let chat = ChatId(round.chat_id);
        let question =
            if round.asked < round.total { next_question(pool, chat, round.topic.as_deref()).await? } else { None };
        match question {
            Some(question) => steps.push(RoundStep::Ask {
                round_id: round.id,
                chat,
                number: u32::try_from(round.asked + 1).unwrap_or(MAX_ROUND),
                total: u32::try_from(round.total).unwrap_or(MAX_ROUND),
                question,
            }),
            None => {
                db::quiz::rounds::end(pool, round.id, "finished", &ts(now)).await?;
                let lang = db::chats::get(pool, chat.0).await?.map(|row| row.lang()).unwrap_or_default();
                let results = results(pool, round.id, lang).await?;
                steps.push(RoundStep::Finished { round_id: round.id, chat, results });
            }
        }
    }
    Ok(steps)
}

/// Stops the chat's running round: its open polls stop counting and the results so far are returned,
/// in `lang`.
pub async fn stop_round(pool: &Pool, chat: ChatId, now: DateTime<Utc>, lang: Lang) -> Result<StopOutcome, QuizError> {
    let Some(round) = db::quiz::rounds::running(pool, chat.0).await? else {
        return Err(QuizError::User(QuizNotice::NoRound));
    };
    let open = db::quiz::polls::stop_open(pool, chat.0, Some(round.id), &ts(now)).await?;
    db::quiz::rounds::end(pool, round.id, "stopped", &ts(now)).await?;
    Ok(StopOutcome {
        results: results(pool, round.id, lang).await?,
        open_messages: open.iter().filter_map(|p| p.message_id).collect(),
    })
}

/// A round's results in `lang`: each player's score with a mark per question, and the winner.
pub async fn results(pool: &Pool, round_id: i64, lang: Lang) -> Result<Reply, QuizError> {
    let Some(round) = db::quiz::rounds::get(pool, round_id).await? else {
        return Err(QuizError::User(QuizNotice::UnknownRound));
    };
    let answers = db::quiz::polls::round_answers(pool, round_id).await?;
    Ok(render_results(&round, &answers, lang))
}

struct PlayerScore {
    user_id: i64,
    name: String,
    correct: usize,
    first_at: String,
    marks: BTreeMap<i64, bool>,
}

fn render_results(round: &RoundRow, answers: &[db::quiz::polls::RoundAnswer], lang: Lang) -> Reply {
    let mut players: BTreeMap<i64, PlayerScore> = BTreeMap::new();
    for a in answers {
        let p = players.entry(a.user_id).or_insert_with(|| PlayerScore {
            user_id: a.user_id,
            name: super::scores::display_name(a.name.as_deref(), a.user_id, lang),
            correct: 0,
            first_at: a.answered_at.clone(),
            marks: BTreeMap::new(),
        });
        p.correct += usize::from(a.correct);
        p.first_at = p.first_at.clone().min(a.answered_at.clone());
        p.marks.insert(a.number, a.correct);
    }
    let mut ranked: Vec<PlayerScore> = players.into_values().collect();
    ranked.sort_by(|a, b| b.correct.cmp(&a.correct).then(a.first_at.cmp(&b.first_at)).then(a.user_id.cmp(&b.user_id)));

    let (asked, total) = (arg("asked", round.asked), arg("total", round.total));
    let title = if round.status == "stopped" {
        lang.spans("quiz-stopped", &[asked, total])
    } else {
        lang.spans("quiz-over", &[asked])
    };
    let mut reply = Reply::default().line(title);
    let best = ranked.first().map_or(0, |p| p.correct);
    if ranked.is_empty() || best == 0 {
        let nobody = if ranked.is_empty() { "quiz-nobody-answered" } else { "quiz-nobody-right" };
        reply.push_line(vec![text(lang.t(nobody))]);
        return reply;
    }
    let winners: Vec<&PlayerScore> = ranked.iter().filter(|p| p.correct == best).collect();
    let mut line: Vec<Span> = vec![text(lang.t(if winners.len() > 1 { "quiz-winners" } else { "quiz-winner" }))];
    for (i, w) in winners.iter().enumerate() {
        if i > 0 {
            line.push(text(", "));
        }
        line.push(bold(w.name.clone()));
    }
    line.push(text(lang.tr("quiz-winner-score", &[arg("correct", best), arg("asked", round.asked)])));
    reply.push_line(line);
    reply.push_blank();
    for (i, p) in ranked.iter().enumerate() {
        let marks: String = (1..=round.asked)
            .map(|n| match p.marks.get(&n) {
                Some(true) => '✅',
                Some(false) => '❌',
                None => '▫',
            })
            .collect();
        reply.push_line(vec![
            text(format!("{}. ", i + 1)),
            text(p.name.clone()),
            text(format!(" — {}/{} {marks}", p.correct, round.asked)),
        ]);
    }
    reply
}

#[cfg(test)]
#[path = "rounds_tests.rs"]
mod tests;
