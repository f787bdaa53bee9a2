//! Interface languages: Russian for Russian-speaking users, `/lang` overrides, the Russian command menu
//! (the messages themselves are checked in `locales.rs`).

use chrono::{DateTime, Utc};
use dossier::{
    db,
    digest::scheduler::enqueue_due,
    telegram::{jobs::tick_at, outbox::deliver_due},
};

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::{ChatType, html::parse_html, updates},
};

const GROUP: i64 = -770;

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

/// A message in the Russian-speaking group quiz tests use.
fn group_says(text: &str) -> serde_json::Value {
    updates::with_language(updates::group_message(GROUP, ChatType::Supergroup, "Викторина", 1, text), "ru")
}

/// Waits for the n-th poll and until the bot recorded it; its id and body.
async fn recorded_poll(bot: &TestBot, n: usize) -> (String, serde_json::Value) {
    let call = bot.tg.wait_for("SendPoll", n, PATIENCE).await.remove(n - 1);
    let poll_id = call.result().unwrap()["poll"]["id"].as_str().unwrap().to_owned();
    let deadline = std::time::Instant::now() + PATIENCE;
    while db::quiz::polls::get(&bot.dossier.pool, &poll_id).await.unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "poll {poll_id} was never recorded");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    (poll_id, call.body)
}

#[tokio::test]
async fn a_russian_group_gets_quiz_errors_and_round_results_in_russian() {
    let bot = TestBot::start().await;
    let error = bot.say(group_says("/quiz 99"), GROUP).await.join("\n");
    assert!(error.contains("В раунде может быть от 1 до 20 вопросов."), "{error}");
    let error = bot.say(group_says("/quiz 2 xyzzy"), GROUP).await.join("\n");
    assert!(error.contains("Темы «xyzzy» я не знаю. Попробуйте одну из этих: trade"), "{error}");
    let error = bot.say(group_says("/quizstop"), GROUP).await.join("\n");
    assert!(error.contains("не идёт ни одного раунда"), "{error}");

    // Stopped by a Russian speaker: the results are in the language of the command.
    bot.tg.push_update(group_says("/quiz 2 trade"));
    recorded_poll(&bot, 1).await;
    let stopped = bot.say(group_says("/quizstop"), GROUP).await.join("\n");
    assert!(stopped.contains("<b>Викторина остановлена после 1 из 2 вопросов</b>"), "{stopped}");
    assert!(stopped.contains("Никто не ответил."), "{stopped}");

    // Finished by the background job: the results are in the chat's stored language.
    bot.say(group_says("/lang ru"), GROUP).await;
    bot.tg.push_update(group_says("/quiz 1 trade"));
    let (poll_id, body) = recorded_poll(&bot, 2).await;
    let right = body["correct_option_id"].as_u64().unwrap() as u8;
    bot.push_and_settle(updates::poll_answer(&poll_id, 1, &[right])).await;
    let before = bot.tg.sent_texts(GROUP).len();
    tick_at(&*bot.services().await, Utc::now() + chrono::Duration::seconds(31)).await;
    let results = bot.tg.sent_texts(GROUP).split_off(before).join("\n");
    assert!(results.contains("<b>Викторина окончена: 1 вопрос</b>"), "{results}");
    assert!(results.contains("🏆 Победитель: <b>@user1</b> — 1 из 1"), "{results}");
    bot.stop().await;
}

#[tokio::test]
async fn a_russian_chat_gets_its_digest_in_russian() {
    let bot = TestBot::start_with(|c| c.digest_max_facts = 1).await;
    ask_in(&bot, 706, "ru", "/lang ru").await;
    ask_in(&bot, 706, "ru", "/subscribe energy").await;
    let keyboard = ask_in(&bot, 706, "ru", "/subscribe").await;
    assert!(keyboard.contains("Темы"), "{keyboard}");
    let buttons = bot.tg.calls_of("SendMessage").last().unwrap().body["reply_markup"].to_string();
    assert!(buttons.contains("✅ Энергетика") && buttons.contains("Торговля"), "{buttons}");

    let row = db::chats::get(&bot.dossier.pool, 706).await.unwrap().unwrap();
    let slot = DateTime::parse_from_rfc3339(&row.next_slot.unwrap()).unwrap().with_timezone(&Utc);
    let before = bot.tg.sent_texts(706).len();
    assert_eq!(enqueue_due(&bot.dossier, slot, 1).await.unwrap().enqueued, 1);
    assert_eq!(deliver_due(&*bot.services().await, slot).await.unwrap().sent, 1);
    let digest = bot.tg.sent_texts(706).split_off(before).join("\n");
    assert!(digest.contains("📰 <b>Ваш дайджест</b> — 1 новый факт"), "{digest}");
    assert!(digest.contains("<b>Энергетика</b>") && digest.contains("вся карточка →"), "{digest}");
    assert!(digest.contains("➕ Ещё") && digest.contains("в следующий раз (или отправьте /digest)"), "{digest}");
    assert!(!digest.contains("Your digest") && !digest.contains("full card"), "{digest}");
    bot.stop().await;
}

