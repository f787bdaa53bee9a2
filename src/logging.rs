//! Logging through pretty_env_logger, with the bot token scrubbed from every line at every level.

use log::{Log, Metadata, Record};

/// Wraps a logger and replaces every occurrence of the secret with `<redacted>`.
pub struct RedactingLogger<L> {
    inner: L,
    secret: Option<String>,
}

impl<L: Log> RedactingLogger<L> {
    pub fn new(inner: L, secret: Option<String>) -> Self {
        RedactingLogger { inner, secret: secret.filter(|s| s.len() >= 8) }
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
        match &self.secret {
            None => self.inner.log(record),
            Some(secret) => {
                let message = record.args().to_string();
                // The token also appears percent-encoded or split at its colon in some URLs.
                let redacted = redact(&message, secret);
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

/// Installs the logger; `RUST_LOG` picks the level (default `info`).
pub fn init(secret: Option<String>) {
    let mut builder = pretty_env_logger::formatted_timed_builder();
    builder.filter_level(log::LevelFilter::Info);
    if let Ok(filters) = std::env::var("RUST_LOG") {
        builder.parse_filters(&filters);
    }
    let inner = builder.build();
    let max = inner.filter();
    if log::set_boxed_logger(Box::new(RedactingLogger::new(inner, secret))).is_ok() {
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
}
