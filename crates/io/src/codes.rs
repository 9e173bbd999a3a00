//! Code lists, recognised by file name:
//!
//! | file | scheme | names |
//! |---|---|---|
//! | ics-iso-open-data.yaml (also ics*.yaml) | ics | en, fr; parent = code without its last segment |
//! | ccs-level1.csv, ccs-level2.csv, ccs-level3.csv | ccs | zh; parent = category / range |
//! | cn-industry-codes.tsv | industry | zh, en |
//! | cn-province-codes.tsv | division | zh |
//! | hs2012.csv, hs2017.csv, hs2022.csv | hs2012 … | en; parent from the file |
//! | country-codes.csv | country (ISO alpha-2) | en, zh, fr |
//! | iso-committees.yaml | committee (reference) | en, fr; parent via parentId |

use crate::IoError;
use crate::input;
use normbase_core::codes::CodeEntry;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

fn entry(scheme: &str, code: &str) -> CodeEntry {
    CodeEntry {
        scheme: scheme.to_string(),
        code: code.trim().to_string(),
        name_zh: None,
        name_en: None,
        name_fr: None,
        parent: None,
    }
}

fn opt(s: Option<&str>) -> Option<String> {
    s.and_then(input::non_empty)
}

/// Reads one code list, recognised by its file name (see the module docs).
pub fn read_code_list(path: &Path) -> Result<Vec<CodeEntry>, IoError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let kind = kind_of(&name)
        .ok_or_else(|| IoError::unsupported(path, "not a known code list file name"))?;
    let bytes = input::read_all(path, None)?;
    let text = input::decode_text(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    match kind {
        Kind::Ics => ics(path, text),
        Kind::Ccs => ccs(path, text),
        Kind::Industry => table(path, text, b'\t', |r| {
            let mut e = entry("industry", r.first()?);
            e.name_zh = opt(r.get(1).map(String::as_str));
            e.name_en = opt(r.get(2).map(String::as_str));
            Some(e)
        }),
        Kind::Division => table(path, text, b'\t', |r| {
            let mut e = entry("division", r.first()?);
            e.name_zh = opt(r.get(1).map(String::as_str));
            Some(e)
        }),
        Kind::Hs(scheme) => table(path, text, b',', |r| {
            let mut e = entry(&scheme, r.get(1)?);
            e.name_en = opt(r.get(2).map(String::as_str));
            e.parent = opt(r.get(3).map(String::as_str)).filter(|p| p != "TOTAL");
            Some(e)
        }),
        Kind::Country => country(path, text),
        Kind::Committee => committees(path, text),
    }
}

enum Kind {
    Ics,
    Ccs,
    Industry,
    Division,
    Hs(String),
    Country,
    Committee,
}

fn kind_of(name: &str) -> Option<Kind> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Some(
        if name.starts_with("ics") && (name.ends_with(".yaml") || name.ends_with(".yml")) {
            Kind::Ics
        } else if name.starts_with("ccs") && name.ends_with(".csv") {
            Kind::Ccs
        } else if stem == "cn-industry-codes" {
            Kind::Industry
        } else if stem == "cn-province-codes" {
            Kind::Division
        } else if stem.len() == 6
            && stem.starts_with("hs")
            && stem[2..].chars().all(|c| c.is_ascii_digit())
        {
            Kind::Hs(stem.to_string())
        } else if stem == "country-codes" {
            Kind::Country
        } else if stem == "iso-committees" {
            Kind::Committee
        } else {
            return None;
        },
    )
}

/// Reads every recognised code list in `dir` (other files are skipped).
pub fn read_code_dir(dir: &Path) -> Result<Vec<CodeEntry>, IoError> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| IoError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| kind_of(&n.to_ascii_lowercase()).is_some())
        })
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        out.extend(read_code_list(&p)?);
    }
    Ok(out)
}

