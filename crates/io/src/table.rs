//! CSV/TSV and XLSX tables with the national platform's field set.
//!
//! Headers may be Chinese (标准号, 中文标准名称, 英文标准名称, 标准状态, 发布日期,
//! 实施日期, 废止日期, 代替标准, 被代替标准, 采用国际标准, 采用程度, 中国标准分类号,
//! 国际标准分类号, 主管部门, 归口单位, 起草单位) or English (designation, title_zh,
//! title_en, status, published, implemented, withdrawn, replaces, replaced_by,
//! adopted, degree, ccs, ics, issuer, committee, drafters, scope); other headers
//! are mapped with [`ReadOptions::map`] or ignored.
//!
//! CSV: the delimiter (comma, tab, semicolon) is detected from the header line;
//! the encoding from the BOM, else UTF-8, else a guess (GBK/GB18030). The file
//! is decoded in memory (platform exports are at most tens of MB).
//!
//! Row rules (documented decisions):
//! - an empty row is skipped silently;
//! - an empty or unparseable designation rejects the row (field = the header
//!   as written, reason = the parser's error);
//! - a non-empty date that does not parse rejects the row (field = header,
//!   reason "not a date: …"): dropping it silently would hide a bad source;
//! - status words go to `stage` as given (现行, 即将实施, 废止, 被代替 …);
//! - replaces / replaced_by / drafters split on ; ； 、 , ， 和 及 and newlines;
//!   ICS and CCS also on whitespace;
//! - 采用国际标准 may carry the degree ("ISO 9001:2015 IDT", "ISO 9001:2015,IDT");
//!   the 采用程度 column gives it otherwise.

use crate::input::{self, non_empty, split_codes, split_list, split_refs};
use crate::{ImportRow, IoError, ReadOptions, Rows, file_name, reject};
use calamine::{Data, Reader};
use normbase_core::record::{Adoption, Degree, SourceRef};
use normbase_core::{PartialDate, Record, RelationKind};
use std::path::Path;

/// A target field of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// 标准号.
    Designation,
    /// 中文标准名称.
    TitleZh,
    /// 英文标准名称.
    TitleEn,
    /// 标准状态.
    Status,
    /// 发布日期.
    Published,
    /// 实施日期.
    Implemented,
    /// 废止日期.
    Withdrawn,
    /// 代替标准.
    Replaces,
    /// 被代替标准.
    ReplacedBy,
    /// 采用国际标准.
    Adopted,
    /// 采用程度.
    Degree,
    /// 中国标准分类号.
    Ccs,
    /// 国际标准分类号.
    Ics,
    /// 主管部门.
    Issuer,
    /// 归口单位.
    Committee,
    /// 起草单位.
    Drafters,
    /// 适用范围.
    Scope,
    /// A column to ignore.
    Ignore,
}

impl Field {
    /// The field for a header (Chinese or English, case and spacing ignored).
    pub fn from_header(h: &str) -> Option<Field> {
        let k: String = h
            .trim()
            .trim_start_matches('\u{feff}')
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let k = k.replace(['-', ' '], "_");
        Some(match k.as_str() {
            "designation" | "标准号" | "标准编号" | "标准代号" | "standard_no" | "standard"
            | "number" => Field::Designation,
            "title_zh" | "中文标准名称" | "标准名称" | "中文名称" | "名称" => {
                Field::TitleZh
            }
            "title_en" | "英文标准名称" | "英文名称" => Field::TitleEn,
            "status" | "标准状态" | "状态" => Field::Status,
            "published" | "发布日期" | "发布时间" => Field::Published,
            "implemented" | "实施日期" | "实施时间" => Field::Implemented,
            "withdrawn" | "废止日期" | "作废日期" => Field::Withdrawn,
            "replaces" | "代替标准" | "代替" | "替代标准" => Field::Replaces,
            "replaced_by" | "被代替标准" | "被代替" | "被替代标准" => {
                Field::ReplacedBy
            }
            "adopted" | "采用国际标准" | "采标" | "采用标准" => Field::Adopted,
            "degree" | "采用程度" | "采标程度" => Field::Degree,
            "ccs" | "中国标准分类号" | "中标分类" | "中国标准分类号（ccs）" => {
                Field::Ccs
            }
            "ics" | "国际标准分类号" | "ics分类" | "国际标准分类号（ics）" => {
                Field::Ics
            }
            "issuer" | "主管部门" => Field::Issuer,
            "committee" | "归口单位" | "归口部门" | "技术归口" => Field::Committee,
            "drafters" | "起草单位" => Field::Drafters,
            "scope" | "适用范围" | "范围" => Field::Scope,
            "ignore" | "source" => Field::Ignore,
            _ => return None,
        })
    }
}

