//! Text normalisation for matching (lowercase words, any punctuation run as one space) with byte offsets mapped back.

/// Appends the matching form of `c`: lowercase letters and digits ("ё" as "е"), anything else a space.
fn fold(c: char, out: &mut String) -> bool {
    if !c.is_alphanumeric() {
        return false;
    }
    match c {
        'ё' | 'Ё' => out.push('е'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
    true
}

/// Normalises a pattern the way [`Normalized::new`] normalises text: lowercase letters and
/// digits, every run of other characters (spaces, dashes, apostrophes, brackets) one space, trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        if fold(c, &mut out) {
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Normalises a user query: like [`normalize`], except that apostrophes and dots vanish
/// instead of separating words ("U.S." → "us", "People's" → "peoples").
pub fn normalize_query(s: &str) -> String {
    let dropped: String = s.chars().filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '.')).collect();
    normalize(&dropped)
}

/// How normalised byte positions map back to the original.
enum Mapping {
    /// ASCII input: one byte per byte, minus collapsed separators; `(position, removed so far)`.
    Ascii(Vec<(usize, usize)>),
    /// Any input: the original character start of every normalised byte.
    Full(Vec<u32>),
}

/// A normalised copy of a sentence for matching: a leading space, then [`normalize`]d text
/// (so every word starts after a space), with a map back to original byte offsets.
pub struct Normalized<'a> {
    original: &'a str,
    pub text: String,
    mapping: Mapping,
}

impl<'a> Normalized<'a> {
    /// Normalises `original`. Text longer than 4 GiB is not matched (empty result).
    pub fn new(original: &'a str) -> Self {
        if u32::try_from(original.len()).is_err() {
            return Normalized { original, text: String::from(" "), mapping: Mapping::Ascii(Vec::new()) };
        }
        if original.is_ascii() { Self::ascii(original) } else { Self::full(original) }
    }

    fn ascii(original: &'a str) -> Self {
        let mut bytes: Vec<u8> = Vec::with_capacity(original.len() + 1);
        bytes.push(b' ');
        let mut shifts = Vec::new();
        let (mut removed, mut pending, mut last_space) = (0usize, false, true);
        for &b in original.as_bytes() {
            let c = if b.is_ascii_alphanumeric() { b.to_ascii_lowercase() } else { b' ' };
            if c == b' ' && last_space {
                removed += 1;
                pending = true;
                continue;
            }
            if pending {
                shifts.push((bytes.len(), removed));
                pending = false;
            }
            bytes.push(c);
            last_space = c == b' ';
        }
        let text = String::from_utf8(bytes).unwrap_or_default();
        Normalized { original, text, mapping: Mapping::Ascii(shifts) }
    }

    fn full(original: &'a str) -> Self {
        let mut text = String::with_capacity(original.len() + 8);
        let mut map: Vec<u32> = Vec::with_capacity(original.len() + 8);
        text.push(' ');
        map.push(0);
        let mut last_space = true;
        for (i, c) in original.char_indices() {
            let pos = u32::try_from(i).unwrap_or(u32::MAX);
            let before = text.len();
            if fold(c, &mut text) {
                last_space = false;
            } else if !last_space {
                text.push(' ');
                last_space = true;
            }
            map.resize(map.len() + (text.len() - before), pos);
        }
        Normalized { original, text, mapping: Mapping::Full(map) }
    }

    /// Maps a byte range of the normalised text (past the leading space) back to a byte range
    /// of the original. The result always lies on character boundaries of the original.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let len = self.original.len();
        if start >= end || start == 0 {
            return (0, 0);
        }
        let (s, last) = match &self.mapping {
            Mapping::Ascii(shifts) => {
                let shift = |j: usize| match shifts.binary_search_by_key(&j, |&(p, _)| p) {
                    Ok(i) => shifts.get(i).map_or(0, |s| s.1),
                    Err(0) => 0,
                    Err(i) => shifts.get(i - 1).map_or(0, |s| s.1),
                };
                (start - 1 + shift(start), end - 2 + shift(end - 1))
            }
            Mapping::Full(map) => {
                let at = |j: usize| map.get(j).copied().unwrap_or(0) as usize;
                (at(start), at(end - 1))
            }
        };
        let e = last + self.original.get(last..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
        (s.min(len), e.min(len))
    }
}

/// The character just before byte `i` of `s`, if any.
pub fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

/// The character starting at byte `i` of `s`, if any.
pub fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// True when byte `i` of `s` ends a word (nothing alphanumeric right after it).
pub fn ends_word(s: &str, i: usize) -> bool {
    !char_at(s, i).is_some_and(char::is_alphanumeric)
}

/// True when `c` is a Cyrillic letter.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span<'a>(s: &'a str, n: &Normalized<'_>, needle: &str) -> &'a str {
        let at = n.text.find(needle).unwrap_or(0);
        let (a, b) = n.original_span(at, at + needle.len());
        &s[a..b]
    }

    #[test]
    fn dashes_and_apostrophes_become_spaces_and_offsets_map_back() {
        let s = "Putin’s  North–South (NSITC) corridor";
        let n = Normalized::new(s);
        assert_eq!(n.text, " putin s north south nsitc corridor");
        assert_eq!(span(s, &n, "north south"), "North–South");
        assert_eq!(span(s, &n, "nsitc corridor"), "NSITC) corridor");
    }

    #[test]
    fn ascii_text_maps_back_across_collapsed_separators() {
        let s = "  Russia -- and (China).";
        let n = Normalized::new(s);
        assert_eq!(n.text, " russia and china ");
        assert_eq!(span(s, &n, "russia"), "Russia");
        assert_eq!(span(s, &n, "and"), "and");
        assert_eq!(span(s, &n, "china"), "China");
    }

    #[test]
    fn patterns_and_queries_normalise_alike() {
        assert_eq!(normalize(" Gulf Cooperation Council (GCC) "), "gulf cooperation council gcc");
        assert_eq!(normalize_query("  U.S. "), "us");
        assert_eq!(normalize_query("People’s Republic of China"), "peoples republic of china");
        assert_eq!(normalize_query("North—South (NSITC)"), "north south nsitc");
        assert_eq!(normalize_query("Россия—Ёлка"), "россия елка");
    }

    #[test]
    fn expanding_lowercase_keeps_boundaries() {
        let s = "İstanbul x";
        let n = Normalized::new(s);
        let (a, b) = n.original_span(1, 2);
        assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        assert_eq!(&s[a..b], "İ");
    }
}
