//! Relaton importer against the real ISO, IEC and JIS catalogues.

mod common;

use normbase_core::{Record, RelationKind};
use normbase_io::{Format, ReadOptions, read_records};
use std::io::Write;

fn find<'a>(rows: &'a [normbase_io::ImportRow], designation: &str, source_id: &str) -> &'a Record {
    rows.iter()
        .filter_map(|r| r.result.as_ref().ok())
        .find(|r| {
            r.designation == designation
                && r.sources.iter().any(|s| s.id.as_deref() == Some(source_id))
        })
        .unwrap_or_else(|| panic!("{designation} ({source_id}) not imported"))
}

fn has(rec: &Record, kind: RelationKind, target: &str) -> bool {
    rec.relations
        .iter()
        .any(|r| r.kind == kind && r.target == target)
}

/// Rejections must come from designations the parser does not know yet, never
/// from JSON or model errors; print them for the report.
fn check_rejections(rows: &[normbase_io::ImportRow], max: usize) {
    let rejected: Vec<_> = rows
        .iter()
        .filter_map(|r| r.result.as_ref().err())
        .collect();
    for r in rejected.iter().take(20) {
        eprintln!("rejected {}:{} {:?}: {}", r.file, r.row, r.field, r.reason);
    }
    eprintln!("{} rejected of {}", rejected.len(), rows.len());
    assert!(
        rejected.iter().all(|r| r.field.as_deref() == Some("docid")),
        "only designation rejections expected"
    );
    assert!(
        rejected.len() <= max,
        "{} rejections (max {max})",
        rejected.len()
    );
}

#[test]
fn iso_catalogue() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let rows = common::rows(Format::Relaton, &dir.join("catalog/relaton-iso.jsonl.gz"));
    assert_eq!(rows.len(), 71_253);
    assert!(
        rows.windows(2).all(|w| w[0].row < w[1].row),
        "rows in file order"
    );
    check_rejections(&rows, 200);

    let r = find(&rows, "ISO 9001:2015", "ISO9001-2015");
    assert_eq!(
        r.titles.en.as_deref(),
        Some("Quality management systems - Requirements")
    );
    assert_eq!(
        r.titles.fr.as_deref(),
        Some("Systèmes de management de la qualité - Exigences")
    );
    assert_eq!(r.stage.as_deref(), Some("90.92"));
    assert_eq!(r.ics, vec!["03.100.70", "03.120.10"]);
    assert_eq!(r.committee.as_deref(), Some("ISO/TC 176/SC 2"));
    assert_eq!(r.issuer.as_deref(), Some("ISO"));
    assert_eq!(r.published.as_ref().map(|d| d.as_str()), Some("2015-09"));
    let with_scope = rows
        .iter()
        .filter(|r| r.result.as_ref().is_ok_and(|r| r.scope.is_some()))
        .count();
    assert!(with_scope > 50_000, "{with_scope} records with an abstract");
    assert!(has(r, RelationKind::Replaces, "ISO 9001:2008"));
    assert!(
        has(r, RelationKind::AmendedBy, "ISO 9001:2015/Amd 1:2024"),
        "{:?}",
        r.relations
    );
    assert!(
        !r.relations.iter().any(|x| x.target.contains("CD")),
        "draft targets dropped: {:?}",
        r.relations
    );

    let old = find(&rows, "ISO 9001:2008", "ISO9001-2008");
    assert_eq!(old.stage.as_deref(), Some("95.99"));
    assert!(
        has(old, RelationKind::ReplacedBy, "ISO 9001:2015"),
        "{:?}",
        old.relations
    );
    assert!(has(old, RelationKind::Replaces, "ISO 9001:2000"));
    assert!(
        has(old, RelationKind::AmendedBy, "ISO 9001:2008/Cor 1:2009"),
        "{:?}",
        old.relations
    );

    let cor = find(&rows, "ISO 9001:2008/Cor 1:2009", "ISO9001-2008/Cor1-2009");
    assert!(
        has(cor, RelationKind::ReplacedBy, "ISO 9001:2015"),
        "{:?}",
        cor.relations
    );
    assert_eq!(
        cor.published.as_ref().map(|d| d.as_str()),
        Some("2009-07"),
        "supplement date"
    );
    assert_eq!(
        cor.titles.en.as_deref(),
        Some("Quality management systems - Requirements - Technical Corrigendum 1")
    );
}

#[test]
fn iec_catalogue() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let rows = common::rows(Format::Relaton, &dir.join("catalog/relaton-iec.jsonl.gz"));
    assert_eq!(rows.len(), 32_524);
    check_rejections(&rows, 200);
    let r = find(&rows, "CISPR 10:1971", "CISPR10-1971");
    assert_eq!(r.stage.as_deref(), Some("REVISED"));
    assert_eq!(
        r.titles.en.as_deref(),
        Some("Organization, rules and procedures of the CISPR")
    );
    assert_eq!(r.withdrawn.as_ref().map(|d| d.as_str()), Some("1976-01-01"));
    assert_eq!(r.committee.as_deref(), Some("CISPR"));
    assert_eq!(r.issuer.as_deref(), Some("CISPR"));
    assert_eq!(r.ics, vec!["33.100.01"]);
    let words: std::collections::BTreeSet<_> = rows
        .iter()
        .filter_map(|r| r.result.as_ref().ok()?.stage.clone())
        .collect();
    assert_eq!(
        words.into_iter().collect::<Vec<_>>(),
        vec!["PUBLISHED", "REPLACED", "REVISED", "WITHDRAWN"]
    );
}

