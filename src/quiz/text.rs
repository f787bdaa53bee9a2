//! Turning a sentence into a question: finding names in it, blanking the answer out, and fitting the limit.

use super::limits::{MAX_QUESTION, telegram_len};

/// What stands for the answer in a cloze question.
pub const BLANK: &str = "____";

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Byte ranges where `needle` occurs in `text` as a whole word (or words), ignoring case.
pub fn find_word(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let starts: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(start, _)) in starts.iter().enumerate() {
        if k > 0
            && starts.get(k - 1).is_some_and(|&(_, c)| is_word_char(c))
            && needle.first().is_some_and(|&c| is_word_char(c))
        {
            continue;
        }
        let mut end = start;
        let mut matched = true;
        for (offset, want) in needle.iter().enumerate() {
            match starts.get(k + offset) {
                Some(&(i, got)) if same_letter(got, *want) => end = i + got.len_utf8(),
                _ => {
                    matched = false;
                    break;
                }
            }
        }
        let after = text.get(end..).and_then(|rest| rest.chars().next());
        let last_is_word = needle.last().is_some_and(|&c| is_word_char(c));
        let whole = matched && !(last_is_word && after.is_some_and(is_word_char));
        if whole && out.last().is_none_or(|&(_, e)| start >= e) {
            out.push((start, end));
        }
    }
    out
}

/// Case-insensitive comparison that also treats the hyphen and dashes as one.
fn same_letter(a: char, b: char) -> bool {
    let dash = |c: char| matches!(c, '-' | '–' | '—' | '‑');
    let apostrophe = |c: char| matches!(c, '\'' | '’');
    a == b || (dash(a) && dash(b)) || (apostrophe(a) && apostrophe(b)) || a.to_lowercase().eq(b.to_lowercase())
}

/// Whether `needle` occurs in `text` as a whole word, ignoring case.
pub fn contains_word(text: &str, needle: &str) -> bool {
    !find_word(text, needle).is_empty()
}

