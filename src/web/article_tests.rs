//! Extraction tests on the saved news pages of `tests/fixtures/web/`.

use super::*;

fn page(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/web/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_article_text_is_kept_and_the_boilerplate_is_dropped() {
    let article = extract(&page("kenya-port.html"), Some("https://herald.example/business/mombasa")).unwrap();
    assert!(article.text.contains("Kenya and Japan signed a loan agreement worth $1.2 billion"), "{}", article.text);
    assert!(article.text.contains("train 300 port technicians in Yokohama"), "{}", article.text);
    for boilerplate in [
        "We use cookies",
        "Subscribe to our newsletter",
        "Dar es Salaam port sets record",
        "Share on X",
        "The queues at the port have been a disgrace",
        "grandchildren",
        "Nairobi marathon",
        "All rights reserved",
        "Wanjiru Otieno",
    ] {
        assert!(!article.text.contains(boilerplate), "{boilerplate:?} survived in {}", article.text);
    }
}

#[test]
fn title_date_and_site_come_from_the_page_metadata() {
    let article = extract(&page("kenya-port.html"), None).unwrap();
    assert_eq!(article.title.as_deref(), Some("Kenya and Japan agree $1.2 billion Mombasa port expansion"));
    assert_eq!(article.published.as_deref(), Some("2025-03-14"));
    assert_eq!(article.site_name.as_deref(), Some("Coastline Herald"));
    assert_eq!(article.language.as_deref(), Some("en"));
}

#[test]
fn a_time_element_dates_an_article_without_published_metadata() {
    let article = extract(&page("chile-lithium.html"), None).unwrap();
    assert_eq!(article.published.as_deref(), Some("2025-04-02"));
    assert!(!article.text.contains("accept cookies"), "{}", article.text);
    assert!(!article.text.contains("Mining Week briefing"), "{}", article.text);
}

#[test]
fn paragraphs_stay_apart() {
    let article = extract(&page("norway-grid.html"), None).unwrap();
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("Norway and Poland agreed on Monday"));
    assert!(!article.text.contains("over budget"), "a comment survived: {}", article.text);
}

#[test]
fn a_russian_page_keeps_its_text_and_loses_its_banners() {
    let article = extract(&page("mongolia-rail.ru.html"), None).unwrap();
    assert!(article.text.contains("30 миллионов тонн угля"), "{}", article.text);
    for boilerplate in ["файлы cookie", "Подпишитесь", "Читайте также", "пробках", "Все права защищены"]
    {
        assert!(!article.text.contains(boilerplate), "{boilerplate:?} survived in {}", article.text);
    }
    assert_eq!(article.language.as_deref(), Some("ru"));
}

#[test]
fn a_page_with_no_text_is_an_error_not_an_empty_article() {
    let html = "<html><body><nav><a href='/'>Home</a></nav><div class='cookie'>We use cookies.</div></body></html>";
    assert_eq!(extract(html, None), Err(ArticleError::NoText));
    assert_eq!(extract("", None), Err(ArticleError::NoText));
}

#[test]
fn feed_item_html_becomes_paragraphs_of_text() {
    let text = fragment_text("<p>Brazil and India signed <b>3</b> agreements.</p><p>Trade grew by 12%.</p>");
    assert_eq!(text, "Brazil and India signed 3 agreements.\n\nTrade grew by 12%.");
}

#[test]
fn dates_are_read_from_timestamps_and_iso_prefixes() {
    assert_eq!(iso_date("2025-03-14T23:30:00-05:00").as_deref(), Some("2025-03-14"));
    assert_eq!(iso_date("2025-04-02").as_deref(), Some("2025-04-02"));
    assert_eq!(iso_date("14 March 2025"), None);
}
