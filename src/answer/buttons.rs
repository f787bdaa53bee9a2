//! The buttons under a fact card: related entities, subscribe, quiz, and the source paragraph.

use std::collections::HashMap;

use crate::{
    db::{self, facts::MentionRow},
    facts::Entity,
    i18n::arg,
    reply::{Action, Button},
};

use super::Dossier;

/// Callback prefixes the Telegram adapter routes.
pub const CARD: &str = "card:";
pub const FOLLOW: &str = "follow:";
pub const QUIZ: &str = "quiz:";
pub const SOURCE: &str = "src:";

/// Most related entities offered.
const RELATED: usize = 3;

fn callback(text: String, data: String) -> Option<Button> {
    (data.len() <= 64).then_some(Button { text, action: Action::Callback(data) })
}

/// Rows of buttons for `entity`'s card built from the facts `sentence_ids`.
pub async fn for_card(dossier: &Dossier, entity: &Entity, sentence_ids: &[i64]) -> anyhow::Result<Vec<Vec<Button>>> {
    let mentions = db::facts::mentions_of(&dossier.pool, sentence_ids).await?;
    let mut rows = Vec::new();
    let related: Vec<Button> = related(dossier, entity, &mentions)
        .into_iter()
        .filter_map(|other| callback(format!("→ {}", dossier.name_of(other)), format!("{CARD}{}", other.key)))
        .collect();
    if !related.is_empty() {
        rows.push(related);
    }
    let name = dossier.name_of(entity);
    let actions: Vec<Button> = [
        callback(dossier.lang.tr("button-subscribe", &[arg("name", name)]), format!("{FOLLOW}{}", entity.key)),
        callback(dossier.lang.tr("button-quiz", &[arg("name", name)]), format!("{QUIZ}{}", entity.key)),
    ]
    .into_iter()
    .flatten()
    .collect();
    rows.push(actions);
    if let Some(first) = sentence_ids.first() {
        rows.extend(callback(dossier.lang.t("button-source"), format!("{SOURCE}{first}")).map(|b| vec![b]));
    }
    Ok(rows)
}

/// Entities named alongside this one most often, then the gazetteer's own links. Russia is left out of
/// co-mentions: almost every sentence of a Russian foreign-policy document names it.
fn related<'a>(dossier: &'a Dossier, entity: &Entity, mentions: &[MentionRow]) -> Vec<&'a Entity> {
    let gazetteer = &dossier.knowledge.gazetteer;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in mentions.iter().filter(|m| m.entity_key != entity.key && m.entity_key != "country:RU") {
        *counts.entry(m.entity_key.as_str()).or_default() += 1;
    }
    let mut keys: Vec<(&str, usize)> = counts.into_iter().collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out: Vec<&Entity> = Vec::new();
    let candidates = keys.iter().map(|(k, _)| *k).chain(entity.related.iter().map(String::as_str));
    for key in candidates {
        if out.len() == RELATED {
            break;
        }
        if let Some(other) = gazetteer.get(key).filter(|e| e.key != entity.key && !out.iter().any(|o| o.key == e.key)) {
            out.push(other);
        }
    }
    out
}
