//! People: a title and a name ("Prime Minister Narendra Modi", "Kenya's Treasury Secretary John Mbadi",
//! "President of the Republic of Azerbaijan Ilham Aliyev"), with that role and, where the text says, country.

use super::registry::{Registry, entity};
use super::words::slug;
use super::{Lexicon, Sentence};
use crate::facts::extract::model::{EntityKind, Mention};

/// Most words of a person's name ("Luiz Inacio Lula da Silva").
const MAX_NAME: usize = 5;

pub fn find(s: &mut Sentence<'_>, lexicon: &Lexicon, registry: &mut Registry<'_>) {
    let mut found = Vec::new();
    let words = &s.words;
    let mut k = 0;
    while k < words.len() {
        let Some(len) = title_at(s, k, lexicon) else {
            k += 1;
            continue;
        };
        let title_end = k + len;
        let title = s.text[words[k].start..words[title_end - 1].end].to_owned();
        if words[title_end - 1].possessive {
            k = title_end;
            continue;
        }
        let country_of = |m: &Mention| registry.kind(&m.entity_key) == Some(EntityKind::Country);
        // "Brazil's President", "Chinese President": the country just before the title.
        let mut country = s
            .mentions
            .iter()
            .filter(|m| m.end > m.start && country_of(m))
            .find(|m| k > 0 && m.end == words[k - 1].end && (words[k - 1].possessive || words[k].joined))
            .map(|m| m.entity_key.clone());
        // "President of the Republic of Azerbaijan Ilham Aliyev": state words, then a country.
        let mut n = title_end;
        if words.get(n).is_some_and(|w| w.text == "of") {
            let mut j = n + 1;
            while j < words.len() && lexicon.state_words.contains(words[j].text) {
                j += 1;
            }
            let Some(m) = words.get(j).and_then(|w| s.mentions.iter().find(|m| m.start == w.start && country_of(m)))
            else {
                k = title_end;
                continue;
            };
            country = Some(m.entity_key.clone());
            let end = m.end;
            n = words.iter().position(|w| w.start >= end).unwrap_or(words.len());
        }
        let first = n;
        while n < words.len() && n - first < MAX_NAME && words[n].joined && name_part(s, n, lexicon) {
            n += 1;
        }
        while n > first && lexicon.connectors.contains(words[n - 1].text) {
            n -= 1;
        }
        if n > first && words[first].capitalised() {
            found.push((first, n, title, country));
        }
        k = n.max(title_end);
    }
    for (first, last, title, country) in found {
        let (start, end) = (s.words[first].start, s.words[last - 1].end);
        if let Some(m) =
            s.mentions.iter().find(|m| m.start == start && registry.kind(&m.entity_key) == Some(EntityKind::Person))
        {
            let _ = m;
            continue;
        }
        if s.covered(start, end) {
            continue;
        }
        let name = &s.text[start..end];
        let surname = s.words[last - 1].text;
        let mut aliases = Vec::new();
        if last - first >= 2 && surname.chars().count() >= 4 && !lexicon.stop_capitals.contains(surname) {
            aliases.push(surname.to_owned());
        }
        let mut e =
            entity(format!("{}{}", EntityKind::Person.key_prefix(), slug(name)), EntityKind::Person, name, aliases);
        e.role = Some(title);
        e.country = country;
        let key = registry.add(e);
        s.mentions.push(Mention { entity_key: key, start, end, inferred: false });
    }
}

/// The number of words of the longest title starting at word `k` (capitalised as written).
fn title_at(s: &Sentence<'_>, k: usize, lexicon: &Lexicon) -> Option<usize> {
    let first = s.words.get(k)?;
    lexicon.titles_from(first.text).find_map(|title| {
        let fits = title
            .iter()
            .enumerate()
            .all(|(i, t)| s.words.get(k + i).is_some_and(|w| w.text == t && (i == 0 || w.joined)));
        fits.then_some(title.len())
    })
}

/// A word of a person's name: capitalised, not generic, no known name, city or title; or a particle
/// ("da", "bin") between two such words.
fn name_part(s: &Sentence<'_>, n: usize, lexicon: &Lexicon) -> bool {
    let w = &s.words[n];
    if lexicon.connectors.contains(w.text) {
        return s.words.get(n + 1).is_some_and(|next| next.joined && next.capitalised())
            && !matches!(w.text, "of" | "the" | "and" | "in" | "on" | "for");
    }
    let generic = lexicon.stop_capitals.contains(w.text) || lexicon.head_kind(w.text).is_some() || w.all_caps();
    let known = s.mentions.iter().any(|m| m.start <= w.start && w.end <= m.end && m.start != m.end);
    let city = s.places.iter().any(|p| p.start <= w.start && w.end <= p.end) || lexicon.places.contains_key(w.text);
    let title = title_at(s, n, lexicon).is_some();
    w.capitalised() && !generic && !known && !city && !title && w.text.chars().any(char::is_lowercase)
        || w.text.len() == 2 && w.text.ends_with('.')
}
