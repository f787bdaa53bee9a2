//! Reading a feed (RSS 2.0, RSS 1.0, Atom or JSON Feed, through feed-rs) into what the poller needs.

use std::time::Duration;

use url::Url;

use crate::web::article;

/// A feed as the poller sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// The declared language, primary subtag ("en" for "en-us").
    pub language: Option<String>,
    /// How long the feed says it may be cached (RSS `ttl`).
    pub ttl: Option<Duration>,
    pub items: Vec<FeedItem>,
}

/// One item of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    pub id: String,
    /// The article's page, resolved against the feed's address.
    pub link: Option<Url>,
    pub title: Option<String>,
    /// ISO date.
    pub published: Option<String>,
    /// The item's own text (its content, else its summary), for when the page cannot be fetched.
    pub content: Option<String>,
}

/// Why a body is not a feed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("not a readable RSS, Atom or JSON feed: {0}")]
pub struct NotAFeed(pub String);

/// Parses `body`, fetched from `base`.
pub fn parse(body: &[u8], base: &Url) -> Result<ParsedFeed, NotAFeed> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(body)
        .map_err(|e| NotAFeed(e.to_string()))?;
    let items = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .filter(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
                .find_map(|l| base.join(l.href.trim()).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https"));
            let html = entry.content.and_then(|c| c.body).or(entry.summary.map(|s| s.content));
            let content = html.map(|h| article::fragment_text(&h)).filter(|t| !t.trim().is_empty());
            FeedItem {
                id: entry.id,
                link,
                title: entry.title.map(|t| plain(&t.content)).filter(|t| !t.is_empty()),
                published: entry.published.or(entry.updated).map(|at| at.format("%Y-%m-%d").to_string()),
                content,
            }
        })
        .collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| plain(&t.content)).filter(|t| !t.is_empty()),
        language: feed.language.map(|l| l.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()),
        ttl: feed.ttl.map(|minutes| Duration::from_secs(u64::from(minutes) * 60)),
        items,
    })
}

/// A title without markup or runs of whitespace.
fn plain(text: &str) -> String {
    let text = if text.contains('<') { dom_query::Document::from(text).text().to_string() } else { text.to_owned() };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
