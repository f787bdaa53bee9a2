//! Splitting a reply into messages that fit Telegram's limit, between blocks or at sentence boundaries.

use unicode_segmentation::UnicodeSegmentation;

use super::printable;
use crate::reply::{Block, Span};

/// Visible length of text as Telegram counts it: UTF-16 code units, control characters dropped.
pub fn visible_len(s: &str) -> usize {
    printable(s).encode_utf16().count()
}

fn block_len(block: &Block) -> usize {
    match block {
        Block::Line(spans) | Block::Quote(spans) => spans.iter().map(|s| visible_len(s.text())).sum::<usize>() + 1,
        Block::Blank => 1,
    }
}

/// Groups blocks into pages whose visible length stays within `limit`. A block longer than `limit`
/// is cut at sentence boundaries (then words, then characters) into blocks of the same kind.
pub fn pages(blocks: &[Block], limit: usize) -> Vec<Vec<Block>> {
    let limit = limit.max(16);
    let mut pages = Vec::new();
    let mut page: Vec<Block> = Vec::new();
    let mut used = 0;
    for block in blocks.iter().flat_map(|b| cut_block(b, limit)) {
        let len = block_len(&block);
        if used + len > limit && !page.is_empty() {
            pages.push(std::mem::take(&mut page));
            used = 0;
        }
        if page.is_empty() && matches!(block, Block::Blank) {
            continue;
        }
        used += len;
        page.push(block);
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

/// A block's constructor from its spans (`Block::Line`, `Block::Quote`).
type MakeBlock = fn(Vec<Span>) -> Block;

/// Cuts one block into blocks that each fit `limit`.
fn cut_block(block: &Block, limit: usize) -> Vec<Block> {
    if block_len(block) <= limit {
        return vec![block.clone()];
    }
    let (spans, make): (&[Span], MakeBlock) = match block {
        Block::Line(s) => (s, Block::Line),
        Block::Quote(s) => (s, Block::Quote),
        Block::Blank => return vec![Block::Blank],
    };
    let mut out = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut used = 0;
    for span in spans {
        for piece in pieces(span.text(), limit - 1) {
            let len = visible_len(&piece);
            if used + len > limit - 1 && !current.is_empty() {
                out.push(make(std::mem::take(&mut current)));
                used = 0;
            }
            used += len;
            current.push(with_text(span, piece));
        }
    }
    if !current.is_empty() {
        out.push(make(current));
    }
    out
}

fn with_text(span: &Span, text: String) -> Span {
    match span {
        Span::Text(_) => Span::Text(text),
        Span::Bold(_) => Span::Bold(text),
        Span::Italic(_) => Span::Italic(text),
        Span::Code(_) => Span::Code(text),
        Span::Link { url, .. } => Span::Link { text, url: url.clone() },
        Span::DeepLink { payload, .. } => Span::DeepLink { text, payload: payload.clone() },
    }
}

/// Cuts text into pieces of at most `limit` visible units: whole sentences where possible, then words,
/// then characters.
fn pieces(text: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for sentence in text.split_sentence_bounds() {
        for part in fit(sentence, limit, |s| s.split_word_bounds().map(str::to_owned).collect()) {
            for part in fit(&part, limit, |s| s.chars().map(String::from).collect()) {
                if visible_len(&current) + visible_len(&part) > limit && !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                current.push_str(&part);
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn fit(s: &str, limit: usize, finer: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    if visible_len(s) <= limit { vec![s.to_owned()] } else { finer(s) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::text;

    fn total_text(pages: &[Vec<Block>]) -> String {
        pages
            .iter()
            .flatten()
            .map(|b| match b {
                Block::Line(s) | Block::Quote(s) => s.iter().map(Span::text).collect::<String>(),
                Block::Blank => String::new(),
            })
            .collect()
    }

    #[test]
    fn short_replies_stay_in_one_message() {
        let blocks = vec![Block::Line(vec![text("Hello")]), Block::Quote(vec![text("World.")])];
        assert_eq!(pages(&blocks, 100).len(), 1);
    }

    #[test]
    fn a_long_quote_is_cut_at_sentence_boundaries() {
        let sentence = "Russia and India signed an agreement. ";
        let quote = Block::Quote(vec![text(sentence.repeat(10))]);
        let pages = pages(&[quote], 100);
        assert!(pages.len() > 1);
        for page in &pages {
            for block in page {
                let Block::Quote(spans) = block else { panic!("kind changed") };
                let s: String = spans.iter().map(Span::text).collect();
                assert!(s.ends_with(". "), "cut inside a sentence: {s:?}");
                assert!(block_len(block) <= 100);
            }
        }
        assert_eq!(total_text(&pages), sentence.repeat(10));
    }

    #[test]
    fn text_without_spaces_is_cut_by_characters_and_loses_nothing() {
        let long = "я".repeat(250);
        let pages = pages(&[Block::Line(vec![text(long.clone())])], 100);
        assert_eq!(pages.len(), 3);
        assert_eq!(total_text(&pages), long);
    }

    #[test]
    fn emoji_count_as_two_utf16_units() {
        assert_eq!(visible_len("😀"), 2);
    }
}
