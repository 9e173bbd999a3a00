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
    let again: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "relaton",
        "--json",
        iec.to_str().unwrap(),
        jis.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(
        (again["inserted"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "re-import changes nothing"
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

#[test]
fn extract_finds_designations_in_a_text_clause() {
    let env = Env::sqlite();
    let file = env.dir.path().join("clause.txt");
    let text = "2 规范性引用文件\n下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\nGB/T 1.1—2020 标准化工作导则 第1部分：标准化文件的结构和起草规则\nGB 4706.1-2005 家用和类似用途电器的安全\nISO 14001:2004 Environmental management systems\n温度为 25 ℃，见表 2。\n";
    std::fs::write(&file, text).unwrap();
    let out = env.run_ok(&["extract", file.to_str().unwrap()]);
    let hits: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let canon: Vec<&str> = hits
        .iter()
        .map(|h| h["canonical"].as_str().unwrap())
        .collect();
    assert_eq!(
        canon,
        vec!["GB/T 1.1—2020", "GB 4706.1—2005", "ISO 14001:2004"]
    );
    for h in &hits {
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[s..e],
            h["text"].as_str().unwrap(),
            "offsets point into the file"
        );
    }
    assert_eq!(hits[0]["line"], 3);
}

#[test]
fn check_extract_reads_a_docx() {
    let env = Env::sqlite();
    env.run_ok(&["demo", "--json"]);
    let file = env.dir.path().join("spec.docx");
    let body =
        "<w:p><w:r><w:t>产品应符合 GB 4706.1-2005 和 GB/T 19001-2008 的要求。</w:t></w:r></w:p>";
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&file).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    std::io::Write::write_all(&mut zip, b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    let v: Vec<Value> = serde_json::from_str(&env.run_ok(&[
        "check",
        "--json",
        "--extract",
        file.to_str().unwrap(),
    ]))
    .unwrap();
    let got: Vec<(&str, &str)> = v
        .iter()
        .map(|r| (r["input"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("GB 4706.1-2005", "replaced"),
            ("GB/T 19001-2008", "replaced")
        ]
    );
    assert_eq!(v[0]["current_edition"][0], "GB 4706.1—2024");
}

#[test]
fn corrupt_file_fails_cleanly_and_keeps_stored_data() {
    let env = Env::sqlite();
    env.run_ok(&["demo", "--json"]);
    let before: Value = serde_json::from_str(&env.run_ok(&["stats", "--json"])).unwrap();
    let bad = env.dir.path().join("broken.jsonl.gz");
    // A gzip header followed by garbage: the stream breaks mid-file.
    std::fs::write(&bad, [0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap();
    let out = env
        .command(&[
            "import",
            "--format",
            "relaton",
            "--json",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() || stdout.contains("\"rejected\": 1"),
        "a corrupt file is an error or a reported rejection: {stdout} {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let missing = env
        .command(&["import", "--format", "csv", "/nonexistent/list.csv"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    let msg = String::from_utf8_lossy(&missing.stderr);
    assert!(
        msg.contains("/nonexistent/list.csv") && msg.lines().count() == 1,
        "one line naming the file: {msg}"
    );
    let bad_format = env
        .command(&["import", "--format", "nope", "x"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&bad_format.stderr).contains("unknown --format"));
    let after: Value = serde_json::from_str(&env.run_ok(&["stats", "--json"])).unwrap();
    assert_eq!(before["records"], after["records"]);
}

#[test]
fn csv_with_english_headers_map_and_bad_rows() {
    let env = Env::sqlite();
    let file = env.dir.path().join("list.csv");
    std::fs::write(
        &file,
        "Std No,name,status,published,implemented,replaces\nGB/T 24001-2016,环境管理体系 要求及使用指南,现行,2016-10-13,2017-05-01,GB/T 24001-2004\nGB/T 24001-2004,环境管理体系 要求及使用指南,被代替,2004-11-03,2005-05-15,\nnot a designation,x,现行,,,\nGB/T 1-2000,x,现行,2000-13-45,,\n",
    )
    .unwrap();
    let s: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "csv",
        "--json",
        "--map",
        "Std No=designation",
        "--map",
        "name=title_zh",
        file.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(
        (
            s["read"].as_u64(),
            s["inserted"].as_u64(),
            s["rejected"].as_u64()
        ),
        (Some(4), Some(2), Some(2)),
        "{s}"
    );
    let rows: Vec<u64> = s["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, vec![4, 5], "{s}");
    assert!(s["rejections"][1]["field"].as_str().is_some(), "{s}");
    let v: Vec<Value> =
        serde_json::from_str(&env.run_stdin_ok(&["check", "--json", "-"], "GB/T 24001-2004\n"))
            .unwrap();
    assert_eq!(v[0]["current_edition"][0], "GB/T 24001—2016");
    assert_eq!(v[0]["title"], "环境管理体系 要求及使用指南");
}

#[test]
fn code_lists_iso_open_data_and_openstd_import() {
    let Some(data) = shared_data() else { return };
    let env = Env::sqlite();
    let codes: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "codes",
        "--json",
        data.join("codes").to_str().unwrap(),
    ]))
    .unwrap();
    assert!(codes["codes"].as_u64().unwrap() > 20_000, "{codes}");
    let iso = data.join("catalog/iso-open-data-sample/88821-88915.jsonl");
    let s: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "iso-open-data",
        "--json",
        iso.to_str().unwrap(),
    ]))
    .unwrap();
    assert!(
        s["inserted"].as_u64().unwrap() >= 1 && s["rejected"] == 0,
        "{s}"
    );
    // Code names come from the imported code lists.
    let demo: Value = serde_json::from_str(&env.run_ok(&["demo", "--json"])).unwrap();
    assert!(demo["inserted"].as_u64().unwrap() > 0);
    let show: Value =
        serde_json::from_str(&env.run_ok(&["show", "--json", "GB/T 19001-2016"])).unwrap();
    let ics = show["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["scheme"] == "ics")
        .expect("an ICS code");
    assert_eq!(ics["code"], "03.120.10", "{show}");
    assert!(ics["name"].as_str().unwrap().contains("Quality"), "{show}");
    let ccs = show["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["scheme"] == "ccs")
        .expect("a CCS code");
    assert_eq!(ccs["code"], "A00", "{show}");
    assert!(ccs["name"].as_str().is_some(), "{show}");
    let cassette = data.join("catalog/openstd-recordings/gb_t_5606_1_2004.yml");
    let s: Value = serde_json::from_str(&env.run_ok(&[
        "import",
        "--format",
        "openstd",
        "--json",
        cassette.to_str().unwrap(),
    ]))
    .unwrap();
    assert!(s["inserted"].as_u64().unwrap() >= 1, "{s}");
    let show: Value =
        serde_json::from_str(&env.run_ok(&["show", "--json", "GB/T 5606.1-2004"])).unwrap();
    assert_eq!(show["record"]["designation"], "GB/T 5606.1—2004");
    assert!(
        show["record"]["titles"]["zh"]
            .as_str()
            .unwrap()
            .contains("卷烟"),
        "{show}"
    );
}

#[test]
fn statuses_from_a_fresh_import_match_a_full_refresh() {
    // Into an empty store the import derives statuses from the records it
    // streamed; into a non-empty one it reads the catalogue back. Same answer.
    let fresh = Env::sqlite();
    fresh.run_ok(&["demo", "--json"]);
    let seeded = Env::sqlite();
    let one = seeded.dir.path().join("one.csv");
    std::fs::write(
        &one,
        "标准号,中文标准名称\nGB/T 19001-2016,质量管理体系 要求\n",
    )
    .unwrap();
    seeded.run_ok(&["import", "--format", "csv", "--json", one.to_str().unwrap()]);
    seeded.run_ok(&["demo", "--json"]);
    let a: Value = serde_json::from_str(&fresh.run_ok(&["stats", "--json"])).unwrap();
    let b: Value = serde_json::from_str(&seeded.run_ok(&["stats", "--json"])).unwrap();
    assert_eq!(a["by_status"], b["by_status"]);
    assert_eq!(a["records"], b["records"]);
}
