//! The move of seen marks from question ids to question keys: marks made before it keep their questions.

use crate::db::{MIGRATOR, Pool};

/// The migration that keys seen marks by question key.
const BY_KEY: i64 = 20261202000002;

#[sqlx::test(migrations = false)]
async fn marks_by_id_become_marks_by_key(pool: Pool) {
    for migration in MIGRATOR.iter().filter(|m| m.version < BY_KEY) {
        sqlx::raw_sql(&migration.sql).execute(&pool).await.unwrap();
    }
    sqlx::raw_sql(
        "INSERT INTO quiz_questions (id, key, kind, question, options, correct, fact, fact_key, created_at, updated_at)
         VALUES (7, 'key-seven', 'figure', 'Q?', '[]', 0, 'F.', 'f7', 't', 't'),
                (9, 'key-nine', 'figure', 'Q?', '[]', 0, 'F.', 'f9', 't', 't');
         INSERT INTO quiz_seen (chat_id, question_id, seen_at) VALUES (1, 7, 'a'), (1, 9, 'b'), (2, 9, 'c');",
    )
    .execute(&pool)
    .await
    .unwrap();
    let by_key = MIGRATOR.iter().find(|m| m.version == BY_KEY).expect("the migration exists");
    sqlx::raw_sql(&by_key.sql).execute(&pool).await.unwrap();
    let marks: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT chat_id, question_key, seen_at FROM quiz_seen ORDER BY chat_id, question_key")
            .fetch_all(&pool)
            .await
            .unwrap();
    let expected = [(1, "key-nine", "b"), (1, "key-seven", "a"), (2, "key-nine", "c")]
        .map(|(chat, key, at)| (chat, key.to_owned(), at.to_owned()));
    assert_eq!(marks, expected);
}