/// `text` with every range replaced by [`BLANK`] (overlapping ranges are merged).
pub fn blank(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut ranges: Vec<(usize, usize)> = ranges.to_vec();
    ranges.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in ranges {
        if end <= at {
            continue;
        }
        let start = start.max(at);
        out.push_str(text.get(at..start).unwrap_or(""));
        out.push_str(BLANK);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    // "the ____ (____) project": the blanked abbreviation after a blanked name says nothing.
    let doubled = format!("{BLANK} ({BLANK})");
    out.replace(&doubled, BLANK)
}

/// `prefix` + `cloze`, shortened to the clauses around the blank when the whole does not fit a poll
/// question. `None` when even the blank's own clause is too long.
pub fn fit_cloze(prefix: &str, cloze: &str) -> Option<String> {
    let whole = format!("{prefix}{cloze}");
    if telegram_len(&whole) <= MAX_QUESTION {
        return Some(whole);
    }
    // Clauses end after ", " or "; " (the delimiter stays with its clause).
    let mut clauses: Vec<&str> = Vec::new();
    let mut from = 0;
    for (i, _) in cloze.match_indices([',', ';']) {
        if cloze.get(i + 1..).is_some_and(|rest| rest.starts_with(' ')) {
            clauses.push(cloze.get(from..i + 2).unwrap_or(""));
            from = i + 2;
        }
    }
    clauses.push(cloze.get(from..).unwrap_or(""));
    let at = clauses.iter().position(|c| c.contains(BLANK))?;
    let (mut lo, mut hi) = (at, at);
    let render = |lo: usize, hi: usize| {
        let body: String = clauses.get(lo..=hi).map(|c| c.concat()).unwrap_or_default();
        let body = body.trim_end_matches([',', ';', ' ']);
        let head = if lo > 0 { "…" } else { "" };
        let tail = if hi + 1 < clauses.len() { "…" } else { "" };
        format!("{prefix}{head}{body}{tail}")
    };
    if telegram_len(&render(lo, hi)) > MAX_QUESTION {
        return None;
    }
    loop {
        let grew_right = hi + 1 < clauses.len() && telegram_len(&render(lo, hi + 1)) <= MAX_QUESTION;
        if grew_right {
            hi += 1;
        }
        let grew_left = lo > 0 && telegram_len(&render(lo - 1, hi)) <= MAX_QUESTION;
        if grew_left {
            lo -= 1;
        }
        if !grew_left && !grew_right {
            return Some(render(lo, hi));
        }
    }
}

/// `text` with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const ORDINAL_WORDS: &[&str] =
    &["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "inaugural"];

/// Whether a name starts with an ordinal: "First ministerial conference…", "7th Russia–GCC meeting".
pub fn starts_with_ordinal(name: &str) -> bool {
    let Some(first) = name.split_whitespace().next() else { return false };
    let lower = first.to_lowercase();
    ORDINAL_WORDS.contains(&lower.as_str())
        || (lower.starts_with(|c: char| c.is_ascii_digit())
            && ["st", "nd", "rd", "th"].iter().any(|s| lower.ends_with(s))
            && lower.trim_end_matches(char::is_alphabetic).chars().all(|c| c.is_ascii_digit()))
}

/// A name with "the" before it; an ordinal first word is lowered ("the first ministerial conference").
pub fn the(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("The ") {
        return format!("the {rest}");
    }
    let first = name.split_whitespace().next().unwrap_or("");
    if starts_with_ordinal(name) && first.chars().all(char::is_alphabetic) {
        return format!("the {}{}", first.to_lowercase(), name.get(first.len()..).unwrap_or(""));
    }
    format!("the {name}")
}

/// The first year (1800–2099) written in `text`, when exactly one distinct year is.
pub fn single_year(text: &str) -> Option<String> {
    let mut years: Vec<&str> = Vec::new();
    for (i, _) in text.match_indices(|c: char| c.is_ascii_digit()) {
        let before = text.get(..i).and_then(|b| b.chars().last());
        if before.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let Some(candidate) = text.get(i..i + 4) else { continue };
        let after = text.get(i + 4..).and_then(|a| a.chars().next());
        let valid = candidate.bytes().all(|b| b.is_ascii_digit())
            && (candidate.starts_with("18") || candidate.starts_with("19") || candidate.starts_with("20"))
            && !after.is_some_and(|c| c.is_alphanumeric());
        if valid && !years.contains(&candidate) {
            years.push(candidate);
        }
    }
    match years.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_regardless_of_case() {
        let s = "Russia-China trade; Russian speakers in russia.";
        assert_eq!(find_word(s, "Russia"), vec![(0, 6), (40, 46)]);
        assert!(find_word(s, "Rus").is_empty());
        assert_eq!(find_word(s, "Russia–China"), vec![(0, 12)], "a dash matches a hyphen");
        assert_eq!(find_word("the U.S. and", "U.S."), vec![(4, 8)]);
    }

    #[test]
    fn blanks_replace_every_range_once() {
        assert_eq!(blank("a Kazan b Kazan", &[(2, 7), (10, 15), (3, 5)]), "a ____ b ____");
        assert_eq!(blank("the CIS (CIS) grew", &[(4, 7), (9, 12)]), "the ____ grew");
    }

    #[test]
    fn a_long_cloze_keeps_the_clauses_around_the_blank() {
        let long = format!("{}, it reached ____, {}.", "intro words ".repeat(20), "tail words ".repeat(20));
        let q = fit_cloze("Fill in the blank: ", &long).unwrap();
        assert!(telegram_len(&q) <= MAX_QUESTION);
        assert!(q.contains("it reached ____"), "{q}");
        assert!(fit_cloze("", &format!("{} ____", "x ".repeat(200))).is_none());
    }

    #[test]
    fn names_get_their_article() {
        assert_eq!(the("BRICS Summit in Kazan"), "the BRICS Summit in Kazan");
        assert_eq!(the("First ministerial conference of the Forum"), "the first ministerial conference of the Forum");
        assert_eq!(the("7th Russia–GCC Ministerial Meeting"), "the 7th Russia–GCC Ministerial Meeting");
        assert_eq!(the("The Hague Summit"), "the Hague Summit");
        assert!(starts_with_ordinal("6th meeting") && !starts_with_ordinal("BRICS Summit"));
    }

    #[test]
    fn single_years_are_found_and_ambiguity_is_refused() {
        assert_eq!(single_year("Russia's foreign policy in 2024: from Asia").as_deref(), Some("2024"));
        assert_eq!(single_year("from 2023 to 2024"), None);
        assert_eq!(single_year("12024 and x2024"), None);
    }
}
