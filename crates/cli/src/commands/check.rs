//! `normbase check`: validity check (标准查新) of a list of references.

use crate::context::{open_store, today};
use crate::report;
use crate::view::load_view;
use anyhow::{Context, Result};
use normbase_core::check::CheckResult;
use normbase_core::designation;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `normbase check`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  normbase check refs.txt\n  printf 'GB/T 19001-2008\\nISO 9001\\n' | normbase check --json -\n  normbase check --column 标准号 list.xlsx --xlsx report.xlsx\n  normbase check --extract spec.docx"
)]
pub struct Args {
    /// A text file with one reference per line, a CSV/XLSX file (with --column), any document (with --extract), or - for stdin.
    pub file: PathBuf,
    /// Read references from this column of a CSV/XLSX file (header name, 1-based index or letter).
    #[arg(long)]
    pub column: Option<String>,
    /// Find the references inside a document (.txt, .docx, .pdf) with the extractor.
    #[arg(long)]
    pub extract: bool,
    /// Print one JSON object per reference, in input order, as a JSON array.
    #[arg(long)]
    pub json: bool,
    /// Print CSV instead of a table.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Also write an XLSX report to this file.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
}

/// Reads the references the arguments point at.
pub fn read_references(args: &Args) -> Result<Vec<String>> {
    let path: &Path = &args.file;
    if let Some(col) = &args.column {
        return normbase_io::read_column(path, col)
            .with_context(|| format!("cannot read column {col:?} of {}", path.display()));
    }
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read stdin")?;
        s
    } else {
        normbase_io::document_text(path)
            .with_context(|| format!("cannot read {}", path.display()))?
    };
    if args.extract {
        return Ok(designation::extract(&text)
            .into_iter()
            .map(|f| f.text)
            .collect());
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect())
}

/// Checks references against the store.
pub async fn check_references(
    store: &normbase_store::Store,
    refs: &[String],
) -> Result<Vec<CheckResult>> {
    let t = std::time::Instant::now();
    let parsed: Vec<_> = refs
        .iter()
        .filter_map(|r| designation::parse(r).ok())
        .collect();
    let cat = load_view(store, &parsed).await?;
    tracing::info!(elapsed = ?t.elapsed(), records = cat.len(), "catalogue view loaded");
    let today = today();
    let out = refs.iter().map(|r| cat.resolve(r, today)).collect();
    tracing::info!(elapsed = ?t.elapsed(), "references resolved");
    Ok(out)
}

/// Runs the command.
pub async fn run(cli: &crate::Cli, args: &Args) -> Result<ExitCode> {
    let refs = read_references(args)?;
    let store = open_store(cli).await?;
    let results = check_references(&store, &refs).await?;
    if let Some(x) = &args.xlsx {
        report::write_xlsx(x, &results, today())
            .with_context(|| format!("cannot write {}", x.display()))?;
    }
    if args.json {
        report::print_json(&results)?;
    } else if args.csv {
        report::write_csv(std::io::stdout().lock(), &results)?;
    } else {
        report::print_table(&results);
        if let Some(x) = &args.xlsx {
            println!("report written to {}", x.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
