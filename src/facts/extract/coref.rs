//! Coreference: sentences that continue an earlier one inherit its mentions (marked as inferred), from the
//! nearest antecedent of the kind their opener asks for.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::discover::lexicon::bundled;
use super::model::{Entity, EntityKind, Mention, ParsedSentence};

/// True when `text` starts with one of the anaphors of `data/discovery.toml` followed by a non-letter.
pub fn starts_with_anaphor(text: &str) -> bool {
    Opening::of(text).is_anaphor()
}

/// The first characters of a sentence, lowercase: what its opener is looked up in (made once per sentence).
struct Opening(String);

impl Opening {
    fn of(text: &str) -> Self {
        Opening(text.trim_start().chars().take(24).flat_map(char::to_lowercase).collect())
    }

    /// True when the sentence starts with `opener` followed by a non-letter.
    fn is(&self, opener: &str) -> bool {
        self.0.strip_prefix(opener).is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
    }

    fn is_anaphor(&self) -> bool {
        bundled().anaphors.iter().any(|o| self.is(o))
    }

    /// The kind of antecedent the opener asks for ("He…", "The summit…", "The two countries…").
    fn antecedent(&self) -> Option<Antecedent> {
        let lexicon = bundled();
        let lists = [
            (&lexicon.person_openers, Antecedent::Person),
            (&lexicon.event_openers, Antecedent::Event),
            (&lexicon.countries_openers, Antecedent::TwoCountries),
        ];
        lists.into_iter().find(|(list, _)| list.iter().any(|o| self.is(o))).map(|(_, kind)| kind)
    }
}

/// The generic organisation noun `text` says anywhere ("…joined the alliance"), as a whole word: the first
/// of the lexicon's list when it says several. One automaton finds them all in a single pass.
fn organisation_noun(text: &str) -> Option<&'static str> {
    static NOUNS: LazyLock<Option<(AhoCorasick, Vec<&'static str>)>> = LazyLock::new(|| {
        let nouns: Vec<&str> =
            bundled().organisation_nouns.iter().map(String::as_str).filter(|n| !n.is_empty()).collect();
        AhoCorasick::new(&nouns).ok().map(|automaton| (automaton, nouns))
    });
    let (automaton, nouns) = NOUNS.as_ref()?;
    let lower = text.to_lowercase();
    let whole_word = |at: usize, end: usize| {
        !lower[..at].chars().next_back().is_some_and(char::is_alphanumeric)
            && !lower[end..].chars().next().is_some_and(char::is_alphanumeric)
    };
    let found = automaton.find_overlapping_iter(&lower).filter(|m| whole_word(m.start(), m.end()));
    found.map(|m| m.pattern().as_usize()).min().and_then(|i| nouns.get(i).copied())
}

/// What an opener refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Antecedent {
    Person,
    Event,
    TwoCountries,
}

/// Sentences looked back at for a fitting antecedent.
const LOOK_BACK: usize = 3;

