//! Quiz questions: the facts they are generated from, storing a regenerated pool, and picking for a chat.

use anyhow::Context;

use crate::db::Pool;

/// A sentence of the fact base with its document's title, as the generator reads it.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct SourceFact {
    pub sentence_id: i64,
    pub fact_key: String,
    pub text: String,
    pub doc_title: String,
    pub doc_published: String,
}

/// Every sentence of the fact base, in a stable order.
pub async fn source_facts(pool: &Pool) -> anyhow::Result<Vec<SourceFact>> {
    sqlx::query_as(
        "SELECT s.id AS sentence_id, s.fact_key, s.text, d.title AS doc_title, d.published AS doc_published
         FROM sentences s JOIN documents d ON d.id = s.document_id ORDER BY d.name, s.position",
    )
    .fetch_all(pool)
    .await
    .context("reading the facts to quiz on")
}

/// A question as stored (options as a JSON array).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct QuestionRow {
    pub id: i64,
    pub key: String,
    pub kind: String,
    pub question: String,
    pub options: String,
    pub correct: i64,
    pub fact: String,
    pub fact_key: String,
    pub sentence_id: Option<i64>,
    pub retired_at: Option<String>,
}

/// A question to store, keyed by its stable `key`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewQuestion {
    pub key: String,
    pub kind: String,
    pub question: String,
    pub options: Vec<String>,
    pub correct: i64,
    pub fact: String,
    pub fact_key: String,
    pub sentence_id: i64,
}

/// What storing a regenerated pool changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreOutcome {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// No longer generated but cited by a poll: kept, marked retired.
    pub retired: usize,
    /// No longer generated and never asked in a poll: removed.
    pub deleted: usize,
}

const COLUMNS: &str = "id, key, kind, question, options, correct, fact, fact_key, sentence_id, retired_at";

/// Replaces the active pool with `questions` in one transaction: new keys are added, known ones refreshed
/// (and revived if retired), and active questions missing from `questions` retired or deleted.
pub async fn store(pool: &Pool, questions: &[NewQuestion], now: &str) -> anyhow::Result<StoreOutcome> {
    let mut out = StoreOutcome::default();
    let mut tx = crate::db::begin_write(pool).await.context("starting to store quiz questions")?;
    for q in questions {
        let options = serde_json::to_string(&q.options).context("encoding quiz options")?;
        let existing: Option<QuestionRow> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_questions WHERE key = ?"))
                .bind(&q.key)
                .fetch_optional(&mut *tx)
                .await
                .context("reading a stored quiz question")?;
        let same = existing.as_ref().is_some_and(|e| {
            (e.question.as_str(), e.options.as_str(), e.correct, e.fact.as_str(), e.sentence_id)
                == (q.question.as_str(), options.as_str(), q.correct, q.fact.as_str(), Some(q.sentence_id))
                && e.retired_at.is_none()
        });
        if same {
            out.unchanged += 1;
            continue;
        }
        sqlx::query(
            "INSERT INTO quiz_questions (key, kind, question, options, correct, fact, fact_key, sentence_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET question = excluded.question, options = excluded.options,
                 correct = excluded.correct, fact = excluded.fact, fact_key = excluded.fact_key,
                 sentence_id = excluded.sentence_id, retired_at = NULL, updated_at = excluded.updated_at",
        )
        .bind(&q.key)
        .bind(&q.kind)
        .bind(&q.question)
        .bind(&options)
        .bind(q.correct)
        .bind(&q.fact)
        .bind(&q.fact_key)
        .bind(q.sentence_id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("storing quiz question {}", q.key))?;
        if existing.is_some() {
            out.updated += 1;
        } else {
            out.added += 1;
        }
    }
    let keep: Vec<&str> = questions.iter().map(|q| q.key.as_str()).collect();
    let keep = serde_json::to_string(&keep).context("encoding quiz keys")?;
    let gone = "retired_at IS NULL AND key NOT IN (SELECT value FROM json_each(?))";
    let cited = "EXISTS (SELECT 1 FROM quiz_polls p WHERE p.question_id = quiz_questions.id)";
    out.retired = sqlx::query(&format!(
        "UPDATE quiz_questions SET retired_at = ?, sentence_id = NULL, updated_at = ? WHERE {gone} AND {cited}"
    ))
    .bind(now)
    .bind(now)
    .bind(&keep)
    .execute(&mut *tx)
    .await
    .context("retiring quiz questions")?
    .rows_affected() as usize;
    out.deleted = sqlx::query(&format!("DELETE FROM quiz_questions WHERE {gone} AND NOT {cited}"))
        .bind(&keep)
        .execute(&mut *tx)
        .await
        .context("deleting unused quiz questions")?
        .rows_affected() as usize;
    tx.commit().await.context("committing quiz questions")?;
    Ok(out)
}

