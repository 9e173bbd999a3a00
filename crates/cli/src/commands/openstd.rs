//! `normbase openstd DESIGNATION...`: refresh records from the national open-standards site.

use crate::commands::import::{import_rows, print_summary};
use crate::context::open_store;
use anyhow::{Context, Result};
use normbase_io::openstd_connector::{Connector, DEFAULT_BASE_URL};
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `normbase openstd`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  normbase openstd 'GB/T 5606.1-2004' 'GB/T 1.1'\n  normbase openstd --base-url http://127.0.0.1:8081 'GB/T 20223-2006'"
)]
pub struct Args {
    /// Designations to search on the site (each hit's detail page is read).
    #[arg(required = true)]
    pub designations: Vec<String>,
    /// The site (or a mirror or recording server).
    #[arg(long, default_value = DEFAULT_BASE_URL, env = "NORMBASE_OPENSTD_URL")]
    pub base_url: String,
    /// Timeout of one request, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Print the import summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub async fn run(cli: &crate::Cli, args: &Args) -> Result<ExitCode> {
    let store = open_store(cli).await?;
    let base = args.base_url.clone();
    let timeout = Duration::from_secs(args.timeout);
    let designations = args.designations.clone();
    // ureq is blocking: fetch on a blocking thread.
    let rows = tokio::task::spawn_blocking(move || {
        let connector = Connector::new(&base, timeout);
        let mut rows = Vec::new();
        for d in &designations {
            rows.extend(
                connector
                    .fetch(d)
                    .with_context(|| format!("cannot fetch {d:?} from openstd"))?,
            );
        }
        anyhow::Ok(rows)
    })
    .await??;
    let names: Vec<String> = args
        .designations
        .iter()
        .map(|d| format!("openstd:{d}"))
        .collect();
    let readers: Vec<normbase_io::Rows> = vec![Box::new(rows.into_iter())];
    let summary = import_rows(&store, "openstd", &names, readers, !args.json).await?;
    print_summary(&summary, args.json)?;
    Ok(ExitCode::SUCCESS)
}
