//! The change log: one row per inserted or updated edition and per status
//! change, read later to send alerts.

use crate::error::Context;
use crate::sql::{insert_chunks, values_rows};
use crate::{Backend, Store, StoreError};
use normbase_core::Status;
use serde::Serialize;
use sqlx::AnyConnection;
use sqlx::{AssertSqlSafe, Row};

/// What kind of change a log row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A new edition.
    Inserted,
    /// Fields of a stored edition changed (see `fields`).
    Updated,
    /// The derived status changed.
    Status,
}

impl ChangeKind {
    /// Lowercase name used in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Inserted => "inserted",
            ChangeKind::Updated => "updated",
            ChangeKind::Status => "status",
        }
    }

    /// Parses the lowercase name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "inserted" => ChangeKind::Inserted,
            "updated" => ChangeKind::Updated,
            "status" => ChangeKind::Status,
            _ => return None,
        })
    }
}

/// One row of the change log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Increasing id (use it as a cursor).
    pub id: i64,
    /// The import that made the change (none for status refreshes).
    pub import_id: Option<i64>,
    /// The edition.
    pub key: String,
    /// Inserted, updated or status.
    pub change: ChangeKind,
    /// Names of the changed fields (as [`normbase_core::Record::merge`] reports them).
    pub fields: Vec<String>,
    /// Status before (status changes only).
    pub old_status: Option<Status>,
    /// Status after (status changes only).
    pub new_status: Option<Status>,
    /// When, epoch milliseconds.
    pub at: i64,
}

/// A change row about to be written.
pub(crate) struct NewChange<'a> {
    pub import_id: Option<i64>,
    pub key: &'a str,
    pub change: ChangeKind,
    pub fields: Vec<&'static str>,
    pub old_status: Option<Status>,
    pub new_status: Option<Status>,
    pub at: i64,
}

/// Appends `rows` to the change log.
pub(crate) async fn write_changes(
    conn: &mut AnyConnection,
    backend: Backend,
    rows: &[NewChange<'_>],
) -> Result<(), StoreError> {
    for range in insert_chunks(rows.len()) {
        let chunk = &rows[range];
        let sql = format!(
            "INSERT INTO changes (import_id, key, change, fields, old_status, new_status, at) \
             VALUES {}",
            values_rows(backend, chunk.len(), 7)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for c in chunk {
            let fields = serde_json::to_string(&c.fields).unwrap_or_else(|_| "[]".to_string());
            q = q
                .bind(c.import_id)
                .bind(c.key)
                .bind(c.change.as_str())
                .bind(fields)
                .bind(c.old_status.map(Status::as_str))
                .bind(c.new_status.map(Status::as_str))
                .bind(c.at);
        }
        q.execute(&mut *conn)
            .await
            .op_key("writing the change log", || {
                crate::catalogue::key_range(chunk.iter().map(|c| c.key))
            })?;
    }
    Ok(())
}

fn parse_status(s: Option<String>, id: i64) -> Result<Option<Status>, StoreError> {
    s.map(|s| {
        Status::from_name(&s).ok_or_else(|| StoreError::Corrupt {
            what: "status in the change log",
            key: format!("change {id}"),
            detail: format!("unknown status {s:?}"),
        })
    })
    .transpose()
}

impl Store {
    /// Change-log rows with an id above `after_id`, oldest first, at most `limit`.
    pub async fn changes_since(
        &self,
        after_id: i64,
        limit: usize,
    ) -> Result<Vec<Change>, StoreError> {
        const OP: &str = "reading the change log";
        let rows = sqlx::query(
            "SELECT id, import_id, key, change, fields, old_status, new_status, at FROM changes \
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after_id)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await
        .op(OP)?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get(0).op(OP)?;
                let ctx = || format!("change {id}");
                let change: String = row.try_get(3).op_key(OP, ctx)?;
                let fields: String = row.try_get(4).op_key(OP, ctx)?;
                Ok(Change {
                    id,
                    import_id: row.try_get(1).op_key(OP, ctx)?,
                    key: row.try_get(2).op_key(OP, ctx)?,
                    change: ChangeKind::from_name(&change).ok_or_else(|| StoreError::Corrupt {
                        what: "change kind",
                        key: ctx(),
                        detail: format!("unknown change {change:?}"),
                    })?,
                    fields: serde_json::from_str(&fields).map_err(|e| StoreError::Corrupt {
                        what: "changed fields",
                        key: ctx(),
                        detail: e.to_string(),
                    })?,
                    old_status: parse_status(row.try_get(5).op_key(OP, ctx)?, id)?,
                    new_status: parse_status(row.try_get(6).op_key(OP, ctx)?, id)?,
                    at: row.try_get(7).op_key(OP, ctx)?,
                })
            })
            .collect()
    }
}
