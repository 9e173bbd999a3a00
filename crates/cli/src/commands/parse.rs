//! `normbase parse`: one JSON object per designation.

use anyhow::Result;
use normbase_core::designation::{self, Designation};
use serde_json::{Value, json};
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Arguments of `normbase parse`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  normbase parse 'GB/T 19001-2016' 'iso 9001:2015/Amd 1:2020'\n  cat refs.txt | normbase parse"
)]
pub struct Args {
    /// Designations to parse; without any, lines are read from stdin.
    pub designations: Vec<String>,
}

/// The JSON object for one input (the `parse` output contract).
pub fn parse_json(input: &str) -> Value {
    match designation::parse(input) {
        Ok(d) => designation_json(input, &d),
        Err(e) => json!({
            "input": input, "ok": false, "canonical": null, "kind": null, "body": null,
            "number": null, "part": null, "year": null, "amendments": [], "adoption": null,
            "error": e.to_string(),
        }),
    }
}

/// JSON fields of a parsed designation.
pub fn designation_json(input: &str, d: &Designation) -> Value {
    json!({
        "input": input,
        "ok": true,
        "canonical": d.canonical(),
        "key": d.key(),
        "kind": d.kind.as_str(),
        "body": d.body,
        "doc_type": d.doc_type,
        "number": d.number,
        "part": d.part,
        "year": d.year,
        "amendments": d.amendments,
        "edition": d.edition,
        "all_parts": d.all_parts,
        "adoption": d.adoption.as_ref().map(|a| json!({
            "designation": a.designation,
            "degree": a.degree.map(|g| g.as_str()),
        })),
        "error": null,
    })
}

/// Runs the command.
pub fn run(args: &Args) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.designations.is_empty() {
        for line in std::io::stdin().lock().lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            serde_json::to_writer(&mut out, &parse_json(&line))?;
            out.write_all(b"\n")?;
        }
    } else {
        for d in &args.designations {
            serde_json::to_writer(&mut out, &parse_json(d))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
