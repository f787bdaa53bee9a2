//! Place questions: "Which city hosted the 2024 BRICS Summit?" from an event's place in the gazetteer,
//! asked on the fact that names the event; wrong answers are other cities, of the host country first.

use super::{
    QuestionKind,
    catalogue::Catalogue,
    generate::{Draft, Fact},
    shuffle::{pick, seed},
    text::{contains_word, starts_with_ordinal, the},
};
use crate::facts::{Entity, EntityKind};

/// Cities that make plausible wrong answers, by country.
const CITIES: &[(&str, &[&str])] = &[
    (
        "country:RU",
        &[
            "Moscow",
            "Saint Petersburg",
            "Sochi",
            "Kazan",
            "Vladivostok",
            "Yekaterinburg",
            "Nizhny Novgorod",
            "Novosibirsk",
        ],
    ),
    ("country:CN", &["Beijing", "Shanghai", "Xiamen", "Tianjin"]),
    ("country:IN", &["New Delhi", "Mumbai", "Goa", "Bengaluru"]),
    ("country:BR", &["Brasília", "Rio de Janeiro", "São Paulo"]),
    ("country:ZA", &["Johannesburg", "Pretoria", "Durban", "Cape Town"]),
    ("country:SA", &["Riyadh", "Jeddah"]),
    ("country:AE", &["Abu Dhabi", "Dubai"]),
    ("country:KZ", &["Astana", "Almaty"]),
    ("country:UZ", &["Tashkent", "Samarkand"]),
    ("country:TR", &["Ankara", "Istanbul"]),
    ("country:IR", &["Tehran", "Isfahan"]),
    ("country:EG", &["Cairo", "Sharm el-Sheikh"]),
];

/// Capitals, for when the host country has too few cities listed.
const CAPITALS: &[&str] = &[
    "Moscow",
    "Beijing",
    "New Delhi",
    "Brasília",
    "Pretoria",
    "Riyadh",
    "Abu Dhabi",
    "Astana",
    "Tashkent",
    "Minsk",
    "Tehran",
    "Ankara",
    "Cairo",
    "Addis Ababa",
    "Hanoi",
    "Baku",
    "Doha",
];

const WRONG_ANSWERS: usize = 3;

/// One question per event with a place that the fact base names, on the fact that best shows it.
pub(super) fn questions(facts: &[Fact], catalogue: &Catalogue) -> Vec<(usize, Draft)> {
    let events: Vec<&Entity> = catalogue.of_kind(EntityKind::Event);
    let other_places: Vec<String> = events.iter().filter_map(|e| e.place.clone()).collect();
    let mut out = Vec::new();
    for event in events {
        let Some(place) = event.place.as_deref().map(str::trim).filter(|p| !p.is_empty()) else { continue };
        let Some(index) = best_fact(facts, &event.key, place) else { continue };
        let Some(question) = question(event, place) else { continue };
        let host: &[&str] = event
            .country
            .as_deref()
            .and_then(|c| CITIES.iter().find(|(k, _)| *k == c))
            .map_or(&[], |(_, cities)| cities);
        let usable = |city: &&str| !city.eq_ignore_ascii_case(place) && !contains_word(&question, city);
        let preferred: Vec<&str> = host.iter().copied().filter(usable).collect();
        let fallback: Vec<&str> =
            other_places.iter().map(String::as_str).chain(CAPITALS.iter().copied()).filter(usable).collect();
        let distractors: Vec<String> =
            pick(&preferred, &fallback, WRONG_ANSWERS, seed(&event.key)).into_iter().map(str::to_owned).collect();
        if distractors.len() < 2 {
            continue;
        }
        out.push((
            index,
            Draft {
                kind: QuestionKind::Place,
                subject: event.key.clone(),
                question,
                answer: place.to_owned(),
                distractors,
            },
        ));
    }
    out
}

/// The fact to cite: one naming the event and its place if any, else one naming the event, else one about it.
fn best_fact(facts: &[Fact], key: &str, place: &str) -> Option<usize> {
    facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let named = f.named.iter().any(|k| k == key);
            if !named && !f.inferred.iter().any(|k| k == key) {
                return None;
            }
            Some(((!contains_word(&f.text, place), !named, f.fact_key.as_str()), i))
        })
        .min()
        .map(|(_, i)| i)
}

/// "Which city hosted the 2024 BRICS Summit?": the event's name without its place, with its year.
fn question(event: &Entity, place: &str) -> Option<String> {
    let mut name = event.name.clone();
    for pattern in [format!(" in {place}"), format!(" ({place})"), format!(", {place}")] {
        name = name.replace(&pattern, "");
    }
    let name = name.trim().to_owned();
    if name.is_empty() || contains_word(&name, place) {
        return None;
    }
    let year = event.date.as_deref().and_then(|d| d.get(..4)).or_else(|| event.key.rsplit('-').next());
    let year = year.filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    let named = match year {
        Some(year) if !name.contains(year) && !starts_with_ordinal(&name) && !name.starts_with("The ") => {
            format!("the {year} {name}")
        }
        Some(year) if !name.contains(year) => format!("{} in {year}", the(&name)),
        _ => the(&name),
    };
    Some(format!("Which city hosted {named}?"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::catalogue::tests::gazetteer;

    #[test]
    fn the_place_is_taken_out_of_the_event_name_and_the_year_put_in() {
        let g = gazetteer();
        let kazan = g.iter().find(|e| e.key == "event:brics-summit-kazan-2024").unwrap();
        assert_eq!(question(kazan, "Kazan").as_deref(), Some("Which city hosted the 2024 BRICS Summit?"));
        let forum = g.iter().find(|e| e.key == "event:russia-africa-forum-2024").unwrap();
        assert_eq!(
            question(forum, "Sochi").as_deref(),
            Some("Which city hosted the first ministerial conference of the Russia–Africa Partnership Forum in 2024?")
        );
    }

    #[test]
    fn an_event_named_only_by_its_place_gives_no_question() {
        let mut e = gazetteer().into_iter().find(|e| e.key == "event:brics-summit-kazan-2024").unwrap();
        e.name = "Kazan".into();
        assert_eq!(question(&e, "Kazan"), None);
    }
}
