//! Parsing tests on the feeds of `tests/fixtures/web/feeds/`, one per format.

use super::*;

const BASE: &str = "https://news.example";

fn feed(name: &str) -> ParsedFeed {
    let path = format!("{}/tests/fixtures/web/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(path).unwrap().replace("{base}", BASE);
    parse(body.as_bytes(), &Url::parse(&format!("{BASE}/feeds/{name}")).unwrap()).unwrap()
}

#[test]
fn rss_2_gives_title_language_ttl_and_items() {
    let parsed = feed("rss2.xml");
    assert_eq!(parsed.title.as_deref(), Some("Coastline Herald — Business"));
    assert_eq!((parsed.language.as_deref(), parsed.ttl), (Some("en"), Some(Duration::from_secs(1800))));
    let item = &parsed.items[0];
    assert_eq!(item.link.as_ref().unwrap().path(), "/business/kenya-port.html");
    assert_eq!(item.published.as_deref(), Some("2025-03-14"));
    assert_eq!(item.content.as_deref(), Some("A loan from Tokyo will pay for two new berths and a rail link."));
}

#[test]
fn rss_1_atom_and_json_feed_are_read_alike() {
    for (name, path, title) in [
        ("rss1.rdf", "/mining/chile-lithium.html", "Chile and Germany sign lithium supply pact"),
        ("atom.xml", "/power/norway-grid.html", "Norway and Poland plan a 700-kilometre power cable"),
        ("feed.json", "/latam/peru-fishing.html", "Peru and Ecuador settle anchovy fishing dispute"),
    ] {
        let parsed = feed(name);
        assert_eq!(parsed.items.len(), 1, "{name}");
        let item = &parsed.items[0];
        assert_eq!(item.link.as_ref().map(Url::path), Some(path), "{name}");
        assert_eq!(item.title.as_deref(), Some(title), "{name}");
        assert!(item.published.is_some(), "{name}");
    }
    assert_eq!(feed("feed.json").language.as_deref(), Some("en"));
}

#[test]
fn html_in_place_of_a_feed_is_not_a_feed() {
    let base = Url::parse(BASE).unwrap();
    assert!(parse(b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>", &base).is_err());
    assert!(parse(b"<rss><channel><item><title>cut off", &base).is_err());
    assert!(parse(b"", &base).is_err());
}
