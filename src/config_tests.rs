//! Tests of `Config`: defaults, parsing, refusals with the variable named, and secrets kept out of output.

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
fn a_webhook_url_without_a_secret_is_refused_with_the_variable_named() {
    let err = config(&[("WEBHOOK_URL", "https://bot.example.org/tg/hook")]).unwrap_err();
    assert!(err.to_string().contains("WEBHOOK_SECRET") && err.to_string().contains("required"), "{err}");
}

#[test]
fn a_short_or_odd_secret_is_refused_without_echoing_it() {
    for secret in ["short-secret", "has spaces in it, which Telegram refuses"] {
        let err = config(&[("WEBHOOK_URL", "https://bot.example.org/hook"), ("WEBHOOK_SECRET", secret)])
            .unwrap_err()
            .to_string();
        assert!(err.contains("WEBHOOK_SECRET") && !err.contains(secret), "{err}");
    }
}

#[test]
fn webhook_mode_listens_on_8443_by_default_and_hides_the_secret() {
    let secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t";
    let c = config(&[("WEBHOOK_URL", "https://bot.example.org/tg/hook"), ("WEBHOOK_SECRET", secret)]).unwrap();
    let webhook = c.webhook.as_ref().unwrap();
    assert_eq!(webhook.listen, DEFAULT_WEBHOOK_LISTEN.parse().unwrap());
    assert_eq!(webhook.url.path(), "/tg/hook");
    assert!(!format!("{c:?}").contains(secret));
    assert_eq!(c.secrets(), vec![secret.to_owned()]);
    assert!(config(&[]).unwrap().webhook.is_none(), "polling stays the default");
}

#[test]
fn a_webhook_path_that_the_health_endpoints_take_is_refused() {
    let err = config(&[("WEBHOOK_URL", "https://bot.example.org/metrics"), ("WEBHOOK_SECRET", &"x".repeat(20))]);
    assert!(err.unwrap_err().to_string().contains("reserved"));
}

#[test]
fn a_bad_listen_address_is_refused() {
    let err = config(&[("METRICS_LISTEN", "everywhere")]).unwrap_err();
    assert!(err.to_string().contains("METRICS_LISTEN"), "{err}");
}

#[test]
fn feeds_and_fetching_have_safe_defaults() {
    let c = config(&[]).unwrap();
    assert_eq!(c.feed_poll, Some(std::time::Duration::from_secs(600)));
    assert_eq!((c.feed_max_failures, c.fetch_max_bytes, c.fetch_allow_private), (10, 5 * 1024 * 1024, false));
    let c = config(&[("FEED_POLL_SECS", "0"), ("FETCH_ALLOW_PRIVATE", "1"), ("FETCH_MAX_BYTES", "1000")]).unwrap();
    assert_eq!((c.feed_poll, c.fetch_allow_private, c.fetch_max_bytes), (None, true, 1000));
    assert!(config(&[("FETCH_MAX_BYTES", "-1")]).unwrap_err().to_string().contains("FETCH_MAX_BYTES"));
    assert!(config(&[("FETCH_ALLOW_PRIVATE", "maybe")]).is_err());
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let c = config(&[("TELOXIDE_TOKEN", "123:SECRET")]).unwrap();
    assert!(!format!("{c:?}").contains("SECRET"));
}

#[test]
fn a_replica_keeps_its_fact_index_under_the_data_folder_unless_told() {
    assert_eq!(config(&[]).unwrap().fact_index_path, PathBuf::from("data/fact-index.sqlite"));
    let c = config(&[("DOSSIER_DATA_DIR", "/srv/dossier"), ("FACT_INDEX_PATH", "/var/lib/dossier/index.sqlite")]);
    assert_eq!(c.unwrap().fact_index_path, PathBuf::from("/var/lib/dossier/index.sqlite"));
    let c = config(&[("DOSSIER_DATA_DIR", "/srv/dossier")]).unwrap();
    assert_eq!(c.fact_index_path, PathBuf::from("/srv/dossier/fact-index.sqlite"));
}

#[test]
fn a_postgres_password_is_a_secret_and_not_shown_in_debug_output() {
    let c = config(&[("DATABASE_URL", "postgres://bot:pg-Passw0rd@db.internal/dossier")]).unwrap();
    assert_eq!(c.secrets(), vec!["pg-Passw0rd".to_owned()]);
    let shown = format!("{c:?}");
    assert!(!shown.contains("pg-Passw0rd") && shown.contains("db.internal"), "{shown}");
}
