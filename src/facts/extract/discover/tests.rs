//! Discovery on the test documents and on look-alikes that are not names.

use crate::facts::extract::model::{Entity, EntityKind, ParsedDocument};
use crate::facts::extract::parse_document;
use crate::facts::extract::test_support::{GAZETTEER, TOPICS};

const INDIA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/documents/india-diplomacy-2024.txt"));
const OTS: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/documents/turkic-states-bishkek-communique.txt"));
const BRIEFS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/documents/world-briefs-2024-11-18.txt"));

fn parse(text: &str) -> ParsedDocument {
    parse_document(text, &GAZETTEER, &TOPICS)
}

fn entity<'a>(doc: &'a ParsedDocument, name: &str) -> &'a Entity {
    doc.entities.iter().find(|e| e.name == name || e.aliases.iter().any(|a| a == name)).unwrap_or_else(|| {
        panic!("{name} not discovered; found {:#?}", doc.entities.iter().map(|e| &e.name).collect::<Vec<_>>())
    })
}

fn names(doc: &ParsedDocument) -> Vec<&str> {
    doc.entities.iter().map(|e| e.name.as_str()).collect()
}

/// Keys mentioned (found or inferred) in the sentence starting with `opening`.
fn keys_of(doc: &ParsedDocument, opening: &str) -> Vec<String> {
    let s =
        doc.sentences.iter().find(|s| s.text.starts_with(opening)).unwrap_or_else(|| panic!("no sentence {opening}"));
    s.mentions.iter().map(|m| m.entity_key.clone()).collect()
}

#[test]
fn the_communique_introduces_the_ots_its_summit_declaration_fund_and_presidents() {
    let doc = parse(OTS);
    let ots = entity(&doc, "OTS");
    assert_eq!(
        (ots.key.as_str(), ots.name.as_str(), ots.kind),
        ("org:OTS", "Organization of Turkic States", EntityKind::Organisation)
    );
    let summit = doc.entities.iter().find(|e| e.kind == EntityKind::Event).expect("the summit");
    assert_eq!(summit.place.as_deref(), Some("Bishkek"));
    assert_eq!(summit.date.as_deref(), Some("2024-11-06"));
    assert_eq!(summit.country.as_deref(), Some("country:KG"));
    assert_eq!(summit.parent.as_deref(), Some("org:OTS"));
    assert_eq!(entity(&doc, "Bishkek Declaration").kind, EntityKind::Project);
    assert_eq!(entity(&doc, "Turkic Investment Fund").kind, EntityKind::Organisation);
    assert_eq!(entity(&doc, "Agreement on the Simplified Customs Corridor").kind, EntityKind::Project);
    let japarov = entity(&doc, "Sadyr Japarov");
    assert_eq!(japarov.role.as_deref(), Some("President"));
    assert_eq!(entity(&doc, "Viktor Orban").country.as_deref(), Some("country:HU"));
    assert!(!names(&doc).iter().any(|n| n.starts_with("Council") || n.contains("Heads of State")), "{:?}", names(&doc));
    let he = keys_of(&doc, "He handed over");
    assert!(he.contains(&japarov.key), "He is Japarov: {he:?}");
}

#[test]
fn indias_year_introduces_efta_ministers_and_the_summits_with_place_and_date() {
    let doc = parse(INDIA);
    let efta = entity(&doc, "EFTA");
    assert_eq!(efta.name, "European Free Trade Association");
    let jaishankar = entity(&doc, "S. Jaishankar");
    assert_eq!(jaishankar.role.as_deref(), Some("External Affairs Minister"));
    assert_eq!(entity(&doc, "Volodymyr Zelensky").role.as_deref(), Some("President"));
    let kazan = doc.entities.iter().find(|e| e.place.as_deref() == Some("Kazan")).expect("the Kazan summit");
    assert_eq!((kazan.parent.as_deref(), kazan.date.as_deref()), (Some("org:BRICS"), Some("2024-10")));
    assert_eq!(kazan.country.as_deref(), Some("country:RU"));
    let astana = doc.entities.iter().find(|e| e.place.as_deref() == Some("Astana")).expect("the SCO summit");
    assert_eq!((astana.parent.as_deref(), astana.date.as_deref()), (Some("org:SCO"), Some("2024-07")));
    assert!(names(&doc).contains(&"Ministry of External Affairs"), "{:?}", names(&doc));
    let he = keys_of(&doc, "He also visited Islamabad");
    assert!(he.contains(&jaishankar.key) && he.contains(&"country:PK".to_owned()), "{he:?}");
    assert!(!he.contains(&"person:modi".to_owned()), "He is the nearest person, not Modi");
    let ukraine = keys_of(&doc, "He then travelled to Ukraine");
    assert!(ukraine.contains(&"person:modi".to_owned()) && !ukraine.contains(&"country:AT".to_owned()), "{ukraine:?}");
    let two = keys_of(&doc, "The two countries had agreed");
    assert!(two.contains(&"country:IN".to_owned()) && two.contains(&"country:CN".to_owned()), "{two:?}");
}

#[test]
fn the_wire_report_introduces_apec_the_bank_the_alliance_and_the_conference_in_baku() {
    let doc = parse(BRIEFS);
    assert_eq!(entity(&doc, "APEC").name, "Asia-Pacific Economic Cooperation");
    assert_eq!(entity(&doc, "African Development Bank").kind, EntityKind::Organisation);
    assert_eq!(entity(&doc, "Reciprocal Access Agreement").kind, EntityKind::Project);
    assert_eq!(entity(&doc, "Global Alliance Against Hunger and Poverty").kind, EntityKind::Organisation);
    let lima = doc.entities.iter().find(|e| e.place.as_deref() == Some("Lima")).expect("the APEC meeting");
    assert_eq!(lima.parent.as_deref(), Some("org:APEC"));
    assert_eq!(entity(&doc, "John Mbadi").country.as_deref(), Some("country:KE"));
    assert_eq!(entity(&doc, "Dina Boluarte").country.as_deref(), Some("country:PE"));
    let baku = doc.entities.iter().find(|e| e.place.as_deref() == Some("Baku")).expect("the climate conference");
    assert_eq!(baku.parent.as_deref(), Some("org:UN"));
    let rio = doc.entities.iter().find(|e| e.place.as_deref() == Some("Rio de Janeiro")).expect("the G20 summit");
    assert_eq!(rio.parent.as_deref(), Some("org:G20"));
    assert!(keys_of(&doc, "NAIROBI - The African").contains(&"country:KE".to_owned()));
}

#[test]
fn look_alikes_are_not_names() {
    let doc = parse(
        "Strategic decisions were taken on development finance. The West was criticised by several speakers. \
         Trade with the Council rose. Bank officials met in Moscow Format talks. The President said so. \
         Several Union members agreed. The summit ended.",
    );
    assert!(doc.entities.is_empty(), "{:#?}", doc.entities);
}

#[test]
fn a_sentence_naming_an_unknown_thing_does_not_inherit_the_previous_country() {
    let doc = parse("India and Iran signed a contract. Indian Ports Global Limited will invest $120 million.");
    assert!(keys_of(&doc, "Indian Ports").iter().all(|k| k != "country:IR"), "{:?}", keys_of(&doc, "Indian Ports"));
}

#[test]
fn a_city_ties_its_sentence_to_its_country() {
    let doc = parse("Modi travelled to Moscow in July.");
    assert!(keys_of(&doc, "Modi").contains(&"country:RU".to_owned()));
}
