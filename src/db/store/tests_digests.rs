//! The digest outbox and received facts: the same behaviour on SQLite and PostgreSQL.

use super::{Enqueued, NewDigest, testing::on_both_backends};

const T0: &str = "2026-11-28T09:00:00.000Z";
const T1: &str = "2026-11-29T09:00:00.000Z";

fn digest<'a>(chat_id: i64, slot: &'a str, fact_keys_json: &'a str) -> NewDigest<'a> {
    NewDigest { chat_id, thread_id: None, slot, reply_json: r#"{"text":"digest"}"#, fact_keys_json, send_after: T0 }
}

fn batch_entry(chat_id: i64, reply: Option<&str>, fact_keys: &str) -> Enqueued {
    Enqueued {
        chat_id,
        thread_id: Some(3),
        slot: T0.into(),
        reply: reply.map(str::to_string),
        fact_keys: fact_keys.into(),
        next_slot: T1.into(),
    }
}

on_both_backends! {
    async fn only_subscribed_reachable_unpaused_chats_are_due(db) {
        for chat in [1, 2, 3, 4, 5] {
            db.ensure_chat(chat, "private", None).await.unwrap();
        }
        for chat in [1, 2, 3, 4] {
            db.subscribe(chat, "topic:energy", None, T0).await.unwrap();
        }
        db.subscribe(5, "topic:energy", None, T1).await.unwrap();
        db.set_paused(2, true).await.unwrap();
        db.mark_unreachable(3, "kicked").await.unwrap();
        db.unsubscribe_all(4).await.unwrap();
        let due: Vec<i64> = db.due_chats(T0, 10).await.unwrap().into_iter().map(|c| c.chat_id).collect();
        assert_eq!(due, [1]);
        assert_eq!(db.due_chats(T1, 10).await.unwrap().len(), 2);
        assert_eq!(db.due_chats(T1, 1).await.unwrap().len(), 1, "the limit holds");
    }

    async fn a_slot_is_written_once_and_the_schedule_moves_on(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        db.subscribe(1, "topic:energy", None, T0).await.unwrap();
        let id = db.enqueue_digest(1, Some(digest(1, T0, r#"["k1"]"#)), Some(T1)).await.unwrap();
        assert!(id.is_some());
        assert_eq!(db.enqueue_digest(1, Some(digest(1, T0, r#"["k2"]"#)), Some(T1)).await.unwrap(), None);
        assert_eq!(db.chat(1).await.unwrap().unwrap().next_slot.as_deref(), Some(T1));
        let pending = db.pending_digests(T0, 10).await.unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!((pending[0].id, pending[0].slot.as_str(), pending[0].attempts), (id.unwrap(), T0, 0));
        let keys: Vec<String> = serde_json::from_str(&pending[0].fact_keys).unwrap();
        assert_eq!(keys, ["k1"]);
        assert!(db.pending_digests("2026-11-27T00:00:00.000Z", 10).await.unwrap().is_empty(), "not yet due");
    }

    async fn a_sent_digest_makes_its_facts_received(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        db.subscribe(1, "topic:energy", None, T0).await.unwrap();
        let id = db.enqueue_digest(1, Some(digest(1, T0, r#"["k1","k2"]"#)), None).await.unwrap().unwrap();
        let mut had = db.already_had(&[1], &["k1", "k3"]).await.unwrap();
        had.sort();
        assert_eq!(had, [(1, "k1".to_string()), (1, "k2".to_string())], "a pending digest's facts count as had");
        db.mark_digests_sent(&[(id, 1)], T1).await.unwrap();
        assert_eq!(db.outbox_counts().await.unwrap(), [("sent".to_string(), 1)]);
        assert_eq!(db.already_had(&[1, 2], &["k2", "k3"]).await.unwrap(), [(1, "k2".to_string())]);
        assert_eq!(db.chat(1).await.unwrap().unwrap().last_digest_at.as_deref(), Some(T1));
        assert!(db.pending_digests(T1, 10).await.unwrap().is_empty());
    }

    async fn a_batch_writes_digests_and_moves_every_schedule(db) {
        for chat in [1, 2] {
            db.ensure_chat(chat, "group", None).await.unwrap();
            db.subscribe(chat, "country:IN", Some(3), T0).await.unwrap();
            db.subscribe(chat, "topic:energy", None, T0).await.unwrap();
        }
        let subjects = db.subjects_of(&[1, 2, 9]).await.unwrap();
        assert_eq!(subjects[&1].subjects, ["country:IN", "topic:energy"]);
        assert_eq!((subjects[&2].thread_id, subjects.contains_key(&9)), (Some(3), false));
        let batch = [batch_entry(1, Some(r#"{"text":"one"}"#), r#"["k1"]"#), batch_entry(2, None, "[]")];
        assert_eq!(db.enqueue_digests(&batch, T0).await.unwrap(), 1, "a chat with nothing new gets no digest");
        assert_eq!(db.enqueue_digests(&batch, T0).await.unwrap(), 0, "a slot is written once");
        for chat in [1, 2] {
            assert_eq!(db.chat(chat).await.unwrap().unwrap().next_slot.as_deref(), Some(T1));
        }
        let pending = db.pending_digests(T0, 10).await.unwrap();
        assert_eq!((pending.len(), pending[0].chat_id, pending[0].thread_id), (1, 1, Some(3)));
        assert_eq!(pending[0].reply, r#"{"text":"one"}"#);
    }

    async fn a_failed_digest_is_retried_then_given_up_and_a_dropped_one_stays_unreceived(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        let first = db.enqueue_digest(1, Some(digest(1, T0, r#"["k1"]"#)), None).await.unwrap().unwrap();
        let second = db.enqueue_digest(1, Some(digest(1, "now:x", r#"["k2"]"#)), None).await.unwrap().unwrap();
        db.mark_digest_failed(first, "timeout", Some(T1)).await.unwrap();
        assert_eq!(db.pending_digests(T0, 10).await.unwrap().iter().map(|d| d.id).collect::<Vec<_>>(), [second]);
        let retried = db.pending_digests(T1, 10).await.unwrap();
        assert_eq!((retried[0].id, retried[0].attempts), (first, 1));
        db.mark_digest_failed(first, "bad request", None).await.unwrap();
        db.mark_digest_dropped(second, "blocked").await.unwrap();
        assert_eq!(db.outbox_counts().await.unwrap(), [("dropped".to_string(), 1), ("failed".to_string(), 1)]);
        assert!(db.already_had(&[1], &["k1", "k2"]).await.unwrap().is_empty());
    }

    async fn a_migrated_chat_takes_its_outbox_and_received_facts_along(db) {
        db.ensure_chat(-7, "group", None).await.unwrap();
        let id = db.enqueue_digest(-7, Some(digest(-7, T0, r#"["k1"]"#)), None).await.unwrap().unwrap();
        db.mark_digests_sent(&[(id, -7)], T0).await.unwrap();
        db.enqueue_digest(-7, Some(digest(-7, T1, r#"["k2"]"#)), None).await.unwrap().unwrap();
        db.migrate_chat(-7, -1007).await.unwrap();
        let mut had = db.already_had(&[-1007], &["k1", "k2"]).await.unwrap();
        had.sort();
        assert_eq!(had, [(-1007, "k1".to_string()), (-1007, "k2".to_string())]);
        assert_eq!(db.pending_digests(T1, 10).await.unwrap()[0].chat_id, -1007);
    }

    async fn senders_claim_disjoint_digests_and_a_dead_senders_come_back_after_its_lease(db) {
        let mut ids = Vec::new();
        for chat in 1..=12 {
            db.ensure_chat(chat, "private", None).await.unwrap();
            ids.push(db.enqueue_digest(chat, Some(digest(chat, T0, "[]")), None).await.unwrap().unwrap());
        }
        let lease = "2026-11-28T09:01:00.000Z";
        let claims = futures::future::join_all((0..4).map(|_| db.claim_digests(T0, 5, lease))).await;
        let mut claimed: Vec<i64> = claims.into_iter().flat_map(|c| c.unwrap()).map(|row| row.id).collect();
        claimed.sort();
        assert_eq!(claimed, ids, "every digest claimed once among the senders");

        // One sender sent its digests; another was killed holding digests 1 to 3.
        let sent: Vec<(i64, i64)> = ids.iter().zip(1..).skip(3).map(|(id, chat)| (*id, chat)).collect();
        db.mark_digests_sent(&sent, T0).await.unwrap();
        assert!(db.claim_digests("2026-11-28T09:00:30.000Z", 10, lease).await.unwrap().is_empty(), "still leased");
        let back: Vec<i64> = db.claim_digests(lease, 10, T1).await.unwrap().into_iter().map(|row| row.id).collect();
        assert_eq!(back, ids[..3], "only the dead sender's digests are sent again");
    }
}
