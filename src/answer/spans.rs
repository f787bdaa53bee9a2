//! The answer span of a supporting sentence: the date, figure, place, name or countries asked for,
//! always taken from the sentence itself (a month without a year is resolved from the document's date).

use super::analysis::{Analysis, AnswerType, lexicon::Lexicon, words};
use crate::{
    db::facts::{FactRow, FigureRow, MentionRow},
    facts::{EntityKind, Gazetteer},
};

/// What a sentence answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A span of the sentence: "$240 billion", "Kazan", "May 2024".
    Span(String),
    /// Several spans: countries.
    List(Vec<String>),
    /// A month whose year comes from the document's date ("in July that year" in a 2024 document).
    Month { span: String, month: u32, year: i32 },
    /// The sentence says so.
    Yes,
}

/// The answer of the asked type in `row`, if it has one; `anchors` are the byte offsets of the words
/// of the question found in the sentence (the nearest candidate wins).
pub fn find(
    a: &Analysis,
    row: &FactRow,
    figures: &[FigureRow],
    mentions: &[MentionRow],
    anchors: &[usize],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Option<Found> {
    let figure = |kinds: &[&str]| nearest_figure(row, figures, kinds, a.unit.as_ref(), anchors);
    match a.answer_type {
        AnswerType::When => figure(&["date"]).map(|f| date(f, &row.doc_published)),
        AnswerType::HowMuch => {
            // A rise or a cut is said as an amount or a share alike ("by $5 billion", "by 30%").
            figure(&["money", "quantity", "percent"])
                .or_else(|| figure(&["count"]))
                .map(|f| Found::Span(f.text.clone()))
        }
        // "Сколько" asks for a count or an amount alike: without a unit, money answers too.
        AnswerType::HowMany if a.unit.is_none() => {
            figure(&["count", "quantity", "money"]).map(|f| Found::Span(f.text.clone()))
        }
        AnswerType::HowMany => figure(&["count", "quantity"]).map(|f| Found::Span(f.text.clone())),
        AnswerType::Share => figure(&["percent"]).map(|f| Found::Span(f.text.clone())),
        AnswerType::Where => place(a, row, mentions, anchors, gazetteer, lexicon).map(Found::Span),
        AnswerType::Who => who(a, row, mentions, anchors, gazetteer).map(Found::Span),
        AnswerType::WhichCountries => {
            // Not the home country of a person asked about ("Russian Foreign Minister Sergey Lavrov").
            let homes: Vec<&str> =
                a.entities.iter().filter_map(|k| gazetteer.get(k)).filter_map(|e| e.country.as_deref()).collect();
            let list: Vec<(usize, String)> = others(a, row, mentions, gazetteer, &[EntityKind::Country])
                .into_iter()
                .filter(|(_, span)| !homes.iter().any(|h| gazetteer.get(h).is_some_and(|c| c.aliases.contains(span))))
                .collect();
            nearest_run(&row.text, list, anchors).map(Found::List)
        }
        AnswerType::Role => super::role::title_of(a, row, gazetteer).map(Found::Span),
        AnswerType::YesNo => Some(Found::Yes),
        AnswerType::About | AnswerType::Other => None,
    }
}

/// Most words between two names of one enumeration ("Qatar, UAE", "Belarus and North Korea").
const RUN_GAP_WORDS: usize = 2;

/// The enumeration of names nearest the question's words: names one after another with at most a comma
/// or a conjunction between them ("visited Qatar, UAE, contributing to … Yemen, Sudan" gives two).
fn nearest_run(text: &str, names: Vec<(usize, String)>, anchors: &[usize]) -> Option<Vec<String>> {
    let mut runs: Vec<Vec<(usize, String)>> = Vec::new();
    for (at, name) in names {
        let joined = runs.last().and_then(|run| run.last()).is_some_and(|(prev_at, prev)| {
            let gap = text.get(prev_at + prev.len()..at).unwrap_or("x x x");
            words::tokens(gap).len() <= RUN_GAP_WORDS && !gap.contains(['.', ';', ':'])
        });
        match runs.last_mut() {
            Some(run) if joined => run.push((at, name)),
            _ => runs.push(vec![(at, name)]),
        }
    }
    let best = runs
        .into_iter()
        .min_by_key(|run| run.iter().map(|(at, _)| distance(*at, anchors)).min().unwrap_or(usize::MAX))?;
    Some(best.into_iter().map(|(_, name)| name).collect())
}

fn distance(at: usize, anchors: &[usize]) -> usize {
    anchors.iter().map(|&x| x.abs_diff(at)).min().unwrap_or(at)
}

fn nearest_figure<'f>(
    row: &FactRow,
    figures: &'f [FigureRow],
    kinds: &[&str],
    unit: Option<&super::analysis::Term>,
    anchors: &[usize],
) -> Option<&'f FigureRow> {
    figures
        .iter()
        .filter(|f| kinds.contains(&f.kind.as_str()))
        .filter_map(|f| row.text.find(&f.text).map(|at| (at, f)))
        .filter(|(at, f)| {
            // The unit as stored, or the word right after the figure ("5 тысяч тонн").
            let next = row.text.get(at + f.text.len()..).and_then(|rest| words::tokens(rest).into_iter().next());
            let said = format!("{} {} {}", f.unit, f.text, next.map(|t| t.lower).unwrap_or_default());
            unit.is_none_or(|u| u.found_in(words::tokens(&said).iter().map(|t| t.lower.as_str())))
        })
        .min_by_key(|(at, _)| distance(*at, anchors))
        .map(|(_, f)| f)
}

