//! A web page becoming a document: fetched, its article extracted (or the feed item's own text used),
//! checked against the pages already ingested, then ingested through the ordinary path and recorded.
//! The record is written only after the document's transaction: a crash in between re-fetches the page,
//! whose unchanged document costs nothing.

use sha2::{Digest, Sha256};
use url::Url;

use crate::{
    db::{self, feeds::ItemRecord},
    facts::{DocumentMeta, IngestError, IngestOutcome, SourceDocument, intake::Intake},
    web::{
        FetchError, Fetcher, Validators,
        article::{self, Article, ArticleError},
        url_key,
    },
};

/// A page's text and what is known about it, ready to ingest.
#[derive(Debug, Clone, PartialEq)]
pub struct WebPage {
    /// The normalised address: the document's name and link.
    pub url_key: String,
    pub title: String,
    /// The outlet (the feed's title, the site's name or its host).
    pub source: String,
    /// ISO date.
    pub published: String,
    pub language: String,
    pub text: String,
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{url}: {error}")]
    Article { url: String, error: ArticleError },
    #[error("{url}: not a web page ({content_type})")]
    NotHtml { url: String, content_type: String },
}

/// What ingesting a page did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    Ingested {
        sentences: usize,
    },
    Unchanged,
    /// The same text was already ingested, under the named document.
    Duplicate {
        of: String,
    },
}

/// Fetches `url` and extracts its article.
pub async fn fetch_article(fetcher: &Fetcher, url: &Url) -> Result<Article, PageError> {
    let fetched = fetcher.get(url, &Validators::default()).await?;
    let content_type = fetched.content_type.clone().unwrap_or_default().to_ascii_lowercase();
    if !(content_type.is_empty() || content_type.contains("html") || content_type.starts_with("text/")) {
        return Err(PageError::NotHtml { url: url.to_string(), content_type });
    }
    let html = fetched.text();
    let final_url = fetched.url.to_string();
    tokio::task::spawn_blocking(move || article::extract(&html, Some(&final_url)))
        .await
        .map_err(|e| PageError::Article { url: url.to_string(), error: ArticleError::Unreadable(e.to_string()) })?
        .map_err(|error| PageError::Article { url: url.to_string(), error })
}

/// What the feed (or the caller) knows about a page before it is read.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Declared by the feed: wins over detection.
    pub language: Option<String>,
}

/// Combines an article with the feed's hints into a page.
pub fn page_of(url: &Url, article: Article, hints: &Hints) -> WebPage {
    let language =
        hints.language.clone().unwrap_or_else(|| detect_language(&article.text, article.language.as_deref()));
    WebPage {
        url_key: url_key::normalise(url),
        title: article.title.or_else(|| hints.title.clone()).unwrap_or_else(|| url.to_string()),
        source: hints
            .source
            .clone()
            .or(article.site_name)
            .unwrap_or_else(|| url.host_str().unwrap_or_default().to_owned()),
        published: article.published.or_else(|| hints.published.clone()).unwrap_or_else(today),
        language,
        text: article.text,
    }
}

/// The language of `text` by whatlang when it is sure, else the page's declared one, else a script guess.
pub fn detect_language(text: &str, declared: Option<&str>) -> String {
    match whatlang::detect(text) {
        Some(info) if info.is_reliable() => match info.lang() {
            whatlang::Lang::Eng => "en".into(),
            whatlang::Lang::Rus => "ru".into(),
            whatlang::Lang::Ukr => "uk".into(),
            other => declared.map_or_else(|| other.code().to_owned(), str::to_owned),
        },
        _ => declared.map_or_else(|| crate::facts::source::guess_language(text).to_owned(), str::to_owned),
    }
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// The hash a page's text is recognised by under another address.
pub fn text_hash(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    hex::encode(&Sha256::digest(collapsed.as_bytes())[..16])
}

/// Ingests `page` unless its text is already in the fact base under another address; records the page
/// (and the feed item `item`, if any) after the document is committed.
pub async fn ingest_page(
    intake: &Intake,
    page: &WebPage,
    item: Option<(i64, &str)>,
) -> Result<PageOutcome, IngestError> {
    let (hash, now, store, ingestor) = (text_hash(&page.text), db::now_text(), &intake.store, &intake.ingestor);
    fn record<'a>(
        item: Option<(i64, &'a str)>,
        page: &'a WebPage,
        hash: &'a str,
        state: &'a str,
        document: &'a str,
    ) -> ItemRecord<'a> {
        ItemRecord {
            feed_id: item.map(|(id, _)| id),
            item_key: item.map_or(page.url_key.as_str(), |(_, key)| key),
            state,
            error: None,
            page: Some((page.url_key.as_str(), hash, document)),
        }
    }
    if let Some(of) = store.known_page(&page.url_key, Some(&hash)).await?.filter(|d| *d != page.url_key) {
        store.record_feed_item(&record(item, page, &hash, "duplicate", &of), &now).await?;
        return Ok(PageOutcome::Duplicate { of });
    }
    let meta = DocumentMeta {
        title: page.title.clone(),
        source: page.source.clone(),
        published: page.published.clone(),
        language: page.language.clone(),
    };
    let text = page.text.replace('\0', "");
    let doc = SourceDocument::from_bytes(&page.url_key, text.as_bytes(), Some(meta), &ingestor.knowledge().rules_hash)?;
    let outcome = intake.ingest(&doc).await?;
    store.record_feed_item(&record(item, page, &hash, "ingested", &page.url_key), &now).await?;
    Ok(match outcome {
        IngestOutcome::Unchanged => PageOutcome::Unchanged,
        IngestOutcome::Added { sentences } | IngestOutcome::Updated { sentences } => {
            PageOutcome::Ingested { sentences }
        }
    })
}

/// `dossier ingest URL` and a link sent by the owner: one page, fetched, extracted and ingested.
pub async fn ingest_url(intake: &Intake, fetcher: &Fetcher, raw: &str) -> Result<PageOutcome, UrlError> {
    let url = url_key::parse(raw).map_err(PageError::from)?;
    let article = fetch_article(fetcher, &url).await?;
    Ok(ingest_page(intake, &page_of(&url, article, &Hints::default()), None).await?)
}

/// Why a one-off page was not ingested.
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    #[error(transparent)]
    Page(#[from] PageError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
}
