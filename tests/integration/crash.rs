//! Crash safety: `kill -9` in the middle of a digest fan-out to 1,000 chats, then a restart.

use std::{
    collections::HashMap,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use dossier::db;

use crate::{
    helpers::{config, data_dir},
    support::stand_in::{Fault, FaultKind, StandIn, TOKEN},
};

const CHATS: i64 = 1000;

fn spawn_bot(tg: &StandIn, database_url: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("serve")
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.url())
        .env("DATABASE_URL", database_url)
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("DIGEST_TICK_SECS", "1")
        .env("TELEGRAM_GLOBAL_RATE", "2000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the dossier binary starts")
}

/// Successful digest sends per chat.
fn digests_per_chat(tg: &StandIn) -> HashMap<i64, usize> {
    let mut counts = HashMap::new();
    for call in tg.calls_of("SendMessage") {
        if !call.rejected && call.response_status == 200 && call.text().is_some_and(|t| t.contains("Your digest")) {
            *counts.entry(call.chat_id().unwrap_or_default()).or_default() += 1;
        }
    }
    counts
}

async fn wait_for_digests(tg: &StandIn, at_least: usize, timeout: Duration) -> HashMap<i64, usize> {
    let deadline = Instant::now() + timeout;
    loop {
        let counts = digests_per_chat(tg);
        if counts.len() >= at_least || Instant::now() > deadline {
            return counts;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_fan_out_killed_midway_delivers_every_digest_after_restart_with_bounded_duplicates() {
    let tg = StandIn::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&tg, &dir);
    let dossier = dossier::app::open(&cfg).await.unwrap();
    for chat in 1..=CHATS {
        db::chats::ensure(&dossier.pool, chat, "private", None).await.unwrap();
        db::subscriptions::subscribe(&dossier.pool, chat, "topic:energy", None, "2020-01-01T09:00:00.000Z")
            .await
            .unwrap();
    }
    dossier.pool.close().await;
    // Slow answers keep the fan-out in flight long enough to kill it midway.
    tg.inject(Fault::new(FaultKind::Delay(Duration::from_millis(15))).on("SendMessage").always());

    let mut first = spawn_bot(&tg, &cfg.database_url);
    let before_kill = wait_for_digests(&tg, 300, Duration::from_secs(60)).await;
    first.kill().expect("kill -9");
    first.wait().unwrap();
    assert!(
        before_kill.len() >= 300 && before_kill.len() < CHATS as usize,
        "the kill did not land midway: {}",
        before_kill.len()
    );

    tg.clear_faults();
    let mut second = spawn_bot(&tg, &cfg.database_url);
    let after = wait_for_digests(&tg, CHATS as usize, Duration::from_secs(90)).await;
    let missing: Vec<i64> = (1..=CHATS).filter(|c| !after.contains_key(c)).collect();
    assert!(
        missing.is_empty(),
        "{} chats never got their digest: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );
    let duplicated: Vec<(&i64, &usize)> = after.iter().filter(|(_, n)| **n > 1).collect();
    assert!(after.values().all(|n| *n <= 2), "a chat got more than one duplicate: {duplicated:?}");
    assert!(duplicated.len() <= 64, "more duplicates ({}) than messages in flight", duplicated.len());

    // SIGTERM: a graceful stop.
    Command::new("kill").arg("-TERM").arg(second.id().to_string()).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the bot did not stop within 10 s of SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "SIGTERM ended the bot with {status}");

    let pool = db::connect(&cfg.database_url).await.unwrap();
    let statuses = db::outbox::status_counts(&pool).await.unwrap();
    assert_eq!(statuses, vec![("sent".to_owned(), CHATS)], "every digest is recorded as sent");
    eprintln!("killed after {} chats; {} duplicates after restart", before_kill.len(), duplicated.len());
}

/// Indexes and the trigger a bulk load sets aside (`db::bulk`): all must be back after a crash.
const SET_ASIDE: [&str; 5] = [
    "sentences_fact_key",
    "mentions_newest",
    "sentence_topics_newest",
    "discovered_entities_key",
    "sentences_fts_insert",
];

#[tokio::test]
async fn a_bulk_ingest_killed_midway_leaves_the_previous_fact_base_answering() {
    let tg = StandIn::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&tg, &dir);
    dossier::app::open(&cfg).await.unwrap().pool.close().await; // the seed document, the normal way
    // 3,000 documents (about 6.5 MB): a bulk load that takes seconds.
    let texts: Vec<String> = std::fs::read_dir(data_dir().join("../tests/documents"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let docs = dir.path().join("many");
    std::fs::create_dir(&docs).unwrap();
    let files: Vec<String> = (0..3000)
        .map(|i| {
            let path = docs.join(format!("bulk-{i:04}.txt"));
            std::fs::write(&path, format!("{}\n\nNote {i}.", texts[i % texts.len()])).unwrap();
            path.display().to_string()
        })
        .collect();

    let mut ingest = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("ingest")
        .args(&files)
        .env_clear()
        .env("DATABASE_URL", &cfg.database_url)
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dossier ingest starts");
    let stderr = ingest.stderr.take().unwrap();
    let (started, bulk) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("bulk-loading") {
                let _ = started.send(());
            }
        }
    });
    bulk.recv_timeout(Duration::from_secs(60)).expect("the ingest never began its bulk load");
    std::thread::sleep(Duration::from_millis(300));
    assert!(ingest.try_wait().unwrap().is_none(), "the bulk load was over before the kill");
    ingest.kill().expect("kill -9");
    ingest.wait().unwrap();

    let pool = db::connect(&cfg.database_url).await.unwrap();
    let names: Vec<String> = db::documents::list(&pool).await.unwrap().into_iter().map(|d| d.name).collect();
    assert_eq!(names, ["russia-foreign-policy-2024.txt"], "part of the killed load was kept");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&pool).await.unwrap();
    assert_eq!(check, "ok");
    let back: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name IN (SELECT value FROM json_each(?))")
            .bind(serde_json::to_string(&SET_ASIDE).unwrap())
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(back.len(), SET_ASIDE.len(), "an index set aside did not come back: {back:?}");
    pool.close().await;
    let answer = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["ask", "/country China"])
        .env_clear()
        .env("DATABASE_URL", &cfg.database_url)
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&answer.stdout);
    assert!(answer.status.success() && text.contains("$240 billion"), "the old base does not answer: {text}");
}
