//! A web page's article: title, date, language and main text, without navigation, cookie banners,
//! newsletter prompts, related links or comments. Boilerplate is cut by `data/web/boilerplate.toml`,
//! then dom_smoothie (readability.js in Rust) picks the main content.

use std::sync::LazyLock;

use dom_query::Document;
use serde::Deserialize;

/// An article read from a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// `og:title`, the JSON-LD headline or the page title.
    pub title: Option<String>,
    /// ISO date from `article:published_time` or the first `<time datetime>`.
    pub published: Option<String>,
    pub site_name: Option<String>,
    /// The page's `<html lang>`, primary subtag.
    pub language: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ArticleError {
    #[error("the page has no article text")]
    NoText,
    #[error("the page cannot be read: {0}")]
    Unreadable(String),
}

/// Fewest characters of text an article has.
const MIN_TEXT_CHARS: usize = 80;

#[derive(Deserialize)]
struct Boilerplate {
    selectors: Vec<String>,
    class_hints: Vec<String>,
    phrases: Vec<String>,
}

/// The removal selector (one string, valid CSS) and the phrases, built once.
static BOILERPLATE: LazyLock<(String, Vec<String>)> = LazyLock::new(|| {
    let data: Boilerplate = toml::from_str(include_str!("../../data/web/boilerplate.toml")).unwrap_or_else(|e| {
        log::error!("data/web/boilerplate.toml is invalid ({e}); boilerplate is left to readability alone");
        Boilerplate { selectors: Vec::new(), class_hints: Vec::new(), phrases: Vec::new() }
    });
    let keep = ":not(html):not(body):not(main):not(article)";
    let mut parts = data.selectors.clone();
    for hint in &data.class_hints {
        parts.push(format!("{keep}[class*=\"{hint}\" i]"));
        parts.push(format!("{keep}[id*=\"{hint}\" i]"));
    }
    (parts.join(", "), data.phrases.iter().map(|p| p.to_lowercase()).collect())
});

/// Extracts the article of `html`, fetched from `url`.
pub fn extract(html: &str, url: Option<&str>) -> Result<Article, ArticleError> {
    let doc = Document::from(html);
    // Dates sit in article headers, which the boilerplate pass removes: read them first.
    let time = doc.select("time[datetime]").first().attr("datetime").map(|t| t.to_string());
    let language = doc.select("html[lang]").first().attr("lang").map(|l| primary_subtag(&l));
    let (selector, phrases) = &*BOILERPLATE;
    if let Some(found) = doc.try_select(selector) {
        found.remove();
    }
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let url = url.filter(|u| u.starts_with("http"));
    let mut readability = dom_smoothie::Readability::with_document(doc, url, Some(config))
        .map_err(|e| ArticleError::Unreadable(e.to_string()))?;
    let article = readability.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => ArticleError::NoText,
        other => ArticleError::Unreadable(other.to_string()),
    })?;
    let text = clean_text(&article.text_content, phrases);
    if text.chars().count() < MIN_TEXT_CHARS {
        return Err(ArticleError::NoText);
    }
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(Article {
        title: non_empty(Some(article.title)),
        published: article.published_time.as_deref().or(time.as_deref()).and_then(iso_date),
        site_name: non_empty(article.site_name),
        language: language.or_else(|| article.lang.map(|l| primary_subtag(&l))).filter(|l| !l.is_empty()),
        text,
    })
}

/// The text of an HTML fragment (a feed item's content), paragraphs kept.
pub fn fragment_text(html: &str) -> String {
    let (_, phrases) = &*BOILERPLATE;
    clean_text(&Document::from(html).formatted_text(), phrases)
}

/// Keeps the lines that read like article prose: not a boilerplate phrase, not a stray label.
fn clean_text(raw: &str, phrases: &[String]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for line in raw.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() || is_boilerplate(&line, phrases) {
            continue;
        }
        paragraphs.push(line);
    }
    paragraphs.join("\n\n")
}

fn is_boilerplate(line: &str, phrases: &[String]) -> bool {
    let words = line.split_whitespace().count();
    let ends_like_prose = line.ends_with(['.', '!', '?', '"', '»', '”', ':', ';']);
    if words < 6 && !ends_like_prose {
        return true;
    }
    let lower = line.to_lowercase();
    line.chars().count() <= 240 && phrases.iter().any(|p| lower.contains(p.as_str()))
}

fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// `YYYY-MM-DD` from a timestamp or date (RFC 3339, or one starting with an ISO date).
pub fn iso_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(at.format("%Y-%m-%d").to_string());
    }
    let head = raw.get(..10)?;
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok().map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
#[path = "article_tests.rs"]
mod tests;
