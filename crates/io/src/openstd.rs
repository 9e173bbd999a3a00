//! The national open-standards site (openstd.samr.gov.cn / std.samr.gov.cn).
//!
//! Pure parsers, reusable by a live connector: [`parse_detail_page`] (the
//! `newGbInfo?hcno=…` page) and [`parse_search_page`] (the `std_list` result
//! list); plus [`read_cassette`] for VCR YAML recordings (bodies as text or
//! base64, gzip-compressed or not). [`read`] turns a cassette (or a saved
//! detail page) into rows: one per distinct detail page, and one per search
//! hit whose detail page was not recorded.
//!
//! Detail page fields: 标准号 → designation; 中文/英文标准名称 → titles; 标准状态
//! → stage (as given: 现行, 废止 …); 中国标准分类号（CCS） → ccs; 国际标准分类号（ICS）
//! → ics; 发布日期, 实施日期, 废止日期; 主管部门 → issuer (else 发布单位);
//! 归口部门/归口单位 → committee; 起草单位 → drafters; 代替标准/被代替标准 and
//! "代替…" in 备注 → relations; 采用国际标准 → adoptions; hcno → source id.

use crate::html::{call_arg, chunks_with_empty, text_chunks};
use crate::input::{self, non_empty, split_codes, split_list, split_refs};
use crate::{ImportRow, IoError, ReadOptions, Rows, file_name, reject};
use base64::Engine;
use normbase_core::record::SourceRef;
use normbase_core::{PartialDate, Record, RelationKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// Why a page could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// No 标准号 on the page.
    #[error("no 标准号 (designation) on the page")]
    NoDesignation,
    /// The designation does not parse.
    #[error("designation {0:?}: {1}")]
    BadDesignation(String, String),
}

/// One hit of a search result list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchHit {
    /// The site's id of the standard (for the detail page URL).
    pub hcno: Option<String>,
    /// 标准号.
    pub designation: String,
    /// 标准名称.
    pub title_zh: Option<String>,
    /// 状态.
    pub status: Option<String>,
    /// 发布日期.
    pub published: Option<String>,
    /// 实施日期.
    pub implemented: Option<String>,
    /// 是否采标 (shown as text, usually empty or "采").
    pub adopted: Option<String>,
}

const LABELS: &[&str] = &[
    "标准号",
    "中文标准名称",
    "英文标准名称",
    "标准状态",
    "中国标准分类号（CCS）",
    "中国标准分类号",
    "国际标准分类号（ICS）",
    "国际标准分类号",
    "发布日期",
    "实施日期",
    "废止日期",
    "主管部门",
    "归口部门",
    "归口单位",
    "发布单位",
    "备注",
    "代替标准",
    "被代替标准",
    "采用国际标准",
    "采用程度",
    "起草单位",
    "起草人",
    "标准类别",
    "标准分类",
];

fn label_of(token: &str) -> Option<(&'static str, &str)> {
    LABELS
        .iter()
        .filter(|l| token.starts_with(**l))
        .max_by_key(|l| l.len())
        .map(|l| {
            let rest = token[l.len()..].trim_start_matches(['：', ':', ' ']).trim();
            (*l, rest)
        })
}

/// Label → value pairs of a detail page, in page order.
pub fn detail_fields(html: &str) -> HashMap<&'static str, String> {
    let tokens = chunks_with_empty(html);
    let mut out: HashMap<&'static str, String> = HashMap::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((label, inline)) = label_of(&tokens[i]) {
            // A label must be the whole token, or be followed by its colon.
            let whole = tokens[i].len() == label.len()
                || tokens[i][label.len()..].starts_with(['：', ':'])
                || label.ends_with('）');
            if whole {
                let value = if !inline.is_empty() {
                    inline.to_string()
                } else if let Some(next) = tokens.get(i + 1).filter(|n| label_of(n).is_none()) {
                    i += 1;
                    next.clone()
                } else {
                    String::new()
                };
                out.entry(label).or_insert(value);
            }
        }
        i += 1;
    }
    out
}

