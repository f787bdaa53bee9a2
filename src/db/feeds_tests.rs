//! Database tests for feeds, their items and ingested pages.

use super::*;

const T0: &str = "2025-01-01T00:00:00.000Z";
const T1: &str = "2025-01-01T00:10:00.000Z";

#[sqlx::test]
async fn a_feed_is_added_once_and_due_at_once(pool: Pool) {
    assert_eq!(add(&pool, "https://news.example/rss", T0).await.unwrap(), Added::New);
    assert_eq!(add(&pool, "https://news.example/rss", T1).await.unwrap(), Added::AlreadyActive);
    let due = due(&pool, T0, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert!(due[0].active && due[0].failures == 0);
    assert!(remove(&pool, "https://news.example/rss").await.unwrap());
    assert!(!remove(&pool, "https://news.example/rss").await.unwrap());
    assert!(list(&pool).await.unwrap().is_empty());
}

#[sqlx::test]
async fn the_nth_failure_in_a_row_deactivates_and_is_reported_once(pool: Pool) {
    add(&pool, "https://news.example/rss", T0).await.unwrap();
    let id = list(&pool).await.unwrap()[0].id;
    assert!(!record_failure(&pool, id, "HTTP 500", T1, 3, T0).await.unwrap());
    assert!(!record_failure(&pool, id, "HTTP 500", T1, 3, T0).await.unwrap());
    assert!(record_failure(&pool, id, "HTTP 502", T1, 3, T1).await.unwrap());
    assert!(!record_failure(&pool, id, "HTTP 502", T1, 3, T1).await.unwrap(), "an inactive feed failed again");
    let feed = &list(&pool).await.unwrap()[0];
    assert_eq!((feed.active, feed.failures, feed.last_error.as_deref()), (false, 3, Some("HTTP 502")));
    assert!(due(&pool, "2030-01-01T00:00:00.000Z", 10).await.unwrap().is_empty());
    assert_eq!(untold_deactivations(&pool).await.unwrap().len(), 1);
    mark_owner_told(&pool, id, T1).await.unwrap();
    assert!(untold_deactivations(&pool).await.unwrap().is_empty());
    assert_eq!(add(&pool, "https://news.example/rss", T1).await.unwrap(), Added::Reactivated);
    assert_eq!(list(&pool).await.unwrap()[0].failures, 0);
}

#[sqlx::test]
async fn a_success_forgets_failures_and_keeps_validators(pool: Pool) {
    add(&pool, "https://news.example/rss", T0).await.unwrap();
    let id = list(&pool).await.unwrap()[0].id;
    record_failure(&pool, id, "timed out", T1, 10, T0).await.unwrap();
    let success = Success {
        title: Some("News"),
        validators: (Some("\"v1\""), None),
        ttl: Some(1800),
        next_poll_at: T1,
        item_error: None,
    };
    record_success(&pool, id, &success, T1).await.unwrap();
    let feed = &list(&pool).await.unwrap()[0];
    assert_eq!((feed.failures, feed.etag.as_deref(), feed.title.as_deref()), (0, Some("\"v1\""), Some("News")));
    assert_eq!((feed.last_error.as_deref(), feed.ttl_secs), (None, Some(1800)));
}

#[sqlx::test]
async fn pages_are_found_by_address_or_by_text(pool: Pool) {
    add(&pool, "https://news.example/rss", T0).await.unwrap();
    let id = list(&pool).await.unwrap()[0].id;
    let item = ItemRecord {
        feed_id: Some(id),
        item_key: "https://news.example/a",
        state: "ingested",
        error: None,
        page: Some(("https://news.example/a", "hash-a", "https://news.example/a")),
    };
    record_item(&pool, &item, T0).await.unwrap();
    assert_eq!(
        known_page(&pool, "https://news.example/a", None).await.unwrap().as_deref(),
        Some("https://news.example/a")
    );
    assert_eq!(
        known_page(&pool, "https://mirror.example/a", Some("hash-a")).await.unwrap().as_deref(),
        Some("https://news.example/a")
    );
    assert_eq!(known_page(&pool, "https://mirror.example/b", Some("hash-b")).await.unwrap(), None);
    assert_eq!(items(&pool, id).await.unwrap()["https://news.example/a"], ("ingested".to_owned(), 1));
    assert_eq!(list(&pool).await.unwrap()[0].items_ingested, 1);
}
