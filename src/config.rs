//! One typed `Config`, read once from the environment (and `.env` through dotenvy).

use std::{net::SocketAddr, path::PathBuf};

/// Where the bot keeps its fact base unless `DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/dossier.sqlite";
/// The replica's fact index on PostgreSQL installations, under the data folder unless `FACT_INDEX_PATH` says.
pub const DEFAULT_FACT_INDEX_FILE: &str = "fact-index.sqlite";

/// Every setting the bot reads. Built by [`Config::from_env`] and passed down; nothing else reads the environment.
#[derive(Clone)]
pub struct Config {
    /// Telegram bot token; only `serve` needs it.
    pub token: Option<String>,
    /// Bot API base URL (a local Bot API server or a test stand-in).
    pub api_url: Option<url::Url>,
    /// sqlx connection URL.
    pub database_url: String,
    /// With a PostgreSQL `database_url`: this replica's own fact index (an SQLite file).
    pub fact_index_path: PathBuf,
    /// Folder of source documents brought up to date on start.
    pub documents_dir: PathBuf,
    /// Gazetteer of organisations, events, projects and people.
    pub gazetteer_path: PathBuf,
    /// Topic keyword lexicon.
    pub topics_path: PathBuf,
    /// Telegram user id of the bot owner (may ingest documents and see `/stats`).
    pub owner_id: Option<i64>,
    /// Most facts in one digest.
    pub digest_max_facts: usize,
    /// How often the digest scheduler and outbox run; `None` turns them off (tests drive them by hand).
    pub digest_tick: Option<std::time::Duration>,
    /// Messages per second the bot sends overall. Telegram allows about 30; raise it only for a local
    /// Bot API server or a load test.
    pub global_rate: u32,
    /// Webhook mode (`WEBHOOK_URL` set); `None` long-polls.
    pub webhook: Option<WebhookConfig>,
    /// In polling mode, where `/healthz`, `/readyz` and `/metrics` are served (off unless set).
    pub metrics_listen: Option<SocketAddr>,
    /// How often each feed is polled at most (its `ttl` or a `Retry-After` may ask for less often);
    /// `None` turns the feed poller off (tests drive it by hand).
    pub feed_poll: Option<std::time::Duration>,
    /// Failures in a row after which a feed is deactivated and the owner told.
    pub feed_max_failures: u32,
    /// Largest body read from the web, in bytes (after decompression).
    pub fetch_max_bytes: u64,
    /// Whether loopback, link-local and private addresses may be fetched (tests, intranets).
    pub fetch_allow_private: bool,
    /// New or changed documents in one ingest from which it is one bulk load (indexes rebuilt after).
    pub ingest_bulk_documents: usize,
}

/// Where Telegram pushes updates, and the secret it must present.
#[derive(Clone)]
pub struct WebhookConfig {
    /// The public URL registered with `setWebhook`; its path is the path listened on.
    pub url: url::Url,
    /// `secret_token` Telegram sends back in `X-Telegram-Bot-Api-Secret-Token`; never logged.
    pub secret: String,
    /// The local address the listener binds (behind a reverse proxy, usually).
    pub listen: SocketAddr,
}

/// Where the webhook listener binds unless `WEBHOOK_LISTEN` says otherwise.
pub const DEFAULT_WEBHOOK_LISTEN: &str = "0.0.0.0:8443";

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("api_url", &self.api_url.as_ref().map(url::Url::as_str))
            .field("database_url", &crate::db::postgres::redacted(&self.database_url))
            .field("fact_index_path", &self.fact_index_path)
            .field("documents_dir", &self.documents_dir)
            .field("owner_id", &self.owner_id)
            .field("digest_max_facts", &self.digest_max_facts)
            .field("webhook", &self.webhook.as_ref().map(|w| (w.url.as_str(), "<secret redacted>", w.listen)))
            .field("metrics_listen", &self.metrics_listen)
            .field("feed_poll", &self.feed_poll)
            .field("fetch_allow_private", &self.fetch_allow_private)
            .finish_non_exhaustive()
    }
}

