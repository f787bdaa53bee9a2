//! Chats and subscriptions: the same behaviour on SQLite and PostgreSQL.

use super::{DigestSchedule, testing::on_both_backends};
use crate::i18n::Lang;

const SLOT: &str = "2026-11-28T09:00:00.000Z";

on_both_backends! {
    async fn a_migrated_group_keeps_its_settings_and_subscriptions(db) {
        db.ensure_chat(-42, "group", Some("Team")).await.unwrap();
        let schedule = DigestSchedule {
            timezone: "Asia/Kolkata", digest_time: "08:30", frequency: "weekly", weekday: 2, next_slot: SLOT,
        };
        db.set_schedule(-42, &schedule).await.unwrap();
        db.subscribe(-42, "topic:energy", Some(7), SLOT).await.unwrap();
        db.migrate_chat(-42, -1000000000042).await.unwrap();

        assert!(db.chat(-42).await.unwrap().is_none());
        let moved = db.chat(-1000000000042).await.unwrap().unwrap();
        assert_eq!((moved.timezone.as_str(), moved.kind.as_str()), ("Asia/Kolkata", "supergroup"));
        assert_eq!((moved.frequency.as_str(), moved.weekday, moved.title.as_deref()), ("weekly", 2, Some("Team")));
        let subs = db.subscriptions(-1000000000042).await.unwrap();
        assert_eq!(subs.iter().map(|s| (s.subject.as_str(), s.thread_id)).collect::<Vec<_>>(), [("topic:energy", Some(7))]);
    }

    async fn migrating_into_a_known_chat_merges_subscriptions(db) {
        db.ensure_chat(-1, "group", None).await.unwrap();
        db.ensure_chat(-1001, "supergroup", None).await.unwrap();
        db.subscribe(-1, "topic:energy", None, SLOT).await.unwrap();
        db.subscribe(-1, "country:IN", None, SLOT).await.unwrap();
        db.subscribe(-1001, "topic:energy", None, SLOT).await.unwrap();
        db.migrate_chat(-1, -1001).await.unwrap();
        let mut subjects: Vec<String> = db.subscriptions(-1001).await.unwrap().into_iter().map(|s| s.subject).collect();
        subjects.sort();
        assert_eq!(subjects, ["country:IN", "topic:energy"]);
        assert!(db.chat(-1).await.unwrap().is_none());
    }

    async fn recording_a_chat_again_keeps_its_title_when_none_is_given(db) {
        let first = db.ensure_chat(3, "group", Some("Old")).await.unwrap();
        assert_eq!((first.timezone.as_str(), first.digest_time.as_str(), first.paused), ("UTC", "09:00", false));
        assert_eq!(db.ensure_chat(3, "supergroup", None).await.unwrap().title.as_deref(), Some("Old"));
        assert_eq!(db.ensure_chat(3, "supergroup", Some("New")).await.unwrap().title.as_deref(), Some("New"));
        assert!(db.chat(4).await.unwrap().is_none());
    }

    async fn an_unreachable_chat_becomes_reachable_again(db) {
        db.ensure_chat(5, "private", None).await.unwrap();
        db.mark_unreachable(5, "bot was blocked by the user").await.unwrap();
        assert_eq!(db.chat(5).await.unwrap().unwrap().unreachable.as_deref(), Some("bot was blocked by the user"));
        assert!(db.mark_reachable(5).await.unwrap());
        assert!(!db.mark_reachable(5).await.unwrap());
    }

    async fn a_chat_speaks_its_stored_language_and_keeps_its_poll_duration(db) {
        assert_eq!(db.ensure_chat(6, "private", None).await.unwrap().lang(), Lang::En);
        db.set_language(6, Some("ru")).await.unwrap();
        db.set_quiz_open_period(6, 120).await.unwrap();
        let chat = db.chat(6).await.unwrap().unwrap();
        assert_eq!((chat.lang(), chat.quiz_open_period), (Lang::Ru, 120));
        db.set_language(6, None).await.unwrap();
        assert_eq!(db.chat(6).await.unwrap().unwrap().lang(), Lang::En);
    }

    async fn subscribing_twice_keeps_one_subscription_and_the_first_slot(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        assert!(db.subscribe(1, "topic:energy", None, SLOT).await.unwrap());
        assert!(!db.subscribe(1, "topic:energy", None, "2026-11-29T09:00:00.000Z").await.unwrap());
        assert_eq!(db.subscriptions(1).await.unwrap().len(), 1);
        assert_eq!(db.chat(1).await.unwrap().unwrap().next_slot.as_deref(), Some(SLOT), "the first slot was moved");
    }

    async fn unsubscribing_all_removes_every_subject(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        for subject in ["topic:energy", "country:IN"] {
            db.subscribe(1, subject, None, SLOT).await.unwrap();
        }
        assert!(db.unsubscribe(1, "country:IN").await.unwrap());
        assert!(!db.unsubscribe(1, "country:IN").await.unwrap());
        assert_eq!(db.unsubscribe_all(1).await.unwrap(), 1);
        assert!(db.subscriptions(1).await.unwrap().is_empty());
    }

    async fn a_schedule_change_leaves_an_unscheduled_chat_unscheduled(db) {
        db.ensure_chat(2, "private", None).await.unwrap();
        let schedule = DigestSchedule {
            timezone: "Europe/Moscow", digest_time: "07:00", frequency: "daily", weekday: 0, next_slot: SLOT,
        };
        db.set_schedule(2, &schedule).await.unwrap();
        let chat = db.chat(2).await.unwrap().unwrap();
        assert_eq!((chat.timezone.as_str(), chat.next_slot), ("Europe/Moscow", None));
        db.subscribe(2, "topic:trade", None, "2026-11-27T04:00:00.000Z").await.unwrap();
        db.set_schedule(2, &schedule).await.unwrap();
        assert_eq!(db.chat(2).await.unwrap().unwrap().next_slot.as_deref(), Some(SLOT));
    }

    async fn resuming_clears_the_unreachable_mark(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        db.mark_unreachable(1, "blocked").await.unwrap();
        db.set_paused(1, true).await.unwrap();
        let paused = db.chat(1).await.unwrap().unwrap();
        assert!(paused.paused && paused.unreachable.is_some(), "pausing keeps the mark");
        db.set_paused(1, false).await.unwrap();
        let chat = db.chat(1).await.unwrap().unwrap();
        assert!(!chat.paused && chat.unreachable.is_none());
    }
}
