//! Quiz rounds, polls, answers, standings, schedules and seen marks: the same behaviour on SQLite and
//! PostgreSQL.

use super::{
    quiz::{NewAnswer, NewRound, PollRow},
    testing::on_both_backends,
};

fn round(chat_id: i64, topic: Option<&str>) -> NewRound<'_> {
    NewRound {
        chat_id,
        topic,
        total: 3,
        started_by: Some(9),
        now: "2026-01-01T09:00:00.000Z",
        awaiting_until: "2026-01-01T09:01:00.000Z",
    }
}

fn poll(poll_id: &str, chat_id: i64, question_id: i64, closes_at: &str) -> PollRow {
    PollRow {
        poll_id: poll_id.into(),
        chat_id,
        message_id: Some(7),
        question_id,
        correct: 1,
        round_id: None,
        sent_at: "2026-11-27T09:00:00.000Z".into(),
        closes_at: closes_at.into(),
        stopped_at: None,
    }
}

fn answer<'a>(poll_id: &'a str, user_id: i64, name: &'a str, correct: bool, now: &'a str) -> NewAnswer<'a> {
    NewAnswer { poll_id, user_id, name, option: 1, correct, now }
}

on_both_backends! {
    async fn a_chat_runs_one_round_at_a_time(db, _questions) {
        let first = db.create_round(&round(5, None)).await.unwrap().unwrap();
        assert!(db.create_round(&round(5, Some("trade"))).await.unwrap().is_none());
        assert!(db.create_round(&round(6, None)).await.unwrap().is_some());
        let running = db.running_round(5).await.unwrap().unwrap();
        assert_eq!((running.id, running.total, running.status.as_str(), running.asked), (first, 3, "running", 0));
        assert!(db.end_round(first, "stopped", "t2").await.unwrap());
        assert!(!db.end_round(first, "finished", "t3").await.unwrap());
        assert_eq!(db.round(first).await.unwrap().unwrap().ended_at.as_deref(), Some("t2"));
        assert!(db.create_round(&round(5, None)).await.unwrap().is_some());
    }

    async fn a_round_is_due_when_its_poll_closed_and_is_claimed_once(db, questions) {
        let id = db.create_round(&round(5, None)).await.unwrap().unwrap();
        assert!(db.due_rounds("2026-01-01T09:00:10.000Z").await.unwrap().is_empty(), "its first poll is being sent");
        let mut p = poll("p1", 5, questions[0], "2026-01-01T09:00:40.000Z");
        p.round_id = Some(id);
        assert!(db.record_poll(&p).await.unwrap());
        assert!(!db.record_poll(&p).await.unwrap(), "a replayed poll changes nothing");
        assert!(db.due_rounds("2026-01-01T09:00:20.000Z").await.unwrap().is_empty(), "its poll is open");
        let rows = db.due_rounds("2026-01-01T09:00:41.000Z").await.unwrap();
        assert_eq!((rows.len(), rows[0].asked), (1, 1));
        assert!(db.claim_round(id, "2026-01-01T09:00:41.000Z", "2026-01-01T09:01:41.000Z").await.unwrap());
        assert!(!db.claim_round(id, "2026-01-01T09:00:41.000Z", "2026-01-01T09:01:41.000Z").await.unwrap());
    }

    async fn a_second_answer_by_the_same_person_is_not_stored(db, questions) {
        db.record_poll(&poll("p1", 5, questions[0], "2026-11-27T09:00:30.000Z")).await.unwrap();
        assert_eq!(db.poll("p1").await.unwrap().unwrap().question_id, questions[0]);
        assert!(db.record_answer(&answer("p1", 9, "Ann", true, "t1")).await.unwrap());
        assert!(!db.record_answer(&answer("p1", 9, "Ann", false, "t2")).await.unwrap());
        assert!(db.has_answered("p1", 9).await.unwrap() && !db.has_answered("p1", 8).await.unwrap());
        let rows = db.standings(5, None, 10, None).await.unwrap();
        assert_eq!((rows.len(), rows[0].correct, rows[0].name.as_deref()), (1, 1, Some("Ann")));
    }

    async fn standings_break_ties_by_fewer_answers_then_first_answer(db, questions) {
        for (i, id) in questions.iter().enumerate() {
            db.record_poll(&poll(&format!("p{i}"), 5, *id, "2026-11-27T09:00:30.000Z")).await.unwrap();
        }
        // Ann: 1 of 1. Bob: 1 of 2. Cid: 1 of 1, but later than Ann. Dan: 2 of 3.
        db.record_answer(&answer("p0", 1, "Ann", true, "t1")).await.unwrap();
        db.record_answer(&answer("p0", 2, "Bob", true, "t0")).await.unwrap();
        db.record_answer(&answer("p1", 2, "Bob", false, "t2")).await.unwrap();
        db.record_answer(&answer("p1", 3, "Cid", true, "t3")).await.unwrap();
        for (p, ok) in [("p0", true), ("p1", true), ("p2", false)] {
            db.record_answer(&answer(p, 4, "Dan", ok, "t4")).await.unwrap();
        }
        let names: Vec<String> = db.standings(5, None, 10, None).await.unwrap().into_iter().filter_map(|s| s.name).collect();
        assert_eq!(names, ["Dan", "Ann", "Cid", "Bob"]);
        let top2 = db.standings(5, None, 2, Some(2)).await.unwrap();
        assert_eq!(top2.iter().map(|s| (s.rank, s.user_id)).collect::<Vec<_>>(), [(1, 4), (2, 1), (4, 2)]);
        assert!(db.standings(5, Some("t3"), 10, None).await.unwrap().iter().all(|s| s.user_id >= 3));
        assert!(db.standings(6, None, 10, None).await.unwrap().is_empty(), "another chat's polls do not count");
    }

    async fn a_rounds_answers_are_numbered_by_question(db, questions) {
        let id = db.create_round(&round(5, None)).await.unwrap().unwrap();
        for (i, q) in questions.iter().take(2).enumerate() {
            let mut p = poll(&format!("r{i}"), 5, *q, "2026-11-27T09:00:30.000Z");
            p.round_id = Some(id);
            p.sent_at = format!("2026-11-27T09:0{i}:00.000Z");
            db.record_poll(&p).await.unwrap();
        }
        db.record_answer(&answer("r1", 2, "Bob", false, "t2")).await.unwrap();
        db.record_answer(&answer("r0", 1, "Ann", true, "t1")).await.unwrap();
        let answers = db.round_answers(id).await.unwrap();
        let got: Vec<(i64, i64, bool)> = answers.iter().map(|a| (a.number, a.user_id, a.correct)).collect();
        assert_eq!(got, [(1, 1, true), (2, 2, false)]);
        assert_eq!(answers[0].name.as_deref(), Some("Ann"));
    }

    async fn stopping_closes_only_open_polls(db, questions) {
        db.record_poll(&poll("old", 5, questions[0], "2026-11-27T08:00:00.000Z")).await.unwrap();
        db.record_poll(&poll("open", 5, questions[0], "2026-11-27T10:00:00.000Z")).await.unwrap();
        db.record_poll(&poll("console:1", 5, questions[1], "2026-11-27T10:00:00.000Z")).await.unwrap();
        let latest = db.latest_open_poll(5, "console:", "2026-11-27T09:00:00.000Z").await.unwrap();
        assert_eq!(latest.map(|p| p.poll_id).as_deref(), Some("console:1"));
        db.stop_poll("console:1", "2026-11-27T09:00:00.000Z").await.unwrap();
        assert!(db.latest_open_poll(5, "console:", "2026-11-27T09:00:01.000Z").await.unwrap().is_none());
        let stopped = db.stop_open_polls(5, None, "2026-11-27T09:00:00.000Z").await.unwrap();
        assert_eq!(stopped.iter().map(|p| p.poll_id.as_str()).collect::<Vec<_>>(), ["open"]);
        assert!(db.poll("old").await.unwrap().unwrap().stopped_at.is_none());
    }

    async fn a_due_schedule_is_taken_once_and_moved_on(db, _questions) {
        db.ensure_chat(1, "group", None).await.unwrap();
        let schedule = crate::db::store::DigestSchedule {
            timezone: "Asia/Kolkata", digest_time: "09:00", frequency: "daily", weekday: 0, next_slot: "x",
        };
        db.set_schedule(1, &schedule).await.unwrap();
        db.set_quiz_schedule(1, "09:00", Some("trade"), "2026-01-01T03:30:00.000Z", "t").await.unwrap();
        db.set_quiz_schedule(2, "10:00", None, "2026-01-01T10:00:00.000Z", "t").await.unwrap();
        let taken = db.take_due_quizzes("2026-01-01T04:00:00.000Z", &|_| "2026-01-02T03:30:00.000Z".into()).await.unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!((taken[0].chat_id, taken[0].timezone.as_str(), taken[0].topic.as_deref()), (1, "Asia/Kolkata", Some("trade")));
        assert!(db.take_due_quizzes("2026-01-01T04:00:00.000Z", &|_| String::new()).await.unwrap().is_empty());
        assert_eq!(db.quiz_schedule(1).await.unwrap().unwrap().next_slot, "2026-01-02T03:30:00.000Z");
        assert_eq!(db.quiz_schedule(2).await.unwrap().unwrap().timezone, "UTC");
        assert!(db.clear_quiz_schedule(2).await.unwrap());
        assert!(!db.clear_quiz_schedule(2).await.unwrap());
    }

    async fn an_unreachable_chats_quiz_waits_and_its_slot_moves_on(db, _questions) {
        db.ensure_chat(3, "group", None).await.unwrap();
        db.set_quiz_schedule(3, "09:00", None, "2026-01-01T09:00:00.000Z", "t").await.unwrap();
        db.mark_unreachable(3, "kicked").await.unwrap();
        let taken = db.take_due_quizzes("2026-01-01T09:00:00.000Z", &|_| "2026-01-02T09:00:00.000Z".into()).await.unwrap();
        assert!(taken.is_empty(), "a quiz started in a chat the bot has left");
        assert_eq!(db.quiz_schedule(3).await.unwrap().unwrap().next_slot, "2026-01-02T09:00:00.000Z");
        db.mark_reachable(3).await.unwrap();
        let taken = db.take_due_quizzes("2026-01-02T09:00:00.000Z", &|_| "2026-01-03T09:00:00.000Z".into()).await.unwrap();
        assert_eq!(taken.len(), 1, "back in the chat, its quizzes resume");
    }

    async fn seen_marks_are_kept_per_chat_by_key_and_reset_by_cycle(db, _questions) {
        // Keys as `quiz::shuffle::question_key` makes them; "B…" sorts before "a…" byte-wise on both engines.
        let keys = ["0f3a9c", "B7e210", "a41d5e"].map(String::from);
        for key in &keys {
            db.mark_seen(5, key, "t").await.unwrap();
        }
        db.mark_seen(5, &keys[0], "t2").await.unwrap();
        db.mark_seen(6, &keys[1], "t").await.unwrap();
        assert_eq!(db.seen_questions(5).await.unwrap(), keys, "each once, in key order");
        db.reset_seen(5, &keys[..2]).await.unwrap();
        assert_eq!(db.seen_questions(5).await.unwrap(), [keys[2].clone()]);
        assert_eq!(db.seen_questions(6).await.unwrap(), [keys[1].clone()], "another chat's marks stay");
    }

    async fn a_migrated_chat_keeps_its_quiz_schedule_polls_and_seen_marks(db, questions) {
        db.ensure_chat(-5, "group", None).await.unwrap();
        db.set_quiz_schedule(-5, "09:00", None, "2026-11-28T09:00:00.000Z", "now").await.unwrap();
        db.record_poll(&poll("p1", -5, questions[0], "2026-11-27T09:00:30.000Z")).await.unwrap();
        db.mark_seen(-5, "0f3a9c", "t").await.unwrap();
        db.migrate_chat(-5, -1005).await.unwrap();
        assert!(db.quiz_schedule(-5).await.unwrap().is_none());
        assert!(db.quiz_schedule(-1005).await.unwrap().is_some());
        assert_eq!(db.poll("p1").await.unwrap().unwrap().chat_id, -1005);
        assert_eq!(db.seen_questions(-1005).await.unwrap(), ["0f3a9c"]);
    }
}
