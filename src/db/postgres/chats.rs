//! Chats, their settings and subscriptions on PostgreSQL.

use anyhow::Context;
use async_trait::async_trait;

use super::PgStore;
use crate::db::store::{ChatRow, ChatStore, DigestSchedule, SubscriptionRow};

pub(super) const CHAT_COLUMNS: &str = "chat_id, kind, title, language, timezone, digest_time, frequency, weekday, \
     paused, unreachable, next_slot, last_digest_at, quiz_open_period";

/// Tables keyed by chat whose rows move with a migrated chat, with the columns that make a row unique
/// besides the chat (a row that would collide with one the new chat has is dropped with the old chat).
const CHAT_TABLES: [(&str, &str); 3] =
    [("subscriptions", "subject"), ("received_facts", "fact_key"), ("outbox", "slot")];

#[async_trait]
impl ChatStore for PgStore {
    async fn ensure_chat(&self, chat_id: i64, kind: &str, title: Option<&str>) -> anyhow::Result<ChatRow> {
        sqlx::query_as(&format!(
            "INSERT INTO chats (chat_id, kind, title, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, title = COALESCE(excluded.title, chats.title)
             RETURNING {CHAT_COLUMNS}"
        ))
        .bind(chat_id)
        .bind(kind)
        .bind(title)
        .bind(crate::db::now_text())
        .fetch_one(&self.pool)
        .await
        .with_context(|| format!("recording chat {chat_id}"))
    }

    async fn chat(&self, chat_id: i64) -> anyhow::Result<Option<ChatRow>> {
        sqlx::query_as(&format!("SELECT {CHAT_COLUMNS} FROM chats WHERE chat_id = $1"))
            .bind(chat_id)
            .fetch_optional(&self.pool)
            .await
            .with_context(|| format!("reading chat {chat_id}"))
    }

    async fn language_overrides(&self) -> anyhow::Result<Vec<(i64, String)>> {
        sqlx::query_as("SELECT chat_id, language FROM chats WHERE language IS NOT NULL ORDER BY chat_id")
            .fetch_all(&self.pool)
            .await
            .context("reading the chats' language overrides")
    }

    async fn set_language(&self, chat_id: i64, language: Option<&str>) -> anyhow::Result<()> {
        sqlx::query("UPDATE chats SET language = $1 WHERE chat_id = $2")
            .bind(language)
            .bind(chat_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("setting the language of chat {chat_id}"))?;
        Ok(())
    }

    async fn mark_unreachable(&self, chat_id: i64, reason: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE chats SET unreachable = $1 WHERE chat_id = $2")
            .bind(reason)
            .bind(chat_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("marking chat {chat_id} unreachable"))?;
        Ok(())
    }

