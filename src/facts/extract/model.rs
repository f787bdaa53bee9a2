//! Data model of the extraction core: entities, mentions, figures, topics, parsed documents and errors.

use std::fmt;

/// What an entity of the gazetteer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Country,
    Organisation,
    Event,
    Project,
    Person,
}

impl EntityKind {
    /// Every kind, in declaration order.
    pub const ALL: [EntityKind; 5] =
        [EntityKind::Country, EntityKind::Organisation, EntityKind::Event, EntityKind::Project, EntityKind::Person];

    /// The lowercase name stored in the database: "country", "organisation", ...
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Organisation => "organisation",
            EntityKind::Event => "event",
            EntityKind::Project => "project",
            EntityKind::Person => "person",
        }
    }

    /// The inverse of [`EntityKind::as_str`]; also accepts "organization" and "org".
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "country" => Some(EntityKind::Country),
            "organisation" | "organization" | "org" => Some(EntityKind::Organisation),
            "event" => Some(EntityKind::Event),
            "project" => Some(EntityKind::Project),
            "person" => Some(EntityKind::Person),
            _ => None,
        }
    }

    /// The prefix every key of this kind starts with ("country:", "org:", ...).
    pub fn key_prefix(self) -> &'static str {
        match self {
            EntityKind::Country => "country:",
            EntityKind::Organisation => "org:",
            EntityKind::Event => "event:",
            EntityKind::Project => "project:",
            EntityKind::Person => "person:",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A country, organisation, event, project or person known to the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable key: "country:IN", "org:BRICS", "event:brics-summit-kazan-2024", "person:putin".
    pub key: String,
    pub kind: EntityKind,
    /// English display name.
    pub name: String,
    pub name_ru: Option<String>,
    /// Every surface form matched in text or accepted from users.
    pub aliases: Vec<String>,
    /// Persons: their country's key; events: the host country's key.
    pub country: Option<String>,
    /// Persons: "President", "Prime Minister", ...
    pub role: Option<String>,
    /// Events: the city.
    pub place: Option<String>,
    /// Events: when, as an ISO date, possibly partial ("2024-10").
    pub date: Option<String>,
    /// Events: the organisation's key.
    pub parent: Option<String>,
    /// Other entity keys worth linking.
    pub related: Vec<String>,
}

/// The outcome of resolving a user-typed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// One entity clearly matches (its key).
    Found(String),
    /// Several plausible entities, best first, at most three keys.
    DidYouMean(Vec<String>),
    /// Nothing plausible; the (at most three) closest keys, best first.
    Unknown { closest: Vec<String> },
}

/// An entity mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity_key: String,
    /// Byte offsets in the sentence (`start == end == 0` when inferred).
    pub start: usize,
    pub end: usize,
    /// True when attached by coreference rather than found in the text.
    pub inferred: bool,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    Money,
    Percent,
    Count,
    Quantity,
    Ordinal,
    Date,
}

impl FigureKind {
    /// The lowercase name stored in the database: "money", "percent", ...
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Count => "count",
            FigureKind::Quantity => "quantity",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Date => "date",
        }
    }

    /// The inverse of [`FigureKind::as_str`].
    pub fn parse(s: &str) -> Option<FigureKind> {
        match s {
            "money" => Some(FigureKind::Money),
            "percent" => Some(FigureKind::Percent),
            "count" => Some(FigureKind::Count),
            "quantity" => Some(FigureKind::Quantity),
            "ordinal" => Some(FigureKind::Ordinal),
            "date" => Some(FigureKind::Date),
            _ => None,
        }
    }
}

impl fmt::Display for FigureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number found in a sentence.
///
/// `value` is in base units (240e9 for "$240 billion"). Dates use `YYYYMMDD` with zeros
/// for unknown parts (20240500 for "May 2024", 1000 for "last October") and `unit` holds
/// the ISO form ("2024-05", "2024", "--10").
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub kind: FigureKind,
    pub value: f64,
    /// "USD", "%", "countries", "tons", "meeting", "2024-05", ...
    pub unit: String,
    /// The exact span as in the sentence.
    pub text: String,
    /// Byte offsets in the sentence.
    pub start: usize,
    pub end: usize,
}

/// One sentence with what was found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSentence {
    /// 0-based paragraph index.
    pub paragraph: u32,
    /// 0-based index of the sentence within the document.
    pub position: u32,
    pub text: String,
    pub mentions: Vec<Mention>,
    pub figures: Vec<Figure>,
    /// Topic keys.
    pub topics: Vec<String>,
}

/// A document split into parsed sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedDocument {
    pub sentences: Vec<ParsedSentence>,
    /// What the document introduces that the gazetteer does not list (and gazetteer entities it gave new
    /// aliases, with only those aliases).
    pub entities: Vec<Entity>,
}

/// A topic of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// "trade"
    pub key: String,
    /// "Trade"
    pub name: String,
    pub name_ru: String,
    /// Stems matched as word prefixes ("invest" matches "investment").
    pub keywords: Vec<String>,
    /// Words matched whole only ("war", "port").
    pub exact: Vec<String>,
}

/// Why a gazetteer or topic lexicon could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("invalid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("invalid key {key:?}: {reason}")]
    InvalidKey { key: String, reason: String },
    #[error("duplicate key {0:?}")]
    DuplicateKey(String),
    #[error("{key:?} refers to unknown entity {reference:?}")]
    UnknownReference { key: String, reference: String },
    #[error("{key:?}: {reason}")]
    Invalid { key: String, reason: String },
}
