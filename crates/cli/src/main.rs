//! `normbase`: the command-line tool of the normbase standards platform.

mod commands;
mod context;
mod report;
mod view;

use clap::{Parser, Subcommand};

/// Imports and checks allocate many small strings; mimalloc handles that
/// pattern markedly faster than the system allocator (see docs/BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

/// normbase — standards information platform (标准信息公共服务平台).
#[derive(Parser, Debug)]
#[command(name = "normbase", version, about, long_about = None)]
pub struct Cli {
    /// Data directory for the embedded SQLite database and local files.
    #[arg(
        long,
        global = true,
        env = "NORMBASE_DATA",
        default_value = "./normbase-data"
    )]
    pub data: PathBuf,
    /// Use PostgreSQL (postgres://…) instead of the embedded SQLite database.
    #[arg(long, global = true, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse designations (arguments, or one per line on stdin) and print one JSON object per line.
    Parse(commands::parse::Args),
    /// Find every designation in a .txt, .docx or .pdf file; one JSON object per hit.
    Extract(commands::extract::Args),
    /// Import standards records (relaton, iso-open-data, csv, xlsx, openstd) or code lists (codes).
    Import(commands::import::Args),
    /// Validity check (标准查新) of a list of references.
    Check(commands::check::Args),
    /// Show one standard with its full replacement chain.
    Show(commands::show::Args),
    /// Catalogue figures: records, by kind, body and status.
    Stats(commands::stats::Args),
    /// Load the demo catalogue shipped with normbase into the store.
    Demo(commands::demo::Args),
    /// Refresh records from the national open-standards site (openstd).
    Openstd(commands::openstd::Args),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NORMBASE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // One line: what failed and where (the context chain, outermost first).
            let msg: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("normbase: error: {}", msg.join(": "));
            ExitCode::from(1)
        }
    }
}
