//! Import bookkeeping shared by importers and storage.

use serde::{Deserialize, Serialize};

/// A source row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// File the row came from.
    pub file: String,
    /// 1-based row (line) number in that file; for CSV/XLSX the header is row 1.
    pub row: u64,
    /// The field at fault, if one field is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong, for a person.
    pub reason: String,
}

/// Counts reported at the end of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Rows read from the files.
    pub read: u64,
    /// New editions stored.
    pub inserted: u64,
    /// Existing editions that changed.
    pub updated: u64,
    /// Existing editions that did not change.
    pub unchanged: u64,
    /// Rows merged into an edition that appeared earlier in the same import (duplicates across rows or sources).
    #[serde(default)]
    pub duplicates: u64,
    /// Rows rejected (see `rejections`).
    pub rejected: u64,
    /// The rejected rows.
    pub rejections: Vec<Rejection>,
}
