//! Traffic runs, echo bot and full bot side by side: updates/s when fed as fast as they are taken, and the
//! median reply time of sequential questions paced at 20/s, under Telegram's 30/s (stand-in arrival of the
//! SendMessage − push time). Replies are looked for under the stand-in's lock without copying the recorded
//! calls: copying them, the full bot's larger cards held the stand-in up three times longer than echo's.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::{
    PATIENCE, QUESTIONS,
    bots::{self, Running},
};

/// One question every 50 ms in the reply-time runs: 20/s.
const QUESTION_EVERY: Duration = Duration::from_millis(50);

/// `global_rate` for the full bot in traffic runs: far above any rate reached, so the limiter never waits.
pub const UNLIMITED_RATE: u32 = 1_000_000;

/// The echo bot, or the full bot with its limiter out of the way.
async fn start(full: bool) -> anyhow::Result<Running> {
    if full { bots::full(UNLIMITED_RATE).await } else { bots::echo().await }
}

/// One replica on SQLite (the default) and on PostgreSQL side by side: updates/s and reply time.
pub async fn engines(n: usize, questions: usize) -> anyhow::Result<()> {
    println!("\n## one replica, shared state on SQLite and on PostgreSQL: {n} updates at once, {questions} questions");
    let mut figures = Vec::new();
    for postgres in [false, true] {
        let bot = bots::full_on(UNLIMITED_RATE, postgres).await?;
        feed(&bot, 50, 9_000_000).await?;
        let rate = feed(&bot, n, 1).await?;
        let median = median_reply(&bot, questions).await?;
        let engine = if postgres { "pg" } else { "sqlite" };
        println!("{engine:<6} {rate:>10.0} updates/s   median reply {median:>9.3?}");
        figures.push((rate, median));
        bot.stop().await;
    }
    let ((sqlite_rate, sqlite_median), (pg_rate, pg_median)) = (figures[0], figures[1]);
    println!(
        "pg ÷ sqlite: updates/s {:.2}, median reply {:.2}",
        pg_rate / sqlite_rate,
        pg_median.as_secs_f64() / sqlite_median.as_secs_f64()
    );
    Ok(())
}

/// The median reply time of `questions` sequential questions from distinct chats, after a warm-up.
async fn median_reply(bot: &Running, questions: usize) -> anyhow::Result<Duration> {
    for i in 0..20 {
        ask(bot, 8_000_000 + i, QUESTIONS[i as usize % QUESTIONS.len()]).await?;
    }
    let mut times = Vec::with_capacity(questions);
    for i in 0..questions {
        times.push(ask(bot, 2_000_000 + i as i64, QUESTIONS[i % QUESTIONS.len()]).await?);
    }
    times.sort();
    Ok(times[times.len() / 2])
}

/// Pushes `n` updates from distinct private chats at once and times until `n` replies arrived.
async fn feed(bot: &Running, n: usize, first_chat: i64) -> anyhow::Result<f64> {
    bot.tg.clear_calls();
    let started = Instant::now();
    for i in 0..n {
        let chat = first_chat + i as i64;
        bot.tg.push_text(chat, chat, QUESTIONS[i % QUESTIONS.len()]);
    }
    let deadline = started + PATIENCE;
    loop {
        // Polled slowly: the time comes from the stand-in's record, not from this loop.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (sent, last) = bot.tg.successes_of("SendMessage");
        if sent >= n {
            let last = last.context("no send recorded")?;
            return Ok(n as f64 / last.duration_since(started).as_secs_f64());
        }
        anyhow::ensure!(Instant::now() < deadline, "{}: only {sent} of {n} replies in {PATIENCE:?}", bot.name);
    }
}

/// Echo and the full bot, one after the other `rounds` times, each fed `n` updates: every pair's ratio and
/// their median (pairs alternate so that a busy spell on the shared cores hits both bots alike).
pub async fn throughput(n: usize, rounds: usize) -> anyhow::Result<()> {
    println!("\n## throughput: {n} updates from distinct chats, pushed at once, {rounds} alternated pairs");
    let mut ratios = Vec::new();
    for _ in 0..rounds {
        let mut rates = Vec::new();
        for full in [false, true] {
            let bot = start(full).await?;
            // A short warm-up, so connection set-up and first queries are not counted.
            feed(&bot, 50, 9_000_000).await?;
            let rate = feed(&bot, n, 1).await?;
            println!("{:<5} {rate:>10.0} updates/s", bot.name);
            rates.push(rate);
            bot.stop().await;
        }
        ratios.push(rates[1] / rates[0]);
        println!("full ÷ echo: {:.2}", rates[1] / rates[0]);
    }
    report_ratios(&ratios);
    Ok(())
}

