//! Answers: fact cards, names with typos, groups, free text and hostile input.

use serde_json::json;

use crate::{
    helpers::{PATIENCE, TestBot, rejected},
    support::stand_in::{ChatType, updates},
};

#[tokio::test]
async fn country_china_quotes_the_trade_record_and_the_currency_share_with_its_source() {
    let bot = TestBot::start().await;
    let reply = bot.ask(101, "/country China").await.join("\n");
    assert!(reply.contains("$240 billion"), "{reply}");
    assert!(reply.contains("95%"), "{reply}");
    assert!(reply.contains("<blockquote>"), "the sentence is not quoted: {reply}");
    assert!(
        reply.contains("Russia&#39;s foreign policy in 2024") || reply.contains("Russia's foreign policy in 2024"),
        "{reply}"
    );
    assert!(reply.contains("2024-12"), "the source date is missing: {reply}");

    let call = &bot.tg.calls_of("SendMessage")[0];
    assert_eq!(call.body["chat_id"], json!(101));
    assert_eq!(call.body["parse_mode"], json!("HTML"));
    bot.stop().await;
}

#[tokio::test]
async fn summit_brics_tells_where_who_and_what_was_agreed() {
    let bot = TestBot::start().await;
    let reply = bot.ask(102, "/summit BRICS").await.join("\n");
    for expected in ["Kazan", "36 countries", "6 multilateral organizations", "agreed on steps to reform"] {
        assert!(reply.contains(expected), "{expected:?} missing from {reply}");
    }
    bot.stop().await;
}

#[tokio::test]
async fn a_typo_in_a_country_name_still_finds_the_country() {
    let bot = TestBot::start().await;
    let reply = bot.ask(103, "/country Inida").await.join("\n");
    assert!(reply.contains("India"), "{reply}");
    assert!(reply.contains("Modi"), "the India card should quote the Modi visit: {reply}");
    bot.stop().await;
}

#[tokio::test]
async fn an_unknown_country_is_not_in_the_documents_and_gets_the_closest_names() {
    let bot = TestBot::start().await;
    let reply = bot.ask(104, "/country Atlantis").await.join("\n");
    assert!(reply.contains("is not in the documents"), "{reply}");
    assert!(reply.contains("/country "), "no closest names offered: {reply}");
    bot.stop().await;
}

#[tokio::test]
async fn a_command_without_its_argument_gets_a_usage_line() {
    let bot = TestBot::start().await;
    let reply = bot.ask(105, "/country").await.join("\n");
    assert!(reply.contains("Usage: /country NAME") && reply.contains("/country India"), "{reply}");
    bot.stop().await;
}

#[tokio::test]
async fn in_a_group_the_bot_answers_commands_addressed_to_it_and_ignores_other_bots() {
    let bot = TestBot::start().await;
    let group = -200;
    let other = updates::group_message(group, ChatType::Group, "Team", 7, "/country@some_other_bot China");
    bot.push_and_settle(other).await;
    let chatter = updates::group_message(group, ChatType::Group, "Team", 7, "China is big");
    bot.push_and_settle(chatter).await;
    assert!(bot.tg.sent_texts(group).is_empty(), "the bot spoke out of turn: {:?}", bot.tg.sent_texts(group));

    let ours = updates::group_message(group, ChatType::Group, "Team", 7, "/country@dossier_test_bot China");
    let reply = bot.say(ours, group).await.join("\n");
    assert!(reply.contains("$240 billion"), "{reply}");
    bot.stop().await;
}

#[tokio::test]
async fn a_free_text_question_is_answered_from_the_documents() {
    let bot = TestBot::start().await;
    let reply = bot.ask(106, "How much did Russia trade with China?").await.join("\n");
    assert!(reply.contains("$240 billion"), "{reply}");
    assert!(reply.starts_with("<b>$240 billion</b>"), "the answer does not lead: {reply}");
    // A name the documents never mention is refused by name, with nothing quoted.
    let reply = bot.ask(106, "What is the weather like in Paris tomorrow?").await.join("\n");
    assert!(reply.contains("don't mention <b>Paris</b>"), "the bot guessed: {reply}");
    assert!(!reply.contains("<blockquote>"), "the bot quoted a sentence: {reply}");
    bot.stop().await;
}

