//! A lexicon table indexed for lookups: whole forms in a hash map, stems (`*`) scanned in order.
//!
//! The figure extractors look up every candidate's words (units, count nouns, scales, months, currencies),
//! and a linear scan of every form was a fifth of the ingest's instructions. The index gives the same answer
//! as [`lexicon::form_matches`](super::lexicon::form_matches) tried on every form in order: the value of the
//! first `(forms, value)` pair with a matching form.

use std::collections::HashMap;

use super::lexicon::{fold, form_matches};

/// The forms of a lexicon table, with the position of the pair each came from (earlier pairs win).
pub(super) struct FormIndex<T> {
    /// Forms without a stem, folded the way looked-up text is: pair position and value of the first.
    whole: HashMap<String, (usize, T)>,
    /// Forms with a stem word (`доллар*`), in pair order.
    stems: Vec<(usize, String, T)>,
}

impl<T: Copy> FormIndex<T> {
    /// Indexes `pairs` of forms and the value they stand for.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a [String], T)>) -> Self {
        let (mut whole, mut stems) = (HashMap::new(), Vec::new());
        for (position, (forms, value)) in pairs.into_iter().enumerate() {
            for form in forms {
                if form.split_whitespace().any(|w| w.ends_with('*')) {
                    stems.push((position, form.clone(), value));
                } else if let Some(key) = whole_key(form) {
                    whole.entry(key).or_insert((position, value));
                }
            }
        }
        FormIndex { whole, stems }
    }

    /// The value of the first pair with a form matching `text` (any case and spacing).
    pub fn get(&self, text: &str) -> Option<T> {
        let folded = fold(text);
        let whole = self.whole.get(&folded).copied();
        let before = whole.map_or(usize::MAX, |(position, _)| position);
        let stem = self
            .stems
            .iter()
            .take_while(|(position, _, _)| *position < before)
            .find(|(_, form, _)| form_matches(form, &folded));
        stem.map(|(_, _, value)| *value).or(whole.map(|(_, value)| value))
    }

    /// Whether some form matches `text`.
    pub fn contains(&self, text: &str) -> bool {
        self.get(text).is_some()
    }
}

/// The folded text that a form without stems matches, or `None` for a form of no words (which matches
/// nothing). A word with capitals matches its lowercase; one without matches itself, as in `form_matches`.
fn whole_key(form: &str) -> Option<String> {
    let words: Vec<String> = form
        .split_whitespace()
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                w.chars().flat_map(char::to_lowercase).collect()
            } else {
                w.to_string()
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The answer the index must give: every form of every pair tried in order.
    fn scanned<'a, T: Copy + 'a>(pairs: &'a [(Vec<String>, T)], text: &str) -> Option<T> {
        let folded = fold(text);
        pairs.iter().find(|(forms, _)| forms.iter().any(|f| form_matches(f, &folded))).map(|(_, v)| *v)
    }

    fn table(rows: &[(&[&str], u32)]) -> Vec<(Vec<String>, u32)> {
        rows.iter().map(|(forms, v)| (forms.iter().map(|f| f.to_string()).collect(), *v)).collect()
    }

    fn index(pairs: &[(Vec<String>, u32)]) -> FormIndex<u32> {
        FormIndex::new(pairs.iter().map(|(forms, v)| (forms.as_slice(), *v)))
    }

    #[test]
    fn whole_forms_match_in_any_case_and_spacing() {
        let pairs = table(&[(&["tonnes", "Metric Tons"], 1), (&["USD", "US$"], 2)]);
        let index = index(&pairs);
        assert_eq!(index.get("Tonnes"), Some(1));
        assert_eq!(index.get("metric   tons"), Some(1));
        assert_eq!(index.get("usd"), Some(2));
        assert_eq!(index.get("us$"), Some(2));
        assert_eq!(index.get("tonne"), None);
        assert!(!index.contains(""));
    }

    #[test]
    fn the_first_pair_wins_whether_its_form_is_whole_or_a_stem() {
        let pairs = table(&[(&["доллар*"], 1), (&["долларов"], 2), (&["рубл*", "руб"], 3), (&["руб"], 4)]);
        let index = index(&pairs);
        assert_eq!(index.get("долларов"), Some(1), "the stem comes first");
        assert_eq!(index.get("Рублей"), Some(3));
        assert_eq!(index.get("руб"), Some(3), "the whole form of the earlier pair");
        assert_eq!(index.get("доллар-сша"), None, "a stem takes letters only");
        let later_stem = table(&[(&["million"], 1), (&["milli*"], 2)]);
        assert_eq!(self::index(&later_stem).get("million"), Some(1));
        assert_eq!(self::index(&later_stem).get("millions"), Some(2));
    }

    #[test]
    fn the_index_answers_as_the_bundled_lexicon_was_scanned() {
        let lexicon = &super::super::lexicon::LEXICON.numbers;
        let pairs: Vec<(Vec<String>, u32)> = lexicon
            .count_nouns
            .iter()
            .enumerate()
            .flat_map(|(i, n)| [(n.en.clone(), i as u32), (n.ru.clone(), i as u32)])
            .collect();
        let index = index(&pairs);
        for (forms, _) in &pairs {
            for form in forms {
                let word = form.trim_end_matches('*');
                for text in [word.to_string(), word.to_uppercase(), format!("{word}ами"), format!("{word}s")] {
                    assert_eq!(index.get(&text), scanned(&pairs, &text), "{text:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn the_index_answers_as_a_scan_of_every_form(
            forms in prop::collection::vec(prop::collection::vec("[aAбБ*ё ]{0,6}", 0..4), 0..6),
            text in "[aAбБёЁ  ]{0,8}",
        ) {
            let pairs: Vec<(Vec<String>, u32)> = forms.into_iter().zip(0u32..).collect();
            prop_assert_eq!(index(&pairs).get(&text), scanned(&pairs, &text));
        }
    }
}
