//! ISO Open Data, openstd recordings and code lists against the real files.

mod common;

use normbase_core::RelationKind;
use normbase_io::openstd::{parse_search_page, read_cassette};
use normbase_io::{Format, read_code_dir, read_code_list};

#[test]
fn iso_open_data_samples() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let d = dir.join("catalog/iso-open-data-sample");
    let rows = common::rows(Format::IsoOpenData, &d.join("62085.json"));
    let r = rows[0].result.as_ref().unwrap();
    assert_eq!(r.designation, "ISO 9001:2015");
    assert_eq!(r.stage.as_deref(), Some("90.92"));
    assert_eq!(r.published.as_ref().map(|d| d.as_str()), Some("2015-09-22"));
    assert_eq!(r.ics, vec!["03.120.10", "03.100.70"]);
    assert_eq!(r.committee.as_deref(), Some("ISO/TC 176/SC 2"));
    assert_eq!(r.sources[0].id.as_deref(), Some("62085"));
    assert!(
        r.scope
            .as_deref()
            .is_some_and(|s| s.starts_with("ISO 9001:2015 specifies") && !s.contains('<'))
    );
    assert!(
        r.relations.is_empty(),
        "ids unknown without a map: {:?}",
        r.relations
    );

    let ids = [("46486", "ISO 9001:2008"), ("88464", "ISO 9001:2026")];
    let map = ids
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let opts = normbase_io::ReadOptions {
        iso_ids: Some(std::sync::Arc::new(map)),
        ..Default::default()
    };
    let rows: Vec<_> = normbase_io::read_records(Format::IsoOpenData, &d.join("62085.json"), &opts)
        .unwrap()
        .collect();
    let r = rows[0].result.as_ref().unwrap();
    assert!(
        r.relations
            .iter()
            .any(|x| x.kind == RelationKind::Replaces && x.target == "ISO 9001:2008")
    );
    assert!(
        r.relations
            .iter()
            .any(|x| x.kind == RelationKind::ReplacedBy && x.target == "ISO 9001:2026")
    );

    let rows = common::rows(Format::IsoOpenData, &d.join("88821-88915.jsonl"));
    assert_eq!(rows.len(), 2);
    let amd = rows[1].result.as_ref().unwrap();
    assert_eq!(amd.designation, "ISO/IEC 19566-7:2022/Amd 1:2025");
    assert_eq!(amd.scope, None);
    let tr = common::rows(Format::IsoOpenData, &d.join("88821.json"));
    assert_eq!(
        tr[0].result.as_ref().unwrap().stage.as_deref(),
        Some("60.60")
    );
}

#[test]
fn openstd_recordings() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let d = dir.join("catalog/openstd-recordings");
    // GB/T 5606.1-2004 against parsed_gbt_5606_1_2004.xml (and the page's own fields).
    let rows = common::rows(Format::Openstd, &d.join("gb_t_5606_1_2004.yml"));
    assert_eq!(rows.len(), 1);
    let r = rows[0].result.as_ref().unwrap();
    assert_eq!(
        r.designation,
        normbase_core::designation::parse("GB/T 5606.1-2004")
            .unwrap()
            .canonical()
    );
    assert_eq!(r.titles.zh.as_deref(), Some("卷烟 第1部分:抽样"));
    assert_eq!(r.titles.en.as_deref(), Some("Cigarettes--Part 1:Sampling"));
    assert_eq!(r.stage.as_deref(), Some("现行"));
    assert_eq!(r.published.as_ref().map(|d| d.as_str()), Some("2004-12-14"));
    assert_eq!(
        r.implemented.as_ref().map(|d| d.as_str()),
        Some("2005-03-01")
    );
    assert_eq!(
        (r.ccs.clone(), r.ics.clone()),
        (vec!["X87".to_string()], vec!["65.160".to_string()])
    );
    assert_eq!(r.issuer.as_deref(), Some("国家烟草局"));
    assert_eq!(r.committee.as_deref(), Some("国家烟草局"));
    assert_eq!(
        r.sources[0].id.as_deref(),
        Some("B32027E7AEF4CB6D1515A02985FC5B40")
    );
    let old = normbase_core::designation::parse("GB/T 5606.1-1996")
        .unwrap()
        .key();
    assert!(
        r.relations
            .iter()
            .any(|x| x.kind == RelationKind::Replaces && x.target_key == old),
        "{:?}",
        r.relations
    );

    // GB/T 20223-2006 against parsed_gbt_20223_2006.xml: obsoleted, CCS B32, ICS 59.060.10, committee.
    let rows = common::rows(Format::Openstd, &d.join("gb_t_20223_2006.yml"));
    let r = rows[0].result.as_ref().unwrap();
    assert_eq!(r.stage.as_deref(), Some("废止"));
    assert_eq!((r.ccs[0].as_str(), r.ics[0].as_str()), ("B32", "59.060.10"));
    assert_eq!(r.committee.as_deref(), Some("市场监管总局"));
    assert_eq!(r.titles.zh.as_deref(), Some("棉短绒"));

    // GB/T 1.1: three editions, the 2009 one without a remark.
    let rows = common::rows(Format::Openstd, &d.join("gb_t_1_1.yml"));
    let mut des: Vec<_> = rows
        .iter()
        .map(|r| r.result.as_ref().unwrap().year)
        .collect();
    des.sort();
    assert_eq!(des, vec![Some(2000), Some(2009), Some(2020)]);
    assert!(
        rows.iter()
            .all(|r| r.result.as_ref().unwrap().relations.is_empty())
    );

    // The 2014 search found nothing.
    assert!(common::rows(Format::Openstd, &d.join("gb_t_20223_2014.yml")).is_empty());

    // The search list page on its own.
    let resp = read_cassette(&d.join("gb_t_5606_1_2004.yml")).unwrap();
    let list = resp
        .iter()
        .find(|r| r.status == 200 && r.uri.contains("std_list"))
        .unwrap();
    let hits = parse_search_page(&list.body);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].designation, "GB/T 5606.1-2004");
    assert_eq!(hits[0].status.as_deref(), Some("现行"));
    assert_eq!(hits[0].implemented.as_deref(), Some("2005-03-01"));
    assert_eq!(
        hits[0].hcno.as_deref(),
        Some("B32027E7AEF4CB6D1515A02985FC5B40")
    );
}

