//! `migrate-to`: an SQLite installation's state reads back the same from PostgreSQL.

use super::*;
use crate::{
    db::{
        postgres::test_server::ThrowawayDatabase,
        store::{
            Database, NewDigest,
            feeds::ItemRecord,
            quiz::{NewAnswer, NewRound, PollRow},
            sqlite::SqliteStore,
            testing,
        },
    },
    facts::{DocumentMeta, Ingestor, Knowledge, SourceDocument},
};

const T0: &str = "2026-11-28T09:00:00.000Z";

fn document(name: &str, text: &str) -> SourceDocument {
    let meta = DocumentMeta {
        title: name.into(),
        source: "Ministry".into(),
        published: "2024-12".into(),
        language: "en".into(),
    };
    SourceDocument { name: name.into(), meta, text: text.into(), content_hash: format!("sha of {name}") }
}

/// A little of everything, written through the SQLite store as the bot would.
async fn seed(store: &SqliteStore) -> i64 {
    let db: &dyn Database = store;
    db.ensure_chat(1, "group", Some("Team")).await.unwrap();
    db.set_paused(1, true).await.unwrap();
    db.subscribe(1, "topic:energy", Some(4), T0).await.unwrap();
    let sent = db.enqueue_digest(1, Some(digest(T0, r#"["k1"]"#)), None).await.unwrap().unwrap();
    db.mark_digests_sent(&[(sent, 1)], T0).await.unwrap();
    db.enqueue_digest(1, Some(digest("now:x", r#"["k2"]"#)), None).await.unwrap().unwrap();
    db.claim_update(77).await.unwrap();
    let questions = testing::sqlite_questions_of(store).await;
    let round =
        db.create_round(&NewRound { chat_id: 1, topic: None, total: 2, started_by: None, now: T0, awaiting_until: T0 });
    let round = round.await.unwrap().unwrap();
    let poll = PollRow {
        poll_id: "p1".into(),
        chat_id: 1,
        message_id: Some(3),
        question_id: questions[0],
        correct: 1,
        round_id: Some(round),
        sent_at: T0.into(),
        closes_at: T0.into(),
        stopped_at: None,
    };
    db.record_poll(&poll).await.unwrap();
    db.record_answer(&NewAnswer { poll_id: "p1", user_id: 9, name: "Ann", option: 1, correct: true, now: T0 })
        .await
        .unwrap();
    db.set_quiz_schedule(1, "09:00", Some("trade"), T0, T0).await.unwrap();
    db.add_feed("https://news.example/rss", T0).await.unwrap();
    let feed_id = db.feeds().await.unwrap()[0].id;
    let item = ItemRecord {
        feed_id: Some(feed_id),
        item_key: "a",
        state: "ingested",
        error: None,
        page: Some(("a", "h", "a.md")),
    };
    db.record_feed_item(&item, T0).await.unwrap();
    db.archive_documents(&[&document("archived.md", "Archived text.")]).await.unwrap();
    round
}

fn digest<'a>(slot: &'a str, keys: &'a str) -> NewDigest<'a> {
    NewDigest { chat_id: 1, thread_id: None, slot, reply_json: "{}", fact_keys_json: keys, send_after: T0 }
}

#[tokio::test]
async fn an_sqlite_installation_reads_back_the_same_from_postgres() {
    let fixture = testing::sqlite().await;
    let sqlite = &fixture.store;
    let round = seed(sqlite).await;
    let ingestor = Ingestor::new(Knowledge::bundled().unwrap());
    let indexed = document(
        "indexed.md",
        "India and Russia signed a gas deal.\n\nThe deal runs for ten years. It starts in 2026.",
    );
    ingestor.ingest(sqlite.pool(), &indexed).await.unwrap();

    let shared = ThrowawayDatabase::create().await;
    let pg = PgStore::new(shared.pool.clone());
    let copied = copy(sqlite.pool(), &pg).await.unwrap();
    assert_eq!(copied.documents, 3, "the archived one, the ingested one, the quiz questions' one");
    assert!(
        copied.tables.contains(&("outbox".to_string(), 2)) && copied.tables.contains(&("quiz_answers".to_string(), 1))
    );

    let (from, to): (&dyn Database, &dyn Database) = (sqlite, &pg);
    assert_eq!(to.chat(1).await.unwrap(), from.chat(1).await.unwrap());
    assert_eq!(to.subscriptions(1).await.unwrap(), from.subscriptions(1).await.unwrap());
    assert_eq!(to.pending_digests(T0, 10).await.unwrap(), from.pending_digests(T0, 10).await.unwrap());
    let mut had = to.already_had(&[1], &["k1"]).await.unwrap();
    had.sort();
    assert_eq!(had, [(1, "k1".to_string()), (1, "k2".to_string())], "received, and waiting in the outbox");
    assert!(!to.claim_update(77).await.unwrap(), "an update handled before the move is not handled again");
    assert_eq!(to.round(round).await.unwrap(), from.round(round).await.unwrap());
    assert_eq!(to.standings(1, None, 10, None).await.unwrap(), from.standings(1, None, 10, None).await.unwrap());
    assert_eq!(to.quiz_schedule(1).await.unwrap(), from.quiz_schedule(1).await.unwrap());
    assert_eq!(to.feeds().await.unwrap(), from.feeds().await.unwrap());
    assert_eq!(to.known_page("a", None).await.unwrap().as_deref(), Some("a.md"));
    let next = to.enqueue_digest(1, Some(digest("now:y", "[]")), None).await.unwrap().unwrap();
    assert!(next > 2, "new outbox ids follow the copied ones");

    let docs = to.archived_since(0).await.unwrap();
    let rebuilt = docs.iter().find(|d| d.document.name == "indexed.md").unwrap();
    assert_eq!(
        rebuilt.document.text,
        "India and Russia signed a gas deal.\n\nThe deal runs for ten years. It starts in 2026."
    );
    assert_eq!(to.archive_version().await.unwrap(), 1);

    let again = copy(sqlite.pool(), &pg).await.unwrap_err().to_string();
    assert!(again.contains("empty"), "{again}");
    shared.drop_now().await;
}
