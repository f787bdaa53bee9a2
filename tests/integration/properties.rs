//! Property tests over open-ended input: the command parser, the HTML renderer and the message splitter
//! never panic, and every message is valid Telegram HTML within the length limit.

use dossier::{
    commands,
    render::html,
    reply::{Block, Reply, Span},
};
use proptest::prelude::*;

use crate::support::stand_in::html::{parse_html, utf16_len};

fn span() -> impl Strategy<Value = Span> {
    let text = "\\PC{0,400}";
    prop_oneof![
        text.prop_map(Span::Text),
        text.prop_map(Span::Bold),
        text.prop_map(Span::Italic),
        text.prop_map(Span::Code),
        (text, "\\PC{0,80}").prop_map(|(text, url)| Span::Link { text, url: format!("https://t.me/{url}") }),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        prop::collection::vec(span(), 0..6).prop_map(Block::Line),
        prop::collection::vec(span(), 0..6).prop_map(Block::Quote),
        Just(Block::Blank),
    ]
}

fn visible(block: &Block) -> String {
    match block {
        Block::Line(s) | Block::Quote(s) => s.iter().map(Span::text).collect(),
        Block::Blank => String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_rendered_message_is_valid_telegram_html_within_the_limit(blocks in prop::collection::vec(block(), 0..40)) {
        let reply = Reply { blocks, ..Reply::default() };
        for message in html::render(&reply) {
            let parsed = parse_html(&message, true);
            prop_assert!(parsed.is_ok(), "Telegram would refuse {message:?}: {parsed:?}");
            let parsed = parsed.unwrap();
            prop_assert!(utf16_len(&parsed.text) <= 4096, "{} UTF-16 units", utf16_len(&parsed.text));
            prop_assert!(!parsed.text.trim().is_empty());
        }
    }

    #[test]
    fn splitting_loses_no_visible_text(blocks in prop::collection::vec(block(), 0..30)) {
        let pages = dossier::render::split::pages(&blocks, 1000);
        let before: String = blocks.iter().map(visible).collect::<String>();
        let after: String = pages.iter().flatten().map(visible).collect::<String>();
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>();
        prop_assert_eq!(strip(&before), strip(&after));
    }

    #[test]
    fn the_command_parser_never_panics(line in "/?\\PC{0,300}", bot in "[a-z_]{0,20}") {
        let _ = commands::parse(&line, &bot);
    }

    #[test]
    fn commands_addressed_to_the_bot_keep_their_argument(arg in "[\\p{L}\\p{N} ]{0,60}") {
        let parsed = commands::parse(&format!("/country@dossier_bot {arg}"), "dossier_bot");
        let commands::CommandOutcome::Command(commands::Command::Country(got)) = parsed else {
            return Err(TestCaseError::fail(format!("not a /country command: {parsed:?}")));
        };
        prop_assert_eq!(got.trim(), arg.trim());
    }
}
