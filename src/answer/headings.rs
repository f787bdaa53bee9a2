//! The cue words of card headings (`data/cards.toml`): which sentence goes under "✈️ Visits",
//! "🤝 Agreements" or "🚧 Projects", matched at the start of a word.

use std::sync::LazyLock;

use serde::Deserialize;

const CARDS: &str = include_str!("../../data/cards.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cues {
    cues: Vec<String>,
}

/// The cues of each heading.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    visits: Cues,
    agreements: Cues,
    projects: Cues,
}

static HEADINGS: LazyLock<Headings> = LazyLock::new(|| {
    toml::from_str(CARDS).unwrap_or_else(|e| {
        log::error!("data/cards.toml is not valid: {e}");
        Headings::default()
    })
});

/// The bundled headings.
pub fn bundled() -> &'static Headings {
    &HEADINGS
}

/// Whether `cue` starts a word of `lower` (a lowercase sentence).
fn starts_a_word(lower: &str, cue: &str) -> bool {
    lower.match_indices(cue).any(|(at, _)| lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

fn any(lower: &str, cues: &Cues) -> bool {
    cues.cues.iter().any(|c| starts_a_word(lower, &c.to_lowercase()))
}

impl Headings {
    pub fn is_visit(&self, lower: &str) -> bool {
        any(lower, &self.visits)
    }

    pub fn is_agreement(&self, lower: &str) -> bool {
        any(lower, &self.agreements)
    }

    pub fn is_project(&self, lower: &str) -> bool {
        any(lower, &self.projects)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agreement_needs_something_signed_concluded_or_in_force() {
        let h: Headings = toml::from_str(CARDS).expect("valid cards.toml");
        assert!(h.is_agreement("russia has concluded bilateral security agreements with belarus."));
        assert!(h.is_agreement("the agreement on free trade in services has entered into force."));
        assert!(h.is_agreement("казахстан и россия подписали соглашение о строительстве."));
        assert!(!h.is_agreement("according to a recent statement, the program approved by president putin."));
        assert!(!h.is_agreement("accordingly, russia has been promoting a multipolar world order."));
    }

    #[test]
    fn cues_match_at_the_start_of_a_word_only() {
        let h = bundled();
        assert!(h.is_visit("president putin's state visits to azerbaijan"));
        assert!(!h.is_visit("revisiting the past"));
    }
}
