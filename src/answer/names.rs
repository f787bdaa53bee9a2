//! Turning a typed name into an entity: aliases, typos ("did you mean…?") and unknown names.

use crate::{
    facts::{Entity, EntityKind, Resolution},
    i18n::arg,
    reply::{Reply, code, text},
};

use super::Dossier;

/// The entity a name stands for, or the reply that explains why there is none.
// The `Err` is the reply itself, returned one level up to the user: boxing it would buy nothing.
#[allow(clippy::result_large_err)]
pub fn resolve<'a>(
    dossier: &'a Dossier,
    query: &str,
    kinds: &[EntityKind],
    command: &str,
) -> Result<&'a Entity, Reply> {
    let gazetteer = &dossier.knowledge.gazetteer;
    let names = |keys: &[String]| -> Vec<String> {
        keys.iter().filter_map(|k| gazetteer.get(k)).map(|e| dossier.name_of(e).to_owned()).collect()
    };
    match gazetteer.resolve(query, Some(kinds)) {
        Resolution::Found(key) => gazetteer.get(&key).ok_or_else(|| unknown(dossier, query, &[], command)),
        Resolution::DidYouMean(keys) => Err(did_you_mean(dossier, query, &names(&keys), command)),
        Resolution::Unknown { closest } => Err(unknown(dossier, query, &names(&closest), command)),
    }
}

fn did_you_mean(dossier: &Dossier, query: &str, names: &[String], command: &str) -> Reply {
    let lang = dossier.lang;
    let mut spans = lang.spans("names-did-you-mean", &[arg("query", query)]);
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            spans.push(if i + 1 == names.len() { text(lang.t("names-or")) } else { text(", ") });
        }
        spans.push(code(format!("/{command} {name}")));
    }
    spans.push(text("?"));
    Reply::default().line(spans)
}

fn unknown(dossier: &Dossier, query: &str, closest: &[String], command: &str) -> Reply {
    let lang = dossier.lang;
    let mut reply = Reply::default().line(lang.spans("names-unknown", &[arg("query", query)]));
    if !closest.is_empty() {
        let mut spans = lang.spans("names-closest", &[]);
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
pub fn not_mentioned(dossier: &Dossier, entity: &Entity) -> Reply {
    Reply::default().line(dossier.lang.spans("names-not-mentioned", &[arg("name", dossier.name_of(entity))]))
}
