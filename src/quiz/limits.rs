//! Telegram's quiz poll limits, checked for every question, and explanations cut to fit them.

use crate::i18n::{Lang, arg};

/// Question text: 1 to 300 characters.
pub const MAX_QUESTION: usize = 300;
/// Options: 2 to 10, each 1 to 100 characters, all distinct.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_OPTION: usize = 100;
/// Quiz explanation: at most 200 characters.
pub const MAX_EXPLANATION: usize = 200;
/// `open_period`: 5 to 600 seconds.
pub const MIN_OPEN_PERIOD: u32 = 5;
pub const MAX_OPEN_PERIOD: u32 = 600;

/// Why a question cannot be sent as a Telegram quiz.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("the question is empty or longer than {MAX_QUESTION} characters")]
    Question,
    #[error("a quiz needs {MIN_OPTIONS} to {MAX_OPTIONS} options, not {0}")]
    OptionCount(usize),
    #[error("option {0} is empty or longer than {MAX_OPTION} characters")]
    Option(usize),
    #[error("option {0} repeats an earlier one")]
    Duplicate(usize),
    #[error("the correct option {0} is not one of the options")]
    Correct(usize),
    #[error("the explanation is longer than {MAX_EXPLANATION} characters")]
    Explanation,
}

/// Length as Telegram counts it (UTF-16 code units), which is never less than the character count.
pub fn telegram_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Whether `text` has no surrounding whitespace and its length is within `1..=max`.
fn fits(text: &str, max: usize) -> bool {
    !text.trim().is_empty() && text.trim() == text && telegram_len(text) <= max
}

/// Checks a quiz against Telegram's limits.
pub fn check(question: &str, options: &[String], correct: usize, explanation: &str) -> Result<(), LimitError> {
    if !fits(question, MAX_QUESTION) {
        return Err(LimitError::Question);
    }
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len()) {
        return Err(LimitError::OptionCount(options.len()));
    }
    for (i, option) in options.iter().enumerate() {
        if !fits(option, MAX_OPTION) {
            return Err(LimitError::Option(i));
        }
        if options[..i].iter().any(|o| o.to_lowercase() == option.to_lowercase()) {
            return Err(LimitError::Duplicate(i));
        }
    }
    if correct >= options.len() {
        return Err(LimitError::Correct(correct));
    }
    if telegram_len(explanation) > MAX_EXPLANATION {
        return Err(LimitError::Explanation);
    }
    Ok(())
}

/// `text` cut to at most `max` Telegram characters on a word boundary, ending with "…" when cut.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if telegram_len(&text) <= max {
        return text;
    }
    let budget = max.saturating_sub(1);
    let mut end = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    let head = text.get(..end).unwrap_or("");
    // Back up to the last whole word unless the cut already falls between words.
    let next_is_space = text.get(end..).is_some_and(|rest| rest.starts_with(' '));
    let head = match head.rfind(' ') {
        Some(space) if !next_is_space && space > 0 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—'));
    format!("{head}…")
}

/// The explanation of a quiz: the fact it tests, cut to Telegram's limit.
pub fn explanation(fact: &str) -> String {
    cut(fact, MAX_EXPLANATION)
}

/// The explanation for an anonymous (channel) quiz, whose readers cannot tap through to a reply: the fact,
/// cut shorter, and where to read it whole (in `lang`).
pub fn channel_explanation(fact: &str, bot_username: Option<&str>, lang: Lang) -> String {
    let anywhere = || format!(" {}", lang.t("quiz-ask-the-bot"));
    let ask = match bot_username.map(|u| u.trim_start_matches('@')).filter(|u| !u.is_empty()) {
        Some(bot) => format!(" {}", lang.tr("quiz-ask-bot", &[arg("bot", bot)])),
        None => anywhere(),
    };
    let ask = if telegram_len(&ask) > MAX_EXPLANATION / 2 { anywhere() } else { ask };
    format!("{}{ask}", cut(fact, MAX_EXPLANATION - telegram_len(&ask)))
}