/// The same against the minimal responder (no validation, no records): the bots' own figure, without the
/// stand-in's checking of the full bot's larger cards on the same two cores.
/// `only_full` leaves echo out (for profiling the full bot alone).
pub async fn throughput_minimal(n: usize, rounds: usize, only_full: bool) -> anyhow::Result<()> {
    println!("\n## throughput, minimal responder: {n} updates from distinct chats, {rounds} alternated pairs");
    let mut ratios = Vec::new();
    let bots: &[bool] = if only_full { &[true] } else { &[false, true] };
    for _ in 0..rounds {
        let mut rates = Vec::new();
        for &full in bots {
            let bot = bots::on_minimal(full, UNLIMITED_RATE).await?;
            feed_minimal(&bot, 50, 9_000_000).await?;
            let rate = feed_minimal(&bot, n, 1).await?;
            println!("{:<5} {rate:>10.0} updates/s", bot.name);
            rates.push(rate);
            bot.stop().await;
        }
        if let [echo, full] = rates[..] {
            ratios.push(full / echo);
            println!("full ÷ echo: {:.2}", full / echo);
        }
    }
    if !ratios.is_empty() {
        report_ratios(&ratios);
    }
    Ok(())
}

fn report_ratios(ratios: &[f64]) {
    let mut sorted = ratios.to_vec();
    sorted.sort_by(f64::total_cmp);
    let listed: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
    println!("full ÷ echo, every pair: {}; median {:.2} (target ≥ 0.8)", listed.join(" / "), sorted[sorted.len() / 2]);
}

/// Pushes `n` updates at once to a bot on the minimal responder and times until `n` more sends arrived.
async fn feed_minimal(bot: &bots::RunningMinimal, n: usize, first_chat: i64) -> anyhow::Result<f64> {
    let before = bot.tg.sends();
    let started = Instant::now();
    for i in 0..n {
        bot.tg.push_text(first_chat + i as i64, QUESTIONS[i % QUESTIONS.len()]);
    }
    let deadline = started + PATIENCE;
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let sent = bot.tg.sends() - before;
        if sent >= n as u64 {
            let last = bot.tg.last_send_at().context("no send recorded")?;
            return Ok(n as f64 / last.duration_since(started).as_secs_f64());
        }
        anyhow::ensure!(Instant::now() < deadline, "{}: only {sent} of {n} replies in {PATIENCE:?}", bot.name);
    }
}

/// Sends one question and returns the time until the stand-in received the reply.
pub async fn ask(bot: &Running, chat: i64, text: &str) -> anyhow::Result<Duration> {
    bot.tg.clear_calls();
    let pushed = Instant::now();
    bot.tg.push_text(chat, chat, text);
    let deadline = pushed + PATIENCE;
    loop {
        if let Some(at) = bot.tg.first_success_at("SendMessage", chat) {
            return Ok(at.duration_since(pushed));
        }
        anyhow::ensure!(Instant::now() < deadline, "{}: no reply to chat {chat} in {PATIENCE:?}", bot.name);
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

pub async fn latency(questions: usize) -> anyhow::Result<()> {
    println!("\n## reply time: {questions} sequential questions from distinct chats, paced at 20/s");
    let mut medians = Vec::new();
    for full in [false, true] {
        let bot = start(full).await?;
        for i in 0..20 {
            ask(&bot, 8_000_000 + i, QUESTIONS[i as usize % QUESTIONS.len()]).await?;
        }
        let mut times = Vec::with_capacity(questions);
        let mut next = Instant::now();
        for i in 0..questions {
            tokio::time::sleep_until(next.into()).await;
            next += QUESTION_EVERY;
            times.push(ask(&bot, 1 + i as i64, QUESTIONS[i % QUESTIONS.len()]).await?);
        }
        times.sort();
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!("{:<5} median {:>9.3?}  p90 {:>9.3?}  p99 {:>9.3?}", bot.name, at(0.5), at(0.9), at(0.99));
        medians.push(at(0.5));
        bot.stop().await;
    }
    println!("full ÷ echo (median): {:.2} (target ≤ 1.25)", medians[1].as_secs_f64() / medians[0].as_secs_f64());
    Ok(())
}
