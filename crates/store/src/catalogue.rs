//! The catalogue: standards rows, their relations and classification codes.
//!
//! Reading always goes through the `data` JSON column (the whole [`Record`]);
//! the other columns exist for filtering, sorting and facets.

use crate::error::Context;
use crate::sql::{in_chunks, insert_chunks, param_list, values_rows};
use crate::{Backend, Store, StoreError};
use normbase_core::{Record, RelationKind};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;

/// Columns written by an import, in bind order (`created_at` is kept on
/// update; statuses live in `standard_status`, see [`Store::set_statuses`]).
const STANDARD_COLUMNS: [&str; 24] = [
    "key",
    "family",
    "designation",
    "kind",
    "body",
    "number",
    "part",
    "year",
    "doc_type",
    "title_zh",
    "title_en",
    "title_fr",
    "title_ja",
    "stage",
    "published",
    "implemented",
    "withdrawn",
    "confirmed",
    "committee",
    "issuer",
    "data",
    "created_at",
    "updated_at",
    "last_import",
];

/// Decodes the `data` JSON of the row with key `key`.
pub(crate) fn decode_record(key: &str, data: &str) -> Result<Record, StoreError> {
    serde_json::from_str(data).map_err(|e| StoreError::Corrupt {
        what: "record JSON",
        key: key.to_string(),
        detail: e.to_string(),
    })
}

/// Reads `(key, data)` from a row.
fn row_record(row: &AnyRow, op: &'static str) -> Result<Record, StoreError> {
    let key: String = row.try_get(0).op(op)?;
    let data: String = row.try_get(1).op_key(op, || key.clone())?;
    decode_record(&key, &data)
}

/// One record prepared for writing: the record and its JSON text.
pub(crate) struct RowToWrite<'a> {
    pub record: &'a Record,
    pub json: String,
}

impl<'a> RowToWrite<'a> {
    /// Serialises `record` once.
    pub fn new(record: &'a Record) -> Result<Self, StoreError> {
        let json = serde_json::to_string(record).map_err(|source| StoreError::Encode {
            key: record.key.clone(),
            source,
        })?;
        Ok(RowToWrite { record, json })
    }
}

