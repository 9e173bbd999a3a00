//! `normbase show DESIGNATION`: one record with its full chain.

use crate::context::{open_store, today};
use crate::view::load_view;
use anyhow::{Context, Result, bail};
use normbase_core::check::Catalogue;
use normbase_core::designation;
use normbase_core::record::Record;
use serde_json::json;
use std::collections::BTreeSet;
use std::process::ExitCode;

/// Arguments of `normbase show`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  normbase show 'GB/T 19001-2008'\n  normbase show --json 'ISO 9001'"
)]
pub struct Args {
    /// The designation (an undated one shows the latest edition).
    pub designation: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub async fn run(cli: &crate::Cli, args: &Args) -> Result<ExitCode> {
    let d = designation::parse(&args.designation)
        .with_context(|| format!("cannot parse {:?}", args.designation))?;
    let store = open_store(cli).await?;
    let cat = load_view(&store, std::slice::from_ref(&d)).await?;
    let today = today();
    let res = cat.resolve(&args.designation, today);
    let Some(key) = res
        .matched
        .as_deref()
        .and_then(|m| designation::parse(m).ok())
        .map(|m| m.key())
    else {
        bail!("{} is not in the catalogue ({})", d.canonical(), res.note);
    };
    let rec = cat.get(&key).context("matched record vanished")?;
    let chain = chain(&cat, &key);
    let verdict = cat.status(&key, today);
    let mut codes = Vec::new();
    for (scheme, list) in [("ics", &rec.ics), ("ccs", &rec.ccs)] {
        for code in list {
            let entry = store.code(scheme, code).await?;
            let name = entry.and_then(|e| e.name_zh.or(e.name_en));
            codes.push((scheme, code.clone(), name));
        }
    }
    if args.json {
        let chain_json: Vec<_> = chain
            .iter()
            .map(|r| {
                json!({
                    "designation": r.designation,
                    "status": cat.status(&r.key, today).map(|v| v.status.as_str()),
                    "published": r.published, "implemented": r.implemented,
                    "this": r.key == key,
                })
            })
            .collect();
        let out = json!({
            "record": rec,
            "status": verdict.as_ref().map(|v| v.status.as_str()),
            "status_reason": verdict.as_ref().map(|v| v.reason.as_str()),
            "current_edition": res.current_edition,
            "chain": chain_json,
            "codes": codes.iter().map(|(scheme, code, name)| json!({
                "scheme": scheme, "code": code, "name": name,
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", rec.designation);
    let field = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            println!("  {k:<14} {v}");
        }
    };
    field("title (zh)", rec.titles.zh.clone());
    field("title (en)", rec.titles.en.clone());
    field("title (fr)", rec.titles.fr.clone());
    field("title (ja)", rec.titles.ja.clone());
    field("kind", Some(rec.kind.to_string()));
    if let Some(v) = &verdict {
        field(
            "status",
            Some(format!(
                "{} {} — {}",
                v.status,
                v.status.label_zh(),
                v.reason
            )),
        );
    }
    field("source stage", rec.stage.clone());
    field("published", rec.published.as_ref().map(|d| d.to_string()));
    field(
        "implemented",
        rec.implemented.as_ref().map(|d| d.to_string()),
    );
    field("withdrawn", rec.withdrawn.as_ref().map(|d| d.to_string()));
    field("confirmed", rec.confirmed.as_ref().map(|d| d.to_string()));
    for (label, scheme) in [("ICS", "ics"), ("CCS", "ccs")] {
        let named: Vec<String> = codes
            .iter()
            .filter(|(s, _, _)| *s == scheme)
            .map(|(_, code, name)| match name {
                Some(n) => format!("{code} {n}"),
                None => code.clone(),
            })
            .collect();
        field(label, Some(named.join("; ")));
    }
    field("committee", rec.committee.clone());
    field("issuer", rec.issuer.clone());
    field("drafters", Some(rec.drafters.join("; ")));
    let adoptions: Vec<String> = rec
        .adoptions
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                a.designation,
                a.degree.map(|g| g.as_str()).unwrap_or("")
            )
        })
        .collect();
    field("adopts", Some(adoptions.join("; ")));
    field("current", Some(res.current_edition.join(", ")));
    field(
        "sources",
        Some(
            rec.sources
                .iter()
                .map(|s| s.format.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    if chain.len() > 1 {
        println!("  chain:");
        for r in &chain {
            let st = cat
                .status(&r.key, today)
                .map(|v| v.status.as_str())
                .unwrap_or("");
            let mark = if r.key == key { "▶" } else { " " };
            let date = r
                .implemented
                .as_ref()
                .or(r.published.as_ref())
                .map(|d| d.to_string())
                .unwrap_or_default();
            println!("   {mark} {:<28} {st:<9} {date}", r.designation);
        }
    }
    if let Some(scope) = &rec.scope {
        println!("  scope: {scope}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Every edition linked to `key` by replacement, in both directions, oldest first.
fn chain<'a>(cat: &'a Catalogue, key: &str) -> Vec<&'a Record> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut todo = vec![key.to_string()];
    while let Some(k) = todo.pop() {
        if seen.len() > 200 || !seen.insert(k.clone()) {
            continue;
        }
        for r in cat.successors(&k).into_iter().chain(cat.predecessors(&k)) {
            todo.push(r.key.clone());
        }
    }
    let mut out: Vec<&Record> = seen.iter().filter_map(|k| cat.get(k)).collect();
    out.sort_by_key(|r| (r.year.unwrap_or(0), r.published.clone(), r.key.clone()));
    out
}
