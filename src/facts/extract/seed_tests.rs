//! End-to-end tests on the seed document (Russia's foreign policy in 2024) and proptest properties.

use proptest::prelude::*;

use super::test_support::{GAZETTEER, SEED, SEED_DOC, TOPICS};
use super::*;

fn sentence(starting: &str) -> &'static ParsedSentence {
    SEED_DOC.sentences.iter().find(|s| s.text.starts_with(starting)).expect("the seed has this sentence")
}

fn has(s: &ParsedSentence, key: &str) -> bool {
    s.mentions.iter().any(|m| m.entity_key == key)
}

fn found(s: &ParsedSentence, key: &str) -> bool {
    s.mentions.iter().any(|m| m.entity_key == key && !m.inferred)
}

fn figure(s: &ParsedSentence, kind: FigureKind, value: f64, unit: &str) -> bool {
    s.figures.iter().any(|f| f.kind == kind && (f.value - value).abs() < 1e-6 && f.unit == unit)
}

fn date(s: &ParsedSentence, text: &str) -> bool {
    s.figures.iter().any(|f| f.kind == FigureKind::Date && f.text == text)
}

#[test]
fn sentences_are_numbered_in_document_order() {
    let positions: Vec<u32> = SEED_DOC.sentences.iter().map(|s| s.position).collect();
    assert_eq!(positions, (0..SEED_DOC.sentences.len() as u32).collect::<Vec<_>>());
    assert_eq!(SEED_DOC.sentences.last().map(|s| s.paragraph), Some(11));
}

#[test]
fn china_trade_sentence_has_money_and_percent() {
    let s = sentence("In relations with strategic partners");
    assert!(figure(s, FigureKind::Money, 240e9, "USD"), "{:?}", s.figures);
    assert!(s.figures.iter().any(|f| f.text == "$240 billion"));
    assert!(figure(s, FigureKind::Percent, 95.0, "%"));
    assert!(found(s, "country:CN") && found(s, "country:RU"));
    assert!(s.topics.contains(&"trade".to_string()) && s.topics.contains(&"finance".to_string()));
}

#[test]
fn state_visit_to_china_is_dated_may_2024() {
    let s = sentence("President Putin's state visit to China");
    assert!(date(s, "May 2024"));
    assert!(figure(s, FigureKind::Date, 20240500.0, "2024-05"));
    assert!(found(s, "person:putin") && found(s, "country:CN"));
}

#[test]
fn march_2023_and_the_year_2024_are_dates() {
    let s = sentence("According to a recent statement");
    assert!(date(s, "March 2023"));
    assert!(figure(s, FigureKind::Date, 20240000.0, "2024"));
    assert!(found(s, "person:putin") && found(s, "org:RU-MFA"));
}

#[test]
fn july_visit_sentence_mentions_india_and_modi() {
    let s = sentence("Relations with India also received");
    assert!(found(s, "country:IN") && found(s, "person:modi") && found(s, "country:RU"));
    assert!(s.figures.iter().any(|f| f.kind == FigureKind::Date && f.unit == "--07" && f.text == "July"));
    for topic in ["finance", "transport", "energy", "technology"] {
        assert!(s.topics.contains(&topic.to_string()), "{topic} in {:?}", s.topics);
    }
}

#[test]
fn security_sentence_mentions_belarus_and_north_korea() {
    let s = sentence("In the immediate vicinity");
    assert!(found(s, "country:KP") && found(s, "country:BY"));
    assert!(s.topics.contains(&"security".to_string()));
}

#[test]
fn typographic_apostrophe_does_not_hide_putin() {
    let s = sentence("President Putin’s state visits");
    for key in ["person:putin", "country:AZ", "country:UZ", "country:KZ", "country:VN"] {
        assert!(found(s, key), "{key}");
    }
}

#[test]
fn kazan_summit_sentence_has_both_counts_and_entities() {
    let s = sentence("A key highlight was the BRICS Summit in Kazan");
    assert!(figure(s, FigureKind::Count, 36.0, "countries"), "{:?}", s.figures);
    assert!(figure(s, FigureKind::Count, 6.0, "organizations"));
    assert!(s.figures.iter().any(|f| f.text == "6 multilateral organizations"));
    assert!(found(s, "event:brics-summit-kazan") && found(s, "org:BRICS"));
    assert!(s.topics.contains(&"multilateral".to_string()));
}

