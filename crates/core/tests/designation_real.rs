//! Real-data tests: the messy Chinese list and (optionally) Relaton primary ids.
#![allow(clippy::unwrap_used)]

use normbase_core::designation::parse;
use std::collections::HashMap;
use std::path::PathBuf;

/// Path under /work/shared/data, relative to this crate.
fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel)
}

/// Missing data is a skip locally, a failure on CI.
fn skip(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why}");
    }
    eprintln!("skipping: {why}");
}

/// Designations deliberately kept out of the list because they are not one standard.
const KNOWN_BAD: &[&str] = &[];

#[test]
fn cn_standards_tsv_parses() {
    let path = shared("cn-standards/standards.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return skip(&format!("{} not found", path.display()));
    };
    let mut total = 0;
    let mut failed = Vec::new();
    for line in text.lines().skip(1) {
        let Some(des) = line.split('\t').next() else {
            continue;
        };
        total += 1;
        match parse(des) {
            Ok(d) => {
                let again = parse(&d.canonical()).unwrap();
                assert_eq!(again.key(), d.key(), "{des}");
            }
            Err(e) => failed.push(format!("{des}: {e}")),
        }
    }
    let rate = 100.0 * (total - failed.len()) as f64 / total as f64;
    eprintln!(
        "standards.tsv: {}/{} parsed ({rate:.2}%)",
        total - failed.len(),
        total
    );
    for f in &failed {
        eprintln!("  {f}");
    }
    let unexpected: Vec<_> = failed
        .iter()
        .filter(|f| !KNOWN_BAD.iter().any(|k| f.starts_with(k)))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    assert_eq!(total, 4048);
}

/// Reads the primary docids of the first `limit` records of a Relaton dump.
fn relaton_ids(name: &str, limit: usize) -> Option<Vec<String>> {
    use std::io::BufRead;
    let f = std::fs::File::open(shared(&format!("catalog/{name}"))).ok()?;
    let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
    let mut ids = Vec::new();
    for line in r.lines().take(limit) {
        let v: serde_json::Value = serde_json::from_str(&line.ok()?).ok()?;
        let docid = &v["docid"];
        let list = match docid {
            serde_json::Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        };
        for d in list {
            if d["primary"].as_bool() == Some(true)
                && let Some(id) = d["id"].as_str()
            {
                ids.push(id.to_string());
            }
        }
    }
    Some(ids)
}

#[test]
fn relaton_primary_ids_parse_with_distinct_keys() {
    // The full files are large; debug builds read a sample.
    let limit = if cfg!(debug_assertions) {
        4_000
    } else {
        20_000
    };
    for name in [
        "relaton-iso.jsonl.gz",
        "relaton-iec.jsonl.gz",
        "relaton-jis.jsonl.gz",
    ] {
        let Some(ids) = relaton_ids(name, limit) else {
            return skip(&format!("{name} not readable"));
        };
        let mut keys: HashMap<String, String> = HashMap::new();
        let mut failed = Vec::new();
        let mut clashes = Vec::new();
        for id in &ids {
            match parse(id) {
                Ok(d) => {
                    if let Some(prev) = keys.insert(d.key(), id.clone())
                        && prev != *id
                    {
                        clashes.push(format!("{prev} | {id}"));
                    }
                }
                Err(e) => failed.push(format!("{id}: {e}")),
            }
        }
        let ok = ids.len() - failed.len();
        eprintln!(
            "{name}: {ok}/{} parsed, {} key clashes",
            ids.len(),
            clashes.len()
        );
        for f in failed.iter().take(20) {
            eprintln!("  fail {f}");
        }
        for c in clashes.iter().take(20) {
            eprintln!("  clash {c}");
        }
        assert!(failed.len() * 200 <= ids.len(), "{name}: too many failures");
        assert!(clashes.len() * 200 <= ids.len(), "{name}: too many clashes");
    }
}
