//! Webhooks as Telegram runs them: setWebhook / deleteWebhook / getWebhookInfo, getUpdates refused with
//! 409 while a webhook is set, and updates POSTed to the bot's URL with the secret header.

use std::time::Duration;

use serde_json::{Value, json};

use super::StandIn;
use super::faults::ApiReply;
use super::polling::allowed;
use super::state::Inner;

/// What Telegram answers getUpdates while a webhook is set.
pub const CONFLICT: &str =
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/// A registered webhook, as the bot asked for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub url: String,
    pub secret_token: Option<String>,
    /// `None` when the bot did not say (Telegram keeps the previous list).
    pub allowed_updates: Option<Vec<String>>,
    pub max_connections: Option<i64>,
    pub drop_pending_updates: bool,
}

/// What became of an update posted to the webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub update_id: i64,
    /// The HTTP status the bot answered; `None` when nothing was posted (no webhook, the kind is not in
    /// `allowed_updates`) or the connection failed.
    pub status: Option<u16>,
}

fn string_list(value: Option<&Value>) -> Option<Vec<String>> {
    match value? {
        Value::Array(list) => Some(list.iter().filter_map(Value::as_str).map(str::to_string).collect()),
        Value::String(s) => serde_json::from_str(s).ok(),
        _ => None,
    }
}

fn is_loopback(url: &url::Url) -> bool {
    matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
}

/// setWebhook: an HTTPS URL (plain HTTP on loopback, as a local Bot API server allows), a secret of
/// 1–256 characters from `A-Za-z0-9_-`.
pub fn set(inner: &mut Inner, body: &Value) -> Result<Value, ApiReply> {
    let raw = body.get("url").and_then(Value::as_str).unwrap_or("");
    let url = url::Url::parse(raw).map_err(|_| ApiReply::bad("Bad Request: bad webhook: invalid URL"))?;
    if url.scheme() != "https" && !is_loopback(&url) {
        return Err(ApiReply::bad("Bad Request: bad webhook: An HTTPS URL must be provided for webhook"));
    }
    let secret_token = body.get("secret_token").and_then(Value::as_str).map(str::to_string);
    let valid = |s: &String| {
        (1..=256).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if secret_token.as_ref().is_some_and(|s| !valid(s)) {
        return Err(ApiReply::bad("Bad Request: secret token contains unallowed characters"));
    }
    let allowed_updates = string_list(body.get("allowed_updates"));
    if allowed_updates.is_some() {
        inner.allowed_updates = allowed_updates.clone();
    }
    let drop_pending_updates = matches!(body.get("drop_pending_updates"), Some(Value::Bool(true)))
        || body.get("drop_pending_updates").and_then(Value::as_str) == Some("true");
    if drop_pending_updates {
        inner.updates.clear();
    }
    let max_connections = body.get("max_connections").and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()));
    inner.webhook =
        Some(Webhook { url: raw.to_string(), secret_token, allowed_updates, max_connections, drop_pending_updates });
    Ok(json!(true))
}

pub fn delete(inner: &mut Inner, body: &Value) -> Value {
    inner.webhook = None;
    if matches!(body.get("drop_pending_updates"), Some(Value::Bool(true))) {
        inner.updates.clear();
    }
    json!(true)
}

pub fn info(inner: &Inner) -> Value {
    let hook = inner.webhook.as_ref();
    let mut info = json!({"url": hook.map_or("", |h| h.url.as_str()), "has_custom_certificate": false,
                          "pending_update_count": inner.updates.len()});
    if let Some(list) = hook.and_then(|h| h.allowed_updates.clone()) {
        info["allowed_updates"] = json!(list);
    }
    info
}

impl StandIn {
    /// The webhook the bot registered, if any.
    pub fn webhook(&self) -> Option<Webhook> {
        self.shared.lock().webhook.clone()
    }

    /// POSTs an update to the registered webhook as Telegram does, with the registered secret.
    pub async fn post_update(&self, update: Value) -> Posted {
        let secret = self.webhook().and_then(|h| h.secret_token);
        self.post_update_with_secret(update, secret.as_deref()).await
    }

    /// POSTs an update to the registered webhook with `secret` in `X-Telegram-Bot-Api-Secret-Token`
    /// (none: no header). The update gets the next `update_id` unless it has one.
    pub async fn post_update_with_secret(&self, update: Value, secret: Option<&str>) -> Posted {
        let (update, update_id, url) = {
            let mut inner = self.shared.lock();
            let (update, update_id) = inner.number_update(update);
            let Some(hook) = inner.webhook.clone() else { return Posted { update_id, status: None } };
            if !allowed(&inner, &update) {
                inner.filtered_updates.push(update);
                return Posted { update_id, status: None };
            }
            (update, update_id, hook.url)
        };
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build();
        let Ok(client) = client else { return Posted { update_id, status: None } };
        let mut request = client.post(&url).json(&update);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let status = request.send().await.ok().map(|r| r.status().as_u16());
        Posted { update_id, status }
    }

    /// Numbers an update as Telegram does (the next `update_id` unless it has one), without sending it: a
    /// test playing the load balancer posts it to the replica of its choice with [`StandIn::post_update_to`].
    pub fn numbered(&self, update: Value) -> (Value, i64) {
        self.shared.lock().number_update(update)
    }

    /// POSTs `update` to `url` (one replica behind the load balancer) with `secret` in the header; the
    /// HTTP status, `None` when the connection failed.
    pub async fn post_update_to(&self, url: &str, update: &Value, secret: Option<&str>) -> Option<u16> {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().ok()?;
        let mut request = client.post(url).json(update);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        request.send().await.ok().map(|r| r.status().as_u16())
    }

    /// Posts a private text message from `user_id` in chat `chat_id`.
    pub async fn post_text(&self, chat_id: i64, user_id: i64, text: &str) -> Posted {
        let msg = super::updates::message(self.chat(chat_id), Some(super::model::user(user_id)), text);
        self.post_update(super::updates::message_update(msg)).await
    }
}

#[cfg(test)]
mod tests {
    use teloxide::{prelude::*, types::AllowedUpdate};

    use super::super::{StandIn, TOKEN};

    #[tokio::test]
    async fn a_webhook_needs_https_off_loopback_and_a_valid_secret_and_turns_get_updates_into_409() {
        let tg = StandIn::start().await;
        let bot = Bot::new(TOKEN).set_api_url(tg.url().parse().unwrap());
        let plain = bot.set_webhook("http://bot.example.org/hook".parse().unwrap()).await;
        assert!(plain.unwrap_err().to_string().contains("HTTPS"));
        let odd = bot.set_webhook("https://bot.example.org/hook".parse().unwrap()).secret_token("no spaces, please");
        assert!(odd.await.is_err(), "a secret Telegram refuses was accepted");
        bot.set_webhook("https://bot.example.org/hook".parse().unwrap())
            .secret_token("good_secret-123")
            .allowed_updates([AllowedUpdate::Message])
            .await
            .unwrap();
        let hook = tg.webhook().unwrap();
        assert_eq!(hook.secret_token.as_deref(), Some("good_secret-123"));
        assert_eq!(hook.allowed_updates, Some(vec!["message".to_string()]));
        assert_eq!(
            bot.get_webhook_info().await.unwrap().url.map(|u| u.to_string()).as_deref(),
            Some("https://bot.example.org/hook")
        );
        let conflict = bot.get_updates().await.unwrap_err().to_string();
        assert!(conflict.contains("webhook is active"), "{conflict}");
        bot.delete_webhook().await.unwrap();
        assert!(tg.webhook().is_none() && bot.get_updates().await.is_ok());
    }
}
