//! The gazetteer: countries from keshvar plus organisations, events, projects and people from TOML, with lookups.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::matcher::MentionMatcher;
use super::model::{Entity, EntityKind, ExtractError, Mention, Resolution};
use super::norm::Normalized;
use super::resolve::{Hit, QueryIndex};

/// How an alias is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// Matched in running text and accepted from users.
    Text,
    /// Accepted from users only ("US", "America", names with brackets).
    Query,
    /// ISO codes: accepted from users as a whole query, with the lowest priority.
    Code,
    /// "Iranian", "Russians": matched in text when capitalised, accepted from users.
    Demonym,
    /// A Russian stem ("российск") matched with an inflectional ending; text only.
    RuStem,
}

/// One surface form of an entity, before compilation. Lower `priority` wins conflicts.
#[derive(Debug, Clone)]
pub(super) struct RawAlias {
    pub entity: usize,
    pub text: String,
    pub usage: Use,
    pub priority: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    countries: Vec<CountrySpec>,
    #[serde(default)]
    organisations: Vec<EntitySpec>,
    #[serde(default)]
    events: Vec<EntitySpec>,
    #[serde(default)]
    projects: Vec<EntitySpec>,
    #[serde(default)]
    people: Vec<EntitySpec>,
}

/// Extra aliases for a keshvar country.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountrySpec {
    key: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    query_aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitySpec {
    key: String,
    name: String,
    name_ru: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    query_aliases: Vec<String>,
    country: Option<String>,
    role: Option<String>,
    place: Option<String>,
    parent: Option<String>,
    #[serde(default)]
    related: Vec<String>,
}

/// Every entity the extractor knows, with a text matcher and a resolver for user input.
pub struct Gazetteer {
    pub(super) entities: Vec<Entity>,
    pub(super) by_key: HashMap<String, usize>,
    pub(super) matcher: MentionMatcher,
    pub(super) queries: QueryIndex,
    /// Every surface form before compilation, kept so that a catalogue can add to them.
    pub(super) raw: Vec<RawAlias>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("entities", &self.entities.len()).finish()
    }
}

impl Gazetteer {
    /// Builds the gazetteer: all keshvar countries plus the entities of `extra` (TOML text).
    pub fn from_toml(extra: &str) -> Result<Self, ExtractError> {
        let file: GazetteerFile = toml::from_str(extra)?;
        let mut entities = Vec::new();
        let mut aliases = Vec::new();
        super::countries::load(&mut entities, &mut aliases);
        let mut by_key: HashMap<String, usize> = entities.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect();
        for spec in file.countries {
            let Some(&index) = by_key.get(&spec.key) else {
                return Err(ExtractError::UnknownReference { key: "countries".into(), reference: spec.key });
            };
            let lists = [(spec.aliases, Use::Text), (spec.query_aliases, Use::Query), (spec.demonyms, Use::Demonym)];
            for (list, usage) in lists {
                aliases.extend(list.into_iter().map(|text| RawAlias { entity: index, text, usage, priority: 0 }));
            }
        }
        let groups = [
            (file.organisations, EntityKind::Organisation),
            (file.events, EntityKind::Event),
            (file.projects, EntityKind::Project),
            (file.people, EntityKind::Person),
        ];
        for (specs, kind) in groups {
            for spec in specs {
                add_entity(spec, kind, &mut entities, &mut by_key, &mut aliases)?;
            }
        }
        validate_references(&entities, &by_key)?;
        fill_aliases(&mut entities, &aliases);
        let matcher = MentionMatcher::build(&entities, &aliases)?;
        let queries = QueryIndex::build(&aliases);
        Ok(Gazetteer { entities, by_key, matcher, queries, raw: aliases })
    }

    /// Every entity: countries first (by ISO code), then the TOML entities in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this key.
    pub fn get(&self, key: &str) -> Option<&Entity> {
        self.by_key.get(key).and_then(|&i| self.entities.get(i))
    }

    /// Entities mentioned in `sentence`, one mention per entity (its first), ordered by position.
    pub fn find_mentions(&self, sentence: &str) -> Vec<Mention> {
        self.find_in(&Normalized::new(sentence), sentence)
    }

