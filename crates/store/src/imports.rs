//! Imports: history, batched upserts that merge into the catalogue, rejections.

use crate::catalogue::{
    RowToWrite, delete_links, key_range, load_existing, write_codes, write_relations,
    write_standards,
};
use crate::changes::{ChangeKind, NewChange, write_changes};
use crate::error::Context;
use crate::sql::{insert_chunks, values_rows};
use crate::{Store, StoreError, now_ms};
use normbase_core::Record;
use normbase_core::import::{ImportSummary, Rejection};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// Identifier of one import run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ImportId(pub i64);

impl std::fmt::Display for ImportId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "import {}", self.0)
    }
}

/// Where an import run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportState {
    /// Started, not finished (or the process died).
    Running,
    /// Finished normally.
    Done,
    /// Stopped by an error.
    Failed,
}

impl ImportState {
    /// Lowercase name used in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportState::Running => "running",
            ImportState::Done => "done",
            ImportState::Failed => "failed",
        }
    }

    /// Parses the lowercase name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "running" => ImportState::Running,
            "done" => ImportState::Done,
            "failed" => ImportState::Failed,
            _ => return None,
        })
    }
}

/// What one [`Store::upsert_records`] batch did. Counts are per distinct key:
/// records repeating a key already seen in the same batch are folded into it
/// (merged) and counted in `duplicates`, so
/// `inserted + updated + unchanged + duplicates` equals the records sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// New editions stored.
    pub inserted: u64,
    /// Stored editions that changed.
    pub updated: u64,
    /// Stored editions the batch added nothing to.
    pub unchanged: u64,
    /// Records whose key occurred earlier in the same batch.
    pub duplicates: u64,
}

impl BatchOutcome {
    /// Adds another batch's counts.
    pub fn add(&mut self, other: BatchOutcome) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.duplicates += other.duplicates;
    }
}

/// One row of the import history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportInfo {
    /// The import.
    pub id: ImportId,
    /// Importer format ("relaton", "csv" …).
    pub format: String,
    /// The files read.
    pub files: Vec<String>,
    /// Who started it, if known.
    pub user: Option<String>,
    /// Start time, epoch milliseconds.
    pub started_at: i64,
    /// End time, epoch milliseconds.
    pub finished_at: Option<i64>,
    /// Running, done or failed.
    pub state: ImportState,
    /// Rows read.
    pub read: u64,
    /// Editions inserted.
    pub inserted: u64,
    /// Editions updated.
    pub updated: u64,
    /// Editions unchanged.
    pub unchanged: u64,
    /// Rows rejected.
    pub rejected: u64,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn import_info(row: &AnyRow) -> Result<ImportInfo, StoreError> {
    const OP: &str = "reading import history";
    let id: i64 = row.try_get("id").op(OP)?;
    let ctx = || format!("import {id}");
    let files: String = row.try_get("files").op_key(OP, ctx)?;
    let state: String = row.try_get("state").op_key(OP, ctx)?;
    let corrupt = |what, detail: String| StoreError::Corrupt {
        what,
        key: ctx(),
        detail,
    };
    Ok(ImportInfo {
        id: ImportId(id),
        format: row.try_get("format").op_key(OP, ctx)?,
        files: serde_json::from_str(&files).map_err(|e| corrupt("import files", e.to_string()))?,
        user: row.try_get("user_name").op_key(OP, ctx)?,
        started_at: row.try_get("started_at").op_key(OP, ctx)?,
        finished_at: row.try_get("finished_at").op_key(OP, ctx)?,
        state: ImportState::from_name(&state)
            .ok_or_else(|| corrupt("import state", format!("unknown state {state:?}")))?,
        read: to_u64(row.try_get("read").op_key(OP, ctx)?),
        inserted: to_u64(row.try_get("inserted").op_key(OP, ctx)?),
        updated: to_u64(row.try_get("updated").op_key(OP, ctx)?),
        unchanged: to_u64(row.try_get("unchanged").op_key(OP, ctx)?),
        rejected: to_u64(row.try_get("rejected").op_key(OP, ctx)?),
    })
}

