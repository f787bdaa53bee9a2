//! The annotations of sentences: the entities each one names and the figures it states, read for many
//! sentences at once.

use anyhow::Context;

use super::{
    Pool,
    facts::{FigureRow, MentionRow},
    json_rows,
};

const FIGURES: &str = "SELECT id, sentence_id, kind, value, unit, text FROM figures
     WHERE sentence_id IN (SELECT value FROM json_each(?))";
const FIGURE_FIELDS: &str = "sentence_id, kind, value, unit, text";
const MENTIONS: &str = "SELECT sentence_id, entity_key, inferred FROM mentions
     WHERE sentence_id IN (SELECT value FROM json_each(?))";
const MENTION_FIELDS: &str = "sentence_id, entity_key, inferred";

/// Figures of the given sentences, in sentence order.
pub async fn figures_of(pool: &Pool, sentence_ids: &[i64]) -> anyhow::Result<Vec<FigureRow>> {
    let sql = json_rows::aggregated(FIGURE_FIELDS, FIGURES, "sentence_id, id");
    let json: String = sqlx::query_scalar(&sql)
        .bind(json_rows::list(sentence_ids))
        .fetch_one(pool)
        .await
        .context("reading figures")?;
    json_rows::decode(&json)
}

/// Mentions of the given sentences, in sentence order.
pub async fn mentions_of(pool: &Pool, sentence_ids: &[i64]) -> anyhow::Result<Vec<MentionRow>> {
    let sql = json_rows::aggregated(MENTION_FIELDS, MENTIONS, "sentence_id, entity_key");
    let json: String = sqlx::query_scalar(&sql)
        .bind(json_rows::list(sentence_ids))
        .fetch_one(pool)
        .await
        .context("reading mentions")?;
    json_rows::decode(&json)
}

/// The mentions of `mentioning` and the figures of `with_figures`, in one read (what checking candidate
/// sentences needs).
pub async fn mentions_and_figures(
    pool: &Pool,
    mentioning: &[i64],
    with_figures: &[i64],
) -> anyhow::Result<(Vec<MentionRow>, Vec<FigureRow>)> {
    let mentions = json_rows::aggregated(MENTION_FIELDS, MENTIONS, "sentence_id, entity_key");
    let figures = json_rows::aggregated(FIGURE_FIELDS, FIGURES, "sentence_id, id");
    let (mentions, figures): (String, String) = sqlx::query_as(&format!("SELECT ({mentions}), ({figures})"))
        .bind(json_rows::list(mentioning))
        .bind(json_rows::list(with_figures))
        .fetch_one(pool)
        .await
        .context("reading mentions and figures")?;
    Ok((json_rows::decode(&mentions)?, json_rows::decode(&figures)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        db::documents::{
            replace,
            tests::{doc, parsed, sentence},
        },
        facts::{Figure, FigureKind},
    };

    #[sqlx::test]
    async fn mentions_come_in_sentence_order_then_by_key(pool: Pool) {
        crate::db::facts::tests::two_documents(&pool).await;
        let page = crate::db::facts::by_entities(&pool, &["country:IN".to_owned(), "country:CN".to_owned()], 10)
            .await
            .unwrap();
        let ids: Vec<i64> = page.iter().map(|r| r.sentence_id).collect();
        let text_of = |id: i64| page.iter().find(|r| r.sentence_id == id).map(|r| r.text.as_str()).unwrap();
        let mentions = mentions_of(&pool, &ids).await.unwrap();
        let got: Vec<(&str, &str)> = mentions.iter().map(|m| (text_of(m.sentence_id), m.entity_key.as_str())).collect();
        let expected = [
            ("India and China met.", "country:CN"),
            ("India and China met.", "country:IN"),
            ("India traded.", "country:IN"),
            ("China grew.", "country:CN"),
            ("India and China signed.", "country:CN"),
            ("India and China signed.", "country:IN"),
        ];
        assert_eq!(got, expected);
        assert!(mentions.iter().all(|m| !m.inferred), "named outright, not inferred");
        assert!(mentions_of(&pool, &[]).await.unwrap().is_empty());
        let (together, figures) = mentions_and_figures(&pool, &ids, &ids[..1]).await.unwrap();
        assert_eq!(together, mentions, "the same mentions read alongside figures");
        assert_eq!(figures, figures_of(&pool, &ids[..1]).await.unwrap());
    }

    #[sqlx::test]
    async fn figures_come_in_sentence_order_then_in_the_order_found(pool: Pool) {
        let figure = |text: &str, value: f64| Figure {
            kind: FigureKind::Count,
            value,
            unit: "countries".into(),
            text: text.into(),
            start: 0,
            end: 0,
        };
        let mut first = sentence(0, "Nine countries, then ten countries.", &["country:IN"], &[]);
        first.figures = vec![figure("Nine countries", 9.0), figure("ten countries", 10.0)];
        let mut second = sentence(1, "Two countries.", &["country:IN"], &[]);
        second.figures = vec![figure("Two countries", 2.0)];
        replace(&pool, &doc("f.txt", "f"), &parsed(vec![first, second])).await.unwrap();
        let ids: Vec<i64> = crate::db::facts::by_entities(&pool, &["country:IN".into()], 5)
            .await
            .unwrap()
            .iter()
            .map(|r| r.sentence_id)
            .collect();
        let (mentions, figures) = mentions_and_figures(&pool, &ids[..1], &ids).await.unwrap();
        let found: Vec<(i64, &str, f64)> = figures.iter().map(|f| (f.sentence_id, f.text.as_str(), f.value)).collect();
        assert_eq!(
            found,
            [(ids[0], "Nine countries", 9.0), (ids[0], "ten countries", 10.0), (ids[1], "Two countries", 2.0)]
        );
        assert_eq!(figures, figures_of(&pool, &ids).await.unwrap());
        assert_eq!(mentions.len(), 1, "mentions only of the sentences asked for");
    }
}
