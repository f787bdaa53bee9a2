//! Decoding a page to text: a byte-order mark, then the `Content-Type` charset, then `<meta charset>` (or
//! an XML declaration), then UTF-8. Windows-1251 and KOI8-R pages come out as the Russian they are.

use encoding_rs::Encoding;

/// How far into a page a `<meta charset>` is looked for (the HTML standard says 1024 bytes; pages pad).
const SNIFF_BYTES: usize = 4096;

/// The page's text, decoded by the rules above; undecodable bytes become U+FFFD.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = sniff(bytes, content_type);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding a page is in.
pub fn sniff(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    content_type
        .and_then(charset_param)
        .or_else(|| declared_in(&bytes[..bytes.len().min(SNIFF_BYTES)]))
        .unwrap_or(encoding_rs::UTF_8)
}

/// The `charset=` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("charset")).then(|| label(value))?
    })
}

/// A `<meta charset=…>`, `<meta http-equiv content="…; charset=…">` or `<?xml encoding="…"?>` near the top.
fn declared_in(head: &[u8]) -> Option<&'static Encoding> {
    // Labels are ASCII; reading the head as Latin-1 keeps byte offsets and never fails.
    let head: String = head.iter().map(|&b| char::from(b).to_ascii_lowercase()).collect();
    for key in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(at) = head[from..].find(key) {
            let start = from + at + key.len();
            if let Some(encoding) = label(&head[start..]) {
                return Some(encoding);
            }
            from = start;
        }
    }
    None
}

/// An encoding label at the start of `raw` (quotes and spaces allowed around it).
fn label(raw: &str) -> Option<&'static Encoding> {
    let raw = raw.trim_start().trim_start_matches(['"', '\'']);
    let end =
        raw.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))).unwrap_or(raw.len());
    let encoding = Encoding::for_label(&raw.as_bytes()[..end])?;
    // A page that claims UTF-16 in ASCII markup is not UTF-16 (the HTML standard's rule).
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        Some(encoding_rs::UTF_8)
    } else {
        Some(encoding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSSIAN: &str = "Россия и Индия подписали соглашение";

    fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn the_content_type_charset_decodes_windows_1251() {
        let bytes = encoded(RUSSIAN, encoding_rs::WINDOWS_1251);
        assert_eq!(decode(&bytes, Some("text/html; charset=windows-1251")), RUSSIAN);
    }

    #[test]
    fn a_meta_charset_decodes_koi8_r_when_the_header_says_nothing() {
        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        page.extend(encoded(RUSSIAN, encoding_rs::KOI8_R));
        assert!(decode(&page, Some("text/html")).contains(RUSSIAN));
    }

    #[test]
    fn a_meta_http_equiv_charset_is_honoured() {
        let mut page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Windows-1251\">".to_vec();
        page.extend(encoded(RUSSIAN, encoding_rs::WINDOWS_1251));
        assert!(decode(&page, None).contains(RUSSIAN));
    }

    #[test]
    fn the_header_wins_over_the_meta_tag_and_a_bom_wins_over_both() {
        let mut page = b"<meta charset=\"koi8-r\">".to_vec();
        page.extend(encoded(RUSSIAN, encoding_rs::WINDOWS_1251));
        assert!(decode(&page, Some("text/html; charset=\"cp1251\"")).contains(RUSSIAN));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(RUSSIAN.as_bytes());
        assert_eq!(decode(&bom, Some("text/html; charset=windows-1251")), RUSSIAN);
    }

    #[test]
    fn an_xml_declaration_names_the_feeds_encoding() {
        let mut feed = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>".to_vec();
        feed.extend(encoded(RUSSIAN, encoding_rs::WINDOWS_1251));
        assert!(decode(&feed, None).contains(RUSSIAN));
    }

    #[test]
    fn without_any_declaration_the_text_is_utf8() {
        assert_eq!(decode(RUSSIAN.as_bytes(), None), RUSSIAN);
        assert_eq!(sniff(b"<p>plain</p>", Some("text/html; charset=nonsense")), encoding_rs::UTF_8);
    }
}