/// A decoded table: header and rows of text cells.
pub struct Table {
    /// Header cells.
    pub header: Vec<String>,
    /// Data rows (without the header), with their 1-based row numbers.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// The delimiter that occurs most often in the first line (outside quotes).
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b'\t', 0), (b';', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|c| c.1)
        .filter(|c| c.1 > 0)
        .map_or(b',', |c| c.0)
}

/// Reads a CSV/TSV file into a [`Table`].
pub fn read_csv_table(path: &Path) -> Result<Table, IoError> {
    let bytes = input::read_all(path, None)?;
    csv_table(path, &bytes)
}

fn csv_table(path: &Path, bytes: &[u8]) -> Result<Table, IoError> {
    let text = input::decode_text(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .quoting(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec
            .map_err(|e| IoError::invalid(path, format!("malformed CSV at row {}: {e}", i + 1)))?;
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        match header {
            None => header = Some(cells),
            Some(_) => rows.push((i as u64 + 1, cells)),
        }
    }
    Ok(Table {
        header: header.ok_or_else(|| IoError::invalid(path, "empty file: no header row"))?,
        rows,
    })
}

/// Reads the first sheet (or `sheet`) of an XLSX/XLS/ODS workbook into a [`Table`].
pub fn read_xlsx_table(path: &Path, sheet: Option<&str>) -> Result<Table, IoError> {
    let mut wb = calamine::open_workbook_auto(path)
        .map_err(|e| IoError::invalid(path, format!("not a workbook: {e}")))?;
    let name = match sheet {
        Some(s) => s.to_string(),
        None => wb
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| IoError::invalid(path, "workbook has no sheets"))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| IoError::invalid(path, format!("sheet {name:?}: {e}")))?;
    let start = range.start().map_or(0, |(r, _)| r as u64);
    let mut it = range.rows().enumerate();
    let mut header = None;
    let mut rows = Vec::new();
    for (i, row) in &mut it {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if header.is_none() {
            if cells.iter().all(String::is_empty) {
                continue;
            }
            header = Some(cells);
        } else {
            rows.push((start + i as u64 + 1, cells));
        }
    }
    Ok(Table {
        header: header.ok_or_else(|| IoError::invalid(path, format!("sheet {name:?} is empty")))?,
        rows,
    })
}

/// The text of one cell: integers without ".0", dates as YYYY-MM-DD.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
    }
}

/// Streams the records of a CSV/TSV file.
pub fn read_csv(path: &Path, opts: &ReadOptions) -> Result<Rows, IoError> {
    let bytes = input::read_all(path, opts.progress.clone())?;
    let table = csv_table(path, &bytes)?;
    rows_of(path, table, opts, "csv")
}

/// Streams the records of an XLSX workbook.
pub fn read_xlsx(path: &Path, opts: &ReadOptions) -> Result<Rows, IoError> {
    let table = read_xlsx_table(path, opts.sheet.as_deref())?;
    rows_of(path, table, opts, "xlsx")
}

