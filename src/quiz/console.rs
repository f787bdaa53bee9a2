//! The quiz in a terminal: the question with numbered options, answered with `/answer N`, then explained.
//!
//! A console session is a pseudo chat; its current question is a poll with a `console:` id, so answers
//! are scored like any other and `/top` works too.

use chrono::{DateTime, Duration, Utc};

use super::{Question, QuizError, QuizNotice, next_question, question, rounds::no_questions, scores};
use crate::{
    db::{engine::Places, quiz::ts},
    i18n::{Lang, arg},
    reply::{ChatId, Reply, UserId, bold, text},
};

const PREFIX: &str = "console:";
/// How long a console question waits for its answer.
const OPEN_FOR: Duration = Duration::hours(24);

/// Asks the session a question, shown with numbered options and how to answer in `lang`.
pub async fn ask(
    db: &impl Places,
    session: ChatId,
    topic: Option<&str>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Reply, QuizError> {
    let Some(q) = next_question(db, session, topic).await? else {
        return Err(no_questions(topic));
    };
    // Any earlier unanswered question is dropped: the newest one is the one to answer.
    db.shared().stop_open_polls(session.0, None, &ts(now)).await?;
    scores::record_poll(
        db,
        &scores::NewPoll {
            poll_id: format!("{PREFIX}{}:{}:{}", session.0, q.id, now.timestamp_millis()),
            chat: session,
            message_id: None,
            question_id: q.id,
            correct: q.correct,
            round_id: None,
            sent_at: now,
            closes_at: now + OPEN_FOR,
        },
    )
    .await?;
    Ok(render(&q, lang))
}

/// The question with numbered options and how to answer.
pub fn render(q: &Question, lang: Lang) -> Reply {
    let mut reply = Reply::default().line(vec![text("❓ "), bold(q.question.clone())]);
    for (i, option) in q.options.iter().enumerate() {
        reply.push_line(vec![text(format!("  {}. {option}", i + 1))]);
    }
    reply.push_line(vec![text(lang.t("quiz-answer-how"))]);
    reply
}

/// Checks the session's answer (1-based `choice`) to its current question, scores it, and explains in
/// `lang`.
pub async fn answer(
    db: &impl Places,
    session: ChatId,
    user: UserId,
    user_name: &str,
    choice: usize,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Reply, QuizError> {
    let shared = db.shared();
    let Some(poll) = shared.latest_open_poll(session.0, PREFIX, &ts(now)).await? else {
        return Err(QuizError::User(QuizNotice::NothingToAnswer));
    };
    let Some(q) = question(db.index(), poll.question_id).await? else {
        return Err(QuizError::User(QuizNotice::QuestionGone));
    };
    if choice == 0 || choice > q.options.len() {
        return Err(QuizError::User(QuizNotice::AnswerRange(q.options.len())));
    }
    scores::record_answer(db, &poll.poll_id, user, user_name, &[choice - 1], now).await?;
    shared.stop_poll(&poll.poll_id, &ts(now)).await?;
    let verdict = if choice - 1 == q.correct { "quiz-right" } else { "quiz-wrong" };
    let mut reply = Reply::default().line(lang.spans(verdict, &[arg("answer", q.answer())]));
    reply.push_quote(vec![text(q.fact.clone())]);
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::quiz::questions::tests::seed_pool;
    #[allow(unused_imports)]
    use crate::db::{self, Pool};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[sqlx::test]
    async fn a_console_question_is_answered_by_number_and_explained(pool: Pool) {
        seed_pool(&pool, "a", 2, "trade").await;
        let session = ChatId(-1);
        let t0 = at("2026-11-27T09:00:00Z");
        let shown = ask(&pool, session, None, t0, Lang::En).await.unwrap().plain_text();
        assert!(shown.contains("  1. ") && shown.contains("/answer N"), "{shown}");
        let too_big = answer(&pool, session, UserId(0), "me", 9, t0, Lang::En).await;
        assert!(matches!(too_big, Err(QuizError::User(QuizNotice::AnswerRange(3)))), "{too_big:?}");
        // The seeded questions' right answer is option 2 ("B").
        let right = answer(&pool, session, UserId(0), "me", 2, t0, Lang::En).await.unwrap().plain_text();
        assert!(right.starts_with("✅ Right: B") && right.contains("“a fact"), "{right}");
        let again = answer(&pool, session, UserId(0), "me", 2, t0, Lang::En).await;
        assert!(matches!(again, Err(QuizError::User(QuizNotice::NothingToAnswer))), "the question was answered");
        let shown = ask(&pool, session, None, t0, Lang::Ru).await.unwrap().plain_text();
        assert!(shown.contains("Ответьте командой /answer N."), "{shown}");
        let wrong = answer(&pool, session, UserId(0), "me", 1, t0 + Duration::seconds(1), Lang::Ru).await.unwrap();
        assert!(wrong.plain_text().contains("Правильный ответ: B"), "{}", wrong.plain_text());
        let board =
            scores::leaderboard(&pool, session, Some(UserId(0)), t0, crate::i18n::Lang::En).await.unwrap().plain_text();
        assert!(board.contains("me — 1 of 2"), "{board}");
    }
}
