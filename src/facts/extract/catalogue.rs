//! The catalogue: the gazetteer merged with discovered entities, answering the same lookups
//! (`find_mentions`, `resolve`, `get`, `entities`). A discovery with a gazetteer key only adds aliases.

use super::gazetteer::{Gazetteer, RawAlias, Use, fill_aliases};
use super::matcher::MentionMatcher;
use super::model::{Entity, ExtractError};
use super::resolve::QueryIndex;

/// Priority of discovered aliases: a gazetteer alias (0) wins the same text.
const DISCOVERED: u8 = 1;

impl Gazetteer {
    /// This gazetteer plus `discovered` (in order: the first row of a key names it, later rows add aliases
    /// and fill details it lacks).
    pub fn with_discovered(&self, discovered: &[Entity]) -> Result<Gazetteer, ExtractError> {
        let curated = self.entities.len();
        let mut entities = self.entities.clone();
        let mut by_key = self.by_key.clone();
        let mut raw = self.raw.clone();
        for found in discovered {
            let index = match by_key.get(&found.key) {
                Some(&i) => i,
                None => {
                    by_key.insert(found.key.clone(), entities.len());
                    entities.push(Entity { aliases: Vec::new(), ..found.clone() });
                    entities.len() - 1
                }
            };
            if index >= curated
                && let Some(e) = entities.get_mut(index)
            {
                fill(e, found);
            }
            let names = std::iter::once(&found.name).chain(found.name_ru.iter()).chain(&found.aliases);
            raw.extend(names.map(|text| RawAlias {
                entity: index,
                text: text.clone(),
                usage: Use::Text,
                priority: DISCOVERED,
            }));
        }
        for e in &mut entities {
            e.aliases.clear();
        }
        fill_aliases(&mut entities, &raw);
        let matcher = MentionMatcher::build(&entities, &raw)?;
        let queries = QueryIndex::build(&raw);
        Ok(Gazetteer { entities, by_key, matcher, queries, raw })
    }

    /// True when `key` is curated knowledge (from the gazetteer file or keshvar), not only discovered.
    pub fn is_discovered(&self, key: &str, base: &Gazetteer) -> bool {
        self.get(key).is_some() && base.get(key).is_none()
    }
}

/// Fills what a discovered entity lacks from a later row about the same thing.
fn fill(e: &mut Entity, from: &Entity) {
    for (slot, value) in [
        (&mut e.name_ru, &from.name_ru),
        (&mut e.country, &from.country),
        (&mut e.role, &from.role),
        (&mut e.place, &from.place),
        (&mut e.date, &from.date),
        (&mut e.parent, &from.parent),
    ] {
        if slot.is_none() {
            slot.clone_from(value);
        }
    }
    for r in &from.related {
        if !e.related.contains(r) {
            e.related.push(r.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::GAZETTEER;
    use super::*;
    use crate::facts::{EntityKind, Resolution};

    fn ots() -> Entity {
        super::super::discover::registry::entity(
            "org:OTS".into(),
            EntityKind::Organisation,
            "Organization of Turkic States",
            vec!["OTS".into()],
        )
    }

    #[test]
    fn a_discovered_entity_is_found_resolved_and_listed_like_a_curated_one() {
        let catalogue = GAZETTEER.with_discovered(&[ots()]).unwrap();
        assert_eq!(catalogue.resolve("OTS", None), Resolution::Found("org:OTS".into()));
        assert_eq!(catalogue.resolve("organization of turkic states", None), Resolution::Found("org:OTS".into()));
        let found: Vec<String> = catalogue.find_mentions("The OTS met.").into_iter().map(|m| m.entity_key).collect();
        assert_eq!(found, vec!["org:OTS"]);
        assert!(catalogue.entities().iter().any(|e| e.key == "org:OTS"));
        assert!(catalogue.is_discovered("org:OTS", &GAZETTEER) && !catalogue.is_discovered("org:BRICS", &GAZETTEER));
        assert!(
            !matches!(GAZETTEER.resolve("OTS", None), Resolution::Found(_)),
            "the gazetteer alone does not know it"
        );
    }

    #[test]
    fn a_discovery_with_a_gazetteer_key_adds_aliases_and_keeps_the_curated_details() {
        let mut brics = ots();
        brics.key = "org:BRICS".into();
        brics.name = "Brazil Russia India China South Africa".into();
        brics.place = Some("Nowhere".into());
        let catalogue = GAZETTEER.with_discovered(&[brics]).unwrap();
        let e = catalogue.get("org:BRICS").unwrap();
        assert_eq!((e.name.as_str(), e.place.as_deref()), ("BRICS", None), "the gazetteer's details win");
        assert_eq!(
            catalogue.resolve("Brazil Russia India China South Africa", None),
            Resolution::Found("org:BRICS".into())
        );
    }
}