/// Multi-row upsert of `rows` into `standards`.
pub(crate) async fn write_standards(
    conn: &mut AnyConnection,
    backend: Backend,
    rows: &[RowToWrite<'_>],
    now: i64,
    import: Option<i64>,
) -> Result<(), StoreError> {
    const OP: &str = "writing standards";
    let cols = STANDARD_COLUMNS.len();
    let updates: Vec<String> = STANDARD_COLUMNS
        .iter()
        .filter(|c| !matches!(**c, "key" | "created_at"))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    for range in insert_chunks(rows.len()) {
        let chunk = &rows[range];
        let sql = format!(
            "INSERT INTO standards ({}) VALUES {} ON CONFLICT (key) DO UPDATE SET {}",
            STANDARD_COLUMNS.join(", "),
            values_rows(backend, chunk.len(), cols),
            updates.join(", ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for w in chunk {
            let r = w.record;
            q = q
                .bind(r.key.as_str())
                .bind(r.family.as_str())
                .bind(r.designation.as_str())
                .bind(r.kind.as_str())
                .bind(r.body.as_str())
                .bind(r.number.as_str())
                .bind(r.part.as_deref())
                .bind(r.year.map(i64::from))
                .bind(r.doc_type.as_deref())
                .bind(r.titles.zh.as_deref())
                .bind(r.titles.en.as_deref())
                .bind(r.titles.fr.as_deref())
                .bind(r.titles.ja.as_deref())
                .bind(r.stage.as_deref())
                .bind(r.published.as_ref().map(|d| d.as_str()))
                .bind(r.implemented.as_ref().map(|d| d.as_str()))
                .bind(r.withdrawn.as_ref().map(|d| d.as_str()))
                .bind(r.confirmed.as_ref().map(|d| d.as_str()))
                .bind(r.committee.as_deref())
                .bind(r.issuer.as_deref())
                .bind(w.json.as_str())
                .bind(now)
                .bind(now)
                .bind(import);
        }
        q.execute(&mut *conn).await.op_key(OP, || {
            key_range(chunk.iter().map(|w| w.record.key.as_str()))
        })?;
    }
    Ok(())
}

/// Deletes the relations and classification codes of `keys` (before rewriting them).
pub(crate) async fn delete_links(
    conn: &mut AnyConnection,
    backend: Backend,
    table: &'static str,
    column: &'static str,
    keys: &[&str],
) -> Result<(), StoreError> {
    for chunk in in_chunks(keys) {
        let sql = format!(
            "DELETE FROM {table} WHERE {column} IN ({})",
            param_list(backend, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for k in &chunk {
            q = q.bind(*k);
        }
        q.execute(&mut *conn)
            .await
            .op_key("replacing links", || key_range(chunk.iter().copied()))?;
    }
    Ok(())
}

/// Inserts the relations of `records` (duplicates and empty targets skipped).
pub(crate) async fn write_relations(
    conn: &mut AnyConnection,
    backend: Backend,
    records: &[&Record],
) -> Result<(), StoreError> {
    let rows: Vec<(&str, &str, &str, &str)> = records
        .iter()
        .flat_map(|r| {
            r.relations
                .iter()
                .filter(|rel| !rel.target_key.is_empty())
                .map(|rel| {
                    (
                        r.key.as_str(),
                        rel.kind.as_str(),
                        rel.target_key.as_str(),
                        rel.target.as_str(),
                    )
                })
        })
        .collect();
    for range in insert_chunks(rows.len()) {
        let chunk = &rows[range];
        let sql = format!(
            "INSERT INTO relations (from_key, kind, to_key, to_designation) VALUES {} \
             ON CONFLICT (from_key, kind, to_key) DO NOTHING",
            values_rows(backend, chunk.len(), 4)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (from, kind, to, designation) in chunk {
            q = q.bind(*from).bind(*kind).bind(*to).bind(*designation);
        }
        q.execute(&mut *conn)
            .await
            .op_key("writing relations", || key_range(chunk.iter().map(|r| r.0)))?;
    }
    Ok(())
}

/// Inserts the ICS and CCS codes of `records` into `standard_codes`.
pub(crate) async fn write_codes(
    conn: &mut AnyConnection,
    backend: Backend,
    records: &[&Record],
) -> Result<(), StoreError> {
    let rows: Vec<(&str, &str, &str)> = records
        .iter()
        .flat_map(|r| {
            let ics = r
                .ics
                .iter()
                .map(move |c| (r.key.as_str(), "ics", c.as_str()));
            let ccs = r
                .ccs
                .iter()
                .map(move |c| (r.key.as_str(), "ccs", c.as_str()));
            ics.chain(ccs)
        })
        .filter(|(_, _, code)| !code.trim().is_empty())
        .collect();
    for range in insert_chunks(rows.len()) {
        let chunk = &rows[range];
        let sql = format!(
            "INSERT INTO standard_codes (key, scheme, code) VALUES {} \
             ON CONFLICT (key, scheme, code) DO NOTHING",
            values_rows(backend, chunk.len(), 3)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (key, scheme, code) in chunk {
            q = q.bind(*key).bind(*scheme).bind(code.trim());
        }
        q.execute(&mut *conn)
            .await
            .op_key("writing codes", || key_range(chunk.iter().map(|r| r.0)))?;
    }
    Ok(())
}

/// Loads the stored records among `keys`, inside the caller's transaction
/// (on PostgreSQL the rows are locked until it ends).
pub(crate) async fn load_existing(
    conn: &mut AnyConnection,
    backend: Backend,
    keys: &[&str],
) -> Result<HashMap<String, Record>, StoreError> {
    const OP: &str = "loading stored records";
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let mut out = HashMap::with_capacity(keys.len());
    for chunk in in_chunks(keys) {
        let sql = format!(
            "SELECT key, data FROM standards WHERE key IN ({}){lock}",
            param_list(backend, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for k in &chunk {
            q = q.bind(*k);
        }
        let rows = q
            .fetch_all(&mut *conn)
            .await
            .op_key(OP, || key_range(chunk.iter().copied()))?;
        for row in &rows {
            let record = row_record(row, OP)?;
            out.insert(record.key.clone(), record);
        }
    }
    Ok(out)
}

/// "first … last" for error messages about a batch.
pub(crate) fn key_range<'a>(mut keys: impl Iterator<Item = &'a str>) -> String {
    let first = keys.next().unwrap_or_default();
    match keys.last() {
        Some(last) if last != first => format!("keys {first} … {last}"),
        _ => format!("key {first}"),
    }
}

/// Runs `SELECT key, data … WHERE <column> IN (…)` over `values` in fixed-shape chunks.
async fn records_where_in(
    store: &Store,
    column: &'static str,
    values: &[String],
    op: &'static str,
) -> Result<Vec<Record>, StoreError> {
    let backend = store.backend();
    let mut out = Vec::new();
    for chunk in in_chunks(values) {
        let sql = format!(
            "SELECT key, data FROM standards WHERE {column} IN ({})",
            param_list(backend, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for v in &chunk {
            q = q.bind(v.as_str());
        }
        let rows = q
            .fetch_all(store.pool())
            .await
            .op_key(op, || key_range(chunk.iter().map(String::as_str)))?;
        for row in &rows {
            out.push(row_record(row, op)?);
        }
    }
    Ok(out)
}

impl Store {
    /// The stored edition with comparison key `key`.
    pub async fn record(&self, key: &str) -> Result<Option<Record>, StoreError> {
        const OP: &str = "reading record";
        let row = sqlx::query("SELECT key, data FROM standards WHERE key = $1")
            .bind(key)
            .fetch_optional(self.pool())
            .await
            .op_key(OP, || key.to_string())?;
        row.map(|r| row_record(&r, OP)).transpose()
    }

    /// The stored editions among `keys`, in the order of `keys` (missing ones
    /// skipped, repeated keys returned once).
    pub async fn records_by_keys(&self, keys: &[String]) -> Result<Vec<Record>, StoreError> {
        let found = records_where_in(self, "key", keys, "reading records by key").await?;
        let mut by_key: HashMap<String, Record> =
            found.into_iter().map(|r| (r.key.clone(), r)).collect();
        Ok(keys.iter().filter_map(|k| by_key.remove(k)).collect())
    }

    /// All editions of the families `families` (family keys), ordered by key.
    pub async fn records_by_families(
        &self,
        families: &[String],
    ) -> Result<Vec<Record>, StoreError> {
        let mut out =
            records_where_in(self, "family", families, "reading records by family").await?;
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out.dedup_by(|a, b| a.key == b.key);
        Ok(out)
    }

    /// Inbound links: `(from_key, kind, to_key)` for every relation pointing at
    /// one of `to_keys` ("who replaces X"), ordered.
    pub async fn referrers(
        &self,
        to_keys: &[String],
    ) -> Result<Vec<(String, RelationKind, String)>, StoreError> {
        self.inbound(to_keys, None).await
    }

    /// Inbound links to `to_keys`, of one kind or all, sorted and deduplicated.
    async fn inbound(
        &self,
        to_keys: &[String],
        kind: Option<RelationKind>,
    ) -> Result<Vec<(String, RelationKind, String)>, StoreError> {
        const OP: &str = "reading inbound relations";
        let backend = self.backend();
        // The kind is one of our own fixed names, never input.
        let filter = kind
            .map(|k| format!("kind = '{}' AND ", k.as_str()))
            .unwrap_or_default();
        let mut out = Vec::new();
        for chunk in in_chunks(to_keys) {
            let sql = format!(
                "SELECT from_key, kind, to_key FROM relations WHERE {filter}to_key IN ({})",
                param_list(backend, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for v in &chunk {
                q = q.bind(v.as_str());
            }
            let rows = q
                .fetch_all(self.pool())
                .await
                .op_key(OP, || key_range(chunk.iter().map(String::as_str)))?;
            for row in &rows {
                let from: String = row.try_get(0).op(OP)?;
                let kind: String = row.try_get(1).op_key(OP, || from.clone())?;
                let to: String = row.try_get(2).op_key(OP, || from.clone())?;
                let kind = RelationKind::from_name(&kind).ok_or_else(|| StoreError::Corrupt {
                    what: "relation kind",
                    key: from.clone(),
                    detail: format!("unknown kind {kind:?}"),
                })?;
                out.push((from, kind, to));
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Keys of the editions that state they replace one of `to_keys`
    /// (inbound `replaces` links only: what a validity check follows).
    pub async fn replacers(&self, to_keys: &[String]) -> Result<Vec<String>, StoreError> {
        let mut out: Vec<String> = self
            .inbound(to_keys, Some(RelationKind::Replaces))
            .await?
            .into_iter()
            .map(|(from, _, _)| from)
            .collect();
        out.dedup();
        Ok(out)
    }

    /// Number of stored editions.
    pub async fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM standards")
            .fetch_one(self.pool())
            .await
            .op("counting records")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Pages through all records in key order, `page_size` at a time.
    pub fn record_pages(&self, page_size: usize) -> RecordPages {
        RecordPages {
            store: self.clone(),
            after: None,
            page_size: page_size.max(1),
            done: false,
        }
    }

    /// Every stored record, in key order (reads pages of 5,000).
    pub async fn all_records(&self) -> Result<Vec<Record>, StoreError> {
        let mut pages = self.record_pages(5_000);
        let mut out = Vec::new();
        while let Some(page) = pages.next_page().await? {
            out.extend(page);
        }
        Ok(out)
    }
}

/// A paged scan of the whole catalogue in key order (keyset pagination: no
/// connection is held between pages, and concurrent writes do not shift pages).
#[derive(Debug)]
pub struct RecordPages {
    store: Store,
    after: Option<String>,
    page_size: usize,
    done: bool,
}

impl RecordPages {
    /// The next page, or `None` after the last record.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Record>>, StoreError> {
        const OP: &str = "scanning records";
        if self.done {
            return Ok(None);
        }
        let limit = i64::try_from(self.page_size).unwrap_or(i64::MAX);
        let rows = match &self.after {
            None => sqlx::query("SELECT key, data FROM standards ORDER BY key LIMIT $1")
                .bind(limit)
                .fetch_all(self.store.pool())
                .await
                .op(OP)?,
            Some(after) => {
                sqlx::query("SELECT key, data FROM standards WHERE key > $1 ORDER BY key LIMIT $2")
                    .bind(after.as_str())
                    .bind(limit)
                    .fetch_all(self.store.pool())
                    .await
                    .op_key(OP, || format!("after {after}"))?
            }
        };
        if rows.len() < self.page_size {
            self.done = true;
        }
        let records = rows
            .iter()
            .map(|r| row_record(r, OP))
            .collect::<Result<Vec<_>, _>>()?;
        match records.last() {
            Some(last) => self.after = Some(last.key.clone()),
            None => return Ok(None),
        }
        Ok(Some(records))
    }
}