fn rows_of(
    path: &Path,
    table: Table,
    opts: &ReadOptions,
    format: &'static str,
) -> Result<Rows, IoError> {
    let file = file_name(path);
    let mut fields: Vec<Option<Field>> =
        table.header.iter().map(|h| Field::from_header(h)).collect();
    for (col, field) in &opts.map {
        let f = Field::from_header(field).ok_or_else(|| {
            IoError::invalid(
                path,
                format!("--map {col}={field}: unknown field {field:?}"),
            )
        })?;
        let i = table
            .header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(col.trim()))
            .ok_or_else(|| {
                IoError::invalid(path, format!("--map {col}={field}: no column {col:?}"))
            })?;
        fields[i] = Some(f);
    }
    if !fields.contains(&Some(Field::Designation)) {
        return Err(IoError::invalid(
            path,
            format!(
                "no designation column (标准号/designation) in header {:?}; use --map",
                table.header
            ),
        ));
    }
    let header = table.header;
    let rows = table
        .rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(
            move |(row, cells)| match row_record(&header, &fields, &cells, format) {
                Ok(rec) => ImportRow {
                    file: file.clone(),
                    row,
                    result: Ok(rec),
                },
                Err((field, reason)) => reject(&file, row, Some(&field), reason),
            },
        );
    Ok(Box::new(rows))
}

/// Builds the record of one row; `Err((header, reason))` rejects it.
fn row_record(
    header: &[String],
    fields: &[Option<Field>],
    cells: &[String],
    format: &str,
) -> Result<Record, (String, String)> {
    let get = |f: Field| -> Option<(usize, &str)> {
        fields
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == Some(f))
            .find_map(|(i, _)| {
                cells
                    .get(i)
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .map(|c| (i, c))
            })
    };
    let col = |i: usize| {
        header.get(i).map_or_else(String::new, |h| {
            h.trim().trim_start_matches('\u{feff}').to_string()
        })
    };
    let des_col = fields
        .iter()
        .position(|x| *x == Some(Field::Designation))
        .unwrap_or(0);
    let (_, des) =
        get(Field::Designation).ok_or_else(|| (col(des_col), "empty designation".to_string()))?;
    let d = normbase_core::designation::parse(des).map_err(|e| (col(des_col), e.to_string()))?;
    let mut rec = Record::new(&d);
    let text = |f: Field| get(f).map(|(_, v)| v.to_string());
    rec.titles.zh = text(Field::TitleZh);
    rec.titles.en = text(Field::TitleEn);
    rec.stage = text(Field::Status);
    rec.issuer = text(Field::Issuer);
    rec.committee = text(Field::Committee);
    rec.scope = text(Field::Scope);
    let date = |f: Field| -> Result<Option<PartialDate>, (String, String)> {
        match get(f) {
            None => Ok(None),
            Some((i, v)) => PartialDate::parse(v)
                .map(Some)
                .ok_or_else(|| (col(i), format!("not a date: {v:?}"))),
        }
    };
    rec.published = date(Field::Published)?;
    rec.implemented = date(Field::Implemented)?;
    rec.withdrawn = date(Field::Withdrawn)?;
    if let Some((_, v)) = get(Field::Ics) {
        rec.ics = split_codes(v);
    }
    if let Some((_, v)) = get(Field::Ccs) {
        rec.ccs = split_codes(v);
    }
    if let Some((_, v)) = get(Field::Drafters) {
        rec.drafters = split_list(v);
    }
    if let Some((_, v)) = get(Field::Replaces) {
        for t in split_refs(v) {
            rec.relate(RelationKind::Replaces, &t);
        }
    }
    if let Some((_, v)) = get(Field::ReplacedBy) {
        for t in split_refs(v) {
            rec.relate(RelationKind::ReplacedBy, &t);
        }
    }
    let degree = get(Field::Degree).and_then(|(_, v)| Degree::from_text(v));
    if let Some((_, v)) = get(Field::Adopted) {
        rec.adoptions = parse_adoptions(v, degree);
    }
    rec.sources.push(SourceRef {
        format: format.into(),
        id: None,
    });
    Ok(rec)
}