#[test]
fn the_summit_inherits_brics_and_the_kazan_event() {
    let s = sentence("The summit agreed on steps");
    for key in ["org:BRICS", "event:brics-summit-kazan"] {
        let m = s.mentions.iter().find(|m| m.entity_key == key).expect("inherited");
        assert!(m.inferred && m.start == 0 && m.end == 0);
    }
    assert!(s.topics.contains(&"climate".to_string()) && s.topics.contains(&"finance".to_string()));
}

#[test]
fn nsitc_is_found_and_inherited_by_the_rasht_astara_sentence() {
    assert!(found(sentence("In the economic and trade sphere"), "project:north-south-corridor"));
    let s = sentence("Strategic decisions have been made");
    assert!(found(s, "country:IR"), "Iranian counts as Iran");
    let m = s.mentions.iter().find(|m| m.entity_key == "project:north-south-corridor").expect("inherited");
    assert!(m.inferred);
    let zones = sentence("Russia has also established new special economic zones");
    assert!(found(zones, "org:NSITC-SEZ-ALLIANCE") && found(zones, "project:north-south-corridor"));
    assert!(found(zones, "country:IR") && found(zones, "country:IN") && found(zones, "country:KZ"));
}

#[test]
fn cis_paragraph_mentions_cis_and_counts_seven_statements() {
    assert!(found(sentence("Within the framework of the Commonwealth"), "org:CIS"));
    assert!(found(sentence("The Agreement on Free Trade in Services"), "org:CIS"));
    let s = sentence("Seven joint statements");
    assert!(figure(s, FigureKind::Count, 7.0, "statements"));
    assert!(has(s, "org:CIS"), "inherited from the previous sentence");
}

#[test]
fn uae_visit_happened_last_october() {
    let s = sentence("For the Muslim world");
    assert!(found(s, "country:AE"));
    assert!(date(s, "last October"));
    assert!(figure(s, FigureKind::Date, 1000.0, "--10"));
}

#[test]
fn lavrov_attended_the_seventh_gcc_meeting() {
    let s = sentence("Russian Foreign Minister Sergey Lavrov");
    assert!(figure(s, FigureKind::Ordinal, 7.0, "meeting"), "{:?}", s.figures);
    for key in ["person:lavrov", "event:gcc-russia-ministerial-7", "org:GCC", "country:QA", "country:AE"] {
        assert!(found(s, key), "{key}");
    }
    for key in ["country:PS", "country:IL", "country:YE", "country:SD", "country:SY"] {
        assert!(found(s, key), "{key}");
    }
}

#[test]
fn africa_forum_is_first_and_held_in_november_2024() {
    let s = sentence("In relations with Africa");
    assert!(date(s, "November 2024"));
    assert!(figure(s, FigureKind::Ordinal, 1.0, "forum"), "{:?}", s.figures);
    assert!(found(s, "event:russia-africa-partnership-forum-2024"));
}

#[test]
fn afghanistan_aid_is_200_tons_and_the_sixth_meeting() {
    let s = sentence("Russia also delivered 200 tons");
    assert!(figure(s, FigureKind::Quantity, 200.0, "tons"));
    assert!(!s.figures.iter().any(|f| f.kind == FigureKind::Count), "no double extraction: {:?}", s.figures);
    assert!(figure(s, FigureKind::Ordinal, 6.0, "meeting"));
    assert!(found(s, "country:AF") && found(s, "event:moscow-format-afghanistan-6"));
    assert!(s.topics.contains(&"humanitarian".to_string()));
}

#[test]
fn house_of_russia_signed_17_agreements() {
    let s = sentence("The pilot project \"House of Russia\"");
    assert!(figure(s, FigureKind::Count, 17.0, "agreements"));
    assert!(!s.figures.iter().any(|f| f.kind == FigureKind::Ordinal), "'first 17' is not an ordinal");
    assert!(found(s, "project:house-of-russia"));
    for key in ["country:DZ", "country:BO", "country:IQ", "country:ML", "country:AE", "country:TH"] {
        assert!(found(s, key), "{key}");
    }
    assert!(s.topics.contains(&"people-to-people".to_string()));
}

