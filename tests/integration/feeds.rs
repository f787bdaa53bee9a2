//! News feeds end to end: a real HTTP news site, the real bot on the stand-in Bot API, the poller
//! driven one step at a time with a fixed clock.

use chrono::{DateTime, Duration, Utc};
use dossier::{
    db,
    digest::scheduler::enqueue_due,
    facts::Ingestor,
    feeds::{PollOutcome, Poller},
    telegram::{feed_jobs, outbox::deliver_due},
};

use crate::{helpers::TestBot, news_site::NewsSite};

pub const OWNER: i64 = 5151;

/// A bot whose owner may fetch from this machine (the news site is on 127.0.0.1).
pub async fn bot_with(adjust: impl FnOnce(&mut dossier::config::Config)) -> TestBot {
    TestBot::start_with(|c| {
        c.owner_id = Some(OWNER);
        c.fetch_allow_private = true;
        adjust(c);
    })
    .await
}

pub fn poller(bot: &TestBot) -> Poller {
    dossier::feeds::poller(&bot.config, bot.dossier.pool.clone(), Ingestor::new(bot.dossier.knowledge.clone()))
        .expect("a poller")
}

/// One poll step at `now`, as the serve loop would run it (owner notices included).
pub async fn poll_at(bot: &TestBot, poller: &Poller, now: DateTime<Utc>) {
    let services = bot.services().await;
    feed_jobs::tick_at(&services, poller, now).await;
}

/// The owner adds a feed in chat; the reply.
pub async fn add_feed(bot: &TestBot, url: &str) -> String {
    bot.ask(OWNER, &format!("/feed add {url}")).await.join("\n")
}

pub async fn sentences(bot: &TestBot) -> Vec<String> {
    sqlx::query_scalar("SELECT text FROM sentences").fetch_all(&bot.dossier.pool).await.unwrap()
}

#[tokio::test]
async fn a_new_item_becomes_facts_quoted_with_the_articles_url_in_the_source_line() {
    let site = NewsSite::start().await;
    let bot = bot_with(|_| {}).await;
    let added = add_feed(&bot, &site.url("/feeds/rss2.xml")).await;
    assert!(added.contains("Added the feed"), "{added}");
    let outcome = poller(&bot).poll_due(Utc::now()).await.unwrap();
    assert_eq!((outcome.polled, outcome.ingested), (1, 1), "{outcome:?}");

    // The link is the article's address without the feed's tracking parameters.
    let link = format!("<a href=\"{}\">", site.url("/business/kenya-port.html"));
    let card = bot.ask(77, "/country Kenya").await.join("\n");
    assert!(card.contains("$1.2 billion") && card.contains("Mombasa"), "{card}");
    assert!(card.contains(&format!("{link}Kenya and Japan agree $1.2 billion Mombasa port expansion</a>")), "{card}");
    assert!(card.contains("Coastline Herald — Business, 2025-03-14"), "{card}");
    let answer = bot.ask(77, "How many port technicians will Japan train?").await.join("\n");
    assert!(answer.contains("300 port technicians") && answer.contains(&link), "{answer}");
    bot.stop().await;
}

#[tokio::test]
async fn feeds_in_all_four_formats_are_read() {
    let site = NewsSite::start().await;
    let bot = bot_with(|_| {}).await;
    for feed in ["/feeds/rss2.xml", "/feeds/rss1.rdf", "/feeds/atom.xml", "/feeds/feed.json"] {
        add_feed(&bot, &site.url(feed)).await;
    }
    let outcome = poller(&bot).poll_due(Utc::now()).await.unwrap();
    assert_eq!((outcome.polled, outcome.ingested, outcome.failed), (4, 4, 0), "{outcome:?}");
    for (country, fact) in [("Chile", "40,000 tonnes"), ("Poland", "1,400 megawatts"), ("Ecuador", "anchovy fishing")] {
        let card = bot.ask(78, &format!("/country {country}")).await.join("\n");
        assert!(card.contains(fact), "{country}: {card}");
    }
    let list = bot.ask(OWNER, "/feeds").await.join("\n");
    assert!(list.contains("Andes Business Daily: Mining") && list.contains("✅ active · 1 article"), "{list}");

    // None of the pages' boilerplate reached the fact base.
    let all = sentences(&bot).await.join("\n");
    for boilerplate in [
        "cookies",
        "newsletter",
        "Mining Week",
        "Dar es Salaam",
        "disgrace",
        "grandchildren",
        "over budget",
        "All rights reserved",
        "Share this",
        "Copper prices",
        "El Niño",
        "Most read",
        "Log in",
    ] {
        assert!(!all.contains(boilerplate), "{boilerplate:?} is in the fact base:\n{all}");
    }
    bot.stop().await;
}

