//! Simple coreference: sentences that continue the previous one inherit its mentions, marked as inferred.

use super::gazetteer::Gazetteer;
use super::model::{EntityKind, Mention, ParsedSentence};

/// Sentence openers that refer back to the previous sentence (lowercase, whole words).
const OPENERS: &[&str] = &[
    "it",
    "its",
    "this",
    "these",
    "they",
    "their",
    "the summit",
    "the forum",
    "the agreement",
    "the agreements",
    "the two countries",
    "the two sides",
    "both countries",
    "both sides",
    "the sides",
    "the parties",
    "the project",
    "the meeting",
    "the visit",
    "the talks",
    "the organisation",
    "the organization",
    "the bloc",
    "the alliance",
    "the corridor",
    "the conference",
    "the event",
    "the document",
    "the declaration",
    "the leaders",
    "он",
    "она",
    "оно",
    "они",
    "это",
    "этот",
    "эта",
    "эти",
    "саммит",
    "форум",
    "стороны",
    "обе страны",
    "проект",
    "соглашение",
];

/// True when `text` starts with one of [`OPENERS`] followed by a non-letter.
pub fn starts_with_anaphor(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(24).flat_map(char::to_lowercase).collect();
    OPENERS
        .iter()
        .any(|o| head.strip_prefix(o).is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric)))
}

/// Copies mentions forward:
/// - a sentence opening with an anaphor ("The summit", "It", "These") inherits all the previous
///   sentence's mentions;
/// - a sentence without mentions of its own inherits them when in the same paragraph;
/// - a sentence in the same paragraph that names no event, project or organisation inherits the
///   previous sentence's events and projects (the frame it continues).
///
/// Inherited mentions have `inferred: true` and `start == end == 0`.
pub fn resolve_coreference(sentences: &mut [ParsedSentence], gazetteer: &Gazetteer) {
    let framing =
        |key: &str| gazetteer.get(key).is_some_and(|e| matches!(e.kind, EntityKind::Event | EntityKind::Project));
    let naming = |key: &str| {
        gazetteer
            .get(key)
            .is_some_and(|e| matches!(e.kind, EntityKind::Event | EntityKind::Project | EntityKind::Organisation))
    };
    for i in 1..sentences.len() {
        let (done, rest) = sentences.split_at_mut(i);
        let (Some(prev), Some(cur)) = (done.last(), rest.first_mut()) else { continue };
        let same_paragraph = prev.paragraph == cur.paragraph;
        let inherit_all = starts_with_anaphor(&cur.text) || (same_paragraph && cur.mentions.is_empty());
        let inherit_frame = same_paragraph && !cur.mentions.iter().any(|m| naming(&m.entity_key));
        let inherited: Vec<Mention> = prev
            .mentions
            .iter()
            .filter(|m| inherit_all || (inherit_frame && framing(&m.entity_key)))
            .filter(|m| !cur.mentions.iter().any(|c| c.entity_key == m.entity_key))
            .map(|m| Mention { entity_key: m.entity_key.clone(), start: 0, end: 0, inferred: true })
            .collect();
        cur.mentions.extend(inherited);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anaphoric_openers_are_recognised_as_whole_words() {
        assert!(starts_with_anaphor("The summit agreed on steps."));
        assert!(starts_with_anaphor("It was held in Kazan."));
        assert!(starts_with_anaphor("Они подписали соглашение."));
        assert!(!starts_with_anaphor("Italy joined."));
        assert!(!starts_with_anaphor("Thesis defended."));
    }
}
