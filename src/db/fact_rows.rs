//! A parsed document's rows as JSON arrays, one per table, for the set-based inserts of
//! `db::documents`.

use crate::facts::ParsedDocument;

/// A parsed document's rows as JSON arrays, one per table, each row keyed by sentence position.
pub struct Rows {
    pub sentences: String,
    pub mentions: String,
    pub figures: String,
    pub topics: String,
}

impl Rows {
    pub fn of(parsed: &ParsedDocument) -> anyhow::Result<Rows> {
        use serde_json::json;
        let (mut sentences, mut mentions, mut figures, mut topics) = (vec![], vec![], vec![], vec![]);
        for s in &parsed.sentences {
            sentences.push(json!([s.paragraph, s.position, s.text, crate::facts::fact_key(&s.text)]));
            mentions.extend(s.mentions.iter().map(|m| json!([s.position, m.entity_key, m.inferred])));
            figures.extend(s.figures.iter().map(|f| json!([s.position, f.kind.as_str(), f.value, f.unit, f.text])));
            topics.extend(s.topics.iter().map(|t| json!([s.position, t])));
        }
        Ok(Rows {
            sentences: serde_json::to_string(&sentences)?,
            mentions: serde_json::to_string(&mentions)?,
            figures: serde_json::to_string(&figures)?,
            topics: serde_json::to_string(&topics)?,
        })
    }
}
