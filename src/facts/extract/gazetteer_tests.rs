//! Unit tests of the gazetteer: loading, text matching and resolution of user-typed names.

use super::super::TopicLexicon;
use super::super::test_support::{GAZETTEER, keys};
use super::*;

fn found(query: &str) -> Option<String> {
    match GAZETTEER.resolve(query, None) {
        Resolution::Found(k) => Some(k),
        _ => None,
    }
}

#[test]
fn every_keshvar_country_is_loaded_with_a_clean_name() {
    let countries: Vec<&Entity> = GAZETTEER.entities().iter().filter(|e| e.kind == EntityKind::Country).collect();
    assert!(countries.len() >= 240, "{}", countries.len());
    for c in &countries {
        assert!(!c.name.contains(['(', ',']), "{}", c.name);
        assert!(c.key.starts_with("country:") && c.key.len() == 10);
    }
    let name = |k: &str| GAZETTEER.get(k).map(|e| e.name.clone());
    assert_eq!(name("country:IR").as_deref(), Some("Iran"));
    assert_eq!(name("country:KP").as_deref(), Some("North Korea"));
    assert_eq!(name("country:BO").as_deref(), Some("Bolivia"));
    assert_eq!(name("country:VN").as_deref(), Some("Vietnam"));
    assert_eq!(name("country:TR").as_deref(), Some("Turkey"));
    assert_eq!(name("country:VA").as_deref(), Some("Vatican"));
    assert_eq!(name("country:US").as_deref(), Some("United States"));
    assert_eq!(GAZETTEER.get("country:IN").and_then(|e| e.name_ru.clone()).as_deref(), Some("Индия"));
}

#[test]
fn toml_entities_keep_their_links() {
    let meeting = GAZETTEER.get("event:gcc-russia-ministerial-7").expect("event");
    assert_eq!(meeting.kind, EntityKind::Event);
    assert_eq!(meeting.parent.as_deref(), Some("org:GCC"));
    assert!(meeting.aliases.iter().any(|a| a == "GCC Ministerial Meeting"));
    // No document says where it met, so the curated entry gives no place and no host.
    assert_eq!((meeting.place.as_deref(), meeting.country.as_deref()), (None, None));
    let modi = GAZETTEER.get("person:modi").expect("person");
    assert_eq!((modi.country.as_deref(), modi.role.as_deref()), (Some("country:IN"), Some("Prime Minister")));
}

#[test]
fn an_empty_toml_still_gives_all_countries() {
    let g = Gazetteer::from_toml("").expect("empty is valid");
    assert!(g.entities().iter().all(|e| e.kind == EntityKind::Country));
    assert_eq!(g.resolve("India", None), Resolution::Found("country:IN".into()));
}

#[test]
fn bad_toml_is_reported_as_errors() {
    assert!(matches!(Gazetteer::from_toml("[[organisations]\nkey="), Err(ExtractError::Toml(_))));
    let wrong_prefix = "[[organisations]]\nkey = \"event:x\"\nname = \"X\"";
    assert!(matches!(Gazetteer::from_toml(wrong_prefix), Err(ExtractError::InvalidKey { .. })));
    let dangling = "[[people]]\nkey = \"person:x\"\nname = \"X\"\ncountry = \"country:XX\"";
    assert!(matches!(Gazetteer::from_toml(dangling), Err(ExtractError::UnknownReference { .. })));
    let twice = "[[projects]]\nkey = \"project:a\"\nname = \"A\"\n[[projects]]\nkey = \"project:a\"\nname = \"B\"";
    assert!(matches!(Gazetteer::from_toml(twice), Err(ExtractError::DuplicateKey(_))));
    assert!(Gazetteer::from_toml("[[people]]\nkey = \"person:x\"\nname = \"X\"\nage = 3").is_err());
}

#[test]
fn prc_resolves_to_china() {
    assert_eq!(found("PRC").as_deref(), Some("country:CN"));
    assert_eq!(found("People's Republic of China").as_deref(), Some("country:CN"));
    assert_eq!(found("  china ").as_deref(), Some("country:CN"));
    assert_eq!(found("Китай").as_deref(), Some("country:CN"));
}

#[test]
fn typos_resolve_when_clearly_best() {
    assert_eq!(found("Inida").as_deref(), Some("country:IN"));
    assert_eq!(found("Chnia").as_deref(), Some("country:CN"));
    assert_eq!(found("Brics").as_deref(), Some("org:BRICS"));
    assert_eq!(found("Kazahstan").as_deref(), Some("country:KZ"));
    assert_eq!(found("Индии").as_deref(), Some("country:IN"));
}

#[test]
fn codes_and_news_names_resolve() {
    assert_eq!(found("IN").as_deref(), Some("country:IN"));
    assert_eq!(found("ind").as_deref(), Some("country:IN"));
    assert_eq!(found("U.S.").as_deref(), Some("country:US"));
    assert_eq!(found("America").as_deref(), Some("country:US"));
    assert_eq!(found("DPRK").as_deref(), Some("country:KP"));
    assert_eq!(found("Türkiye").as_deref(), Some("country:TR"));
    assert_eq!(found("Holy See").as_deref(), Some("country:VA"));
    assert_eq!(found("north-south   corridor").as_deref(), Some("project:north-south-corridor"));
    assert_eq!(found("Путин").as_deref(), Some("person:putin"));
}

