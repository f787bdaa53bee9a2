//! Chats the bot talks to: their settings, reachability, and moves to a new id (group → supergroup).

use anyhow::Context;

use super::Pool;
use crate::i18n::Lang;

/// A chat's stored settings.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct ChatRow {
    pub chat_id: i64,
    pub kind: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub timezone: String,
    pub digest_time: String,
    pub frequency: String,
    pub weekday: i64,
    pub paused: bool,
    pub unreachable: Option<String>,
    pub next_slot: Option<String>,
    pub last_digest_at: Option<String>,
    pub quiz_open_period: i64,
}

impl ChatRow {
    /// The interface language stored for the chat (`/lang`), English when none is: what background jobs
    /// (digests, round results) write in.
    pub fn lang(&self) -> Lang {
        self.language.as_deref().and_then(Lang::parse).unwrap_or_default()
    }
}

const CHAT_COLUMNS: &str = "chat_id, kind, title, language, timezone, digest_time, frequency, weekday, paused, unreachable, next_slot, last_digest_at, quiz_open_period";

/// Records a chat (or refreshes its kind and title) and returns its settings.
pub async fn ensure(pool: &Pool, chat_id: i64, kind: &str, title: Option<&str>) -> anyhow::Result<ChatRow> {
    let sql = format!(
        "INSERT INTO chats (chat_id, kind, title, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, title = COALESCE(excluded.title, chats.title)
         RETURNING {CHAT_COLUMNS}"
    );
    sqlx::query_as(&sql)
        .bind(chat_id)
        .bind(kind)
        .bind(title)
        .bind(super::now_text())
        .fetch_one(pool)
        .await
        .with_context(|| format!("recording chat {chat_id}"))
}

/// A chat's settings, if the bot knows it.
pub async fn get(pool: &Pool, chat_id: i64) -> anyhow::Result<Option<ChatRow>> {
    sqlx::query_as(&format!("SELECT {CHAT_COLUMNS} FROM chats WHERE chat_id = ?"))
        .bind(chat_id)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading chat {chat_id}"))
}

/// Every chat's interface language override (few chats have one).
pub async fn language_overrides(pool: &Pool) -> anyhow::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT chat_id, language FROM chats WHERE language IS NOT NULL")
        .fetch_all(pool)
        .await
        .context("reading the chats' language overrides")
}

/// Sets (or, with `None`, clears) a chat's interface language override.
pub async fn set_language(pool: &Pool, chat_id: i64, language: Option<&str>) -> anyhow::Result<()> {
    sqlx::query("UPDATE chats SET language = ? WHERE chat_id = ?")
        .bind(language)
        .bind(chat_id)
        .execute(pool)
        .await
        .with_context(|| format!("setting the language of chat {chat_id}"))?;
    Ok(())
}

/// Marks a chat as unreachable (blocked, kicked, deactivated): its digests pause, nothing is deleted.
pub async fn mark_unreachable(pool: &Pool, chat_id: i64, reason: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE chats SET unreachable = ? WHERE chat_id = ?")
        .bind(reason)
        .bind(chat_id)
        .execute(pool)
        .await
        .with_context(|| format!("marking chat {chat_id} unreachable"))?;
    Ok(())
}

/// The chat wrote to the bot again: it is reachable. Returns whether it had been marked unreachable.
pub async fn mark_reachable(pool: &Pool, chat_id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query("UPDATE chats SET unreachable = NULL WHERE chat_id = ? AND unreachable IS NOT NULL")
        .bind(chat_id)
        .execute(pool)
        .await
        .with_context(|| format!("marking chat {chat_id} reachable"))?;
    Ok(done.rows_affected() > 0)
}

/// How long the chat's quiz polls stay open, in seconds.
pub async fn set_quiz_open_period(pool: &Pool, chat_id: i64, secs: u32) -> anyhow::Result<()> {
    sqlx::query("UPDATE chats SET quiz_open_period = ? WHERE chat_id = ?")
        .bind(secs)
        .bind(chat_id)
        .execute(pool)
        .await
        .with_context(|| format!("setting the quiz poll duration of chat {chat_id}"))?;
    Ok(())
}