#[tokio::test]
async fn an_unchanged_feed_costs_one_conditional_request_and_fetches_no_item() {
    let site = NewsSite::start().await;
    let bot = bot_with(|_| {}).await;
    add_feed(&bot, &site.url("/feeds/rss2.xml")).await;
    let poller = poller(&bot);
    let t0 = Utc::now();
    assert_eq!(poller.poll_due(t0).await.unwrap().ingested, 1);
    assert_eq!(site.hits("/business/kenya-port.html"), 1);

    // Not due yet: the feed's ttl (30 min) is longer than nothing, the interval is 10 min.
    assert_eq!(poller.poll_due(t0 + Duration::minutes(5)).await.unwrap().polled, 0);
    let later = poller.poll_due(t0 + Duration::minutes(31)).await.unwrap();
    assert_eq!(later, PollOutcome { polled: 1, not_modified: 1, ..Default::default() });
    assert_eq!(site.conditional(), (1, 1), "(conditional requests, 304 answers)");
    assert_eq!(site.hits("/business/kenya-port.html"), 1, "an unchanged feed fetched its item again");
    assert_eq!(site.hits("/feeds/rss2.xml"), 2);
    bot.stop().await;
}

#[tokio::test]
async fn the_next_digest_of_a_subscribed_chat_carries_the_new_articles_facts() {
    let site = NewsSite::start().await;
    let bot = bot_with(|c| c.digest_max_facts = 20).await;
    let reply = bot.ask(401, "/subscribe Kenya").await.join("\n");
    assert!(reply.contains("Subscribed to"), "{reply}");
    add_feed(&bot, &site.url("/feeds/rss2.xml")).await;
    poll_at(&bot, &poller(&bot), Utc::now()).await;

    let row = db::chats::get(&bot.dossier.pool, 401).await.unwrap().expect("the chat is known");
    let slot =
        DateTime::parse_from_rfc3339(&row.next_slot.expect("a digest is scheduled")).unwrap().with_timezone(&Utc);
    let before = bot.tg.sent_texts(401).len();
    assert_eq!(enqueue_due(&bot.dossier, slot, bot.config.digest_max_facts).await.unwrap().enqueued, 1);
    assert_eq!(deliver_due(&*bot.services().await, slot).await.unwrap().sent, 1);
    let digest = bot.tg.sent_texts(401).split_off(before).join("\n");
    assert!(digest.contains("Mombasa") && digest.contains("$1.2 billion"), "{digest}");
    assert!(digest.contains(&format!("<a href=\"{}\">", site.url("/business/kenya-port.html"))), "{digest}");
    bot.stop().await;
}

#[tokio::test]
async fn a_windows_1251_page_is_decoded_right() {
    let site = NewsSite::start().await;
    let cp1251 = encoding_rs::WINDOWS_1251;
    site.put_encoded(
        "/regions/mongolia-rail.html",
        "text/html",
        &crate::news_site::fixture("mongolia-rail.ru.html"),
        Some(cp1251),
    );
    let feed = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>Степной вестник</title>\
        <item><title>Монголия и Китай откроют переход</title><link>{base}/regions/mongolia-rail.html</link></item></channel></rss>";
    site.put_encoded("/feeds/steppe.xml", "application/rss+xml", feed, Some(cp1251));
    let bot = bot_with(|_| {}).await;
    add_feed(&bot, &site.url("/feeds/steppe.xml")).await;
    let outcome = poller(&bot).poll_due(Utc::now()).await.unwrap();
    assert_eq!(outcome.ingested, 1, "{outcome:?}");
    let all = sentences(&bot).await.join("\n");
    assert!(all.contains("до 30 миллионов тонн угля в год с месторождения Таван-Толгой"), "{all}");
    assert!(!all.contains('\u{FFFD}') && !all.contains("Подпишитесь"), "{all}");
    let docs = db::documents::list(&bot.dossier.pool).await.unwrap();
    let doc = docs.iter().find(|d| d.name.contains("mongolia")).expect("the article is a document");
    assert_eq!(
        (doc.title.as_str(), doc.language.as_str()),
        ("Монголия и Китай откроют новый железнодорожный переход", "ru")
    );
    assert_eq!(doc.source, "Степной вестник");
    bot.stop().await;
}

