//! ISO Open Data `iso_deliverables_metadata` (JSON lines, a JSON array or one JSON object).
//!
//! Mapping: `reference` → designation; `title.en/fr` → titles; `publicationDate`
//! → published; `icsCode` → ics; `ownerCommittee` → committee; `currentStage`
//! (9092) → stage "90.92"; `scope.en` (HTML, tags stripped) → scope; `id` →
//! source id; `replaces`/`replacedBy` (project ids) → relations, resolved to
//! references through the ids found in the same file and
//! [`ReadOptions::iso_ids`]; ids that resolve to nothing are dropped.
//! Issuer is "ISO".

use crate::input::{self, non_empty};
use crate::{ImportRow, IoError, ReadOptions, Rows, file_name, reject};
use normbase_core::record::SourceRef;
use normbase_core::{PartialDate, Record, RelationKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One deliverable (only the fields we use).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Deliverable {
    /// ISO project id.
    pub id: Option<serde_json::Value>,
    /// Designation ("ISO 9001:2015").
    pub reference: Option<String>,
    /// Titles by language.
    pub title: Option<HashMap<String, Option<String>>>,
    /// Publication date.
    pub publication_date: Option<String>,
    /// ICS codes.
    pub ics_code: Option<Vec<String>>,
    /// Committee reference.
    pub owner_committee: Option<String>,
    /// Stage as a number (6060, 9092 …).
    pub current_stage: Option<serde_json::Value>,
    /// Ids of the deliverables this one replaces.
    pub replaces: Option<Vec<serde_json::Value>>,
    /// Ids of the deliverables that replace this one.
    pub replaced_by: Option<Vec<serde_json::Value>>,
    /// Scope (HTML) by language.
    pub scope: Option<HashMap<String, Option<String>>>,
}

fn id_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => non_empty(s),
        _ => None,
    }
}

/// Opens an ISO Open Data file as a row stream.
pub fn read(path: &Path, opts: &ReadOptions) -> Result<Rows, IoError> {
    let file = file_name(path);
    let bytes = input::read_all(path, opts.progress.clone())?;
    let text = input::decode_text(&bytes);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    // (row, parsed) pairs.
    let mut docs: Vec<(u64, Result<Deliverable, String>)> = Vec::new();
    if trimmed.starts_with('[') {
        let all: Vec<serde_json::Value> = serde_json::from_str(trimmed)
            .map_err(|e| IoError::invalid(path, format!("not a JSON array: {e}")))?;
        for (i, v) in all.into_iter().enumerate() {
            docs.push((
                i as u64 + 1,
                serde_json::from_value(v).map_err(|e| e.to_string()),
            ));
        }
    } else if let Ok(one) = serde_json::from_str::<Deliverable>(trimmed) {
        docs.push((1, Ok(one)));
    } else {
        for (i, line) in text.as_bytes().split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            docs.push((
                i as u64 + 1,
                serde_json::from_slice(line).map_err(|e| format!("malformed JSON: {e}")),
            ));
        }
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    for (_, d) in &docs {
        if let Ok(d) = d
            && let (Some(id), Some(r)) = (
                d.id.as_ref().and_then(id_text),
                d.reference.as_deref().and_then(non_empty),
            )
        {
            ids.insert(id, r);
        }
    }
    let extra = opts.iso_ids.clone();
    let rows: Vec<ImportRow> = docs
        .into_iter()
        .map(|(row, d)| match d {
            Ok(d) => match to_record(&d, &ids, extra.as_ref()) {
                Ok(rec) => ImportRow {
                    file: file.clone(),
                    row,
                    result: Ok(rec),
                },
                Err((field, reason)) => reject(&file, row, Some(field), reason),
            },
            Err(reason) => reject(&file, row, None, reason),
        })
        .collect();
    Ok(Box::new(rows.into_iter()))
}

/// Maps one deliverable; `ids` and `extra` resolve project ids to references.
pub fn to_record(
    d: &Deliverable,
    ids: &HashMap<String, String>,
    extra: Option<&Arc<HashMap<String, String>>>,
) -> Result<Record, (&'static str, String)> {
    let reference = d
        .reference
        .as_deref()
        .and_then(non_empty)
        .ok_or(("reference", "no reference".to_string()))?;
    let des =
        normbase_core::designation::parse(&reference).map_err(|e| ("reference", e.to_string()))?;
    let mut rec = Record::new(&des);
    let lang = |m: &Option<HashMap<String, Option<String>>>, l: &str| {
        m.as_ref()
            .and_then(|m| m.get(l))
            .and_then(|v| v.as_deref())
            .and_then(non_empty)
    };
    rec.titles.en = lang(&d.title, "en");
    rec.titles.fr = lang(&d.title, "fr");
    rec.scope = lang(&d.scope, "en")
        .map(|s| input::strip_html(&s))
        .filter(|s| !s.is_empty());
    if let Some(p) = d.publication_date.as_deref().and_then(non_empty) {
        rec.published =
            Some(PartialDate::parse(&p).ok_or(("publicationDate", format!("not a date: {p:?}")))?);
    }
    rec.ics = d
        .ics_code
        .iter()
        .flatten()
        .filter_map(|c| non_empty(c))
        .collect();
    rec.committee = d.owner_committee.as_deref().and_then(non_empty);
    rec.stage = d.current_stage.as_ref().and_then(|v| {
        let s = id_text(v)?;
        Some(if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
            format!("{}.{}", &s[..2], &s[2..])
        } else {
            s
        })
    });
    rec.issuer = Some("ISO".into());
    rec.sources.push(SourceRef {
        format: "iso-open-data".into(),
        id: d.id.as_ref().and_then(id_text),
    });
    let resolve = |v: &serde_json::Value| {
        let id = id_text(v)?;
        ids.get(&id)
            .cloned()
            .or_else(|| extra.and_then(|m| m.get(&id).cloned()))
    };
    for t in d.replaces.iter().flatten().filter_map(resolve) {
        rec.relate(RelationKind::Replaces, &t);
    }
    for t in d.replaced_by.iter().flatten().filter_map(resolve) {
        rec.relate(RelationKind::ReplacedBy, &t);
    }
    Ok(rec)
}
