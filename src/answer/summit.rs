//! `/summit NAME`: an event or organisation, with where it met, who took part and what was agreed.

use super::{
    AnswerError, Dossier, buttons,
    card::{self, MAX_CARD_FACTS, Sources},
    names,
};
use crate::{
    db,
    facts::{Entity, EntityKind, counts_participants},
    reply::{Reply, Span, bold, code, text},
};

/// `/summit NAME` reaches every entity of the fact base: an event or organisation first, then a project or
/// person (its own card), then a country (its country card).
pub async fn answer(dossier: &Dossier, name: &str) -> Result<Reply, AnswerError> {
    let gatherings = [EntityKind::Event, EntityKind::Organisation];
    let entity = match names::resolve(dossier, name, &gatherings, "summit") {
        Ok(entity) => entity,
        Err(reply) => match names::resolve(dossier, name, &EntityKind::ALL, "summit") {
            Ok(entity) => entity,
            Err(_) => return Ok(reply),
        },
    };
    match entity.kind {
        EntityKind::Country => super::country::card(dossier, entity).await,
        _ => card(dossier, entity).await,
    }
}

/// The card of an event or organisation (and of projects and people, which read the same way).
pub async fn card(dossier: &Dossier, entity: &Entity) -> Result<Reply, AnswerError> {
    let gazetteer = &dossier.knowledge.gazetteer;
    // An organisation's card includes its events; an event's card is its own.
    let events: Vec<&Entity> = gazetteer
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Event && e.parent.as_deref() == Some(entity.key.as_str()))
        .collect();
    let mut keys = vec![entity.key.clone()];
    keys.extend(events.iter().map(|e| e.key.clone()));
    let rows = db::facts::by_entities(&dossier.pool, &keys, MAX_CARD_FACTS as i64).await?;
    if rows.is_empty() {
        return Ok(names::not_mentioned(dossier, entity));
    }
    let facts = card::with_figures(&dossier.pool, rows).await?;
    let total = usize::try_from(db::facts::count_by_entities(&dossier.pool, &keys).await?).unwrap_or_default();

    let mut reply = Reply::default().line(vec![
        text("🏛 "),
        bold(dossier.name_of(entity)),
        text(format!(" — {}", card::count_facts(total, dossier.lang))),
    ]);
    let mut highlights: Vec<Span> = Vec::new();
    // A place only when a quoted sentence gives it; a date only as discovered in a sentence.
    for e in std::iter::once(entity).chain(events.iter().copied()) {
        if let Some(place) = e.place.as_deref().filter(|p| facts.iter().any(|f| f.row.text.contains(p))) {
            highlights.push(text(format!("📍 {place}")));
        }
        if let Some(date) = e.date.as_deref() {
            highlights.push(text(format!("📅 {date}")));
        }
    }
    // Participants only: "36 countries took part", not "50 years of diplomatic relations".
    for fact in &facts {
        let participants =
            fact.figures.iter().filter(|f| f.kind == "count" && counts_participants(&f.unit, &fact.row.text));
        for figure in participants {
            highlights.push(text(format!("👥 {}", figure.text)));
        }
    }
    if !highlights.is_empty() {
        let mut line = Vec::new();
        for (i, span) in highlights.into_iter().enumerate() {
            if i > 0 {
                line.push(text(" · "));
            }
            line.push(span);
        }
        reply.push_line(line);
    }
    reply.push_blank();
    let mut sources = Sources::default();
    for fact in &facts {
        card::push_fact(&mut reply, fact, &mut sources);
    }
    if total > facts.len() {
        reply.push_line(vec![
            text(dossier.lang.tr("card-more", &[crate::i18n::arg("count", total - facts.len())])),
            code(format!("/search {}", entity.name)),
        ]);
    }
    let shown: Vec<i64> = facts.iter().map(|f| f.row.sentence_id).collect();
    reply.keyboard = buttons::for_card(dossier, entity, &shown).await?;
    Ok(card::finish(reply, &sources, dossier.lang))
}
