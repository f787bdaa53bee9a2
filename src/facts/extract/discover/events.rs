//! Events: a summit, forum, meeting, conference or talks, with whose it is, where ("in <city>") and when.
//! "The BRICS summit in Kazan in October 2024" is one event with that owner, place and date.

use super::registry::{Registry, entity};
use super::words::slug;
use super::{Lexicon, Sentence};
use crate::facts::extract::model::{EntityKind, FigureKind, Mention};

/// Most words between the event noun and its place or date.
const WINDOW: usize = 14;

/// Whose an event is.
enum Owner {
    Entity(String),
    /// A pair of countries ("India-Russia summit").
    Countries(Vec<String>),
    /// A capitalised name of its own ("Voice of Global South Summit").
    Named(usize),
}

pub fn find(s: &mut Sentence<'_>, lexicon: &Lexicon, registry: &mut Registry<'_>) {
    let mut found = Vec::new();
    for k in 0..s.words.len() {
        let noun = s.words[k].lower();
        let Some(noun_ru) = lexicon.event_nouns.get(noun.as_ref()) else { continue };
        let Some((owner, first)) = owner(s, k, lexicon, registry) else { continue };
        let stop = (k + 1..s.words.len().min(k + 1 + WINDOW))
            .find(|&i| {
                lexicon.event_nouns.contains_key(s.words[i].lower().as_ref())
                    || s.text[..s.words[i].start].ends_with(';')
            })
            .map_or(s.text.len(), |i| s.words[i].start);
        let after = s.words[k].end;
        let located = |start: usize| {
            s.text[..start].trim_end().rsplit(' ').next().is_some_and(|w| lexicon.event_place_words.contains(w))
        };
        let place = s.places.iter().find(|p| p.start > after && p.end <= stop && located(p.start)).cloned();
        let opening_date = s.words.first().is_some_and(|w| w.text == "In");
        let date = s
            .figures
            .iter()
            .filter(|f| f.kind == FigureKind::Date && !f.unit.starts_with('-'))
            .find(|f| {
                (f.start > after && f.end <= stop) || (opening_date && f.start < s.words.get(3).map_or(0, |w| w.end))
            })
            .map(|f| f.unit.clone());
        if place.is_none() && date.is_none() {
            continue;
        }
        let end = place.as_ref().map_or(s.words[k].end, |p| p.end);
        found.push((owner, first, k, noun_ru.clone(), place, date, end));
    }
    let mut seen: Vec<(Option<String>, Option<String>)> = Vec::new();
    for (owner, first, k, noun_ru, place, date, end) in found {
        let id = (
            match &owner {
                Owner::Entity(key) => Some(key.clone()),
                _ => None,
            },
            place.as_ref().map(|p| p.place.name.clone()),
        );
        if id.0.is_some() && seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let noun_text = s.text[s.words[first].start..s.words[k].end].to_owned();
        let (label, label_ru, parent, related) = match &owner {
            Owner::Entity(key) => {
                let Some(e) = registry.get(key) else { continue };
                let short = e
                    .aliases
                    .iter()
                    .filter(|a| a.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
                    .min_by_key(|a| a.len());
                let label = short.cloned().unwrap_or_else(|| e.name.clone());
                let phrase = s.text[s.words[first].start..s.words[k].end].to_owned();
                let modifiers = phrase
                    .split_whitespace()
                    .skip_while(|w| {
                        !lexicon.modifiers.contains(*w) && !lexicon.event_nouns.contains_key(&w.to_lowercase())
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                (format!("{label} {modifiers}"), e.name_ru.clone(), Some(key.clone()), Vec::new())
            }
            Owner::Countries(keys) => {
                let names: Vec<String> = keys.iter().filter_map(|k| registry.get(k)).map(|e| e.name.clone()).collect();
                (format!("{} {}", names.join("–"), s.words[k].text), None, None, keys.clone())
            }
            Owner::Named(_) => (noun_text.clone(), None, None, Vec::new()),
        };
        let mut name = label.trim().to_owned();
        let mut key_part = slug(&name);
        let mut aliases = Vec::new();
        if let Some(p) = &place {
            name = format!("{name} in {}", p.place.name);
            key_part = format!("{key_part}-{}", slug(&p.place.name));
            aliases.push(format!("{} {}", p.place.name, s.words[k].text));
        } else if let (Some(d), false) = (&date, matches!(owner, Owner::Named(_))) {
            name = format!("{name} {}", &d[..d.len().min(4)]);
        }
        if place.is_none()
            && let Some(d) = &date
        {
            key_part = format!("{key_part}-{}", &d[..d.len().min(4)]);
        }
        let mut e = entity(format!("{}{key_part}", EntityKind::Event.key_prefix()), EntityKind::Event, &name, aliases);
        e.place = place.as_ref().map(|p| p.place.name.clone());
        e.country = place.as_ref().map(|p| format!("{}{}", EntityKind::Country.key_prefix(), p.place.country));
        e.country = e.country.filter(|c| registry.gazetteer.get(c).is_some());
        e.date = date;
        e.parent = parent;
        e.related = related;
        if let (Some(owner_ru), Some(noun_ru)) = (label_ru, Some(noun_ru).filter(|n| !n.is_empty())) {
            let mut ru = format!(
                "{}{} {owner_ru}",
                noun_ru.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default(),
                noun_ru.chars().skip(1).collect::<String>()
            );
            if let Some(place_ru) = place.as_ref().and_then(|p| p.place.name_ru.as_deref()) {
                ru = format!("{ru} ({place_ru})");
            }
            e.name_ru = Some(ru);
        }
        let key = registry.add(e);
        let start = match owner {
            Owner::Named(first) => s.words[first].start,
            _ => s.words[first].start,
        };
        if !s.mentions.iter().any(|m| m.entity_key == key) {
            s.mentions.push(Mention { entity_key: key, start, end, inferred: false });
        }
    }
}

/// The owner of the event noun at word `k` and the first word of the event's phrase.
fn owner(s: &Sentence<'_>, k: usize, lexicon: &Lexicon, registry: &Registry<'_>) -> Option<(Owner, usize)> {
    let words = &s.words;
    let is_org = |key: &str| registry.kind(key) == Some(EntityKind::Organisation);
    let mut j = k;
    while j > 0 && words[j].joined && lexicon.modifiers.contains(words[j - 1].text) {
        j -= 1;
    }
    if j > 0 {
        let prev = &words[j - 1];
        if lexicon.possessives.contains(prev.text) {
            let before = prev.start;
            let last = s
                .mentions
                .iter()
                .filter(|m| m.end <= before && m.end > m.start && is_org(&m.entity_key))
                .max_by_key(|m| m.end);
            return last.map(|m| (Owner::Entity(m.entity_key.clone()), j));
        }
        let gap = &s.text[prev.end..words[j].start];
        if gap.trim().is_empty() || gap.trim() == ")" {
            // An organisation named just before ("BRICS summit", "(OTS) summit").
            let org = s
                .mentions
                .iter()
                .filter(|m| m.end == prev.end && is_org(&m.entity_key))
                .max_by_key(|m| m.end - m.start);
            if let Some(m) = org {
                let first = s.word_at(m.start).unwrap_or(j - 1);
                return Some((Owner::Entity(m.entity_key.clone()), first));
            }
            let inside: Vec<String> = s
                .mentions
                .iter()
                .filter(|m| {
                    m.start >= prev.start
                        && m.end <= prev.end
                        && registry.kind(&m.entity_key) == Some(EntityKind::Country)
                })
                .map(|m| m.entity_key.clone())
                .collect();
            if inside.len() >= 2 && prev.text.contains(['-', '–']) {
                return Some((Owner::Countries(inside), j - 1));
            }
        }
    }
    // "<Name> Summit" with a name of its own, or "the Eleventh Summit of the <organisation>".
    if words[k].capitalised() {
        let mut first = k;
        while first > 0 && words[first].joined && super::acronyms::name_word(&words[first - 1], lexicon) {
            first -= 1;
        }
        while first < k
            && (lexicon.connectors.contains(words[first].text) || lexicon.determiners.contains(words[first].text))
        {
            first += 1;
        }
        let content = (first..k).filter(|&i| !lexicon.connectors.contains(words[i].text)).count();
        let ordinal_only = content == 1 && words[first].text.ends_with("th") || content == 0;
        if content >= 2 && !lexicon.stop_capitals.contains(words[first].text) {
            return Some((Owner::Named(first), first));
        }
        if ordinal_only && words.get(k + 1).is_some_and(|w| w.text == "of") {
            let after = words[k].end;
            let org = s
                .mentions
                .iter()
                .filter(|m| m.start > after && m.start < after + 120 && is_org(&m.entity_key))
                .min_by_key(|m| m.start);
            return org.map(|m| (Owner::Entity(m.entity_key.clone()), k));
        }
    }
    None
}
