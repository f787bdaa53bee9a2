//! The quiz part of the shared-state interface on SQLite: today's SQL in `db::quiz`.

use anyhow::Context;
use async_trait::async_trait;

use super::{
    quiz::{
        NewAnswer, NewRound, NextSlot, PollRow, PollStore, QuizScheduleStore, QuizStore, RoundAnswer, RoundRow,
        ScheduleRow, Standing,
    },
    sqlite::SqliteStore,
};
use crate::db::quiz::{polls, questions, rounds, schedules};

#[async_trait]
impl QuizStore for SqliteStore {
    async fn create_round(&self, r: &NewRound<'_>) -> anyhow::Result<Option<i64>> {
        rounds::create(self.pool(), r.chat_id, r.topic, r.total, r.started_by, r.now, r.awaiting_until).await
    }
    async fn round(&self, id: i64) -> anyhow::Result<Option<RoundRow>> {
        rounds::get(self.pool(), id).await
    }
    async fn running_round(&self, chat_id: i64) -> anyhow::Result<Option<RoundRow>> {
        rounds::running(self.pool(), chat_id).await
    }
    async fn due_rounds(&self, now: &str) -> anyhow::Result<Vec<RoundRow>> {
        rounds::due(self.pool(), now).await
    }
    async fn claim_round(&self, id: i64, now: &str, until: &str) -> anyhow::Result<bool> {
        rounds::claim(self.pool(), id, now, until).await
    }
    async fn end_round(&self, id: i64, status: &str, now: &str) -> anyhow::Result<bool> {
        rounds::end(self.pool(), id, status, now).await
    }
}

#[async_trait]
impl PollStore for SqliteStore {
    async fn record_poll(&self, poll: &PollRow) -> anyhow::Result<bool> {
        polls::insert(self.pool(), poll).await
    }
    async fn poll(&self, poll_id: &str) -> anyhow::Result<Option<PollRow>> {
        polls::get(self.pool(), poll_id).await
    }
    async fn has_answered(&self, poll_id: &str, user_id: i64) -> anyhow::Result<bool> {
        polls::has_answered(self.pool(), poll_id, user_id).await
    }
    async fn record_answer(&self, a: &NewAnswer<'_>) -> anyhow::Result<bool> {
        polls::insert_answer(self.pool(), a.poll_id, a.user_id, a.name, a.option, a.correct, a.now).await
    }
    async fn stop_open_polls(&self, chat_id: i64, round_id: Option<i64>, now: &str) -> anyhow::Result<Vec<PollRow>> {
        polls::stop_open(self.pool(), chat_id, round_id, now).await
    }
    async fn stop_poll(&self, poll_id: &str, now: &str) -> anyhow::Result<()> {
        polls::stop(self.pool(), poll_id, now).await
    }
    async fn latest_open_poll(&self, chat_id: i64, prefix: &str, now: &str) -> anyhow::Result<Option<PollRow>> {
        polls::latest_open(self.pool(), chat_id, prefix, now).await
    }
    async fn standings(
        &self,
        chat_id: i64,
        since: Option<&str>,
        top: i64,
        caller: Option<i64>,
    ) -> anyhow::Result<Vec<Standing>> {
        polls::standings(self.pool(), chat_id, since, top, caller).await
    }
    async fn round_answers(&self, round_id: i64) -> anyhow::Result<Vec<RoundAnswer>> {
        polls::round_answers(self.pool(), round_id).await
    }
}

#[async_trait]
impl QuizScheduleStore for SqliteStore {
    async fn set_quiz_schedule(
        &self,
        chat_id: i64,
        time: &str,
        topic: Option<&str>,
        next_slot: &str,
        now: &str,
    ) -> anyhow::Result<()> {
        schedules::set(self.pool(), chat_id, time, topic, next_slot, now).await
    }
    async fn clear_quiz_schedule(&self, chat_id: i64) -> anyhow::Result<bool> {
        schedules::clear(self.pool(), chat_id).await
    }
    async fn quiz_schedule(&self, chat_id: i64) -> anyhow::Result<Option<ScheduleRow>> {
        schedules::get(self.pool(), chat_id).await
    }
    async fn take_due_quizzes(&self, now: &str, next_slot: NextSlot<'_>) -> anyhow::Result<Vec<ScheduleRow>> {
        schedules::take_due(self.pool(), now, next_slot).await
    }

    async fn seen_questions(&self, chat_id: i64) -> anyhow::Result<Vec<String>> {
        sqlx::query_scalar("SELECT question_key FROM quiz_seen WHERE chat_id = ? ORDER BY question_key")
            .bind(chat_id)
            .fetch_all(self.pool())
            .await
            .with_context(|| format!("reading the questions chat {chat_id} has seen"))
    }
    async fn mark_seen(&self, chat_id: i64, question_key: &str, now: &str) -> anyhow::Result<()> {
        questions::mark_seen(self.pool(), chat_id, question_key, now).await
    }
    async fn reset_seen(&self, chat_id: i64, question_keys: &[String]) -> anyhow::Result<()> {
        questions::reset_seen(self.pool(), chat_id, question_keys).await
    }
}