#[test]
fn jis_catalogue() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let rows = common::rows(Format::Relaton, &dir.join("catalog/relaton-jis.jsonl.gz"));
    assert_eq!(rows.len(), 21_327);
    check_rejections(&rows, 600);
    let r = find(&rows, "JIS A 0001:1999", "JISA0001-1999");
    assert_eq!(r.titles.ja.as_deref(), Some("建築のベーシックモデュール"));
    assert_eq!(r.titles.en.as_deref(), Some("Basic module"));
    assert_eq!(r.stage.as_deref(), Some("valid"));
    assert_eq!(r.published.as_ref().map(|d| d.as_str()), Some("1999-04-30"));
    assert_eq!(r.confirmed.as_ref().map(|d| d.as_str()), Some("2024-10-25"));
    assert_eq!(r.ics, vec!["91.010.30"]);
    assert!(r.scope.as_deref().is_some_and(|s| s.starts_with("建築")));
}

const DOC: &str = r#"{"id":"ISO1-2002","docid":{"id":"ISO 1:2002","type":"ISO","primary":true},"title":[{"type":"title-main","content":"Main","language":"en"},{"type":"title-part","content":"Part","language":["en"]}],"date":{"type":"published","value":"2002-05"},"docstatus":{"stage":"60","substage":{"value":"60"}},"contributor":{"organization":{"name":"International Organization for Standardization","abbreviation":"ISO"},"role":"publisher"},"relation":{"type":"updates","bibitem":{"docid":{"id":"ISO 1:2016","type":"ISO"}}}}"#;

fn check_doc(r: &Record) {
    assert_eq!(r.designation, "ISO 1:2002");
    assert_eq!(r.titles.en.as_deref(), Some("Main - Part"));
    assert_eq!(r.stage.as_deref(), Some("60.60"));
    assert_eq!(r.issuer.as_deref(), Some("ISO"));
    assert!(has(r, RelationKind::ReplacedBy, "ISO 1:2016"));
}

#[test]
fn single_objects_yaml_gzip_and_broken_rows() {
    let dir = tempfile::tempdir().unwrap();
    // JSON lines, gzip-compressed, with a broken line and a blank line, named .txt (magic bytes decide).
    let path = dir.path().join("mixed.txt");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    writeln!(gz, "{DOC}\n\n{{\"docid\": [\n{{\"title\":[]}}").unwrap();
    gz.finish().unwrap();
    let rows: Vec<_> = read_records(Format::Relaton, &path, &ReadOptions::default())
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 3);
    check_doc(rows[0].result.as_ref().unwrap());
    let bad = rows[1].result.as_ref().unwrap_err();
    assert_eq!(
        (bad.row, bad.reason.starts_with("malformed JSON")),
        (3, true)
    );
    let none = rows[2].result.as_ref().unwrap_err();
    assert_eq!((none.row, none.field.as_deref()), (4, Some("docid")));

    // YAML: a list, then a second document with a single record.
    let yaml = dir.path().join("docs.yaml");
    let v: serde_json::Value = serde_json::from_str(DOC).unwrap();
    let one = serde_norway::to_string(&v).unwrap();
    std::fs::write(
        &yaml,
        format!("- {}\n---\n{one}", one.replace('\n', "\n  ")),
    )
    .unwrap();
    let rows: Vec<_> = read_records(Format::Relaton, &yaml, &ReadOptions::default())
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 2);
    rows.iter()
        .for_each(|r| check_doc(r.result.as_ref().unwrap()));
}

#[test]
fn truncated_gzip_ends_with_a_rejection() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for _ in 0..2000 {
        writeln!(gz, "{DOC}").unwrap();
    }
    let bytes = gz.finish().unwrap();
    let path = dir.path().join("cut.jsonl.gz");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let progress = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let opts = ReadOptions {
        progress: Some(progress.clone()),
        ..Default::default()
    };
    let rows: Vec<_> = read_records(Format::Relaton, &path, &opts)
        .unwrap()
        .collect();
    let last = rows.last().unwrap().result.as_ref().unwrap_err();
    assert!(last.reason.contains("corrupt"), "{}", last.reason);
    assert!(rows[..rows.len() - 1].iter().all(|r| r.result.is_ok()));
    assert_eq!(
        progress.load(std::sync::atomic::Ordering::Relaxed),
        (bytes.len() / 2) as u64
    );
    assert!(
        read_records(
            Format::Relaton,
            &dir.path().join("missing.jsonl"),
            &ReadOptions::default()
        )
        .is_err()
    );
}
