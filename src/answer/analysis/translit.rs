//! Latin spellings of a Cyrillic word, from `data/questions/transliteration.toml`, so that a name asked in
//! Russian is found in an English document ("Чабахар" → "chabakhar", "chabahar").

use std::{collections::HashMap, sync::LazyLock};

use serde::Deserialize;

/// Most spellings tried for one word.
pub const MAX_SPELLINGS: usize = 6;

#[derive(Deserialize)]
struct File {
    letters: HashMap<String, Vec<String>>,
}

static LETTERS: LazyLock<HashMap<char, Vec<String>>> = LazyLock::new(|| {
    toml::from_str::<File>(include_str!("../../../data/questions/transliteration.toml")).map_or_else(
        |e| {
            log::error!("the bundled transliteration table is invalid: {e}");
            HashMap::new()
        },
        |f| f.letters.into_iter().filter_map(|(letter, spelled)| Some((one_char(&letter)?, spelled))).collect(),
    )
});

fn one_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// The Latin spellings of the lowercase Cyrillic `word`: the usual one first, then each with one letter
/// spelled its other way (at most [`MAX_SPELLINGS`]). Empty for a word with other letters.
pub fn spellings(word: &str) -> Vec<String> {
    let letters = &*LETTERS;
    let mut options: Vec<&[String]> = Vec::new();
    for c in word.chars() {
        match letters.get(&c) {
            Some(spelled) if !spelled.is_empty() => options.push(spelled),
            Some(_) | None if matches!(c, 'ъ' | 'ь') => {}
            _ => return Vec::new(),
        }
    }
    let usual: Vec<&str> = options.iter().map(|o| o[0].as_str()).collect();
    let mut out = vec![usual.concat()];
    for (i, option) in options.iter().enumerate() {
        for other in &option[1..] {
            if out.len() >= MAX_SPELLINGS {
                return out;
            }
            let mut spelled = usual.clone();
            spelled[i] = other;
            let word = spelled.concat();
            if !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_russian_name_gets_its_usual_spelling_and_one_letter_variants() {
        let chabahar = spellings("чабахар");
        assert_eq!(chabahar[0], "chabakhar");
        assert!(chabahar.contains(&"chabahar".to_owned()), "{chabahar:?}");
        assert_eq!(spellings("моди")[0], "modi");
        assert!(spellings("цзиньпин").iter().any(|s| s == "tszinpin"));
    }

    #[test]
    fn words_with_other_letters_have_no_spelling_and_the_count_is_bounded() {
        assert!(spellings("brics").is_empty());
        assert!(spellings("чаба1").is_empty());
        assert!(spellings("хххххххх").len() <= MAX_SPELLINGS);
        assert_eq!(spellings(""), vec![String::new()]);
    }
}
