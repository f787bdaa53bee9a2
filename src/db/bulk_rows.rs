//! The rows of many parsed documents as JSON arrays, one per table, with their ids already assigned, for
//! the set-based inserts of `db::bulk` (one statement per table per batch, whatever its size).

use serde_json::{Value, json};

use crate::facts::{ParsedDocument, SourceDocument};

/// A batch's rows, table by table.
#[derive(Default)]
pub struct BulkRows {
    documents: Vec<Value>,
    sentences: Vec<Value>,
    mentions: Vec<Value>,
    figures: Vec<Value>,
    topics: Vec<Value>,
}

impl BulkRows {
    /// Adds document `doc` as `document_id`, its sentences numbered from `first_sentence`; returns the
    /// next free sentence id.
    pub fn push(
        &mut self,
        document_id: i64,
        first_sentence: i64,
        doc: &SourceDocument,
        parsed: &ParsedDocument,
        now: &str,
    ) -> i64 {
        let meta = &doc.meta;
        self.documents.push(json!([
            document_id,
            doc.name,
            meta.title,
            meta.source,
            meta.published,
            meta.language,
            doc.content_hash,
            doc.text.len(),
            now
        ]));
        let mut id = first_sentence;
        for s in &parsed.sentences {
            self.sentences.push(json!([
                id,
                document_id,
                s.paragraph,
                s.position,
                s.text,
                crate::facts::fact_key(&s.text)
            ]));
            let at = |key: &str| json!([id, key, meta.published, document_id, s.position]);
            for m in &s.mentions {
                let mut row = at(&m.entity_key);
                if let Value::Array(cells) = &mut row {
                    cells.push(json!(m.inferred));
                }
                self.mentions.push(row);
            }
            self.topics.extend(s.topics.iter().map(|t| at(t)));
            self.figures.extend(s.figures.iter().map(|f| json!([id, f.kind.as_str(), f.value, f.unit, f.text])));
            id += 1;
        }
        id
    }

    /// `(what, SQL, rows as JSON)` for each table, parents first.
    pub fn statements(&self) -> anyhow::Result<[(&'static str, &'static str, String); 5]> {
        let json = |rows: &Vec<Value>| serde_json::to_string(rows);
        Ok([
            (
                "documents",
                "INSERT INTO documents (id, name, title, source, published, language, content_hash, bytes, ingested_at)
                 SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
                        value->>8
                 FROM json_each(?1)",
                json(&self.documents)?,
            ),
            (
                "sentences",
                "INSERT INTO sentences (id, document_id, paragraph, position, text, fact_key)
                 SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?1)",
                json(&self.sentences)?,
            ),
            (
                "mentions",
                "INSERT OR IGNORE INTO mentions (sentence_id, entity_key, published, document_id, position, inferred)
                 SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?1)",
                json(&self.mentions)?,
            ),
            (
                "figures",
                "INSERT INTO figures (sentence_id, kind, value, unit, text)
                 SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?1)",
                json(&self.figures)?,
            ),
            (
                "topics",
                "INSERT OR IGNORE INTO sentence_topics (sentence_id, topic, published, document_id, position)
                 SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?1)",
                json(&self.topics)?,
            ),
        ])
    }
}
