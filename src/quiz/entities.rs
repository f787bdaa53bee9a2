//! Entity questions: "Whose Prime Minister visited Russia in July 2024?", or the sentence with a country,
//! person, organisation, project or event blanked out; wrong answers are entities of the same kind.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    QuestionKind,
    catalogue::Catalogue,
    generate::{Draft, Fact},
    shuffle::seed,
    text::{blank, fit_cloze, single_year},
};
use crate::facts::{Entity, EntityKind};

static VISIT_AFTER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^['’]s\s+(?:(?P<adj>state|official|working|historic|first)\s+)?visit\s+to\s+").ok());
static WHEN_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s+in\s+(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?P<year>(?:19|20)\d{2})\b|(?P<that>\s+(?:that|the same|this) year\b))?").ok()
});

/// A sentence naming more countries than this is a list: blanking one of them asks little.
const MAX_COUNTRIES_FOR_CLOZE: usize = 3;
const WRONG_ANSWERS: usize = 3;

/// Questions about the entities the fact names.
pub(super) fn questions(fact: &Fact, catalogue: &Catalogue, out: &mut Vec<Draft>) {
    let named: Vec<&Entity> = fact.named.iter().filter_map(|k| catalogue.get(k)).collect();
    for person in named.iter().filter(|e| e.kind == EntityKind::Person) {
        if let Some(draft) = visit(fact, catalogue, person) {
            out.push(draft);
        }
    }
    let countries = named.iter().filter(|e| e.kind == EntityKind::Country).count();
    for entity in &named {
        if catalogue.is_too_common(&entity.key)
            || (entity.kind == EntityKind::Country && countries > MAX_COUNTRIES_FOR_CLOZE)
        {
            continue;
        }
        if let Some(draft) = cloze(fact, catalogue, entity) {
            out.push(draft);
        }
    }
}

/// "Whose Prime Minister visited Russia in July 2024?" from "…Prime Minister Modi's visit to Russia in July…".
fn visit(fact: &Fact, catalogue: &Catalogue, person: &Entity) -> Option<Draft> {
    let role = person.role.as_deref()?;
    let home = catalogue.get(person.country.as_deref()?)?;
    for (_, end) in catalogue.spans(&fact.text, person) {
        let Some(caps) = VISIT_AFTER.as_ref().and_then(|re| re.captures(fact.text.get(end..)?)) else { continue };
        let dest_start = end + caps.get(0)?.end();
        let destination = fact
            .named
            .iter()
            .filter_map(|k| catalogue.get(k))
            .filter(|e| e.kind == EntityKind::Country && e.key != home.key)
            .find_map(|e| catalogue.spans(&fact.text, e).into_iter().find(|s| s.0 == dest_start).map(|s| (e, s.1)));
        let Some((destination, dest_end)) = destination else { continue };
        let verb = match caps.name("adj").map(|m| m.as_str()) {
            Some("state") => "paid a state visit to".to_owned(),
            Some(adj) => {
                format!("paid {} {adj} visit to", if adj.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" })
            }
            None => "visited".to_owned(),
        };
        let when = when(fact, dest_end).unwrap_or_default();
        let question = format!("Whose {role} {verb} {}{when}?", destination.name);
        if catalogue.names(&question, home) {
            continue;
        }
        let exclude: Vec<&str> = fact.all_entities().into_iter().chain([home.key.as_str()]).collect();
        let distractors =
            names(catalogue.alternatives(EntityKind::Country, &exclude, &question, WRONG_ANSWERS, seed(&question)));
        if distractors.len() < 2 {
            return None;
        }
        return Some(Draft {
            kind: QuestionKind::Entity,
            subject: format!("{}:visit", person.key),
            question,
            answer: home.name.clone(),
            distractors,
        });
    }
    None
}

/// " in July 2024" after a visit's destination; "that year" takes the document's year.
fn when(fact: &Fact, from: usize) -> Option<String> {
    let caps = WHEN_AFTER.as_ref()?.captures(fact.text.get(from..)?)?;
    let month = caps.name("month")?.as_str();
    let year = match (caps.name("year"), caps.name("that")) {
        (Some(y), _) => Some(y.as_str().to_owned()),
        (None, Some(_)) => single_year(&fact.doc_title),
        (None, None) => None,
    };
    Some(match year {
        Some(y) => format!(" in {month} {y}"),
        None => format!(" in {month}"),
    })
}

/// "Which country is missing? Relations with ____ also received a major boost…"
fn cloze(fact: &Fact, catalogue: &Catalogue, entity: &Entity) -> Option<Draft> {
    let spans = catalogue.spans(&fact.text, entity);
    if spans.is_empty() {
        return None;
    }
    let prefix = match entity.kind {
        EntityKind::Country => "Which country is missing? ",
        EntityKind::Person => "Who is missing? ",
        EntityKind::Organisation => "Which organisation is missing? ",
        EntityKind::Project => "Which project is missing? ",
        EntityKind::Event => "Which event is missing? ",
    };
    let question = fit_cloze(prefix, &blank(&fact.text, &spans))?;
    if catalogue.names(&question, entity) {
        return None;
    }
    let exclude: Vec<&str> = fact.all_entities();
    let distractors = names(catalogue.alternatives(entity.kind, &exclude, &question, WRONG_ANSWERS, seed(&question)));
    if distractors.len() < 2 {
        return None;
    }
    Some(Draft {
        kind: QuestionKind::Entity,
        subject: entity.key.clone(),
        question,
        answer: entity.name.clone(),
        distractors,
    })
}

fn names(entities: Vec<&Entity>) -> Vec<String> {
    entities.into_iter().map(|e| e.name.clone()).collect()
}