impl Store {
    /// Records the start of an import of `files` in `format`.
    pub async fn begin_import(
        &self,
        format: &str,
        files: &[String],
        user: Option<&str>,
    ) -> Result<ImportId, StoreError> {
        let files = serde_json::to_string(files).map_err(|e| StoreError::Invalid {
            op: "starting an import",
            detail: e.to_string(),
        })?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (format, files, user_name, started_at, state) \
             VALUES ($1, $2, $3, $4, 'running') RETURNING id",
        )
        .bind(format)
        .bind(files)
        .bind(user)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await
        .op_key("starting an import", || format.to_string())?;
        Ok(ImportId(id))
    }

    /// Merges a batch of records into the catalogue in ONE transaction.
    ///
    /// Stored editions absorb incoming ones with [`Record::merge`] (non-empty
    /// fields win, lists are unioned); records of one key within the batch are
    /// merged first. Only new or changed editions are written; their relations
    /// and codes are replaced, and a change row is logged for each. On error
    /// nothing of the batch is kept.
    pub async fn upsert_records(
        &self,
        import: ImportId,
        records: Vec<Record>,
    ) -> Result<BatchOutcome, StoreError> {
        self.upsert_records_seen(import, records, &mut HashSet::new())
            .await
    }

    /// Like [`Store::upsert_records`], for one batch of a larger import:
    /// `seen` holds the keys of the import's earlier batches (and receives this
    /// batch's keys on success). An edition seen earlier in the same import
    /// keeps its values and only has gaps filled ([`Record::merge_with`]), so
    /// re-importing files whose sources disagree about an edition changes nothing.
    pub async fn upsert_records_seen(
        &self,
        import: ImportId,
        records: Vec<Record>,
        seen: &mut HashSet<String>,
    ) -> Result<BatchOutcome, StoreError> {
        const OP: &str = "upserting records";
        let mut outcome = BatchOutcome::default();
        // Fold duplicates, keeping first-seen order.
        let mut order: Vec<String> = Vec::with_capacity(records.len());
        let mut incoming: HashMap<String, Record> = HashMap::with_capacity(records.len());
        for (i, record) in records.into_iter().enumerate() {
            if record.key.trim().is_empty() {
                return Err(StoreError::Invalid {
                    op: OP,
                    detail: format!(
                        "record {} of the batch ({:?}) has an empty key",
                        i + 1,
                        record.designation
                    ),
                });
            }
            match incoming.entry(record.key.clone()) {
                Entry::Occupied(mut e) => {
                    e.get_mut().merge_with(&record, true);
                    outcome.duplicates += 1;
                }
                Entry::Vacant(e) => {
                    order.push(record.key.clone());
                    e.insert(record);
                }
            }
        }
        if order.is_empty() {
            return Ok(outcome);
        }
        let keys: Vec<&str> = order.iter().map(String::as_str).collect();
        let backend = self.backend();
        let mut tx = self.begin_write(OP).await?;
        let mut existing = load_existing(&mut tx, backend, &keys).await?;

        // Decide what to write.
        let mut to_write: Vec<Record> = Vec::new();
        // changes[i] describes to_write[i].
        let mut changes: Vec<(usize, ChangeKind, Vec<&'static str>)> = Vec::new();
        let mut relink: Vec<usize> = Vec::new(); // indexes into to_write whose relations are rewritten
        let mut recode: Vec<usize> = Vec::new();
        for key in &order {
            let Some(inc) = incoming.remove(key) else {
                continue;
            };
            match existing.remove(key) {
                None => {
                    outcome.inserted += 1;
                    let i = to_write.len();
                    relink.push(i);
                    recode.push(i);
                    changes.push((i, ChangeKind::Inserted, Vec::new()));
                    to_write.push(inc);
                }
                Some(mut stored) => {
                    let fields = stored.merge_with(&inc, seen.contains(key));
                    if fields.is_empty() {
                        outcome.unchanged += 1;
                        continue;
                    }
                    outcome.updated += 1;
                    let i = to_write.len();
                    if fields.contains(&"relations") {
                        relink.push(i);
                    }
                    if fields.contains(&"ics") || fields.contains(&"ccs") {
                        recode.push(i);
                    }
                    changes.push((i, ChangeKind::Updated, fields));
                    to_write.push(stored);
                }
            }
        }

        if !to_write.is_empty() {
            let now = now_ms();
            let rows = to_write
                .iter()
                .map(RowToWrite::new)
                .collect::<Result<Vec<_>, _>>()?;
            write_standards(&mut tx, backend, &rows, now, Some(import.0)).await?;

            let is_update = |i: &usize| changes[*i].1 == ChangeKind::Updated;
            let relinked: Vec<&Record> = relink.iter().map(|&i| &to_write[i]).collect();
            let stale: Vec<&str> = relink
                .iter()
                .filter(|i| is_update(i))
                .map(|&i| to_write[i].key.as_str())
                .collect();
            delete_links(&mut tx, backend, "relations", "from_key", &stale).await?;
            write_relations(&mut tx, backend, &relinked).await?;

            let recoded: Vec<&Record> = recode.iter().map(|&i| &to_write[i]).collect();
            let stale: Vec<&str> = recode
                .iter()
                .filter(|i| is_update(i))
                .map(|&i| to_write[i].key.as_str())
                .collect();
            delete_links(&mut tx, backend, "standard_codes", "key", &stale).await?;
            write_codes(&mut tx, backend, &recoded).await?;

            let log: Vec<NewChange<'_>> = changes
                .iter()
                .map(|(i, kind, fields)| NewChange {
                    import_id: Some(import.0),
                    key: to_write[*i].key.as_str(),
                    change: *kind,
                    fields: fields.clone(),
                    old_status: None,
                    new_status: None,
                    at: now,
                })
                .collect();
            write_changes(&mut tx, backend, &log).await?;
        }

        sqlx::query(
            "UPDATE imports SET inserted = inserted + $1, updated = updated + $2, \
             unchanged = unchanged + $3 WHERE id = $4",
        )
        .bind(to_i64(outcome.inserted))
        .bind(to_i64(outcome.updated))
        .bind(to_i64(outcome.unchanged))
        .bind(import.0)
        .execute(&mut *tx)
        .await
        .op_key(OP, || import.to_string())?;
        tx.commit()
            .await
            .op_key(OP, || key_range(keys.iter().copied()))?;
        seen.extend(order);
        Ok(outcome)
    }

    /// Stores rejected source rows of `import`.
    pub async fn add_rejections(
        &self,
        import: ImportId,
        rejections: &[Rejection],
    ) -> Result<(), StoreError> {
        const OP: &str = "storing rejections";
        if rejections.is_empty() {
            return Ok(());
        }
        let backend = self.backend();
        let mut tx = self.begin_write(OP).await?;
        for range in insert_chunks(rejections.len()) {
            let chunk = &rejections[range];
            let sql = format!(
                "INSERT INTO import_rejections (import_id, file, \"row\", field, reason) VALUES {}",
                values_rows(backend, chunk.len(), 5)
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for r in chunk {
                q = q
                    .bind(import.0)
                    .bind(r.file.as_str())
                    .bind(to_i64(r.row))
                    .bind(r.field.as_deref())
                    .bind(r.reason.as_str());
            }
            q.execute(&mut *tx)
                .await
                .op_key(OP, || import.to_string())?;
        }
        tx.commit().await.op_key(OP, || import.to_string())?;
        Ok(())
    }

    /// Closes `import` with its final counts and state. Rejections listed in
    /// `summary` are stored too, unless [`Store::add_rejections`] was already
    /// used for this import (so callers may use either, not both twice).
    pub async fn finish_import(
        &self,
        import: ImportId,
        summary: &ImportSummary,
        state: ImportState,
    ) -> Result<(), StoreError> {
        const OP: &str = "finishing an import";
        if !summary.rejections.is_empty() {
            let stored: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM import_rejections WHERE import_id = $1")
                    .bind(import.0)
                    .fetch_one(self.pool())
                    .await
                    .op_key(OP, || import.to_string())?;
            if stored == 0 {
                self.add_rejections(import, &summary.rejections).await?;
            }
        }
        let done = sqlx::query(
            "UPDATE imports SET finished_at = $1, state = $2, read = $3, inserted = $4, \
             updated = $5, unchanged = $6, rejected = $7 WHERE id = $8",
        )
        .bind(now_ms())
        .bind(state.as_str())
        .bind(to_i64(summary.read))
        .bind(to_i64(summary.inserted))
        .bind(to_i64(summary.updated))
        .bind(to_i64(summary.unchanged))
        .bind(to_i64(summary.rejected))
        .bind(import.0)
        .execute(self.pool())
        .await
        .op_key(OP, || import.to_string())?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid {
                op: OP,
                detail: format!("{import} does not exist"),
            });
        }
        Ok(())
    }

    /// The latest `limit` imports, newest first.
    pub async fn imports(&self, limit: usize) -> Result<Vec<ImportInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, format, files, user_name, started_at, finished_at, state, read, \
             inserted, updated, unchanged, rejected FROM imports ORDER BY id DESC LIMIT $1",
        )
        .bind(to_i64(limit as u64))
        .fetch_all(self.pool())
        .await
        .op("reading import history")?;
        rows.iter().map(import_info).collect()
    }

    /// One import, if it exists.
    pub async fn import(&self, import: ImportId) -> Result<Option<ImportInfo>, StoreError> {
        let row = sqlx::query(
            "SELECT id, format, files, user_name, started_at, finished_at, state, read, \
             inserted, updated, unchanged, rejected FROM imports WHERE id = $1",
        )
        .bind(import.0)
        .fetch_optional(self.pool())
        .await
        .op_key("reading import history", || import.to_string())?;
        row.as_ref().map(import_info).transpose()
    }

    /// The rejected rows of `import`, by file and row.
    pub async fn rejections(&self, import: ImportId) -> Result<Vec<Rejection>, StoreError> {
        const OP: &str = "reading rejections";
        let rows = sqlx::query(
            "SELECT file, \"row\", field, reason FROM import_rejections \
             WHERE import_id = $1 ORDER BY file, \"row\"",
        )
        .bind(import.0)
        .fetch_all(self.pool())
        .await
        .op_key(OP, || import.to_string())?;
        rows.iter()
            .map(|row| {
                let ctx = || import.to_string();
                Ok(Rejection {
                    file: row.try_get(0).op_key(OP, ctx)?,
                    row: to_u64(row.try_get(1).op_key(OP, ctx)?),
                    field: row.try_get(2).op_key(OP, ctx)?,
                    reason: row.try_get(3).op_key(OP, ctx)?,
                })
            })
            .collect()
    }
}
