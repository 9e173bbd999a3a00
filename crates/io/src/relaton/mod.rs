//! Relaton bibliographic documents (ISO, IEC and JIS catalogues).
//!
//! Input: JSON lines (one document per line, the form of the shared
//! `relaton-*.jsonl.gz` files), a JSON array, or YAML (one document, a list,
//! or several `---` documents). Gzip is detected by magic bytes.
//!
//! Mapping: primary docid (`primary: true`, else the first of type ISO/IEC/JIS,
//! else the first) → designation; titles per language from the `main` full
//! title, else `title-intro - title-main - title-part` (JIS titles have no
//! type: the first per language); abstract (en first) → scope; `ics` codes;
//! first technical committee (identifier such as "ISO/TC 176/SC 2", else name)
//! → committee; `docstatus` stage (+ substage: "95.99") → stage; dates
//! published/issued → published, obsoleted → withdrawn, confirmed → confirmed
//! (for amendments and corrigenda, whose `published` date is their base's, the
//! `updated`/`corrected` date is the publication); publisher abbreviation or
//! name → issuer; top-level `id` → source id. See [`relations`] for relations.

pub mod model;
pub mod relations;

use crate::input::{self, non_empty};
use crate::{ImportRow, IoError, ReadOptions, Rows, file_name, reject};
use model::{Doc, DocId, OneOrMany, Title};
use normbase_core::record::SourceRef;
use normbase_core::{PartialDate, Record};
use std::io::BufRead;
use std::path::Path;

/// Opens a Relaton file (JSON lines, JSON or YAML; plain or gzip) as a row stream.
pub fn read(path: &Path, opts: &ReadOptions) -> Result<Rows, IoError> {
    let mut reader = input::open(path, opts.progress.clone())?;
    let file = file_name(path);
    let first =
        first_byte(&mut reader).map_err(|e| IoError::invalid(path, format!("cannot read: {e}")))?;
    match first {
        None => Ok(Box::new(std::iter::empty())),
        Some(b'{') => Ok(crate::pipeline::parse_lines(reader, file, parse_line)),
        Some(b'[') => {
            let mut bytes = Vec::new();
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| IoError::invalid(path, format!("cannot read: {e}")))?;
            let docs: Vec<serde_json::Value> = serde_json::from_slice(&bytes)
                .map_err(|e| IoError::invalid(path, format!("not a JSON array: {e}")))?;
            let rows: Vec<ImportRow> = docs
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let row = i as u64 + 1;
                    match serde_json::to_vec(&v).and_then(|b| {
                        serde_json::from_slice::<Doc>(&b).map(|d| to_row(&file, row, &d))
                    }) {
                        Ok(r) => r,
                        Err(e) => reject(&file, row, None, format!("not a Relaton document: {e}")),
                    }
                })
                .collect();
            Ok(Box::new(rows.into_iter()))
        }
        Some(_) => {
            let mut bytes = Vec::new();
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| IoError::invalid(path, format!("cannot read: {e}")))?;
            Ok(Box::new(yaml_rows(&file, &bytes).into_iter()))
        }
    }
}

use std::io::Read;

