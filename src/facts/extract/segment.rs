//! Paragraph and sentence segmentation: UAX#29 sentence bounds repaired around abbreviations and initials
//! (English and Russian abbreviations from `data/lexicon/segment.toml`).

use super::lexicon::{LEXICON, Segment};
use super::sentence_bounds::sentence_pieces;

fn lexicon() -> &'static Segment {
    &LEXICON.segment
}

fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// Splits `text` into `(paragraph, sentence)` pairs.
///
/// Paragraphs are separated by one or more newlines; paragraph indices count non-empty
/// lines from 0. Sentences are trimmed and never empty; no non-whitespace text is lost.
pub fn split_sentences(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut paragraph: u32 = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            continue;
        }
        for sentence in split_line(line) {
            out.push((paragraph, sentence));
        }
        paragraph = paragraph.saturating_add(1);
    }
    out
}

fn split_line(line: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut current = String::new();
    for piece in sentence_pieces(line) {
        if current.is_empty() || should_merge(&current, piece) {
            current.push_str(piece);
        } else {
            push_trimmed(&mut sentences, &current);
            current.clear();
            current.push_str(piece);
        }
    }
    push_trimmed(&mut sentences, &current);
    sentences
}

fn push_trimmed(sentences: &mut Vec<String>, s: &str) {
    let t = s.trim();
    if !t.is_empty() {
        sentences.push(t.to_string());
    }
}

fn has_alphanumeric(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Should `next` be glued to `prev` instead of starting a new sentence?
fn should_merge(prev: &str, next: &str) -> bool {
    if !has_alphanumeric(prev) || !has_alphanumeric(next) {
        return true;
    }
    let Some(last) = prev.split_whitespace().next_back() else {
        return true;
    };
    let last = last.trim_start_matches(['(', '"', '\'', '«', '“', '[']);
    if !last.ends_with('.') {
        return false;
    }
    let lower = last.to_lowercase();
    if listed(&lexicon().always_merge, &lower) {
        return true;
    }
    if listed(&lexicon().year_abbreviations, &lower) {
        // "В 2024 г. Россия ..." — a year abbreviation early in a sentence does not end it.
        return prev.split_whitespace().count() <= lexicon().year_abbreviation_max_words;
    }
    let next = next.trim_start();
    if listed(&lexicon().merge_before_digit, &lower) {
        return next.starts_with(|c: char| c.is_ascii_digit());
    }
    match initials(last) {
        Initials::Single => true,
        Initials::Dotted => !starts_with_sentence_starter(next),
        Initials::None => false,
    }
}

enum Initials {
    /// "V." — one uppercase letter and a dot.
    Single,
    /// "U.S.", "a.m.", "V.V." — letters alternating with dots.
    Dotted,
    None,
}

fn initials(token: &str) -> Initials {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() == 2 && chars[0].is_uppercase() && chars[1] == '.' {
        return Initials::Single;
    }
    if chars.len() >= 4
        && chars.len().is_multiple_of(2)
        && chars.chunks(2).all(|p| p.len() == 2 && p[0].is_alphabetic() && p[1] == '.')
    {
        return Initials::Dotted;
    }
    Initials::None
}

fn starts_with_sentence_starter(s: &str) -> bool {
    let word: String = s.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    listed(&lexicon().sentence_starters, &word)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::test_support::SEED;

    fn texts(text: &str) -> Vec<String> {
        split_sentences(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn paragraphs_are_numbered_by_non_empty_lines() {
        let got = split_sentences("One. Two.\n\n\nThree.\r\n");
        assert_eq!(got, vec![(0, "One.".into()), (0, "Two.".into()), (1, "Three.".into())]);
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            texts("Mr. Lavrov met Dr. Smith. V. Putin spoke."),
            vec!["Mr. Lavrov met Dr. Smith.", "V. Putin spoke."]
        );
    }

    #[test]
    fn us_before_a_noun_stays_but_before_the_ends() {
        assert_eq!(
            texts("The U.S. President left. He was in the U.S. The trip ended."),
            vec!["The U.S. President left.", "He was in the U.S.", "The trip ended."]
        );
    }

    #[test]
    fn number_abbreviations_merge_only_before_digits() {
        assert_eq!(
            texts("See No. 5 for details. The answer was No. Then we left."),
            vec!["See No. 5 for details.", "The answer was No.", "Then we left."]
        );
    }

    #[test]
    fn a_russian_year_abbreviation_early_in_a_sentence_does_not_end_it() {
        assert_eq!(
            texts("В 2024 г. Россия выросла. Рост составил 5% за 2023 г. Далее."),
            vec!["В 2024 г. Россия выросла.", "Рост составил 5% за 2023 г.", "Далее."]
        );
    }

    #[test]
    fn russian_text_is_split_and_initials_kept() {
        assert_eq!(
            texts("В. Путин посетил Китай. Торговля выросла! Что дальше?"),
            vec!["В. Путин посетил Китай.", "Торговля выросла!", "Что дальше?"]
        );
    }

    #[test]
    fn russian_abbreviations_before_numbers_and_titles_do_not_end_sentences() {
        assert_eq!(
            texts("Согласно ст. 5 договора стороны встретились. Акад. Иванов выступил в янв. 2025 года. Итоги ясны."),
            vec![
                "Согласно ст. 5 договора стороны встретились.",
                "Акад. Иванов выступил в янв. 2025 года.",
                "Итоги ясны."
            ]
        );
    }

    #[test]
    fn a_russian_year_abbreviation_late_in_a_sentence_ends_it() {
        assert_eq!(
            texts("Соглашение о поставках газа подписали 6 ноября 2024 г. Стороны довольны."),
            vec!["Соглашение о поставках газа подписали 6 ноября 2024 г.", "Стороны довольны."]
        );
    }

    #[test]
    fn the_seed_document_has_twelve_paragraphs() {
        let got = split_sentences(SEED);
        assert_eq!(got.last().map(|(p, _)| *p), Some(11));
        assert!(got.iter().any(|(_, s)| s.starts_with("The summit agreed on steps")));
        assert!(got.iter().any(|(_, s)| s.contains("(mid.ru/en), 2024 marks")));
        assert!(got.len() >= 20);
    }

    #[test]
    fn punctuation_only_pieces_are_kept() {
        assert_eq!(texts("Hello. ... World."), vec!["Hello. ...", "World."]);
        assert_eq!(texts("…"), vec!["…"]);
    }
}
