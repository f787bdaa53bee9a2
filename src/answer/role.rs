//! A person's role as a sentence states it: the title written right before the person's name
//! ("Foreign Minister Sergey Lavrov"), from the titles of `data/discovery.toml`.

use super::analysis::{Analysis, words};
use crate::facts::{EntityKind, Gazetteer, extract::discover::lexicon};

/// Capitalised words that may stand between a title and the name asked for: given names and initials
/// ("Foreign Minister Sergey Lavrov", "Министр иностранных дел России Сергей Лавров").
const MAX_WORDS_BETWEEN: usize = 3;

/// The title of a person the question names, as written in `row`'s sentence.
pub fn title_of(a: &Analysis, row: &crate::db::facts::FactRow, gazetteer: &Gazetteer) -> Option<String> {
    let people = a.entities.iter().filter_map(|k| gazetteer.get(k)).filter(|e| e.kind == EntityKind::Person);
    for person in people {
        let mut names: Vec<&String> = std::iter::once(&person.name).chain(&person.aliases).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for name in names {
            if let Some((at, _)) = words::find_name(&row.text, name)
                && let Some(title) = title_before(&row.text[..at])
            {
                return Some(title);
            }
        }
    }
    None
}

/// The title that ends `before` (up to [`MAX_WORDS_BETWEEN`] capitalised words back), as written.
fn title_before(before: &str) -> Option<String> {
    let tokens = words::tokens(before);
    let titles = &lexicon::bundled().titles;
    for skipped in 0..=MAX_WORDS_BETWEEN.min(tokens.len()) {
        let end = tokens.len() - skipped;
        if tokens[end..].iter().any(|t| !t.capitalised) {
            break;
        }
        // Only spaces and an initial's full stop between the words.
        if tokens.get(end.wrapping_sub(1)..).is_some_and(|run| !joined(before, run)) {
            break;
        }
        for title in titles {
            let Some(first) = end.checked_sub(title.len()) else { continue };
            let window = &tokens[first..end];
            if window.iter().zip(title).all(|(t, w)| t.lower == words::fold(w)) && joined(before, &tokens[first..]) {
                return Some(before[window[0].start..window[window.len() - 1].end].to_owned());
            }
        }
    }
    None
}

/// Whether the tokens run on to the end of `text` with only spaces, hyphens and full stops between them.
fn joined(text: &str, run: &[words::Token]) -> bool {
    let gaps = run.windows(2).map(|w| &text[w[0].end..w[1].start]);
    let tail = run.last().map_or("", |t| &text[t.end..]);
    gaps.chain(std::iter::once(tail)).all(|gap| gap.chars().all(|c| c == ' ' || c == '.' || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_right_before_a_name_is_the_role() {
        assert_eq!(title_before("Russian Foreign Minister Sergey ").as_deref(), Some("Foreign Minister"));
        assert_eq!(title_before("talks with Prime Minister ").as_deref(), Some("Prime Minister"));
        assert_eq!(title_before("met External Affairs Minister S. ").as_deref(), Some("External Affairs Minister"));
        assert_eq!(
            title_before("встреча с министром иностранных дел России Сергеем ").as_deref(),
            None,
            "an inflected Russian title is not one of the listed forms"
        );
        assert_eq!(title_before("Министр иностранных дел России Сергей ").as_deref(), Some("Министр иностранных дел"));
    }

    #[test]
    fn a_title_not_next_to_the_name_is_not_a_role() {
        assert_eq!(title_before("The President said that "), None);
        assert_eq!(title_before("the Minister, "), None);
        assert_eq!(title_before(""), None);
        assert_eq!(title_before("Foreign Minister of France, met "), None);
    }
}
