//! Turning a typed name into an entity: aliases, typos ("did you mean…?") and unknown names.

use crate::{
    facts::{Entity, EntityKind, Resolution},
    reply::{Reply, bold, code, text},
};

use super::Dossier;

/// The entity a name stands for, or the reply that explains why there is none.
pub fn resolve<'a>(
    dossier: &'a Dossier,
    query: &str,
    kinds: &[EntityKind],
    command: &str,
) -> Result<&'a Entity, Reply> {
    let gazetteer = &dossier.knowledge.gazetteer;
    let names = |keys: &[String]| -> Vec<String> {
        keys.iter().filter_map(|k| gazetteer.get(k)).map(|e| e.name.clone()).collect()
    };
    match gazetteer.resolve(query, Some(kinds)) {
        Resolution::Found(key) => gazetteer.get(&key).ok_or_else(|| unknown(query, &[], command)),
        Resolution::DidYouMean(keys) => Err(did_you_mean(query, &names(&keys), command)),
        Resolution::Unknown { closest } => Err(unknown(query, &names(&closest), command)),
    }
}

fn did_you_mean(query: &str, names: &[String], command: &str) -> Reply {
    let mut spans = vec![text("🤔 "), bold(query), text(" is not in the documents. Did you mean ")];
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            spans.push(text(if i + 1 == names.len() { " or " } else { ", " }));
        }
        spans.push(code(format!("/{command} {name}")));
    }
    spans.push(text("?"));
    Reply::default().line(spans)
}

fn unknown(query: &str, closest: &[String], command: &str) -> Reply {
    let mut reply = Reply::default().line(vec![text("🔍 "), bold(query), text(" is not in the documents.")]);
    if !closest.is_empty() {
        let mut spans = vec![text("Closest names: ")];
        for (i, name) in closest.iter().enumerate() {
            if i > 0 {
                spans.push(text(", "));
            }
            spans.push(code(format!("/{command} {name}")));
        }
        reply.push_line(spans);
    }
    reply
}

/// The reply for an entity the documents never mention.
pub fn not_mentioned(entity: &Entity) -> Reply {
    Reply::default().line(vec![text("📭 The documents say nothing about "), bold(&entity.name), text(" yet.")])
}
