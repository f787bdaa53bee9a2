//! Webhook mode as an operator runs it: the real binary refuses to start without a secret, counts exactly
//! in `/metrics`, never logs the secret even at trace level, and on SIGTERM answers every update it
//! accepted before exiting 0.

use std::{
    net::SocketAddr,
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::{
    helpers::{PATIENCE, data_dir, free_port, sent_to},
    support::stand_in::{Fault, FaultKind, StandIn, TOKEN},
    webhook::get,
};

const SECRET: &str = "process-webhook-SECRET-0123456789";

/// `dossier serve` in webhook mode on `port`, logging at `log_level` to `log`.
fn spawn_webhook_bot(tg: &StandIn, dir: &Path, port: u16, log_level: &str, log: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("serve")
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.url())
        .env("DATABASE_URL", format!("sqlite://{}", dir.join("db.sqlite").display()))
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("WEBHOOK_URL", format!("http://127.0.0.1:{port}/tg/{port}"))
        .env("WEBHOOK_SECRET", SECRET)
        .env("WEBHOOK_LISTEN", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", log_level)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the dossier binary starts")
}

/// How long a stop may take: five replies held 800 ms each by the stand-in, on a loaded CI machine (the full
/// suite, PostgreSQL tests included, runs beside it). The README promises "within seconds", not a figure.
const STOP_PATIENCE: Duration = Duration::from_secs(30);

/// Sends SIGTERM and waits (at most [`STOP_PATIENCE`]) for the exit; returns whether it was clean and how long
/// it took. A bot that does not stop fails the test with its log (the file at `log`).
async fn terminate(child: &mut Child, log: &Path) -> (bool, Duration) {
    let asked = Instant::now();
    Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().expect("kill runs");
    loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            return (status.success(), asked.elapsed());
        }
        if asked.elapsed() >= STOP_PATIENCE {
            let _ = child.kill();
            let logs = std::fs::read_to_string(log).unwrap_or_default();
            panic!("the bot did not stop within {STOP_PATIENCE:?} of SIGTERM; its log:\n{logs}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The value of the Prometheus sample `name` (with its labels), if present.
fn sample(metrics: &str, name: &str) -> Option<f64> {
    metrics.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

#[test]
fn webhook_mode_without_a_secret_refuses_to_start_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("serve")
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("DATABASE_URL", format!("sqlite://{}", dir.path().join("db.sqlite").display()))
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("WEBHOOK_URL", "https://bot.example.org/telegram")
        .output()
        .expect("the dossier binary runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("WEBHOOK_SECRET") && stderr.contains("required"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "not a one-line error: {stderr}");
}

#[tokio::test]
async fn metrics_count_exactly_and_the_secret_never_appears_in_logs_even_at_trace_level() {
    let tg = StandIn::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log_path = dir.path().join("trace.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = spawn_webhook_bot(&tg, dir.path(), port, "trace", log.into());
    tg.wait_for("SetWebhook", 1, Duration::from_secs(20)).await;
    let mut update = crate::support::stand_in::updates::text_message(721, 721, "/country India");
    update["update_id"] = serde_json::json!(5_000);
    assert_eq!(tg.post_update(update.clone()).await.status, Some(200));
    tg.wait_until(|calls| sent_to(calls, 721) >= 1, PATIENCE).await;
    assert_eq!(tg.post_update(update.clone()).await.status, Some(200), "a replay is acknowledged");
    assert_eq!(tg.post_update_with_secret(update, Some("wrong-secret-0123456789")).await.status, Some(401));
    tokio::time::sleep(Duration::from_millis(500)).await;

    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let (_, metrics) = get(addr, "/metrics").await;
    let replies = sent_to(&tg.calls(), 721) as f64;
    for (name, expected) in [
        ("dossier_updates_total{kind=\"message\"}", 1.0),
        ("dossier_updates_replayed_total", 1.0),
        ("dossier_webhook_refused_total", 1.0),
        ("dossier_replies_sent_total", 1.0),
        ("dossier_messages_sent_total{priority=\"interactive\"}", replies),
        ("dossier_reply_latency_seconds_count", 1.0),
        ("dossier_outbox_digests{status=\"pending\"}", 0.0),
    ] {
        assert_eq!(sample(&metrics, name), Some(expected), "{name} in:\n{metrics}");
    }

    let (clean, _) = terminate(&mut child, &log_path).await;
    assert!(clean, "SIGTERM did not stop the bot cleanly");
    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(logs.lines().count() > 20, "trace logging produced too little to be a test:\n{logs}");
    assert!(!logs.contains(SECRET) && !logs.contains("SECRET-0123456789"), "the webhook secret leaked into the logs");
    assert!(logs.contains(" TRACE ") && logs.contains("webhook registered"), "not a trace of webhook mode:\n{logs}");
}

#[tokio::test]
async fn sigterm_in_webhook_mode_answers_every_accepted_update_then_exits_zero() {
    let tg = StandIn::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log_path = dir.path().join("bot.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = spawn_webhook_bot(&tg, dir.path(), port, "info", log.into());
    tg.wait_for("SetWebhook", 1, Duration::from_secs(20)).await;
    // Slow answers keep the replies in flight when SIGTERM arrives.
    tg.inject(Fault::new(FaultKind::Delay(Duration::from_millis(800))).on("SendMessage").always());
    let chats: Vec<i64> = (731..736).collect();
    for chat in &chats {
        assert_eq!(tg.post_text(*chat, *chat, "/country China").await.status, Some(200));
    }
    let (clean, took) = terminate(&mut child, &log_path).await;
    assert!(clean, "SIGTERM did not end the bot with exit code 0");
    let calls = tg.calls();
    let unanswered: Vec<&i64> = chats.iter().filter(|c| sent_to(&calls, **c) == 0).collect();
    assert!(unanswered.is_empty(), "accepted updates were dropped on SIGTERM: {unanswered:?}");
    assert!(took >= Duration::from_millis(600), "the bot did not wait for its replies in flight ({took:?})");
    let after = tg.post_text(737, 737, "/help").await;
    assert_eq!(after.status, None, "the listener is still open after the exit");
}
