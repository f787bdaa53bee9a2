//! Building safe FTS5 queries from user text: every term is quoted, so no user syntax reaches `MATCH`.

/// Most terms used from one query.
const MAX_TERMS: usize = 12;
/// Longest term kept, in characters.
const MAX_TERM_CHARS: usize = 40;

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "by",
    "can",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "how",
    "i",
    "in",
    "into",
    "is",
    "it",
    "its",
    "many",
    "me",
    "much",
    "of",
    "on",
    "or",
    "said",
    "say",
    "tell",
    "that",
    "the",
    "their",
    "there",
    "this",
    "to",
    "was",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "with",
    "you",
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "о",
    "об",
    "по",
    "к",
    "у",
    "из",
    "за",
    "что",
    "как",
    "какой",
    "какая",
    "какие",
    "кто",
    "где",
    "когда",
    "ли",
    "же",
    "это",
    "был",
    "была",
    "были",
    "сколько",
    "расскажи",
    "про",
];

/// The words of `text` worth searching for: lowercase, alphanumeric, no stopwords, no duplicates.
pub fn content_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word: String =
            word.chars().take(MAX_TERM_CHARS).flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect();
        let meaningful = word.chars().count() >= 2 || word.chars().all(|c| c.is_ascii_digit());
        if word.is_empty() || !meaningful || STOPWORDS.contains(&word.as_str()) || terms.contains(&word) {
            continue;
        }
        terms.push(word);
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

/// An FTS5 query matching any of the terms, or `None` when nothing is left to search for.
/// Terms are alphanumeric and each is wrapped in double quotes, so FTS5 operators, column filters,
/// `NEAR(`, `*` and `-` in user text are searched as plain words.
pub fn build_query(text: &str) -> Option<String> {
    any_of(&content_terms(text))
}

/// An FTS5 query matching sentences with any of `terms` (as returned by [`content_terms`]).
pub fn any_of(terms: &[String]) -> Option<String> {
    joined(terms, " OR ")
}

/// An FTS5 query matching sentences with every one of `terms` (as returned by [`content_terms`]).
pub fn all_of(terms: &[String]) -> Option<String> {
    joined(terms, " AND ")
}

/// An FTS5 query for word prefixes: each group matches when any of its keys starts a word, and the
/// groups are joined by `AND` (`all`) or `OR`. Keys are alphanumeric and quoted, as in [`any_of`].
pub fn prefix_groups(groups: &[&[String]], all: bool) -> Option<String> {
    let parts: Vec<String> = groups
        .iter()
        .take(MAX_TERMS)
        .filter_map(|keys| {
            let quoted: Vec<String> = keys
                .iter()
                .filter(|k| {
                    !k.is_empty() && k.chars().count() <= MAX_TERM_CHARS && k.chars().all(char::is_alphanumeric)
                })
                .take(8)
                .map(|k| format!("\"{k}\"*"))
                .collect();
            (!quoted.is_empty()).then(|| format!("({})", quoted.join(" OR ")))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(if all { " AND " } else { " OR " }))
}

fn joined(terms: &[String], operator: &str) -> Option<String> {
    let quoted: Vec<String> = terms
        .iter()
        .filter(|t| !t.is_empty() && t.chars().all(char::is_alphanumeric))
        .map(|t| format!("\"{t}\""))
        .collect();
    (!quoted.is_empty()).then(|| quoted.join(operator))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fts_syntax_in_user_text_is_quoted_as_words() {
        assert_eq!(
            build_query("NEAR(trade \"china\")* -energy").as_deref(),
            Some("\"near\" OR \"trade\" OR \"china\" OR \"energy\"")
        );
    }

    #[test]
    fn column_filters_and_sql_do_not_survive() {
        assert_eq!(
            build_query("text: '; DROP TABLE sentences; --").as_deref(),
            Some("\"text\" OR \"drop\" OR \"table\" OR \"sentences\"")
        );
    }

    #[test]
    fn a_query_of_only_stopwords_or_punctuation_is_empty() {
        assert_eq!(build_query("what is the ?!"), None);
        assert_eq!(build_query("\"\"\"***"), None);
    }

    #[test]
    fn russian_words_are_kept() {
        assert_eq!(content_terms("Что с Индией?"), vec!["индией"]);
    }

    #[test]
    fn prefix_groups_quote_every_key_and_drop_the_rest() {
        let trade = vec!["trade".to_owned(), "торгов".to_owned(), "x\"y".to_owned()];
        let china = vec!["china".to_owned()];
        assert_eq!(
            prefix_groups(&[&trade, &china], true).as_deref(),
            Some("(\"trade\"* OR \"торгов\"*) AND (\"china\"*)")
        );
        assert_eq!(prefix_groups(&[&[]], false), None);
    }

    proptest! {
        #[test]
        fn every_query_is_a_disjunction_of_quoted_alphanumeric_terms(input in "\\PC{0,300}") {
            if let Some(q) = build_query(&input) {
                for part in q.split(" OR ") {
                    prop_assert!(part.len() >= 3 && part.starts_with('"') && part.ends_with('"'));
                    prop_assert!(part[1..part.len() - 1].chars().all(char::is_alphanumeric));
                }
                prop_assert!(q.split(" OR ").count() <= MAX_TERMS);
            }
        }
    }
}
