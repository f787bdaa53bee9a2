//! Core benchmarks: answering (`/country`, `/summit`, free text, `/search`) on the seed base and on a generated
//! corpus, and the ingest rate. After criterion's means, a plain loop of 10,000 calls per request prints p50/p99.
//!
//! `cargo bench --bench core` (corpus size: `DOSSIER_BENCH_DOCS`, default 10000; `0` skips the corpus).
//! `DOSSIER_BENCH_DIR=folder` keeps the databases there and reuses them on the next run (to profile or
//! compare without ingesting the corpus again); by default they live in a temporary folder.
//! `DOSSIER_BENCH_BUILD_ONLY=1` stops after building the corpus (to time or profile ingest alone).
//! `DOSSIER_BENCH_REQUESTS=question` times only the requests whose name contains one of the comma-separated
//! words, and skips the ingest benchmark (to profile one kind of answer).

#[path = "support/corpus.rs"]
mod corpus;

use std::{
    hint::black_box,
    path::PathBuf,
    time::{Duration, Instant},
};

use criterion::{Criterion, Throughput};
use dossier::{
    answer::{Dossier, Request},
    db,
    facts::{Ingestor, Knowledge, parse_document},
};
use tokio::runtime::Runtime;

use corpus::Corpus;

const SEED: u64 = 2024;
/// Documents ingested per criterion iteration of the ingest benchmark.
const INGEST_BATCH: usize = 100;
/// Documents generated per call of the corpus generator.
const CORPUS_BATCH: usize = 500;
/// Calls per request in the percentile pass, unless it runs out of time first.
const PERCENTILE_CALLS: usize = 10_000;
const PERCENTILE_BUDGET: Duration = Duration::from_secs(30);

fn requests() -> Vec<(&'static str, Request)> {
    let wanted = std::env::var("DOSSIER_BENCH_REQUESTS").ok();
    let all = vec![
        ("country China", Request::Country("China".into())),
        ("summit BRICS", Request::Summit("BRICS".into())),
        ("question trade", Request::Question("How much did Russia trade with China?".into())),
        ("search transport corridor", Request::Search("transport corridor".into())),
    ];
    match wanted {
        Some(words) => all.into_iter().filter(|(name, _)| words.split(',').any(|w| name.contains(w.trim()))).collect(),
        None => all,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return; // `cargo bench -- --list`: nothing to list beyond the names criterion prints when running
    }
    let quick = args.iter().any(|a| a == "--test");
    let docs: usize = std::env::var("DOSSIER_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let docs = if quick { docs.min(20) } else { docs };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir = std::env::var_os("DOSSIER_BENCH_DIR").map_or_else(|| temp.path().to_owned(), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("the database folder");
    let knowledge = Knowledge::bundled().expect("the bundled rules load");

    let seed = rt.block_on(seed_base(&dir.join("seed.sqlite"), &knowledge));
    let big = (docs > 0).then(|| rt.block_on(corpus_base(&dir.join(format!("corpus{docs}.sqlite")), &knowledge, docs)));

    if std::env::var_os("DOSSIER_BENCH_BUILD_ONLY").is_some() {
        return; // only build the corpus (to time or profile ingest alone)
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    // Composing each reply (the cache is bypassed); a repeated request is otherwise served from memory.
    bench_answers(&mut c, &rt, "answer/seed", &seed.uncached(), 100);
    if let Some(big) = &big {
        bench_answers(&mut c, &rt, &format!("answer/corpus{docs}"), &big.uncached(), 20);
    }
    bench_answers(&mut c, &rt, "answer/seed-cached", &seed, 100);
    if std::env::var_os("DOSSIER_BENCH_REQUESTS").is_none() {
        bench_ingest(&mut c, &rt, &temp.path().join("ingest.sqlite"), &knowledge);
    }
    c.final_summary();

    if !quick {
        println!(
            "\nhandler latency, up to {PERCENTILE_CALLS} sequential calls or {PERCENTILE_BUDGET:?} per request (Dossier::answer):"
        );
        println!("{:<18} {:<28} {:>10} {:>10} {:>10} {:>8}", "base", "request", "p50", "p99", "max", "calls");
        percentiles(&rt, "seed", &seed.uncached());
        if let Some(big) = &big {
            percentiles(&rt, &format!("corpus{docs}"), &big.uncached());
            percentiles(&rt, &format!("corpus{docs}+cache"), big);
        }
        percentiles(&rt, "seed+cache", &seed);
    }
}

/// The seed document in a fresh database.
async fn seed_base(path: &std::path::Path, knowledge: &Knowledge) -> Dossier {
    let pool = db::connect(&sqlite_url(path)).await.expect("the seed database opens");
    let documents = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/documents");
    Ingestor::new(knowledge.clone()).sync_dir(&pool, &documents).await.expect("the seed document ingests");
    Dossier::new(pool, knowledge.clone())
}

/// The seed document plus `docs` generated ones; prints the end-to-end ingest rate.
async fn corpus_base(path: &std::path::Path, knowledge: &Knowledge, docs: usize) -> Dossier {
    let dossier = seed_base(path, knowledge).await;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents").fetch_one(&dossier.pool).await.unwrap_or(0);
    if stored > docs as i64 {
        println!("corpus: reusing the {docs} documents in {}", path.display());
        return dossier;
    }
    let ingestor = Ingestor::new(knowledge.clone());
    let mut corpus = Corpus::new(SEED);
    // Generated first, then ingested in one call, as `dossier ingest` or a first start on a folder does
    // (from the bulk threshold on, one bulk load).
    let batch: Vec<_> = (0..docs)
        .step_by(CORPUS_BATCH)
        .flat_map(|start| corpus.documents(CORPUS_BATCH.min(docs - start), &knowledge.rules_hash))
        .collect();
    let bytes: usize = batch.iter().map(|d| d.text.len()).sum();
    let started = Instant::now();
    let outcomes = ingestor.ingest_all(&dossier.pool, batch).await.expect("the database takes the corpus");
    let busy = started.elapsed();
    assert!(outcomes.iter().all(Result::is_ok), "a generated document failed to ingest");
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {docs} documents, {mb:.1} MB ingested in {:.1} s: {:.2} MB/s (one call; bulk from {} documents)",
        busy.as_secs_f64(),
        mb / busy.as_secs_f64(),
        ingestor.bulk_threshold()
    );
    dossier
}

fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}", path.display())
}

