//! The real binary, `dossier serve`, against the stand-in: peak RSS idle and under load (VmHWM from
//! /proc/<pid>/status), and the time from process start to its first getUpdates with an existing database.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::Context;

use crate::{
    Args, PATIENCE, QUESTIONS,
    bots::data_dir,
    support::stand_in::{StandIn, TOKEN},
};

/// The `dossier` binary: `--bin`, else the one beside this example's folder (target/<profile>/dossier).
fn binary(args: &Args) -> anyhow::Result<PathBuf> {
    let path = match &args.bin {
        Some(path) => path.clone(),
        None => {
            let exe = std::env::current_exe()?;
            exe.parent().and_then(Path::parent).context("no parent folder")?.join("dossier")
        }
    };
    anyhow::ensure!(path.exists(), "{} not found: run `cargo build --release` first, or pass --bin", path.display());
    Ok(path)
}

fn spawn(bin: &Path, tg: &StandIn, dir: &Path) -> anyhow::Result<Child> {
    Command::new(bin)
        .arg("serve")
        .current_dir(dir) // no stray .env is read
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.url())
        .env("DATABASE_URL", format!("sqlite://{}", dir.join("dossier.sqlite").display()))
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("DIGEST_TICK_SECS", "5")
        .env("TELEGRAM_GLOBAL_RATE", "1000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))
}

/// Waits (bounded) for the first getUpdates; returns when it arrived.
async fn first_poll(tg: &StandIn) -> anyhow::Result<Instant> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(call) = tg.calls_of("GetUpdates").first() {
            return Ok(call.at);
        }
        anyhow::ensure!(Instant::now() < deadline, "dossier serve never polled");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// SIGTERM (graceful stop), then SIGKILL if it is still running after 10 s.
async fn stop(mut child: Child) -> anyhow::Result<()> {
    Command::new("kill").arg("-TERM").arg(child.id().to_string()).status()?;
    for _ in 0..200 {
        if child.try_wait()?.is_some() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill()?;
    child.wait()?;
    Ok(())
}

/// (VmRSS, VmHWM) in MB.
fn memory(pid: u32) -> anyhow::Result<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> anyhow::Result<f64> {
        let line = status.lines().find(|l| l.starts_with(name)).with_context(|| format!("no {name}"))?;
        let kb: f64 = line.split_whitespace().nth(1).context("no value")?.parse()?;
        Ok(kb / 1024.0)
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

pub async fn run(args: &Args, rss: bool, startup: bool) -> anyhow::Result<()> {
    let bin = binary(args)?;
    let dir = tempfile::tempdir()?;
    let tg = StandIn::start().await;
    println!("\n## the real binary: {}", bin.display());
    // The first start creates the database and ingests the seed document.
    let first = spawn(&bin, &tg, dir.path())?;
    first_poll(&tg).await?;
    stop(first).await?;

    if startup {
        let mut times = Vec::new();
        for _ in 0..args.starts.max(1) {
            tg.clear_calls();
            let spawned = Instant::now();
            let child = spawn(&bin, &tg, dir.path())?;
            times.push(first_poll(&tg).await?.duration_since(spawned));
            stop(child).await?;
        }
        times.sort();
        println!(
            "start → first getUpdates (existing database), {} starts: median {:.1?}, max {:.1?} (target < 500 ms)",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }

    if rss {
        tg.clear_calls();
        let child = spawn(&bin, &tg, dir.path())?;
        first_poll(&tg).await?;
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (idle_rss, idle_peak) = memory(child.id())?;
        println!("idle: VmRSS {idle_rss:.1} MB, VmHWM (peak) {idle_peak:.1} MB (target < 30 MB)");
        let n = args.rss_updates;
        let started = Instant::now();
        for i in 0..n {
            let chat = 1 + i as i64;
            tg.push_text(chat, chat, QUESTIONS[i % QUESTIONS.len()]);
        }
        while tg.calls_of("SendMessage").len() < n {
            anyhow::ensure!(started.elapsed() < PATIENCE, "dossier serve did not answer {n} updates");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let (load_rss, load_peak) = memory(child.id())?;
        println!(
            "after {n} updates at once ({:.1?}): VmRSS {load_rss:.1} MB, VmHWM (peak) {load_peak:.1} MB (target < 60 MB)",
            started.elapsed()
        );
        stop(child).await?;
    }
    Ok(())
}