/// `open_period` clamped to what Telegram accepts.
pub fn open_period(secs: u32) -> u32 {
    secs.clamp(MIN_OPEN_PERIOD, MAX_OPEN_PERIOD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_well_formed_quiz_passes() {
        assert_eq!(check("Q?", &opts(&["a", "b"]), 1, "because"), Ok(()));
    }

    #[test]
    fn every_limit_is_enforced() {
        assert_eq!(check("", &opts(&["a", "b"]), 0, ""), Err(LimitError::Question));
        assert_eq!(check(&"я".repeat(301), &opts(&["a", "b"]), 0, ""), Err(LimitError::Question));
        assert_eq!(check("Q?", &opts(&["a"]), 0, ""), Err(LimitError::OptionCount(1)));
        assert_eq!(check("Q?", &opts(&["a"; 11]), 0, ""), Err(LimitError::OptionCount(11)));
        assert_eq!(check("Q?", &opts(&["a", " "]), 0, ""), Err(LimitError::Option(1)));
        assert_eq!(check("Q?", &opts(&["a", &"b".repeat(101)]), 0, ""), Err(LimitError::Option(1)));
        assert_eq!(check("Q?", &opts(&["Kazan", "kazan"]), 0, ""), Err(LimitError::Duplicate(1)));
        assert_eq!(check("Q?", &opts(&["a", "b"]), 2, ""), Err(LimitError::Correct(2)));
        assert_eq!(check("Q?", &opts(&["a", "b"]), 0, &"x".repeat(201)), Err(LimitError::Explanation));
    }

    #[test]
    fn emoji_count_twice_as_telegram_counts_them() {
        assert_eq!(telegram_len("🙂"), 2);
        assert_eq!(check(&"🙂".repeat(151), &opts(&["a", "b"]), 0, ""), Err(LimitError::Question));
    }

    #[test]
    fn long_facts_are_cut_on_a_word_boundary_with_an_ellipsis() {
        let fact = "Russia-China bilateral trade reached a record $240 billion, with 95% of payments made in national currencies. ".repeat(3);
        let cut = explanation(&fact);
        assert!(telegram_len(&cut) <= MAX_EXPLANATION);
        assert!(cut.ends_with('…'));
        let body = cut.trim_end_matches('…');
        assert!(fact.starts_with(body), "{cut}");
        assert!(fact[body.len()..].starts_with([' ', ',']), "cut inside a word: {cut}");
    }

    #[test]
    fn short_facts_are_kept_whole() {
        assert_eq!(explanation("Trade grew."), "Trade grew.");
    }

    #[test]
    fn a_single_giant_word_is_still_cut_to_the_limit() {
        let cut = cut(&"x".repeat(500), 200);
        assert_eq!(telegram_len(&cut), 200);
    }

    #[test]
    fn channel_explanations_point_to_the_bot_and_still_fit() {
        let long = "word ".repeat(100);
        let e = channel_explanation(&long, Some("@DossierBot"), Lang::En);
        assert!(e.ends_with("Ask @DossierBot for the full fact."), "{e}");
        assert!(telegram_len(&e) <= MAX_EXPLANATION);
        let e = channel_explanation("Short fact.", None, Lang::En);
        assert_eq!(e, "Short fact. Ask the bot for the full fact.");
        let e = channel_explanation(&long, Some(&"b".repeat(300)), Lang::En);
        assert!(telegram_len(&e) <= MAX_EXPLANATION);
        let e = channel_explanation(&long, Some("@DossierBot"), Lang::Ru);
        assert!(e.ends_with("Полный текст факта — у @DossierBot.") && telegram_len(&e) <= MAX_EXPLANATION, "{e}");
    }

    #[test]
    fn open_periods_are_clamped() {
        assert_eq!((open_period(1), open_period(30), open_period(9999)), (5, 30, 600));
    }
}
