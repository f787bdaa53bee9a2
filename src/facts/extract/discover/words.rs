//! Words of a sentence with their byte spans, case, and whether only spaces separate them from the previous word.

use std::borrow::Cow;

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Only whitespace lies between this word and the previous one (false for the first word).
    pub joined: bool,
    /// Followed directly by "'s" or "’s" (not part of `text`).
    pub possessive: bool,
}

impl<'a> Word<'a> {
    /// Starts with an uppercase letter (or is a number-bearing acronym like "G20").
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter uppercase: at least two letters, or a letter and a digit ("OTS", "G20").
    pub fn all_caps(&self) -> bool {
        let letters: Vec<char> = self.text.chars().filter(|c| c.is_alphabetic()).collect();
        let enough = letters.len() >= 2 || (letters.len() == 1 && self.text.chars().any(|c| c.is_ascii_digit()));
        enough && letters.iter().all(|c| c.is_uppercase())
    }

    /// The word in lowercase, borrowed when it has no capitals (most words: no allocation).
    pub fn lower(&self) -> Cow<'a, str> {
        if self.text.chars().any(char::is_uppercase) {
            Cow::Owned(self.text.to_lowercase())
        } else {
            Cow::Borrowed(self.text)
        }
    }
}

fn inner(c: char) -> bool {
    matches!(c, '-' | '–' | '\'' | '’' | '.')
}

/// Splits a sentence into words: letters and digits, with hyphens, apostrophes and dots inside a word
/// ("Asia-Pacific", "Kassym-Jomart", "mid.ru"); a trailing "'s" is split off as `possessive`, a single
/// capital followed by a dot ("S.") keeps its dot.
pub fn words(s: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut last_end: Option<usize> = None;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let (_, d) = chars[j];
            let next_alnum = || chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            if d.is_alphanumeric() || (inner(d) && next_alnum()) {
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(s.len(), |(b, _)| *b);
        let mut text = &s[start..end];
        let mut possessive = false;
        for suffix in ["'s", "’s"] {
            if let Some(stem) = text.strip_suffix(suffix).filter(|stem| !stem.is_empty()) {
                text = stem;
                possessive = true;
            }
        }
        let single_capital = text.chars().count() == 1 && c.is_uppercase();
        if single_capital && s[end..].starts_with('.') {
            end += 1;
            text = &s[start..end];
        }
        // Spaces, or a plural possessive's apostrophe and spaces ("leaders' meeting").
        let spaces = |gap: &str| {
            let rest = gap.trim_start_matches(['\'', '’']);
            let plural = rest.len() == gap.len() || s[..start].trim_end().trim_end_matches(['\'', '’']).ends_with('s');
            !rest.is_empty() && rest.chars().all(char::is_whitespace) && plural
        };
        let joined = last_end.is_some_and(|e| s.get(e..start).is_some_and(spaces));
        let word_end = start + text.len();
        out.push(Word { text, start, end: word_end, joined, possessive });
        last_end = Some(if possessive { end } else { word_end });
        // A possessive's "'s" is not a gap of spaces: the next word is not joined to it.
        if possessive {
            last_end = None;
        }
        while i < chars.len() && chars[i].0 < end {
            i += 1;
        }
    }
    out
}

/// Lowercase ASCII-ish slug of a name for keys: letters and digits, other runs as one hyphen.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_hyphens_initials_and_split_possessives() {
        assert_eq!(
            texts("Brazil's President Kassym-Jomart met S. Jaishankar."),
            vec!["Brazil", "President", "Kassym-Jomart", "met", "S.", "Jaishankar"]
        );
        let w = words("Brazil's President");
        assert!(w[0].possessive && !w[1].joined, "a possessive does not join the next word");
        let w = words("the Group of Twenty (G20)");
        assert!(w[2].joined && !w[4].joined && w[4].all_caps());
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(slug("BRICS Summit in Kazan"), "brics-summit-in-kazan");
        assert_eq!(slug("Asia–Pacific (APEC)"), "asia-pacific-apec");
    }
}
