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

/// Claims several updates in one statement; returns the ids claimed now (the others were claimed before).
pub async fn claim_many(pool: &Pool, update_ids: &[i64]) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar(
        "INSERT OR IGNORE INTO processed_updates (update_id, handled_at)
         SELECT value, ? FROM json_each(?) WHERE true RETURNING update_id",
    )
    .bind(super::now_text())
    .bind(serde_json::to_string(update_ids)?)
    .fetch_all(pool)
    .await
    .with_context(|| format!("claiming {} updates", update_ids.len()))
}

/// The highest update id claimed, if any is remembered.
pub async fn highest_claim(pool: &Pool) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(update_id) FROM processed_updates")
        .fetch_one(pool)
        .await
        .context("reading the highest update claimed")
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

#[cfg(test)]
mod claim_tests {
    use super::*;

    #[sqlx::test]
    async fn a_batch_claims_only_updates_not_claimed_before(pool: Pool) {
        assert!(claim(&pool, 2).await.unwrap());
        let mut claimed = claim_many(&pool, &[1, 2, 3, 3]).await.unwrap();
        claimed.sort();
        assert_eq!(claimed, [1, 3]);
        assert!(!claim(&pool, 3).await.unwrap());
    }
}