/// One question by id, retired or not.
pub async fn get(pool: &Pool, id: i64) -> anyhow::Result<Option<QuestionRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_questions WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("reading quiz question {id}"))
}

/// Every active question, by id.
pub async fn active(pool: &Pool) -> anyhow::Result<Vec<QuestionRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM quiz_questions WHERE retired_at IS NULL ORDER BY id"))
        .fetch_all(pool)
        .await
        .context("reading the quiz pool")
}

const IN_TOPIC: &str = "(?1 IS NULL OR EXISTS (SELECT 1 FROM sentences s JOIN sentence_topics t ON t.sentence_id = s.id
     WHERE s.fact_key = q.fact_key AND t.topic = ?1))";

/// The active pool of a topic (or all of it) with whether `chat_id` has seen each in this cycle:
/// `(id, key, seen)`.
pub async fn pool_for(pool: &Pool, chat_id: i64, topic: Option<&str>) -> anyhow::Result<Vec<(i64, String, bool)>> {
    sqlx::query_as(&format!(
        "SELECT q.id, q.key, EXISTS (SELECT 1 FROM quiz_seen v WHERE v.chat_id = ?2 AND v.question_key = q.key)
         FROM quiz_questions q WHERE q.retired_at IS NULL AND {IN_TOPIC} ORDER BY q.id"
    ))
    .bind(topic)
    .bind(chat_id)
    .fetch_all(pool)
    .await
    .with_context(|| format!("reading the quiz pool of chat {chat_id}"))
}

/// Forgets which of `question_ids` the chat has seen: its cycle through them starts again.
pub async fn reset_seen(pool: &Pool, chat_id: i64, question_keys: &[String]) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM quiz_seen WHERE chat_id = ? AND question_key IN (SELECT value FROM json_each(?))")
        .bind(chat_id)
        .bind(serde_json::to_string(question_keys).unwrap_or_else(|_| "[]".into()))
        .execute(pool)
        .await
        .with_context(|| format!("restarting the quiz cycle of chat {chat_id}"))?;
    Ok(())
}

/// Notes that the chat was asked a question.
pub async fn mark_seen(pool: &Pool, chat_id: i64, question_key: &str, now: &str) -> anyhow::Result<()> {
    sqlx::query("INSERT OR IGNORE INTO quiz_seen (chat_id, question_key, seen_at) VALUES (?, ?, ?)")
        .bind(chat_id)
        .bind(question_key)
        .bind(now)
        .execute(pool)
        .await
        .with_context(|| format!("noting a question chat {chat_id} saw"))?;
    Ok(())
}

