//! Code lists (ICS, CCS, industries …) with their names, so pages can label codes.

use crate::error::Context;
use crate::sql::{insert_chunks, values_rows};
use crate::{Store, StoreError};
use normbase_core::codes::CodeEntry;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;

fn code_entry(row: &AnyRow) -> Result<CodeEntry, StoreError> {
    const OP: &str = "reading code lists";
    let scheme: String = row.try_get(0).op(OP)?;
    let code: String = row.try_get(1).op_key(OP, || scheme.clone())?;
    let ctx = || format!("{scheme} {code}");
    Ok(CodeEntry {
        name_zh: row.try_get(2).op_key(OP, ctx)?,
        name_en: row.try_get(3).op_key(OP, ctx)?,
        name_fr: row.try_get(4).op_key(OP, ctx)?,
        parent: row.try_get(5).op_key(OP, ctx)?,
        scheme,
        code,
    })
}

impl Store {
    /// Inserts or replaces code-list entries (one transaction; the last entry
    /// for a `(scheme, code)` wins).
    pub async fn upsert_codes(&self, entries: &[CodeEntry]) -> Result<(), StoreError> {
        const OP: &str = "storing code lists";
        let mut latest: HashMap<(&str, &str), usize> = HashMap::with_capacity(entries.len());
        let mut order: Vec<(&str, &str)> = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let id = (e.scheme.as_str(), e.code.as_str());
            if id.0.is_empty() || id.1.is_empty() {
                return Err(StoreError::Invalid {
                    op: OP,
                    detail: format!("entry {} has an empty scheme or code", i + 1),
                });
            }
            if latest.insert(id, i).is_none() {
                order.push(id);
            }
        }
        let unique: Vec<&CodeEntry> = order
            .iter()
            .filter_map(|id| latest.get(id).map(|&i| &entries[i]))
            .collect();
        let backend = self.backend();
        let mut tx = self.begin_write(OP).await?;
        for range in insert_chunks(unique.len()) {
            let chunk = &unique[range];
            let sql = format!(
                "INSERT INTO codes (scheme, code, name_zh, name_en, name_fr, parent) VALUES {} \
                 ON CONFLICT (scheme, code) DO UPDATE SET name_zh = excluded.name_zh, \
                 name_en = excluded.name_en, name_fr = excluded.name_fr, parent = excluded.parent",
                values_rows(backend, chunk.len(), 6)
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for e in chunk {
                q = q
                    .bind(e.scheme.as_str())
                    .bind(e.code.as_str())
                    .bind(e.name_zh.as_deref())
                    .bind(e.name_en.as_deref())
                    .bind(e.name_fr.as_deref())
                    .bind(e.parent.as_deref());
            }
            q.execute(&mut *tx).await.op_key(OP, || {
                let first = chunk.first().map(|e| format!("{} {}", e.scheme, e.code));
                first.unwrap_or_default()
            })?;
        }
        tx.commit().await.op(OP)?;
        Ok(())
    }

    /// One entry of a code list.
    pub async fn code(&self, scheme: &str, code: &str) -> Result<Option<CodeEntry>, StoreError> {
        let row = sqlx::query(
            "SELECT scheme, code, name_zh, name_en, name_fr, parent FROM codes \
             WHERE scheme = $1 AND code = $2",
        )
        .bind(scheme)
        .bind(code)
        .fetch_optional(self.pool())
        .await
        .op_key("reading code lists", || format!("{scheme} {code}"))?;
        row.as_ref().map(code_entry).transpose()
    }

    /// All entries of a code list, ordered by code.
    pub async fn codes(&self, scheme: &str) -> Result<Vec<CodeEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT scheme, code, name_zh, name_en, name_fr, parent FROM codes \
             WHERE scheme = $1 ORDER BY code",
        )
        .bind(scheme)
        .fetch_all(self.pool())
        .await
        .op_key("reading code lists", || scheme.to_string())?;
        rows.iter().map(code_entry).collect()
    }

    /// Number of entries in a code list.
    pub async fn code_count(&self, scheme: &str) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM codes WHERE scheme = $1")
            .bind(scheme)
            .fetch_one(self.pool())
            .await
            .op_key("counting codes", || scheme.to_string())?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
