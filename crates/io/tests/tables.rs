//! CSV/XLSX import, read_column and document text.
#![allow(clippy::unwrap_used)]

mod common;

use normbase_core::{Degree, RelationKind};
use normbase_io::{Format, ReadOptions, document_text, read_column, read_records};
use std::io::Write;
use std::path::Path;

fn read(format: Format, path: &Path, opts: &ReadOptions) -> Vec<normbase_io::ImportRow> {
    read_records(format, path, opts).unwrap().collect()
}

#[test]
fn real_standards_tsv() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let rows = common::rows(Format::Csv, &dir.join("cn-standards/standards.tsv"));
    assert_eq!(rows.len(), 4048);
    let rejected: Vec<_> = rows
        .iter()
        .filter_map(|r| r.result.as_ref().err())
        .collect();
    for r in &rejected {
        eprintln!("row {} {:?}: {}", r.row, r.field, r.reason);
    }
    // Real data: three implementation dates that are not dates ("020-07-01",
    // "与GB9706.1-2020同步实施" twice) and one more; designations all parse.
    assert!(rejected.len() <= 10, "{} rejections", rejected.len());
    assert!(
        rejected
            .iter()
            .all(|r| matches!(r.field.as_deref(), Some("implemented" | "published")))
    );
    let ok: Vec<_> = rows.iter().filter_map(|r| r.result.as_ref().ok()).collect();
    let first = ok[0];
    assert_eq!(first.titles.zh.as_deref(), Some("建筑防火通用规范"));
    assert_eq!(first.stage.as_deref(), Some("现行"));
    assert_eq!(
        first.implemented.as_ref().map(|d| d.as_str()),
        Some("2023-06-01")
    );
    assert_eq!(rows[0].row, 2, "header is row 1");
    let multi = ok
        .iter()
        .find(|r| r.relations.len() == 3)
        .expect("GB 2893—2008、GB 7231—2003和GB 2894—2008");
    assert!(
        multi
            .relations
            .iter()
            .all(|r| r.kind == RelationKind::Replaces)
    );
}

const ZH: &str = "标准号,中文标准名称,英文标准名称,标准状态,发布日期,实施日期,代替标准,被代替标准,采用国际标准,采用程度,中国标准分类号,国际标准分类号,主管部门,归口单位,起草单位\n\
GB/T 19001-2016,质量管理体系 要求,Quality management systems—Requirements,现行,2016-12-30,2017/7/1,\"GB/T 19001-2008；GB/T 19002-2010\",,\"ISO 9001:2015,IDT\",,A00,03.120.10 03.100.70,国家标准化管理委员会,全国质量管理和质量保证标准化技术委员会,中国标准化研究院、住房和城乡建设部\n\
,no designation,,,,,,,,,,,,,\n\
GB/T 1.1-2020,导则,,即将实施,2020年3月31日,soon,,,,,,,,,\n\
,,,,,,,,,,,,,,\n\
GB/T 5606.1-2004,卷烟,,被代替,2004-12-14,,,GB/T 5606.1-2025,ISO 8243:2003,修改采用,,,,,\n";

fn check_zh(rows: &[normbase_io::ImportRow]) {
    assert_eq!(rows.len(), 4, "the blank row is skipped");
    let r = rows[0].result.as_ref().unwrap();
    assert_eq!(
        r.titles.en.as_deref(),
        Some("Quality management systems—Requirements")
    );
    assert_eq!(
        r.implemented.as_ref().map(|d| d.as_str()),
        Some("2017-07-01")
    );
    assert_eq!(r.relations.len(), 2);
    assert_eq!(r.adoptions.len(), 1);
    assert_eq!(r.adoptions[0].degree, Some(Degree::Idt));
    assert_eq!(r.ics, vec!["03.120.10", "03.100.70"]);
    assert_eq!(r.drafters, vec!["中国标准化研究院", "住房和城乡建设部"]);
    assert_eq!(
        r.committee.as_deref(),
        Some("全国质量管理和质量保证标准化技术委员会")
    );
    let e = rows[1].result.as_ref().unwrap_err();
    assert_eq!(
        (e.row, e.field.as_deref(), e.reason.as_str()),
        (3, Some("标准号"), "empty designation")
    );
    let e = rows[2].result.as_ref().unwrap_err();
    assert_eq!((e.row, e.field.as_deref()), (4, Some("实施日期")));
    assert!(e.reason.contains("soon"));
    let r = rows[3].result.as_ref().unwrap();
    assert_eq!(r.adoptions[0].degree, Some(Degree::Mod));
    assert!(
        r.relations
            .iter()
            .any(|x| x.kind == RelationKind::ReplacedBy)
    );
}

