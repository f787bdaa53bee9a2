//! ASCII fast path of UAX#29 sentence bounds: a byte-level port of unicode-segmentation's state machine.
//!
//! The crate looks every character up in a Unicode table; for ASCII lines the category is a
//! `match`, which makes segmentation several times faster. A proptest checks that both agree.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    ATerm,
    Any,
    Cr,
    Close,
    Lf,
    Lower,
    Numeric,
    SContinue,
    STerm,
    Sp,
    Upper,
}

/// Sentence_Break categories of ASCII bytes (UAX#29; no Sep, Format, Extend or OLetter here).
fn cat(b: u8) -> Cat {
    match b {
        b'\t' | 0x0B | 0x0C | b' ' => Cat::Sp,
        b'\n' => Cat::Lf,
        b'\r' => Cat::Cr,
        b'!' | b'?' => Cat::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        b'.' => Cat::ATerm,
        b'0'..=b'9' => Cat::Numeric,
        b'A'..=b'Z' => Cat::Upper,
        b'a'..=b'z' => Cat::Lower,
        _ => Cat::Any,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

fn advance(s: State, c: Cat) -> State {
    if (s[3] == Part::ClosePlus && c == Cat::Close) || (s[3] == Part::SpPlus && c == Cat::Sp) {
        return s;
    }
    let part = match c {
        Cat::Cr => Part::Cr,
        Cat::Lf => Part::Lf,
        Cat::ATerm => Part::ATerm,
        Cat::Upper | Cat::Lower => Part::UpperLower,
        Cat::Close => Part::ClosePlus,
        Cat::Sp => Part::SpPlus,
        Cat::STerm => Part::STerm,
        _ => Part::Other,
    };
    [s[1], s[2], s[3], part]
}

fn is_saterm(p: Part) -> bool {
    p == Part::STerm || p == Part::ATerm
}

/// Index of the terminator in `SATerm Close* Sp*`.
fn before_close_sp(s: &State) -> usize {
    let mut idx = if s[3] == Part::SpPlus { 2 } else { 3 };
    if s[idx] == Part::ClosePlus {
        idx -= 1;
    }
    idx
}

/// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
fn sb8(s: &State, ahead: &[u8]) -> bool {
    if s[before_close_sp(s)] != Part::ATerm {
        return false;
    }
    for &b in ahead {
        match cat(b) {
            Cat::Lower => return true,
            Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
            _ => {}
        }
    }
    false
}

/// SB8a/SB10 context: SATerm Close* Sp*
fn sb8a(s: &State) -> bool {
    is_saterm(s[before_close_sp(s)])
}

/// SB9 context: SATerm Close*
fn sb9(s: &State) -> bool {
    is_saterm(s[if s[3] == Part::ClosePlus { 2 } else { 3 }])
}

/// SB11 context: SATerm Close* Sp* ParaSep?
fn sb11(s: &State) -> bool {
    let mut idx = if matches!(s[3], Part::Cr | Part::Lf) { 2 } else { 3 };
    if s[idx] == Part::SpPlus {
        idx -= 1;
    }
    if s[idx] == Part::ClosePlus {
        idx -= 1;
    }
    is_saterm(s[idx])
}

/// Break positions of an ASCII string: 0, every boundary, and the length (none when empty).
fn ascii_breaks(bytes: &[u8]) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut state: State = [Part::Sot; 4];
    for (pos, &b) in bytes.iter().enumerate() {
        let before = state;
        let c = cat(b);
        state = advance(state, c);
        let brk = if before[3] == Part::Sot {
            true
        } else if c == Cat::Lf && before[3] == Part::Cr {
            false
        } else if matches!(before[3], Part::Cr | Part::Lf) {
            true
        } else if (c == Cat::Numeric && before[3] == Part::ATerm)
            || (c == Cat::Upper && before[2] == Part::UpperLower && before[3] == Part::ATerm)
            || sb8(&before, bytes.get(pos..).unwrap_or(&[]))
            || (matches!(c, Cat::SContinue | Cat::STerm | Cat::ATerm) && sb8a(&before))
            || (matches!(c, Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf) && sb9(&before))
            || (matches!(c, Cat::Sp | Cat::Cr | Cat::Lf) && sb8a(&before))
        {
            false
        } else {
            sb11(&before)
        };
        if brk {
            breaks.push(pos);
        }
    }
    if !bytes.is_empty() {
        breaks.push(bytes.len());
    }
    breaks
}

/// UAX#29 sentence pieces of `text` (like `split_sentence_bounds`), fast for ASCII.
pub fn sentence_pieces(text: &str) -> Vec<&str> {
    if !text.is_ascii() {
        return text.split_sentence_bounds().collect();
    }
    ascii_breaks(text.as_bytes()).windows(2).filter_map(|w| text.get(w[0]..w[1])).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::test_support::SEED;
    use super::*;

    fn reference(text: &str) -> Vec<&str> {
        text.split_sentence_bounds().collect()
    }

    #[test]
    fn the_ascii_port_agrees_with_the_crate_on_the_seed() {
        for line in SEED.lines().chain(["", "a", "U.S. Army. e.g. this. (Yes!) \"No.\" 3.5 x.\r\nY", "?!. .a"]) {
            let ascii: String = line.chars().map(|c| if c.is_ascii() { c } else { '\'' }).collect();
            assert_eq!(sentence_pieces(&ascii), reference(&ascii), "{ascii:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_ascii_port_agrees_with_the_crate(text in "[ -~\\t\\n\\r\\x0B\\x0C\\x00-\\x08]{0,80}") {
            prop_assert_eq!(sentence_pieces(&text), reference(&text));
        }

        #[test]
        fn the_ascii_port_agrees_on_sentence_like_text(text in "([A-Za-z]{1,4}|[.!?]|[ ]{1,2}|[\"')(]|[0-9]|[,;:-]|\\r?\\n){0,40}") {
            prop_assert_eq!(sentence_pieces(&text), reference(&text));
        }
    }
}