/// Parses a detail page into a record.
pub fn parse_detail_page(html: &str) -> Result<Record, PageError> {
    let f = detail_fields(html);
    let get = |k: &str| f.get(k).and_then(|v| non_empty(v));
    let des = get("标准号").ok_or(PageError::NoDesignation)?;
    let d = normbase_core::designation::parse(&des)
        .map_err(|e| PageError::BadDesignation(des.clone(), e.to_string()))?;
    let mut rec = Record::new(&d);
    rec.titles.zh = get("中文标准名称");
    rec.titles.en = get("英文标准名称");
    rec.stage = get("标准状态");
    rec.ccs = get("中国标准分类号（CCS）")
        .or_else(|| get("中国标准分类号"))
        .map(|v| split_codes(&v))
        .unwrap_or_default();
    rec.ics = get("国际标准分类号（ICS）")
        .or_else(|| get("国际标准分类号"))
        .map(|v| split_codes(&v))
        .unwrap_or_default();
    rec.published = get("发布日期").and_then(|v| PartialDate::parse(&v));
    rec.implemented = get("实施日期").and_then(|v| PartialDate::parse(&v));
    rec.withdrawn = get("废止日期").and_then(|v| PartialDate::parse(&v));
    rec.issuer = get("主管部门").or_else(|| get("发布单位"));
    rec.committee = get("归口部门").or_else(|| get("归口单位"));
    rec.drafters = get("起草单位").map(|v| split_list(&v)).unwrap_or_default();
    for t in get("代替标准").map(|v| split_refs(&v)).unwrap_or_default() {
        rec.relate(RelationKind::Replaces, &t);
    }
    for t in get("被代替标准")
        .map(|v| split_refs(&v))
        .unwrap_or_default()
    {
        rec.relate(RelationKind::ReplacedBy, &t);
    }
    if let Some(note) = get("备注") {
        for t in replaced_in_note(&note) {
            rec.relate(RelationKind::Replaces, &t);
        }
    }
    if let Some(a) = get("采用国际标准") {
        let degree = get("采用程度").and_then(|v| normbase_core::Degree::from_text(&v));
        rec.adoptions = crate::table::parse_adoptions(&a, degree);
    }
    rec.sources.push(SourceRef {
        format: "openstd".into(),
        id: hcno_of(html),
    });
    Ok(rec)
}

/// "2005-03-01实施,代替GB/T 5606.1-1996" → ["GB/T 5606.1-1996"] (not "被…代替").
fn replaced_in_note(note: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in note.match_indices("代替") {
        if note[..i].ends_with('被') {
            continue;
        }
        let tail = &note[i + "代替".len()..];
        let end = tail.find(['。', '；', ';']).unwrap_or(tail.len());
        out.extend(
            split_refs(&tail[..end])
                .into_iter()
                .filter(|t| t.chars().any(|c| c.is_ascii_digit())),
        );
    }
    out
}

/// The hcno a page refers to (from its buttons' data-value or a showInfo call).
fn hcno_of(html: &str) -> Option<String> {
    let from_data = html.find("data-value=\"").and_then(|i| {
        let rest = &html[i + 12..];
        rest.find('"').map(|j| rest[..j].to_string())
    });
    from_data
        .or_else(|| call_arg(html, "showInfo").map(str::to_string))
        .filter(|s| !s.is_empty())
}

/// Parses the hits of a search result list page.
pub fn parse_search_page(html: &str) -> Vec<SearchHit> {
    // The list table (the class name also occurs in the page's CSS).
    let start = html
        .match_indices("result_list")
        .map(|(i, _)| i)
        .find(|&i| {
            html[..i]
                .rfind('<')
                .is_some_and(|t| html[t..].starts_with("<table") && !html[t..i].contains('>'))
        });
    let Some(start) = start else {
        return Vec::new();
    };
    let body = &html[start..];
    let body = &body[..body.find("</table").unwrap_or(body.len())];
    let mut columns: Vec<String> = Vec::new();
    let mut hits = Vec::new();
    for tr in body.split("<tr").skip(1) {
        if tr.contains("<th") {
            columns = tr
                .split("<th")
                .skip(1)
                .map(|c| text_chunks(&format!("<th{c}")).join(" "))
                .collect();
            continue;
        }
        let cells: Vec<String> = tr
            .split("<td")
            .skip(1)
            .map(|c| text_chunks(&format!("<td{c}")).join(" "))
            .collect();
        let col = |name: &str| {
            columns
                .iter()
                .position(|c| c == name)
                .and_then(|i| cells.get(i))
                .and_then(|v| non_empty(v))
        };
        let Some(designation) = col("标准号") else {
            continue;
        };
        hits.push(SearchHit {
            hcno: call_arg(tr, "showInfo").map(str::to_string),
            designation,
            title_zh: col("标准名称"),
            status: col("状态"),
            published: col("发布日期"),
            implemented: col("实施日期"),
            adopted: col("是否采标"),
        });
    }
    hits
}

/// A search hit as a (thin) record.
pub fn hit_record(hit: &SearchHit) -> Result<Record, PageError> {
    let d = normbase_core::designation::parse(&hit.designation)
        .map_err(|e| PageError::BadDesignation(hit.designation.clone(), e.to_string()))?;
    let mut rec = Record::new(&d);
    rec.titles.zh = hit.title_zh.clone();
    rec.stage = hit.status.clone();
    rec.published = hit.published.as_deref().and_then(PartialDate::parse);
    rec.implemented = hit.implemented.as_deref().and_then(PartialDate::parse);
    rec.sources.push(SourceRef {
        format: "openstd".into(),
        id: hit.hcno.clone(),
    });
    Ok(rec)
}

