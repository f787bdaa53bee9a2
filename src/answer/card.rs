//! Fact cards: quoted sentences grouped under headings, figures in bold, and the sources at the end.

use std::collections::HashMap;

use crate::{
    db::{
        self,
        facts::{FactRow, FigureRow},
    },
    reply::{Reply, Span, bold, italic, text},
};

/// Most facts one card shows; the rest are counted.
pub const MAX_CARD_FACTS: usize = 12;

/// A fact with the figures found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub row: FactRow,
    pub figures: Vec<FigureRow>,
}

/// Loads the figures of `rows`, keeping their order and dropping repeated sentences.
pub async fn with_figures(pool: &db::Pool, rows: Vec<FactRow>) -> anyhow::Result<Vec<Fact>> {
    let mut seen = std::collections::HashSet::new();
    let rows: Vec<FactRow> = rows.into_iter().filter(|r| seen.insert(r.sentence_id)).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.sentence_id).collect();
    let mut figures: HashMap<i64, Vec<FigureRow>> = HashMap::new();
    for figure in db::facts::figures_of(pool, &ids).await? {
        figures.entry(figure.sentence_id).or_default().push(figure);
    }
    Ok(rows
        .into_iter()
        .map(|row| Fact { figures: figures.remove(&row.sentence_id).unwrap_or_default(), row })
        .collect())
}

/// The documents cited by a reply, numbered in order of first citation.
#[derive(Debug, Default)]
pub struct Sources {
    cited: Vec<FactRow>,
}

impl Sources {
    /// The footnote number of the fact's document (1-based).
    pub fn cite(&mut self, row: &FactRow) -> usize {
        match self.cited.iter().position(|c| c.document_id == row.document_id) {
            Some(i) => i + 1,
            None => {
                self.cited.push(row.clone());
                self.cited.len()
            }
        }
    }

    /// Appends the closing source lines: title, reporting source and date of each cited document.
    pub fn append_to(&self, reply: &mut Reply, lang: crate::i18n::Lang) {
        if self.cited.is_empty() {
            return;
        }
        reply.push_blank();
        let numbered = self.cited.len() > 1;
        for (i, doc) in self.cited.iter().enumerate() {
            let label = if numbered { format!("📄 [{}] ", i + 1) } else { lang.t("source-single") };
            let title = match &doc.doc_url {
                Some(url) => Span::Link { text: doc.doc_title.clone(), url: url.clone() },
                None => italic(doc.doc_title.clone()),
            };
            reply.push_line(vec![text(label), title, text(format!(" — {}, {}", doc.doc_source, doc.doc_published))]);
        }
    }

    /// Whether quotes need footnote numbers (more than one document cited).
    pub fn numbered(&self) -> bool {
        self.cited.len() > 1
    }
}

/// The sentence as spans, with its figures in bold.
pub fn quote_spans(fact: &Fact) -> Vec<Span> {
    let sentence = &fact.row.text;
    let mut marks: Vec<(usize, usize)> = fact
        .figures
        .iter()
        .filter_map(|f| sentence.find(&f.text).map(|start| (start, start + f.text.len())))
        .filter(|(s, e)| s < e)
        .collect();
    marks.sort();
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in marks {
        if start < at {
            continue;
        }
        if start > at {
            spans.push(text(&sentence[at..start]));
        }
        spans.push(bold(&sentence[start..end]));
        at = end;
    }
    if at < sentence.len() {
        spans.push(text(&sentence[at..]));
    }
    spans
}

/// Appends a quoted fact, with a footnote number when several documents are cited.
pub fn push_fact(reply: &mut Reply, fact: &Fact, sources: &mut Sources) {
    let number = sources.cite(&fact.row);
    let mut spans = quote_spans(fact);
    spans.push(text(format!(" [{number}]")));
    reply.push_quote(spans);
}

/// Removes the footnote numbers again when only one document was cited.
pub fn finish(mut reply: Reply, sources: &Sources, lang: crate::i18n::Lang) -> Reply {
    if !sources.numbered() {
        for block in &mut reply.blocks {
            if let crate::reply::Block::Quote(spans) = block
                && matches!(spans.last(), Some(Span::Text(t)) if t == " [1]")
            {
                spans.pop();
            }
        }
    }
    sources.append_to(&mut reply, lang);
    reply
}

/// A flag emoji for an ISO 3166 alpha-2 code.
pub fn flag(alpha2: &str) -> String {
    alpha2
        .chars()
        .filter(char::is_ascii_alphabetic)
        .filter_map(|c| char::from_u32(0x1F1E6 + (c.to_ascii_uppercase() as u32 - 'A' as u32)))
        .collect()
}

/// "1 fact" / "5 facts" (by the plural rules of `lang`).
pub fn count_facts(n: usize, lang: crate::i18n::Lang) -> String {
    lang.tr("count-facts", &[crate::i18n::arg("count", n)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> FactRow {
        FactRow {
            sentence_id: 1,
            document_id: 1,
            paragraph: 0,
            position: 0,
            text: text.into(),
            fact_key: "k".into(),
            doc_title: "T".into(),
            doc_source: "S".into(),
            doc_published: "2024".into(),
            doc_language: "en".into(),
            doc_url: None,
        }
    }

    #[test]
    fn figures_are_bold_inside_the_quote() {
        let fact = Fact {
            row: row("Trade reached $240 billion, with 95% in national currencies."),
            figures: vec![
                FigureRow { sentence_id: 1, kind: "percent".into(), value: 95.0, unit: "%".into(), text: "95%".into() },
                FigureRow {
                    sentence_id: 1,
                    kind: "money".into(),
                    value: 240e9,
                    unit: "USD".into(),
                    text: "$240 billion".into(),
                },
            ],
        };
        assert_eq!(
            quote_spans(&fact),
            vec![
                text("Trade reached "),
                bold("$240 billion"),
                text(", with "),
                bold("95%"),
                text(" in national currencies.")
            ]
        );
    }

    #[test]
    fn flags_come_from_alpha2_codes() {
        assert_eq!(flag("IN"), "🇮🇳");
    }
}