#[test]
fn aliases_beat_codes_and_the_kind_filter_narrows() {
    assert_eq!(found("AU").as_deref(), Some("org:AU"));
    let country = GAZETTEER.resolve("AU", Some(&[EntityKind::Country]));
    assert_eq!(country, Resolution::Found("country:AU".into()));
    let summit = GAZETTEER.resolve("Moscow Format", Some(&[EntityKind::Event, EntityKind::Organisation]));
    assert_eq!(summit, Resolution::Found("event:moscow-format-afghanistan-6".into()));
}

#[test]
fn a_word_inside_a_long_name_is_only_a_suggestion() {
    assert!(
        matches!(GAZETTEER.resolve("security", None), Resolution::DidYouMean(k) if k.contains(&"org:CSTO".to_string()))
    );
    match GAZETTEER.resolve("Congo", None) {
        Resolution::DidYouMean(keys) => assert_eq!(keys, vec!["country:CD", "country:CG"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ambiguous_names_ask_did_you_mean() {
    match GAZETTEER.resolve("Korea", Some(&[EntityKind::Country])) {
        Resolution::DidYouMean(keys) => {
            assert!(keys.contains(&"country:KP".to_string()) && keys.contains(&"country:KR".to_string()));
            assert!(keys.len() <= 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(GAZETTEER.resolve("Iram", None), Resolution::DidYouMean(k) if k.contains(&"country:IR".to_string()))
    );
}

#[test]
fn gibberish_is_unknown_with_three_closest() {
    match GAZETTEER.resolve("qqxxzzwwvv", None) {
        Resolution::Unknown { closest } => assert_eq!(closest.len(), 3),
        other => panic!("{other:?}"),
    }
    assert_eq!(GAZETTEER.resolve(" .. ", None), Resolution::Unknown { closest: vec![] });
}

#[test]
fn demonyms_count_as_their_country() {
    assert_eq!(keys("The Iranian railway network"), vec!["country:IR"]);
    assert_eq!(keys("Chinese and Indian firms"), vec!["country:CN", "country:IN"]);
    assert_eq!(keys("the rights of Russians abroad"), vec!["country:RU"]);
}

#[test]
fn whole_words_only() {
    assert!(keys("Indiana and Omanis").is_empty(), "{:?}", keys("Indiana and Omanis"));
    assert!(keys("an un-American idea").is_empty());
    assert_eq!(keys("Papua New Guinea"), vec!["country:PG"]);
    assert_eq!(keys("Niger and Nigeria"), vec!["country:NE", "country:NG"]);
}

#[test]
fn ambiguous_words_need_capitals() {
    assert!(keys("fine china and a roast turkey").is_empty());
    assert_eq!(keys("China and Turkey"), vec!["country:CN", "country:TR"]);
    assert_eq!(keys("the UN and the EU"), vec!["org:UN", "org:EU"]);
    assert_eq!(keys("brics and nato"), vec!["org:BRICS", "org:NATO"]);
}

#[test]
fn us_and_america_are_not_matched_in_running_text() {
    assert!(keys("let us go to Latin America").is_empty());
    assert_eq!(keys("U.S. sanctions"), vec!["country:US"]);
    let text = "The U.S. President";
    let us = GAZETTEER.find_mentions(text);
    assert_eq!(us.first().map(|m| &text[m.start..m.end]), Some("U.S."));
    assert_eq!(keys("the United States"), vec!["country:US"]);
}

#[test]
fn dash_and_apostrophe_variants_match_with_original_offsets() {
    let text = "The North–South corridor and Putin’s visit";
    let mentions = GAZETTEER.find_mentions(text);
    let spans: Vec<&str> = mentions.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(spans, vec!["North–South corridor", "Putin"]);
}

#[test]
fn russian_inflections_match_by_stem() {
    assert_eq!(keys("Визит в Индию и переговоры с Китаем"), vec!["country:IN", "country:CN"]);
    assert_eq!(keys("Россией и российские компании"), vec!["country:RU"]);
    assert_eq!(keys("встреча с Путиным в Иране"), vec!["person:putin", "country:IR"]);
    assert!(keys("после того как").is_empty(), "Того (Togo) needs a capital");
}

#[test]
fn nested_names_in_events_are_mentions_too() {
    assert_eq!(keys("the GCC Ministerial Meeting"), vec!["event:gcc-russia-ministerial-7", "org:GCC"]);
    let forum = keys("the Russia-Africa Partnership Forum");
    assert_eq!(forum, vec!["event:russia-africa-partnership-forum-2024", "country:RU"]);
}

#[test]
fn one_mention_per_entity() {
    let mentions = GAZETTEER.find_mentions("India, India and the Republic of India");
    assert_eq!(mentions.len(), 1);
    assert_eq!((mentions[0].start, mentions[0].end), (0, 5));
}

#[test]
fn the_gazetteer_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Gazetteer>();
    shareable::<TopicLexicon>();
}

#[test]
fn very_long_queries_are_answered_quickly() {
    let query = "India ".repeat(10_000);
    let started = std::time::Instant::now();
    assert!(matches!(GAZETTEER.resolve(&query, None), Resolution::Unknown { .. }));
    assert!(started.elapsed().as_secs() < 2);
}
