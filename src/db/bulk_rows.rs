//! The rows of many parsed documents, with their ids already assigned, for the inserts of `db::bulk`: bound
//! as parameters of multi-row `INSERT … VALUES` statements (a few hundred rows each, in a handful of shapes
//! that the statement cache keeps prepared).

use anyhow::Context;
use sqlx::{Arguments, SqliteConnection, sqlite::SqliteArguments};

use crate::facts::{ParsedDocument, SourceDocument};

/// Most rows in one statement; shorter runs go in halves, quarters… so that every table has at most a
/// handful of statement shapes.
const MOST_ROWS: usize = 256;

/// One bound value.
enum Cell<'a> {
    Int(i64),
    /// `None` for a value that is not finite (stored as NULL, as the JSON rows used to store it).
    Real(Option<f64>),
    Text(&'a str),
    Owned(String),
}

/// The rows of one table: its `INSERT … VALUES` head, its width and its cells, row after row.
struct Table<'a> {
    what: &'static str,
    head: &'static str,
    columns: usize,
    cells: Vec<Cell<'a>>,
}

impl<'a> Table<'a> {
    fn new(what: &'static str, head: &'static str, columns: usize) -> Self {
        Table { what, head, columns, cells: Vec::new() }
    }

    fn rows(&self) -> usize {
        self.cells.len() / self.columns
    }

    /// `head` followed by `rows` groups of `columns` placeholders.
    fn statement(&self, rows: usize) -> String {
        let group = format!("({})", vec!["?"; self.columns].join(","));
        format!("{} VALUES {}", self.head, vec![group; rows].join(","))
    }

    async fn insert(&self, conn: &mut SqliteConnection) -> anyhow::Result<()> {
        let mut done = 0;
        while done < self.rows() {
            let left = self.rows() - done;
            let rows = if left >= MOST_ROWS { MOST_ROWS } else { 1 << left.ilog2() };
            let mut args = SqliteArguments::default();
            for cell in &self.cells[done * self.columns..(done + rows) * self.columns] {
                let bound = match cell {
                    Cell::Int(v) => args.add(*v),
                    Cell::Real(v) => args.add(*v),
                    Cell::Text(v) => args.add(*v),
                    Cell::Owned(v) => args.add(v.as_str()),
                };
                bound.map_err(|e| anyhow::anyhow!("binding a row of {}: {e}", self.what))?;
            }
            let sql = self.statement(rows);
            sqlx::query_with(&sql, args)
                .execute(&mut *conn)
                .await
                .with_context(|| format!("bulk-inserting {}", self.what))?;
            done += rows;
        }
        Ok(())
    }
}

/// A batch's rows, table by table.
pub struct BulkRows<'a> {
    documents: Table<'a>,
    sentences: Table<'a>,
    mentions: Table<'a>,
    figures: Table<'a>,
    topics: Table<'a>,
}

impl Default for BulkRows<'_> {
    fn default() -> Self {
        BulkRows {
            documents: Table::new(
                "documents",
                "INSERT INTO documents (id, name, title, source, published, language, content_hash, bytes, ingested_at)",
                9,
            ),
            sentences: Table::new(
                "sentences",
                "INSERT INTO sentences (id, document_id, paragraph, position, text, fact_key)",
                6,
            ),
            mentions: Table::new(
                "mentions",
                "INSERT OR IGNORE INTO mentions (sentence_id, entity_key, published, document_id, position, inferred)",
                6,
            ),
            figures: Table::new("figures", "INSERT INTO figures (sentence_id, kind, value, unit, text)", 5),
            topics: Table::new(
                "topics",
                "INSERT OR IGNORE INTO sentence_topics (sentence_id, topic, published, document_id, position)",
                5,
            ),
        }
    }
}

impl<'a> BulkRows<'a> {
    /// Adds document `doc` as `document_id`, its sentences numbered from `first_sentence`; returns the
    /// next free sentence id.
    pub fn push(
        &mut self,
        document_id: i64,
        first_sentence: i64,
        doc: &'a SourceDocument,
        parsed: &'a ParsedDocument,
        now: String,
    ) -> i64 {
        let meta = &doc.meta;
        let bytes = i64::try_from(doc.text.len()).unwrap_or(i64::MAX);
        self.documents.cells.extend([
            Cell::Int(document_id),
            Cell::Text(&doc.name),
            Cell::Text(&meta.title),
            Cell::Text(&meta.source),
            Cell::Text(&meta.published),
            Cell::Text(&meta.language),
            Cell::Text(&doc.content_hash),
            Cell::Int(bytes),
            Cell::Owned(now),
        ]);
        let mut id = first_sentence;
        for s in &parsed.sentences {
            self.sentences.cells.extend([
                Cell::Int(id),
                Cell::Int(document_id),
                Cell::Int(i64::from(s.paragraph)),
                Cell::Int(i64::from(s.position)),
                Cell::Text(&s.text),
                Cell::Owned(crate::facts::fact_key(&s.text)),
            ]);
            for m in &s.mentions {
                self.mentions.cells.extend([
                    Cell::Int(id),
                    Cell::Text(&m.entity_key),
                    Cell::Text(&meta.published),
                    Cell::Int(document_id),
                    Cell::Int(i64::from(s.position)),
                    Cell::Int(i64::from(m.inferred)),
                ]);
            }
            for t in &s.topics {
                self.topics.cells.extend([
                    Cell::Int(id),
                    Cell::Text(t),
                    Cell::Text(&meta.published),
                    Cell::Int(document_id),
                    Cell::Int(i64::from(s.position)),
                ]);
            }
            for f in &s.figures {
                self.figures.cells.extend([
                    Cell::Int(id),
                    Cell::Text(f.kind.as_str()),
                    Cell::Real(Some(f.value).filter(|v| v.is_finite())),
                    Cell::Text(&f.unit),
                    Cell::Text(&f.text),
                ]);
            }
            id += 1;
        }
        id
    }

    /// Inserts every row, parents first.
    pub async fn insert(&self, conn: &mut SqliteConnection) -> anyhow::Result<()> {
        for table in [&self.documents, &self.sentences, &self.mentions, &self.figures, &self.topics] {
            table.insert(conn).await?;
        }
        Ok(())
    }
}
