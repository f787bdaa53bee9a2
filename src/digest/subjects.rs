//! What a chat can subscribe to: a topic of the lexicon ("topic:energy") or any entity ("country:IN").

use crate::{
    facts::{Knowledge, Resolution},
    reply::{Reply, bold, code, text},
};

/// Prefix of topic subjects.
pub const TOPIC_PREFIX: &str = "topic:";

/// A subscribable subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub key: String,
    pub name: String,
}

/// Resolves what a user typed into a subject, or explains why it is not one.
pub fn resolve(knowledge: &Knowledge, typed: &str, command: &str) -> Result<Subject, Reply> {
    if let Some(topic) = knowledge.topics.resolve(typed) {
        let key = format!("{TOPIC_PREFIX}{topic}");
        return Ok(Subject { name: display_name(knowledge, &key), key });
    }
    let gazetteer = &knowledge.gazetteer;
    let name = |key: &String| gazetteer.get(key).map(|e| e.name.clone());
    match gazetteer.resolve(typed, None) {
        Resolution::Found(key) => Ok(Subject { name: display_name(knowledge, &key), key }),
        Resolution::DidYouMean(keys) | Resolution::Unknown { closest: keys } => {
            let mut reply = Reply::default().line(vec![
                text("🔍 "),
                bold(typed),
                text(" is neither a topic nor a name in the documents."),
            ]);
            let suggestions: Vec<String> = keys.iter().filter_map(name).collect();
            if !suggestions.is_empty() {
                let mut spans = vec![text("Did you mean ")];
                for (i, s) in suggestions.iter().enumerate() {
                    if i > 0 {
                        spans.push(text(", "));
                    }
                    spans.push(code(format!("/{command} {s}")));
                }
                spans.push(text("?"));
                reply.push_line(spans);
            }
            reply.push_line(vec![text("Send /subscribe alone to pick from a list of topics.")]);
            Err(reply)
        }
    }
}

/// How a subject is shown: the topic's or entity's name.
pub fn display_name(knowledge: &Knowledge, key: &str) -> String {
    if let Some(topic) = key.strip_prefix(TOPIC_PREFIX) {
        return knowledge
            .topics
            .topics()
            .iter()
            .find(|t| t.key == topic)
            .map_or_else(|| topic.to_owned(), |t| t.name.clone());
    }
    knowledge.gazetteer.get(key).map_or_else(|| key.to_owned(), |e| e.name.clone())
}
