//! Opening the store the global options point at.

use anyhow::{Context, Result};
use normbase_store::Store;

/// Opens PostgreSQL when `--database-url` is given, else the SQLite database in `--data`.
pub async fn open_store(cli: &crate::Cli) -> Result<Store> {
    match &cli.database_url {
        Some(url) => Store::open(url)
            .await
            .with_context(|| format!("cannot open database {}", redact(url))),
        None => Store::open_dir(&cli.data)
            .await
            .with_context(|| format!("cannot open data directory {}", cli.data.display())),
    }
}

/// Today's date in the office's time zone (UTC+8).
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}
