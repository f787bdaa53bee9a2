//! The HTTP client: one GET with conditional headers, redirects followed by hand (each hop checked),
//! the body streamed up to the size limit.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use reqwest::{StatusCode, header};
use url::Url;

use super::{FetchError, FetchLimits, MAX_REDIRECTS, USER_AGENT, address, charset};

/// What a server said about a resource's version, sent back on the next request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response read within the limits.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the resource finally was, after redirects.
    pub url: Url,
    /// The server answered `304 Not Modified`: nothing was read.
    pub not_modified: bool,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub validators: Validators,
}

impl Fetched {
    /// The body as text, decoded by its declared charset.
    pub fn text(&self) -> String {
        charset::decode(&self.body, self.content_type.as_deref())
    }
}

/// A shared HTTP client with the bot's limits.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    limits: FetchLimits,
}

impl Fetcher {
    pub fn new(limits: FetchLimits) -> anyhow::Result<Self> {
        Self::with_hosts(limits, &[])
    }

    /// A fetcher that reaches some host names at fixed addresses (like `/etc/hosts`; tests use it to
    /// serve a public-looking name from a local server). These names skip the DNS guard; the URL check
    /// of every hop still applies.
    pub fn with_hosts(limits: FetchLimits, hosts: &[(&str, SocketAddr)]) -> anyhow::Result<Self> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(limits.timeout)
            .connect_timeout(limits.connect_timeout)
            .dns_resolver(Arc::new(address::GuardedResolver { allow_private: limits.allow_private }));
        for (host, addr) in hosts {
            builder = builder.resolve(host, *addr);
        }
        let client = builder.build().map_err(|e| anyhow::anyhow!("building the HTTP client: {e}"))?;
        Ok(Fetcher { client, limits })
    }

    pub fn limits(&self) -> &FetchLimits {
        &self.limits
    }

    /// GETs `url`, sending `validators` as `If-None-Match` / `If-Modified-Since`.
    pub async fn get(&self, url: &Url, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut url = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            address::check_url(&url, self.limits.allow_private)?;
            let mut request = self.client.get(url.clone()).header(
                header::ACCEPT,
                "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5",
            );
            if let Some(etag) = &validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, modified);
            }
            let response = request.send().await.map_err(|e| classify(&url, &e))?;
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let location = header_text(&response, header::LOCATION).ok_or_else(|| FetchError::Network {
                    url: url.to_string(),
                    reason: format!("HTTP {status} without a Location"),
                })?;
                url = url
                    .join(&location)
                    .map_err(|e| FetchError::BadUrl { url: location.clone(), reason: e.to_string() })?;
                continue;
            }
            let got = Validators {
                etag: header_text(&response, header::ETAG),
                last_modified: header_text(&response, header::LAST_MODIFIED),
            };
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched { url, not_modified: true, content_type: None, body: Vec::new(), validators: got });
            }
            if !status.is_success() {
                let retry_after = header_text(&response, header::RETRY_AFTER).and_then(|v| retry_after(&v));
                return Err(FetchError::Status { url: url.to_string(), status: status.as_u16(), retry_after });
            }
            let content_type = header_text(&response, header::CONTENT_TYPE);
            let body = self.read_limited(&url, response).await?;
            return Ok(Fetched { url, not_modified: false, content_type, body, validators: got });
        }
        Err(FetchError::TooManyRedirects { url: url.to_string() })
    }

    /// Reads the (decompressed) body, stopping as soon as it passes the limit.
    async fn read_limited(&self, url: &Url, mut response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
        let max = self.limits.max_bytes;
        let too_large = || FetchError::TooLarge { url: url.to_string(), max };
        if response.content_length().is_some_and(|n| n > max) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(url, &e))? {
            if (body.len() + chunk.len()) as u64 > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn header_text(response: &reqwest::Response, name: header::HeaderName) -> Option<String> {
    response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// A `Retry-After` of seconds or an HTTP date, capped at a day.
fn retry_after(value: &str) -> Option<Duration> {
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).to_std().unwrap_or_default()
        }
    };
    Some(wait.min(Duration::from_secs(86_400)))
}

/// A transport error in plain words, with the DNS guard's refusal recognised.
fn classify(url: &Url, error: &reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout { url: url.to_string() };
    }
    let mut reasons = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(private) = cause.downcast_ref::<address::PrivateName>() {
            return FetchError::Private { url: url.to_string(), host: private.host.clone() };
        }
        reasons.push(cause.to_string());
        source = cause.source();
    }
    reasons.dedup();
    FetchError::Network { url: url.to_string(), reason: reasons.join(": ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date_and_capped() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("999999"), Some(Duration::from_secs(86_400)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(retry_after("soon"), None);
    }
}
