//! Shared helpers for the integration tests.
#![allow(dead_code)]

use normbase_io::{Format, ImportRow, ReadOptions, read_records};
use std::path::{Path, PathBuf};

/// The shared data folder, or `None` (with a message) when it is missing.
/// Panics when it is missing and `CI=true`.
pub fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "shared data folder {} is missing (required in CI)",
            dir.display()
        );
    }
    eprintln!("skipping: shared data folder {} is missing", dir.display());
    None
}

/// All rows of one file.
pub fn rows(format: Format, path: &Path) -> Vec<ImportRow> {
    read_records(format, path, &ReadOptions::default())
        .expect("file opens")
        .collect()
}
