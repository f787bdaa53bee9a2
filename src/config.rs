//! One typed `Config`, read once from the environment (and `.env` through dotenvy).

use std::path::PathBuf;

/// Where the bot keeps its fact base unless `DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/dossier.sqlite";

/// Every setting the bot reads. Built by [`Config::from_env`] and passed down; nothing else reads the environment.
#[derive(Clone)]
pub struct Config {
    /// Telegram bot token; only `serve` needs it.
    pub token: Option<String>,
    /// Bot API base URL (a local Bot API server or a test stand-in).
    pub api_url: Option<url::Url>,
    /// sqlx connection URL.
    pub database_url: String,
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
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("api_url", &self.api_url.as_ref().map(url::Url::as_str))
            .field("database_url", &self.database_url)
            .field("documents_dir", &self.documents_dir)
            .field("owner_id", &self.owner_id)
            .field("digest_max_facts", &self.digest_max_facts)
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
        let data_dir = PathBuf::from(non_empty("DOSSIER_DATA_DIR").unwrap_or_else(|| "data".into()));
        Ok(Config {
            token: non_empty("TELOXIDE_TOKEN"),
            api_url,
            database_url: non_empty("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            documents_dir: data_dir.join("documents"),
            gazetteer_path: data_dir.join("gazetteer.toml"),
            topics_path: data_dir.join("topics.toml"),
            owner_id,
            digest_max_facts,
            digest_tick,
            global_rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_need_no_variables() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert!(c.token.is_none());
        assert_eq!(c.digest_max_facts, 5);
        assert_eq!(c.documents_dir, PathBuf::from("data/documents"));
    }

    #[test]
    fn a_non_numeric_owner_id_is_rejected() {
        let err = config(&[("BOT_OWNER_ID", "alice")]).unwrap_err();
        assert!(err.to_string().contains("BOT_OWNER_ID"));
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let c = config(&[("TELOXIDE_TOKEN", "123:SECRET")]).unwrap();
        assert!(!format!("{c:?}").contains("SECRET"));
    }
}
