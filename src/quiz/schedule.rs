//! Daily quizzes: `/quizschedule daily HH:MM [TOPIC]` at the chat's local time, and the one-shot
//! [`due_scheduled`] a worker calls with the current time.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::QuizError;
use crate::{
    db::{
        engine::Places,
        quiz::{parse_ts, ts},
        store::quiz::ScheduleRow,
    },
    digest::schedule::{Frequency, Schedule},
    i18n::{Lang, arg},
    reply::{ChatId, Reply},
};

/// A slot missed by more than this (the bot was down) is skipped rather than sent late.
pub const MISSED_GRACE: chrono::Duration = chrono::Duration::hours(1);

/// A quiz a chat is due for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledQuiz {
    pub chat: ChatId,
    pub topic: Option<String>,
    /// The slot it is for (UTC).
    pub slot: DateTime<Utc>,
}

fn daily(timezone: &str, time: NaiveTime) -> Schedule {
    Schedule { timezone: timezone.parse().unwrap_or(Tz::UTC), time, frequency: Frequency::Daily }
}

/// Sets the chat's daily quiz at `time` (local to the chat's timezone) on `topic`; confirms in `lang`.
pub async fn set_schedule(
    db: &impl Places,
    chat: ChatId,
    time: NaiveTime,
    topic: Option<&str>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Reply, QuizError> {
    let shared = db.shared();
    let timezone = super::scores::chat_timezone(&*shared, chat.0).await?;
    let next = daily(&timezone, time).next_slot(now);
    let hhmm = time.format("%H:%M").to_string();
    shared.set_quiz_schedule(chat.0, &hhmm, topic, &ts(next), &ts(now)).await?;
    let (time, tz) = (arg("time", hhmm), arg("tz", timezone));
    Ok(Reply::default().line(match topic {
        Some(topic) => lang.spans("quiz-schedule-set-on", &[arg("topic", topic), time, tz]),
        None => lang.spans("quiz-schedule-set", &[time, tz]),
    }))
}

/// Removes the chat's daily quiz; says so in `lang`.
pub async fn clear_schedule(db: &impl Places, chat: ChatId, lang: Lang) -> Result<Reply, QuizError> {
    let cleared = db.shared().clear_quiz_schedule(chat.0).await?;
    Ok(Reply::text(lang.t(if cleared { "quiz-schedule-off" } else { "quiz-schedule-none" })))
}

/// The chats that must start a quiz at `now`, each moved on to its next local slot in the same
/// transaction: every slot is handed out once. Slots missed by more than [`MISSED_GRACE`] are skipped.
pub async fn due_scheduled(db: &impl Places, now: DateTime<Utc>) -> Result<Vec<ScheduledQuiz>, QuizError> {
    let next_slot = |row: &ScheduleRow| {
        let time = NaiveTime::parse_from_str(&row.time, "%H:%M").unwrap_or(NaiveTime::MIN);
        ts(daily(&row.timezone, time).next_slot(now))
    };
    let rows = db.shared().take_due_quizzes(&ts(now), &next_slot).await?;
    Ok(rows
        .into_iter()
        .map(|row| (parse_ts(&row.next_slot), row))
        .filter(|(slot, _)| now - *slot <= MISSED_GRACE)
        .map(|(slot, row)| ScheduledQuiz { chat: ChatId(row.chat_id), topic: row.topic, slot })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::db::{self, Pool};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn hm(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[sqlx::test]
    async fn a_daily_quiz_is_due_at_the_chats_local_time_once_per_day(pool: Pool) {
        db::chats::ensure(&pool, -7, "group", Some("Team")).await.unwrap();
        sqlx::query("UPDATE chats SET timezone = 'Asia/Kolkata' WHERE chat_id = -7").execute(&pool).await.unwrap();
        let reply = set_schedule(&pool, ChatId(-7), hm("09:00"), Some("trade"), at("2026-11-27T00:00:00Z"), Lang::En)
            .await
            .unwrap();
        assert!(reply.plain_text().contains("on trade at 09:00 (Asia/Kolkata)"), "{}", reply.plain_text());
        // 09:00 in Kolkata is 03:30 UTC.
        assert!(due_scheduled(&pool, at("2026-11-27T03:29:59Z")).await.unwrap().is_empty());
        let due = due_scheduled(&pool, at("2026-11-27T03:30:00Z")).await.unwrap();
        assert_eq!(
            due,
            vec![ScheduledQuiz { chat: ChatId(-7), topic: Some("trade".into()), slot: at("2026-11-27T03:30:00Z") }]
        );
        assert!(due_scheduled(&pool, at("2026-11-27T03:31:00Z")).await.unwrap().is_empty(), "once per slot");
        let next = db::quiz::schedules::get(&pool, -7).await.unwrap().unwrap();
        assert_eq!(next.next_slot, "2026-11-28T03:30:00.000Z");
        assert_eq!(due_scheduled(&pool, at("2026-11-28T03:30:10Z")).await.unwrap().len(), 1);
    }

    #[sqlx::test]
    async fn a_chat_without_settings_runs_on_utc_and_can_switch_off(pool: Pool) {
        let reply =
            set_schedule(&pool, ChatId(3), hm("18:15"), None, at("2026-11-27T18:15:00Z"), Lang::Ru).await.unwrap();
        assert!(reply.plain_text().contains("каждый день в 18:15 (UTC)"), "{}", reply.plain_text());
        assert!(
            due_scheduled(&pool, at("2026-11-27T18:16:00Z")).await.unwrap().is_empty(),
            "the next slot is tomorrow"
        );
        assert_eq!(due_scheduled(&pool, at("2026-11-28T18:15:00Z")).await.unwrap().len(), 1);
        assert!(clear_schedule(&pool, ChatId(3), Lang::En).await.unwrap().plain_text().contains("off"));
        assert!(clear_schedule(&pool, ChatId(3), Lang::Ru).await.unwrap().plain_text().contains("не было"));
        assert!(due_scheduled(&pool, at("2026-11-29T18:15:00Z")).await.unwrap().is_empty());
    }

    #[sqlx::test]
    async fn a_slot_missed_while_the_bot_was_down_is_skipped_not_sent_late(pool: Pool) {
        set_schedule(&pool, ChatId(3), hm("08:00"), None, at("2026-11-27T07:00:00Z"), Lang::En).await.unwrap();
        assert!(due_scheduled(&pool, at("2026-11-27T15:00:00Z")).await.unwrap().is_empty());
        let next = db::quiz::schedules::get(&pool, 3).await.unwrap().unwrap();
        assert_eq!(next.next_slot, "2026-11-28T08:00:00.000Z");
    }
}
