//! Topic lexicon: keyword stems (English and Russian) per topic, sentence classification and topic-name resolution.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::inflect::{Piece, is_russian_word, match_piece, match_tail, piece, russian_phrase};
use super::model::{ExtractError, Topic};
use super::norm::{Normalized, ends_word, normalize, normalize_query};
use super::resolve::{MAX_FUZZY_QUERY, similarity, tolerated_edits};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    topics: Vec<TopicSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicSpec {
    key: String,
    name: String,
    name_ru: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
}

/// How a keyword pattern must sit in the text.
#[derive(Debug, Clone)]
enum Fit {
    /// A word beginning ("invest" in "investment").
    Prefix,
    /// A whole word ("war").
    Whole,
    /// A Russian word or phrase, every word its stem plus an ending ("помощь" in "помощи",
    /// "устойчивое развитие" in "устойчивого развития"): the first word's piece, then the others.
    Inflected(Piece, Vec<Piece>),
}

/// Topics with their keywords, compiled for fast classification.
pub struct TopicLexicon {
    topics: Vec<Topic>,
    automaton: Option<AhoCorasick>,
    /// Per pattern: `(topic index, fit)` for every topic using it.
    patterns: Vec<Vec<(usize, Fit)>>,
    /// Normalised names, keys and keywords for [`TopicLexicon::resolve`].
    names: Vec<(String, usize)>,
}

impl std::fmt::Debug for TopicLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicLexicon").field("topics", &self.topics.len()).finish()
    }
}

fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl TopicLexicon {
    /// Builds the lexicon from TOML text (`[[topics]]` with key, name, name_ru, keywords, exact).
    pub fn from_toml(s: &str) -> Result<Self, ExtractError> {
        let file: TopicsFile = toml::from_str(s)?;
        let mut topics: Vec<Topic> = Vec::new();
        for spec in file.topics {
            if !valid_key(&spec.key) {
                let reason = "topic keys use lowercase letters, digits and dashes".to_string();
                return Err(ExtractError::InvalidKey { key: spec.key, reason });
            }
            if topics.iter().any(|t| t.key == spec.key) {
                return Err(ExtractError::DuplicateKey(spec.key));
            }
            if spec.name.trim().is_empty() {
                return Err(ExtractError::Invalid { key: spec.key, reason: "the name is empty".into() });
            }
            topics.push(Topic {
                key: spec.key,
                name: spec.name,
                name_ru: spec.name_ru,
                keywords: spec.keywords,
                exact: spec.exact,
            });
        }
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<(usize, Fit)>> = Vec::new();
        let mut names: Vec<(String, usize)> = Vec::new();
        for (t, topic) in topics.iter().enumerate() {
            for n in [&topic.key, &topic.name, &topic.name_ru] {
                names.push((normalize_query(n), t));
            }
            let words = topic.keywords.iter().map(|k| (k, false)).chain(topic.exact.iter().map(|k| (k, true)));
            for (word, exact) in words {
                let (word, literal) = match word.trim().strip_prefix('=') {
                    Some(w) => (w, true),
                    None => (word.trim(), false),
                };
                let norm = normalize(word);
                if norm.is_empty() {
                    continue;
                }
                let (text, fit) = if literal { (norm.clone(), Fit::Whole) } else { keyword_fit(&norm, exact) };
                // The leading space anchors every keyword at a word start of the normalised text.
                let norm = format!(" {text}");
                names.push((normalize_query(word), t));
                let i = *index.entry(norm.clone()).or_insert_with(|| {
                    texts.push(norm);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                if let Some(list) = patterns.get_mut(i) {
                    list.push((t, fit));
                }
            }
        }
        let automaton = if texts.is_empty() {
            None
        } else {
            // A contiguous NFA, as for the gazetteer: a fraction of a DFA's memory, no slower on sentences.
            let built = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&texts);
            Some(built.map_err(|e| ExtractError::Invalid { key: "topics".into(), reason: e.to_string() })?)
        };
        Ok(TopicLexicon { topics, automaton, patterns, names })
    }

    /// Every topic, in file order.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Keys of the topics whose keywords occur in `sentence`, in lexicon order.
    pub fn classify(&self, sentence: &str) -> Vec<String> {
        self.classify_in(&Normalized::new(sentence))
    }

    /// [`TopicLexicon::classify`] on an already normalised sentence.
    pub(super) fn classify_in(&self, norm: &Normalized<'_>) -> Vec<String> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut hit = vec![false; self.topics.len()];
        for m in ac.find_overlapping_iter(&norm.text) {
            let whole = ends_word(&norm.text, m.end());
            for (t, fit) in self.patterns.get(m.pattern().as_usize()).into_iter().flatten() {
                let fits = match fit {
                    Fit::Prefix => true,
                    Fit::Whole => whole,
                    Fit::Inflected(first, rest) => match_piece(&norm.text, m.start() + 1, first)
                        .and_then(|end| match_tail(&norm.text, end, rest))
                        .is_some(),
                };
                if fits && let Some(h) = hit.get_mut(*t) {
                    *h = true;
                }
            }
        }
        self.topics.iter().zip(hit).filter(|(_, h)| *h).map(|(t, _)| t.key.clone()).collect()
    }

    /// The key of the topic a user means: by key, name, Russian name or keyword, with typos tolerated.
    pub fn resolve(&self, query: &str) -> Option<String> {
        let q = normalize_query(query);
        if q.is_empty() {
            return None;
        }
        let key = |t: usize| self.topics.get(t).map(|t| t.key.clone());
        if let Some((_, t)) = self.names.iter().find(|(n, _)| *n == q) {
            return key(*t);
        }
        let stem = self.names.iter().filter(|(n, _)| n.chars().count() >= 4 && q.starts_with(n.as_str()));
        if let Some((_, t)) = stem.max_by_key(|(n, _)| n.len()) {
            return key(*t);
        }
        if q.len() > MAX_FUZZY_QUERY {
            return None;
        }
        let q_len = q.chars().count();
        let mut distance = vec![usize::MAX; self.topics.len()];
        for (n, t) in &self.names {
            let (d, _) = similarity(&q, n, q_len, n.chars().count());
            if let Some(best) = distance.get_mut(*t) {
                *best = (*best).min(d);
            }
        }
        let mut order: Vec<(usize, usize)> = distance.into_iter().enumerate().map(|(t, d)| (d, t)).collect();
        order.sort_unstable();
        match order.as_slice() {
            [(d, t), rest @ ..] if *d <= tolerated_edits(q_len) && rest.first().is_none_or(|(d2, _)| d2 > d) => key(*t),
            _ => None,
        }
    }
}

/// The automaton text and fit of a normalised keyword. Russian exact words and Russian phrases
/// inflect (Snowball stems, `inflect`); other keywords, Russian ones included, are prefixes as written
/// ("торгов", "энерг" are stems already) or whole words.
fn keyword_fit(norm: &str, exact: bool) -> (String, Fit) {
    if let Some(mut pieces) = russian_phrase(norm) {
        let first = pieces.remove(0);
        return (first.stem.clone(), Fit::Inflected(first, pieces));
    }
    if exact && is_russian_word(norm) {
        let first = piece(norm);
        return (first.stem.clone(), Fit::Inflected(first, Vec::new()));
    }
    (norm.to_string(), if exact { Fit::Whole } else { Fit::Prefix })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::TOPICS;
    use super::*;

    #[test]
    fn sentences_get_every_matching_topic() {
        let got = TOPICS.classify("Expanded cooperation in finance, investment, transport and energy.");
        assert_eq!(got, vec!["finance", "energy", "transport"]);
    }

    #[test]
    fn keywords_match_as_stems_and_exact_words_whole() {
        assert_eq!(TOPICS.classify("Investments grew."), vec!["finance"]);
        assert!(TOPICS.classify("A portrait of a warm coalition.").is_empty());
        assert_eq!(TOPICS.classify("The war ended."), vec!["security"]);
    }

    #[test]
    fn russian_keywords_match() {
        assert_eq!(TOPICS.classify("Товарооборот вырос."), vec!["trade"]);
        assert!(TOPICS.classify("Визит президента").contains(&"diplomacy".to_string()));
        assert!(!TOPICS.classify("Визит президента").contains(&"people-to-people".to_string()));
    }

    #[test]
    fn russian_exact_words_match_in_every_case_but_not_longer_words() {
        for s in ["Оказана гуманитарная помощь.", "Страна нуждается в помощи.", "Они пришли на помощь соседям."]
        {
            assert!(TOPICS.classify(s).contains(&"humanitarian".to_string()), "{s}");
        }
        assert!(TOPICS.classify("Поставки газа выросли.").contains(&"energy".to_string()));
        assert!(TOPICS.classify("Договор о поставках газом").contains(&"energy".to_string()));
        assert!(!TOPICS.classify("Он читал газету.").contains(&"energy".to_string()));
        assert!(TOPICS.classify("Экспорт угля вырос.").contains(&"energy".to_string()));
        assert!(!TOPICS.classify("Вопрос рассмотрели под другим углом.").contains(&"energy".to_string()));
        assert!(TOPICS.classify("Отменены визы для туристов.").contains(&"people-to-people".to_string()));
        assert!(!TOPICS.classify("Министр нанёс визит в Ташкент.").contains(&"people-to-people".to_string()));
    }

    #[test]
    fn russian_keyword_phrases_match_inflected() {
        assert!(TOPICS.classify("Обсуждались цели устойчивого развития.").contains(&"climate".to_string()));
        assert!(TOPICS.classify("Центр по искусственному интеллекту открыт.").contains(&"technology".to_string()));
        assert!(TOPICS.classify("Открылись курсы русского языка.").contains(&"people-to-people".to_string()));
    }

    #[test]
    fn house_of_russia_is_people_to_people() {
        assert!(TOPICS.classify("The pilot project \"House of Russia\"").contains(&"people-to-people".to_string()));
    }

    #[test]
    fn topic_names_resolve_with_typos_and_in_russian() {
        assert_eq!(TOPICS.resolve("Trade").as_deref(), Some("trade"));
        assert_eq!(TOPICS.resolve("торговля").as_deref(), Some("trade"));
        assert_eq!(TOPICS.resolve("Enrgy").as_deref(), Some("energy"));
        assert_eq!(TOPICS.resolve("investment").as_deref(), Some("finance"));
        assert_eq!(TOPICS.resolve("people to people").as_deref(), Some("people-to-people"));
        assert_eq!(TOPICS.resolve("zzzz"), None);
    }

    #[test]
    fn invalid_lexicons_are_errors() {
        assert!(matches!(
            TopicLexicon::from_toml("[[topics]]\nkey = \"Bad Key\"\nname = \"x\"\nname_ru = \"x\""),
            Err(ExtractError::InvalidKey { .. })
        ));
        assert!(matches!(TopicLexicon::from_toml("nonsense = ["), Err(ExtractError::Toml(_))));
        assert!(TopicLexicon::from_toml("").is_ok_and(|t| t.topics().is_empty() && t.classify("trade").is_empty()));
    }
}
