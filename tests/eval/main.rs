//! The evaluation set (`questions.toml`): every question run through the core over the seed document and
//! the test documents; fails if a refusal case is answered or fewer than 95% of the answerable cases are
//! right. Cases marked `needs = "discovery"` (entities only the documents define) are gated with the rest and
//! also counted apart.

use std::path::{Path, PathBuf};

use dossier::{
    answer::{
        Dossier,
        analysis::{self, AnswerType},
        outcome::{self, Outcome},
        spans::Found,
    },
    facts::{Ingestor, Knowledge},
    i18n::Lang,
};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    q: String,
    /// A substring the bold answer (or, without one, the first quoted sentence) must contain (case-insensitive).
    answer: Option<String>,
    /// The answer type the question asks for.
    #[serde(rename = "type")]
    kind: Option<AnswerType>,
    /// The question must be refused.
    #[serde(default)]
    refuse: bool,
    /// The question rephrases another one of the set.
    #[serde(default)]
    paraphrase: bool,
    /// Works only once entities are discovered in documents at ingest.
    needs: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

async fn dossier(dir: &Path) -> Dossier {
    let url = format!("sqlite://{}", dir.join("eval.sqlite").display());
    let pool = dossier::db::connect(&url).await.expect("the database opens");
    let knowledge = Knowledge::bundled().expect("the bundled knowledge loads");
    let ingestor = Ingestor::new(knowledge.clone());
    let seed = root().join("data/documents/russia-foreign-policy-2024.txt");
    let tests = [
        "india-diplomacy-2024",
        "kazakhstan-vneshnyaya-politika-2024",
        "turkic-states-bishkek-communique",
        "world-briefs-2024-11-18",
    ];
    let paths = std::iter::once(seed).chain(tests.iter().map(|t| root().join(format!("tests/documents/{t}.txt"))));
    for path in paths {
        ingestor.ingest_file(&pool, &path).await.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    Dossier::new(pool, knowledge).uncached()
}

/// Whether the outcome is right for the case, and what came back (for the failure list).
fn judge(case: &Case, got: &Outcome, dossier: &Dossier) -> (bool, String) {
    let asked = analysis::analyse(&case.q, dossier.entities()).answer_type;
    let type_ok = case.kind.is_none_or(|k| k == asked);
    match got {
        Outcome::Answered { found, facts } => {
            let bold = found.as_ref().map(|f| outcome::answer_text(f, Lang::En)).unwrap_or_default();
            let quotes: Vec<&str> = facts.iter().map(|f| f.row.text.as_str()).collect();
            let shown = format!("[{asked:?}] **{bold}** {}", quotes.join(" | "));
            // A stated answer must be the expected one (or a part of it, "5 тысяч" of "5 тысяч тонн"); without
            // one, the first quote must contain it.
            let text_ok = case.answer.as_ref().is_none_or(|want| {
                let (want, bold) = (want.to_lowercase(), bold.to_lowercase());
                match found {
                    Some(Found::Yes) | None => quotes.first().is_some_and(|q| q.to_lowercase().contains(&want)),
                    Some(_) => bold.contains(&want) || want.contains(&bold),
                }
            });
            (!case.refuse && type_ok && text_ok, shown)
        }
        Outcome::Card(key) => (
            !case.refuse
                && case.answer.as_ref().is_none_or(|a| {
                    key.to_lowercase().contains(&a.to_lowercase())
                        || dossier
                            .entities()
                            .get(key)
                            .is_some_and(|e| e.name.to_lowercase().contains(&a.to_lowercase()))
                }),
            format!("[{asked:?}] card {key}"),
        ),
        refusal => (case.refuse, format!("[{asked:?}] {refusal:?}")),
    }
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }
    fn share(&self) -> f64 {
        if self.total == 0 { 1.0 } else { self.right as f64 / self.total as f64 }
    }
}

#[tokio::test]
async fn the_evaluation_set_is_answered_and_refused_as_expected() {
    let set: Set = toml::from_str(&std::fs::read_to_string(root().join("tests/eval/questions.toml")).expect("the set"))
        .expect("a valid evaluation set");
    let dir = tempfile::tempdir().expect("a temporary folder");
    // DOSSIER_EVAL_DIR keeps the database for a look at what was extracted.
    let kept = std::env::var_os("DOSSIER_EVAL_DIR").map(PathBuf::from);
    let dossier = dossier(kept.as_deref().unwrap_or(dir.path())).await;
    let (mut answerable, mut refusals, mut discovery) = (Tally::default(), Tally::default(), Tally::default());
    let (mut russian, mut paraphrases) = (0, 0);
    let mut failures = Vec::new();
    for case in &set.cases {
        let got = dossier.ask(&case.q).await.expect("the core answers");
        let (ok, shown) = judge(case, &got, &dossier);
        russian += usize::from(case.q.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')));
        paraphrases += usize::from(case.paraphrase);
        if case.needs.is_some() {
            discovery.add(ok);
        }
        let tally = if case.refuse { &mut refusals } else { &mut answerable };
        tally.add(ok);
        if std::env::var_os("DOSSIER_EVAL_SHOW").is_some() {
            println!("{} {}\n    {shown}", if ok { "✓" } else { "✗" }, case.q);
        }
        if !ok {
            let mark = if case.needs.is_some() { " (needs discovery)" } else { "" };
            failures.push(format!(
                "✗{mark} {}\n    expected {:?} {:?}{}\n    got {shown}",
                case.q,
                case.kind,
                case.answer,
                if case.refuse { " refusal" } else { "" }
            ));
        }
    }
    let n = set.cases.len();
    println!("{}", failures.join("\n"));
    println!(
        "evaluation set: {n} questions ({russian} in Russian, {paraphrases} paraphrases, {} to refuse)",
        set.cases.iter().filter(|c| c.refuse).count()
    );
    println!("answerable right: {}/{} = {:.1}%", answerable.right, answerable.total, answerable.share() * 100.0);
    println!("refusals right:   {}/{}", refusals.right, refusals.total);
    println!("needs discovery:  {}/{} right (gated with the rest)", discovery.right, discovery.total);
    assert!(n >= 150 && russian * 5 >= n && paraphrases * 3 >= n, "the set is too small or too narrow");
    assert!(set.cases.iter().filter(|c| c.refuse).count() * 4 >= n, "fewer than a quarter of the cases are refusals");
    assert_eq!(refusals.right, refusals.total, "a question that must be refused was answered");
    assert!(answerable.share() >= 0.95, "fewer than 95% of the answerable questions are right");
}