/// The first non-whitespace byte, without consuming it.
fn first_byte(r: &mut Box<dyn BufRead + Send>) -> std::io::Result<Option<u8>> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        match buf
            .iter()
            .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        {
            Some(i) => return Ok(Some(buf[i])),
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// Rows of a YAML file: each document is one record or a list of records.
fn yaml_rows(file: &str, bytes: &[u8]) -> Vec<ImportRow> {
    let text = input::decode_text(bytes);
    let mut rows = Vec::new();
    let mut row = 0u64;
    for de in serde_norway::Deserializer::from_str(&text) {
        let value = match serde_norway::Value::deserialize(de) {
            Ok(v) => v,
            Err(e) => {
                rows.push(reject(file, row + 1, None, format!("malformed YAML: {e}")));
                break;
            }
        };
        let items = match value {
            serde_norway::Value::Sequence(items) => items,
            serde_norway::Value::Null => continue,
            v => vec![v],
        };
        for item in items {
            row += 1;
            rows.push(
                match serde_json::to_vec(&item)
                    .map_err(|e| e.to_string())
                    .and_then(|b| {
                        serde_json::from_slice::<Doc>(&b)
                            .map(|d| to_row(file, row, &d))
                            .map_err(|e| e.to_string())
                    }) {
                    Ok(r) => r,
                    Err(e) => reject(file, row, None, format!("not a Relaton document: {e}")),
                },
            );
        }
    }
    rows
}

use serde::Deserialize;

/// One JSON line → row.
fn parse_line(file: &str, line: u64, bytes: &[u8]) -> ImportRow {
    match serde_json::from_slice::<Doc>(bytes) {
        Ok(doc) => to_row(file, line, &doc),
        Err(e) => reject(file, line, None, format!("malformed JSON: {e}")),
    }
}

fn to_row(file: &str, row: u64, doc: &Doc) -> ImportRow {
    ImportRow {
        file: file.to_string(),
        row,
        result: to_record(doc).map_err(|(field, reason)| rejection(file, row, field, reason)),
    }
}

fn rejection(
    file: &str,
    row: u64,
    field: &str,
    reason: String,
) -> normbase_core::import::Rejection {
    normbase_core::import::Rejection {
        file: file.to_string(),
        row,
        field: Some(field.to_string()),
        reason,
    }
}

/// The primary identifier of a docid list.
pub(crate) fn primary_id<'a>(ids: &'a OneOrMany<DocId<'_>>) -> Option<&'a str> {
    fn id<'b>(d: &'b DocId<'_>) -> Option<&'b str> {
        d.id.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    ids.iter()
        .find(|d| d.primary == Some(true))
        .and_then(id)
        .or_else(|| {
            ids.iter()
                .filter(|d| matches!(d.kind.as_deref(), Some("ISO" | "IEC" | "JIS")))
                .find_map(id)
        })
        .or_else(|| ids.iter().find_map(id))
}

/// Maps one document to a record; `Err((field, reason))` when it cannot be.
pub fn to_record(doc: &Doc) -> Result<Record, (&'static str, String)> {
    let designation =
        primary_id(&doc.docid).ok_or(("docid", "no document identifier".to_string()))?;
    let d = normbase_core::designation::parse(designation).map_err(|e| ("docid", e.to_string()))?;
    let mut rec = Record::new(&d);
    for lang in ["en", "fr", "ja", "zh"] {
        let t = title_for(&doc.title.0, lang);
        match lang {
            "en" => rec.titles.en = t,
            "fr" => rec.titles.fr = t,
            "ja" => rec.titles.ja = t,
            _ => rec.titles.zh = t,
        }
    }
    rec.scope = doc
        .abstract_
        .iter()
        .find(|a| a.language.iter().any(|l| l == "en"))
        .or_else(|| doc.abstract_.iter().next())
        .and_then(|a| a.content.as_deref())
        .and_then(non_empty);
    let ext = doc.ext.as_ref();
    let ics = ext
        .map(|e| &e.ics)
        .filter(|i| !i.0.is_empty())
        .unwrap_or(&doc.ics);
    for code in ics
        .iter()
        .filter_map(|i| i.code.as_deref().and_then(non_empty))
    {
        if !rec.ics.contains(&code) {
            rec.ics.push(code);
        }
    }
    let group = ext
        .and_then(|e| e.editorialgroup.as_ref())
        .or(doc.editorialgroup.as_ref());
    rec.committee = group.and_then(|g| {
        g.technical_committee.iter().find_map(|tc| {
            tc.identifier.as_deref().and_then(non_empty).or_else(|| {
                tc.name
                    .as_ref()
                    .and_then(|n| n.content.as_deref())
                    .and_then(non_empty)
            })
        })
    });
    if let Some(st) = &doc.docstatus {
        let stage = st
            .stage
            .as_ref()
            .and_then(|s| s.content.as_deref())
            .and_then(non_empty);
        let sub = st
            .substage
            .as_ref()
            .and_then(|s| s.content.as_deref())
            .and_then(non_empty);
        rec.stage = match (stage, sub) {
            (Some(s), Some(ss)) => Some(format!("{s}.{ss}")),
            (s, _) => s,
        };
    }
    let is_supplement = relations::split_supplement(designation).1.is_some();
    let date = |kinds: &[&str]| {
        kinds.iter().find_map(|k| {
            doc.date
                .iter()
                .filter(|d| d.kind.as_deref() == Some(k))
                .find_map(|d| d.value.as_deref().and_then(PartialDate::parse))
        })
    };
    rec.published = if is_supplement {
        date(&["updated", "corrected", "published", "issued"])
    } else {
        date(&["published", "issued"])
    };
    rec.withdrawn = date(&["obsoleted"]);
    rec.confirmed = date(&["confirmed"]);
    rec.issuer = doc
        .contributor
        .iter()
        .filter(|c| c.role.iter().any(|r| r.0.as_deref() == Some("publisher")))
        .find_map(|c| {
            let org = c.organization.as_ref()?;
            org.abbreviation
                .as_ref()
                .and_then(|a| a.content.as_deref())
                .and_then(non_empty)
                .or_else(|| {
                    org.name
                        .iter()
                        .find_map(|n| n.content.as_deref().and_then(non_empty))
                })
        });
    rec.sources.push(SourceRef {
        format: "relaton".into(),
        id: doc.id.as_deref().and_then(non_empty),
    });
    rec.as_of = snapshot_age(doc);
    relations::add_relations(&mut rec, designation, doc);
    Ok(rec)
}

/// A comparable freshness of the harvest: the zero-padded schema version, then the fetch date.
/// The catalogues hold some editions twice, from harvests of different ages.
fn snapshot_age(doc: &Doc) -> Option<String> {
    let version = doc.schema_version.as_deref().map(|v| {
        v.trim_start_matches('v')
            .split('.')
            .map(|n| format!("{:0>4}", n))
            .collect::<Vec<_>>()
            .join(".")
    });
    let fetched = doc.fetched.as_deref().unwrap_or("");
    version.map(|v| format!("{v}|{fetched}"))
}

/// The title in `lang`: the `main` full title, else intro - main - part, else the first untyped one.
fn title_for(titles: &[Title], lang: &str) -> Option<String> {
    let in_lang = |t: &&Title| t.language.iter().any(|l| l == lang);
    let of = |kind: &str| {
        titles
            .iter()
            .filter(in_lang)
            .find(|t| t.kind.as_deref() == Some(kind))
            .and_then(|t| t.content.as_deref())
            .and_then(non_empty)
    };
    if let Some(main) = of("main") {
        return Some(main);
    }
    let parts: Vec<String> = ["title-intro", "title-main", "title-part"]
        .iter()
        .filter_map(|k| of(k))
        .collect();
    if !parts.is_empty() {
        return Some(parts.join(" - "));
    }
    titles
        .iter()
        .filter(in_lang)
        .find(|t| t.kind.is_none())
        .and_then(|t| t.content.as_deref())
        .and_then(non_empty)
}
