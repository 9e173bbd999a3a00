//! `normbase demo`: loads the demo catalogue written for this repository.

use crate::commands::import::{import_files, print_summary};
use crate::context::open_store;
use anyhow::{Context, Result};
use normbase_io::{Format, ReadOptions};
use std::process::ExitCode;

/// The demo catalogue, compiled into the binary so `demo` works from any folder.
const DEMO_CSV: &str = include_str!("../../demo/catalogue.csv");

/// Arguments of `normbase demo`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print the import summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub async fn run(cli: &crate::Cli, args: &Args) -> Result<ExitCode> {
    let store = open_store(cli).await?;
    let dir = std::env::temp_dir().join(format!("normbase-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file = dir.join("demo-catalogue.csv");
    std::fs::write(&file, DEMO_CSV).with_context(|| format!("cannot write {}", file.display()))?;
    let summary = import_files(
        &store,
        Format::Csv,
        &[file],
        &ReadOptions::default(),
        !args.json,
    )
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    let summary = summary?;
    if !args.json {
        print!("demo catalogue loaded: ");
    }
    print_summary(&summary, args.json)?;
    Ok(ExitCode::SUCCESS)
}