#[test]
fn code_lists() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let d = dir.join("codes");
    let count = |f: &str| read_code_list(&d.join(f)).unwrap();
    let ics = count("ics-iso-open-data.yaml");
    assert_eq!(ics.len(), 1381);
    let e = ics.iter().find(|e| e.code == "03.120.10").unwrap();
    assert_eq!(
        (e.parent.as_deref(), e.name_en.as_deref()),
        (
            Some("03.120"),
            Some("Quality management and quality assurance")
        )
    );
    assert!(e.name_fr.is_some());
    // The README says 23/224/1,607; the files hold one more row each (no trailing newline).
    assert_eq!(count("ccs-level1.csv").len(), 24);
    let l2 = count("ccs-level2.csv");
    assert_eq!(l2.len(), 225);
    assert_eq!(
        (l2[0].code.as_str(), l2[0].parent.as_deref()),
        ("A00/09", Some("A"))
    );
    let l3 = count("ccs-level3.csv");
    assert_eq!(l3.len(), 1608);
    assert_eq!(
        (
            l3[0].code.as_str(),
            l3[0].name_zh.as_deref(),
            l3[0].parent.as_deref()
        ),
        ("A00", Some("标准化、质量管理"), Some("A00/09"))
    );
    assert_eq!(count("hs2012.csv").len(), 6528);
    assert_eq!(count("hs2017.csv").len(), 6708);
    let hs = count("hs2022.csv");
    assert_eq!(hs.len(), 6940);
    assert!(hs.iter().all(|e| e.scheme == "hs2022"));
    assert_eq!(hs[0].parent, None);
    let countries = count("country-codes.csv");
    assert_eq!(countries.len(), 249);
    let cn = countries.iter().find(|e| e.code == "CN").unwrap();
    assert_eq!(
        (cn.name_zh.as_deref(), cn.name_en.as_deref()),
        (Some("中国"), Some("China"))
    );
    assert_eq!(count("cn-industry-codes.tsv").len(), 85);
    assert_eq!(count("cn-province-codes.tsv").len(), 34);
    let tcs = count("iso-committees.yaml");
    assert_eq!(tcs.len(), 788);
    let sc = tcs.iter().find(|e| e.code == "ISO/IEC JTC 1/SC 7").unwrap();
    assert_eq!(sc.parent.as_deref(), Some("ISO/IEC JTC 1"));
    let all = read_code_dir(&d).unwrap();
    assert_eq!(
        all.len(),
        1381 + 24 + 225 + 1608 + 6528 + 6708 + 6940 + 249 + 85 + 34 + 788
    );
    assert!(read_code_list(&d.join("ics-ed7-notes.jsonl")).is_err());
}
