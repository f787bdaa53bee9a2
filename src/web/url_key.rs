//! One address per article: URLs normalised so the same page reached through two feeds, with tracking
//! parameters or a `#fragment`, is recognised as the same page.

use url::Url;

/// Query parameters that only say who sent the reader (`utm_*` and the like); dropped from the key.
const TRACKING_PREFIXES: &[&str] = &["utm_", "mc_", "_hs", "pk_", "mtm_"];
const TRACKING_NAMES: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "igshid", "twclid", "ref_src", "ref",
    "cmpid", "ito", "ncid", "ocid", "_ga", "_gl", "spm", "from", "rss", "feed",
];

/// Parses `raw` as an absolute http(s) URL, or says why it is not one.
pub fn parse(raw: &str) -> Result<Url, super::FetchError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| super::FetchError::BadUrl { url: raw.trim().to_owned(), reason: e.to_string() })?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        _ => Err(super::FetchError::Scheme { url: url.to_string() }),
    }
}

/// The page's identity: lower-case host, no default port, no fragment, no
/// tracking parameters, remaining parameters sorted, no trailing slash on a non-root path.
pub fn normalise(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !is_tracking(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let path = url.path().to_owned();
    if path.len() > 1 && path.ends_with('/') {
        url.set_path(path.trim_end_matches('/'));
    }
    url.to_string()
}

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PREFIXES.iter().any(|p| name.starts_with(p)) || TRACKING_NAMES.contains(&name.as_str())
}

/// Whether a line of text is nothing but one web address (what the owner sends to ingest a page).
pub fn lone_url(text: &str) -> Option<Url> {
    let text = text.trim();
    if text.contains(char::is_whitespace) || !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    parse(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> String {
        normalise(&Url::parse(raw).unwrap())
    }

    #[test]
    fn tracking_parameters_and_fragments_are_dropped() {
        assert_eq!(
            key("https://News.Example.com/world/summit-ends?utm_source=rss&utm_medium=feed&fbclid=x#comments"),
            "https://news.example.com/world/summit-ends"
        );
    }

    #[test]
    fn meaningful_parameters_are_kept_in_a_stable_order() {
        assert_eq!(
            key("https://example.com/article?page=2&id=17&utm_campaign=a"),
            "https://example.com/article?id=17&page=2"
        );
        assert_eq!(key("https://example.com/a?id=17&page=2"), key("https://example.com/a?page=2&id=17"));
    }

    #[test]
    fn default_ports_and_trailing_slashes_do_not_make_a_new_page() {
        assert_eq!(key("https://example.com:443/world/story/"), "https://example.com/world/story");
        assert_eq!(key("http://example.com/"), "http://example.com/");
    }

    #[test]
    fn only_a_lone_web_address_counts_as_a_link_to_ingest() {
        assert!(lone_url(" https://example.com/story ").is_some());
        assert!(lone_url("read https://example.com/story").is_none());
        assert!(lone_url("ftp://example.com/x").is_none());
        assert!(lone_url("How much did Russia trade with China?").is_none());
    }
}
