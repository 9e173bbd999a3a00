//! The schema: one migration folder per backend, embedded at compile time.
//!
//! Tables: `standards` (one row per edition, the whole record as JSON in
//! `data`), `standard_status` (the derived status of each rated edition, apart
//! from the wide rows so that a status refresh rewrites only narrow rows),
//! `relations`, `standard_codes`, `imports`, `import_rejections`, `changes`
//! (the change log behind alerts) and `codes` (code-list names).
//! See `migrations/sqlite` and `migrations/postgres`; the two differ only in
//! integer and identity column types and in PostgreSQL's `COLLATE "C"` on keys
//! (so that key order is byte order on both backends).

use crate::{Backend, Store, StoreError};
use sqlx::migrate::Migrator;

/// SQLite migrations.
pub static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");

/// PostgreSQL migrations.
pub static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// Applies the pending migrations of the store's backend.
pub(crate) async fn migrate(store: &Store) -> Result<(), StoreError> {
    let migrator = match store.backend() {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    };
    migrator.run(store.pool()).await?;
    Ok(())
}