#[tokio::test]
async fn the_same_article_in_two_feeds_is_ingested_once() {
    let site = NewsSite::start().await;
    // Another outlet's feed: the same article with other tracking parameters, and an AMP copy of it.
    let mirror = "<rss version=\"2.0\"><channel><title>Wire mirror</title>\
        <item><title>Mombasa port deal</title><link>{base}/business/kenya-port.html?utm_source=wire&amp;utm_campaign=x#top</link></item>\
        <item><title>Mombasa port deal (AMP)</title><link>{base}/amp/kenya-port.html</link></item></channel></rss>";
    site.put("/feeds/mirror.xml", "application/rss+xml", mirror);
    site.put("/amp/kenya-port.html", "text/html", &crate::news_site::fixture("kenya-port.html"));
    let bot = bot_with(|_| {}).await;
    add_feed(&bot, &site.url("/feeds/rss2.xml")).await;
    add_feed(&bot, &site.url("/feeds/mirror.xml")).await;
    let outcome = poller(&bot).poll_due(Utc::now()).await.unwrap();
    assert_eq!((outcome.ingested, outcome.duplicates), (1, 2), "{outcome:?}");
    assert_eq!(site.hits("/business/kenya-port.html"), 1, "the same address was fetched twice");
    let docs = db::documents::list(&bot.dossier.pool).await.unwrap();
    assert_eq!(docs.iter().filter(|d| d.title.contains("Mombasa")).count(), 1, "{docs:?}");
    let mombasa = sentences(&bot).await.iter().filter(|s| s.contains("300 port technicians")).count();
    assert_eq!(mombasa, 1);
    bot.stop().await;
}

#[tokio::test]
async fn only_the_owner_manages_feeds_and_a_link_sent_alone_ingests_that_page() {
    let site = NewsSite::start().await;
    let bot = bot_with(|_| {}).await;
    let page = site.url("/power/norway-grid.html");
    let refused = bot.ask(88, &format!("/feed add {}", site.url("/feeds/rss2.xml"))).await.join("\n");
    assert!(refused.contains("Only the bot's owner can manage news feeds"), "{refused}");
    let refused = bot.ask(88, &page).await.join("\n");
    assert!(refused.contains("Only the bot's owner can add web pages"), "{refused}");
    assert_eq!(site.hits("/power/norway-grid.html"), 0, "a stranger's link was fetched");
    assert!(db::feeds::list(&bot.dossier.pool).await.unwrap().is_empty());

    let done = bot.ask(OWNER, &page).await.join("\n");
    assert!(done.contains("ingested: 4 sentences"), "{done}");
    let card = bot.ask(88, "/country Norway").await.join("\n");
    assert!(card.contains("1,400 megawatts") && card.contains(&format!("<a href=\"{page}\">")), "{card}");
    let again = bot.ask(OWNER, &page).await.join("\n");
    assert!(again.contains("already in the fact base, unchanged"), "{again}");
    let usage = bot.ask(OWNER, "/feed frobnicate").await.join("\n");
    assert!(usage.contains("/feed add URL"), "{usage}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_adds_lists_and_removes_feeds_and_ingests_a_page() {
    let site = NewsSite::start().await;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .env_clear()
            .env("DATABASE_URL", format!("sqlite://{}", dir.path().join("db.sqlite").display()))
            .env("DOSSIER_DATA_DIR", crate::helpers::data_dir())
            .env("FETCH_ALLOW_PRIVATE", "1")
            .env("RUST_LOG", "warn")
            .output()
            .expect("the dossier binary runs");
        (
            out.status.success(),
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        )
    };
    let feed = site.url("/feeds/atom.xml");
    let added = run(&["feed", "add", &feed]);
    assert!(added.0 && added.1.contains("added"), "{added:?}");
    let listed = run(&["feed", "list"]);
    assert!(listed.0 && listed.1.contains(&feed) && listed.1.contains("active"), "{listed:?}");
    let removed = run(&["feed", "remove", &feed]);
    assert!(removed.0 && removed.1.contains("removed"), "{removed:?}");
    assert!(!run(&["feed", "remove", &feed]).0, "removing a missing feed succeeded");
    // The server answers on the runtime's other thread while this one waits for the binary.
    let page = site.url("/mining/chile-lithium.html");
    let ingested = run(&["ingest", &page]);
    assert!(ingested.0 && ingested.1.contains("Ingested"), "{ingested:?}");
    let answer = run(&["ask", "/country Chile"]);
    assert!(answer.1.contains("40,000 tonnes") && answer.1.contains(&format!("<{page}>")), "{answer:?}");
}
