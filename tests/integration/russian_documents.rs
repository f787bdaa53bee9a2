//! Russian-language documents: a document whose sidecar says `language = "ru"` is ingested like an English one,
//! and `/country` quotes its Russian sentences with the figures bold, in HTML that Telegram accepts.

use std::path::Path;

use crate::helpers::{TestBot, data_dir, rejected};

const DOCUMENT: &str = "kazakhstan-vneshnyaya-politika-2024";

/// A documents folder with the seed and the Russian test document, each with its sidecar.
fn documents_with_the_russian_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let seed = data_dir().join("documents");
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/documents");
    for (from, name) in [(&seed, "russia-foreign-policy-2024"), (&tests, DOCUMENT)] {
        for ext in ["txt", "toml"] {
            let file = format!("{name}.{ext}");
            std::fs::copy(from.join(&file), dir.path().join(&file)).expect("the document is copied");
        }
    }
    dir
}

async fn bot_with_the_russian_article(dir: &tempfile::TempDir) -> TestBot {
    let documents = dir.path().to_path_buf();
    TestBot::start_with(move |config| config.documents_dir = documents).await
}

#[tokio::test]
async fn the_kazakhstan_card_quotes_the_russian_sentences_with_bold_figures() {
    let dir = documents_with_the_russian_article();
    let bot = bot_with_the_russian_article(&dir).await;
    let card = bot.ask(1201, "/country Kazakhstan").await.join("\n");
    assert!(card.contains("Казахстаном и Китаем"), "the China trade sentence is missing: {card}");
    assert!(card.contains("<b>41 млрд долларов</b>"), "the trade figure is not bold: {card}");
    assert!(card.contains("<b>5 тысяч тонн</b>"), "the aid tonnage is not bold: {card}");
    assert!(card.contains("Внешняя политика Казахстана в 2024 году"), "the source title is missing: {card}");
    assert_eq!(rejected(&bot.tg), Vec::<String>::new(), "Telegram would have refused some replies");
    bot.stop().await;
}

#[tokio::test]
async fn the_russian_name_finds_the_same_card_and_inflected_mentions_reach_other_countries() {
    let dir = documents_with_the_russian_article();
    let bot = bot_with_the_russian_article(&dir).await;
    let by_russian_name = bot.ask(1202, "/country Казахстан").await.join("\n");
    assert!(by_russian_name.contains("<b>41 млрд долларов</b>"), "{by_russian_name}");
    let india = bot.ask(1202, "/country India").await.join("\n");
    assert!(india.contains("сотрудничество с Индией"), "the instrumental case of India is not found: {india}");
    let sco = bot.ask(1202, "/summit SCO").await.join("\n");
    assert!(sco.contains("Шанхайской организации сотрудничества"), "the genitive of the SCO is not found: {sco}");
    assert!(sco.contains("<b>20 государств</b>"), "the participant count is not bold: {sco}");
    assert_eq!(rejected(&bot.tg), Vec::<String>::new(), "Telegram would have refused some replies");
    bot.stop().await;
}
