//! The `dossier` binary as an operator runs it: `ask`, `ingest`, `serve`, with bad files, a corrupt
//! database, a missing token, and logs at trace level that must not leak the token.

use std::{
    path::Path,
    process::{Command, Output, Stdio},
    time::Duration,
};

use crate::{helpers::data_dir, support::stand_in::StandIn};

fn dossier(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env_clear()
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("RUST_LOG", "warn")
        .output()
        .expect("the dossier binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn ask_prints_one_plain_reply_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&dir.path().join("db.sqlite"), &["ask", "/country China"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("$240 billion") && !stdout.contains("<b>"), "{stdout}");
}

#[test]
fn serve_without_a_token_says_how_to_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&dir.path().join("db.sqlite"), &["serve"]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("TELOXIDE_TOKEN") && stderr.contains(".env"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "not a one-line error: {stderr}");
}

#[test]
fn a_corrupt_database_file_gives_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("db.sqlite");
    std::fs::write(&database, b"this is not a database, just some bytes that fill the header page").unwrap();
    let out = dossier(&database, &["ask", "/country China"]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("database") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_console_help_gives_its_first_line_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&dir.path().join("db.sqlite"), &["ask", "/help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert_eq!(help.matches("Dossier answers from documents").count(), 1, "{help}");
    assert!(help.contains("/quiz"), "{help}");
}

#[test]
fn bad_documents_are_refused_with_clear_errors_and_leave_the_fact_base_whole() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("db.sqlite");
    assert!(dossier(&database, &["ask", "/help"]).status.success());
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "empty"),
        ("binary.txt", vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2], "binary"),
        ("cp1251.txt", vec![0xC8, 0xED, 0xE4, 0xE8, 0xFF, b' ', 0xE8], "not UTF-8"),
        ("huge.txt", "Russia and India signed an agreement. ".repeat(50 * 1024 * 1024 / 38).into_bytes(), "at most"),
    ];
    for (name, bytes, expected) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = dossier(&database, &["ingest", path.to_str().unwrap()]);
        assert!(!out.status.success(), "{name} was accepted");
        let stderr = text(&out.stderr) + &text(&out.stdout);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    let out = dossier(&database, &["ask", "/country China"]);
    assert!(text(&out.stdout).contains("$240 billion"), "the fact base was damaged");
}

#[tokio::test]
async fn the_token_never_appears_in_logs_even_at_trace_level() {
    let tg = StandIn::start().await;
    let token = "987654:SECRETsecretSECRETsecret";
    let dir = tempfile::tempdir().unwrap();
    // Logs go to a file: a pipe nobody reads would fill up and stall the bot.
    let log_path = dir.path().join("trace.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("serve")
        .env_clear()
        .env("TELOXIDE_TOKEN", token)
        .env("TELOXIDE_API_URL", tg.url())
        .env("DATABASE_URL", format!("sqlite://{}", dir.path().join("db.sqlite").display()))
        .env("DOSSIER_DATA_DIR", data_dir())
        .env("DIGEST_TICK_SECS", "1")
        .env("RUST_LOG", "trace")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    tg.wait_for("GetUpdates", 1, Duration::from_secs(20)).await;
    tg.push_text(55, 55, "/country India");
    tg.wait_for("SendMessage", 1, Duration::from_secs(20)).await;
    Command::new("kill").arg("-INT").arg(child.id().to_string()).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "SIGINT did not stop the bot cleanly");
    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(logs.lines().count() > 20, "trace logging produced too little to be a test:\n{logs}");
    assert!(!logs.contains("SECRETsecretSECRETsecret"), "the token leaked into the logs");
    assert!(!logs.contains("SECRETsecret"), "part of the token leaked into the logs");
}