/// A capitalised name the bot does not know: two joined capitalised words, or an acronym, not at the start.
fn names_something_unknown(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !bundled().stop_capitals.contains(w);
    let acronym = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    };
    words.windows(2).enumerate().any(|(i, pair)| (i > 0 || capital(pair[0])) && capital(pair[0]) && capital(pair[1]))
        || words.iter().skip(1).any(|w| acronym(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

fn inferred(key: &str) -> Mention {
    Mention { entity_key: key.to_owned(), start: 0, end: 0, inferred: true }
}

/// Copies mentions forward, to the nearest fitting antecedent:
/// - "He…", "His…" inherit the nearest person of the last few sentences; "The summit…" the nearest event
///   (with its organisation); "The two countries…" the two countries of the nearest sentence naming exactly two;
/// - other anaphors ("It", "These") inherit the previous sentence's mentions, people excepted;
/// - a sentence without mentions of its own, in the same paragraph, inherits them too, unless it names
///   something the bot does not know (then it is about that);
/// - a sentence in the same paragraph that names no event, project or organisation inherits the
///   previous sentence's events and projects (the frame it continues), unless it opens with "He".
///
/// Inherited mentions have `inferred: true` and `start == end == 0`.
pub fn resolve_coreference<'a>(sentences: &mut [ParsedSentence], lookup: &dyn Fn(&str) -> Option<&'a Entity>) {
    let kind = |key: &str| lookup(key).map(|e| e.kind);
    let framing = |key: &str| matches!(kind(key), Some(EntityKind::Event | EntityKind::Project));
    let naming =
        |key: &str| matches!(kind(key), Some(EntityKind::Event | EntityKind::Project | EntityKind::Organisation));
    for i in 1..sentences.len() {
        let (done, rest) = sentences.split_at_mut(i);
        let (Some(prev), Some(cur)) = (done.last(), rest.first_mut()) else { continue };
        let same_paragraph = prev.paragraph == cur.paragraph;
        let recent =
            || done.iter().rev().take(LOOK_BACK).take_while(|s| s.paragraph == cur.paragraph || std::ptr::eq(*s, prev));
        let mut inherited: Vec<Mention> = Vec::new();
        let opening = Opening::of(&cur.text);
        let wanted = opening.antecedent();
        match wanted {
            Some(Antecedent::Person) => {
                let person =
                    recent().find_map(|s| s.mentions.iter().find(|m| kind(&m.entity_key) == Some(EntityKind::Person)));
                inherited.extend(person.map(|m| inferred(&m.entity_key)));
                // "He held talks." names nothing else: it continues the previous sentence as a whole.
                if same_paragraph && cur.mentions.is_empty() {
                    inherited.extend(prev.mentions.iter().map(|m| inferred(&m.entity_key)));
                }
            }
            Some(Antecedent::Event) => {
                if let Some(s) =
                    recent().find(|s| s.mentions.iter().any(|m| kind(&m.entity_key) == Some(EntityKind::Event)))
                {
                    let fits = |m: &&Mention| {
                        matches!(kind(&m.entity_key), Some(EntityKind::Event | EntityKind::Organisation))
                    };
                    inherited.extend(s.mentions.iter().filter(fits).map(|m| inferred(&m.entity_key)));
                }
            }
            Some(Antecedent::TwoCountries) => {
                let two = recent().find_map(|s| two_countries(s, lookup));
                inherited.extend(two.into_iter().flatten().map(|k| inferred(&k)));
            }
            None => {
                let anaphor = opening.is_anaphor();
                let lone = same_paragraph && cur.mentions.is_empty() && !names_something_unknown(&cur.text);
                let frame = same_paragraph && !cur.mentions.iter().any(|m| naming(&m.entity_key));
                let not_person = |m: &&Mention| kind(&m.entity_key) != Some(EntityKind::Person);
                inherited.extend(
                    prev.mentions
                        .iter()
                        .filter(not_person)
                        .filter(|m| anaphor || lone || (frame && framing(&m.entity_key)))
                        .map(|m| inferred(&m.entity_key)),
                );
            }
        }
        // "…joined the alliance": the nearest organisation, preferably one whose name has that word.
        let names_an_organisation = |s: &ParsedSentence| {
            s.mentions.iter().any(|m| !m.inferred && kind(&m.entity_key) == Some(EntityKind::Organisation))
        };
        if !names_an_organisation(cur)
            && let Some(noun) = organisation_noun(&cur.text)
        {
            let head = noun.rsplit(' ').next().unwrap_or(noun);
            let organisations = || {
                recent()
                    .flat_map(|s| s.mentions.iter().rev())
                    .filter_map(|m| lookup(&m.entity_key))
                    .filter(|e| e.kind == EntityKind::Organisation)
            };
            let named_so = organisations().find(|e| e.name.to_lowercase().split(' ').any(|w| w == head));
            inherited.extend(named_so.or_else(|| organisations().next()).map(|e| inferred(&e.key)));
        }
        inherited.retain(|m| !cur.mentions.iter().any(|c| c.entity_key == m.entity_key));
        inherited.dedup();
        cur.mentions.extend(inherited);
    }
}

/// The two countries a sentence is about: its people's countries when they are two, else its two countries.
fn two_countries<'a>(s: &ParsedSentence, lookup: &dyn Fn(&str) -> Option<&'a Entity>) -> Option<Vec<String>> {
    let mut of_people: Vec<String> = s
        .mentions
        .iter()
        .filter_map(|m| lookup(&m.entity_key).filter(|e| e.kind == EntityKind::Person).and_then(|e| e.country.clone()))
        .collect();
    of_people.dedup();
    if of_people.len() == 2 {
        return Some(of_people);
    }
    let countries: Vec<String> = s
        .mentions
        .iter()
        .filter(|m| lookup(&m.entity_key).is_some_and(|e| e.kind == EntityKind::Country))
        .map(|m| m.entity_key.clone())
        .collect();
    (countries.len() == 2).then_some(countries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anaphoric_openers_are_recognised_as_whole_words() {
        assert!(starts_with_anaphor("The summit agreed on steps."));
        assert!(starts_with_anaphor("It was held in Kazan."));
        assert!(starts_with_anaphor("Они подписали соглашение."));
        assert!(!starts_with_anaphor("Italy joined."));
        assert!(!starts_with_anaphor("Thesis defended."));
    }

    fn inferred_keys(text: &str, sentence: usize) -> Vec<String> {
        use crate::facts::extract::test_support::{GAZETTEER, TOPICS};
        let doc = crate::facts::extract::parse_document(text, &GAZETTEER, &TOPICS);
        doc.sentences[sentence].mentions.iter().filter(|m| m.inferred).map(|m| m.entity_key.clone()).collect()
    }

    #[test]
    fn a_generic_organisation_noun_stands_for_the_organisation_that_has_that_word_in_its_name() {
        let text = "Leaders of the Group of Twenty (G20) met in Rio de Janeiro, where Brazil launched a Global \
                    Alliance Against Poverty. More than 80 countries joined the alliance at its launch.";
        let keys = inferred_keys(text, 1);
        assert!(keys.iter().any(|k| k.contains("global-alliance-against-poverty")), "{keys:?}");
        assert!(!keys.iter().any(|k| k.contains("g20")), "the G20 is not the alliance: {keys:?}");
    }

    #[test]
    fn a_russian_generic_noun_stands_for_the_nearest_organisation() {
        let text = "В октябре Токаев принял участие в саммите БРИКС. Казахстан пока не подал заявку на вступление \
                    в объединение.";
        assert!(inferred_keys(text, 1).contains(&"org:BRICS".to_owned()));
    }

    #[test]
    fn a_sentence_that_names_an_organisation_keeps_to_it() {
        let text = "Brazil launched a Global Alliance Against Poverty. India hosted ministers of the World Trade \
                    Organization, where the group discussed tariffs.";
        let keys = inferred_keys(text, 1);
        assert!(!keys.iter().any(|k| k.contains("alliance")), "{keys:?}");
    }
}