/// A date figure as said, or resolved to its year when the sentence gives only the month.
fn date(figure: &FigureRow, published: &str) -> Found {
    // A day of a month ("--11-22", "22 November") is said as it is: its day is the answer.
    let month = figure
        .unit
        .strip_prefix("--")
        .filter(|m| m.len() == 2)
        .and_then(|m| m.get(..2))
        .and_then(|m| m.parse::<u32>().ok());
    let year: Option<i32> = published.get(..4).and_then(|y| y.parse().ok());
    match (month, year) {
        (Some(month), Some(year)) if (1..=12).contains(&month) => {
            let published_month: u32 = published.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(12);
            // A month after the document's own is last year's ("last October" in a March report).
            let year = if month > published_month { year - 1 } else { year };
            Found::Month { span: figure.text.clone(), month, year }
        }
        _ => Found::Span(figure.text.clone()),
    }
}

/// Whether `span` only repeats the question: it is in the question or in a name the question uses.
fn repeats_question(a: &Analysis, span: &str, gazetteer: &Gazetteer) -> bool {
    let lower = words::fold(span);
    let asked = a.words.join(" ");
    asked.contains(&lower)
        || a.entities
            .iter()
            .filter_map(|k| gazetteer.get(k))
            .any(|e| std::iter::once(&e.name).chain(&e.aliases).any(|n| words::fold(n).contains(&lower)))
}

/// The place of a mentioned event when the sentence names it, else a capitalised name after "in"/"в".
fn place(
    a: &Analysis,
    row: &FactRow,
    mentions: &[MentionRow],
    anchors: &[usize],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Option<String> {
    for m in mentions {
        if let Some(place) = gazetteer.get(&m.entity_key).and_then(|e| e.place.as_deref())
            && row.text.contains(place)
        {
            return Some(place.to_owned());
        }
    }
    let tokens = words::tokens(&row.text);
    let mut best: Option<(usize, String)> = None;
    for (i, t) in tokens.iter().enumerate() {
        if !lexicon.place_words.contains(&t.lower) {
            continue;
        }
        let name_word =
            |k: usize| tokens.get(k).is_some_and(|n| n.capitalised && !lexicon.not_places.contains(&n.lower));
        let mut j = i + 1;
        while name_word(j)
            || j > i + 1 && tokens.get(j).is_some_and(|n| lexicon.place_joiners.contains(&n.lower)) && name_word(j + 1)
        {
            j += 1;
        }
        if j == i + 1 {
            continue;
        }
        let span = row.text[tokens[i + 1].start..tokens[j - 1].end].to_owned();
        if repeats_question(a, &span, gazetteer) {
            continue;
        }
        let d = distance(tokens[i + 1].start, anchors);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, span));
        }
    }
    best.map(|(_, span)| span)
}

/// The nearest person, organisation or country the question does not name, by that preference.
fn who(a: &Analysis, row: &FactRow, mentions: &[MentionRow], anchors: &[usize], g: &Gazetteer) -> Option<String> {
    for kinds in [&[EntityKind::Person][..], &[EntityKind::Organisation], &[EntityKind::Country]] {
        let found = others(a, row, mentions, g, kinds);
        if let Some((_, span)) = found.into_iter().min_by_key(|(at, _)| distance(*at, anchors)) {
            return Some(span);
        }
    }
    None
}

/// Entities of `kinds` named in the sentence's own words that the question does not name: their offset and span.
fn others(
    a: &Analysis,
    row: &FactRow,
    mentions: &[MentionRow],
    g: &Gazetteer,
    kinds: &[EntityKind],
) -> Vec<(usize, String)> {
    let tokens = words::tokens(&row.text);
    let mut found: Vec<(usize, String)> = Vec::new();
    for m in mentions.iter().filter(|m| !m.inferred && !a.entities.contains(&m.entity_key)) {
        let Some(entity) = g.get(&m.entity_key).filter(|e| kinds.contains(&e.kind)) else { continue };
        let exact = std::iter::once(&entity.name).chain(&entity.aliases).filter_map(|alias| {
            let (at, end) = words::find_name(&row.text, alias)?;
            row.text.get(at..end).map(|s| (at, s.to_owned()))
        });
        // An inflected one-word name ("Китаем" for "Китай"): a word that starts with the name's key.
        let inflected =
            std::iter::once(&entity.name).chain(&entity.aliases).filter(|n| !n.contains(' ')).flat_map(|alias| {
                let key = words::key(&words::fold(alias));
                tokens
                    .iter()
                    .filter(move |t| key.chars().count() >= 4 && t.capitalised && t.lower.starts_with(&key))
                    .map(|t| (t.start, row.text[t.start..t.end].to_owned()))
            });
        let spans: Vec<(usize, String)> = exact.chain(inflected).collect();
        // The earliest, run on through every overlapping form ("President Xi" + "Xi Jinping").
        let union = spans.iter().min_by_key(|(at, span)| (*at, usize::MAX - span.len())).map(|(start, span)| {
            let mut end = start + span.len();
            while let Some(longer) = spans
                .iter()
                .map(|(a, s)| a + s.len())
                .filter(|&e| e > end)
                .find(|&e| spans.iter().any(|(a, s)| *a < end && a + s.len() == e))
            {
                end = longer;
            }
            (*start, row.text.get(*start..end).unwrap_or(span).to_owned())
        });
        let spans = union.into_iter();
        if let Some((at, span)) = spans.min_by_key(|(at, span)| (*at, usize::MAX - span.len()))
            && !repeats_question(a, &span, g)
            && !found.iter().any(|(_, s)| s == &span)
        {
            found.push((at, span));
        }
    }
    found.sort();
    found
}
