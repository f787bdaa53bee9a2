//! `dossier migrate-to postgres://…`: copies an SQLite installation's shared state into an empty
//! PostgreSQL database in one PostgreSQL transaction, table by table, and checks every table's count.
//! Documents are copied from the archive; one the archive lacks (ingested before it existed) is
//! rebuilt from its sentences in the fact index, paragraph by paragraph.

use anyhow::{Context, bail};
use futures::TryStreamExt;
use sqlx::{Postgres, Transaction};

use super::{Pool, postgres::PgStore};

/// One shared table: name, the order rows are read in, and its columns with their PostgreSQL types.
struct Table {
    name: &'static str,
    order: &'static str,
    columns: &'static [(&'static str, &'static str)],
}

const fn table(name: &'static str, order: &'static str, columns: &'static [(&'static str, &'static str)]) -> Table {
    Table { name, order, columns }
}

/// Parents before children (foreign keys), each with every column the PostgreSQL schema has.
const TABLES: &[Table] = &[
    table(
        "chats",
        "chat_id",
        &[
            ("chat_id", "BIGINT"),
            ("kind", "TEXT"),
            ("title", "TEXT"),
            ("language", "TEXT"),
            ("timezone", "TEXT"),
            ("digest_time", "TEXT"),
            ("frequency", "TEXT"),
            ("weekday", "BIGINT"),
            ("paused", "BOOLEAN"),
            ("unreachable", "TEXT"),
            ("next_slot", "TEXT"),
            ("last_digest_at", "TEXT"),
            ("quiz_open_period", "BIGINT"),
            ("created_at", "TEXT"),
        ],
    ),
    table(
        "subscriptions",
        "chat_id, subject",
        &[("chat_id", "BIGINT"), ("subject", "TEXT"), ("thread_id", "BIGINT"), ("created_at", "TEXT")],
    ),
    table(
        "received_facts",
        "chat_id, fact_key",
        &[("chat_id", "BIGINT"), ("fact_key", "TEXT"), ("received_at", "TEXT")],
    ),
    table(
        "outbox",
        "id",
        &[
            ("id", "BIGINT"),
            ("chat_id", "BIGINT"),
            ("thread_id", "BIGINT"),
            ("slot", "TEXT"),
            ("reply", "TEXT"),
            ("fact_keys", "JSONB"),
            ("status", "TEXT"),
            ("attempts", "BIGINT"),
            ("next_attempt_at", "TEXT"),
            ("last_error", "TEXT"),
            ("created_at", "TEXT"),
            ("sent_at", "TEXT"),
        ],
    ),
    table("processed_updates", "update_id", &[("update_id", "BIGINT"), ("handled_at", "TEXT")]),
    table(
        "quiz_seen",
        "chat_id, question_key",
        &[("chat_id", "BIGINT"), ("question_key", "TEXT"), ("seen_at", "TEXT")],
    ),
    table(
        "quiz_rounds",
        "id",
        &[
            ("id", "BIGINT"),
            ("chat_id", "BIGINT"),
            ("topic", "TEXT"),
            ("total", "BIGINT"),
            ("status", "TEXT"),
            ("awaiting_until", "TEXT"),
            ("started_by", "BIGINT"),
            ("started_at", "TEXT"),
            ("ended_at", "TEXT"),
        ],
    ),
    table(
        "quiz_polls",
        "rowid",
        &[
            ("poll_id", "TEXT"),
            ("chat_id", "BIGINT"),
            ("message_id", "BIGINT"),
            ("question_id", "BIGINT"),
            ("correct", "BIGINT"),
            ("round_id", "BIGINT"),
            ("sent_at", "TEXT"),
            ("closes_at", "TEXT"),
            ("stopped_at", "TEXT"),
        ],
    ),
    table(
        "quiz_answers",
        "poll_id, user_id",
        &[
            ("poll_id", "TEXT"),
            ("user_id", "BIGINT"),
            ("option", "BIGINT"),
            ("correct", "BOOLEAN"),
            ("answered_at", "TEXT"),
        ],
    ),
    table("quiz_players", "user_id", &[("user_id", "BIGINT"), ("name", "TEXT"), ("updated_at", "TEXT")]),
    table(
        "quiz_schedules",
        "chat_id",
        &[("chat_id", "BIGINT"), ("time", "TEXT"), ("topic", "TEXT"), ("next_slot", "TEXT"), ("created_at", "TEXT")],
    ),
    table(
        "feeds",
        "id",
        &[
            ("id", "BIGINT"),
            ("url", "TEXT"),
            ("title", "TEXT"),
            ("active", "BOOLEAN"),
            ("etag", "TEXT"),
            ("last_modified", "TEXT"),
            ("next_poll_at", "TEXT"),
            ("ttl_secs", "BIGINT"),
            ("failures", "BIGINT"),
            ("last_error", "TEXT"),
            ("last_polled_at", "TEXT"),
            ("items_ingested", "BIGINT"),
            ("deactivated_at", "TEXT"),
            ("owner_told_at", "TEXT"),
            ("added_at", "TEXT"),
        ],
    ),
    table(
        "feed_items",
        "feed_id, item_key",
        &[
            ("feed_id", "BIGINT"),
            ("item_key", "TEXT"),
            ("state", "TEXT"),
            ("attempts", "BIGINT"),
            ("last_error", "TEXT"),
            ("updated_at", "TEXT"),
        ],
    ),
    table(
        "web_pages",
        "url_key",
        &[("url_key", "TEXT"), ("text_hash", "TEXT"), ("document_name", "TEXT"), ("fetched_at", "TEXT")],
    ),
];

