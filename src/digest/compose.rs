//! Composing a digest: the newest unseen facts, grouped by subject, at most N, with a count of the rest.

use crate::{
    answer::{
        card::{self, Sources},
        links,
    },
    db::{self, outbox::UnseenFact},
    facts::Knowledge,
    reply::{Reply, Span, bold, text},
};

use super::subjects;

/// A composed digest and the facts it delivers.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    pub reply: Reply,
    pub fact_keys: Vec<String>,
    /// Unseen facts left for next time.
    pub remaining: usize,
}

/// Composes a digest of at most `max_facts` from `unseen` (newest documents first), or `None` when
/// there is nothing new.
pub async fn compose(
    pool: &db::Pool,
    knowledge: &Knowledge,
    unseen: Vec<UnseenFact>,
    max_facts: usize,
) -> anyhow::Result<Option<Digest>> {
    // One entry per fact, under the first subject it matched.
    let mut picked: Vec<UnseenFact> = Vec::new();
    let mut total = 0;
    for fact in unseen {
        if picked.iter().any(|p| p.fact.fact_key == fact.fact.fact_key) {
            continue;
        }
        total += 1;
        if picked.len() < max_facts {
            picked.push(fact);
        }
    }
    if picked.is_empty() {
        return Ok(None);
    }
    let fact_keys: Vec<String> = picked.iter().map(|p| p.fact.fact_key.clone()).collect();
    let mut subjects: Vec<String> = Vec::new();
    for p in &picked {
        if !subjects.contains(&p.subject) {
            subjects.push(p.subject.clone());
        }
    }
    let facts = card::with_figures(pool, picked.iter().map(|p| p.fact.clone()).collect()).await?;

    let mut reply = Reply::default().line(vec![
        text("📰 "),
        bold("Your digest"),
        text(if facts.len() == 1 { " — 1 new fact".to_owned() } else { format!(" — {} new facts", facts.len()) }),
    ]);
    let mut sources = Sources::default();
    for subject in &subjects {
        reply.push_blank();
        let payload = match subject.strip_prefix(subjects::TOPIC_PREFIX) {
            Some(topic) => links::payload_for_topic(topic),
            None => links::payload_for_entity(subject),
        };
        reply.push_line(vec![
            bold(subjects::display_name(knowledge, subject)),
            text(" · "),
            Span::DeepLink { text: "full card →".into(), payload },
        ]);
        for (p, fact) in picked.iter().zip(&facts) {
            if &p.subject == subject {
                card::push_fact(&mut reply, fact, &mut sources);
            }
        }
    }
    let remaining = total - picked.len();
    if remaining > 0 {
        reply.push_blank();
        reply.push_line(vec![text(format!(
            "➕ {} more next time (or send /digest).",
            card::count_facts(remaining, crate::i18n::Lang::En)
        ))]);
    }
    Ok(Some(Digest { reply: card::finish(reply, &sources, crate::i18n::Lang::En), fact_keys, remaining }))
}