    async fn mark_reachable(&self, chat_id: i64) -> anyhow::Result<bool> {
        let done = sqlx::query("UPDATE chats SET unreachable = NULL WHERE chat_id = $1 AND unreachable IS NOT NULL")
            .bind(chat_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("marking chat {chat_id} reachable"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn set_quiz_open_period(&self, chat_id: i64, secs: u32) -> anyhow::Result<()> {
        sqlx::query("UPDATE chats SET quiz_open_period = $1 WHERE chat_id = $2")
            .bind(i64::from(secs))
            .bind(chat_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("setting the quiz poll duration of chat {chat_id}"))?;
        Ok(())
    }

    async fn migrate_chat(&self, old_id: i64, new_id: i64) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await.context("starting a chat migration")?;
        // Two migrations of one chat (say, replayed on two replicas) queue here instead of interleaving.
        sqlx::query("SELECT chat_id FROM chats WHERE chat_id IN ($1, $2) FOR UPDATE")
            .bind(old_id)
            .bind(new_id)
            .execute(&mut *tx)
            .await
            .context("locking the chats being migrated")?;
        let new_exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM chats WHERE chat_id = $1)")
            .bind(new_id)
            .fetch_one(&mut *tx)
            .await
            .context("looking for the migrated chat")?;
        if new_exists {
            for (table, key) in CHAT_TABLES {
                sqlx::query(&format!(
                    "UPDATE {table} o SET chat_id = $1 WHERE o.chat_id = $2
                     AND NOT EXISTS (SELECT 1 FROM {table} n WHERE n.chat_id = $1 AND n.{key} = o.{key})"
                ))
                .bind(new_id)
                .bind(old_id)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("moving {table} of chat {old_id} to {new_id}"))?;
            }
            sqlx::query("DELETE FROM chats WHERE chat_id = $1").bind(old_id).execute(&mut *tx).await?;
        } else {
            // ON UPDATE CASCADE carries every row that refers to the chat.
            sqlx::query("UPDATE chats SET chat_id = $1, kind = 'supergroup' WHERE chat_id = $2")
                .bind(new_id)
                .bind(old_id)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("moving chat {old_id} to {new_id}"))?;
        }
        super::quiz_polls::move_chat_in(&mut tx, old_id, new_id).await?;
        tx.commit().await.context("committing a chat migration")?;
        log::info!("chat {old_id} moved to {new_id}");
        Ok(())
    }

    async fn subscribe(
        &self,
        chat_id: i64,
        subject: &str,
        thread_id: Option<i64>,
        first_slot: &str,
    ) -> anyhow::Result<bool> {
        let mut tx = self.pool.begin().await.context("starting a subscription")?;
        let inserted = sqlx::query(
            "INSERT INTO subscriptions (chat_id, subject, thread_id, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (chat_id, subject) DO NOTHING",
        )
        .bind(chat_id)
        .bind(subject)
        .bind(thread_id)
        .bind(crate::db::now_text())
        .execute(&mut *tx)
        .await
        .with_context(|| format!("subscribing chat {chat_id} to {subject}"))?
        .rows_affected()
            > 0;
        sqlx::query("UPDATE chats SET next_slot = COALESCE(next_slot, $1) WHERE chat_id = $2")
            .bind(first_slot)
            .bind(chat_id)
            .execute(&mut *tx)
            .await
            .context("scheduling the first digest")?;
        tx.commit().await.context("committing a subscription")?;
        Ok(inserted)
    }

    async fn unsubscribe(&self, chat_id: i64, subject: &str) -> anyhow::Result<bool> {
        let done = sqlx::query("DELETE FROM subscriptions WHERE chat_id = $1 AND subject = $2")
            .bind(chat_id)
            .bind(subject)
            .execute(&self.pool)
            .await
            .with_context(|| format!("unsubscribing chat {chat_id} from {subject}"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn unsubscribe_all(&self, chat_id: i64) -> anyhow::Result<u64> {
        let done = sqlx::query("DELETE FROM subscriptions WHERE chat_id = $1")
            .bind(chat_id)
            .execute(&self.pool)
            .await
            .with_context(|| format!("unsubscribing chat {chat_id} from everything"))?;
        Ok(done.rows_affected())
    }

    async fn subscriptions(&self, chat_id: i64) -> anyhow::Result<Vec<SubscriptionRow>> {
        sqlx::query_as("SELECT subject, thread_id FROM subscriptions WHERE chat_id = $1 ORDER BY created_at, subject")
            .bind(chat_id)
            .fetch_all(&self.pool)
            .await
            .with_context(|| format!("listing the subscriptions of chat {chat_id}"))
    }

    async fn set_schedule(&self, chat_id: i64, s: &DigestSchedule<'_>) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE chats SET timezone = $1, digest_time = $2, frequency = $3, weekday = $4,
             next_slot = CASE WHEN next_slot IS NULL THEN NULL ELSE $5 END WHERE chat_id = $6",
        )
        .bind(s.timezone)
        .bind(s.digest_time)
        .bind(s.frequency)
        .bind(s.weekday)
        .bind(s.next_slot)
        .bind(chat_id)
        .execute(&self.pool)
        .await
        .with_context(|| format!("saving the schedule of chat {chat_id}"))?;
        Ok(())
    }

    async fn set_paused(&self, chat_id: i64, paused: bool) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE chats SET paused = $1, unreachable = CASE WHEN $1 THEN unreachable ELSE NULL END
             WHERE chat_id = $2",
        )
        .bind(paused)
        .bind(chat_id)
        .execute(&self.pool)
        .await
        .with_context(|| format!("pausing or resuming chat {chat_id}"))?;
        Ok(())
    }
}
