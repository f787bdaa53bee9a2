//! Discovery: what the test documents introduce (organisations, events with place and date, people, cities)
//! reaches `/summit`, `/country`, free text, inline mode, subscriptions and quizzes; re-ingesting replaces it.

use chrono::Utc;
use dossier::{db, digest::scheduler::enqueue_due, facts::Ingestor, telegram::outbox::deliver_due};

use crate::{
    helpers::{PATIENCE, TestBot, data_dir},
    support::stand_in::updates,
};

/// The English test documents (with their sidecars) beside the seed, in a folder of their own.
fn documents() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let tests = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/documents");
    let seed = data_dir().join("documents");
    for (from, name) in [
        (&seed, "russia-foreign-policy-2024"),
        (&tests, "india-diplomacy-2024"),
        (&tests, "turkic-states-bishkek-communique"),
        (&tests, "world-briefs-2024-11-18"),
    ] {
        for ext in ["txt", "toml"] {
            std::fs::copy(from.join(format!("{name}.{ext}")), dir.path().join(format!("{name}.{ext}"))).unwrap();
        }
    }
    dir
}

async fn bot_with(docs: &tempfile::TempDir) -> TestBot {
    let path = docs.path().to_owned();
    TestBot::start_with(move |c| c.documents_dir = path).await
}

#[tokio::test]
async fn a_discovered_summit_has_its_card_with_place_date_and_the_host_countrys_card_shows_it() {
    let docs = documents();
    let bot = bot_with(&docs).await;
    let ots = bot.ask(601, "/summit OTS").await.join("\n");
    for expected in ["Organization of Turkic States", "📍 Bishkek", "📅 2024-11-06", "Eleventh Summit"] {
        assert!(ots.contains(expected), "{expected:?} missing from {ots}");
    }
    let by_name = bot.ask(601, "/summit Organization of Turkic States").await.join("\n");
    assert!(by_name.contains("📍 Bishkek"), "{by_name}");
    let kyrgyzstan = bot.ask(601, "/country Kyrgyzstan").await.join("\n");
    assert!(kyrgyzstan.contains("OTS Summit in Bishkek"), "the host's card shows the event: {kyrgyzstan}");
    let apec = bot.ask(601, "/summit APEC").await.join("\n");
    assert!(apec.contains("📍 Lima"), "{apec}");
    let brics = bot.ask(601, "/summit BRICS").await.join("\n");
    assert!(brics.contains("📍 Kazan") && brics.contains("📅 2024-10"), "two documents, one summit: {brics}");
    assert!(brics.contains("👥 36 countries"), "{brics}");
    assert!(!brics.contains("👥 40 years") && !brics.contains("👥 five"), "durations are no participants: {brics}");
    bot.stop().await;
}

#[tokio::test]
async fn free_text_and_inline_mode_reach_discovered_names() {
    let docs = documents();
    let bot = bot_with(&docs).await;
    let fund = bot.ask(602, "How much capital does the Turkic Investment Fund have?").await.join("\n");
    assert!(fund.contains("$500 million"), "{fund}");
    let efta = bot.ask(602, "/summit EFTA").await.join("\n");
    assert!(efta.contains("$100 billion"), "{efta}");
    bot.tg.push_update(updates::inline_query(602, "OTS", ""));
    let answer = bot.tg.wait_for("AnswerInlineQuery", 1, PATIENCE).await.remove(0);
    assert_eq!(answer.body["results"][0]["title"], "Organization of Turkic States", "{}", answer.body);
    bot.stop().await;
}

#[tokio::test]
async fn an_acronym_subscription_gets_its_digest() {
    let docs = documents();
    let bot = bot_with(&docs).await;
    let reply = bot.ask(603, "/subscribe OTS").await.join("\n");
    assert!(reply.contains("Organization of Turkic States"), "{reply}");
    let subjects = db::subscriptions::list(&bot.dossier.pool, 603).await.unwrap();
    assert_eq!(subjects.iter().map(|s| s.subject.as_str()).collect::<Vec<_>>(), vec!["org:OTS"]);
    let slot = chrono::Utc::now() + chrono::Duration::days(2);
    let enqueued = enqueue_due(&bot.dossier, slot, bot.config.digest_max_facts).await.unwrap().enqueued;
    assert_eq!(enqueued, 1);
    let before = bot.tg.sent_texts(603).len();
    let services = bot.services().await;
    deliver_due(&services, slot).await.unwrap();
    let digest = bot.tg.sent_texts(603).split_off(before).join("\n");
    assert!(digest.contains("Organization of Turkic States") && digest.contains("Bishkek"), "{digest}");
    bot.stop().await;
}

#[tokio::test]
async fn the_quiz_asks_which_city_hosted_a_discovered_summit() {
    let docs = documents();
    let bot = bot_with(&docs).await;
    let questions: Vec<(String, String)> =
        sqlx::query_as("SELECT question, options FROM quiz_questions WHERE kind = 'place'")
            .fetch_all(&bot.dossier.pool)
            .await
            .unwrap();
    let ots = questions.iter().find(|(q, _)| q.contains("OTS Summit")).unwrap_or_else(|| panic!("{questions:?}"));
    assert!(ots.0.starts_with("Which city hosted") && ots.1.contains("Bishkek"), "{ots:?}");
    bot.stop().await;
}

#[tokio::test]
async fn re_ingesting_a_changed_document_replaces_its_discoveries_and_keeps_the_subscription() {
    let docs = documents();
    let bot = bot_with(&docs).await;
    bot.ask(604, "/subscribe OTS").await;
    let path = docs.path().join("turkic-states-bishkek-communique.txt");
    std::fs::write(&path, "The leaders met in Bishkek on 6 November 2024 and agreed to meet again.").unwrap();
    Ingestor::new(bot.dossier.knowledge.clone()).ingest_file(&bot.dossier.pool, &path).await.unwrap();
    let gone = bot.ask(604, "/summit OTS").await.join("\n");
    assert!(!gone.contains("📍 Bishkek"), "the old discovery survived: {gone}");
    let subs = bot.ask(604, "/subscriptions").await.join("\n");
    assert!(subs.contains("OTS") && subs.contains("no longer in the documents"), "{subs}");
    let stored = db::subscriptions::list(&bot.dossier.pool, 604).await.unwrap();
    assert_eq!(stored.len(), 1, "the subscription is kept");
    let _ = Utc::now();
    bot.stop().await;
}

#[tokio::test]
async fn no_card_quotes_a_sentence_about_something_else() {
    let docs = documents();
    let bot = bot_with(&docs).await;
    let austria = bot.ask(605, "/country Austria").await.join("\n");
    assert!(!austria.contains("travelled to Ukraine"), "He then travelled… is not about Austria: {austria}");
    let iran = bot.ask(605, "/country Iran").await.join("\n");
    assert!(!iran.contains("Indian Ports Global Limited"), "{iran}");
    let azerbaijan = bot.ask(605, "/country Azerbaijan").await.join("\n");
    assert!(!azerbaijan.contains("Kenya"), "{azerbaijan}");
    bot.stop().await;
}