    /// [`Gazetteer::find_mentions`] on an already normalised sentence.
    pub(super) fn find_in(&self, norm: &Normalized<'_>, sentence: &str) -> Vec<Mention> {
        self.matcher
            .find(norm, sentence, &self.entities)
            .into_iter()
            .filter_map(|(entity, start, end)| {
                let key = self.entities.get(entity)?.key.clone();
                Some(Mention { entity_key: key, start, end, inferred: false })
            })
            .collect()
    }

    /// Resolves a user-typed name, optionally restricted to some kinds.
    pub fn resolve(&self, query: &str, kind: Option<&[EntityKind]>) -> Resolution {
        let allowed = |i: usize| match (kind, self.entities.get(i)) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(kinds), Some(e)) => kinds.contains(&e.kind),
        };
        let keys = |v: Vec<usize>| -> Vec<String> {
            v.into_iter().filter_map(|i| self.entities.get(i).map(|e| e.key.clone())).collect()
        };
        match self.queries.resolve(query, &allowed) {
            Hit::Found(i) => match self.entities.get(i) {
                Some(e) => Resolution::Found(e.key.clone()),
                None => Resolution::Unknown { closest: Vec::new() },
            },
            Hit::DidYouMean(v) => Resolution::DidYouMean(keys(v)),
            Hit::Unknown(v) => Resolution::Unknown { closest: keys(v) },
        }
    }
}

fn check_key(key: &str, kind: EntityKind) -> Result<(), ExtractError> {
    let invalid = |reason: &str| Err(ExtractError::InvalidKey { key: key.to_string(), reason: reason.to_string() });
    let Some(rest) = key.strip_prefix(kind.key_prefix()) else {
        return invalid(&format!("a {kind} key must start with {:?}", kind.key_prefix()));
    };
    if rest.is_empty() || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid("the part after the prefix must be non-empty and contain no spaces");
    }
    Ok(())
}

fn add_entity(
    spec: EntitySpec,
    kind: EntityKind,
    entities: &mut Vec<Entity>,
    by_key: &mut HashMap<String, usize>,
    aliases: &mut Vec<RawAlias>,
) -> Result<(), ExtractError> {
    check_key(&spec.key, kind)?;
    if spec.name.trim().is_empty() {
        return Err(ExtractError::Invalid { key: spec.key, reason: "the name is empty".into() });
    }
    if by_key.contains_key(&spec.key) {
        return Err(ExtractError::DuplicateKey(spec.key));
    }
    let index = entities.len();
    let mut push = |text: &str, usage: Use| {
        aliases.push(RawAlias { entity: index, text: text.to_string(), usage, priority: 0 });
    };
    push(&spec.name, Use::Text);
    if let Some(ru) = &spec.name_ru {
        push(ru, Use::Text);
    }
    spec.aliases.iter().for_each(|a| push(a, Use::Text));
    spec.query_aliases.iter().for_each(|a| push(a, Use::Query));
    by_key.insert(spec.key.clone(), index);
    entities.push(Entity {
        key: spec.key,
        kind,
        name: spec.name,
        name_ru: spec.name_ru,
        aliases: Vec::new(),
        country: spec.country,
        role: spec.role,
        place: spec.place,
        date: None,
        parent: spec.parent,
        related: spec.related,
    });
    Ok(())
}

fn validate_references(entities: &[Entity], by_key: &HashMap<String, usize>) -> Result<(), ExtractError> {
    for e in entities {
        let refs = e.country.iter().chain(e.parent.iter()).chain(e.related.iter());
        for r in refs {
            if !by_key.contains_key(r) {
                return Err(ExtractError::UnknownReference { key: e.key.clone(), reference: r.clone() });
            }
        }
        if let Some(c) = &e.country
            && !c.starts_with(EntityKind::Country.key_prefix())
        {
            return Err(ExtractError::Invalid {
                key: e.key.clone(),
                reason: format!("country {c:?} is not a country key"),
            });
        }
    }
    Ok(())
}

/// Fills `Entity::aliases` with every distinct surface form except Russian stems.
pub(super) fn fill_aliases(entities: &mut [Entity], aliases: &[RawAlias]) {
    let mut seen: HashSet<(usize, &str)> = HashSet::new();
    for a in aliases {
        let text = a.text.trim();
        if a.usage == Use::RuStem || text.is_empty() || !seen.insert((a.entity, text)) {
            continue;
        }
        if let Some(e) = entities.get_mut(a.entity) {
            e.aliases.push(text.to_string());
        }
    }
}

#[cfg(test)]
#[path = "gazetteer_tests.rs"]
mod tests;
