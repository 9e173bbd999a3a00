//! `normbase stats`: the catalogue's figures.

use crate::context::open_store;
use anyhow::Result;
use std::process::ExitCode;

/// Arguments of `normbase stats`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print JSON: {"records", "by_kind", "by_body", "by_status"}.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub async fn run(cli: &crate::Cli, args: &Args) -> Result<ExitCode> {
    let store = open_store(cli).await?;
    let stats = store.stats().await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("records: {}", stats.records);
    for (title, map) in [("by kind", &stats.by_kind), ("by status", &stats.by_status)] {
        println!("{title}:");
        for (k, v) in map.iter() {
            println!("  {k:<16} {v}");
        }
    }
    println!("by body (top 20):");
    let mut bodies: Vec<_> = stats.by_body.iter().collect();
    bodies.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (k, v) in bodies.into_iter().take(20) {
        println!("  {k:<16} {v}");
    }
    Ok(ExitCode::SUCCESS)
}
