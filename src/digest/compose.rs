//! Composing a digest: the newest unseen facts, grouped by subject, at most N, with a count of the rest.

use crate::{
    answer::{
        card::{self, Sources},
        links,
    },
    db::{self, outbox::UnseenFact},
    facts::Knowledge,
    i18n::{Lang, arg},
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

/// Composes a digest of at most `max_facts` from `unseen` (newest documents first) in `lang`, or `None`
/// when there is nothing new. The quoted facts stay in their documents' language.
pub async fn compose(
    pool: &db::Pool,
    knowledge: &Knowledge,
    unseen: Vec<UnseenFact>,
    max_facts: usize,
    lang: Lang,
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

    let mut reply = Reply::default().line(lang.spans("digest-title", &[arg("count", facts.len())]));
    let mut sources = Sources::default();
    for subject in &subjects {
        reply.push_blank();
        let payload = match subject.strip_prefix(subjects::TOPIC_PREFIX) {
            Some(topic) => links::payload_for_topic(topic),
            None => links::payload_for_entity(subject),
        };
        reply.push_line(vec![
            bold(subjects::display_name(knowledge, subject, lang)),
            text(" · "),
            Span::DeepLink { text: lang.t("digest-full-card"), payload },
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
        let facts = card::count_facts(remaining, lang);
        reply.push_line(vec![text(lang.tr("digest-more", &[arg("facts", facts)]))]);
    }
    Ok(Some(Digest { reply: card::finish(reply, &sources, lang), fact_keys, remaining }))
}
