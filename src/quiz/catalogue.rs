//! The entities a quiz can ask about: their names as written in sentences, and plausible wrong answers.

use std::collections::HashMap;

use super::shuffle::pick;
use super::text::{contains_word, find_word};
use crate::facts::{Entity, EntityKind};

/// Countries that make plausible wrong answers when the fact base names too few.
const NOTABLE_COUNTRIES: &[&str] = &[
    "country:CN",
    "country:IN",
    "country:US",
    "country:BR",
    "country:ZA",
    "country:TR",
    "country:IR",
    "country:DE",
    "country:FR",
    "country:JP",
    "country:SA",
    "country:EG",
    "country:KZ",
    "country:BY",
    "country:ID",
    "country:AE",
];

/// An entity mentioned in more than this share of all facts is the documents' subject: too easy to blank.
const COMMON_SHARE: f64 = 0.4;

/// The gazetteer's entities, ranked by how often the fact base names them.
pub struct Catalogue<'a> {
    by_key: HashMap<&'a str, &'a Entity>,
    counts: HashMap<String, usize>,
    facts: usize,
}

impl<'a> Catalogue<'a> {
    /// `mentions` holds, per fact, the keys of the entities it names.
    pub fn new(entities: &'a [Entity], mentions: &[Vec<String>]) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for keys in mentions {
            for key in keys {
                *counts.entry(key.clone()).or_default() += 1;
            }
        }
        Catalogue { by_key: entities.iter().map(|e| (e.key.as_str(), e)).collect(), counts, facts: mentions.len() }
    }

    pub fn get(&self, key: &str) -> Option<&'a Entity> {
        self.by_key.get(key).copied()
    }

    /// Every entity of a kind, by key.
    pub fn of_kind(&self, kind: EntityKind) -> Vec<&'a Entity> {
        let mut list: Vec<&'a Entity> = self.by_key.values().copied().filter(|e| e.kind == kind).collect();
        list.sort_by(|a, b| a.key.cmp(&b.key));
        list
    }

    /// Whether the entity is named so often that blanking it out asks nothing.
    pub fn is_too_common(&self, key: &str) -> bool {
        let n = self.counts.get(key).copied().unwrap_or(0);
        self.facts >= 5 && n as f64 > COMMON_SHARE * self.facts as f64
    }

    /// Where the entity is written in `text`, by its name or any alias, longest forms first.
    pub fn spans(&self, text: &str, entity: &Entity) -> Vec<(usize, usize)> {
        // Forms without a capital ("mid.ru", "special economic zones") are search words, not names in text.
        let mut forms: Vec<&str> = std::iter::once(entity.name.as_str())
            .chain(entity.aliases.iter().map(String::as_str).filter(|a| a.chars().any(char::is_uppercase)))
            .collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for form in forms {
            for (start, end) in find_form(text, form) {
                if !spans.iter().any(|&(s, e)| start < e && s < end) {
                    spans.push((start, end));
                }
            }
        }
        spans.sort_unstable();
        spans
    }

    /// Whether `text` names the entity.
    pub fn names(&self, text: &str, entity: &Entity) -> bool {
        !self.spans(text, entity).is_empty()
    }

    /// Up to `n` wrong answers of `kind`: entities the fact base names, drawn with `seed`, then well-known
    /// ones. `exclude` keys and entities named in `stem` are left out.
    pub fn alternatives(&self, kind: EntityKind, exclude: &[&str], stem: &str, n: usize, seed: u64) -> Vec<&'a Entity> {
        let usable = |e: &&'a Entity| {
            e.kind == kind
                && !exclude.contains(&e.key.as_str())
                && !contains_word(stem, &e.name)
                && e.name.chars().count() <= 100
        };
        let mut named: Vec<&'a Entity> = self.counts.keys().filter_map(|k| self.get(k)).filter(usable).collect();
        named.sort_by(|a, b| a.key.cmp(&b.key));
        let fallback: Vec<&'a Entity> = match kind {
            EntityKind::Country => NOTABLE_COUNTRIES.iter().filter_map(|k| self.get(k)).filter(usable).collect(),
            _ => {
                let mut all: Vec<&'a Entity> = self.by_key.values().copied().filter(usable).collect();
                all.sort_by(|a, b| a.key.cmp(&b.key));
                all
            }
        };
        let keys = |list: &[&'a Entity]| list.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
        pick(&keys(&named), &keys(&fallback), n, seed).iter().filter_map(|k| self.get(k)).collect()
    }
}

