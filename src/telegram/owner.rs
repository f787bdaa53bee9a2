//! What only the bot owner (`BOT_OWNER_ID`) may do: add documents by sending them, and see `/stats`.

use teloxide::{net::Download, prelude::*};

use super::Services;
use crate::{
    db,
    facts::{
        IngestError, IngestOutcome, SourceDocument,
        source::{MAX_DOCUMENT_BYTES, SourceError},
    },
    i18n::{Lang, arg},
    reply::{Reply, text},
};

pub(super) fn is_owner(services: &Services, msg: &Message) -> bool {
    let user = msg.from.as_ref().map(|u| u.id.0 as i64);
    services.config.owner_id.is_some() && user == services.config.owner_id
}

/// A document sent to the bot: the owner's `.txt`/`.md` is ingested; anyone else gets a polite refusal.
/// Answers in the chat's language.
pub async fn handle_document(services: &Services, msg: &Message) -> Option<Reply> {
    let document = msg.document()?;
    if !msg.chat.is_private() {
        return None;
    }
    let lang = super::lang::of_message(services, msg).await;
    if !is_owner(services, msg) {
        return Some(Reply::text(lang.t("owner-only-documents")));
    }
    let name = document.file_name.clone().unwrap_or_else(|| "document.txt".into());
    if !(name.ends_with(".txt") || name.ends_with(".md")) {
        return Some(Reply::text(lang.t("owner-file-type")));
    }
    if u64::from(document.file.size) > MAX_DOCUMENT_BYTES {
        return Some(Reply::text(lang.tr("owner-too-large", &[arg("name", name.as_str())])));
    }
    Some(match ingest(services, &document.file.id, &name).await {
        Ok(IngestOutcome::Unchanged) => Reply::default().line(lang.spans("owner-unchanged", &[arg("name", name)])),
        Ok(IngestOutcome::Added { sentences } | IngestOutcome::Updated { sentences }) => {
            Reply::default().line(lang.spans("owner-ingested", &[arg("name", name), arg("count", sentences)]))
        }
        Err(IngestError::Unexpected(e)) => {
            log::error!("ingesting an uploaded document {name}: {e:#}");
            Reply::text(lang.t("owner-ingest-failed"))
        }
        Err(user_error) => Reply::text(lang.tr("owner-ingest-refused", &[arg("why", refusal(&user_error, lang))])),
    })
}

/// Why an upload was refused, in `lang` where the reason is known; otherwise the ingester's own words.
fn refusal(error: &IngestError, lang: Lang) -> String {
    let id = match error {
        IngestError::Source(SourceError::Empty { .. }) => "owner-why-empty",
        IngestError::Source(SourceError::Binary { .. }) => "owner-why-binary",
        IngestError::Source(SourceError::NotUtf8 { .. }) => "owner-why-not-utf8",
        IngestError::NoSentences { .. } => "owner-why-no-sentences",
        other => return other.to_string(),
    };
    lang.t(id)
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
    let outcome = services.intake.ingest(&doc).await?;
    if outcome != IngestOutcome::Unchanged {
        crate::quiz::refresh(&services.dossier.pool, &services.dossier.knowledge).await?;
    }
    Ok(outcome)
}

/// The shared counts from the store, the documents and facts from this replica's index.
async fn shared_and_index_stats(services: &Services, since: &str) -> anyhow::Result<db::stats::Stats> {
    let mut stats = services.dossier.store.shared_stats(since).await?;
    let (documents, facts) = db::stats::index_counts(&services.dossier.pool).await?;
    (stats.documents, stats.facts) = (documents, facts);
    Ok(stats)
}

/// `/stats`: counts for the owner, a refusal for anyone else, in `lang`.
pub async fn stats(services: &Services, msg: &Message, lang: Lang) -> Reply {
    if !is_owner(services, msg) {
        return Reply::text(lang.t("stats-only-owner"));
    }
    let since = crate::digest::scheduler::stamp(chrono::Utc::now() - chrono::Duration::hours(24));
    match shared_and_index_stats(services, &since).await {
        Ok(s) => Reply::default()
            .line(lang.spans("stats-title", &[]))
            .line(vec![text(lang.tr("stats-chats", &[arg("chats", s.chats), arg("unreachable", s.unreachable_chats)]))])
            .line(vec![text(lang.tr("stats-subscriptions", &[arg("count", s.subscriptions)]))])
            .line(vec![text(lang.tr("stats-documents", &[arg("documents", s.documents), arg("facts", s.facts)]))])
            .line(vec![text(lang.tr(
                "stats-digests",
                &[arg("sent", s.sent_24h), arg("errors", s.errors_24h), arg("waiting", s.pending)],
            ))]),
        Err(e) => {
            log::error!("collecting /stats: {e:#}");
            Reply::text(lang.t("stats-unavailable"))
        }
    }
}
