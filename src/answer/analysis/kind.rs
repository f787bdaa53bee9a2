//! The answer type a question asks for, from the cue phrases of `data/questions/answer_types.toml`.

use super::{AnswerType, lexicon::Lexicon, words::Token};

/// A cue found in a question: its type and the token positions it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCue {
    pub kind: AnswerType,
    pub first: usize,
    pub len: usize,
}

/// Every cue of the lexicon found in the question's tokens, in the lexicon's priority order.
pub fn cues(lexicon: &Lexicon, tokens: &[Token]) -> Vec<FoundCue> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut found: Vec<FoundCue> = Vec::new();
    for cue in &lexicon.cues {
        let n = cue.words.len();
        let starts: Vec<usize> = if cue.at_start { vec![0] } else { (0..words.len()).collect() };
        for first in starts {
            let Some(window) = words.get(first..first + n) else { continue };
            if window.iter().zip(&cue.words).all(|(w, c)| w == c) {
                found.push(FoundCue { kind: cue.kind, first, len: n });
                break;
            }
        }
    }
    found
}

/// The type the question asks for: the first typed cue in priority order; a yes/no or an "about"
/// cue only when nothing more specific is asked.
pub fn answer_type(found: &[FoundCue]) -> AnswerType {
    let typed = |k: AnswerType| !matches!(k, AnswerType::YesNo | AnswerType::About);
    if let Some(cue) = found.iter().find(|c| typed(c.kind)) {
        return cue.kind;
    }
    if found.iter().any(|c| c.kind == AnswerType::About) {
        return AnswerType::About;
    }
    if found.iter().any(|c| c.kind == AnswerType::YesNo) {
        return AnswerType::YesNo;
    }
    AnswerType::Other
}
