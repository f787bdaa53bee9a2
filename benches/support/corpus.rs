//! A deterministic corpus of news-like documents for benchmarks: ~4 KB each, in the style of
//! `data/documents/russia-foreign-policy-2024.txt`, with varied countries, organisations, people and figures.
#![allow(dead_code)] // each benchmark or example uses part of it

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

use dossier::facts::{DocumentMeta, SourceDocument};

/// Roughly how long one document is, in bytes.
pub const DOCUMENT_BYTES: usize = 4096;

#[rustfmt::skip]
const COUNTRIES: &[&str] = &[
    "China", "India", "Brazil", "South Africa", "Iran", "Egypt", "Ethiopia", "Indonesia", "Vietnam", "Thailand",
    "Malaysia", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Azerbaijan", "Armenia",
    "Belarus", "Mongolia", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Laos", "Cambodia", "Myanmar",
    "North Korea", "Japan", "South Korea", "Saudi Arabia", "Qatar", "Kuwait", "Oman", "Bahrain", "Iraq", "Syria",
    "Jordan", "Lebanon", "Algeria", "Morocco", "Tunisia", "Libya", "Sudan", "Mali", "Niger", "Burkina Faso",
    "Nigeria", "Ghana", "Senegal", "Guinea", "Angola", "Mozambique", "Zimbabwe", "Zambia", "Kenya", "Tanzania",
    "Uganda", "Madagascar", "Cuba", "Venezuela", "Nicaragua", "Bolivia", "Argentina", "Mexico", "Colombia", "Peru",
    "Chile", "Turkey", "Hungary", "Serbia", "Slovakia", "Austria", "Germany", "France", "Italy", "Switzerland",
    "Malta", "Afghanistan", "Yemen", "Georgia", "Moldova", "Norway", "Finland", "Greece", "Cyprus",
];

const ORGANISATIONS: &[&str] = &["BRICS", "CIS", "NATO", "EU", "GCC", "UN", "SCO"];

