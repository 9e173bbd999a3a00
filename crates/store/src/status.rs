//! Derived statuses (written by the status refresh) and catalogue statistics.

use crate::catalogue::key_range;
use crate::changes::{ChangeKind, NewChange, write_changes};
use crate::error::Context;
use crate::sql::{in_chunks, insert_chunks, param_list, values_rows};
use crate::{Backend, Store, StoreError, now_ms};
use normbase_core::Status;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

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

/// Keys per `set_statuses` transaction: large enough that commits (and, on
/// SQLite, WAL syncs) are rare, small enough to keep a transaction's memory
/// and lock time modest.
const STATUS_TX_KEYS: usize = 8_192;

impl Store {
    /// Stores derived statuses `(key, status, reason)` in the narrow
    /// `standard_status` table, in transactions of up to 8,192 keys; only rows
    /// whose status or reason differ from the stored ones are written.
    ///
    /// A change-log row is written when a rated edition's status changes
    /// (current → replaced …): not for a new reason alone, and not for the
    /// first rating of an edition (its `inserted` row already announces it).
    /// Unknown keys are ignored. Returns how many statuses changed, first
    /// ratings included.
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
        // Key order (byte order on both backends): each transaction then covers
        // one key range, read with range scans and written in index order.
        order.sort_unstable();
        let backend = self.backend();
        let mut changed = 0;
        let (mut reading, mut writing, mut committing) =
            (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        let mut written = 0;
        for chunk in order.chunks(STATUS_TX_KEYS) {
            let t = Instant::now();
            let mut tx = self.begin_write(OP).await?;
            let current = stored_statuses(&mut tx, backend, chunk).await?;
            reading += t.elapsed();
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
                if old_status == Some(status) {
                    continue;
                }
                changed += 1;
                if old_status.is_some() {
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
            if writes.is_empty() {
                // Nothing to write: end the read-only transaction.
                tx.rollback()
                    .await
                    .op_key(OP, || key_range(chunk.iter().copied()))?;
                continue;
            }
            let t = Instant::now();
            written += writes.len();
            for range in status_chunks(writes.len()) {
                let part = &writes[range];
                let sql = format!(
                    "INSERT INTO standard_status (key, status, reason) VALUES {} \
                     ON CONFLICT (key) DO UPDATE SET status = excluded.status, \
                     reason = excluded.reason",
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
            writing += t.elapsed();
            let t = Instant::now();
            tx.commit()
                .await
                .op_key(OP, || key_range(chunk.iter().copied()))?;
            committing += t.elapsed();
        }
        tracing::debug!(
            keys = order.len(),
            written,
            changed,
            ?reading,
            ?writing,
            ?committing,
            "statuses set"
        );
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
        const OP: &str = "computing statistics";
        let records = self.count().await?;
        let mut by_status = count_by(
            self,
            "SELECT status, COUNT(*) FROM standard_status GROUP BY status",
            "status",
        )
        .await?;
        // Status rows exist only for stored editions: the other editions are unrated.
        let rated: u64 = by_status.values().sum();
        if records > rated {
            *by_status.entry("unknown".to_string()).or_insert(0) += records - rated;
        }
        let mut by_kind = BTreeMap::new();
        let mut by_body = BTreeMap::new();
        // One covering scan of the (kind, body) index for both facets.
        let rows = sqlx::query("SELECT kind, body, COUNT(*) FROM standards GROUP BY kind, body")
            .fetch_all(self.pool())
            .await
            .op_key(OP, || "kind and body".to_string())?;
        for row in &rows {
            let kind: String = row.try_get(0).op_key(OP, || "kind".to_string())?;
            let body: String = row.try_get(1).op_key(OP, || "body".to_string())?;
            let n: i64 = row.try_get(2).op_key(OP, || kind.clone())?;
            let n = u64::try_from(n).unwrap_or(0);
            *by_kind.entry(kind).or_insert(0) += n;
            *by_body.entry(body).or_insert(0) += n;
        }
        Ok(Stats {
            records,
            by_kind,
            by_body,
            by_status,
        })
    }
}

/// Runs a `SELECT value, COUNT(*) … GROUP BY value` query.
async fn count_by(
    store: &Store,
    sql: &'static str,
    what: &'static str,
) -> Result<BTreeMap<String, u64>, StoreError> {
    const OP: &str = "computing statistics";
    let rows = sqlx::query(sql)
        .fetch_all(store.pool())
        .await
        .op_key(OP, || what.to_string())?;
    let mut out = BTreeMap::new();
    for row in &rows {
        let value: Option<String> = row.try_get(0).op_key(OP, || what.to_string())?;
        let n: i64 = row.try_get(1).op_key(OP, || what.to_string())?;
        let name = value.unwrap_or_else(|| "unknown".to_string());
        *out.entry(name).or_insert(0) += u64::try_from(n).unwrap_or(0);
    }
    Ok(out)
}

/// Splits `n` status rows into multi-row INSERT chunks. The rows bind only 3
/// values each, so they come in larger fixed shapes than [`insert_chunks`]
/// (fewer statements and round trips).
fn status_chunks(n: usize) -> Vec<std::ops::Range<usize>> {
    const BIG: usize = 1_024;
    let mut out = Vec::new();
    let mut start = 0;
    while n - start >= BIG {
        out.push(start..start + BIG);
        start += BIG;
    }
    for r in insert_chunks(n - start) {
        out.push(start + r.start..start + r.end);
    }
    out
}

/// Stored `(status, reason)` per key present in the catalogue.
///
/// Rated keys are found in `standard_status` (which holds only stored
/// editions' keys); only the others are looked up in `standards`. Two plain
/// key lookups rather than one outer join: PostgreSQL's generic plan for
/// `standards LEFT JOIN standard_status … IN (512 keys)` scans the whole
/// status table.
async fn stored_statuses(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    keys: &[&str],
) -> Result<HashMap<String, StoredStatus>, StoreError> {
    const OP: &str = "reading statuses";
    let mut sorted: Vec<&str> = keys.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let wanted: HashSet<&str> = sorted.iter().copied().collect();
    let mut out: HashMap<String, StoredStatus> = HashMap::with_capacity(sorted.len());
    let rows = rows_for_keys(
        conn,
        backend,
        "standard_status",
        "key, status, reason",
        &sorted,
    )
    .await?;
    for row in &rows {
        let key: String = row.try_get(0).op(OP)?;
        if !wanted.contains(key.as_str()) {
            continue;
        }
        let status: String = row.try_get(1).op_key(OP, || key.clone())?;
        let reason: String = row.try_get(2).op_key(OP, || key.clone())?;
        let status = Status::from_name(&status).ok_or_else(|| StoreError::Corrupt {
            what: "status",
            key: key.clone(),
            detail: format!("unknown status {status:?}"),
        })?;
        out.insert(key, Some((status, reason)));
    }
    let unrated: Vec<&str> = sorted
        .iter()
        .copied()
        .filter(|k| !out.contains_key(*k))
        .collect();
    let rows = rows_for_keys(conn, backend, "standards", "key", &unrated).await?;
    for row in &rows {
        let key: String = row.try_get(0).op(OP)?;
        // The range may hold rated keys too: keep their statuses.
        if wanted.contains(key.as_str()) {
            out.entry(key).or_insert(None);
        }
    }
    Ok(out)
}

/// Fewest sorted keys read with one key-range scan instead of `IN` lists.
const RANGE_MIN_KEYS: usize = 64;

/// Rows `SELECT {columns} FROM {table}` (column 0 is `key`) whose key is among
/// `sorted` (ascending, distinct), possibly with other keys of the same range:
/// callers filter. Dense keys (a refresh of the whole catalogue) are read with
/// one range scan between the first and last key, capped at twice their
/// number; sparse ones (the cap is hit) with fixed-shape `IN` lists.
async fn rows_for_keys(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    table: &'static str,
    columns: &'static str,
    sorted: &[&str],
) -> Result<Vec<AnyRow>, StoreError> {
    const OP: &str = "reading statuses";
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Ok(Vec::new());
    };
    if sorted.len() >= RANGE_MIN_KEYS {
        let cap = sorted.len() * 2 + RANGE_MIN_KEYS;
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE key >= $1 AND key <= $2 ORDER BY key LIMIT $3"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(*first)
            .bind(*last)
            .bind(i64::try_from(cap).unwrap_or(i64::MAX))
            .fetch_all(&mut *conn)
            .await
            .op_key(OP, || format!("keys {first} … {last}"))?;
        if rows.len() < cap {
            return Ok(rows);
        }
    }
    let mut out = Vec::with_capacity(sorted.len());
    for chunk in in_chunks(sorted) {
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE key IN ({})",
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
        out.extend(rows);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::MAX_PARAMS;

    #[test]
    fn status_chunks_cover_everything() {
        for n in [0, 1, 5, 1023, 1024, 1025, 8192, 9000] {
            let chunks = status_chunks(n);
            assert_eq!(chunks.iter().map(|c| c.len()).sum::<usize>(), n);
            assert!(chunks.windows(2).all(|w| w[0].end == w[1].start));
            assert!(chunks.iter().all(|c| c.len() * 3 < MAX_PARAMS));
        }
        assert_eq!(status_chunks(8192).len(), 8);
    }
}