/// A setting that is present but cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    /// Loads `.env` if present, then reads every variable once.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds a config from any variable lookup; tests pass a map.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |name: &str| get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let api_url = non_empty("TELOXIDE_API_URL")
            .map(|raw| {
                url::Url::parse(&raw)
                    .map_err(|e| ConfigError::Invalid { name: "TELOXIDE_API_URL", reason: e.to_string() })
            })
            .transpose()?;
        let owner_id = non_empty("BOT_OWNER_ID")
            .map(|raw| {
                raw.parse::<i64>().map_err(|_| ConfigError::Invalid {
                    name: "BOT_OWNER_ID",
                    reason: format!("expected a numeric Telegram user id, got {raw:?}"),
                })
            })
            .transpose()?;
        let digest_max_facts = non_empty("DIGEST_MAX_FACTS")
            .map(|raw| match raw.parse::<usize>() {
                Ok(n) if (1..=50).contains(&n) => Ok(n),
                _ => Err(ConfigError::Invalid {
                    name: "DIGEST_MAX_FACTS",
                    reason: format!("expected a number from 1 to 50, got {raw:?}"),
                }),
            })
            .transpose()?
            .unwrap_or(5);
        let digest_tick = match non_empty("DIGEST_TICK_SECS") {
            None => Some(std::time::Duration::from_secs(5)),
            Some(raw) => match raw.parse::<u64>() {
                Ok(0) => None,
                Ok(secs) => Some(std::time::Duration::from_secs(secs)),
                Err(_) => {
                    return Err(ConfigError::Invalid {
                        name: "DIGEST_TICK_SECS",
                        reason: format!("expected a number of seconds, got {raw:?}"),
                    });
                }
            },
        };
        let global_rate = non_empty("TELEGRAM_GLOBAL_RATE")
            .map(|raw| match raw.parse::<u32>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(ConfigError::Invalid {
                    name: "TELEGRAM_GLOBAL_RATE",
                    reason: format!("expected a positive number of messages per second, got {raw:?}"),
                }),
            })
            .transpose()?
            .unwrap_or(30);
        let webhook = webhook(&non_empty)?;
        let metrics_listen = non_empty("METRICS_LISTEN").map(|raw| address("METRICS_LISTEN", &raw)).transpose()?;
        let positive = |name: &'static str, default: u64, what: &str| -> Result<u64, ConfigError> {
            non_empty(name)
                .map(|raw| match raw.parse::<u64>() {
                    Ok(n) if n > 0 => Ok(n),
                    _ => Err(ConfigError::Invalid { name, reason: format!("expected a positive {what}, got {raw:?}") }),
                })
                .transpose()
                .map(|n| n.unwrap_or(default))
        };
        let feed_poll = match non_empty("FEED_POLL_SECS").as_deref() {
            Some("0") => None,
            _ => Some(std::time::Duration::from_secs(positive("FEED_POLL_SECS", 600, "number of seconds")?)),
        };
        let feed_max_failures = u32::try_from(positive("FEED_MAX_FAILURES", 10, "number of failures")?)
            .map_err(|_| ConfigError::Invalid { name: "FEED_MAX_FAILURES", reason: "too large".into() })?;
        let fetch_max_bytes = positive("FETCH_MAX_BYTES", 5 * 1024 * 1024, "number of bytes")?;
        let fetch_allow_private = match non_empty("FETCH_ALLOW_PRIVATE").as_deref() {
            None | Some("0" | "false" | "no") => false,
            Some("1" | "true" | "yes") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "FETCH_ALLOW_PRIVATE",
                    reason: format!("expected 1 or 0, got {other:?}"),
                });
            }
        };
        let ingest_bulk_documents = usize::try_from(positive(
            "INGEST_BULK_DOCUMENTS",
            crate::facts::ingest::DEFAULT_BULK_THRESHOLD as u64,
            "number of documents",
        )?)
        .unwrap_or(usize::MAX);
        let data_dir = PathBuf::from(non_empty("DOSSIER_DATA_DIR").unwrap_or_else(|| "data".into()));
        Ok(Config {
            token: non_empty("TELOXIDE_TOKEN"),
            api_url,
            database_url: non_empty("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            fact_index_path: non_empty("FACT_INDEX_PATH")
                .map_or_else(|| data_dir.join(DEFAULT_FACT_INDEX_FILE), PathBuf::from),
            documents_dir: data_dir.join("documents"),
            gazetteer_path: data_dir.join("gazetteer.toml"),
            topics_path: data_dir.join("topics.toml"),
            owner_id,
            digest_max_facts,
            digest_tick,
            global_rate,
            webhook,
            metrics_listen,
            feed_poll,
            feed_max_failures,
            fetch_max_bytes,
            fetch_allow_private,
            ingest_bulk_documents,
        })
    }

    /// Every secret the logs must never show: the token, the webhook secret, the database password.
    pub fn secrets(&self) -> Vec<String> {
        let password = url::Url::parse(&self.database_url).ok().and_then(|u| u.password().map(str::to_owned));
        self.token.iter().chain(self.webhook.as_ref().map(|w| &w.secret)).cloned().chain(password).collect()
    }
}

/// Reads `WEBHOOK_URL`, `WEBHOOK_SECRET` and `WEBHOOK_LISTEN`; the secret is required with the URL.
fn webhook(non_empty: &impl Fn(&str) -> Option<String>) -> Result<Option<WebhookConfig>, ConfigError> {
    let Some(raw) = non_empty("WEBHOOK_URL") else { return Ok(None) };
    let invalid = |name, reason: String| ConfigError::Invalid { name, reason };
    let url = url::Url::parse(&raw).map_err(|e| invalid("WEBHOOK_URL", e.to_string()))?;
    if !matches!(url.scheme(), "https" | "http") || url.host().is_none() {
        return Err(invalid("WEBHOOK_URL", format!("expected an https:// URL, got {raw:?}")));
    }
    // The listener also serves these, and route syntax in a path would not match it literally.
    let path = url.path();
    if ["/healthz", "/readyz", "/metrics"].contains(&path) || path.contains(['{', '}', '*']) {
        return Err(invalid("WEBHOOK_URL", format!("its path {path:?} is reserved or not a plain path")));
    }
    let secret = non_empty("WEBHOOK_SECRET").ok_or_else(|| {
        invalid("WEBHOOK_SECRET", "it is required when WEBHOOK_URL is set (try `openssl rand -hex 32`)".into())
    })?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !(16..=256).contains(&secret.len()) || !secret.chars().all(allowed) {
        // The value itself is never echoed: it is a secret.
        let reason = "expected 16 to 256 characters of A-Z, a-z, 0-9, _ and - (try `openssl rand -hex 32`)";
        return Err(invalid("WEBHOOK_SECRET", reason.into()));
    }
    let listen = address("WEBHOOK_LISTEN", &non_empty("WEBHOOK_LISTEN").unwrap_or(DEFAULT_WEBHOOK_LISTEN.into()))?;
    Ok(Some(WebhookConfig { url, secret, listen }))
}

/// A listen address such as `0.0.0.0:8443` or `[::1]:9100`.
fn address(name: &'static str, raw: &str) -> Result<SocketAddr, ConfigError> {
    raw.parse().map_err(|_| ConfigError::Invalid {
        name,
        reason: format!("expected an address like 0.0.0.0:8443, got {raw:?}"),
    })
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
