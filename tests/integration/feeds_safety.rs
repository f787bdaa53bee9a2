//! News feeds as untrusted input: failing feeds deactivated with one word to the owner, redirects into
//! the private network refused, oversized bodies and gzip bombs cut off, and a poll interrupted after
//! its document was written picked up again without a duplicate.

use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use dossier::{
    db,
    facts::Ingestor,
    feeds::page,
    web::{FetchError, FetchLimits, Fetcher, Validators},
};

use crate::{
    feeds::{OWNER, add_feed, bot_with, poll_at, poller, sentences},
    news_site::{HUGE, NewsSite},
};

fn limits(allow_private: bool, max_bytes: u64) -> FetchLimits {
    FetchLimits {
        max_bytes,
        allow_private,
        timeout: StdDuration::from_secs(10),
        connect_timeout: StdDuration::from_secs(5),
    }
}

#[tokio::test]
async fn a_feed_failing_n_times_in_a_row_is_deactivated_and_the_owner_told_once() {
    let site = NewsSite::start().await;
    let bot = bot_with(|c| c.feed_max_failures = 3).await;
    add_feed(&bot, &site.url("/broken.xml")).await;
    add_feed(&bot, &site.url("/not-a-feed.xml")).await;
    let poller = poller(&bot);
    let before = bot.tg.sent_texts(OWNER).len();
    let t0 = Utc::now();
    for day in 0..6 {
        // A day apart: past any backoff.
        poll_at(&bot, &poller, t0 + Duration::days(day)).await;
    }
    assert_eq!(site.hits("/broken.xml"), 3, "a deactivated feed was polled again");
    let notices = bot.tg.sent_texts(OWNER).split_off(before);
    assert_eq!(notices.len(), 2, "one message per deactivated feed: {notices:#?}");
    assert!(
        notices.iter().any(|n| n.contains("/broken.xml") && n.contains("3 failed polls") && n.contains("HTTP 500")),
        "{notices:#?}"
    );
    assert!(
        notices.iter().any(|n| n.contains("/not-a-feed.xml") && n.contains("not a readable RSS, Atom or JSON feed")),
        "{notices:#?}"
    );

    let list = bot.ask(OWNER, "/feeds").await.join("\n");
    assert_eq!(list.matches("⛔ deactivated").count(), 2, "{list}");
    assert!(list.contains("last error:") && list.contains("HTTP 500"), "{list}");
    let again = add_feed(&bot, &site.url("/broken.xml")).await;
    assert!(again.contains("active again"), "{again}");
    bot.stop().await;
}

#[tokio::test]
async fn a_busy_server_is_left_alone_for_as_long_as_its_retry_after_says() {
    let site = NewsSite::start().await;
    let bot = bot_with(|_| {}).await;
    add_feed(&bot, &site.url("/busy.xml")).await;
    let poller = poller(&bot);
    let t0 = Utc::now();
    assert_eq!(poller.poll_due(t0).await.unwrap().failed, 1);
    // Retry-After: 7200 outweighs the 10-minute interval.
    assert_eq!(poller.poll_due(t0 + Duration::minutes(90)).await.unwrap().polled, 0);
    assert_eq!(poller.poll_due(t0 + Duration::minutes(121)).await.unwrap().polled, 1);
    bot.stop().await;
}

#[tokio::test]
async fn feeds_links_and_redirects_into_private_addresses_are_refused_unless_allowed() {
    let site = NewsSite::start().await;
    // The site under a public-looking name, with private addresses not allowed.
    let strict = Fetcher::with_hosts(limits(false, 5 << 20), &[("news.test", site.addr)]).unwrap();
    let public = |path: &str| format!("http://news.test:{}{path}", site.addr.port());
    let feed = "<rss version=\"2.0\"><channel><title>Bouncer</title>\
        <item><title>Bounce</title><link>PUBLIC/go/business/kenya-port.html</link></item>\
        <item><title>Metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item></channel></rss>";
    site.put("/feeds/bouncer.xml", "application/rss+xml", &feed.replace("PUBLIC", &public("")));

    let bot = bot_with(|c| c.fetch_allow_private = false).await;
    let refused = add_feed(&bot, &site.url("/feeds/rss2.xml")).await;
    assert!(refused.contains("private address"), "{refused}");
    for path in ["/feeds/bouncer.xml", "/to-metadata"] {
        dossier::feeds::add(&bot.dossier.pool, &public(path), false).await.unwrap();
    }
    let mut poller = poller(&bot);
    poller.fetcher = strict.clone();
    let outcome = poller.poll_due(Utc::now()).await.unwrap();
    assert_eq!((outcome.polled, outcome.failed, outcome.items_failed, outcome.ingested), (2, 1, 2, 0), "{outcome:?}");
    assert_eq!(site.hits("/business/kenya-port.html"), 0, "a redirect reached 127.0.0.1");
    let feeds = db::feeds::list(&bot.dossier.pool).await.unwrap();
    let metadata = feeds.iter().find(|f| f.url.ends_with("/to-metadata")).unwrap();
    assert!(
        metadata.last_error.as_deref().unwrap_or_default().contains("169.254.169.254 is a private address"),
        "{feeds:?}"
    );

    // The feed itself is fine; /feeds shows why its items were not ingested.
    let bouncer = feeds.iter().find(|f| f.url.ends_with("/feeds/bouncer.xml")).unwrap();
    assert!(bouncer.active && bouncer.failures == 0, "{bouncer:?}");
    assert!(bouncer.last_error.as_deref().unwrap_or_default().contains("is a private address"), "{bouncer:?}");

    let redirect = strict.get(&public("/go/business/kenya-port.html").parse().unwrap(), &Validators::default()).await;
    assert!(matches!(redirect, Err(FetchError::Private { ref host, .. }) if host == "127.0.0.1"), "{redirect:?}");
    let looping = strict.get(&public("/loop").parse().unwrap(), &Validators::default()).await;
    assert!(matches!(looping, Err(FetchError::TooManyRedirects { .. })), "{looping:?}");
    assert_eq!(site.hits("/loop"), 6, "the first request and 5 redirects");
    bot.stop().await;
}

