//! Discovered entities: written with their document in its ingest transaction, read for the catalogue.

use anyhow::Context;
use serde_json::json;
use sqlx::SqliteConnection;

use super::Pool;
use crate::facts::{Entity, EntityKind};

/// Writes document `document_id`'s discoveries in one statement (its old rows went with its old version).
pub(super) async fn insert(conn: &mut SqliteConnection, document_id: i64, entities: &[Entity]) -> anyhow::Result<()> {
    insert_many(conn, &[(document_id, entities)]).await
}

/// Writes the discoveries of several documents in one statement.
pub(super) async fn insert_many(conn: &mut SqliteConnection, documents: &[(i64, &[Entity])]) -> anyhow::Result<()> {
    let rows: Vec<serde_json::Value> = documents
        .iter()
        .flat_map(|(document_id, entities)| entities.iter().map(move |e| (document_id, e)))
        .map(|(document_id, e)| {
            json!([
                document_id,
                e.key,
                e.kind.as_str(),
                e.name,
                e.name_ru,
                serde_json::to_string(&e.aliases).unwrap_or_default(),
                e.country,
                e.role,
                e.place,
                e.date,
                e.parent,
                serde_json::to_string(&e.related).unwrap_or_default()
            ])
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT OR IGNORE INTO discovered_entities
           (document_id, key, kind, name, name_ru, aliases, country, role, place, date, parent, related)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
                value->>8, value->>9, value->>10, value->>11
         FROM json_each(?1)",
    )
    .bind(serde_json::Value::Array(rows).to_string())
    .execute(&mut *conn)
    .await
    .context("inserting the discovered entities")?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    key: String,
    kind: String,
    name: String,
    name_ru: Option<String>,
    aliases: String,
    country: Option<String>,
    role: Option<String>,
    place: Option<String>,
    date: Option<String>,
    parent: Option<String>,
    related: String,
}

/// Every discovered entity row, oldest document first (so the first document to introduce a key names it).
pub async fn all(pool: &Pool) -> anyhow::Result<Vec<Entity>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT key, kind, name, name_ru, aliases, country, role, place, date, parent, related
         FROM discovered_entities ORDER BY document_id, key",
    )
    .fetch_all(pool)
    .await
    .context("reading the discovered entities")?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Entity {
                kind: EntityKind::parse(&r.kind)?,
                aliases: serde_json::from_str(&r.aliases).unwrap_or_default(),
                related: serde_json::from_str(&r.related).unwrap_or_default(),
                key: r.key,
                name: r.name,
                name_ru: r.name_ru,
                country: r.country,
                role: r.role,
                place: r.place,
                date: r.date,
                parent: r.parent,
            })
        })
        .collect())
}