fn bench_answers(c: &mut Criterion, rt: &Runtime, group: &str, dossier: &Dossier, samples: usize) {
    let mut group = c.benchmark_group(group);
    group.sample_size(samples);
    for (name, request) in requests() {
        group.bench_function(name, |b| {
            b.to_async(rt).iter(|| async { black_box(dossier.answer(&request).await.expect("an answer")) })
        });
    }
    group.finish();
}

fn bench_ingest(c: &mut Criterion, rt: &Runtime, path: &std::path::Path, knowledge: &Knowledge) {
    let pool = rt.block_on(db::connect(&sqlite_url(path))).expect("the ingest database opens");
    let ingestor = Ingestor::new(knowledge.clone());
    let mut corpus = Corpus::new(SEED + 1);
    // Every iteration ingests new documents (the names go on counting), so none is skipped as unchanged.
    let sample: usize =
        Corpus::new(SEED + 1).documents(INGEST_BATCH, &knowledge.rules_hash).iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(sample as u64)).sample_size(10);
    // Parsing alone (no database), to split the ingest time into extraction and storage.
    let parse_batch = Corpus::new(SEED + 2).documents(INGEST_BATCH, &knowledge.rules_hash);
    group.bench_function(format!("parse {INGEST_BATCH} documents"), |b| {
        b.iter(|| {
            for doc in &parse_batch {
                black_box(parse_document(&doc.text, &knowledge.gazetteer, &knowledge.topics));
            }
        })
    });
    group.bench_function(format!("{INGEST_BATCH} documents"), |b| {
        b.to_async(rt).iter_custom(|iters| {
            let batches: Vec<_> = (0..iters).map(|_| corpus.documents(INGEST_BATCH, &knowledge.rules_hash)).collect();
            let (pool, ingestor) = (pool.clone(), ingestor.clone());
            async move {
                let started = Instant::now();
                for batch in batches {
                    black_box(ingestor.ingest_all(&pool, batch).await.expect("the database takes the batch"));
                }
                started.elapsed()
            }
        })
    });
    group.finish();
}

/// Times up to `PERCENTILE_CALLS` sequential answers per request and prints p50, p99 and the maximum.
fn percentiles(rt: &Runtime, base: &str, dossier: &Dossier) {
    for (name, request) in requests() {
        let mut times: Vec<Duration> = rt.block_on(async {
            let mut times = Vec::with_capacity(PERCENTILE_CALLS);
            let budget = Instant::now() + PERCENTILE_BUDGET;
            while times.len() < PERCENTILE_CALLS && Instant::now() < budget {
                let started = Instant::now();
                black_box(dossier.answer(&request).await.expect("an answer"));
                times.push(started.elapsed());
            }
            times
        });
        times.sort();
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!(
            "{base:<18} {name:<28} {:>10.3?} {:>10.3?} {:>10.3?} {:>8}",
            at(0.50),
            at(0.99),
            times[times.len() - 1],
            times.len()
        );
    }
}