/// Occurrences of one surface form: short or all-capital forms ("IN", "UAE") must match exactly.
fn find_form(text: &str, form: &str) -> Vec<(usize, usize)> {
    let exact = form.chars().count() <= 3 || !form.chars().any(char::is_lowercase);
    find_word(text, form)
        .into_iter()
        .filter(|&(s, e)| !exact || text.get(s..e).is_some_and(|found| found == form))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn entity(key: &str, kind: EntityKind, name: &str, aliases: &[&str]) -> Entity {
        Entity {
            key: key.into(),
            kind,
            name: name.into(),
            name_ru: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            country: None,
            role: None,
            place: None,
            date: None,
            parent: None,
            related: Vec::new(),
        }
    }

    /// A small gazetteer shaped like the bundled one.
    pub fn gazetteer() -> Vec<Entity> {
        use EntityKind::*;
        let mut list = vec![
            entity("country:RU", Country, "Russia", &["Russian Federation", "RU", "Russian"]),
            entity("country:CN", Country, "China", &["PRC", "CN", "Chinese"]),
            entity("country:IN", Country, "India", &["IN", "Indian"]),
            entity("country:BY", Country, "Belarus", &["BY"]),
            entity("country:KZ", Country, "Kazakhstan", &["KZ"]),
            entity("country:VN", Country, "Vietnam", &["VN"]),
            entity("country:US", Country, "United States", &["US", "USA"]),
            entity("org:BRICS", Organisation, "BRICS", &["BRICS+"]),
            entity("org:CIS", Organisation, "Commonwealth of Independent States", &["CIS"]),
            entity("org:NATO", Organisation, "NATO", &[]),
            entity("org:EU", Organisation, "European Union", &["EU"]),
            entity("person:xi-jinping", Person, "Xi Jinping", &["President Xi"]),
            entity("person:lavrov", Person, "Sergey Lavrov", &["Lavrov"]),
        ];
        let mut putin = entity("person:putin", Person, "Vladimir Putin", &["Putin", "President Putin"]);
        putin.country = Some("country:RU".into());
        putin.role = Some("President".into());
        let mut modi = entity("person:modi", Person, "Narendra Modi", &["Modi", "Prime Minister Modi"]);
        modi.country = Some("country:IN".into());
        modi.role = Some("Prime Minister".into());
        let mut kazan = entity("event:brics-summit-kazan-2024", Event, "BRICS Summit in Kazan", &["BRICS Summit"]);
        kazan.place = Some("Kazan".into());
        kazan.country = Some("country:RU".into());
        kazan.parent = Some("org:BRICS".into());
        let mut forum = entity(
            "event:russia-africa-forum-2024",
            Event,
            "First ministerial conference of the Russia–Africa Partnership Forum",
            &["Russia-Africa forum"],
        );
        forum.place = Some("Sochi".into());
        forum.country = Some("country:RU".into());
        list.extend([putin, modi, kazan, forum]);
        list
    }

    #[test]
    fn names_are_found_by_any_alias_but_codes_only_in_capitals() {
        let g = gazetteer();
        let cat = Catalogue::new(&g, &[]);
        let india = cat.get("country:IN").unwrap();
        let text = "Relations with India grew in July; Indian trade too.";
        let found: Vec<&str> = cat.spans(text, india).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(found, vec!["India", "Indian"]);
        let putin = cat.get("person:putin").unwrap();
        let text = "President Putin's state visit";
        assert_eq!(cat.spans(text, putin), vec![(0, 15)], "the longest form wins");
    }

    #[test]
    fn the_documents_subject_is_too_common_to_blank() {
        let g = gazetteer();
        let mentions: Vec<Vec<String>> =
            (0..10).map(|i| if i < 6 { vec!["country:RU".into()] } else { vec!["country:IN".into()] }).collect();
        let cat = Catalogue::new(&g, &mentions);
        assert!(cat.is_too_common("country:RU"));
        assert!(!cat.is_too_common("country:IN"));
    }

    #[test]
    fn alternatives_are_of_the_same_kind_and_leave_out_the_answer_and_the_stem() {
        let g = gazetteer();
        let mentions =
            vec![vec!["country:RU".to_string(), "country:CN".into(), "country:BY".into(), "country:KZ".into()]];
        let cat = Catalogue::new(&g, &mentions);
        for seed in 0..20 {
            let alts = cat.alternatives(EntityKind::Country, &["country:IN"], "Whose leader visited Russia?", 3, seed);
            let keys: Vec<&str> = alts.iter().map(|e| e.key.as_str()).collect();
            assert_eq!(keys.len(), 3);
            assert!(
                keys.iter().all(|k| k.starts_with("country:") && *k != "country:IN" && *k != "country:RU"),
                "{keys:?}"
            );
        }
        let people = cat.alternatives(EntityKind::Person, &["person:putin"], "", 3, 1);
        assert!(people.iter().all(|e| e.kind == EntityKind::Person && e.key != "person:putin"));
        assert_eq!(people.len(), 3);
    }
}
