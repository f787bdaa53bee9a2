//! The replicas' view of the store (readiness, leadership, `/stats`, language overrides, digests handed
//! out to send): the same behaviour on SQLite and PostgreSQL, and what only a shared store does.

use super::{NewDigest, Role, testing::on_both_backends};

const T0: &str = "2026-11-28T09:00:00.000Z";
const LEASE: &str = "2026-11-28T09:05:00.000Z";

fn digest(chat_id: i64) -> NewDigest<'static> {
    let reply_json = r#"{"text":"digest"}"#;
    NewDigest { chat_id, thread_id: None, slot: T0, reply_json, fact_keys_json: r#"["k1"]"#, send_after: T0 }
}

on_both_backends! {
    async fn a_migrated_store_is_ready_and_a_role_can_be_taken(db) {
        db.ready().await.unwrap();
        let mut held = db.try_lead(Role::Scheduler).await.unwrap().expect("nobody else leads");
        assert!(held.still_held().await);
    }

    async fn language_overrides_list_only_chats_that_set_one(db) {
        for chat in [1, 2, 3] {
            db.ensure_chat(chat, "private", None).await.unwrap();
        }
        db.set_language(2, Some("ru")).await.unwrap();
        db.set_language(3, Some("en")).await.unwrap();
        db.set_language(3, None).await.unwrap();
        assert_eq!(db.language_overrides().await.unwrap(), [(2, "ru".to_string())]);
    }

    async fn a_digest_handed_out_to_send_is_not_handed_out_once_sent(db) {
        db.ensure_chat(1, "private", None).await.unwrap();
        let id = db.enqueue_digest(1, Some(digest(1)), None).await.unwrap().unwrap();
        let rows = db.digests_to_send(T0, 10, LEASE).await.unwrap();
        assert_eq!(rows.iter().map(|r| (r.id, r.chat_id)).collect::<Vec<_>>(), [(id, 1)]);
        db.mark_digests_sent(&[(id, 1)], T0).await.unwrap();
        assert!(db.digests_to_send(LEASE, 10, LEASE).await.unwrap().is_empty());
    }

    async fn stats_count_the_shared_state(db) {
        for chat in [1, 2] {
            db.ensure_chat(chat, "private", None).await.unwrap();
        }
        db.subscribe(1, "topic:energy", None, T0).await.unwrap();
        db.mark_unreachable(2, "kicked").await.unwrap();
        db.enqueue_digest(1, Some(digest(1)), None).await.unwrap();
        let stats = db.shared_stats("2000-01-01").await.unwrap();
        assert_eq!((stats.chats, stats.unreachable_chats, stats.subscriptions), (2, 1, 1));
        assert_eq!((stats.pending, stats.sent_24h, stats.errors_24h), (1, 0, 0));
    }
}

#[tokio::test]
async fn on_the_shared_store_a_handed_out_digest_is_leased_to_one_sender() {
    let fixture = super::testing::postgres().await;
    let (one, two) = (&fixture.store, super::super::postgres::PgStore::new(fixture.store.pool().clone()));
    use super::{ChatStore, DigestStore, ReplicaStore};
    assert!(one.keeps_index_apart());
    one.ensure_chat(1, "private", None).await.unwrap();
    one.enqueue_digest(1, Some(digest(1)), None).await.unwrap().unwrap();
    assert_eq!(one.digests_to_send(T0, 10, LEASE).await.unwrap().len(), 1);
    assert!(two.digests_to_send(T0, 10, LEASE).await.unwrap().is_empty(), "leased to the first sender");
    assert_eq!(two.digests_to_send(LEASE, 10, "2026-11-28T09:10:00.000Z").await.unwrap().len(), 1, "lease over");
    drop(two);
    fixture.finish().await;
}

#[tokio::test]
async fn the_embedded_store_sends_alone_and_always_leads() {
    let fixture = super::testing::sqlite().await;
    let db = super::testing::shared(&fixture.store);
    assert!(!db.keeps_index_apart());
    db.ensure_chat(1, "private", None).await.unwrap();
    db.enqueue_digest(1, Some(digest(1)), None).await.unwrap().unwrap();
    assert_eq!(db.digests_to_send(T0, 10, LEASE).await.unwrap().len(), 1);
    assert_eq!(db.digests_to_send(T0, 10, LEASE).await.unwrap().len(), 1, "no lease: one sender");
    let (first, second) = (db.try_lead(Role::Poller).await.unwrap(), db.try_lead(Role::Poller).await.unwrap());
    assert!(first.is_some() && second.is_some(), "the only process leads");
}