#[tokio::test]
async fn a_20_mb_body_is_cut_off_at_the_limit_and_a_gzip_bomb_too() {
    let site = NewsSite::start().await;
    let limit = 1 << 20;
    let fetcher = Fetcher::new(limits(true, limit)).unwrap();
    let huge = page::fetch_article(&fetcher, &site.url("/huge").parse().unwrap()).await;
    assert!(matches!(huge, Err(page::PageError::Fetch(FetchError::TooLarge { max, .. })) if max == limit), "{huge:?}");
    tokio::time::sleep(StdDuration::from_millis(200)).await;
    // The client hung up at 1 MB; what the server wrote beyond that sat in loopback socket buffers.
    assert!(site.huge_sent() < HUGE, "the whole 20 MB were transferred");
    let bomb = page::fetch_article(&fetcher, &site.url("/bomb").parse().unwrap()).await;
    assert!(matches!(bomb, Err(page::PageError::Fetch(FetchError::TooLarge { .. }))), "{bomb:?}");

    // In a feed, the oversized page falls back to the item's own text.
    let feed = "<rss version=\"2.0\"><channel><title>Heavy</title><item><title>Heavy page</title><link>{base}/huge</link>\
        <description>Brazil and Argentina agreed to build a 600-kilometre gas pipeline from the Vaca Muerta field.</description></item></channel></rss>";
    site.put("/feeds/heavy.xml", "application/rss+xml", feed);
    let bot = bot_with(|c| c.fetch_max_bytes = limit).await;
    add_feed(&bot, &site.url("/feeds/heavy.xml")).await;
    assert_eq!(poller(&bot).poll_due(Utc::now()).await.unwrap().ingested, 1);
    assert!(sentences(&bot).await.iter().any(|s| s.contains("Vaca Muerta")));
    bot.stop().await;
}

#[tokio::test]
async fn a_poll_interrupted_after_the_document_was_written_is_picked_up_again_without_a_duplicate() {
    let site = NewsSite::start().await;
    let bot = bot_with(|_| {}).await;
    // A crash right after the document's transaction: the page is in, the item is not recorded.
    let ingestor = Ingestor::new(bot.dossier.knowledge.clone());
    let fetcher = Fetcher::new(limits(true, 5 << 20)).unwrap();
    let url = site.url("/business/kenya-port.html");
    let article = page::fetch_article(&fetcher, &url.parse().unwrap()).await.unwrap();
    let hints = page::Hints { source: Some("Coastline Herald — Business".into()), ..Default::default() };
    let page = page::page_of(&url.parse().unwrap(), article, &hints);
    let stored = dossier::facts::SourceDocument::from_bytes(
        &page.url_key,
        page.text.as_bytes(),
        Some(dossier::facts::DocumentMeta {
            title: page.title.clone(),
            source: page.source.clone(),
            published: page.published.clone(),
            language: page.language.clone(),
        }),
        &ingestor.knowledge().rules_hash,
    )
    .unwrap();
    ingestor.ingest(&bot.dossier.pool, &stored).await.unwrap();
    let before = sentences(&bot).await.len();

    add_feed(&bot, &site.url("/feeds/rss2.xml")).await;
    let outcome = poller(&bot).poll_due(Utc::now()).await.unwrap();
    assert_eq!((outcome.ingested, outcome.items_failed), (1, 0), "{outcome:?}");
    assert_eq!(sentences(&bot).await.len(), before, "the page was ingested twice");
    let feed = &db::feeds::list(&bot.dossier.pool).await.unwrap()[0];
    assert_eq!(feed.items_ingested, 1, "the item is recorded now");
    let again = poller(&bot).poll_due(Utc::now() + Duration::hours(1)).await.unwrap();
    assert_eq!((again.polled, again.ingested), (1, 0), "{again:?}");
    bot.stop().await;
}
