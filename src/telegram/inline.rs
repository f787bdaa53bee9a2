//! Inline mode: `@bot India` in any chat offers a fact card and matching sentences, a page at a time.

use std::sync::Arc;

use teloxide::{
    prelude::*,
    types::{InlineQueryResult, InlineQueryResultArticle, InputMessageContent, InputMessageContentText, ParseMode},
};

use super::{Services, markup};
use crate::{answer::inline, i18n::Lang, render};

/// How long Telegram may cache an answer, in seconds: the documents change rarely.
const CACHE_SECS: u32 = 60;

/// Answers an inline query (always, so the user is never left waiting).
pub async fn handle_inline_query(query: InlineQuery, services: Arc<Services>) -> anyhow::Result<()> {
    let offset = query.offset.parse::<usize>().unwrap_or(0).min(1000);
    let lang = Lang::from_code(query.from.language_code.as_deref());
    let (items, next) = match inline::results(&services.dossier.in_lang(lang), &query.query, offset).await {
        Ok(found) => found,
        Err(e) => {
            log::error!("inline query {:?}: {e}", query.query);
            (Vec::new(), None)
        }
    };
    let results: Vec<InlineQueryResult> = items
        .into_iter()
        .filter_map(|item| {
            let reply = render::links::resolve(&item.reply, &services.username);
            let html = render::html::render(&reply).into_iter().next()?;
            let content = InputMessageContent::Text(
                InputMessageContentText::new(html)
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(markup::no_link_preview()),
            );
            let id: String = item.id.chars().take(64).collect();
            Some(InlineQueryResultArticle::new(id, item.title, content).description(item.description).into())
        })
        .collect();
    let answer = services
        .delivery
        .bot
        .answer_inline_query(query.id, results)
        .cache_time(CACHE_SECS)
        .next_offset(next.map(|n| n.to_string()).unwrap_or_default());
    if let Err(e) = answer.await {
        log::warn!("answering an inline query: {e}");
    }
    Ok(())
}