/// Parses an adoption cell: "ISO 9001:2015 IDT", "ISO 9001:2015,IDT",
/// "ISO 1:2002(MOD)；IEC 2:2010，NEQ". `default` is the 采用程度 column.
pub fn parse_adoptions(cell: &str, default: Option<Degree>) -> Vec<Adoption> {
    let mut out: Vec<Adoption> = Vec::new();
    for item in cell.split([';', '；', '、', '\n']) {
        for piece in item.split([',', '，']) {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if let Some(deg) = Degree::from_text(piece.trim_matches(['(', ')', '（', '）'])) {
                if let Some(last) = out.last_mut() {
                    last.degree = Some(deg);
                }
                continue;
            }
            let (des, deg) = split_trailing_degree(piece);
            let designation = match normbase_core::designation::parse(des) {
                Ok(d) => d.canonical(),
                Err(_) => des.to_string(),
            };
            out.push(Adoption {
                designation,
                degree: deg.or(default),
            });
        }
    }
    out
}

/// "ISO 9001:2015 IDT" → ("ISO 9001:2015", Some(Idt)); also "(IDT)", "（MOD）".
fn split_trailing_degree(s: &str) -> (&str, Option<Degree>) {
    let t = s.trim_end_matches([')', '）']).trim_end();
    let cut = t.rfind([' ', '(', '（']).map(|i| (i, &t[i..]));
    if let Some((i, word)) = cut {
        let w = word.trim_start_matches([' ', '(', '（']);
        if let Some(d) = Degree::from_text(w) {
            return (s[..i].trim(), Some(d));
        }
    }
    (s.trim(), None)
}

/// Reads one column of a CSV/TSV or XLSX/XLS/ODS file (for `normbase check
/// --column`): by header name (case-insensitive), else 1-based index ("3"),
/// else spreadsheet letter ("C"). Returns the non-empty cells below the header.
pub fn read_column(path: &Path, column: &str) -> Result<Vec<String>, IoError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let table = if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        read_xlsx_table(path, None)?
    } else {
        read_csv_table(path)?
    };
    let want = column.trim();
    let idx = table
        .header
        .iter()
        .position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(want)
        })
        .or_else(|| {
            want.parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(|n| n - 1)
        })
        .or_else(|| letter_index(want))
        .ok_or_else(|| {
            IoError::invalid(
                path,
                format!("no column {want:?} in header {:?}", table.header),
            )
        })?;
    if idx >= table.header.len() && table.rows.iter().all(|(_, r)| idx >= r.len()) {
        return Err(IoError::invalid(
            path,
            format!(
                "column {want:?} is beyond the last column ({})",
                table.header.len()
            ),
        ));
    }
    Ok(table
        .rows
        .iter()
        .filter_map(|(_, r)| r.get(idx).and_then(|c| non_empty(c)))
        .collect())
}

/// "A" → 0, "Z" → 25, "AA" → 26.
fn letter_index(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let n = s
        .to_ascii_uppercase()
        .bytes()
        .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize);
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adoptions_with_degrees() {
        let a = parse_adoptions("ISO 9001:2015 IDT", None);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].degree, Some(Degree::Idt));
        let a = parse_adoptions("ISO 9001:2015,IDT；IEC 60335-1:2010（MOD）", None);
        assert_eq!(a.len(), 2);
        assert_eq!(
            (a[0].degree, a[1].degree),
            (Some(Degree::Idt), Some(Degree::Mod))
        );
        let a = parse_adoptions("ISO 1:2002", Some(Degree::Neq));
        assert_eq!(a[0].degree, Some(Degree::Neq));
    }

    #[test]
    fn delimiters_and_letters() {
        assert_eq!(detect_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(detect_delimiter("a;b;\"c,d\"\n"), b';');
        assert_eq!(letter_index("C"), Some(2));
        assert_eq!(letter_index("AA"), Some(26));
        assert_eq!(Field::from_header("标准号"), Some(Field::Designation));
        assert_eq!(Field::from_header(" Title_EN "), Some(Field::TitleEn));
    }
}
