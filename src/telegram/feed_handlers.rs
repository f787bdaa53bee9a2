//! The owner's news feeds in a private chat: `/feed add URL`, `/feed remove URL`, `/feeds`, and a link
//! sent on its own, which ingests that page. Anyone else gets a polite refusal.

use teloxide::prelude::*;

use super::{Services, owner::is_owner};
use crate::{
    commands::Command,
    facts::IngestError,
    feeds::{self, Added, FeedError, FeedState, page},
    i18n::{Lang, arg},
    reply::{Reply, text},
    web::url_key,
};

/// Answers `/feed …` and `/feeds`; `None` for any other command.
pub async fn handle(services: &Services, msg: &Message, command: &Command, lang: Lang) -> Option<Reply> {
    let args = match command {
        Command::Feed(args) => args.trim().to_owned(),
        Command::Feeds => "list".to_owned(),
        _ => return None,
    };
    if !(msg.chat.is_private() && is_owner(services, msg)) {
        return Some(Reply::text(lang.t("feeds-only-owner")));
    }
    let pool = &services.dossier;
    let (verb, url) = args.split_once(char::is_whitespace).map_or((args.as_str(), ""), |(v, u)| (v, u.trim()));
    let reply = match (verb, url.is_empty()) {
        ("list", _) | ("", _) => return Some(list(pool, lang).await),
        ("add", false) => match feeds::add(pool, url, services.config.fetch_allow_private).await {
            Ok((url, Added::New)) => {
                let minutes = services.config.feed_poll.map_or(10, |d| d.as_secs().div_ceil(60));
                lang.tr("feed-added", &[arg("url", url), arg("minutes", minutes)])
            }
            Ok((url, Added::Reactivated)) => lang.tr("feed-reactivated", &[arg("url", url)]),
            Ok((url, Added::AlreadyActive)) => lang.tr("feed-already", &[arg("url", url)]),
            Err(e) => failed(e, lang),
        },
        ("remove", false) => match feeds::remove(pool, url).await {
            Ok(true) => lang.tr("feed-removed", &[arg("url", url)]),
            Ok(false) => lang.tr("feed-not-found", &[arg("url", url)]),
            Err(e) => failed(e, lang),
        },
        _ => lang.t("feed-usage"),
    };
    Some(Reply::text(reply))
}

fn failed(error: FeedError, lang: Lang) -> String {
    match error {
        FeedError::Invalid(why) => lang.tr("feed-refused", &[arg("why", why.to_string())]),
        FeedError::Unexpected(e) => {
            log::error!("changing the feeds: {e:#}");
            lang.t("feed-failed")
        }
    }
}

/// `/feeds`: each feed's state, articles ingested and last error.
async fn list(dossier: &crate::answer::Dossier, lang: Lang) -> Reply {
    let feeds = match dossier.store.feeds().await {
        Ok(feeds) => feeds,
        Err(e) => {
            log::error!("listing feeds: {e:#}");
            return Reply::text(lang.t("sorry"));
        }
    };
    if feeds.is_empty() {
        return Reply::text(lang.t("feeds-none"));
    }
    let mut reply = Reply::default().line(lang.spans("feeds-title", &[]));
    for feed in feeds {
        let state = match feeds::state_of(&feed) {
            FeedState::Active => lang.t("feed-state-active"),
            FeedState::Failing(n) => lang.tr("feed-state-failing", &[arg("count", n)]),
            FeedState::Deactivated => lang.t("feed-state-deactivated"),
        };
        reply.push_blank();
        reply.push_line(vec![text(feed.title.clone().unwrap_or_else(|| feed.url.clone()))]);
        reply.push_line(vec![text(feed.url.clone())]);
        let articles = lang.tr("feed-articles", &[arg("count", feed.items_ingested)]);
        reply.push_line(vec![text(format!("{state} · {articles}"))]);
        if let Some(error) = &feed.last_error {
            reply.push_line(vec![text(lang.tr("feed-last-error", &[arg("error", error.as_str())]))]);
        }
    }
    reply
}

/// A lone link in a private chat: the owner's page is ingested; anyone else is refused politely.
pub async fn handle_link(services: &Services, msg: &Message) -> Option<Reply> {
    let url = msg.text().and_then(url_key::lone_url)?;
    if !msg.chat.is_private() {
        return None;
    }
    let lang = super::lang::of_message(services, msg).await;
    if !is_owner(services, msg) {
        return Some(Reply::text(lang.t("link-only-owner")));
    }
    let fetcher = match feeds::fetcher(&services.config) {
        Ok(fetcher) => fetcher,
        Err(e) => {
            log::error!("building the HTTP client: {e:#}");
            return Some(Reply::text(lang.t("link-failed")));
        }
    };
    let shown = url.to_string();
    let outcome = page::ingest_url(&services.intake, &fetcher, url.as_str()).await;
    Some(Reply::text(match outcome {
        Ok(page::PageOutcome::Ingested { sentences }) => {
            if let Err(e) = crate::app::refresh_quiz(&services.dossier.pool, &services.dossier.knowledge).await {
                log::error!("{e:#}");
            }
            lang.tr("link-ingested", &[arg("url", shown), arg("count", sentences)])
        }
        Ok(page::PageOutcome::Unchanged) => lang.tr("link-unchanged", &[arg("url", shown)]),
        Ok(page::PageOutcome::Duplicate { .. }) => lang.t("link-duplicate"),
        Err(page::UrlError::Ingest(IngestError::Unexpected(e))) => {
            log::error!("ingesting {shown}: {e:#}");
            lang.t("link-failed")
        }
        Err(e) => {
            log::warn!("not ingesting {shown}: {e}");
            lang.tr("link-refused", &[arg("url", shown), arg("why", e.to_string())])
        }
    }))
}