/// One recorded HTTP response.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The request URI.
    pub uri: String,
    /// HTTP status code.
    pub status: u16,
    /// The body, decoded (base64, gzip, charset) to text.
    pub body: String,
}

#[derive(Deserialize)]
struct Cassette {
    #[serde(default)]
    http_interactions: Vec<Interaction>,
}
#[derive(Deserialize)]
struct Interaction {
    request: Request,
    response: Response,
}
#[derive(Deserialize)]
struct Request {
    #[serde(default)]
    uri: String,
}
#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    status: Status,
    #[serde(default)]
    body: Body,
}
#[derive(Deserialize, Default)]
struct Status {
    #[serde(default)]
    code: u16,
}
#[derive(Deserialize, Default)]
struct Body {
    #[serde(default)]
    string: Option<String>,
    #[serde(default)]
    base64_string: Option<String>,
}

/// Cap on a decompressed body (guards against gzip bombs).
const MAX_BODY: u64 = 64 << 20;

/// Reads a VCR cassette (YAML) into its responses.
pub fn read_cassette(path: &Path) -> Result<Vec<Recorded>, IoError> {
    let bytes = std::fs::read(path).map_err(|e| IoError::io(path, e))?;
    let c: Cassette = serde_norway::from_slice(&bytes)
        .map_err(|e| IoError::invalid(path, format!("not a VCR cassette: {e}")))?;
    let mut out = Vec::new();
    for (i, it) in c.http_interactions.into_iter().enumerate() {
        let raw = match (it.response.body.base64_string, it.response.body.string) {
            (Some(b64), _) if !b64.trim().is_empty() => {
                let clean: String = b64.chars().filter(|c| !c.is_whitespace()).collect();
                base64::engine::general_purpose::STANDARD
                    .decode(clean)
                    .map_err(|e| {
                        IoError::invalid(
                            path,
                            format!("interaction {}: bad base64 body: {e}", i + 1),
                        )
                    })?
            }
            (_, Some(s)) => s.into_bytes(),
            _ => Vec::new(),
        };
        let raw = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..])
                .take(MAX_BODY)
                .read_to_end(&mut out)
                .map_err(|e| {
                    IoError::invalid(path, format!("interaction {}: bad gzip body: {e}", i + 1))
                })?;
            out
        } else {
            raw
        };
        out.push(Recorded {
            uri: it.request.uri,
            status: it.response.status.code,
            body: input::decode_text(&raw),
        });
    }
    Ok(out)
}

/// Rows of a cassette (or of a saved HTML detail page).
pub fn read(path: &Path, _opts: &ReadOptions) -> Result<Rows, IoError> {
    let file = file_name(path);
    let head = {
        let mut f = std::fs::File::open(path).map_err(|e| IoError::io(path, e))?;
        let mut buf = vec![0u8; 512];
        let n = f.read(&mut buf).map_err(|e| IoError::io(path, e))?;
        buf.truncate(n);
        String::from_utf8_lossy(&buf).to_ascii_lowercase()
    };
    if head.contains("<html") || head.contains("<!doctype") {
        let bytes = std::fs::read(path).map_err(|e| IoError::io(path, e))?;
        let row = match parse_detail_page(&input::decode_text(&bytes)) {
            Ok(rec) => ImportRow {
                file: file.clone(),
                row: 1,
                result: Ok(rec),
            },
            Err(e) => reject(&file, 1, Some("标准号"), e.to_string()),
        };
        return Ok(Box::new(std::iter::once(row)));
    }
    let responses = read_cassette(path)?;
    let mut rows = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut hits: Vec<(u64, SearchHit)> = Vec::new();
    for (i, r) in responses.iter().enumerate() {
        let row = i as u64 + 1;
        if r.status != 200 {
            continue;
        }
        if r.uri.contains("newGbInfo") || r.body.contains("中文标准名称") {
            let rec = parse_detail_page(&r.body);
            let id = rec
                .as_ref()
                .ok()
                .and_then(|x| x.sources.first())
                .and_then(|s| s.id.clone());
            if let Some(id) = &id
                && !seen.insert(id.clone())
            {
                continue;
            }
            rows.push(match rec {
                Ok(rec) => ImportRow {
                    file: file.clone(),
                    row,
                    result: Ok(rec),
                },
                Err(e) => reject(&file, row, Some("标准号"), format!("{}: {e}", r.uri)),
            });
        } else {
            hits.extend(parse_search_page(&r.body).into_iter().map(|h| (row, h)));
        }
    }
    for (row, hit) in hits {
        if hit.hcno.as_ref().is_some_and(|h| !seen.insert(h.clone())) {
            continue;
        }
        rows.push(match hit_record(&hit) {
            Ok(rec) => ImportRow {
                file: file.clone(),
                row,
                result: Ok(rec),
            },
            Err(e) => reject(&file, row, Some("标准号"), e.to_string()),
        });
    }
    Ok(Box::new(rows.into_iter()))
}
