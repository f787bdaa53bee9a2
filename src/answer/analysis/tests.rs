//! Unit tests of question analysis: every answer type in English and Russian, names, and hostile strings.

use super::*;
use crate::facts::Knowledge;

fn knowledge() -> Knowledge {
    Knowledge::bundled().expect("the bundled knowledge loads")
}

fn of(question: &str) -> Analysis {
    analyse(question, &knowledge().gazetteer)
}

fn content(a: &Analysis) -> Vec<&str> {
    a.content.iter().map(|t| t.word.as_str()).collect()
}

#[test]
fn when_questions_ask_for_a_date_in_both_languages() {
    let en = of("When did Putin visit China?");
    assert_eq!(en.answer_type, AnswerType::When);
    assert_eq!(en.entities, ["person:putin", "country:CN"]);
    assert_eq!(content(&en), ["visit"]);
    let ru = of("Когда Путин посетил Китай?");
    assert_eq!(ru.answer_type, AnswerType::When);
    assert_eq!(ru.entities, ["person:putin", "country:CN"]);
    assert_eq!(of("В каком году прошёл саммит БРИКС?").answer_type, AnswerType::When);
}

#[test]
fn how_much_questions_ask_for_an_amount() {
    let en = of("How much did Russia trade with China?");
    assert_eq!(en.answer_type, AnswerType::HowMuch);
    assert_eq!(content(&en), ["trade"]);
    let ru = of("Какой объём торговли между Россией и Китаем?");
    assert_eq!(ru.answer_type, AnswerType::HowMuch);
    assert_eq!(ru.entities, ["country:RU", "country:CN"]);
    assert!(ru.content[0].found_in(["trade"].into_iter()), "торговля carries the meaning of trade");
}

#[test]
fn how_many_questions_take_the_unit_after_the_cue() {
    let en = of("How many countries took part in the BRICS summit?");
    assert_eq!(en.answer_type, AnswerType::HowMany);
    assert_eq!(en.unit.as_ref().map(|u| u.word.as_str()), Some("countries"));
    // "took part" is generic; "summit" stays a content word now that the summit is a discovered event.
    assert_eq!(content(&en), ["summit"], "took part is generic");
    let ru = of("Сколько стран участвовало в саммите БРИКС?");
    assert_eq!(ru.answer_type, AnswerType::HowMany);
    assert!(ru.unit.as_ref().is_some_and(|u| u.keys.iter().any(|k| k == "countries")));
}

#[test]
fn share_questions_ask_for_a_percentage() {
    assert_eq!(of("What share of payments was made in national currencies?").answer_type, AnswerType::Share);
    assert_eq!(of("Какая доля платежей в национальных валютах?").answer_type, AnswerType::Share);
}

#[test]
fn where_questions_ask_for_a_place_and_set_generic_verbs_aside() {
    let en = of("Where did the BRICS leaders meet?");
    assert_eq!(en.answer_type, AnswerType::Where);
    assert_eq!(en.entities, ["org:BRICS"]);
    assert!(content(&en).is_empty(), "{:?}", content(&en));
    assert_eq!(of("Где прошёл саммит БРИКС?").answer_type, AnswerType::Where);
}

#[test]
fn who_questions_ask_for_a_person_country_or_organisation() {
    assert_eq!(of("Who chaired the BRICS summit?").answer_type, AnswerType::Who);
    assert_eq!(of("Кто председательствовал на саммите БРИКС?").answer_type, AnswerType::Who);
}

#[test]
fn which_countries_questions_ask_for_a_list() {
    assert_eq!(of("Which countries did Putin visit?").answer_type, AnswerType::WhichCountries);
    assert_eq!(
        of("С какими странами Россия заключила соглашения о безопасности?").answer_type,
        AnswerType::WhichCountries
    );
}

#[test]
fn did_and_li_questions_ask_yes_or_no() {
    assert_eq!(of("Did Russia sign security agreements with Belarus?").answer_type, AnswerType::YesNo);
    assert_eq!(of("Подписала ли Россия соглашение с Белоруссией?").answer_type, AnswerType::YesNo);
    assert_eq!(of("Did Modi visit Russia in July?").entities, ["person:modi", "country:RU"]);
}

#[test]
fn what_is_and_tell_me_about_one_name_ask_for_its_card() {
    assert_eq!(of("What is the CSTO?").answer_type, AnswerType::About);
    assert_eq!(of("Tell me about Lavrov").answer_type, AnswerType::About);
    assert_eq!(of("Кто такой Лавров?").answer_type, AnswerType::About);
    assert_eq!(of("Расскажи о БРИКС").answer_type, AnswerType::About);
    assert_eq!(of("Tell me about trade between Russia and China").answer_type, AnswerType::Other);
}

#[test]
fn a_name_no_entity_answers_to_is_kept_as_unknown() {
    let a = of("When did Lavrov visit Narnia?");
    assert_eq!(a.entities, ["person:lavrov"]);
    assert_eq!(a.unknown.iter().map(|u| u.text.as_str()).collect::<Vec<_>>(), ["Narnia"]);
}

#[test]
fn a_typo_of_a_long_name_is_corrected_but_a_short_one_is_not() {
    assert_eq!(of("When did Lavrov visit Kazahkstan?").entities, ["person:lavrov", "country:KZ"]);
    let short = of("What did the CSTP decide?");
    assert!(!short.entities.iter().any(|k| k.starts_with("org:")), "{:?}", short.entities);
    assert_eq!(short.unknown.len(), 1);
}

#[test]
fn hostile_strings_analyse_without_panicking() {
    let long = "Россия ".repeat(400);
    for question in
        ["", "?", "\"; DROP TABLE sentences; --", "NEAR(\"a\" *", "🇷🇺🇨🇳💥", long.as_str(), "\u{202E}When\u{0}?"]
    {
        let a = of(question);
        assert!(a.content.len() <= MAX_TERMS);
    }
    assert!(of("").entities.is_empty());
}

#[test]
fn role_questions_ask_for_a_title_not_the_card() {
    let en = of("What is Lavrov's role?");
    assert_eq!(en.answer_type, AnswerType::Role);
    assert_eq!(en.entities, ["person:lavrov"]);
    assert!(en.content.is_empty(), "the cue is not a content word: {:?}", content(&en));
    assert_eq!(of("Какую должность занимает Лавров?").answer_type, AnswerType::Role);
    assert_eq!(of("Who is Lavrov?").answer_type, AnswerType::About, "who is asks for the card");
}

#[test]
fn a_russian_name_no_entity_answers_to_is_also_looked_for_in_latin_and_as_its_english_place_name() {
    let a = of("Когда Муиззу посетил Нью-Дели?");
    let keys = |text: &str| -> Vec<Vec<String>> {
        let name = a.unknown.iter().find(|n| n.text == text).expect("an unknown name");
        name.words.iter().map(|w| w.keys.clone()).collect()
    };
    assert!(keys("Муиззу")[0].contains(&"muizz".to_owned()), "{:?}", keys("Муиззу"));
    let delhi = keys("Нью-Дели");
    let matches = |i: usize, word: &str| delhi[i].iter().any(|k| words::matches(word, k));
    assert!(matches(0, "new") && matches(1, "delhi"), "{delhi:?}");
}
