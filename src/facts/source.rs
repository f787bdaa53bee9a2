//! Reading a source document from disk: its text, checked for sanity, and its metadata sidecar.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The largest document accepted, in bytes. Larger files are refused with a clear error.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// What a document is: from its `NAME.toml` sidecar, or guessed from the file when there is none.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DocumentMeta {
    pub title: String,
    /// The statement or outlet the document reports.
    #[serde(default = "unknown_source")]
    pub source: String,
    /// ISO date, possibly partial ("2024-12" or "2024").
    pub published: String,
    /// ISO 639-1 language code of the text.
    #[serde(default)]
    pub language: String,
}

fn unknown_source() -> String {
    "unknown source".into()
}

/// A document read from disk and ready to parse.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    /// The file name: the document's identity in the fact base.
    pub name: String,
    pub meta: DocumentMeta,
    pub text: String,
    /// Hash of text, metadata and extraction rules.
    pub content_hash: String,
}

/// Why a file cannot become a document.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: cannot read the file: {source}")]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: the file is {bytes} bytes; documents may be at most {max} bytes", max = MAX_DOCUMENT_BYTES)]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("{path}: this looks like a binary file, not text")]
    Binary { path: PathBuf },
    #[error("{path}: the text is not UTF-8; convert it first (for example `iconv -f WINDOWS-1251 -t UTF-8`)")]
    NotUtf8 { path: PathBuf },
    #[error("{path}: the metadata sidecar is not valid: {reason}")]
    BadMeta { path: PathBuf, reason: String },
}

impl SourceDocument {
    /// Reads `path` and its optional sidecar (`path` with the extension `.toml`).
    pub fn read(path: &Path, rules_hash: &str) -> Result<Self, SourceError> {
        let unreadable = |source| SourceError::Unreadable { path: path.to_owned(), source };
        let bytes_on_disk = std::fs::metadata(path).map_err(unreadable)?.len();
        if bytes_on_disk > MAX_DOCUMENT_BYTES {
            return Err(SourceError::TooLarge { path: path.to_owned(), bytes: bytes_on_disk });
        }
        let bytes = std::fs::read(path).map_err(unreadable)?;
        let sidecar = path.with_extension("toml");
        let meta = match std::fs::read_to_string(&sidecar) {
            Ok(text) => Some(
                toml::from_str::<DocumentMeta>(&text)
                    .map_err(|e| SourceError::BadMeta { path: sidecar.clone(), reason: e.to_string() })?,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(SourceError::Unreadable { path: sidecar, source }),
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Self::from_bytes(&name, &bytes, meta, rules_hash).map_err(|e| e.at(path))
    }

    /// Builds a document from raw bytes (a file or a Telegram upload). Errors carry `name` as their path.
    pub fn from_bytes(
        name: &str,
        bytes: &[u8],
        meta: Option<DocumentMeta>,
        rules_hash: &str,
    ) -> Result<Self, SourceError> {
        let path = PathBuf::from(name);
        if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
            return Err(SourceError::TooLarge { path, bytes: bytes.len() as u64 });
        }
        if bytes.contains(&0) {
            return Err(SourceError::Binary { path });
        }
        let text = std::str::from_utf8(bytes).map_err(|_| SourceError::NotUtf8 { path: path.clone() })?;
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        if text.trim().is_empty() {
            return Err(SourceError::Empty { path });
        }
        let mut meta = meta.unwrap_or_else(|| guess_meta(name, &text));
        if meta.language.trim().is_empty() {
            meta.language = guess_language(&text).into();
        }
        let content_hash = content_hash(&text, &meta, rules_hash);
        Ok(SourceDocument { name: name.to_owned(), meta, text, content_hash })
    }
}

impl SourceError {
    fn at(self, path: &Path) -> Self {
        let path = path.to_owned();
        match self {
            SourceError::Empty { .. } => SourceError::Empty { path },
            SourceError::TooLarge { bytes, .. } => SourceError::TooLarge { path, bytes },
            SourceError::Binary { .. } => SourceError::Binary { path },
            SourceError::NotUtf8 { .. } => SourceError::NotUtf8 { path },
            other => other,
        }
    }
}

fn content_hash(text: &str, meta: &DocumentMeta, rules_hash: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [text, &meta.title, &meta.source, &meta.published, &meta.language, rules_hash] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

/// Metadata for a document without a sidecar: the file name as title, today as the date.
fn guess_meta(name: &str, text: &str) -> DocumentMeta {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let title = stem.replace(['-', '_'], " ").trim().to_owned();
    DocumentMeta {
        title: if title.is_empty() { "Untitled document".into() } else { title },
        source: unknown_source(),
        published: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        language: guess_language(text).into(),
    }
}

/// "ru" when most letters are Cyrillic, else "en".
pub fn guess_language(text: &str) -> &'static str {
    let (mut cyrillic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        }
    }
    if letters > 0 && cyrillic * 2 > letters { "ru" } else { "en" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_document_is_refused() {
        let err = SourceDocument::from_bytes("a.txt", b"  \n ", None, "r").unwrap_err();
        assert!(matches!(err, SourceError::Empty { .. }));
    }

    #[test]
    fn binary_and_non_utf8_documents_are_refused_with_clear_errors() {
        assert!(matches!(SourceDocument::from_bytes("a.bin", b"ab\0cd", None, "r"), Err(SourceError::Binary { .. })));
        let cp1251 = [0xC8, 0xED, 0xE4, 0xE8, 0xFF];
        let err = SourceDocument::from_bytes("a.txt", &cp1251, None, "r").unwrap_err();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn a_document_without_sidecar_gets_a_title_from_its_name() {
        let doc = SourceDocument::from_bytes("india-visit_2024.txt", b"Modi visited Russia.", None, "r").unwrap();
        assert_eq!(doc.meta.title, "india visit 2024");
        assert_eq!(doc.meta.language, "en");
    }

    #[test]
    fn the_content_hash_changes_with_text_and_rules() {
        let a = SourceDocument::from_bytes("a.txt", b"One.", None, "r1").unwrap();
        let b = SourceDocument::from_bytes("a.txt", b"Two.", None, "r1").unwrap();
        let c = SourceDocument::from_bytes("a.txt", b"One.", None, "r2").unwrap();
        assert_ne!(a.content_hash, b.content_hash);
        assert_ne!(a.content_hash, c.content_hash);
    }

    #[test]
    fn russian_text_is_detected() {
        assert_eq!(guess_language("Россия и Индия подписали соглашение."), "ru");
    }
}
