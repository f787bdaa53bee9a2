//! `/topic NAME`: facts classified under a topic of the lexicon (trade, energy, transport…).

use super::{
    AnswerError, Dossier,
    card::{self, MAX_CARD_FACTS, Sources},
};
use crate::{
    db,
    reply::{Reply, Span, bold, code, text},
};

pub async fn answer(dossier: &Dossier, name: &str) -> Result<Reply, AnswerError> {
    let lexicon = &dossier.knowledge.topics;
    let Some(key) = lexicon.resolve(name) else {
        return Ok(unknown_topic(dossier, name).await?);
    };
    let topic = lexicon.topics().iter().find(|t| t.key == key);
    let title = topic.map_or(key.clone(), |t| t.name.clone());
    let rows = db::facts::by_topic(&dossier.pool, &key).await?;
    if rows.is_empty() {
        return Ok(Reply::default().line(vec![text("📭 The documents say nothing on "), bold(title), text(" yet.")]));
    }
    let facts = card::with_figures(&dossier.pool, rows).await?;
    let mut reply =
        Reply::default().line(vec![text("🗂 "), bold(&title), text(format!(" — {}", card::count_facts(facts.len())))]);
    reply.push_blank();
    let mut sources = Sources::default();
    for fact in facts.iter().take(MAX_CARD_FACTS) {
        card::push_fact(&mut reply, fact, &mut sources);
    }
    if facts.len() > MAX_CARD_FACTS {
        reply.push_line(vec![text(format!("…and {} more.", facts.len() - MAX_CARD_FACTS))]);
    }
    Ok(card::finish(reply, &sources))
}

/// An unknown topic: say so and list the topics that have facts.
async fn unknown_topic(dossier: &Dossier, name: &str) -> anyhow::Result<Reply> {
    let mut reply = Reply::default().line(vec![text("🔍 "), bold(name), text(" is not a topic I know.")]);
    let counts = db::facts::topic_counts(&dossier.pool).await?;
    if !counts.is_empty() {
        let mut spans: Vec<Span> = vec![text("Topics: ")];
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
