//! Quiz rounds: N questions one after another, each sent when the previous poll closes, then the results.
//!
//! [`advance`] is a one-shot step for a worker loop: it hands out what is due at `now`, so a test drives
//! it with a fixed clock. The round lives in the database and survives a restart.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::{Question, QuizError, QuizNotice, next_question};
use crate::{
    db::{
        engine::Places,
        quiz::ts,
        store::quiz::{NewRound, RoundAnswer, RoundRow},
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
    db: &impl Places,
    chat: ChatId,
    n: u32,
    topic: Option<&str>,
    started_by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<RoundStep, QuizError> {
    if !(1..=MAX_ROUND).contains(&n) {
        return Err(QuizError::User(QuizNotice::RoundSize));
    }
    let shared = db.shared();
    if crate::db::quiz::questions::pool_for(db.index(), chat.0, topic).await?.is_empty() {
        return Err(no_questions(topic));
    }
    let (until, started_at) = (ts(now + SEND_LEASE), ts(now));
    let round = NewRound {
        chat_id: chat.0,
        topic,
        total: i64::from(n),
        started_by: started_by.map(|u| u.0),
        now: &started_at,
        awaiting_until: &until,
    };
    let Some(round_id) = shared.create_round(&round).await? else {
        return Err(QuizError::User(QuizNotice::RoundRunning));
    };
    match next_question(db, chat, topic).await? {
        Some(question) => Ok(RoundStep::Ask { round_id, chat, number: 1, total: n, question }),
        None => {
            shared.end_round(round_id, "finished", &ts(now)).await?;
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
pub async fn advance(db: &impl Places, now: DateTime<Utc>) -> Result<Vec<RoundStep>, QuizError> {
    let mut steps = Vec::new();
    let shared = db.shared();
    for round in shared.due_rounds(&ts(now)).await? {
        if !shared.claim_round(round.id, &ts(now), &ts(now + SEND_LEASE)).await? {
            continue;
        }
        let chat = ChatId(round.chat_id);
        let question =
            if round.asked < round.total { next_question(db, chat, round.topic.as_deref()).await? } else { None };
        match question {
            Some(question) => steps.push(RoundStep::Ask {
                round_id: round.id,
                chat,
                number: u32::try_from(round.asked + 1).unwrap_or(MAX_ROUND),
                total: u32::try_from(round.total).unwrap_or(MAX_ROUND),
                question,
            }),
            None => {
                shared.end_round(round.id, "finished", &ts(now)).await?;
                let lang = shared.chat(chat.0).await?.map(|row| row.lang()).unwrap_or_default();
                let results = results(db, round.id, lang).await?;
                steps.push(RoundStep::Finished { round_id: round.id, chat, results });
            }
        }
    }
    Ok(steps)
}

/// Stops the chat's running round: its open polls stop counting and the results so far are returned,
/// in `lang`.
pub async fn stop_round(
    db: &impl Places,
    chat: ChatId,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<StopOutcome, QuizError> {
    let shared = db.shared();
    let Some(round) = shared.running_round(chat.0).await? else {
        return Err(QuizError::User(QuizNotice::NoRound));
    };
    let open = shared.stop_open_polls(chat.0, Some(round.id), &ts(now)).await?;
    shared.end_round(round.id, "stopped", &ts(now)).await?;
    Ok(StopOutcome {
        results: results(db, round.id, lang).await?,
        open_messages: open.iter().filter_map(|p| p.message_id).collect(),
    })
}

/// A round's results in `lang`: each player's score with a mark per question, and the winner.
pub async fn results(db: &impl Places, round_id: i64, lang: Lang) -> Result<Reply, QuizError> {
    let shared = db.shared();
    let Some(round) = shared.round(round_id).await? else {
        return Err(QuizError::User(QuizNotice::UnknownRound));
    };
    let answers = shared.round_answers(round_id).await?;
    Ok(render_results(&round, &answers, lang))
}

struct PlayerScore {
    user_id: i64,
    name: String,
    correct: usize,
    first_at: String,
    marks: BTreeMap<i64, bool>,
}

fn render_results(round: &RoundRow, answers: &[RoundAnswer], lang: Lang) -> Reply {
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
