//! The Telegram-native experience: inline mode, card buttons, deep links and the /start tour.

use serde_json::Value;

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::updates,
};

/// The inline keyboard of the last message sent to `chat`.
fn last_keyboard(bot: &TestBot, chat: i64) -> (i64, Vec<Value>) {
    let call = bot.tg.calls_of("SendMessage").into_iter().rfind(|c| c.chat_id() == Some(chat)).unwrap();
    let id = call.result().unwrap()["message_id"].as_i64().unwrap();
    let buttons = call.body["reply_markup"]["inline_keyboard"].as_array().cloned().unwrap_or_default();
    (id, buttons.iter().flat_map(|row| row.as_array().cloned().unwrap_or_default()).collect())
}

fn data_of(buttons: &[Value], prefix: &str) -> String {
    buttons
        .iter()
        .filter_map(|b| b["callback_data"].as_str())
        .find(|d| d.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} button in {buttons:?}"))
        .to_owned()
}

#[tokio::test]
async fn inline_queries_offer_cards_and_sentences_page_by_page() {
    let bot = TestBot::start().await;
    bot.tg.push_update(updates::inline_query(501, "", ""));
    let answer = bot.tg.wait_for("AnswerInlineQuery", 1, PATIENCE).await.remove(0);
    assert!(!answer.rejected, "{:?}", answer.response);
    assert!(!answer.body["results"].as_array().unwrap().is_empty(), "no popular entities for an empty query");
    assert!(answer.body["cache_time"].as_u64().unwrap() > 0);

    bot.tg.push_update(updates::inline_query(501, "Inida", ""));
    let answer = bot.tg.wait_for("AnswerInlineQuery", 2, PATIENCE).await.remove(1);
    let first = &answer.body["results"][0];
    assert_eq!(first["title"], "India", "{}", answer.body);
    assert!(first["input_message_content"]["message_text"].as_str().unwrap().contains("Modi"));

    bot.tg.push_update(updates::inline_query(501, "Russia", ""));
    let page1 = bot.tg.wait_for("AnswerInlineQuery", 3, PATIENCE).await.remove(2);
    assert_eq!(page1.body["results"].as_array().unwrap().len(), 10);
    let next = page1.body["next_offset"].as_str().unwrap().to_owned();
    assert_eq!(next, "10");
    bot.tg.push_update(updates::inline_query(501, "Russia", &next));
    let page2 = bot.tg.wait_for("AnswerInlineQuery", 4, PATIENCE).await.remove(3);
    let ids = |v: &Value| v["results"].as_array().unwrap().iter().map(|r| r["id"].to_string()).collect::<Vec<_>>();
    assert!(!ids(&page2.body).is_empty());
    assert!(ids(&page2.body).iter().all(|id| !ids(&page1.body).contains(id)), "page 2 repeats page 1");
    bot.stop().await;
}

#[tokio::test]
async fn card_buttons_open_related_cards_sources_and_subscriptions() {
    let bot = TestBot::start().await;
    bot.ask(502, "/summit BRICS").await;
    let (message_id, buttons) = last_keyboard(&bot, 502);
    let texts: Vec<&str> = buttons.iter().filter_map(|b| b["text"].as_str()).collect();
    assert!(texts.contains(&"🔔 Subscribe to BRICS") && texts.contains(&"📄 Source"), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("→ ")), "no related entities: {texts:?}");

    let source = data_of(&buttons, "src:");
    let before = bot.tg.sent_texts(502).len();
    bot.tg.push_callback(502, 502, message_id, &source);
    bot.tg.wait_for("AnswerCallbackQuery", 1, PATIENCE).await;
    bot.tg.wait_until(|_| bot.tg.sent_texts(502).len() > before, PATIENCE).await;
    assert!(bot.tg.sent_texts(502).last().unwrap().contains("the full paragraph"));

    let related = data_of(&buttons, "card:");
    bot.tg.push_callback(502, 502, message_id, &related);
    bot.tg.wait_for("AnswerCallbackQuery", 2, PATIENCE).await;

    bot.tg.push_callback(502, 502, message_id, &data_of(&buttons, "follow:"));
    let answers = bot.tg.wait_for("AnswerCallbackQuery", 3, PATIENCE).await;
    assert!(answers[2].body["text"].as_str().unwrap().contains("Subscribed to BRICS"), "{}", answers[2].body);
    let subs = dossier::db::subscriptions::list(&bot.dossier.pool, 502).await.unwrap();
    assert_eq!(subs[0].subject, "org:BRICS");
    bot.stop().await;
}

#[tokio::test]
async fn stale_or_forged_button_data_gets_a_clear_answer() {
    let bot = TestBot::start().await;
    bot.ask(503, "/country India").await;
    let (message_id, _) = last_keyboard(&bot, 503);
    for (i, data) in
        ["src:not-a-number", "card:country:XX", "follow:org:NOPE", "zzz", "sub:topic:none"].iter().enumerate()
    {
        bot.tg.push_callback(503, 503, message_id, data);
        let answers = bot.tg.wait_for("AnswerCallbackQuery", i + 1, PATIENCE).await;
        let text = answers[i].body["text"].as_str().unwrap_or_default().to_owned();
        let sent = bot.tg.sent_texts(503).join("\n");
        assert!(text.contains("out of date") || sent.contains("out of date"), "{data}: {text:?}");
    }
    bot.stop().await;
}

#[tokio::test]
async fn deep_links_open_the_bot_on_a_card() {
    let bot = TestBot::start().await;
    let india = bot.ask(504, "/start country-IN").await.join("\n");
    assert!(india.contains("India") && india.contains("Modi"), "{india}");
    let summit = bot.ask(504, "/start event-brics-summit-kazan").await.join("\n");
    assert!(summit.contains("Kazan"), "{summit}");
    let topic = bot.ask(504, "/start topic-energy").await.join("\n");
    assert!(topic.contains("Energy"), "{topic}");
    bot.stop().await;
}

#[tokio::test]
async fn start_in_a_private_chat_gives_a_tour_with_an_add_to_group_button() {
    let bot = TestBot::start().await;
    let tour = bot.ask(505, "/start").await.join("\n");
    assert!(tour.contains("/subscribe") && tour.contains("/quiz"), "{tour}");
    let (_, buttons) = last_keyboard(&bot, 505);
    let url = buttons[0]["url"].as_str().unwrap();
    assert_eq!(url, "https://t.me/dossier_test_bot?startgroup=tour");
    bot.stop().await;
}

#[tokio::test]
async fn digests_link_back_to_the_full_card() {
    let bot = TestBot::start().await;
    bot.ask(506, "/subscribe India").await;
    let digest = bot.ask(506, "/digest").await.join("\n");
    assert!(digest.contains("https://t.me/dossier_test_bot?start=country-IN"), "{digest}");
    bot.stop().await;
}
