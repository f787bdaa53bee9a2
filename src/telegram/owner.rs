//! What only the bot owner (`BOT_OWNER_ID`) may do: add documents by sending them, and see `/stats`.

use teloxide::{net::Download, prelude::*};

use super::Services;
use crate::{
    db,
    facts::{IngestError, IngestOutcome, SourceDocument, source::MAX_DOCUMENT_BYTES},
    reply::{Reply, bold, text},
};

fn is_owner(services: &Services, msg: &Message) -> bool {
    let user = msg.from.as_ref().map(|u| u.id.0 as i64);
    services.config.owner_id.is_some() && user == services.config.owner_id
}

/// A document sent to the bot: the owner's `.txt`/`.md` is ingested; anyone else gets a polite refusal.
pub async fn handle_document(services: &Services, msg: &Message) -> Option<Reply> {
    let document = msg.document()?;
    if !msg.chat.is_private() {
        return None;
    }
    if !is_owner(services, msg) {
        return Some(Reply::text("Thanks! Only the bot's owner can add documents to the fact base, though."));
    }
    let name = document.file_name.clone().unwrap_or_else(|| "document.txt".into());
    if !(name.ends_with(".txt") || name.ends_with(".md")) {
        return Some(Reply::text("Send the document as a .txt or .md file, please."));
    }
    if u64::from(document.file.size) > MAX_DOCUMENT_BYTES {
        return Some(Reply::text(format!("{name} is too large: documents may be at most 16 MB.")));
    }
    Some(match ingest(services, &document.file.id, &name).await {
        Ok(IngestOutcome::Unchanged) => {
            Reply::default().line(vec![bold(&name), text(" is already in the fact base, unchanged.")])
        }
        Ok(IngestOutcome::Added { sentences } | IngestOutcome::Updated { sentences }) => Reply::default().line(vec![
            text("📥 "),
            bold(&name),
            text(format!(" ingested: {sentences} sentences. Subscribed chats get its facts in their next digest.")),
        ]),
        Err(IngestError::Unexpected(e)) => {
            log::error!("ingesting an uploaded document {name}: {e:#}");
            Reply::text("Sorry, ingesting that document failed on my side. The fact base is unchanged.")
        }
        Err(user_error) => Reply::text(format!("I couldn't ingest that: {user_error}")),
    })
}

async fn ingest(
    services: &Services,
    file_id: &teloxide::types::FileId,
    name: &str,
) -> Result<IngestOutcome, IngestError> {
    let bot = &services.delivery.bot;
    let file = bot.get_file(file_id.clone()).await.map_err(|e| anyhow::anyhow!("getFile: {e}"))?;
    let mut bytes = Vec::new();
    bot.download_file(&file.path, &mut bytes).await.map_err(|e| anyhow::anyhow!("downloading: {e}"))?;
    let doc = SourceDocument::from_bytes(name, &bytes, None, &services.dossier.knowledge.rules_hash)?;
    let outcome = services.ingestor.ingest(&services.dossier.pool, &doc).await?;
    if outcome != IngestOutcome::Unchanged {
        crate::app::refresh_quiz(&services.dossier.pool, &services.dossier.knowledge).await?;
    }
    Ok(outcome)
}

/// `/stats`: counts for the owner, a refusal for anyone else.
pub async fn stats(services: &Services, msg: &Message) -> Reply {
    if !is_owner(services, msg) {
        return Reply::text("🔒 /stats is only for the bot's owner.");
    }
    let since = crate::digest::scheduler::stamp(chrono::Utc::now() - chrono::Duration::hours(24));
    match db::stats::collect(&services.dossier.pool, &since).await {
        Ok(s) => Reply::default()
            .line(vec![bold("📊 Dossier")])
            .line(vec![text(format!("Chats: {} ({} unreachable)", s.chats, s.unreachable_chats))])
            .line(vec![text(format!("Subscriptions: {}", s.subscriptions))])
            .line(vec![text(format!("Documents: {} · facts: {}", s.documents, s.facts))])
            .line(vec![text(format!(
                "Digests sent in 24 h: {} · errors: {} · waiting: {}",
                s.sent_24h, s.errors_24h, s.pending
            ))]),
        Err(e) => {
            log::error!("collecting /stats: {e:#}");
            Reply::text("Sorry, the statistics are not available right now.")
        }
    }
}
