//! The entities a document introduces, merged by key and alias, and lookups that see them and the gazetteer.

use std::collections::HashMap;

use super::super::gazetteer::Gazetteer;
use super::super::model::{Entity, EntityKind};

/// A document's discoveries so far.
pub(crate) struct Registry<'g> {
    pub gazetteer: &'g Gazetteer,
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    /// Lowercase alias → key, for every alias of a discovery.
    by_alias: HashMap<String, String>,
}

/// A blank entity of `kind` with a key, a name and its aliases.
pub(crate) fn entity(key: String, kind: EntityKind, name: &str, aliases: Vec<String>) -> Entity {
    Entity {
        key,
        kind,
        name: name.to_owned(),
        name_ru: None,
        aliases,
        country: None,
        role: None,
        place: None,
        date: None,
        parent: None,
        related: Vec::new(),
    }
}

impl<'g> Registry<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> Self {
        Registry { gazetteer, entities: Vec::new(), by_key: HashMap::new(), by_alias: HashMap::new() }
    }

    /// The key of what `text` names as a whole: a gazetteer entity (its key wins) or an earlier discovery.
    pub fn known(&self, text: &str) -> Option<String> {
        let text = text.trim();
        let whole = self.gazetteer.find_mentions(text).into_iter().find(|m| m.start == 0 && m.end == text.len());
        whole.map(|m| m.entity_key).or_else(|| self.by_alias.get(&text.to_lowercase()).cloned())
    }

    /// An entity by key, discovered or in the gazetteer.
    pub fn get(&self, key: &str) -> Option<&Entity> {
        self.by_key.get(key).and_then(|&i| self.entities.get(i)).or_else(|| self.gazetteer.get(key))
    }

    pub fn kind(&self, key: &str) -> Option<EntityKind> {
        self.get(key).map(|e| e.kind)
    }

    /// Adds a discovery, or merges it into the entity that already has its key or one of its aliases
    /// (aliases added, missing details filled); returns the key it is known by.
    pub fn add(&mut self, found: Entity) -> String {
        let existing = std::iter::once(found.key.clone())
            .chain(found.aliases.iter().filter_map(|a| self.by_alias.get(&a.to_lowercase()).cloned()))
            .find(|k| self.by_key.contains_key(k) || self.gazetteer.get(k).is_some());
        let key = existing.unwrap_or_else(|| found.key.clone());
        if !self.by_key.contains_key(&key) {
            let base = match self.gazetteer.get(&key) {
                // A gazetteer entity gains aliases only: its own details stay as curated.
                Some(g) => Entity { aliases: Vec::new(), ..g.clone() },
                None => Entity { key: key.clone(), aliases: Vec::new(), ..found.clone() },
            };
            self.by_key.insert(key.clone(), self.entities.len());
            self.entities.push(base);
        }
        let curated = self.gazetteer.get(&key).is_some();
        let Some(&index) = self.by_key.get(&key) else { return key };
        let Some(e) = self.entities.get_mut(index) else { return key };
        for alias in std::iter::once(found.name.clone()).chain(found.aliases) {
            let known_to_gazetteer =
                self.gazetteer.get(&key).is_some_and(|g| g.aliases.iter().any(|a| a.eq_ignore_ascii_case(&alias)));
            if alias.trim().is_empty() || known_to_gazetteer || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(&alias))
            {
                continue;
            }
            self.by_alias.entry(alias.to_lowercase()).or_insert_with(|| key.clone());
            e.aliases.push(alias);
        }
        if !curated {
            let fill = |slot: &mut Option<String>, value: Option<String>| {
                if slot.is_none() {
                    *slot = value;
                }
            };
            fill(&mut e.name_ru, found.name_ru);
            fill(&mut e.country, found.country);
            fill(&mut e.role, found.role);
            fill(&mut e.place, found.place);
            fill(&mut e.date, found.date);
            fill(&mut e.parent, found.parent);
            for r in found.related {
                if !e.related.contains(&r) {
                    e.related.push(r);
                }
            }
        }
        key
    }

    /// Discoveries so far, in order of first discovery.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The discoveries: new entities, and gazetteer entities that gained aliases (with only those aliases).
    pub fn into_entities(self) -> Vec<Entity> {
        let gazetteer = self.gazetteer;
        self.entities.into_iter().filter(|e| gazetteer.get(&e.key).is_none() || !e.aliases.is_empty()).collect()
    }
}
