//! Scoring: polls sent, answers counted once (late ones ignored), and each chat's leaderboard.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::QuizError;
use crate::{
    db::{
        engine::Places,
        quiz::{parse_ts, ts},
        store::{
            Database,
            quiz::{NewAnswer, PollRow, Standing},
        },
    },
    i18n::{Lang, arg},
    reply::{ChatId, ChatKind, Reply, Span, UserId, bold, text},
};

/// A poll the adapter sent, to be scored later.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPoll {
    pub poll_id: String,
    pub chat: ChatId,
    /// The message holding the poll (to stop it early); `None` when unknown.
    pub message_id: Option<i64>,
    pub question_id: i64,
    pub correct: usize,
    pub round_id: Option<i64>,
    pub sent_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

/// What an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerOutcome {
    Counted {
        correct: bool,
        /// The poll closed with this answer: in a private chat its one answerer has answered, so its round
        /// may move on at once (see [`advance`](super::advance)).
        poll_closed: bool,
    },
    /// The poll had closed (its time ran out, or it was stopped).
    Late,
    /// This person had already answered this poll (a replayed update).
    Duplicate,
    /// Not a quiz poll of ours.
    UnknownPoll,
    /// An empty choice (a retracted vote): nothing to count.
    Retracted,
}

/// Records a sent poll; recording it again changes nothing.
pub async fn record_poll(db: &impl Places, poll: &NewPoll) -> Result<(), QuizError> {
    db.shared()
        .record_poll(&PollRow {
            poll_id: poll.poll_id.clone(),
            chat_id: poll.chat.0,
            message_id: poll.message_id,
            question_id: poll.question_id,
            correct: i64::try_from(poll.correct).unwrap_or(-1),
            round_id: poll.round_id,
            sent_at: ts(poll.sent_at),
            closes_at: ts(poll.closes_at),
            stopped_at: None,
        })
        .await?;
    Ok(())
}

/// Scores one person's answer to a poll: once per person and poll, and only while the poll is open.
/// `user_name` is stored raw, as the platform sent it.
pub async fn record_answer(
    db: &impl Places,
    poll_id: &str,
    user: UserId,
    user_name: &str,
    option_ids: &[usize],
    now: DateTime<Utc>,
) -> Result<AnswerOutcome, QuizError> {
    let shared = db.shared();
    let Some(poll) = shared.poll(poll_id).await? else { return Ok(AnswerOutcome::UnknownPoll) };
    let Some(&option) = option_ids.first() else { return Ok(AnswerOutcome::Retracted) };
    if shared.has_answered(poll_id, user.0).await? {
        return Ok(AnswerOutcome::Duplicate);
    }
    if poll.stopped_at.is_some() || now >= parse_ts(&poll.closes_at) {
        return Ok(AnswerOutcome::Late);
    }
    let option = i64::try_from(option).unwrap_or(i64::MAX);
    let correct = option == poll.correct;
    // A blank name is stored blank: boards show a stand-in in their own language.
    let name: String = user_name.chars().filter(|c| !c.is_control()).take(64).collect();
    let answered_at = ts(now);
    let answer = NewAnswer { poll_id, user_id: user.0, name: &name, option, correct, now: &answered_at };
    if shared.record_answer(&answer).await? {
        let private = shared.chat(poll.chat_id).await?.is_some_and(|c| c.kind == ChatKind::Private.as_str());
        if private {
            shared.stop_poll(poll_id, &answered_at).await?;
        }
        Ok(AnswerOutcome::Counted { correct, poll_closed: private })
    } else {
        Ok(AnswerOutcome::Duplicate)
    }
}

/// The chat's timezone name from its settings, UTC when it has none.
pub async fn chat_timezone(shared: &dyn Database, chat_id: i64) -> anyhow::Result<String> {
    Ok(shared.chat(chat_id).await?.map_or_else(|| "UTC".into(), |chat| chat.timezone))
}

/// How many places a leaderboard shows.
pub const TOP: i64 = 10;

/// The chat's leaderboard, this week and all time, with the caller's own place when outside the top.
/// The week is the ISO week (from Monday 00:00) in the chat's timezone.
pub async fn leaderboard(
    db: &impl Places,
    chat: ChatId,
    caller: Option<UserId>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Reply, QuizError> {
    let shared = db.shared();
    let timezone: Tz = chat_timezone(&*shared, chat.0).await?.parse().unwrap_or(Tz::UTC);
    let since = ts(week_start(now, timezone));
    let caller_id = caller.map(|c| c.0);
    let week = shared.standings(chat.0, Some(&since), TOP, caller_id).await?;
    let all = shared.standings(chat.0, None, TOP, caller_id).await?;
    if all.is_empty() {
        return Ok(Reply::text(lang.t("quiz-board-empty")));
    }
    let mut reply = Reply::default().line(lang.spans("quiz-board-title", &[]));
    reply.push_blank();
    reply.push_line(lang.spans("quiz-board-week", &[]));
    if week.is_empty() {
        reply.push_line(lang.spans("quiz-board-week-empty", &[]));
    }
    push_table(&mut reply, &week, caller_id, lang);
    reply.push_blank();
    reply.push_line(lang.spans("quiz-board-all-time", &[]));
    push_table(&mut reply, &all, caller_id, lang);
    if caller_id.is_some_and(|id| !all.iter().any(|r| r.user_id == id)) {
        reply.push_blank();
        reply.push_line(lang.spans("quiz-board-not-on", &[]));
    }
    Ok(reply)
}

fn push_table(reply: &mut Reply, rows: &[Standing], caller: Option<i64>, lang: Lang) {
    for row in rows {
        let medal = match row.rank {
            1 => "🥇",
            2 => "🥈",
            3 => "🥉",
            _ => "",
        };
        let name = display_name(row.name.as_deref(), row.user_id, lang);
        let score = lang.tr("quiz-board-score", &[arg("correct", row.correct), arg("answered", row.answered)]);
        let mut line: Vec<Span> = Vec::new();
        if row.rank > TOP {
            line.push(text("…"));
            reply.push_line(line);
            line = Vec::new();
        }
        line.push(text(format!("{}. {medal}{}", row.rank, if medal.is_empty() { "" } else { " " })));
        if Some(row.user_id) == caller {
            line.push(bold(name));
            line.push(text(lang.tr("quiz-board-you", &[arg("score", score)])));
        } else {
            line.push(text(name));
            line.push(text(score));
        }
        reply.push_line(line);
    }
}

/// A player's name as stored, or a stand-in ("Player 42") in `lang`.
pub fn display_name(name: Option<&str>, user_id: i64, lang: Lang) -> String {
    name.map(str::to_owned)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| lang.tr("quiz-player", &[arg("id", user_id.to_string())]))
}

/// Monday 00:00 of the ISO week holding `now` in `timezone`, as a UTC instant.
pub fn week_start(now: DateTime<Utc>, timezone: Tz) -> DateTime<Utc> {
    let local = now.with_timezone(&timezone).date_naive();
    let monday = local - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    let midnight = monday.and_time(NaiveTime::MIN);
    timezone
        .from_local_datetime(&midnight)
        .earliest()
        .or_else(|| timezone.from_local_datetime(&(midnight + Duration::hours(1))).earliest())
        .map_or_else(|| Utc.from_utc_datetime(&midnight), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
#[path = "scores_tests.rs"]
mod tests;
