//! Quizzes: questions generated from the fact base, sent as polls, scored per chat, in rounds and on a schedule.
//!
//! Platform-free: the adapters send what this module returns ([`to_poll`], [`Reply`](crate::reply::Reply))
//! and report back what happened ([`scores::record_poll`], [`scores::record_answer`]).

mod catalogue;
pub mod command;
pub mod console;
mod entities;
mod figures;
pub mod generate;
pub mod limits;
pub mod notice;
mod numbers;
mod places;
pub mod rounds;
pub mod schedule;
pub mod scores;
mod shuffle;
mod text;

#[cfg(test)]
mod seed_tests;

pub use command::{QuizCommand, ScheduleCommand};
pub use generate::{RegenerateOutcome, refresh, regenerate};
pub use notice::QuizNotice;
pub use rounds::{RoundStep, StopOutcome, advance, results, start_round, stop_round};
pub use schedule::{ScheduledQuiz, clear_schedule, due_scheduled, set_schedule};
pub use scores::{AnswerOutcome, NewPoll, leaderboard, record_answer, record_poll};

use crate::{
    db::{self, Pool, engine::Places},
    facts::Knowledge,
    i18n::Lang,
    reply::{ChatId, QuizPoll},
};

/// What a question tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionKind {
    /// A number: "Russia–China trade reached a record of…?"
    Figure,
    /// A country, person, organisation, project or event: "Whose Prime Minister visited Russia…?"
    Entity,
    /// Where an event took place: "Which city hosted the 2024 BRICS Summit?"
    Place,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Figure => "figure",
            QuestionKind::Entity => "entity",
            QuestionKind::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "figure" => Some(QuestionKind::Figure),
            "entity" => Some(QuestionKind::Entity),
            "place" => Some(QuestionKind::Place),
            _ => None,
        }
    }
}

/// A quiz question, within Telegram's poll limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub question: String,
    /// Already shuffled.
    pub options: Vec<String>,
    /// Index of the right option.
    pub correct: usize,
    /// The fact, cut to the explanation limit.
    pub explanation: String,
    /// The whole sentence the question tests.
    pub fact: String,
    pub fact_key: String,
    /// The sentence now holding the fact; `None` once it left the fact base.
    pub sentence_id: Option<i64>,
    /// The topic asked for, or the fact's first topic.
    pub topic: Option<String>,
}

/// Why a quiz request got no regular answer.
#[derive(Debug, thiserror::Error)]
pub enum QuizError {
    /// The user did something wrong; the adapter words the notice in the chat's language.
    #[error("{0}")]
    User(QuizNotice),
    /// Something broke; the adapter logs it and apologises.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl Question {
    fn from_row(row: db::quiz::questions::QuestionRow, topic: Option<String>) -> Option<Question> {
        let options: Vec<String> = serde_json::from_str(&row.options).ok()?;
        let correct = usize::try_from(row.correct).ok().filter(|&c| c < options.len())?;
        Some(Question {
            id: row.id,
            kind: QuestionKind::parse(&row.kind)?,
            question: row.question,
            options,
            correct,
            explanation: limits::explanation(&row.fact),
            fact: row.fact,
            fact_key: row.fact_key,
            sentence_id: row.sentence_id,
            topic,
        })
    }

    /// The right option's text.
    pub fn answer(&self) -> &str {
        self.options.get(self.correct).map_or("", String::as_str)
    }
}

/// A stored question by id (retired ones too, for polls that cite them).
pub async fn question(pool: &Pool, id: i64) -> Result<Option<Question>, QuizError> {
    let Some(row) = db::quiz::questions::get(pool, id).await? else { return Ok(None) };
    let topic = db::quiz::questions::topics_of(pool, &row.fact_key).await?.into_iter().next();
    Ok(Question::from_row(row, topic))
}

/// The next question for a chat, on `topic` (a topic key) or on anything: one it has not seen in this
/// cycle through the topic's pool, in an order of its own. When the chat has seen the whole pool, the
/// cycle starts again. `None` when the pool is empty.
pub async fn next_question(
    places: &impl Places,
    chat: ChatId,
    topic: Option<&str>,
) -> Result<Option<Question>, QuizError> {
    let (pool, shared) = (places.index(), places.shared());
    let mut candidates = db::quiz::questions::pool_for(pool, chat.0, topic).await?;
    if candidates.is_empty() {
        return Ok(None);
    }
    // What the chat has seen is shared state (questions are the index's): read from the store.
    // Marks name questions by key: the ids are this replica's own.
    let seen: std::collections::HashSet<String> = shared.seen_questions(chat.0).await?.into_iter().collect();
    for candidate in &mut candidates {
        candidate.2 = seen.contains(&candidate.1);
    }
    let mut unseen: Vec<&(i64, String, bool)> = candidates.iter().filter(|c| !c.2).collect();
    if unseen.is_empty() {
        let keys: Vec<String> = candidates.iter().map(|c| c.1.clone()).collect();
        shared.reset_seen(chat.0, &keys).await?;
        unseen = candidates.iter().collect();
    }
    let Some(&&(id, ref key, _)) = unseen.iter().min_by_key(|c| (shuffle::seed(&format!("{}:{}", chat.0, c.1)), c.0))
    else {
        return Ok(None);
    };
    shared.mark_seen(chat.0, key, &db::now_text()).await?;
    let Some(row) = db::quiz::questions::get(pool, id).await? else { return Ok(None) };
    let topic = match topic {
        Some(t) => Some(t.to_owned()),
        None => db::quiz::questions::topics_of(pool, &row.fact_key).await?.into_iter().next(),
    };
    Ok(Question::from_row(row, topic))
}

