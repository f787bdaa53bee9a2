//! Tests of question generation over hand-built facts, independent of the extractor.

use super::*;
use crate::quiz::{catalogue::tests::gazetteer, limits};

const TITLE: &str = "Russia's foreign policy in 2024: from Asia to Africa";

fn figure(kind: &str, text: &str, unit: &str) -> FigureRow {
    FigureRow { sentence_id: 0, kind: kind.into(), value: 0.0, unit: unit.into(), text: text.into() }
}

fn fact(id: i64, text: &str, figures: Vec<FigureRow>, named: &[&str]) -> Fact {
    Fact {
        sentence_id: id,
        fact_key: crate::facts::fact_key(text),
        text: text.into(),
        doc_title: TITLE.into(),
        figures,
        named: named.iter().map(|s| s.to_string()).collect(),
        inferred: Vec::new(),
    }
}

/// The seed document's key sentences, as the extractor sees them.
pub(crate) fn seed_like_facts() -> Vec<Fact> {
    vec![
        fact(
            1,
            "In relations with strategic partners, Russia-China bilateral trade reached a record $240 billion, with 95% of payments made in national currencies.",
            vec![figure("money", "$240 billion", "USD"), figure("percent", "95%", "%")],
            &["country:RU", "country:CN"],
        ),
        fact(
            2,
            "President Putin's state visit to China in May 2024 elevated the comprehensive partnership between the two countries.",
            vec![figure("date", "May 2024", "2024-05")],
            &["person:putin", "country:CN"],
        ),
        fact(
            3,
            "Relations with India also received a major boost after Prime Minister Modi's visit to Russia in July that year, paving the way for expanded cooperation in finance, investment, transport, energy, science and technology.",
            vec![],
            &["country:IN", "person:modi", "country:RU"],
        ),
        fact(
            4,
            "A key highlight was the BRICS Summit in Kazan, chaired by Russia, with the participation of 36 countries and 6 multilateral organizations.",
            vec![
                figure("count", "36 countries", "countries"),
                figure("count", "6 multilateral organizations", "organizations"),
            ],
            &["event:brics-summit-kazan-2024", "country:RU"],
        ),
        fact(
            5,
            "In the immediate vicinity, Russia has concluded bilateral security agreements with Belarus and Kazakhstan.",
            vec![],
            &["country:RU", "country:BY", "country:KZ"],
        ),
        fact(
            6,
            "Russia has maintained dialogue with the European Union and NATO.",
            vec![],
            &["country:RU", "org:EU", "org:NATO"],
        ),
    ]
}

fn find<'a>(questions: &'a [NewQuestion], text: &str) -> &'a NewQuestion {
    questions.iter().find(|q| q.question == text).unwrap_or_else(|| {
        panic!("no question {text:?} among {:#?}", questions.iter().map(|q| &q.question).collect::<Vec<_>>())
    })
}

fn answer(q: &NewQuestion) -> &str {
    &q.options[q.correct as usize]
}

#[test]
fn the_three_sample_questions_are_generated() {
    let g = gazetteer();
    let (questions, _) = build(&seed_like_facts(), &g);
    let trade = find(&questions, "In 2024, Russia-China bilateral trade reached a record of…?");
    assert_eq!(answer(trade), "$240 billion");
    assert_eq!(trade.options.len(), 4);
    assert!(trade.options.iter().all(|o| o.starts_with('$') && o.ends_with(" billion")), "{:?}", trade.options);
    let share = find(&questions, "What share of Russia–China payments was made in national currencies?");
    assert_eq!(answer(share), "95%");
    let mut shares = share.options.clone();
    shares.sort();
    assert_eq!(shares, vec!["65%", "75%", "85%", "95%"]);
    let visit = find(&questions, "Whose Prime Minister visited Russia in July 2024?");
    assert_eq!(answer(visit), "India");
    assert!(!visit.options.contains(&"Russia".to_string()));
    let putin = find(&questions, "Whose President paid a state visit to China in May 2024?");
    assert_eq!(answer(putin), "Russia");
    let count = find(&questions, "How many countries took part in the BRICS Summit in Kazan?");
    assert_eq!(answer(count), "36 countries");
    let orgs = find(&questions, "How many multilateral organizations took part in the BRICS Summit in Kazan?");
    assert_eq!(answer(orgs), "6 multilateral organizations");
    let city = find(&questions, "Which city hosted the 2024 BRICS Summit?");
    assert_eq!(answer(city), "Kazan");
    assert_eq!(city.sentence_id, 4, "linked to the sentence naming the summit");
    assert_eq!(city.options.len(), 4);
}

#[test]
fn cloze_questions_blank_the_answer_everywhere_and_offer_the_same_kind() {
    let g = gazetteer();
    let (questions, _) = build(&seed_like_facts(), &g);
    let india = questions
        .iter()
        .find(|q| q.question.starts_with("Which country is missing? Relations with ____"))
        .expect("a cloze on India");
    assert_eq!(answer(india), "India");
    let nato = questions.iter().find(|q| answer(q) == "NATO").expect("a cloze on NATO");
    assert!(nato.question.starts_with("Which organisation is missing?") && nato.question.contains("____"));
    assert!(!nato.options.contains(&"European Union".to_string()), "an option named in the question");
    for q in &questions {
        let a = answer(q);
        assert!(!crate::quiz::text::contains_word(&q.question, a), "{:?} gives away {a}", q.question);
    }
}

#[test]
fn figures_that_refer_back_are_not_asked() {
    let g = gazetteer();
    let mut putin = seed_like_facts().remove(1);
    putin.figures.push(figure("count", "two countries", "countries"));
    let (questions, _) = build(&[putin], &g);
    assert!(questions.iter().all(|q| !q.options.iter().any(|o| o.ends_with("countries"))), "{questions:#?}");
}