#[tokio::test]
async fn the_command_menu_is_set_on_start() {
    let bot = TestBot::start().await;
    let calls = bot.tg.wait_for("SetMyCommands", 1, PATIENCE).await;
    let names: Vec<&str> =
        calls[0].body["commands"].as_array().unwrap().iter().map(|c| c["command"].as_str().unwrap()).collect();
    for name in ["start", "help", "country", "summit", "topic", "search", "subscribe"] {
        assert!(names.contains(&name), "{name} missing from the menu {names:?}");
    }
    bot.stop().await;
}

/// Inputs that have broken bots: markup, entities, FTS and SQL syntax, huge, invisible and odd text.
fn nasty_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "<script>alert(1)</script>",
        "<b>bold</b> & <i>",
        "&amp; &lt; &#0; &#x110000;",
        "NEAR(china trade",
        "\"unbalanced quote",
        "china* -india OR ^\"x\"",
        "'; DROP TABLE sentences; --",
        "text: china",
        "\u{202E}aidnI\u{202C}",
        "In\u{200B}dia",
        "🇮🇳🇨🇳🔥💥",
        "Индия",
        "a\0b",
        "   ",
        "@dossier_test_bot",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push("x".repeat(5000));
    inputs.push("China ".repeat(900));
    inputs
}

#[tokio::test]
async fn every_reply_to_hostile_input_is_accepted_by_telegram() {
    let bot = TestBot::start().await;
    let mut chat = 1000;
    for input in nasty_inputs() {
        for command in ["/country ", "/summit ", "/topic ", "/search ", ""] {
            chat += 1;
            let text = format!("{command}{input}");
            if text.trim().is_empty() {
                continue;
            }
            let replies = bot.ask(chat, &text).await;
            assert!(!replies.is_empty(), "no reply to {text:?}");
        }
    }
    assert_eq!(rejected(&bot.tg), Vec::<String>::new(), "Telegram would have refused some replies");
    bot.stop().await;
}

#[tokio::test]
async fn summit_reaches_people_and_never_swaps_a_short_name_for_another_organisation() {
    let bot = TestBot::start().await;
    for (name, expected) in [("Putin", "Vladimir Putin"), ("Lavrov", "Sergey Lavrov")] {
        let card = bot.ask(120, &format!("/summit {name}")).await.join("\n");
        assert!(card.contains(&format!("<b>{expected}</b>")) && card.contains("<blockquote>"), "{card}");
    }
    let swapped = bot.ask(120, "/summit CSTP").await.join("\n");
    assert!(swapped.contains("is not in the documents") && !swapped.contains("🏛"), "{swapped}");
    let about = bot.ask(120, "What is BRICS?").await.join("\n");
    assert!(about.contains("🏛") && about.contains("<b>BRICS</b>"), "free text must give the card: {about}");
    bot.stop().await;
}

#[tokio::test]
async fn cards_state_only_what_the_documents_say() {
    let bot = TestBot::start().await;
    for (name, invented) in [("GCC", "Riyadh"), ("Russia-Africa forum", "Sochi"), ("Moscow Format", "📍")] {
        let card = bot.ask(121, &format!("/summit {name}")).await.join("\n");
        assert!(!card.contains(invented), "{invented} is in no document: {card}");
    }
    let russia = bot.ask(121, "/country Russia").await.join("\n");
    let agreements = russia.split("🤝").nth(1).expect("the Russia card has an agreements section");
    let section = agreements.split("\n<b>").next().unwrap_or_default();
    assert!(section.contains("entered into force"), "{section}");
    assert!(!section.contains("approved by President"), "not an agreement: {section}");
    assert!(!section.contains("multipolar"), "not an agreement: {section}");
    bot.stop().await;
}
