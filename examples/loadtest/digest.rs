//! The digest engine at scale (scheduler step + outbox delivery, stand-in answering at once) and the fan-out
//! under Telegram's limits (stand-in flood control on: 30/s overall, 1/s per chat, 429 beyond).

use std::{sync::Arc, time::Instant};

use anyhow::Context;
use chrono::Utc;
use dossier::{
    answer::Dossier,
    db::postgres::test_server::ThrowawayDatabase,
    digest::scheduler,
    telegram::{self, Services, outbox},
};

use crate::{
    bots,
    support::stand_in::{RateLimit, StandIn, minimal::MinimalStandIn},
    traffic::UNLIMITED_RATE,
};

/// Subjects handed out round-robin, one per chat.
const SUBJECTS: &str = r#"["topic:energy","topic:trade","country:CN","country:IN","org:BRICS","topic:transport"]"#;

/// A fresh seed fact base on the Bot API at `api_url`, with `chats` private chats each subscribed to one
/// subject and due since 2020.
async fn subscribed(api_url: &str, dir: &tempfile::TempDir, chats: i64, rate: u32) -> anyhow::Result<Arc<Services>> {
    subscribed_on(api_url, dir, chats, rate, None).await
}

/// [`subscribed`], with the shared state in the PostgreSQL database `shared` when given.
async fn subscribed_on(
    api_url: &str,
    dir: &tempfile::TempDir,
    chats: i64,
    rate: u32,
    shared: Option<&ThrowawayDatabase>,
) -> anyhow::Result<Arc<Services>> {
    let mut config = bots::config_at(api_url, dir)?;
    config.global_rate = rate;
    if let Some(db) = shared {
        config.database_url = db.url()?;
        config.fact_index_path = dir.path().join("fact-index.sqlite");
    }
    let dossier = dossier::app::open(&config).await.context("opening the fact base")?;
    let started = Instant::now();
    match shared {
        Some(db) => subscribe_many_pg(&db.pool, chats).await?,
        None => subscribe_many(&dossier, chats).await?,
    }
    println!("({chats} chats subscribed in {:.1?})", started.elapsed());
    Services::connect(&config, dossier).await
}

/// One transaction of set-based inserts (the harness's own SQL: one `db::subscriptions::subscribe` per chat
/// would take minutes at 100,000).
async fn subscribe_many(dossier: &Dossier, chats: i64) -> anyhow::Result<()> {
    let mut tx = dossier.pool.begin().await?;
    let seq = "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?1)";
    sqlx::query(&format!(
        "{seq} INSERT INTO chats (chat_id, kind, created_at, next_slot)
         SELECT n, 'private', '2020-01-01T00:00:00.000Z', '2020-01-01T09:00:00.000Z' FROM seq"
    ))
    .bind(chats)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "{seq} INSERT INTO subscriptions (chat_id, subject, created_at)
         SELECT n, json_extract(?2, '$[' || (n % json_array_length(?2)) || ']'), '2020-01-01T00:00:00.000Z' FROM seq"
    ))
    .bind(chats)
    .bind(SUBJECTS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// [`subscribe_many`] on PostgreSQL: two set-based inserts.
async fn subscribe_many_pg(pool: &sqlx::PgPool, chats: i64) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO chats (chat_id, kind, created_at, next_slot)
         SELECT n, 'private', '2020-01-01T00:00:00.000Z', '2020-01-01T09:00:00.000Z' FROM generate_series(1, $1) n",
    )
    .bind(chats)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO subscriptions (chat_id, subject, created_at)
         SELECT n, ($2::jsonb) ->> (n % jsonb_array_length($2::jsonb))::int, '2020-01-01T00:00:00.000Z'
         FROM generate_series(1, $1) n",
    )
    .bind(chats)
    .bind(SUBJECTS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The engine against the validating stand-in, or (`minimal`) against the cheapest responder teloxide
/// accepts, so that the figure is the bot's and not the stand-in's; on SQLite, then (`postgres`) also with
/// the shared state on PostgreSQL.
pub async fn engine(chats: i64, minimal: bool, postgres: bool) -> anyhow::Result<()> {
    engine_on(chats, minimal, None).await?;
    if postgres {
        let db = ThrowawayDatabase::try_create().await?;
        engine_on(chats, minimal, Some(&db)).await?;
        db.drop_now().await;
    }
    Ok(())
}

async fn engine_on(chats: i64, minimal: bool, shared: Option<&ThrowawayDatabase>) -> anyhow::Result<()> {
    println!("\n# shared state on {}", if shared.is_some() { "PostgreSQL" } else { "SQLite" });
    let (tg, cheap) = if minimal {
        println!("\n## digest engine: {chats} subscriptions, minimal responder (no validation, no records)");
        (None, Some(MinimalStandIn::start().await))
    } else {
        println!("\n## digest engine: {chats} subscriptions, stand-in answering at once");
        (Some(StandIn::start().await), None)
    };
    let url = tg.as_ref().map(StandIn::url).or(cheap.as_ref().map(MinimalStandIn::url)).context("no stand-in")?;
    let dir = tempfile::tempdir()?;
    let services = subscribed_on(&url, &dir, chats, UNLIMITED_RATE, shared).await?;
    let now = Utc::now();
    let started = Instant::now();
    let enqueued = scheduler::enqueue_due(&services.dossier, now, services.config.digest_max_facts).await?;
    let written = started.elapsed();
    let delivered = outbox::deliver_due(&services, now).await?;
    let total = started.elapsed();
    let sent = delivered.sent as f64;
    println!("enqueue_due: {enqueued:?} in {written:.2?}: {:.0} chats/s", enqueued.due as f64 / written.as_secs_f64());
    println!(
        "deliver_due: {delivered:?} in {:.2?}: {:.0} msg/s",
        total - written,
        sent / (total - written).as_secs_f64()
    );
    println!("engine end to end: {:.0} msg/s (target ≥ 5,000)", sent / total.as_secs_f64());
    Ok(())
}

pub async fn fanout(chats: i64) -> anyhow::Result<()> {
    const ALLOWED: f64 = 30.0;
    println!("\n## fan-out: {chats} chats, stand-in flood control 30/s overall + 1/s per chat, default global rate");
    let tg = StandIn::start().await;
    tg.set_rate_limit(Some(RateLimit { global_per_sec: 30, per_chat_per_sec: 1 }));
    let dir = tempfile::tempdir()?;
    let services: Arc<telegram::Services> = subscribed(&tg.url(), &dir, chats, 30).await?;
    let now = Utc::now();
    scheduler::enqueue_due(&services.dossier, now, services.config.digest_max_facts).await?;
    tg.clear_calls();
    let started = Instant::now();
    let delivered = outbox::deliver_due(&services, now).await?;
    let elapsed = started.elapsed();
    let sends: Vec<_> = tg.calls_of("SendMessage").into_iter().filter(|c| !c.rejected).collect();
    let first = sends.iter().map(|c| c.at).min().context("nothing sent")?;
    let last = sends.iter().map(|c| c.at).max().context("nothing sent")?;
    // n sends span n − 1 intervals at the allowed rate.
    let achieved = (sends.len() as f64 - 1.0) / last.duration_since(first).as_secs_f64();
    println!("deliver_due: {delivered:?} in {elapsed:.2?}; {} accepted sends", sends.len());
    println!(
        "achieved {achieved:.2} msg/s ÷ allowed {ALLOWED} = {:.3} (target ≥ 0.95); 429s received: {} (target 0)",
        achieved / ALLOWED,
        tg.rate_limited_count()
    );
    Ok(())
}
