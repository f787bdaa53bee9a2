//! Updates already handled: Telegram re-sends everything after the last confirmed offset, so a restart
//! after `kill -9` replays updates; each is handled once.

use anyhow::Context;

use super::Pool;

/// Claims an update for handling; false when it was handled before (a replay).
pub async fn claim(pool: &Pool, update_id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query("INSERT OR IGNORE INTO processed_updates (update_id, handled_at) VALUES (?, ?)")
        .bind(update_id)
        .bind(super::now_text())
        .execute(pool)
        .await
        .with_context(|| format!("claiming update {update_id}"))?;
    Ok(done.rows_affected() == 1)
}

/// Forgets updates handled before `cutoff` (Telegram keeps undelivered updates for 24 hours).
pub async fn forget_before(pool: &Pool, cutoff: &str) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM processed_updates WHERE handled_at < ?")
        .bind(cutoff)
        .execute(pool)
        .await
        .context("forgetting old updates")?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[sqlx::test]
    async fn an_update_is_claimed_once(pool: Pool) {
        assert!(claim(&pool, 7).await.unwrap());
        assert!(!claim(&pool, 7).await.unwrap());
        assert!(claim(&pool, 8).await.unwrap());
        assert_eq!(forget_before(&pool, "9999").await.unwrap(), 2);
    }
}
