//! What a chat can subscribe to: a topic of the lexicon ("topic:energy") or any entity ("country:IN").

use crate::{
    facts::{Knowledge, Resolution},
    i18n::{Lang, arg},
    reply::{Reply, code, text},
};

/// Prefix of topic subjects.
pub const TOPIC_PREFIX: &str = "topic:";

/// A subscribable subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub key: String,
    pub name: String,
}

/// Resolves what a user typed into a subject (named in `lang`), or explains in `lang` why it is not one.
// The `Err` is the reply itself, returned one level up to the user: boxing it would buy nothing.
#[allow(clippy::result_large_err)]
pub fn resolve(knowledge: &Knowledge, typed: &str, command: &str, lang: Lang) -> Result<Subject, Reply> {
    if let Some(topic) = knowledge.topics.resolve(typed) {
        let key = format!("{TOPIC_PREFIX}{topic}");
        return Ok(Subject { name: display_name(knowledge, &key, lang), key });
    }
    let gazetteer = &knowledge.gazetteer;
    let name = |key: &String| gazetteer.get(key).map(|e| lang.pick(&e.name, e.name_ru.as_deref()).to_owned());
    match gazetteer.resolve(typed, None) {
        Resolution::Found(key) => Ok(Subject { name: display_name(knowledge, &key, lang), key }),
        Resolution::DidYouMean(keys) | Resolution::Unknown { closest: keys } => {
            let mut reply = Reply::default().line(lang.spans("subject-unknown", &[arg("name", typed)]));
            let suggestions: Vec<String> = keys.iter().filter_map(name).collect();
            if !suggestions.is_empty() {
                let mut spans = vec![text(lang.t("subject-did-you-mean"))];
                for (i, s) in suggestions.iter().enumerate() {
                    if i > 0 {
                        spans.push(text(", "));
                    }
                    spans.push(code(format!("/{command} {s}")));
                }
                spans.push(text("?"));
                reply.push_line(spans);
            }
            reply.push_line(vec![text(lang.t("subject-pick"))]);
            Err(reply)
        }
    }
}

/// How a subject is shown in `lang`: the topic's or entity's name (the Russian one when there is one).
pub fn display_name(knowledge: &Knowledge, key: &str, lang: Lang) -> String {
    if let Some(topic) = key.strip_prefix(TOPIC_PREFIX) {
        return knowledge
            .topics
            .topics()
            .iter()
            .find(|t| t.key == topic)
            .map_or_else(|| topic.to_owned(), |t| lang.pick(&t.name, Some(&t.name_ru)).to_owned());
    }
    knowledge.gazetteer.get(key).map_or_else(
        || key.split_once(':').map_or(key, |(_, rest)| rest).to_owned(),
        |e| lang.pick(&e.name, e.name_ru.as_deref()).to_owned(),
    )
}

/// True when a subscribed entity is in no document any more (a discovery whose document changed): the
/// subscription is kept, and `/subscriptions` says so.
pub fn is_gone(knowledge: &Knowledge, key: &str) -> bool {
    !key.starts_with(TOPIC_PREFIX) && knowledge.gazetteer.get(key).is_none()
}