/// Tables whose ids PostgreSQL hands out: copied ids are kept and the sequence moved past them.
const IDENTITY_TABLES: [&str; 3] = ["outbox", "quiz_rounds", "feeds"];

/// Rows sent to PostgreSQL per statement.
const CHUNK: usize = 2000;

/// What was copied: rows per table, and documents (archived, rebuilt from the index).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Copied {
    pub tables: Vec<(String, i64)>,
    pub documents: i64,
}

/// Copies everything from `source` into `target`, which must hold no chats, feeds or documents yet.
pub async fn copy(source: &Pool, target: &PgStore) -> anyhow::Result<Copied> {
    let mut tx = target.pool().begin().await.context("starting the copy into PostgreSQL")?;
    let occupied: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM chats) OR EXISTS (SELECT 1 FROM feeds) OR EXISTS (SELECT 1 FROM archived_documents)",
    )
    .fetch_one(&mut *tx)
    .await
    .context("checking that the target is empty")?;
    if occupied {
        bail!("the PostgreSQL database already holds chats, feeds or documents: migrate into an empty one");
    }
    let mut copied = Copied::default();
    for table in TABLES {
        let rows = copy_table(source, &mut tx, table).await?;
        let there: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", table.name)).fetch_one(&mut *tx).await?;
        if there != rows {
            bail!("{}: {rows} rows in SQLite but {there} in PostgreSQL", table.name);
        }
        copied.tables.push((table.name.to_string(), rows));
    }
    for name in IDENTITY_TABLES {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
        ))
        .execute(&mut *tx)
        .await
        .with_context(|| format!("moving the id sequence of {name} on"))?;
    }
    copied.documents = super::migrate_documents::copy(source, &mut tx).await?;
    tx.commit().await.context("committing the copy")?;
    Ok(copied)
}

/// Streams one table out of SQLite as JSON objects and into PostgreSQL a chunk at a time; rows copied.
async fn copy_table(source: &Pool, tx: &mut Transaction<'_, Postgres>, table: &Table) -> anyhow::Result<i64> {
    let object: Vec<String> = table.columns.iter().map(|(c, _)| format!("'{c}', {c}")).collect();
    let select = format!("SELECT json_object({}) FROM {} ORDER BY {}", object.join(", "), table.name, table.order);
    let names: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
    // Read as text and cast, so SQLite's 0/1 become booleans and JSON text becomes jsonb.
    let record: Vec<String> = names.iter().map(|c| format!("\"{c}\" TEXT")).collect();
    let casts: Vec<String> = table.columns.iter().map(|(c, ty)| format!("r.\"{c}\"::{ty}")).collect();
    let overriding = if IDENTITY_TABLES.contains(&table.name) { "OVERRIDING SYSTEM VALUE" } else { "" };
    let insert = format!(
        "INSERT INTO {} ({}) {overriding} SELECT {} FROM jsonb_to_recordset($1::jsonb) AS r({})",
        table.name,
        names.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "),
        casts.join(", "),
        record.join(", ")
    );
    let mut rows = sqlx::query_scalar::<_, String>(&select).fetch(source);
    let (mut chunk, mut total) = (Vec::with_capacity(CHUNK), 0i64);
    loop {
        let next = rows.try_next().await.with_context(|| format!("reading {}", table.name))?;
        if let Some(row) = &next {
            chunk.push(normalised(row)?);
        }
        if chunk.len() == CHUNK || (next.is_none() && !chunk.is_empty()) {
            let json = format!("[{}]", chunk.join(","));
            let done = sqlx::query(&insert).bind(json).execute(&mut **tx).await;
            total += done.with_context(|| format!("writing {} into PostgreSQL", table.name))?.rows_affected() as i64;
            chunk.clear();
        }
        if next.is_none() {
            return Ok(total);
        }
    }
}

/// A row object with every value as JSON text (what `jsonb_to_recordset` reads into TEXT columns).
fn normalised(row: &str) -> anyhow::Result<String> {
    let mut object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(row).context("a row as JSON")?;
    for value in object.values_mut() {
        if !value.is_null() && !value.is_string() {
            *value = serde_json::Value::String(value.to_string());
        }
    }
    Ok(serde_json::Value::Object(object).to_string())
}

#[cfg(test)]
#[path = "migrate_to_tests.rs"]
mod tests;
