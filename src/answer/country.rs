//! `/country NAME`: a country's fact card, grouped into figures, visits, agreements, projects and relations.

use super::{
    AnswerError, Dossier, buttons,
    card::{self, Fact, MAX_CARD_FACTS, Sources},
    names,
};
use crate::{
    db,
    facts::{Entity, EntityKind},
    i18n::{Lang, arg},
    reply::{Reply, bold, code, text},
};

/// The headings of a country card, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Figures,
    Visits,
    Agreements,
    Projects,
    Relations,
}

impl Group {
    fn heading(self, lang: Lang) -> String {
        lang.t(match self {
            Group::Figures => "group-figures",
            Group::Visits => "group-visits",
            Group::Agreements => "group-agreements",
            Group::Projects => "group-projects",
            Group::Relations => "group-relations",
        })
    }

    /// The group a fact belongs under: the first that fits (cue words in `data/cards.toml`).
    pub fn of(fact: &Fact) -> Group {
        let lower = fact.row.text.to_lowercase();
        let headings = super::headings::bundled();
        // Visits and agreements are the more specific headings, so they win over a figure in passing.
        if headings.is_visit(&lower) {
            Group::Visits
        } else if headings.is_agreement(&lower) {
            Group::Agreements
        } else if fact.figures.iter().any(|f| matches!(f.kind.as_str(), "money" | "percent" | "count" | "quantity")) {
            Group::Figures
        } else if headings.is_project(&lower) {
            Group::Projects
        } else {
            Group::Relations
        }
    }
}

pub async fn answer(dossier: &Dossier, name: &str) -> Result<Reply, AnswerError> {
    match names::resolve(dossier, name, &[EntityKind::Country], "country") {
        Ok(entity) => card(dossier, entity).await,
        Err(reply) => Ok(reply),
    }
}

/// The fact card of a country.
pub async fn card(dossier: &Dossier, entity: &Entity) -> Result<Reply, AnswerError> {
    let keys = std::slice::from_ref(&entity.key);
    let rows = db::facts::by_entities(&dossier.pool, keys, MAX_CARD_FACTS as i64).await?;
    if rows.is_empty() {
        return Ok(names::not_mentioned(dossier, entity));
    }
    let facts = card::with_figures(&dossier.pool, rows).await?;
    let total = usize::try_from(db::facts::count_by_entities(&dossier.pool, keys).await?).unwrap_or_default();
    let alpha2 = entity.key.strip_prefix("country:").unwrap_or_default();
    let mut reply = Reply::default().line(vec![
        text(format!("{} ", card::flag(alpha2))),
        bold(dossier.name_of(entity)),
        text(format!(" — {}", card::count_facts(total, dossier.lang))),
    ]);
    // Events this country hosted, discovered or curated: "🏛 OTS Summit in Bishkek · 2024-11-06".
    let hosted = dossier
        .knowledge
        .gazetteer
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Event && e.country.as_deref() == Some(entity.key.as_str()));
    for event in hosted {
        let mut line = vec![text("🏛 "), bold(dossier.name_of(event))];
        if let Some(date) = event.date.as_deref() {
            line.push(text(format!(" · {date}")));
        }
        reply.push_line(line);
    }
    let mut grouped: Vec<(Group, &Fact)> = facts.iter().map(|f| (Group::of(f), f)).collect();
    grouped.sort_by_key(|(group, _)| *group);
    let mut sources = Sources::default();
    let mut current = None;
    for (group, fact) in grouped {
        if current != Some(group) {
            reply.push_blank();
            reply.push_line(vec![bold(group.heading(dossier.lang))]);
            current = Some(group);
        }
        card::push_fact(&mut reply, fact, &mut sources);
    }
    if total > facts.len() {
        reply.push_line(vec![
            text(dossier.lang.tr("card-more", &[arg("count", total - facts.len())])),
            code(format!("/search {}", entity.name)),
        ]);
    }
    let shown: Vec<i64> = facts.iter().map(|f| f.row.sentence_id).collect();
    reply.keyboard = buttons::for_card(dossier, entity, &shown).await?;
    Ok(card::finish(reply, &sources, dossier.lang))
}
