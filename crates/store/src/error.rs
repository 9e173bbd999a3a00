//! Storage errors, each with the operation (and key, where one is known).

use std::path::PathBuf;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no supported backend.
    #[error("unsupported database URL {0:?}: expected sqlite:… or postgres://…")]
    UnsupportedUrl(String),
    /// The data folder could not be created or used.
    #[error("data folder {path}: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Connecting to the database failed.
    #[error("connecting to {url}: {source}")]
    Connect {
        /// The URL, password removed.
        url: String,
        /// The driver error.
        source: sqlx::Error,
    },
    /// Bringing the schema up to date failed.
    #[error("migrating the schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A database statement failed.
    #[error("{op}{}: {source}", context(.key))]
    Db {
        /// The operation ("upserting records", "reading record" …).
        op: &'static str,
        /// The key, key range or id concerned, if known.
        key: Option<String>,
        /// The driver error.
        source: sqlx::Error,
    },
    /// A record could not be encoded as JSON.
    #[error("encoding record {key:?} as JSON: {source}")]
    Encode {
        /// The record's key.
        key: String,
        /// The serde error.
        source: serde_json::Error,
    },
    /// A stored value cannot be read back (a bug or a hand-edited database).
    #[error("stored {what} for {key:?} is unreadable: {detail}")]
    Corrupt {
        /// Which value ("record JSON", "relation kind", "status" …).
        what: &'static str,
        /// The key or id concerned.
        key: String,
        /// What is wrong.
        detail: String,
    },
    /// The caller passed something the store cannot accept.
    #[error("{op}: {detail}")]
    Invalid {
        /// The operation.
        op: &'static str,
        /// What is wrong.
        detail: String,
    },
}

fn context(key: &Option<String>) -> String {
    key.as_ref().map(|k| format!(" ({k})")).unwrap_or_default()
}

impl StoreError {
    /// A failed statement without a key.
    pub(crate) fn db(op: &'static str, source: sqlx::Error) -> Self {
        StoreError::Db {
            op,
            key: None,
            source,
        }
    }

    /// A failed statement concerning `key`.
    pub(crate) fn db_key(op: &'static str, key: impl Into<String>, source: sqlx::Error) -> Self {
        StoreError::Db {
            op,
            key: Some(key.into()),
            source,
        }
    }

    /// True when the error is a uniqueness, check or foreign-key violation.
    pub fn is_constraint_violation(&self) -> bool {
        match self {
            StoreError::Db {
                source: sqlx::Error::Database(e),
                ..
            } => !matches!(e.kind(), sqlx::error::ErrorKind::Other),
            _ => false,
        }
    }
}

/// Adds operation context to sqlx results.
pub(crate) trait Context<T> {
    /// Tags the error with the operation.
    fn op(self, op: &'static str) -> Result<T, StoreError>;
    /// Tags the error with the operation and the key (or key range).
    fn op_key(self, op: &'static str, key: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, sqlx::Error> {
    fn op(self, op: &'static str) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::db(op, e))
    }

    fn op_key(self, op: &'static str, key: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::db_key(op, key(), e))
    }
}
