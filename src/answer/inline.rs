//! Inline mode (`@bot India` in any chat): a card for the best-matching name and the top matching
//! sentences, a page at a time.

use super::{
    AnswerError, Dossier,
    card::{self, Sources},
};
use crate::{
    db::{self, facts::FactRow},
    facts::Resolution,
    reply::Reply,
};

/// Results per page (Telegram allows up to 50; small pages answer faster).
pub const PAGE: usize = 10;
/// Sentences considered for one query.
const MAX_SENTENCES: usize = 40;

/// One inline result: shown as `title`/`description`, sent as `reply` when chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineItem {
    pub id: String,
    pub title: String,
    pub description: String,
    pub reply: Reply,
}

enum Candidate {
    Entity(String),
    Sentence(Box<FactRow>),
}

/// The page of results at `offset`, and the offset of the next page if there is one.
pub async fn results(
    dossier: &Dossier,
    query: &str,
    offset: usize,
) -> Result<(Vec<InlineItem>, Option<usize>), AnswerError> {
    let query: String = query.chars().take(super::MAX_ARGUMENT_CHARS).collect();
    let query = query.trim();
    let dossier = &dossier.current().await?;
    let gazetteer = &dossier.knowledge.gazetteer;
    let mut candidates = Vec::new();
    if query.is_empty() {
        for (key, _) in db::facts::entity_counts(&dossier.pool).await?.into_iter().take(20) {
            candidates.push(Candidate::Entity(key));
        }
    } else {
        match gazetteer.resolve(query, None) {
            Resolution::Found(key) => candidates.push(Candidate::Entity(key)),
            Resolution::DidYouMean(keys) => candidates.extend(keys.into_iter().take(1).map(Candidate::Entity)),
            Resolution::Unknown { .. } => {}
        }
        for row in super::question::best_matches(dossier, query, MAX_SENTENCES).await? {
            candidates.push(Candidate::Sentence(Box::new(row)));
        }
    }
    let next = (candidates.len() > offset + PAGE).then_some(offset + PAGE);
    let mut items = Vec::new();
    for candidate in candidates.into_iter().skip(offset).take(PAGE) {
        match candidate {
            Candidate::Entity(key) => {
                let Some(entity) = gazetteer.get(&key) else { continue };
                let mut reply = dossier.answer(&super::Request::Entity(key.clone())).await?;
                reply.keyboard.clear();
                items.push(InlineItem {
                    id: format!("e:{key}"),
                    title: dossier.name_of(entity).to_owned(),
                    description: dossier.lang.t("inline-card"),
                    reply,
                });
            }
            Candidate::Sentence(row) => items.push(sentence_item(dossier, *row).await?),
        }
    }
    Ok((items, next))
}

async fn sentence_item(dossier: &Dossier, row: FactRow) -> anyhow::Result<InlineItem> {
    let title: String = row.text.chars().take(60).collect();
    let title = if row.text.chars().count() > 60 { format!("{title}…") } else { title };
    let description = format!("{} ({})", row.doc_title, row.doc_published);
    let id = format!("s:{}", row.sentence_id);
    let facts = card::with_figures(&dossier.pool, vec![row]).await?;
    let mut reply = Reply::default().line(dossier.lang.spans("inline-found", &[]));
    let mut sources = Sources::default();
    for fact in &facts {
        card::push_fact(&mut reply, fact, &mut sources);
    }
    Ok(InlineItem { id, title, description, reply: card::finish(reply, &sources, dossier.lang) })
}
