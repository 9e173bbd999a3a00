//! normbase storage: the standards catalogue on SQLite (embedded default) or
//! PostgreSQL, through one code path (sqlx `AnyPool`).
//!
//! - [`Store::open`] / [`Store::open_dir`]: connect and migrate ([`schema`]).
//! - Imports ([`imports`]): [`Store::begin_import`], [`Store::upsert_records`]
//!   (one transaction per batch, merge into what is stored), rejections and history.
//! - Reads ([`catalogue`]): records by key or family, inbound links, paged scans.
//! - Status ([`status`]): [`Store::set_statuses`] with a change log, [`Store::stats`].
//! - Code lists ([`codes`]): ICS, CCS and other lists with names.
//!
//! Values crossing the driver are only integers and text: dates are TEXT
//! `YYYY[-MM[-DD]]`, times are epoch milliseconds, lists are JSON text.

pub mod catalogue;
pub mod changes;
pub mod codes;
mod error;
pub mod imports;
pub mod schema;
mod sql;
pub mod status;

pub use catalogue::RecordPages;
pub use changes::{Change, ChangeKind};
use error::Context;
pub use error::StoreError;
pub use imports::{BatchOutcome, ImportId, ImportInfo, ImportState};
pub use status::{Stats, StoredStatus};

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::{AssertSqlSafe, Executor};
use std::path::Path;
use std::time::Duration;

/// Which database engine a [`Store`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend a database URL names, if it is one we support.
    pub fn from_url(url: &str) -> Option<Self> {
        let scheme = url.split_once(':').map(|(s, _)| s)?;
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }
}

/// The standards store. Cheap to clone (the connection pool is shared).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// Per-connection SQLite settings: WAL, relaxed fsync, foreign keys, wait on locks.
const SQLITE_PRAGMAS: &str = "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536; \
     PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384; PRAGMA mmap_size = 268435456;";

impl Store {
    /// Connects to `url` (`sqlite:///path/normbase.db?mode=rwc` or `postgres://…`)
    /// and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let backend =
            Backend::from_url(url).ok_or_else(|| StoreError::UnsupportedUrl(redact(url)))?;
        sqlx::any::install_default_drivers();
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        let options = match backend {
            // An in-memory database exists once per connection: keep a single one.
            Backend::Sqlite if url.contains(":memory:") || url.contains("mode=memory") => {
                options.max_connections(1).after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute(SQLITE_PRAGMAS).await?;
                        Ok(())
                    })
                })
            }
            Backend::Sqlite => options.max_connections(4).after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(SQLITE_PRAGMAS).await?;
                    Ok(())
                })
            }),
            Backend::Postgres => options.max_connections(8),
        };
        let pool = options
            .connect(url)
            .await
            .map_err(|source| StoreError::Connect {
                url: redact(url),
                source,
            })?;
        let store = Store { pool, backend };
        schema::migrate(&store).await?;
        Ok(store)
    }

    /// Creates `dir` if needed and opens the SQLite database `dir/normbase.db`.
    pub async fn open_dir(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let file = dir.join("normbase.db");
        let path = file.to_str().ok_or_else(|| StoreError::Io {
            path: file.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the database path is not valid UTF-8",
            ),
        })?;
        // Three slashes then an absolute path; percent-encode what a URL would misread.
        let encoded = path
            .replace('%', "%25")
            .replace('?', "%3F")
            .replace('#', "%23");
        let url = if encoded.starts_with('/') {
            format!("sqlite://{encoded}?mode=rwc")
        } else {
            format!("sqlite:{encoded}?mode=rwc")
        };
        Store::open(&url).await
    }

    /// The database engine behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The underlying pool, for crates that add their own tables.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Folds SQLite's write-ahead log back into the database file after a
    /// large write (an import), so later readers do not scan a long log.
    /// A no-op on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await
                .op("checkpointing the write-ahead log")?;
        }
        Ok(())
    }

    /// Closes all connections (waits for running queries).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Starts a write transaction; on SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`) so that a read-then-write batch cannot deadlock.
    pub(crate) async fn begin_write(
        &self,
        op: &'static str,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        self.pool
            .begin_with(AssertSqlSafe(begin))
            .await
            .map_err(|e| StoreError::db(op, e))
    }
}

/// The URL without its password, for error messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_from_urls() {
        assert_eq!(
            Backend::from_url("sqlite:///tmp/x.db?mode=rwc"),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://u@h/db"), None);
        assert_eq!(Backend::from_url("nonsense"), None);
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
