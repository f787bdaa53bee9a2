//! Feeds, ingested pages and the document archive: the same behaviour on SQLite and PostgreSQL.

use super::{
    feeds::{Added, ItemRecord, Success},
    testing::on_both_backends,
};
use crate::facts::{DocumentMeta, SourceDocument};

const FEED: &str = "https://news.example/rss";
const T0: &str = "2025-01-01T00:00:00.000Z";
const T1: &str = "2025-01-01T00:10:00.000Z";

fn document(name: &str, text: &str) -> SourceDocument {
    let meta = DocumentMeta {
        title: format!("Title of {name}"),
        source: "Ministry".into(),
        published: "2024-12".into(),
        language: "en".into(),
    };
    SourceDocument { name: name.into(), meta, text: text.into(), content_hash: format!("hash of {text}") }
}

on_both_backends! {
    async fn a_feed_is_added_once_and_due_at_once(db) {
        assert_eq!(db.add_feed(FEED, T0).await.unwrap(), Added::New);
        assert_eq!(db.add_feed(FEED, T1).await.unwrap(), Added::AlreadyActive);
        let due = db.due_feeds(T0, 10).await.unwrap();
        assert_eq!(due.len(), 1);
        assert!(due[0].active && due[0].failures == 0 && due[0].url == FEED);
        assert!(db.remove_feed(FEED).await.unwrap());
        assert!(!db.remove_feed(FEED).await.unwrap());
        assert!(db.feeds().await.unwrap().is_empty());
    }

    async fn the_nth_failure_in_a_row_deactivates_and_is_reported_once(db) {
        db.add_feed(FEED, T0).await.unwrap();
        let id = db.feeds().await.unwrap()[0].id;
        assert!(!db.record_feed_failure(id, "HTTP 500", T1, 3, T0).await.unwrap());
        assert!(!db.record_feed_failure(id, "HTTP 500", T1, 3, T0).await.unwrap());
        assert!(db.record_feed_failure(id, "HTTP 502", T1, 3, T1).await.unwrap());
        assert!(!db.record_feed_failure(id, "HTTP 502", T1, 3, T1).await.unwrap(), "an inactive feed failed again");
        let feed = &db.feeds().await.unwrap()[0];
        assert_eq!((feed.active, feed.failures, feed.last_error.as_deref()), (false, 3, Some("HTTP 502")));
        assert_eq!(feed.deactivated_at.as_deref(), Some(T1));
        assert!(db.due_feeds("2030-01-01T00:00:00.000Z", 10).await.unwrap().is_empty());
        assert_eq!(db.untold_deactivations().await.unwrap().len(), 1);
        db.mark_owner_told(id, T1).await.unwrap();
        assert!(db.untold_deactivations().await.unwrap().is_empty());
        assert_eq!(db.add_feed(FEED, T1).await.unwrap(), Added::Reactivated);
        let feed = &db.feeds().await.unwrap()[0];
        assert_eq!((feed.active, feed.failures, feed.deactivated_at.as_deref()), (true, 0, None));
    }

    async fn a_success_forgets_failures_and_keeps_validators(db) {
        db.add_feed(FEED, T0).await.unwrap();
        let id = db.feeds().await.unwrap()[0].id;
        db.record_feed_failure(id, "timed out", T1, 10, T0).await.unwrap();
        let success = Success {
            title: Some("News"), validators: (Some("\"v1\""), None), ttl: Some(1800), next_poll_at: T1, item_error: None,
        };
        db.record_feed_success(id, &success, T1).await.unwrap();
        let feed = &db.feeds().await.unwrap()[0];
        assert_eq!((feed.failures, feed.etag.as_deref(), feed.title.as_deref()), (0, Some("\"v1\""), Some("News")));
        assert_eq!((feed.last_error.as_deref(), feed.ttl_secs, feed.next_poll_at.as_str()), (None, Some(1800), T1));
    }

    async fn pages_are_found_by_address_or_by_text(db) {
        db.add_feed(FEED, T0).await.unwrap();
        let id = db.feeds().await.unwrap()[0].id;
        let item = ItemRecord {
            feed_id: Some(id),
            item_key: "https://news.example/a",
            state: "ingested",
            error: None,
            page: Some(("https://news.example/a", "hash-a", "https://news.example/a")),
        };
        db.record_feed_item(&item, T0).await.unwrap();
        let failed = ItemRecord { item_key: "https://news.example/b", state: "failed", error: Some("404"), page: None, ..item };
        db.record_feed_item(&failed, T0).await.unwrap();
        db.record_feed_item(&failed, T1).await.unwrap();
        assert_eq!(db.known_page("https://news.example/a", None).await.unwrap().as_deref(), Some("https://news.example/a"));
        assert_eq!(db.known_page("https://mirror.example/a", Some("hash-a")).await.unwrap().as_deref(), Some("https://news.example/a"));
        assert_eq!(db.known_page("https://mirror.example/b", Some("hash-b")).await.unwrap(), None);
        let items = db.feed_items(id).await.unwrap();
        assert_eq!(items["https://news.example/a"], ("ingested".to_owned(), 1));
        assert_eq!(items["https://news.example/b"], ("failed".to_owned(), 2));
        assert_eq!(db.feeds().await.unwrap()[0].items_ingested, 1);
    }

    async fn the_archive_moves_its_version_only_when_a_document_changes(db) {
        assert_eq!(db.archive_version().await.unwrap(), 0);
        let (a, b) = (document("a.md", "Alpha."), document("b.md", "Beta."));
        assert_eq!(db.archive_documents(&[&a, &b]).await.unwrap(), 1);
        assert_eq!(db.archive_documents(&[&a]).await.unwrap(), 1, "an unchanged document is no change");
        let a2 = document("a.md", "Alpha, revised.");
        assert_eq!(db.archive_documents(&[&a2, &b]).await.unwrap(), 2);
        assert_eq!(db.archive_version().await.unwrap(), 2);
        assert_eq!(db.archived_hashes().await.unwrap()["a.md"], "hash of Alpha, revised.");

        let all = db.archived_since(0).await.unwrap();
        let got: Vec<(i64, &str)> = all.iter().map(|d| (d.version, d.document.name.as_str())).collect();
        assert_eq!(got, [(1, "b.md"), (2, "a.md")], "oldest change first");
        let newer = db.archived_since(1).await.unwrap();
        assert_eq!(newer.len(), 1);
        let doc = &newer[0].document;
        assert_eq!((doc.text.as_str(), doc.meta.title.as_str(), doc.meta.published.as_str()), ("Alpha, revised.", "Title of a.md", "2024-12"));
        assert_eq!((doc.meta.source.as_str(), doc.meta.language.as_str()), ("Ministry", "en"));
        assert!(db.archived_since(2).await.unwrap().is_empty());
    }

    async fn concurrent_archivers_get_distinct_versions(db) {
        let docs: Vec<SourceDocument> = (0..6).map(|i| document(&format!("d{i}.md"), &format!("Text {i}."))).collect();
        let singles: Vec<[&SourceDocument; 1]> = docs.iter().map(|d| [d]).collect();
        let writes = futures::future::join_all(singles.iter().map(|one| db.archive_documents(one))).await;
        let mut versions: Vec<i64> = writes.into_iter().map(|v| v.unwrap()).collect();
        versions.sort();
        assert_eq!(versions, [1, 2, 3, 4, 5, 6]);
        assert_eq!(db.archived_since(3).await.unwrap().len(), 3);
    }
}
