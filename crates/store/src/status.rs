//! Derived statuses (written by the status refresh) and catalogue statistics.

use crate::catalogue::key_range;
use crate::changes::{ChangeKind, NewChange, write_changes};
use crate::error::Context;
use crate::sql::{in_chunks, insert_chunks, param_list, values_rows};
use crate::{Backend, Store, StoreError, now_ms};
use normbase_core::Status;
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};
use std::collections::{BTreeMap, HashMap};

/// Counts over the whole catalogue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Number of editions.
    pub records: u64,
    /// Editions per kind ("national", "international" …).
    pub by_kind: BTreeMap<String, u64>,
    /// Editions per issuing body prefix ("GB/T", "ISO" …).
    pub by_body: BTreeMap<String, u64>,
    /// Editions per status; "unknown" for editions no refresh has rated yet.
    pub by_status: BTreeMap<String, u64>,
}

/// The status stored for one edition: `None` until a refresh rated it.
pub type StoredStatus = Option<(Status, String)>;

impl Store {
    /// Stores derived statuses `(key, status, reason)`, batched in transactions
    /// of up to 512 keys. A change-log row is written when the status itself
    /// changes (not for a new reason alone). Unknown keys are ignored.
    /// Returns how many statuses changed.
    pub async fn set_statuses(
        &self,
        statuses: &[(String, Status, String)],
    ) -> Result<u64, StoreError> {
        const OP: &str = "setting statuses";
        // The last entry for a key wins.
        let mut latest: HashMap<&str, (Status, &str)> = HashMap::with_capacity(statuses.len());
        let mut order: Vec<&str> = Vec::with_capacity(statuses.len());
        for (key, status, reason) in statuses {
            if latest
                .insert(key.as_str(), (*status, reason.as_str()))
                .is_none()
            {
                order.push(key.as_str());
            }
        }
        let backend = self.backend();
        let mut changed = 0;
        for chunk in order.chunks(512) {
            let mut tx = self.begin_write(OP).await?;
            let current = stored_statuses(&mut tx, backend, chunk).await?;
            let now = now_ms();
            let mut writes: Vec<(&str, Status, &str)> = Vec::new();
            let mut log: Vec<NewChange<'_>> = Vec::new();
            for key in chunk {
                let Some(&(status, reason)) = latest.get(key) else {
                    continue;
                };
                let Some(old) = current.get(*key) else {
                    continue; // not in the catalogue
                };
                let old_status = old.as_ref().map(|(s, _)| *s);
                let old_reason = old.as_ref().map(|(_, r)| r.as_str());
                if old_status == Some(status) && old_reason == Some(reason) {
                    continue;
                }
                writes.push((key, status, reason));
                if old_status != Some(status) {
                    changed += 1;
                    log.push(NewChange {
                        import_id: None,
                        key,
                        change: ChangeKind::Status,
                        fields: vec!["status"],
                        old_status,
                        new_status: Some(status),
                        at: now,
                    });
                }
            }
            for range in insert_chunks(writes.len()) {
                let part = &writes[range];
                // UPDATE … FROM (VALUES …): SQLite ≥ 3.33 and PostgreSQL both name the
                // columns of a VALUES list column1, column2, …
                let sql = format!(
                    "UPDATE standards SET status = v.column2, status_reason = v.column3 \
                     FROM (VALUES {}) AS v WHERE standards.key = v.column1",
                    values_rows(backend, part.len(), 3)
                );
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for (key, status, reason) in part {
                    q = q.bind(*key).bind(status.as_str()).bind(*reason);
                }
                q.execute(&mut *tx)
                    .await
                    .op_key(OP, || key_range(part.iter().map(|w| w.0)))?;
            }
            write_changes(&mut tx, backend, &log).await?;
            tx.commit()
                .await
                .op_key(OP, || key_range(chunk.iter().copied()))?;
        }
        Ok(changed)
    }

    /// The stored status and reason of each of `keys` that is in the catalogue.
    pub async fn statuses(
        &self,
        keys: &[String],
    ) -> Result<HashMap<String, StoredStatus>, StoreError> {
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let backend = self.backend();
        let mut conn = self.pool().acquire().await.op("reading statuses")?;
        stored_statuses(&mut conn, backend, &keys).await
    }

    /// Counts by kind, body and status.
    pub async fn stats(&self) -> Result<Stats, StoreError> {
        let records = self.count().await?;
        Ok(Stats {
            records,
            by_kind: self.count_by("kind").await?,
            by_body: self.count_by("body").await?,
            by_status: self.count_by("status").await?,
        })
    }

    async fn count_by(&self, column: &'static str) -> Result<BTreeMap<String, u64>, StoreError> {
        const OP: &str = "computing statistics";
        let sql = format!("SELECT {column}, COUNT(*) FROM standards GROUP BY {column}");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await
            .op_key(OP, || column.to_string())?;
        let mut out = BTreeMap::new();
        for row in &rows {
            let value: Option<String> = row.try_get(0).op_key(OP, || column.to_string())?;
            let n: i64 = row.try_get(1).op_key(OP, || column.to_string())?;
            let name = value.unwrap_or_else(|| "unknown".to_string());
            *out.entry(name).or_insert(0) += u64::try_from(n).unwrap_or(0);
        }
        Ok(out)
    }
}

/// Stored `(status, reason)` per key present in the catalogue.
async fn stored_statuses(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    keys: &[&str],
) -> Result<HashMap<String, StoredStatus>, StoreError> {
    const OP: &str = "reading statuses";
    let mut out = HashMap::with_capacity(keys.len());
    for chunk in in_chunks(keys) {
        let sql = format!(
            "SELECT key, status, status_reason FROM standards WHERE key IN ({})",
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
            let key: String = row.try_get(0).op(OP)?;
            let status: Option<String> = row.try_get(1).op_key(OP, || key.clone())?;
            let reason: Option<String> = row.try_get(2).op_key(OP, || key.clone())?;
            let stored = match status.as_deref() {
                None => None,
                Some(s) => {
                    let status = Status::from_name(s).ok_or_else(|| StoreError::Corrupt {
                        what: "status",
                        key: key.clone(),
                        detail: format!("unknown status {s:?}"),
                    })?;
                    Some((status, reason.unwrap_or_default()))
                }
            };
            out.insert(key, stored);
        }
    }
    Ok(out)
}