const PEOPLE: &[&str] = &[
    "President Vladimir Putin",
    "Foreign Minister Sergey Lavrov",
    "Prime Minister Narendra Modi",
    "President Xi Jinping",
    "Deputy Foreign Minister Andrei Rudenko",
    "Economy Minister Maxim Reshetnikov",
    "Energy Minister Sergei Tsivilev",
    "Trade Representative Olga Petrova",
    "Ambassador Dmitry Ivanov",
    "Special Envoy Alexander Lavrentiev",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

#[rustfmt::skip]
const CITIES: &[&str] = &[
    "Kazan", "Moscow", "St. Petersburg", "Vladivostok", "Sochi", "Astana", "Tashkent", "Beijing", "New Delhi",
    "Minsk",
];

#[rustfmt::skip]
const FIELDS: &[&str] = &[
    "energy", "transport", "finance", "investment", "agriculture", "science and technology", "education",
    "healthcare", "nuclear power", "logistics", "food security", "digital transformation", "culture", "tourism",
];

const GOODS: &[&str] = &["grain", "fertilisers", "oil products", "coal", "humanitarian aid", "wheat", "liquefied gas"];

/// Sentence templates; `{c}` country, `{c2}` another country, `{o}` organisation, `{p}` person, `{m}` month,
/// `{y}` year, `{city}`, `{f}` field, `{g}` goods, `{b}` billions, `{pct}` percent, `{n}` count, `{t}` tons,
/// `{ord}` ordinal.
const TEMPLATES: &[&str] = &[
    "In relations with strategic partners, Russia-{c} bilateral trade reached a record ${b} billion, with {pct}% of payments made in national currencies.",
    "{p}'s state visit to {c} in {m} {y} elevated the comprehensive partnership between the two countries.",
    "Relations with {c} also received a major boost after the visit of its delegation to Russia in {m} that year, paving the way for expanded cooperation in {f} and {f2}.",
    "Russia has concluded bilateral agreements on {f} with {c} and {c2}.",
    "A key highlight was the {o} meeting in {city}, chaired by Russia, with the participation of {n} countries and {n2} multilateral organizations.",
    "The summit agreed on steps to reform the global monetary and financial architecture and to establish a number of working groups on {f} and {f2}.",
    "The North-South International Transport Corridor project has made significant progress, with new sections planned through {c}.",
    "Russia has also established new special economic zones with {c}, {c2} and Kazakhstan.",
    "Within the framework of the {o}, cooperation in {f} is being actively promoted.",
    "{n} joint statements at the level of heads of state and foreign ministers have been adopted on current international issues.",
    "Foreign Minister Sergey Lavrov attended the {ord} {o} ministerial meeting and visited {c} and {c2}.",
    "Russia delivered {t} tons of {g} to {c} in {m} {y}.",
    "The {ord} meeting of the intergovernmental commission between Russia and {c} was held in {city} in {m} {y}.",
    "Trade turnover between Russia and {c} grew by {pct}% in {y}, to ${b} billion.",
    "The pilot project \"House of Russia\" has been launched with the first {n} agreements signed with organizations from {c}, {c2} and others.",
    "Russia has maintained dialogue with a number of {o} countries such as {c} and {c2}.",
    "Russia has expanded the list of countries whose citizens are granted e-visas, adding {c} and {c2}.",
    "Investment from {c} in the Russian economy exceeded ${b} billion, according to the Russian Foreign Ministry.",
    "{p} held talks with the leadership of {c} on {f}, {f2} and regional security.",
    "The first ministerial-level forum between Russia and {c} was held in {m} {y}, focusing on {f} and {f2}.",
    "Exports of {g} to {c} rose by {pct}% and reached {t} tons.",
    "Russia and {c} signed a memorandum of understanding on cooperation in {f}.",
    "The {o} summit in {city} brought together delegations from {n} countries.",
    "Russia supported the application of {c} to join the {o} as a partner country.",
    "Payments in national currencies now account for {pct}% of trade between Russia and {c}.",
    "A new railway line linking {c} and {c2} is expected to carry {t} tons of cargo a year.",
    "Russia stressed that the conflict can only be resolved by eliminating the security threats posed by NATO's eastward expansion.",
    "The agreement on free trade in services between Russia and {c} has entered into force.",
];

/// A generator of documents; the same seed always gives the same documents.
pub struct Corpus {
    rng: StdRng,
    next: usize,
}

impl Corpus {
    pub fn new(seed: u64) -> Self {
        Corpus { rng: StdRng::seed_from_u64(seed), next: 0 }
    }

    /// The text of the next document.
    pub fn next_text(&mut self) -> String {
        let mut text = String::with_capacity(DOCUMENT_BYTES + 512);
        while text.len() < DOCUMENT_BYTES {
            let sentences = self.rng.random_range(2..=4);
            let mut paragraph = Vec::with_capacity(sentences);
            for _ in 0..sentences {
                paragraph.push(self.sentence());
            }
            text.push_str(&paragraph.join(" "));
            text.push('\n');
        }
        text
    }

    /// The next document, ready to ingest.
    pub fn next_document(&mut self, rules_hash: &str) -> SourceDocument {
        let n = self.next;
        self.next += 1;
        let text = self.next_text();
        let month = n % 12 + 1;
        let meta = DocumentMeta {
            title: format!("Russia's foreign relations, bulletin {n}"),
            source: "Generated benchmark corpus".into(),
            published: format!("2024-{month:02}"),
            language: "en".into(),
        };
        SourceDocument::from_bytes(&format!("bench-{n:05}.txt"), text.as_bytes(), Some(meta), rules_hash)
            .expect("a generated document is valid")
    }

    /// `count` documents.
    pub fn documents(&mut self, count: usize, rules_hash: &str) -> Vec<SourceDocument> {
        (0..count).map(|_| self.next_document(rules_hash)).collect()
    }

    fn sentence(&mut self) -> String {
        let template = *TEMPLATES.choose(&mut self.rng).expect("templates are not empty");
        let (c, c2) = self.two(COUNTRIES);
        let (f, f2) = self.two(FIELDS);
        let r = &mut self.rng;
        let replacements: [(&str, String); 16] = [
            ("{c2}", c2.to_owned()),
            ("{c}", c.to_owned()),
            ("{o}", ORGANISATIONS.choose(r).expect("not empty").to_string()),
            ("{p}", PEOPLE.choose(r).expect("not empty").to_string()),
            ("{m}", MONTHS.choose(r).expect("not empty").to_string()),
            ("{y}", r.random_range(2019..=2024).to_string()),
            ("{city}", CITIES.choose(r).expect("not empty").to_string()),
            ("{f2}", f2.to_owned()),
            ("{f}", f.to_owned()),
            ("{g}", GOODS.choose(r).expect("not empty").to_string()),
            ("{b}", r.random_range(1..=300).to_string()),
            ("{pct}", r.random_range(2..=98).to_string()),
            ("{n2}", r.random_range(2..=12).to_string()),
            ("{n}", r.random_range(3..=40).to_string()),
            ("{t}", thousands(r.random_range(50..=250_000))),
            ("{ord}", ordinal(r.random_range(1..=30))),
        ];
        let mut sentence = template.to_owned();
        for (key, value) in &replacements {
            if sentence.contains(key) {
                sentence = sentence.replace(key, value);
            }
        }
        sentence
    }

    /// Two different items of a list.
    fn two<'a>(&mut self, items: &[&'a str]) -> (&'a str, &'a str) {
        let first = self.rng.random_range(0..items.len());
        let second = (first + self.rng.random_range(1..items.len())) % items.len();
        (items[first], items[second])
    }
}

/// "1,250" for 1250.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// "1st", "2nd", "11th", "23rd".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
