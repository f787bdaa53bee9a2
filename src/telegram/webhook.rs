//! Webhook mode: Telegram pushes updates to `WEBHOOK_URL`. teloxide's axum listener feeds them to the same
//! dispatcher as polling; in front of it a constant-time check of `X-Telegram-Bot-Api-Secret-Token`
//! answers 401 to anything else, and `/healthz`, `/readyz` and `/metrics` share the listener.

use std::{convert::Infallible, sync::Arc};

use anyhow::Context;
use axum::{
    extract::{Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use teloxide::{
    prelude::*,
    update_listeners::{UpdateListener, webhooks},
};

use super::{Services, metrics, observe, updates};
use crate::config::WebhookConfig;

/// The header Telegram sends the registered secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Binds the listener, serves it, then registers the webhook with Telegram (`setWebhook` with the secret
/// and the update kinds the bot handles). The returned listener yields the updates; stopping it (the
/// dispatcher does on shutdown) refuses new requests with 503, finishes those in flight and closes the
/// port. The webhook stays registered, so Telegram keeps what arrives meanwhile for the next start.
pub async fn listen(
    services: &Services,
    webhook: &WebhookConfig,
) -> anyhow::Result<impl UpdateListener<Err = Infallible> + use<>> {
    let tcp = tokio::net::TcpListener::bind(webhook.listen)
        .await
        .with_context(|| format!("cannot listen on WEBHOOK_LISTEN {}", webhook.listen))?;
    // teloxide compares the secret too (not in constant time), but only requests that passed ours reach it.
    let options = webhooks::Options {
        secret_token: Some(webhook.secret.clone()),
        ..webhooks::Options::new(webhook.listen, webhook.url.clone())
    };
    let (mut listener, stopped, hook) = webhooks::axum_no_setup(options);
    let secret: Arc<str> = Arc::from(webhook.secret.as_str());
    let app = hook
        .route_layer(middleware::from_fn_with_state(secret, require_secret))
        .merge(observe::routes(services.dossier.store.clone())?);
    let stop = listener.stop_token();
    let on_error = stop.clone();
    tokio::spawn(async move {
        if let Err(e) = axum::serve(tcp, app).with_graceful_shutdown(stopped).await {
            log::error!("the webhook listener failed: {e}");
            on_error.stop();
        }
    });
    if let Err(e) = register(&services.delivery.bot, webhook).await {
        // Close the port again: the bot is not starting.
        stop.stop();
        return Err(e);
    }
    log::info!("webhook registered; listening on {} at {}", webhook.listen, webhook.url.path());
    Ok(listener)
}

/// `setWebhook` with the secret and the allowed update kinds.
async fn register(bot: &Bot, webhook: &WebhookConfig) -> anyhow::Result<()> {
    bot.set_webhook(webhook.url.clone())
        .secret_token(webhook.secret.clone())
        .allowed_updates(updates::allowed())
        .await
        .context("Telegram refused setWebhook (is WEBHOOK_URL reachable over HTTPS?)")?;
    Ok(())
}

/// Lets a request through only with the right secret; anything else gets 401 and is not handled.
async fn require_secret(State(secret): State<Arc<str>>, request: Request, next: Next) -> Response {
    let given = request.headers().get(SECRET_HEADER).map(|v| v.as_bytes());
    if !secret_matches(given, secret.as_bytes()) {
        metrics::webhook_refused();
        log::debug!("refused a webhook request without the right secret");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    next.run(request).await
}

/// Compares in constant time (for a given length), so response timing tells nothing about the secret.
fn secret_matches(given: Option<&[u8]>, expected: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    given.is_some_and(|given| bool::from(given.ct_eq(expected)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_secret_matches() {
        let secret = b"0123456789abcdef-secret";
        assert!(secret_matches(Some(secret), secret));
        assert!(!secret_matches(None, secret), "a missing header");
        assert!(!secret_matches(Some(b""), secret), "an empty header");
        assert!(!secret_matches(Some(b"0123456789abcdef-secreT"), secret), "one letter off");
        assert!(!secret_matches(Some(b"0123456789abcdef-secret-and-more"), secret), "a longer one");
    }
}