/// Rows (without the header) of a delimited file, mapped by `f`; rows `f` rejects are skipped.
fn table(
    path: &Path,
    text: &str,
    delim: u8,
    f: impl Fn(&[String]) -> Option<CodeEntry>,
) -> Result<Vec<CodeEntry>, IoError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| IoError::invalid(path, format!("row {}: {e}", i + 2)))?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if let Some(e) = f(&cells).filter(|e| !e.code.is_empty()) {
            out.push(e);
        }
    }
    Ok(out)
}

fn ccs(path: &Path, text: &str) -> Result<Vec<CodeEntry>, IoError> {
    table(path, text, b',', |r| {
        let mut e = entry("ccs", r.first()?);
        e.name_zh = opt(r.get(1).map(String::as_str));
        // level 2: third column is the level-1 category; level 3: the level-2 range.
        e.parent = opt(r.get(2).map(String::as_str));
        Some(e)
    })
}

fn country(path: &Path, text: &str) -> Result<Vec<CodeEntry>, IoError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| IoError::invalid(path, format!("header: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let code = col("ISO3166-1-Alpha-2")
        .ok_or_else(|| IoError::invalid(path, "no ISO3166-1-Alpha-2 column"))?;
    let (en, zh, fr) = (
        col("official_name_en").or(col("CLDR display name")),
        col("official_name_cn").or(col("UNTERM Chinese Short")),
        col("official_name_fr"),
    );
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| IoError::invalid(path, format!("row {}: {e}", i + 2)))?;
        let get = |c: Option<usize>| opt(c.and_then(|c| rec.get(c)));
        let Some(code) = get(Some(code)) else {
            continue;
        };
        let mut e = entry("country", &code);
        e.name_en = get(en).or_else(|| get(col("CLDR display name")));
        e.name_zh = get(zh);
        e.name_fr = get(fr);
        out.push(e);
    }
    Ok(out)
}

#[derive(Deserialize)]
struct IcsFile {
    entries: Vec<IcsEntry>,
}
#[derive(Deserialize)]
struct IcsEntry {
    identifier: String,
    #[serde(default)]
    title: Vec<LangValue>,
}
#[derive(Deserialize)]
struct LangValue {
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

fn ics(path: &Path, text: &str) -> Result<Vec<CodeEntry>, IoError> {
    let f: IcsFile = serde_norway::from_str(text)
        .map_err(|e| IoError::invalid(path, format!("not an ICS list: {e}")))?;
    Ok(f.entries
        .into_iter()
        .map(|x| {
            let mut e = entry("ics", &x.identifier);
            let t = |l: &str| {
                x.title
                    .iter()
                    .find(|t| t.lang.as_deref() == Some(l))
                    .and_then(|t| opt(t.value.as_deref()))
            };
            e.name_en = t("en");
            e.name_fr = t("fr");
            e.parent = e.code.rsplit_once('.').map(|(p, _)| p.to_string());
            e
        })
        .collect())
}

#[derive(Deserialize)]
struct Committee {
    id: serde_norway::Value,
    reference: Option<String>,
    #[serde(default)]
    title: HashMap<String, Option<String>>,
    #[serde(default, rename = "parentId")]
    parent_id: Option<serde_norway::Value>,
}

fn key(v: &serde_norway::Value) -> Option<String> {
    match v {
        serde_norway::Value::Number(n) => Some(n.to_string()),
        serde_norway::Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn committees(path: &Path, text: &str) -> Result<Vec<CodeEntry>, IoError> {
    let list: Vec<Committee> = serde_norway::from_str(text)
        .map_err(|e| IoError::invalid(path, format!("not a committee list: {e}")))?;
    let refs: HashMap<String, String> = list
        .iter()
        .filter_map(|c| Some((key(&c.id)?, c.reference.clone()?)))
        .collect();
    Ok(list
        .iter()
        .filter_map(|c| {
            let mut e = entry("committee", c.reference.as_deref()?);
            e.name_en = opt(c.title.get("en").and_then(|v| v.as_deref()));
            e.name_fr = opt(c.title.get("fr").and_then(|v| v.as_deref()));
            e.parent = c
                .parent_id
                .as_ref()
                .and_then(key)
                .and_then(|p| refs.get(&p).cloned());
            Some(e)
        })
        .collect())
}