#[test]
fn georgian_citizens_count_as_georgia() {
    assert!(found(sentence("In an effort to promote people-to-people"), "country:GE"));
}

#[test]
fn west_paragraph_mentions_vatican_turkey_and_the_united_states() {
    let s = sentence("As for the West");
    for key in ["country:VA", "country:TR", "country:US", "org:NATO", "org:EU", "country:AT", "country:HU"] {
        assert!(found(s, key), "{key}");
    }
    for key in ["country:MT", "country:SK", "country:DE", "country:CH"] {
        assert!(found(s, key), "{key}");
    }
    let last = sentence("Russia has stressed that the Ukrainian conflict");
    assert!(found(last, "country:UA") && found(last, "org:NATO"));
}

#[test]
fn mention_spans_slice_to_the_surface_form() {
    let s = sentence("In the economic and trade sphere");
    let m = s.mentions.iter().find(|m| m.entity_key == "project:north-south-corridor").expect("found");
    assert_eq!(&s.text[m.start..m.end], "North-South International Transport Corridor");
}

#[test]
fn russian_documents_get_mentions_figures_and_topics() {
    let text =
        "В 2024 г. товарооборот России и Китая превысил 240 млрд долларов.\nПутин посетил Индию. Он провёл переговоры.";
    let doc = parse_document(text, &GAZETTEER, &TOPICS);
    let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "В 2024 г. товарооборот России и Китая превысил 240 млрд долларов.",
            "Путин посетил Индию.",
            "Он провёл переговоры."
        ]
    );
    let trade = &doc.sentences[0];
    assert!(found(trade, "country:RU") && found(trade, "country:CN"));
    assert!(figure(trade, FigureKind::Money, 240e9, "USD") && figure(trade, FigureKind::Date, 20240000.0, "2024"));
    assert_eq!(trade.topics, vec!["trade"]);
    assert!(found(&doc.sentences[1], "person:putin") && found(&doc.sentences[1], "country:IN"));
    let talks = &doc.sentences[2];
    assert!(has(talks, "person:putin") && has(talks, "country:IN"), "Он continues the previous sentence");
    assert!(talks.topics.contains(&"diplomacy".to_string()));
}

#[test]
fn parse_document_is_fast_enough() {
    let corpus = SEED.repeat(200);
    let started = std::time::Instant::now();
    let doc = parse_document(&corpus, &GAZETTEER, &TOPICS);
    let elapsed = started.elapsed().as_secs_f64();
    assert!(doc.sentences.len() > 4000);
    // Debug builds are far slower than release; this only catches pathological slowness.
    assert!(elapsed < 20.0, "{elapsed:.2}s for {} bytes", corpus.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nothing_panics_on_arbitrary_input(text in "\\PC{0,200}|[\\x00-\\x7F]{0,200}") {
        let doc = parse_document(&text, &GAZETTEER, &TOPICS);
        for s in &doc.sentences {
            for f in &s.figures {
                prop_assert!(s.text.get(f.start..f.end) == Some(f.text.as_str()));
            }
        }
        let _ = GAZETTEER.resolve(&text, None);
        let _ = GAZETTEER.resolve(&text, Some(&[EntityKind::Country]));
        let _ = TOPICS.resolve(&text);
    }

    #[test]
    fn mention_spans_are_char_boundaries_within_the_sentence(
        text in "(\\PC|[–—’ ]|Russia|India|Индии|NSITC|U\\.S\\.|İ){0,60}"
    ) {
        for m in GAZETTEER.find_mentions(&text) {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn segmentation_loses_no_non_whitespace_text(text in "(\\PC|[\\n\\r\\t .!?…]|Mr\\. |U\\.S\\. |V\\. ){0,120}") {
        let kept: String = split_sentences(&text).into_iter().flat_map(|(_, s)| s.chars().collect::<Vec<_>>()).filter(|c| !c.is_whitespace()).collect();
        let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(kept, original);
    }
}
