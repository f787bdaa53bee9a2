//! Fetching from the web safely: timeouts, a size limit cut off while streaming (decompressed bytes
//! count, so a gzip bomb stops at the limit), at most 5 redirects each checked against private
//! addresses, a `User-Agent` naming the bot, and charsets decoded; then the article text of a page.

pub mod address;
pub mod article;
pub mod charset;
mod fetch;
pub mod url_key;

pub use fetch::{Fetched, Fetcher, Validators};

/// The `User-Agent` of every request: the bot's name and version.
pub const USER_AGENT: &str =
    concat!("DossierBot/", env!("CARGO_PKG_VERSION"), " (news-digest Telegram bot; feed reader)");

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// How the fetcher is limited.
#[derive(Debug, Clone)]
pub struct FetchLimits {
    /// Largest body read (after decompression); reading stops there.
    pub max_bytes: u64,
    /// Whether loopback, link-local and private addresses may be fetched (tests, intranets).
    pub allow_private: bool,
    /// Whole request, including reading the body.
    pub timeout: std::time::Duration,
    pub connect_timeout: std::time::Duration,
}

impl FetchLimits {
    /// The limits the configuration asks for, with 30 s per request and 10 s to connect.
    pub fn from_config(config: &crate::config::Config) -> Self {
        FetchLimits {
            max_bytes: config.fetch_max_bytes,
            allow_private: config.fetch_allow_private,
            timeout: std::time::Duration::from_secs(30),
            connect_timeout: std::time::Duration::from_secs(10),
        }
    }
}

/// Why a URL could not be fetched. Each is a clear, loggable reason meant for the operator.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    #[error("{url} is not a web address: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{url}: only http and https addresses can be fetched")]
    Scheme { url: String },
    #[error("{url}: {host} is a private address (set FETCH_ALLOW_PRIVATE=1 to allow it)")]
    Private { url: String, host: String },
    #[error("{url}: more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects { url: String },
    #[error("{url}: the response is larger than {max} bytes (FETCH_MAX_BYTES); reading stopped there")]
    TooLarge { url: String, max: u64 },
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16, retry_after: Option<std::time::Duration> },
    #[error("{url}: timed out")]
    Timeout { url: String },
    #[error("{url}: {reason}")]
    Network { url: String, reason: String },
}

impl FetchError {
    /// How long the server asked us to wait (the `Retry-After` of a 429 or 503).
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}
