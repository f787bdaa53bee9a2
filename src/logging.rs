//! Logging through pretty_env_logger, with the bot token and the webhook secret scrubbed from every line at
//! every level.

use log::{Log, Metadata, Record};

/// Wraps a logger and replaces every occurrence of each secret with `<redacted>`.
pub struct RedactingLogger<L> {
    inner: L,
    secrets: Vec<String>,
}

impl<L: Log> RedactingLogger<L> {
    /// Secrets shorter than 8 characters are not redacted (they would mangle ordinary words).
    pub fn new(inner: L, secrets: Vec<String>) -> Self {
        RedactingLogger { inner, secrets: secrets.into_iter().filter(|s| s.len() >= 8).collect() }
    }
}

impl<L: Log> Log for RedactingLogger<L> {
    fn enabled(&self, metadata: &Metadata) -> bool {
        self.inner.enabled(metadata)
    }

    fn log(&self, record: &Record) {
        if !self.inner.enabled(record.metadata()) {
            return;
        }
        match self.secrets.as_slice() {
            [] => self.inner.log(record),
            secrets => {
                let message = record.args().to_string();
                // The token also appears percent-encoded or split at its colon in some URLs.
                let redacted = secrets.iter().fold(message, |message, secret| redact(&message, secret));
                self.inner.log(
                    &Record::builder()
                        .metadata(record.metadata().clone())
                        .args(format_args!("{redacted}"))
                        .module_path(record.module_path())
                        .file(record.file())
                        .line(record.line())
                        .build(),
                );
            }
        }
    }

    fn flush(&self) {
        self.inner.flush()
    }
}

/// The message with the secret (plain or percent-encoded) replaced.
pub fn redact(message: &str, secret: &str) -> String {
    let encoded = secret.replace(':', "%3A");
    let out = message.replace(secret, "<redacted>");
    let out = out.replace(&encoded, "<redacted>");
    match secret.split_once(':') {
        // The part after the colon is the actual secret.
        Some((_, key)) if key.len() >= 8 => out.replace(key, "<redacted>"),
        _ => out,
    }
}

/// Installs the logger, redacting `secrets`; `RUST_LOG` picks the level (default `info`).
pub fn init(secrets: Vec<String>) {
    let mut builder = pretty_env_logger::formatted_timed_builder();
    builder.filter_level(log::LevelFilter::Info);
    if let Ok(filters) = std::env::var("RUST_LOG") {
        builder.parse_filters(&filters);
    }
    let inner = builder.build();
    let max = inner.filter();
    if log::set_boxed_logger(Box::new(RedactingLogger::new(inner, secrets))).is_ok() {
        log::set_max_level(max);
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn the_token_is_redacted_plain_encoded_and_by_its_secret_half() {
        let token = "123456:ABCdefGHIjklMNOpqr";
        let line =
            format!("POST https://api.telegram.org/bot{token}/GetMe 123456%3AABCdefGHIjklMNOpqr ABCdefGHIjklMNOpqr");
        let out = redact(&line, token);
        assert!(!out.contains("ABCdefGHIjklMNOpqr"), "{out}");
        assert!(out.contains("/bot<redacted>/GetMe"));
    }

    #[test]
    fn a_webhook_secret_is_redacted_wherever_it_appears() {
        let secret = "hook-secret-0123456789";
        let line =
            format!("POST SetWebhook {{\"secret_token\":\"{secret}\"}} x-telegram-bot-api-secret-token: {secret}");
        let out = redact(&line, secret);
        assert!(!out.contains("0123456789") && out.matches("<redacted>").count() == 2, "{out}");
    }
}
