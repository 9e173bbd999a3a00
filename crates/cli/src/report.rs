//! Check reports: terminal table, JSON, CSV and XLSX.

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use normbase_core::check::CheckResult;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};
use std::io::Write;
use std::path::Path;

const HEADERS: [&str; 10] = [
    "input",
    "canonical",
    "match",
    "status",
    "title",
    "published",
    "implemented",
    "current_edition",
    "candidates",
    "note",
];
const HEADERS_ZH: [&str; 10] = [
    "引用",
    "规范写法",
    "匹配版本",
    "状态",
    "标准名称",
    "发布日期",
    "实施日期",
    "现行版本",
    "候选",
    "说明",
];

fn status_zh(s: &str) -> &'static str {
    match s {
        "current" => "现行",
        "upcoming" => "即将实施",
        "replaced" => "被代替",
        "withdrawn" => "废止",
        "draft" => "制定中",
        "unknown" => "未收录",
        "ambiguous" => "不明确",
        _ => "无法识别",
    }
}

fn row(r: &CheckResult) -> [String; 10] {
    [
        r.input.clone(),
        r.canonical.clone().unwrap_or_default(),
        r.matched.clone().unwrap_or_default(),
        r.status.clone(),
        r.title.clone().unwrap_or_default(),
        r.published.clone().unwrap_or_default(),
        r.implemented.clone().unwrap_or_default(),
        r.current_edition.join("; "),
        r.candidates.join("; "),
        r.note.clone(),
    ]
}

/// Neutralises spreadsheet formula injection: a cell starting with = + - @ is prefixed with '.
pub fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Prints the results as a JSON array, one object per line.
pub fn print_json(results: &[CheckResult]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    out.write_all(b"[")?;
    for (i, r) in results.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, r)?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()?;
    Ok(())
}

/// Writes the results as CSV with English headers.
pub fn write_csv<W: Write>(w: W, results: &[CheckResult]) -> Result<()> {
    let mut wr = csv::Writer::from_writer(w);
    wr.write_record(HEADERS)?;
    for r in results {
        wr.write_record(row(r).iter().map(|c| safe_cell(c)))?;
    }
    wr.flush()?;
    Ok(())
}

/// Prints a terminal table and a one-line summary.
pub fn print_table(results: &[CheckResult]) {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "#",
            "reference",
            "status",
            "matched",
            "current edition",
            "title / note",
        ]);
    for (i, r) in results.iter().enumerate() {
        let title = match (&r.title, r.note.is_empty()) {
            (Some(t), true) => t.clone(),
            (Some(t), false) => format!("{t}\n({})", r.note),
            (None, _) => r.note.clone(),
        };
        t.add_row([
            (i + 1).to_string(),
            r.input.clone(),
            format!("{} {}", r.status, status_zh(&r.status)),
            r.matched.clone().unwrap_or_default(),
            r.current_edition.join("\n"),
            title,
        ]);
    }
    println!("{t}");
    println!("{}", summary_line(results));
}

fn summary_line(results: &[CheckResult]) -> String {
    let count = |s: &str| results.iter().filter(|r| r.status == s).count();
    format!(
        "{} references: {} current, {} upcoming, {} replaced, {} withdrawn, {} draft, {} unknown, {} ambiguous, {} invalid",
        results.len(),
        count("current"),
        count("upcoming"),
        count("replaced"),
        count("withdrawn"),
        count("draft"),
        count("unknown"),
        count("ambiguous"),
        count("invalid"),
    )
}

/// Writes an XLSX report an office can hand to an enterprise.
pub fn write_xlsx(path: &Path, results: &[CheckResult], today: chrono::NaiveDate) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("查新报告")?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let colour = |s: &str| match s {
        "current" | "upcoming" => Color::RGB(0xE2EFDA),
        "replaced" | "withdrawn" => Color::RGB(0xFCE4D6),
        _ => Color::RGB(0xFFF2CC),
    };
    ws.write_string_with_format(
        0,
        0,
        "标准有效性查新报告 Standards validity check report",
        &title,
    )?;
    ws.write_string(
        1,
        0,
        format!("查新日期 Date: {today}    {}", summary_line(results)),
    )?;
    ws.write_string_with_format(3, 0, "序号 No.", &head)?;
    for (i, (zh, en)) in HEADERS_ZH.iter().zip(HEADERS).enumerate() {
        ws.write_string_with_format(3, (i + 1) as u16, format!("{zh} {en}"), &head)?;
    }
    for (i, r) in results.iter().enumerate() {
        let y = (i + 4) as u32;
        ws.write_number_with_format(y, 0, (i + 1) as f64, &cell)?;
        for (x, v) in row(r).iter().enumerate() {
            let v = if x == 3 {
                format!("{} {}", status_zh(v), v)
            } else {
                safe_cell(v)
            };
            let fmt = if x == 3 {
                cell.clone().set_background_color(colour(&r.status))
            } else {
                cell.clone()
            };
            ws.write_string_with_format(y, (x + 1) as u16, &v, &fmt)?;
        }
    }
    for (x, w) in [
        6.0, 24.0, 22.0, 22.0, 12.0, 40.0, 12.0, 12.0, 24.0, 24.0, 40.0,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(x as u16, *w)?;
    }
    ws.set_freeze_panes(4, 0)?;
    ws.autofilter(3, 0, 3 + results.len() as u32, 10)?;
    wb.save(path)?;
    Ok(())
}