/// The topics of the fact a question tests, alphabetically.
pub async fn topics_of(pool: &Pool, fact_key: &str) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT t.topic FROM sentences s JOIN sentence_topics t ON t.sentence_id = s.id
         WHERE s.fact_key = ? ORDER BY t.topic",
    )
    .bind(fact_key)
    .fetch_all(pool)
    .await
    .context("reading a fact's topics")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::db::documents::tests::{doc, parsed, sentence};

    /// A document of `n` sentences on `topic`, and one stored question per sentence; returns the question ids.
    pub async fn seed_pool(pool: &Pool, name: &str, n: u32, topic: &str) -> Vec<i64> {
        let sentences = (0..n).map(|i| sentence(i, &format!("{name} fact {i}."), &[], &[topic])).collect();
        crate::db::documents::replace(pool, &doc(name, name), &parsed(sentences)).await.unwrap();
        let mut ids = Vec::new();
        for f in source_facts(pool).await.unwrap().iter().filter(|f| f.text.starts_with(&format!("{name} "))) {
            let q = question(&f.fact_key, f.sentence_id, &f.text);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO quiz_questions (key, kind, question, options, correct, fact, fact_key, sentence_id, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'now', 'now') RETURNING id",
            )
            .bind(&q.key)
            .bind(&q.kind)
            .bind(&q.question)
            .bind(serde_json::to_string(&q.options).unwrap())
            .bind(q.correct)
            .bind(&q.fact)
            .bind(&q.fact_key)
            .bind(q.sentence_id)
            .fetch_one(pool)
            .await
            .unwrap();
            ids.push(id);
        }
        ids
    }

    pub fn question(fact_key: &str, sentence_id: i64, fact: &str) -> NewQuestion {
        NewQuestion {
            key: format!("k-{fact_key}"),
            kind: "figure".into(),
            question: format!("Q about {fact}?"),
            options: vec!["A".into(), "B".into(), "C".into()],
            correct: 1,
            fact: fact.into(),
            fact_key: fact_key.into(),
            sentence_id,
        }
    }

    #[sqlx::test]
    async fn storing_the_same_pool_twice_changes_nothing(pool: Pool) {
        let ids = seed_pool(&pool, "a", 3, "trade").await;
        assert_eq!(ids.len(), 3);
        let again: Vec<NewQuestion> =
            source_facts(&pool).await.unwrap().iter().map(|f| question(&f.fact_key, f.sentence_id, &f.text)).collect();
        let outcome = store(&pool, &again, "later").await.unwrap();
        assert_eq!(outcome, StoreOutcome { unchanged: 3, ..Default::default() });
    }

    #[sqlx::test]
    async fn questions_no_longer_generated_are_retired_when_cited_and_deleted_otherwise(pool: Pool) {
        let ids = seed_pool(&pool, "a", 2, "trade").await;
        sqlx::query(
            "INSERT INTO quiz_polls (poll_id, chat_id, question_id, correct, sent_at, closes_at) VALUES ('p', 1, ?, 1, 'x', 'y')",
        )
        .bind(ids[0])
        .execute(&pool)
        .await
        .unwrap();
        let outcome = store(&pool, &[], "later").await.unwrap();
        assert_eq!((outcome.retired, outcome.deleted), (1, 1));
        assert!(active(&pool).await.unwrap().is_empty());
        let kept = get(&pool, ids[0]).await.unwrap().unwrap();
        assert_eq!(kept.retired_at.as_deref(), Some("later"));
    }

    #[sqlx::test]
    async fn the_pool_of_a_topic_follows_the_facts_topics(pool: Pool) {
        seed_pool(&pool, "a", 2, "trade").await;
        seed_pool(&pool, "b", 3, "energy").await;
        assert_eq!(pool_for(&pool, 1, Some("trade")).await.unwrap().len(), 2);
        assert_eq!(pool_for(&pool, 1, Some("energy")).await.unwrap().len(), 3);
        assert_eq!(pool_for(&pool, 1, None).await.unwrap().len(), 5);
        let key = pool_for(&pool, 1, Some("trade")).await.unwrap()[0].1.clone();
        mark_seen(&pool, 1, &key, "now").await.unwrap();
        let seen: Vec<bool> = pool_for(&pool, 1, Some("trade")).await.unwrap().into_iter().map(|r| r.2).collect();
        assert_eq!(seen, vec![true, false]);
        reset_seen(&pool, 1, &[key]).await.unwrap();
        assert!(pool_for(&pool, 1, None).await.unwrap().iter().all(|r| !r.2));
    }
}
