//! Load harness: a bare teloxide echo bot and the full Dossier bot side by side against the stand-in Bot API
//! (updates/s, reply time), another chat's reply time during a flood, the digest engine at scale, fan-out
//! under Telegram's limits, and the real binary's memory and start-up time.
//!
//! ```sh
//! cargo build --release && cargo run --release --example loadtest -- [--only throughput,throughput-minimal,latency,engines,flood,digest,fanout,rss,startup]
//! ```
//! Traffic goes only to 127.0.0.1; every wait is bounded.

#[path = "../../tests/support/mod.rs"]
mod support;

mod bots;
mod digest;
mod flood;
mod process;
mod traffic;

use std::{path::PathBuf, time::Duration};

use clap::Parser;

/// What to measure, and how much.
#[derive(Parser, Debug, Clone)]
#[command(about = "Dossier load harness (see README, Performance)")]
pub struct Args {
    /// Comma-separated parts: throughput, throughput-minimal, latency, engines, flood, digest, fanout, rss, startup (default: all).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Updates fed to each bot in the throughput run (distinct chats).
    #[arg(long, default_value_t = 2_000)]
    pub updates: usize,
    /// Alternated echo/full pairs in the throughput runs.
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
    /// In the minimal-responder throughput run, run the full bot only (for profiling it alone).
    #[arg(long)]
    pub only_full: bool,
    /// Sequential questions in the reply-time run.
    #[arg(long, default_value_t = 200)]
    pub questions: usize,
    /// Flood sizes in the flood run: one user's commands pushed at once, one size per round.
    #[arg(long, value_delimiter = ',', default_values_t = [300, 1_000, 5_000])]
    pub floods: Vec<usize>,
    /// Questions from other chats timed in each flood round.
    #[arg(long, default_value_t = 50)]
    pub flood_questions: usize,
    /// Chats (one subscription each) in the digest-engine run.
    #[arg(long, default_value_t = 100_000)]
    pub subscriptions: i64,
    /// In the digest run, answer with the cheapest responder teloxide accepts (no validation, no records).
    #[arg(long)]
    pub minimal_stand_in: bool,
    /// In the digest run, also run the engine with the shared state on PostgreSQL (the test server).
    #[arg(long)]
    pub postgres: bool,
    /// Chats in the fan-out run under the 30/s limit.
    #[arg(long, default_value_t = 300)]
    pub fanout_chats: i64,
    /// Updates fed to the real binary for its peak RSS under load.
    #[arg(long, default_value_t = 2_000)]
    pub rss_updates: usize,
    /// Start-ups timed (each with an existing database).
    #[arg(long, default_value_t = 5)]
    pub starts: usize,
    /// The `dossier` binary for rss and startup (default: next to this example, e.g. target/release/dossier).
    #[arg(long)]
    pub bin: Option<PathBuf>,
}

impl Args {
    fn wants(&self, part: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|p| p.trim() == part)
    }
}

/// The longest any one wait of the harness may take.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// Requests sent round-robin to both bots in the traffic runs.
pub const QUESTIONS: &[&str] =
    &["/country China", "/summit BRICS", "How much did Russia trade with China?", "/search transport corridor"];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    println!("Dossier load harness ({} cores)", std::thread::available_parallelism().map_or(1, |n| n.get()));
    if args.wants("throughput") {
        traffic::throughput(args.updates, args.rounds).await?;
    }
    if args.wants("throughput-minimal") {
        traffic::throughput_minimal(args.updates, args.rounds, args.only_full).await?;
    }
    if args.wants("latency") {
        traffic::latency(args.questions).await?;
    }
    if args.wants("engines") {
        traffic::engines(args.updates, args.questions).await?;
    }
    if args.wants("flood") {
        flood::run(&args.floods, args.flood_questions).await?;
    }
    // The fan-out is timing-sensitive: it goes before the digest run, which leaves a large heap behind.
    if args.wants("fanout") {
        digest::fanout(args.fanout_chats).await?;
    }
    if args.wants("digest") {
        digest::engine(args.subscriptions, args.minimal_stand_in, args.postgres).await?;
    }
    if args.wants("rss") || args.wants("startup") {
        process::run(&args, args.wants("rss"), args.wants("startup")).await?;
    }
    Ok(())
}
