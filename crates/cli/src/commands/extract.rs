//! `normbase extract FILE`: every designation in a document.

use anyhow::{Context, Result};
use normbase_core::designation;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `normbase extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  normbase extract spec.docx")]
pub struct Args {
    /// A .txt, .docx or .pdf file.
    pub file: PathBuf,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<ExitCode> {
    let text = normbase_io::document_text(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let file = args.file.display().to_string();
    for found in designation::extract(&text) {
        let line = text[..found.start].matches('\n').count() + 1;
        let column = text[..found.start]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        let mut obj = crate::commands::parse::designation_json(&found.text, &found.designation);
        if let Some(map) = obj.as_object_mut() {
            map.insert("file".into(), json!(file));
            map.insert("text".into(), json!(found.text));
            map.insert("start".into(), json!(found.start));
            map.insert("end".into(), json!(found.end));
            map.insert("line".into(), json!(line));
            map.insert("column".into(), json!(column));
        }
        serde_json::to_writer(&mut out, &obj)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