/// Moves a chat's settings, subscriptions, received facts, outbox and quiz state to its new id, in one
/// transaction.
pub async fn migrate(pool: &Pool, old_id: i64, new_id: i64) -> anyhow::Result<()> {
    let mut tx = crate::db::begin_write(pool).await.context("starting a chat migration")?;
    let new_exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM chats WHERE chat_id = ?)")
        .bind(new_id)
        .fetch_one(&mut *tx)
        .await?;
    if new_exists {
        for table in ["subscriptions", "received_facts", "outbox"] {
            sqlx::query(&format!("UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?"))
                .bind(new_id)
                .bind(old_id)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("moving {table} of chat {old_id} to {new_id}"))?;
        }
        sqlx::query("DELETE FROM chats WHERE chat_id = ?").bind(old_id).execute(&mut *tx).await?;
    } else {
        // ON UPDATE CASCADE carries every row that refers to the chat.
        sqlx::query("UPDATE chats SET chat_id = ?, kind = 'supergroup' WHERE chat_id = ?")
            .bind(new_id)
            .bind(old_id)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("moving chat {old_id} to {new_id}"))?;
    }
    super::quiz::move_chat_in(&mut tx, old_id, new_id).await?;
    tx.commit().await.context("committing a chat migration")?;
    log::info!("chat {old_id} moved to {new_id}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn subscribe(pool: &Pool, chat_id: i64, subject: &str) {
        sqlx::query("INSERT INTO subscriptions (chat_id, subject, created_at) VALUES (?, ?, 'now')")
            .bind(chat_id)
            .bind(subject)
            .execute(pool)
            .await
            .unwrap();
    }

    async fn subjects(pool: &Pool, chat_id: i64) -> Vec<String> {
        sqlx::query_scalar("SELECT subject FROM subscriptions WHERE chat_id = ? ORDER BY subject")
            .bind(chat_id)
            .fetch_all(pool)
            .await
            .unwrap()
    }

    #[sqlx::test]
    async fn a_migrated_group_keeps_its_settings_and_subscriptions(pool: Pool) {
        ensure(&pool, -42, "group", Some("Team")).await.unwrap();
        sqlx::query("UPDATE chats SET timezone = 'Asia/Kolkata' WHERE chat_id = -42").execute(&pool).await.unwrap();
        subscribe(&pool, -42, "topic:energy").await;
        migrate(&pool, -42, -1000000000042).await.unwrap();

        assert!(get(&pool, -42).await.unwrap().is_none());
        let moved = get(&pool, -1000000000042).await.unwrap().unwrap();
        assert_eq!((moved.timezone.as_str(), moved.kind.as_str()), ("Asia/Kolkata", "supergroup"));
        assert_eq!(subjects(&pool, -1000000000042).await, vec!["topic:energy"]);
    }

    #[sqlx::test]
    async fn migrating_into_a_known_chat_merges_subscriptions(pool: Pool) {
        ensure(&pool, -1, "group", None).await.unwrap();
        ensure(&pool, -1001, "supergroup", None).await.unwrap();
        subscribe(&pool, -1, "topic:energy").await;
        subscribe(&pool, -1, "country:IN").await;
        subscribe(&pool, -1001, "topic:energy").await;
        migrate(&pool, -1, -1001).await.unwrap();
        assert_eq!(subjects(&pool, -1001).await, vec!["country:IN", "topic:energy"]);
        assert!(get(&pool, -1).await.unwrap().is_none());
    }

    #[sqlx::test]
    async fn an_unreachable_chat_becomes_reachable_again(pool: Pool) {
        ensure(&pool, 5, "private", None).await.unwrap();
        mark_unreachable(&pool, 5, "bot was blocked by the user").await.unwrap();
        assert_eq!(get(&pool, 5).await.unwrap().unwrap().unreachable.as_deref(), Some("bot was blocked by the user"));
        assert!(mark_reachable(&pool, 5).await.unwrap());
        assert!(!mark_reachable(&pool, 5).await.unwrap());
    }

    #[sqlx::test]
    async fn a_chat_speaks_its_stored_language_or_english(pool: Pool) {
        assert_eq!(ensure(&pool, 6, "private", None).await.unwrap().lang(), Lang::En);
        set_language(&pool, 6, Some("ru")).await.unwrap();
        assert_eq!(get(&pool, 6).await.unwrap().unwrap().lang(), Lang::Ru);
    }
}
