//! Figure questions: "How many countries took part…?", "What share of…?", "…reached a record of…?", or the
//! sentence with the figure blanked out; wrong answers are neighbours of the same unit and scale.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    QuestionKind,
    catalogue::Catalogue,
    generate::{Draft, Fact},
    numbers::Numeral,
    shuffle::seed,
    text::{blank, capitalize, fit_cloze, single_year, the},
};
use crate::facts::EntityKind;

static JOINED_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:participation of|attended by|joined by|bringing together|brought together)\s+(?:[^,;.]*?\s(?:and|as well as)\s+)?$").ok()
});
static JOINED_AFTER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s+(?:took part|participated|attended|joined)\b").ok());
static SHARE_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s+of\s+(?P<what>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:(?:was|were|is|are)\s+)?(?P<verb>made|paid|settled|conducted|carried out|denominated|invested|exported|imported|traded|held|covered|owned|produced|generated)\s+(?P<rest>(?:in|with|through|via|by|to|from|on)\s+[^,;.]+)").ok()
});
static REACHED_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;:]\s+)(?P<subj>[^,;:]{3,120}?)\s+(?P<verb>reached|hit|totall?ed|amounted to|exceeded|surpassed|stood at|rose to|grew to|increased to|climbed to|fell to|dropped to|declined to|decreased to)\s+(?P<rec>(?:a|an)\s+(?:new\s+)?(?:record(?:\s+high)?|all-time high)(?:\s+of)?\s+)?$").ok()
});

const DETERMINERS: &[&str] = &["the", "these", "those", "its", "their", "both", "all", "our"];
const PRONOUNS: &[&str] = &["it", "this", "that", "which", "they", "these", "those", "he", "she", "we"];

/// One question per quizzable figure of the fact.
pub(super) fn questions(fact: &Fact, catalogue: &Catalogue, out: &mut Vec<Draft>) {
    for figure in &fact.figures {
        let percent = figure.kind == "percent";
        let count = figure.kind == "count";
        if !(percent || count || figure.kind == "money" || figure.kind == "quantity") {
            continue;
        }
        let Some(start) = fact.text.find(&figure.text) else { continue };
        let end = start + figure.text.len();
        let Some(numeral) = Numeral::parse(&figure.text) else { continue };
        if count && numeral.number < 2.0 {
            continue;
        }
        // "the two countries" refers back to something; it is not a figure worth asking.
        let previous = fact.text.get(..start).and_then(|b| b.split_whitespace().last()).unwrap_or("").to_lowercase();
        let in_words = !figure.text.starts_with(|c: char| c.is_ascii_digit());
        if in_words && DETERMINERS.contains(&previous.as_str()) {
            continue;
        }
        let max = (percent && figure.unit == "%").then_some(100.0);
        let distractors = numeral.alternatives(
            if count { 2.0 } else { 0.0 },
            max,
            seed(&format!("{}:{}", fact.fact_key, figure.text)),
        );
        if distractors.len() < 2 {
            continue;
        }
        let question = participation(fact, catalogue, start, end, &numeral)
            .or_else(|| if percent { share(fact, catalogue, end) } else { None })
            .or_else(|| reached(fact, start))
            .or_else(|| cloze(fact, &figure.text));
        let Some(question) = question else { continue };
        out.push(Draft {
            kind: QuestionKind::Figure,
            subject: figure.text.clone(),
            question,
            answer: numeral.correct(),
            distractors,
        });
    }
}

/// "How many countries took part in the BRICS Summit in Kazan?"
fn participation(fact: &Fact, catalogue: &Catalogue, start: usize, end: usize, numeral: &Numeral) -> Option<String> {
    let before = fact.text.get(..start)?;
    let after = fact.text.get(end..)?;
    let joined = JOINED_BEFORE.as_ref().is_some_and(|re| re.is_match(before))
        || JOINED_AFTER.as_ref().is_some_and(|re| re.is_match(after));
    let noun = numeral.suffix.trim();
    if !joined || !numeral.prefix.is_empty() || noun.is_empty() {
        return None;
    }
    let event =
        fact.all_entities().into_iter().filter_map(|k| catalogue.get(k)).find(|e| e.kind == EntityKind::Event)?;
    Some(format!("How many {noun} took part in {}?", the(&event.name)))
}

/// "What share of Russia–China payments was made in national currencies?"
fn share(fact: &Fact, catalogue: &Catalogue, end: usize) -> Option<String> {
    let caps = SHARE_AFTER.as_ref()?.captures(fact.text.get(end..)?)?;
    let what = caps.name("what")?.as_str();
    let verb = caps.name("verb")?.as_str();
    let rest = caps.name("rest")?.as_str().trim();
    let determiner = what.split_whitespace().next().is_some_and(|w| matches!(w, "the" | "their" | "its" | "all"));
    let pair = if determiner { None } else { country_pair(fact, catalogue) };
    let what = match pair {
        Some((a, b)) => format!("{a}–{b} {what}"),
        None => what.to_owned(),
    };
    Some(format!("What share of {what} was {verb} {rest}?"))
}

/// Two countries written as a pair, "Russia-China", in the fact.
fn country_pair(fact: &Fact, catalogue: &Catalogue) -> Option<(String, String)> {
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for entity in fact.named.iter().filter_map(|k| catalogue.get(k)).filter(|e| e.kind == EntityKind::Country) {
        spans.extend(catalogue.spans(&fact.text, entity).into_iter().map(|(s, e)| (s, e, entity.name.as_str())));
    }
    spans.sort_unstable();
    spans.windows(2).find_map(|w| {
        let (a, b) = (w.first()?, w.get(1)?);
        let between = fact.text.get(a.1..b.0)?;
        (matches!(between, "-" | "–" | "—") && a.2 != b.2).then(|| (a.2.to_owned(), b.2.to_owned()))
    })
}

/// "In 2024, Russia-China bilateral trade reached a record of…?"
fn reached(fact: &Fact, start: usize) -> Option<String> {
    let caps = REACHED_BEFORE.as_ref()?.captures(fact.text.get(..start)?)?;
    let subject = caps.name("subj")?.as_str().trim();
    let first = subject.split_whitespace().next()?;
    if subject.split_whitespace().count() > 12 || PRONOUNS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let verb = caps.name("verb")?.as_str();
    let record = caps.name("rec").map(|r| {
        let r = r.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        if r.ends_with(" of") { format!(" {r}") } else { format!(" {r} of") }
    });
    let year =
        single_year(&fact.text).or_else(|| single_year(&fact.doc_title)).filter(|y| !subject.contains(y.as_str()));
    let subject = match year {
        Some(year) => {
            let lowered = match first {
                "The" | "A" | "An" | "Its" | "Their" => {
                    format!("{}{}", first.to_lowercase(), subject.get(first.len()..).unwrap_or_default())
                }
                _ => subject.to_owned(),
            };
            format!("In {year}, {lowered}")
        }
        None => capitalize(subject),
    };
    Some(format!("{subject} {verb}{}…?", record.unwrap_or_default()))
}

/// "Fill in the blank: …trade reached a record ____, with…"
fn cloze(fact: &Fact, figure_text: &str) -> Option<String> {
    let ranges: Vec<(usize, usize)> = fact.text.match_indices(figure_text).map(|(i, m)| (i, i + m.len())).collect();
    fit_cloze("Fill in the blank: ", &blank(&fact.text, &ranges))
}