#[tokio::test]
async fn settings_and_subscription_errors_are_russian() {
    let bot = TestBot::start().await;
    let error = ask_in(&bot, 707, "ru", "/settings tz Mars/Olympus").await;
    assert!(error.contains("Часового пояса «Mars/Olympus» я не знаю"), "{error}");
    let error = ask_in(&bot, 707, "ru", "/settings volume 11").await;
    assert!(error.starts_with("Использование: /settings time 07:30"), "{error}");
    let error = ask_in(&bot, 707, "ru", "/unsubscribe").await;
    assert!(error.contains("Использование: /unsubscribe ТЕМА"), "{error}");
    let error = ask_in(&bot, 707, "ru", "/subscribe Атлантида").await;
    assert!(error.contains("<b>Атлантида</b> — это не тема и не название"), "{error}");
    assert!(error.contains("Отправьте /subscribe без аргументов"), "{error}");
    let typo = ask_in(&bot, 707, "ru", "/subscribe Инидя").await;
    assert!(typo.contains("Подписка оформлена: <b>Индия</b>"), "the Russian name is not shown: {typo}");
    let english = ask_in(&bot, 708, "en", "/settings tz Mars/Olympus").await;
    assert!(english.contains("is not a timezone I know"), "English stays the default: {english}");
    bot.stop().await;
}

#[tokio::test]
async fn the_owner_gets_stats_and_upload_notices_in_russian() {
    const OWNER: i64 = 4343;
    let bot = TestBot::start_with(|c| c.owner_id = Some(OWNER)).await;
    let refused = ask_in(&bot, 709, "ru", "/stats").await;
    assert!(refused.contains("только владельцу бота"), "{refused}");
    ask_in(&bot, 709, "ru", "/subscribe energy").await;
    let stats = ask_in(&bot, OWNER, "ru", "/stats").await;
    assert!(stats.contains("<b>📊 Dossier</b>") && stats.contains("Подписки: 1"), "{stats}");
    assert!(stats.contains("Документы: 1") && stats.contains("Дайджестов за 24 ч: 0"), "{stats}");

    let text = "Russia and Brazil signed 4 agreements on fertiliser exports in March 2025.";
    bot.tg.add_file("doc-ru", text.as_bytes().to_vec());
    let upload = updates::document_message(OWNER, OWNER, "doc-ru", "brazil.txt", "text/plain", text.len() as u64, None);
    let done = bot.say(updates::with_language(upload, "ru"), OWNER).await.join("\n");
    assert!(done.contains("<b>brazil.txt</b> добавлен: 1 предложение"), "{done}");
    bot.stop().await;
}

#[tokio::test]
async fn a_russian_question_in_a_private_chat_gets_the_bold_answer_and_the_english_quote() {
    let bot = TestBot::start().await;
    let reply = ask_in(&bot, 712, "ru", "Сколько стран участвовало в саммите БРИКС?").await;
    assert!(reply.starts_with("<b>36 countries</b>"), "the answer does not lead in bold: {reply}");
    assert!(
        reply.contains("<blockquote>") && reply.contains("BRICS Summit in Kazan"),
        "the quote must follow, in the document's language: {reply}"
    );
    assert!(reply.contains("📄 Источник:"), "the framing must be Russian: {reply}");
    let call = &bot.tg.calls_of("SendMessage")[0];
    assert_eq!(call.body["parse_mode"], serde_json::json!("HTML"));
    let html = call.body["text"].as_str().unwrap_or_default();
    assert!(parse_html(html, true).is_ok(), "not valid Telegram HTML: {html}");

    let refused = ask_in(&bot, 712, "ru", "Когда Лавров посетил Аргентину?").await;
    assert!(refused.contains("не упоминается <b>Аргентина</b>"), "the refusal must name Argentina: {refused}");
    assert!(!refused.contains("<blockquote>"), "nothing may be quoted: {refused}");
    bot.stop().await;
}
