//! Unit tests of the Telegram HTML parser (validation errors, decoded text, entities).

use super::*;

fn ok(s: &str) -> Parsed {
    parse_html(s, true).unwrap_or_else(|e| panic!("{s:?} should parse, got {e}"))
}

fn fails(s: &str) -> String {
    match parse_html(s, true) {
        Ok(p) => panic!("{s:?} should be rejected, parsed as {p:?}"),
        Err(e) => {
            assert!(e.starts_with(PARSE_ERROR_PREFIX), "{e}");
            e[PARSE_ERROR_PREFIX.len()..].to_string()
        }
    }
}

#[test]
fn plain_text_passes_through() {
    let p = ok("hello, мир 👋");
    assert_eq!(p.text, "hello, мир 👋");
    assert!(p.entities.is_empty());
}

#[test]
fn every_supported_tag_is_accepted() {
    let s = "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>\
             <strike>k</strike><del>d</del><span class=\"tg-spoiler\">p</span>\
             <tg-spoiler>t</tg-spoiler><a href=\"https://x.org/\">a</a><code>c</code>\
             <pre>p</pre><blockquote>q</blockquote><tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>";
    let p = ok(s);
    assert_eq!(p.text, "bsieunskdptacpq👍");
    let types: Vec<&str> = p.entities.iter().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(
        types,
        [
            "bold",
            "bold",
            "italic",
            "italic",
            "underline",
            "underline",
            "strikethrough",
            "strikethrough",
            "strikethrough",
            "spoiler",
            "spoiler",
            "text_link",
            "code",
            "pre",
            "blockquote",
            "custom_emoji"
        ]
    );
}

#[test]
fn entities_have_utf16_offsets_and_lengths() {
    let p = ok("😀 <b>жир</b> <i>😀x</i>");
    assert_eq!(p.entities[0], json!({"type": "bold", "offset": 3, "length": 3}));
    assert_eq!(p.entities[1], json!({"type": "italic", "offset": 7, "length": 3}));
}

#[test]
fn nested_tags_and_uppercase_names() {
    let p = ok("<B>bold <i>both</i></B>");
    assert_eq!(p.text, "bold both");
    assert_eq!(p.entities.len(), 2);
    assert_eq!(p.entities[0]["length"], 9);
}

#[test]
fn character_entities_are_decoded() {
    let p = ok("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;&#X43;");
    assert_eq!(p.text, "<tag> & \"q\" ABC");
}

#[test]
fn pre_with_language_becomes_single_entity() {
    let p = ok("<pre><code class=\"language-rust\">fn main() {}</code></pre>");
    assert_eq!(p.text, "fn main() {}");
    assert_eq!(p.entities, vec![json!({"type": "pre", "language": "rust", "offset": 0, "length": 12})]);
}

#[test]
fn code_inside_pre_without_language_is_just_pre() {
    let p = ok("<pre><code>x</code></pre>");
    assert_eq!(p.entities, vec![json!({"type": "pre", "offset": 0, "length": 1})]);
}

#[test]
fn expandable_blockquote_and_links() {
    let p = ok("<blockquote expandable>q</blockquote><a href='tg://user?id=1'>u</a>");
    assert_eq!(p.entities[0]["type"], "expandable_blockquote");
    assert_eq!(p.entities[1], json!({"type": "text_link", "url": "tg://user?id=1", "offset": 1, "length": 1}));
    let p = ok("<a href=\"https://e.com/?a=1&amp;b=2\">x</a>");
    assert_eq!(p.entities[0]["url"], "https://e.com/?a=1&b=2");
    // An href Telegram cannot understand is dropped, not rejected.
    assert!(ok("<a href=\"not a url\">x</a>").entities.is_empty());
}

#[test]
fn unsupported_tags_are_rejected_with_byte_offset() {
    assert_eq!(fails("Hi! <script>x</script>"), "Unsupported start tag \"script\" at byte offset 4");
    assert_eq!(fails("<br>"), "Unsupported start tag \"br\" at byte offset 0");
    assert_eq!(fails("<p>x</p>"), "Unsupported start tag \"p\" at byte offset 0");
}

#[test]
fn bare_angle_brackets_are_rejected() {
    assert_eq!(fails("a < b"), "Unsupported start tag \"\" at byte offset 2");
    assert_eq!(fails("1<2"), "Unclosed start tag at byte offset 1");
    assert!(fails("a > b").contains("\">\" at byte offset 2"));
}

#[test]
fn bare_ampersands_are_rejected_in_strict_mode_only() {
    assert!(fails("Tom & Jerry").contains("\"&\" at byte offset 4"));
    assert!(fails("&nbsp;").contains("byte offset 0"));
    assert!(fails("&#xZZ;").contains("byte offset 0"));
    let lax = parse_html("Tom & Jerry > x &nbsp;", false).expect("lax mode");
    assert_eq!(lax.text, "Tom & Jerry > x &nbsp;");
}

#[test]
fn nesting_errors() {
    assert_eq!(fails("x</b>"), "Unexpected end tag at byte offset 1");
    assert_eq!(fails("<b>x"), "Can't find end tag corresponding to start tag \"b\"");
    assert_eq!(fails("<b><i>x</b></i>"), "Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"");
    assert_eq!(fails("<b>x</b"), "Unclosed end tag at byte offset 4");
}

#[test]
fn attribute_rules() {
    assert!(fails("<span>x</span>").starts_with("Tag \"span\" must have class \"tg-spoiler\""));
    assert!(fails("<span class=\"bold\">x</span>").contains("tg-spoiler"));
    assert!(fails("<a>x</a>").starts_with("Tag \"a\" must have attribute \"href\""));
    assert!(fails("<a href=\"\">x</a>").contains("href"));
    assert!(fails("<b x>y</b>").starts_with("Expected equal sign"));
    assert!(fails("<a href=\"https://e.com>x</a>").starts_with("Unclosed start tag"));
    assert!(fails("<tg-emoji>x</tg-emoji>").contains("custom emoji"));
    // Unknown attributes are ignored, unquoted values allowed.
    ok("<b data-x=\"1\">y</b><span class=tg-spoiler>z</span>");
}

#[test]
fn empty_entities_are_dropped_and_utf16_len_counts_surrogates() {
    assert!(ok("<b></b>x").entities.is_empty());
    assert_eq!(utf16_len("a😀"), 3);
    assert_eq!(utf16_len("жж"), 2);
}
