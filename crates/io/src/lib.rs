//! Importers for normbase: they turn source files into [`normbase_core::Record`] values.
//!
//! - [`relaton`]: Relaton bibliographic JSON lines / YAML (ISO, IEC, JIS catalogues).
//! - [`iso_open_data`]: ISO Open Data `iso_deliverables_metadata` (JSON lines, JSON).
//! - [`table`]: CSV and XLSX tables with the national platform's field set.
//! - [`openstd`]: pages of the national open-standards site (HTML parsers and a VCR cassette reader).
//! - [`codes`]: code lists (ICS, CCS, industry and division codes, HS, countries, ISO committees).
//! - [`document`]: plain text of .txt, .docx and .pdf files.
//!
//! The entry point for catalogue records is [`read_records`], which streams
//! [`ImportRow`]s: a malformed row becomes a [`Rejection`] and reading goes on.

pub mod codes;
pub mod document;
mod html;
mod input;
pub mod iso_open_data;
pub mod openstd;
pub mod openstd_connector;
mod pipeline;
pub mod relaton;
pub mod table;

use normbase_core::Record;
pub use normbase_core::import::Rejection;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

pub use codes::{read_code_dir, read_code_list};
pub use document::document_text;
pub use table::read_column;

/// Errors that stop reading a whole file.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file was read but its content is not what the format expects.
    #[error("{path}: {reason}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The file (or its name) is not one this function knows how to read.
    #[error("{path}: unsupported: {reason}")]
    Unsupported {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

impl IoError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        IoError::Io {
            path: path.display().to_string(),
            source,
        }
    }
    pub(crate) fn invalid(path: &Path, reason: impl Into<String>) -> Self {
        IoError::Invalid {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }
    pub(crate) fn unsupported(path: &Path, reason: impl Into<String>) -> Self {
        IoError::Unsupported {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }
}

/// The import formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Relaton bibliographic model, JSON lines or YAML (optionally gzip-compressed).
    Relaton,
    /// ISO Open Data `iso_deliverables_metadata`, JSON lines or JSON.
    IsoOpenData,
    /// A CSV/TSV table with the national platform's columns.
    Csv,
    /// An XLSX workbook with the national platform's columns.
    Xlsx,
    /// Recorded pages of openstd.samr.gov.cn (VCR cassette) or a saved detail page.
    Openstd,
}

impl Format {
    /// All formats, in the order of the CLI help.
    pub const ALL: [Format; 5] = [
        Format::Relaton,
        Format::IsoOpenData,
        Format::Csv,
        Format::Xlsx,
        Format::Openstd,
    ];

    /// Parses "relaton", "iso-open-data", "csv", "xlsx" or "openstd".
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "relaton" => Format::Relaton,
            "iso-open-data" | "iso_open_data" => Format::IsoOpenData,
            "csv" | "tsv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "openstd" => Format::Openstd,
            _ => return None,
        })
    }

    /// The name used on the command line and in [`normbase_core::record::SourceRef::format`].
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Relaton => "relaton",
            Format::IsoOpenData => "iso-open-data",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Openstd => "openstd",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One source row: the record it yields, or why it was rejected.
#[derive(Clone, Debug)]
pub struct ImportRow {
    /// The file the row came from (as given to [`read_records`]).
    pub file: String,
    /// 1-based row: line for JSON lines, document for YAML, table row (header = 1)
    /// for CSV/XLSX, HTTP interaction for cassettes.
    pub row: u64,
    /// The record, or the rejection.
    pub result: Result<Record, Rejection>,
}

/// Options of [`read_records`].
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Extra column mappings for CSV/XLSX (`--map source_column=field`); fields are the
    /// English names: designation, title_zh, title_en, status, published, implemented,
    /// withdrawn, replaces, replaced_by, adopted, degree, ccs, ics, issuer, committee,
    /// drafters, scope, ignore.
    pub map: Vec<(String, String)>,
    /// XLSX sheet to read (default: the first).
    pub sheet: Option<String>,
    /// When set, the number of bytes of the file consumed so far (compressed bytes
    /// for gzip files) is stored here while reading, for a progress bar.
    pub progress: Option<Arc<AtomicU64>>,
    /// ISO Open Data: project ids ("46486") → references ("ISO 9001:2008"), used to
    /// resolve `replaces`/`replacedBy` ids not found in the file itself.
    pub iso_ids: Option<Arc<HashMap<String, String>>>,
}

/// Iterator of import rows, as returned by [`read_records`].
pub type Rows = Box<dyn Iterator<Item = ImportRow> + Send>;

/// Streams the records of one file in `format`.
///
/// Gzip is detected by its magic bytes. Errors opening or recognising the file
/// are returned; malformed rows become rejections; corruption found in the
/// middle of a stream ends it with one final rejection row that says so.
pub fn read_records(format: Format, path: &Path, opts: &ReadOptions) -> Result<Rows, IoError> {
    match format {
        Format::Relaton => relaton::read(path, opts),
        Format::IsoOpenData => iso_open_data::read(path, opts),
        Format::Csv => table::read_csv(path, opts),
        Format::Xlsx => table::read_xlsx(path, opts),
        Format::Openstd => openstd::read(path, opts),
    }
}

/// The name of `path` as rows report it.
pub(crate) fn file_name(path: &Path) -> String {
    path.display().to_string()
}

/// A rejection row.
pub(crate) fn reject(
    file: &str,
    row: u64,
    field: Option<&str>,
    reason: impl Into<String>,
) -> ImportRow {
    ImportRow {
        file: file.to_string(),
        row,
        result: Err(Rejection {
            file: file.to_string(),
            row,
            field: field.map(str::to_string),
            reason: reason.into(),
        }),
    }
}
