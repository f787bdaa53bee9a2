//! Feed benchmarks: article extraction alone (pages per second on the saved pages of
//! `tests/fixtures/web/`), and one feed of 100 items polled and ingested end to end from a local
//! HTTP server (fetch, extraction, parsing, one ingest transaction per item).
//!
//! `cargo bench --bench feeds` (`DOSSIER_BENCH_ITEMS`, default 100, sets the feed's size).

use std::{
    hint::black_box,
    time::{Duration, Instant},
};

use axum::{extract::Path, http::header, response::IntoResponse};
use dossier::{
    db,
    facts::{Ingestor, Knowledge},
    feeds::Poller,
    web::{FetchLimits, Fetcher, article},
};

const PAGES: &[&str] =
    &["kenya-port.html", "chile-lithium.html", "norway-grid.html", "peru-fishing.html", "mongolia-rail.ru.html"];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/web/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("a fixture page")
}

/// Item `i`'s page: a fixture with a paragraph of its own, so no two items are the same text.
fn item_page(i: usize) -> String {
    let page = fixture(PAGES[i % 4]);
    let extra = format!(
        "<p>Officials said follow-up talks number {i} would take place in the second half of the year.</p></article>"
    );
    page.replacen("</article>", &extra, 1)
}

fn bench_extraction() {
    let pages: Vec<String> = PAGES.iter().map(|p| fixture(p)).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let budget = Duration::from_secs(5);
    let start = Instant::now();
    let mut done = 0usize;
    while start.elapsed() < budget {
        for page in &pages {
            black_box(article::extract(black_box(page), Some("https://news.example/a")).ok());
        }
        done += pages.len();
    }
    let secs = start.elapsed().as_secs_f64();
    let rate = done as f64 / secs;
    let mib = (done / pages.len() * bytes) as f64 / secs / (1024.0 * 1024.0);
    println!("extraction: {done} pages in {secs:.2} s = {rate:.0} pages/s ({mib:.1} MiB/s of HTML), one thread");
}

async fn bench_feed(items: usize) -> anyhow::Result<()> {
    let feed = {
        let entries: String = (0..items)
            .map(|i| format!("<item><title>Story {i}</title><link>{{base}}/story/{i}</link></item>"))
            .collect();
        format!(
            "<rss version=\"2.0\"><channel><title>Bench wire</title><language>en</language>{entries}</channel></rss>"
        )
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let feed = feed.replace("{base}", &base);
    let app = axum::Router::new()
        .route(
            "/feed.xml",
            axum::routing::get(move || async move { ([(header::CONTENT_TYPE, "application/rss+xml")], feed) }),
        )
        .route(
            "/story/{i}",
            axum::routing::get(|Path(i): Path<usize>| async move {
                ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], item_page(i)).into_response()
            }),
        );
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let dir = tempfile::tempdir()?;
    let pool = db::connect(&format!("sqlite://{}", dir.path().join("bench.sqlite").display())).await?;
    let limits = FetchLimits {
        max_bytes: 5 << 20,
        allow_private: true,
        timeout: Duration::from_secs(30),
        connect_timeout: Duration::from_secs(5),
    };
    let poller = Poller {
        intake: dossier::facts::intake::Intake::embedded(pool.clone(), Ingestor::new(Knowledge::bundled()?)),
        fetcher: Fetcher::new(limits)?,
        every: Duration::from_secs(600),
        max_failures: 10,
        stop: Default::default(),
    };
    dossier::feeds::add(&pool, &format!("{base}/feed.xml"), true).await?;
    let start = Instant::now();
    let outcome = poller.poll_due(chrono::Utc::now()).await?;
    let secs = start.elapsed().as_secs_f64();
    anyhow::ensure!(outcome.ingested == items, "only {} of {items} items were ingested: {outcome:?}", outcome.ingested);
    println!("one feed of {items} items, end to end: {secs:.2} s = {:.1} items/s", items as f64 / secs);
    server.abort();
    Ok(())
}

fn main() -> anyhow::Result<()> {
    bench_extraction();
    let items = std::env::var("DOSSIER_BENCH_ITEMS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    tokio::runtime::Runtime::new()?.block_on(bench_feed(items))
}
