//! `normbase import --format F FILE...`

use crate::context::{open_store, today};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use normbase_core::check::Catalogue;
use normbase_core::import::{ImportSummary, Rejection};
use normbase_core::record::Record;
use normbase_io::{Format, ImportRow, ReadOptions};
use normbase_store::{ImportState, Store};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Records per storage transaction.
const BATCH: usize = 2000;

/// Arguments of `normbase import`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  normbase import --format relaton ../shared/data/catalog/relaton-iso.jsonl.gz\n  normbase import --format csv --map 'Std No=designation' list.csv\n  normbase import --format codes ../shared/data/codes"
)]
pub struct Args {
    /// relaton, iso-open-data, csv, xlsx, openstd, or codes (code lists: a folder or files).
    #[arg(long)]
    pub format: String,
    /// Column mapping for csv/xlsx: SOURCE_COLUMN=FIELD (repeatable).
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Files to import (plain or gzip-compressed).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the command.
pub async fn run(cli: &crate::Cli, args: &Args) -> Result<ExitCode> {
    let store = open_store(cli).await?;
    if args.format == "codes" {
        return import_codes(&store, args).await;
    }
    let format = Format::from_name(&args.format).with_context(|| {
        format!(
            "unknown --format {:?} (expected relaton, iso-open-data, csv, xlsx, openstd or codes)",
            args.format
        )
    })?;
    let mut opts = ReadOptions::default();
    for m in &args.map {
        let (from, to) = m
            .split_once('=')
            .with_context(|| format!("--map {m:?}: expected COLUMN=FIELD"))?;
        opts.map
            .push((from.trim().to_string(), to.trim().to_string()));
    }
    let summary = import_files(&store, format, &args.files, &opts, !args.json).await?;
    print_summary(&summary, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Imports files into the store and refreshes statuses; used by `import` and `demo`.
pub async fn import_files(
    store: &Store,
    format: Format,
    files: &[PathBuf],
    opts: &ReadOptions,
    progress: bool,
) -> Result<ImportSummary> {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    // Open every file first so a missing file fails before anything is written.
    let mut readers = Vec::new();
    for f in files {
        let rows = normbase_io::read_records(format, f, opts)
            .with_context(|| format!("cannot read {}", f.display()))?;
        readers.push(rows);
    }
    import_rows(store, format.as_str(), &names, readers, progress).await
}

/// Imports rows from any source (files, the openstd connector) as one import.
pub async fn import_rows(
    store: &Store,
    format: &str,
    names: &[String],
    readers: Vec<normbase_io::Rows>,
    progress: bool,
) -> Result<ImportSummary> {
    let import = store.begin_import(format, names, None).await?;
    let bar = if progress {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos} rows [{elapsed_precise}] {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(format!("importing {format}"));
    let started = Instant::now();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(Vec<Record>, Vec<Rejection>, u64)>(4);
    let reader = std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        let mut rejected = Vec::new();
        let mut read = 0u64;
        for rows in readers {
            for ImportRow { result, .. } in rows {
                read += 1;
                match result {
                    Ok(r) => batch.push(r),
                    Err(rej) => rejected.push(rej),
                }
                if batch.len() >= BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx
                        .blocking_send((full, std::mem::take(&mut rejected), read))
                        .is_err()
                    {
                        return;
                    }
                    read = 0;
                }
            }
        }
        let _ = tx.blocking_send((batch, rejected, read));
    });
    let mut summary = ImportSummary::default();
    let mut seen = std::collections::HashSet::new();
    // Into an empty store, the records passing through are the whole catalogue:
    // keep them for the status refresh instead of reading everything back.
    let mut mirror = (store.count().await? == 0).then(Catalogue::new);
    let outcome: Result<()> = async {
        while let Some((records, rejections, read)) = rx.recv().await {
            summary.read += read;
            if let Some(cat) = mirror.as_mut() {
                for r in &records {
                    let prefer_existing = seen.contains(&r.key) || cat.get(&r.key).is_some();
                    cat.upsert(r.clone(), prefer_existing);
                }
            }
            if !records.is_empty() {
                let o = store
                    .upsert_records_seen(import, records, &mut seen)
                    .await?;
                summary.inserted += o.inserted;
                summary.updated += o.updated;
                summary.unchanged += o.unchanged;
                summary.duplicates += o.duplicates;
            }
            if !rejections.is_empty() {
                store.add_rejections(import, &rejections).await?;
                summary.rejected += rejections.len() as u64;
                summary.rejections.extend(rejections);
            }
            bar.set_position(summary.read);
        }
        Ok(())
    }
    .await;
    drop(rx);
    if reader.join().is_err() {
        bail!("the file reader stopped unexpectedly");
    }
    if let Err(e) = outcome {
        let _ = store
            .finish_import(import, &summary, ImportState::Failed)
            .await;
        bar.abandon();
        return Err(e);
    }
    tracing::info!(elapsed = ?started.elapsed(), "records stored");
    bar.set_message("updating statuses");
    match mirror {
        Some(cat) => store_statuses(store, &cat).await?,
        None => refresh_statuses(store).await?,
    }
    store
        .finish_import(import, &summary, ImportState::Done)
        .await?;
    store.checkpoint().await?;
    bar.finish_and_clear();
    tracing::info!(elapsed = ?started.elapsed(), "import finished");
    Ok(summary)
}

/// Derives the status of every record of `cat` and stores the changes.
async fn store_statuses(store: &Store, cat: &Catalogue) -> Result<()> {
    let t = Instant::now();
    let statuses = normbase_core::check::all_statuses(cat, today());
    let changed = store.set_statuses(&statuses).await?;
    tracing::info!(elapsed = ?t.elapsed(), changed, "statuses stored");
    Ok(())
}

/// Recomputes every record's status from the core rules and stores the changes.
pub async fn refresh_statuses(store: &Store) -> Result<()> {
    let t = Instant::now();
    let mut cat = normbase_core::check::Catalogue::new();
    for r in store.all_records().await? {
        cat.insert(r);
    }
    tracing::info!(elapsed = ?t.elapsed(), records = cat.len(), "catalogue loaded");
    let statuses = normbase_core::check::all_statuses(&cat, today());
    tracing::info!(elapsed = ?t.elapsed(), "statuses derived");
    let changed = store.set_statuses(&statuses).await?;
    tracing::info!(elapsed = ?t.elapsed(), changed, "statuses stored");
    Ok(())
}

async fn import_codes(store: &Store, args: &Args) -> Result<ExitCode> {
    let mut total = 0usize;
    for f in &args.files {
        let entries = if f.is_dir() {
            normbase_io::read_code_dir(f)
        } else {
            normbase_io::read_code_list(f)
        }
        .with_context(|| format!("cannot read code list {}", f.display()))?;
        store.upsert_codes(&entries).await?;
        total += entries.len();
    }
    if args.json {
        println!("{}", serde_json::json!({ "codes": total }));
    } else {
        println!("imported {total} codes");
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints an import summary: one line and the first rejections, or all of it as JSON.
pub fn print_summary(s: &ImportSummary, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(s)?);
        return Ok(());
    }
    println!(
        "read {}, inserted {}, updated {}, unchanged {}, duplicates merged {}, rejected {}",
        s.read, s.inserted, s.updated, s.unchanged, s.duplicates, s.rejected
    );
    for r in s.rejections.iter().take(20) {
        let field = r
            .field
            .as_deref()
            .map(|f| format!(" [{f}]"))
            .unwrap_or_default();
        println!("  rejected {}:{}{}: {}", r.file, r.row, field, r.reason);
    }
    if s.rejections.len() > 20 {
        println!(
            "  … and {} more (use --json for all)",
            s.rejections.len() - 20
        );
    }
    Ok(())
}