#[test]
fn a_blanked_abbreviation_in_brackets_is_dropped() {
    let g = gazetteer();
    let cis = fact(
        1,
        "Within the framework of the Commonwealth of Independent States (CIS), trade grew.",
        vec![],
        &["org:CIS"],
    );
    let (questions, _) = build(&[cis], &g);
    let q = questions.iter().find(|q| answer(q) == "Commonwealth of Independent States").unwrap();
    assert_eq!(q.question, "Which organisation is missing? Within the framework of the ____, trade grew.");
}

#[test]
fn every_question_fits_telegrams_limits() {
    let g = gazetteer();
    let (questions, _) = build(&seed_like_facts(), &g);
    assert!(questions.len() >= 10, "{}", questions.len());
    for q in &questions {
        let correct = usize::try_from(q.correct).unwrap();
        assert_eq!(limits::check(&q.question, &q.options, correct, &limits::explanation(&q.fact)), Ok(()), "{q:#?}");
        assert!(q.options.len() >= 3, "{q:#?}");
    }
}

#[test]
fn the_right_answer_moves_around_the_options() {
    let g = gazetteer();
    let facts: Vec<Fact> = (0..40)
        .map(|i| {
            let amount = format!("${} billion", 100 + i * 7);
            fact(
                i,
                &format!("Bilateral trade number {i} reached {amount}."),
                vec![figure("money", &amount, "USD")],
                &[],
            )
        })
        .collect();
    let (questions, _) = build(&facts, &g);
    assert_eq!(questions.len(), 40);
    let mut counts = [0usize; 4];
    for q in &questions {
        counts[q.correct as usize] += 1;
    }
    assert!(counts.iter().all(|&c| c >= 4), "the answer sits mostly in one place: {counts:?}");
}

#[test]
fn building_twice_gives_the_same_questions() {
    let g = gazetteer();
    let (a, _) = build(&seed_like_facts(), &g);
    let (b, _) = build(&seed_like_facts(), &g);
    assert_eq!(a, b);
}

#[test]
fn over_long_options_are_dropped_not_sent() {
    let g = gazetteer();
    let long = format!("${} billion", "9".repeat(120));
    let facts = vec![fact(1, &format!("Trade reached {long}."), vec![figure("money", &long, "USD")], &[])];
    let (questions, dropped) = build(&facts, &g);
    assert!(questions.is_empty() && dropped == 1, "{questions:?}");
}

#[sqlx::test]
async fn regenerating_is_idempotent_and_retires_what_left_the_base(pool: Pool) {
    use crate::db::documents::{
        replace,
        tests::{doc, parsed, sentence},
    };
    use crate::facts::{Figure, FigureKind};
    let g = gazetteer();
    let mut trade = sentence(
        0,
        "Russia-China bilateral trade reached a record $240 billion.",
        &["country:RU", "country:CN"],
        &["trade"],
    );
    trade.figures.push(Figure {
        kind: FigureKind::Money,
        value: 240e9,
        unit: "USD".into(),
        text: "$240 billion".into(),
        start: 0,
        end: 0,
    });
    let summit = sentence(
        1,
        "The BRICS Summit in Kazan was chaired by Russia.",
        &["event:brics-summit-kazan-2024", "country:RU"],
        &["diplomacy"],
    );
    replace(&pool, &doc("a.txt", "v1"), &parsed(vec![trade.clone(), summit])).await.unwrap();

    let first = regenerate_with(&pool, &g).await.unwrap();
    assert!(first.questions >= 2 && first.added == first.questions, "{first:?}");
    let again = regenerate_with(&pool, &g).await.unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, first.questions));

    // A second document grows the pool.
    let modi = sentence(
        0,
        "Prime Minister Modi's visit to Russia in July 2024 paved the way.",
        &["person:modi", "country:RU"],
        &["diplomacy"],
    );
    replace(&pool, &doc("b.txt", "v1"), &parsed(vec![modi])).await.unwrap();
    let grown = regenerate_with(&pool, &g).await.unwrap();
    assert!(grown.added >= 1 && grown.questions > first.questions, "{grown:?}");

    // The summit sentence leaves the base; its place question was asked once, so it is retired, not deleted.
    let city = db::quiz::questions::active(&pool).await.unwrap().into_iter().find(|q| q.kind == "place").unwrap();
    sqlx::query("INSERT INTO quiz_polls (poll_id, chat_id, question_id, correct, sent_at, closes_at) VALUES ('p', 1, ?, 0, 'a', 'b')")
        .bind(city.id)
        .execute(&pool)
        .await
        .unwrap();
    replace(&pool, &doc("a.txt", "v2"), &parsed(vec![trade])).await.unwrap();
    let shrunk = regenerate_with(&pool, &g).await.unwrap();
    assert!(shrunk.retired >= 1, "{shrunk:?}");
    let kept = db::quiz::questions::get(&pool, city.id).await.unwrap().unwrap();
    assert!(kept.retired_at.is_some() && kept.sentence_id.is_none());
    assert!(db::quiz::questions::active(&pool).await.unwrap().iter().all(|q| q.id != city.id));
    // The trade question survived the re-ingest with its new sentence id.
    let trade_q =
        db::quiz::questions::active(&pool).await.unwrap().into_iter().find(|q| q.question.contains("trade")).unwrap();
    let current: i64 =
        sqlx::query_scalar("SELECT id FROM sentences WHERE text LIKE 'Russia-China%'").fetch_one(&pool).await.unwrap();
    assert_eq!(trade_q.sentence_id, Some(current));
}
