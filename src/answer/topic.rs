//! `/topic NAME`: facts classified under a topic of the lexicon (trade, energy, transport…).

use super::{
    AnswerError, Dossier,
    card::{self, MAX_CARD_FACTS, Sources},
};
use crate::{
    db,
    i18n::arg,
    reply::{Reply, Span, bold, code, text},
};

pub async fn answer(dossier: &Dossier, name: &str) -> Result<Reply, AnswerError> {
    let lexicon = &dossier.knowledge.topics;
    let Some(key) = lexicon.resolve(name) else {
        return Ok(unknown_topic(dossier, name).await?);
    };
    let topic = lexicon.topics().iter().find(|t| t.key == key);
    let title = topic.map_or(key.clone(), |t| dossier.lang.pick(&t.name, Some(&t.name_ru)).to_owned());
    let rows = db::facts::by_topic(&dossier.pool, &key, MAX_CARD_FACTS as i64).await?;
    if rows.is_empty() {
        return Ok(Reply::default().line(dossier.lang.spans("topic-nothing", &[arg("name", title)])));
    }
    let facts = card::with_figures(&dossier.pool, rows).await?;
    let total = usize::try_from(db::facts::count_by_topic(&dossier.pool, &key).await?).unwrap_or_default();
    let mut reply = Reply::default().line(vec![
        text("🗂 "),
        bold(&title),
        text(format!(" — {}", card::count_facts(total, dossier.lang))),
    ]);
    reply.push_blank();
    let mut sources = Sources::default();
    for fact in &facts {
        card::push_fact(&mut reply, fact, &mut sources);
    }
    if total > facts.len() {
        reply.push_line(dossier.lang.spans("card-more-end", &[arg("count", total - facts.len())]));
    }
    Ok(card::finish(reply, &sources, dossier.lang))
}

/// An unknown topic: say so and list the topics that have facts.
async fn unknown_topic(dossier: &Dossier, name: &str) -> anyhow::Result<Reply> {
    let mut reply = Reply::default().line(dossier.lang.spans("topic-unknown", &[arg("name", name)]));
    let counts = db::facts::topic_counts(&dossier.pool).await?;
    if !counts.is_empty() {
        let mut spans: Vec<Span> = dossier.lang.spans("topic-list", &[]);
        for (i, (key, _)) in counts.iter().enumerate() {
            if i > 0 {
                spans.push(text(", "));
            }
            spans.push(code(format!("/topic {key}")));
        }
        reply.push_line(spans);
    }
    Ok(reply)
}