#[test]
fn chinese_headers_utf8_bom_and_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("zh.csv");
    std::fs::write(&utf8, [b"\xEF\xBB\xBF".as_slice(), ZH.as_bytes()].concat()).unwrap();
    check_zh(&read(Format::Csv, &utf8, &ReadOptions::default()));
    let gbk = dir.path().join("gbk.csv");
    let (bytes, _, bad) = encoding_rs::GBK.encode(ZH);
    assert!(!bad);
    std::fs::write(&gbk, &bytes).unwrap();
    check_zh(&read(Format::Csv, &gbk, &ReadOptions::default()));
    // Tab and semicolon delimiters.
    let tsv = dir.path().join("zh.tsv");
    std::fs::write(
        &tsv,
        "designation\ttitle_en\tstatus\nISO 9001:2015\tQMS\tcurrent\n",
    )
    .unwrap();
    let rows = read(Format::Csv, &tsv, &ReadOptions::default());
    assert_eq!(
        rows[0].result.as_ref().unwrap().stage.as_deref(),
        Some("current")
    );
    let semi = dir.path().join("semi.csv");
    std::fs::write(
        &semi,
        "Designation;Title_ZH;Replaces\nGB 50016-2014;建筑设计防火规范;GB 50016-2006\n",
    )
    .unwrap();
    let rows = read(Format::Csv, &semi, &ReadOptions::default());
    assert_eq!(rows[0].result.as_ref().unwrap().relations.len(), 1);
}

#[test]
fn map_option_and_missing_designation() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("other.csv");
    std::fs::write(&p, "Std No,Name,Ignored\nGB/T 19001-2016,质量管理体系,x\n").unwrap();
    assert!(
        read_records(Format::Csv, &p, &ReadOptions::default()).is_err(),
        "no designation column"
    );
    let map = vec![
        ("Std No".to_string(), "designation".to_string()),
        ("name".to_string(), "title_zh".to_string()),
    ];
    let rows = read(
        Format::Csv,
        &p,
        &ReadOptions {
            map,
            ..Default::default()
        },
    );
    assert_eq!(
        rows[0].result.as_ref().unwrap().titles.zh.as_deref(),
        Some("质量管理体系")
    );
    let bad = vec![("Std No".to_string(), "colour".to_string())];
    assert!(
        read_records(
            Format::Csv,
            &p,
            &ReadOptions {
                map: bad,
                ..Default::default()
            }
        )
        .is_err()
    );
}

#[test]
fn xlsx_import_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("list.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["标准号", "中文标准名称", "发布日期", "实施日期"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "GB/T 19001-2016").unwrap();
    ws.write_string(1, 1, "质量管理体系 要求").unwrap();
    ws.write_string(1, 2, "2016-12-30").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, 7, 1).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 3, &date, &fmt).unwrap();
    ws.write_string(2, 0, "not a standard").unwrap();
    wb.save(&p).unwrap();
    let rows = read(Format::Xlsx, &p, &ReadOptions::default());
    assert_eq!(rows.len(), 2);
    let r = rows[0].result.as_ref().unwrap();
    assert_eq!(
        r.implemented.as_ref().map(|d| d.as_str()),
        Some("2017-07-01")
    );
    assert_eq!(r.sources[0].format, "xlsx");
    let e = rows[1].result.as_ref().unwrap_err();
    assert_eq!((e.row, e.field.as_deref()), (3, Some("标准号")));
    assert_eq!(
        read_column(&p, "标准号").unwrap(),
        vec!["GB/T 19001-2016", "not a standard"]
    );
    assert_eq!(read_column(&p, "A").unwrap().len(), 2);
    assert_eq!(read_column(&p, "2").unwrap(), vec!["质量管理体系 要求"]);
    assert!(read_column(&p, "nope").is_err());
    let sheet = ReadOptions {
        sheet: Some("Missing".into()),
        ..Default::default()
    };
    assert!(read_records(Format::Xlsx, &p, &sheet).is_err());
    let csv = dir.path().join("refs.csv");
    std::fs::write(
        &csv,
        "序号,引用标准\n1,GB/T 1.1-2020\n2,\n3,ISO 9001:2015\n",
    )
    .unwrap();
    assert_eq!(
        read_column(&csv, "引用标准").unwrap(),
        vec!["GB/T 1.1-2020", "ISO 9001:2015"]
    );
}

#[test]
fn document_texts() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(
        &txt,
        encoding_rs::GBK
            .encode("依据 GB/T 19001-2016 质量管理体系的要求进行审核和认证。")
            .0,
    )
    .unwrap();
    assert!(
        document_text(&txt)
            .unwrap()
            .contains("GB/T 19001-2016 质量管理")
    );
    let u16 = dir.path().join("b.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("引用 ISO 9001".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&u16, bytes).unwrap();
    assert_eq!(document_text(&u16).unwrap(), "引用 ISO 9001");

    let docx = dir.path().join("c.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(
        br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>GB/T 1.1</w:t></w:r><w:r><w:t xml:space="preserve">&#8212;2020 &amp; </w:t></w:r></w:p><w:p><w:r><w:t>ISO 9001:2015</w:t><w:tab/><w:t>x</w:t></w:r></w:p></w:body></w:document>"#,
    )
    .unwrap();
    zip.finish().unwrap();
    assert_eq!(
        document_text(&docx).unwrap(),
        "GB/T 1.1—2020 & \nISO 9001:2015\tx"
    );

    let pdf = dir.path().join("d.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n garbage that is not a pdf").unwrap();
    assert!(
        document_text(&pdf).is_err(),
        "bad PDF is an error, not a panic"
    );
    assert!(document_text(&dir.path().join("missing.txt")).is_err());
}