/// The poll to send for a question. Anonymous polls (channels) get an explanation that sends readers to
/// the bot for the whole fact, in `lang`.
pub fn to_poll(
    question: &Question,
    open_period_secs: u32,
    anonymous: bool,
    bot_username: Option<&str>,
    lang: Lang,
) -> QuizPoll {
    QuizPoll {
        question: question.question.clone(),
        options: question.options.clone(),
        correct_option: question.correct,
        explanation: if anonymous {
            limits::channel_explanation(&question.fact, bot_username, lang)
        } else {
            question.explanation.clone()
        },
        open_period_secs: limits::open_period(open_period_secs),
        anonymous,
    }
}

/// A topic key from what someone typed ("Energy", "энергетика"), or a user error listing the topics.
pub fn resolve_topic(knowledge: &Knowledge, typed: &str) -> Result<String, QuizError> {
    if let Some(key) = knowledge.topics.resolve(typed) {
        return Ok(key);
    }
    let topics = knowledge.topics.topics().iter().map(|t| t.key.clone()).collect();
    Err(QuizError::User(QuizNotice::UnknownTopic { typed: typed.to_owned(), topics }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::quiz::questions::tests::seed_pool;

    #[sqlx::test]
    async fn a_chat_sees_every_question_of_a_topic_before_any_repeats(pool: Pool) {
        let trade = seed_pool(&pool, "a", 5, "trade").await;
        seed_pool(&pool, "b", 3, "energy").await;
        let chat = ChatId(-100);
        let mut first_cycle = Vec::new();
        for _ in 0..5 {
            first_cycle.push(next_question(&pool, chat, Some("trade")).await.unwrap().unwrap().id);
        }
        let mut sorted = first_cycle.clone();
        sorted.sort();
        assert_eq!(sorted, trade, "every trade question once");
        let next = next_question(&pool, chat, Some("trade")).await.unwrap().unwrap();
        assert!(trade.contains(&next.id), "the cycle restarts within the topic");
        assert_eq!(next.topic.as_deref(), Some("trade"));
        // Another chat has its own cycle and its own order.
        let other: Vec<i64> = {
            let mut v = Vec::new();
            for _ in 0..5 {
                v.push(next_question(&pool, ChatId(7), Some("trade")).await.unwrap().unwrap().id);
            }
            v
        };
        let mut other_sorted = other.clone();
        other_sorted.sort();
        assert_eq!(other_sorted, trade);
    }

    #[sqlx::test]
    async fn an_empty_topic_has_no_question(pool: Pool) {
        seed_pool(&pool, "a", 2, "trade").await;
        assert!(next_question(&pool, ChatId(1), Some("energy")).await.unwrap().is_none());
        let any = next_question(&pool, ChatId(1), None).await.unwrap().unwrap();
        assert_eq!(any.topic.as_deref(), Some("trade"), "the fact's own topic");
    }

    #[test]
    fn polls_carry_the_question_and_a_fitting_explanation() {
        let q = Question {
            id: 1,
            kind: QuestionKind::Figure,
            question: "Q?".into(),
            options: vec!["a".into(), "b".into()],
            correct: 1,
            explanation: "Fact.".into(),
            fact: "Fact.".into(),
            fact_key: "k".into(),
            sentence_id: Some(1),
            topic: None,
        };
        let poll = to_poll(&q, 2, false, None, Lang::En);
        assert_eq!((poll.correct_option, poll.open_period_secs, poll.explanation.as_str()), (1, 5, "Fact."));
        let channel = to_poll(&q, 30, true, Some("DossierBot"), Lang::En);
        assert_eq!(channel.explanation, "Fact. Ask @DossierBot for the full fact.");
        let russian = to_poll(&q, 30, true, Some("DossierBot"), Lang::Ru);
        assert_eq!(russian.explanation, "Fact. Полный текст факта — у @DossierBot.");
        assert!(channel.anonymous);
        assert_eq!(q.answer(), "b");
    }
}
