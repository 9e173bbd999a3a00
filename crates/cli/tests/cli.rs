//! End-to-end tests of the `normbase` binary on the demo catalogue and the real data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Env, shared_data};
use serde_json::Value;

#[test]
fn parse_prints_one_json_object_per_line() {
    let env = Env::sqlite();
    let out = env.run_ok(&[
        "parse",
        "ＧＢ／Ｔ 19001－2016",
        "iso 9001:2015",
        "not a standard",
    ]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["canonical"], "GB/T 19001—2016");
    assert_eq!(lines[0]["kind"], "national");
    assert_eq!(lines[0]["year"], 2016);
    assert_eq!(lines[1]["canonical"], "ISO 9001:2015");
    assert_eq!(lines[1]["kind"], "international");
    assert_eq!(lines[2]["ok"], false);
    assert!(lines[2]["error"].as_str().unwrap().len() > 5);
    for l in &lines {
        for field in [
            "input",
            "ok",
            "canonical",
            "kind",
            "body",
            "number",
            "part",
            "year",
            "amendments",
            "adoption",
            "error",
        ] {
            assert!(l.get(field).is_some(), "missing {field} in {l}");
        }
    }
}

#[test]
fn demo_then_check_show_stats() {
    let env = Env::sqlite();
    common::demo_flow(&env);
}

#[test]
fn demo_then_check_on_postgres() {
    let Some(env) = Env::postgres() else { return };
    common::demo_flow(&env);
}

#[test]
fn check_reads_xlsx_column_and_writes_xlsx_report() {
    let env = Env::sqlite();
    env.run_ok(&["demo", "--json"]);
    let input = env.dir.path().join("list.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "序号").unwrap();
    ws.write_string(0, 1, "标准号").unwrap();
    for (i, d) in ["GB/T 19001-2008", "=cmd|' /C calc'!A0", "ISO 14001:2004"]
        .iter()
        .enumerate()
    {
        ws.write_number(i as u32 + 1, 0, (i + 1) as f64).unwrap();
        ws.write_string(i as u32 + 1, 1, *d).unwrap();
    }
    wb.save(&input).unwrap();
    let report = env.dir.path().join("report.xlsx");
    let out = env.run_ok(&[
        "check",
        "--json",
        "--column",
        "标准号",
        input.to_str().unwrap(),
        "--xlsx",
        report.to_str().unwrap(),
    ]);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["status"], "replaced");
    assert_eq!(v[1]["status"], "invalid");
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(&report).unwrap();
    let sheet = wb.worksheet_range("查新报告").unwrap();
    let cells: Vec<String> = sheet
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(cells.iter().any(|c| c == "GB/T 19001-2008"));
    assert!(cells.iter().any(|c| c.contains("被代替")));
    assert!(
        !cells.iter().any(|c| c.starts_with('=')),
        "formula-like input is neutralised or kept as text"
    );
}

#[test]
fn import_of_messy_chinese_list_reports_rejections_and_is_idempotent() {
    let Some(data) = shared_data() else { return };
    let env = Env::sqlite();
    let file = data.join("cn-standards/standards.tsv");
    let first: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "csv",
        "--json",
        file.to_str().unwrap(),
    ]))
    .unwrap();
    let read = first["read"].as_u64().unwrap();
    let inserted = first["inserted"].as_u64().unwrap();
    let rejected = first["rejected"].as_u64().unwrap();
    assert_eq!(read, 4048, "{first}");
    assert!(inserted > 3500, "{first}");
    assert_eq!(
        first["rejections"].as_array().unwrap().len() as u64,
        rejected
    );
    for r in first["rejections"].as_array().unwrap() {
        assert!(
            r["row"].as_u64().unwrap() >= 2 && !r["reason"].as_str().unwrap().is_empty(),
            "{r}"
        );
    }
    let second: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "csv",
        "--json",
        file.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(second["inserted"], 0, "{second}");
    assert_eq!(second["updated"], 0, "{second}");
    let stats: Value = serde_json::from_str(&env.run_ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["records"].as_u64().unwrap(), inserted);
    let out = env.run_stdin_ok(&["check", "--json", "-"], "GB 55037-2022\nJGJ 100-2015\n");
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["match"], "GB 55037—2022", "{}", v[0]);
    assert_eq!(v[0]["title"], "建筑防火通用规范", "{}", v[0]);
    assert_eq!(v[1]["ok"], true, "{}", v[1]);
}

#[test]
fn real_iec_and_jis_catalogues_import_and_check() {
    let Some(data) = shared_data() else { return };
    let env = Env::sqlite();
    let iec = data.join("catalog/relaton-iec.jsonl.gz");
    let jis = data.join("catalog/relaton-jis.jsonl.gz");
    let s: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "relaton",
        "--json",
        iec.to_str().unwrap(),
        jis.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(s["read"], 32524 + 21327);
    let rejected: Vec<&str> = s["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert!(
        rejected.is_empty(),
        "{} rejected, e.g. {:?}",
        rejected.len(),
        &rejected[..rejected.len().min(5)]
    );
    let refs = "IEC 60335-1:2001\nIEC 60335-1\nJIS A 0001:1999\nIEC 99999-9:2001\n";
    let out = env.run_stdin_ok(&["check", "--json", "-"], refs);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["status"], "replaced", "{}", v[0]);
    let current = v[0]["current_edition"].as_array().unwrap();
    assert!(!current.is_empty(), "{}", v[0]);
    assert!(
        current[0].as_str().unwrap().starts_with("IEC 60335-1:"),
        "{}",
        v[0]
    );
    assert_eq!(v[1]["status"], "current", "{}", v[1]);
    assert_eq!(
        v[1]["match"], current[0],
        "undated resolves to the edition the chain leads to"
    );
    assert_eq!(v[2]["ok"], true, "{}", v[2]);
    assert_eq!(v[3]["status"], "unknown", "{}", v[3]);
}
