//! The quiz part of the shared-state interface: rounds, polls, answers, players, daily schedules and what
//! each chat has seen. Questions themselves are the fact index's (each replica's own); polls and seen
//! marks name them by id.

use async_trait::async_trait;

pub use crate::db::quiz::{
    polls::{PollRow, RoundAnswer, Standing},
    rounds::RoundRow,
    schedules::ScheduleRow,
};

/// How the next slot of a taken schedule is computed (the core's clock rules, not the store's).
pub type NextSlot<'a> = &'a (dyn Fn(&ScheduleRow) -> String + Send + Sync);

/// A round to start.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRound<'a> {
    pub chat_id: i64,
    pub topic: Option<&'a str>,
    pub total: i64,
    pub started_by: Option<i64>,
    pub now: &'a str,
    /// The first poll is being sent until then.
    pub awaiting_until: &'a str,
}

/// An answer to a poll.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAnswer<'a> {
    pub poll_id: &'a str,
    pub user_id: i64,
    pub name: &'a str,
    pub option: i64,
    pub correct: bool,
    pub now: &'a str,
}

/// Quiz rounds: N questions in a chat, one after another.
#[async_trait]
pub trait QuizStore {
    /// Starts a round; `None` when the chat has a running round.
    async fn create_round(&self, round: &NewRound<'_>) -> anyhow::Result<Option<i64>>;
    /// One round by id, with how many of its polls went out.
    async fn round(&self, id: i64) -> anyhow::Result<Option<RoundRow>>;
    /// The chat's running round.
    async fn running_round(&self, chat_id: i64) -> anyhow::Result<Option<RoundRow>>;
    /// Running rounds ready for their next step at `now`: no poll open and none being sent.
    async fn due_rounds(&self, now: &str) -> anyhow::Result<Vec<RoundRow>>;
    /// Claims a due round for one step until `until`; only one caller wins.
    async fn claim_round(&self, id: i64, now: &str, until: &str) -> anyhow::Result<bool>;
    /// Ends a running round as `status`; false if it was not running.
    async fn end_round(&self, id: i64, status: &str, now: &str) -> anyhow::Result<bool>;
}

/// Quiz polls, their answers and the standings they make.
#[async_trait]
pub trait PollStore {
    /// Records a sent poll (a replay changes nothing); whether it was new.
    async fn record_poll(&self, poll: &PollRow) -> anyhow::Result<bool>;
    /// One poll by id.
    async fn poll(&self, poll_id: &str) -> anyhow::Result<Option<PollRow>>;
    /// Whether `user_id` answered the poll.
    async fn has_answered(&self, poll_id: &str, user_id: i64) -> anyhow::Result<bool>;
    /// Stores an answer and the player's name; false (nothing changed) if the person had answered.
    async fn record_answer(&self, answer: &NewAnswer<'_>) -> anyhow::Result<bool>;
    /// Closes the chat's open polls (of one round, or all); returns them.
    async fn stop_open_polls(&self, chat_id: i64, round_id: Option<i64>, now: &str) -> anyhow::Result<Vec<PollRow>>;
    /// Closes one poll now.
    async fn stop_poll(&self, poll_id: &str, now: &str) -> anyhow::Result<()>;
    /// The chat's latest poll open at `now` whose id starts with `prefix`.
    async fn latest_open_poll(&self, chat_id: i64, prefix: &str, now: &str) -> anyhow::Result<Option<PollRow>>;
    /// The chat's standings from `since`: the first `top` places and `caller`'s.
    async fn standings(
        &self,
        chat_id: i64,
        since: Option<&str>,
        top: i64,
        caller: Option<i64>,
    ) -> anyhow::Result<Vec<Standing>>;
    /// Every answer of a round, by question number.
    async fn round_answers(&self, round_id: i64) -> anyhow::Result<Vec<RoundAnswer>>;
}

/// Daily quiz schedules and the questions each chat has seen in its cycle.
#[async_trait]
pub trait QuizScheduleStore {
    /// Sets (or replaces) the chat's daily quiz.
    async fn set_quiz_schedule(
        &self,
        chat_id: i64,
        time: &str,
        topic: Option<&str>,
        next_slot: &str,
        now: &str,
    ) -> anyhow::Result<()>;
    /// Removes the chat's daily quiz; whether it had one.
    async fn clear_quiz_schedule(&self, chat_id: i64) -> anyhow::Result<bool>;
    /// The chat's daily quiz, with its timezone.
    async fn quiz_schedule(&self, chat_id: i64) -> anyhow::Result<Option<ScheduleRow>>;
    /// Takes the schedules due at `now`, moving each to `next_slot(row)`; each slot is taken once.
    async fn take_due_quizzes(&self, now: &str, next_slot: NextSlot<'_>) -> anyhow::Result<Vec<ScheduleRow>>;

    /// Which questions the chat has seen in its current cycle, by their stable keys (the same in every
    /// replica's index, unlike their ids), in key order.
    async fn seen_questions(&self, chat_id: i64) -> anyhow::Result<Vec<String>>;
    /// Notes that the chat was asked the question with `question_key`.
    async fn mark_seen(&self, chat_id: i64, question_key: &str, now: &str) -> anyhow::Result<()>;
    /// Forgets which of `question_keys` the chat has seen.
    async fn reset_seen(&self, chat_id: i64, question_keys: &[String]) -> anyhow::Result<()>;
}
