//! Ranking candidate sentences for free text and `/search`: how many of the words asked about a sentence
//! contains, then shorter sentences (more to the point), then newer ones. Candidates come from the
//! full-text index, which finds them cheaply but is not asked to rank them (see `db::search`).

/// How many distinct `terms` occur in `lowercase_text`, each matched by its stem.
pub fn matched(lowercase_text: &str, terms: &[&str]) -> usize {
    terms.iter().filter(|t| lowercase_text.contains(stem(t))).count()
}

/// Up to half a point for a short sentence: one of 12 words or fewer gets it all.
pub fn brevity(text: &str) -> f64 {
    let words = text.split_whitespace().count().max(12);
    0.5 * 12.0 / words as f64
}

/// The first five characters of a term: a crude stem that survives plural and case endings.
pub fn stem(term: &str) -> &str {
    match term.char_indices().nth(5) {
        Some((i, _)) => &term[..i],
        None => term,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_cut_long_words_only() {
        assert_eq!(stem("agreements"), "agree");
        assert_eq!(stem("oil"), "oil");
        assert_eq!(stem("соглашения"), "согла");
    }

    #[test]
    fn terms_count_once_by_their_stem() {
        assert_eq!(matched("trade agreements were signed", &["agreement", "trade", "oil"]), 2);
    }

    #[test]
    fn shorter_sentences_score_higher_but_never_above_half_a_point() {
        let short = brevity("Trade grew.");
        let long = brevity(&"word ".repeat(48));
        assert_eq!(short, 0.5);
        assert!(long < short && long > 0.0);
    }
}
