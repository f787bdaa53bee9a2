//! Interface languages: Russian for Russian-speaking users, `/lang` overrides, the Russian command menu,
//! and every localised message accepted by Telegram as HTML.

use dossier::i18n::{FluentValue, Lang, arg, message_ids};

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::{html::parse_html, updates},
};

/// Sends `text` from a user whose Telegram language is `code`, in their private chat.
async fn ask_in(bot: &TestBot, user: i64, code: &str, text: &str) -> String {
    bot.say(updates::with_language(updates::text_message(user, user, text), code), user).await.join("\n")
}

#[tokio::test]
async fn a_russian_speaking_user_gets_the_tour_and_help_in_russian() {
    let bot = TestBot::start().await;
    let tour = ask_in(&bot, 701, "ru", "/start").await;
    assert!(tour.contains("<b>Спрашивайте</b>"), "{tour}");
    assert!(tour.contains("<code>/country Индия</code>"), "{tour}");
    let help = ask_in(&bot, 701, "ru-RU", "/help").await;
    assert!(help.contains("карточка страны") && help.contains("/lang"), "{help}");
    assert!(help.contains("Или просто задайте вопрос"), "{help}");
    bot.stop().await;
}

#[tokio::test]
async fn a_russian_country_card_has_russian_headings_and_english_quotes() {
    let bot = TestBot::start().await;
    let card = ask_in(&bot, 702, "ru", "/country Индия").await;
    assert!(card.contains("<b>Индия</b>"), "the Russian name is not shown: {card}");
    assert!(card.contains("факт"), "the fact count is not Russian: {card}");
    assert!(card.contains("✈️ Визиты"), "the headings are not Russian: {card}");
    assert!(card.contains("Modi"), "the quote must stay in the document's language: {card}");
    assert!(card.contains("📄 Источник:"), "the source line is not Russian: {card}");
    assert!(!card.contains("Visits"), "{card}");
    bot.stop().await;
}

#[tokio::test]
async fn lang_en_switches_a_russian_chat_back_to_english_and_lang_ru_to_russian() {
    let bot = TestBot::start().await;
    let answer = ask_in(&bot, 703, "ru", "/lang en").await;
    assert!(answer.contains("English"), "{answer}");
    let card = ask_in(&bot, 703, "ru", "/country India").await;
    assert!(card.contains("✈️ Visits") && card.contains("<b>India</b>"), "{card}");
    let answer = ask_in(&bot, 703, "en", "/lang ru").await;
    assert!(answer.contains("по-русски"), "{answer}");
    let usage = ask_in(&bot, 703, "en", "/country").await;
    assert!(usage.contains("Использование: /country"), "{usage}");
    let wrong = ask_in(&bot, 703, "en", "/lang fr").await;
    assert!(wrong.contains("/lang en"), "{wrong}");
    bot.stop().await;
}

#[tokio::test]
async fn digest_and_quiz_commands_answer_in_russian() {
    let bot = TestBot::start().await;
    let subscribed = ask_in(&bot, 705, "ru", "/subscribe energy").await;
    assert!(subscribed.contains("Подписка оформлена") && subscribed.contains("ежедневно в 09:00"), "{subscribed}");
    let settings = ask_in(&bot, 705, "ru", "/settings").await;
    assert!(settings.contains("<b>⚙️ Настройки</b>"), "{settings}");
    let paused = ask_in(&bot, 705, "ru", "/pause").await;
    assert!(paused.contains("приостановлены"), "{paused}");
    let board = ask_in(&bot, 705, "ru", "/top").await;
    assert!(board.contains("викторину"), "the leaderboard is not Russian: {board}");
    bot.stop().await;
}

#[tokio::test]
async fn russian_names_work_in_free_text_and_inline_mode() {
    let bot = TestBot::start().await;
    let reply = ask_in(&bot, 704, "ru", "Индия").await;
    assert!(reply.contains("Modi"), "free text with a Russian name: {reply}");

    bot.tg.push_update(updates::with_language(updates::inline_query(704, "Индия", ""), "ru"));
    let answer = bot.tg.wait_for("AnswerInlineQuery", 1, PATIENCE).await.remove(0);
    let first = &answer.body["results"][0];
    assert_eq!(first["title"], "Индия", "{}", answer.body);
    let card = first["input_message_content"]["message_text"].as_str().unwrap();
    assert!(card.contains("Modi") && card.contains("Визиты"), "{card}");
    bot.stop().await;
}

#[tokio::test]
async fn the_russian_command_menu_is_set_with_language_code_ru() {
    let bot = TestBot::start().await;
    let calls = bot.tg.wait_for("SetMyCommands", 2, PATIENCE).await;
    let russian = calls.iter().find(|c| c.body["language_code"] == "ru").expect("no Russian menu");
    let help = russian.body["commands"].as_array().unwrap().iter().find(|c| c["command"] == "help").unwrap();
    assert_eq!(help["description"], "этот список команд");
    let english =
        calls.iter().find(|c| c.body.get("language_code").is_none_or(|c| c.is_null())).expect("no default menu");
    assert!(english.body["commands"].as_array().unwrap().iter().any(|c| c["command"] == "lang"));
    bot.stop().await;
}

/// Every argument any message takes, with values that need escaping.
fn sample_args() -> Vec<(&'static str, FluentValue<'static>)> {
    let hostile = "<b>A & B</b> \"x\"";
    vec![
        arg("command", "country"),
        arg("example", "India"),
        arg("name", hostile),
        arg("query", hostile),
        arg("words", hostile),
        arg("count", 3),
        arg("schedule", hostile),
        arg("since", hostile),
        arg("why", hostile),
        arg("time", "09:00"),
        arg("tz", "Europe/Moscow"),
        arg("day", hostile),
        arg("secs", 45),
        arg("handle", "@channel"),
        arg("correct", 2),
        arg("answered", 3),
        arg("score", hostile),
    ]
}

#[test]
fn every_localised_message_is_valid_telegram_html() {
    for lang in Lang::ALL {
        let ids = message_ids(lang);
        assert!(ids.len() > 40, "{lang:?} has only {} messages", ids.len());
        for id in ids {
            let text = lang.markup(&id, &sample_args());
            assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'), "{lang:?} {id}: isolation marks");
            assert!(!text.contains("{ $") && !text.contains("{$"), "{lang:?} {id}: unfilled argument in {text:?}");
            if let Err(e) = parse_html(&text, true) {
                panic!("{lang:?} {id} is not valid Telegram HTML: {e}\n{text}");
            }
        }
    }
}

#[test]
fn english_and_russian_have_the_same_message_ids() {
    assert_eq!(message_ids(Lang::En), message_ids(Lang::Ru));
}
