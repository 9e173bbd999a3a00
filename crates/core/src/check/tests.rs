use super::*;
use crate::designation::parse;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn rec(d: &str, stage: &str, implemented: &str) -> Record {
    let mut r = Record::new(&parse(d).unwrap());
    r.stage = Some(stage.into()).filter(|s: &String| !s.is_empty());
    r.implemented = PartialDate::parse(implemented);
    r.titles.zh = Some(format!("{d} 标题"));
    r
}

fn catalogue() -> Catalogue {
    let mut c = Catalogue::new();
    let mut a = rec("GB/T 19001-2000", "废止", "2001-06-01");
    a.relate(RelationKind::ReplacedBy, "GB/T 19001-2008");
    c.insert(a);
    let mut b = rec("GB/T 19001-2008", "被代替", "2009-03-01");
    b.relate(RelationKind::Replaces, "GB/T 19001-2000");
    c.insert(b);
    let mut n = rec("GB/T 19001-2016", "现行", "2017-07-01");
    n.relate(RelationKind::Replaces, "GB/T 19001-2008");
    c.insert(n);
    // Split: one old standard replaced by two parts.
    let mut old = rec("GB 1000-1990", "废止", "1991-01-01");
    old.relate(RelationKind::ReplacedBy, "GB 1000.1-2010");
    old.relate(RelationKind::ReplacedBy, "GB 1000.2-2010");
    c.insert(old);
    c.insert(rec("GB 1000.1-2010", "现行", "2011-01-01"));
    c.insert(rec("GB 1000.2-2010", "现行", "2011-01-01"));
    // Withdrawn without successor.
    c.insert(rec("GB 2000-1995", "废止", ""));
    // Upcoming successor: old one stays current.
    c.insert(rec("GB 3000-2015", "现行", "2016-01-01"));
    let mut up = rec("GB 3000-2025", "即将实施", "2027-05-01");
    up.relate(RelationKind::Replaces, "GB 3000-2015");
    c.insert(up);
    c
}

#[test]
fn dated_reference_follows_chain_to_current() {
    let c = catalogue();
    let r = c.resolve("GB/T 19001-2000", today());
    assert!(r.ok);
    assert_eq!(r.status, "replaced");
    assert_eq!(r.matched.as_deref(), Some("GB/T 19001—2000"));
    assert_eq!(r.current_edition, vec!["GB/T 19001—2016".to_string()]);
}

#[test]
fn undated_reference_resolves_to_current_edition() {
    let r = catalogue().resolve("gb/t 19001", today());
    assert_eq!(r.status, "current");
    assert_eq!(r.matched.as_deref(), Some("GB/T 19001—2016"));
}

#[test]
fn split_leads_to_all_parts() {
    let r = catalogue().resolve("GB 1000-1990", today());
    assert_eq!(r.status, "replaced");
    assert_eq!(
        r.current_edition,
        vec!["GB 1000.1—2010".to_string(), "GB 1000.2—2010".to_string()]
    );
}

#[test]
fn withdrawn_unknown_invalid_and_prefix_fix() {
    let c = catalogue();
    let w = c.resolve("GB 2000-1995", today());
    assert_eq!(w.status, "withdrawn");
    assert!(w.current_edition.is_empty());
    let u = c.resolve("GB/T 19001-2012", today());
    assert_eq!(u.status, "unknown");
    assert!(!u.ok);
    assert_eq!(u.current_edition, vec!["GB/T 19001—2016".to_string()]);
    assert_eq!(u.candidates.len(), 3);
    assert_eq!(c.resolve("", today()).status, "invalid");
    let fixed = c.resolve("GB 19001-2016", today());
    assert_eq!(fixed.matched.as_deref(), Some("GB/T 19001—2016"));
    assert!(fixed.note.contains("different prefix"), "{}", fixed.note);
}

#[test]
fn upcoming_successor_keeps_old_edition_current() {
    let c = catalogue();
    let old = c.resolve("GB 3000-2015", today());
    assert_eq!(old.status, "current");
    assert_eq!(old.current_edition, vec!["GB 3000—2015".to_string()]);
    assert_eq!(c.resolve("GB 3000-2025", today()).status, "upcoming");
    let later = chrono::NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    assert_eq!(c.resolve("GB 3000-2015", later).status, "replaced");
}

#[test]
fn revised_iec_edition_infers_next_edition() {
    let mut c = Catalogue::new();
    c.insert(rec("IEC 60335-1:2001", "REVISED", ""));
    c.insert(rec("IEC 60335-1:2010", "PUBLISHED", ""));
    let r = c.resolve("IEC 60335-1:2001", today());
    assert_eq!(r.status, "replaced");
    assert_eq!(r.current_edition, vec!["IEC 60335-1:2010".to_string()]);
}

#[test]
fn undated_successor_names_a_family() {
    let mut c = Catalogue::new();
    let mut old = rec("IEC 60950-1:2005", "被代替", "");
    old.relate(RelationKind::ReplacedBy, "IEC 62368-1");
    c.insert(old);
    c.insert(rec("IEC 62368-1:2018", "被代替", ""));
    let mut new = rec("IEC 62368-1:2023", "现行", "");
    new.relate(RelationKind::Replaces, "IEC 62368-1:2018");
    c.insert(new);
    let r = c.resolve("IEC 60950-1:2005", today());
    assert_eq!(r.status, "replaced");
    assert_eq!(r.current_edition, vec!["IEC 62368-1:2023".to_string()]);
}

#[test]
fn interpretation_sheets_are_not_editions() {
    let mut c = Catalogue::new();
    c.insert(rec("IEC 60335-1:2010", "REVISED", ""));
    c.insert(rec("IEC 60335-1:2020", "PUBLISHED", ""));
    c.insert(rec("IEC 60335-1:2020/ISH2:2025", "PUBLISHED", ""));
    assert!(
        c.get(&parse("IEC 60335-1:2020/ISH2:2025").unwrap().key())
            .unwrap()
            .is_supplement()
    );
    let r = c.resolve("IEC 60335-1", today());
    assert_eq!(r.matched.as_deref(), Some("IEC 60335-1:2020"));
    assert_eq!(
        c.resolve("IEC 60335-1:2010", today()).current_edition,
        vec!["IEC 60335-1:2020".to_string()]
    );
}

#[test]
fn undated_prefers_the_plain_edition_over_format_variants() {
    let mut c = Catalogue::new();
    c.insert(rec("IEC 60335-1:2020", "PUBLISHED", ""));
    c.insert(rec("IEC 60335-1:2020 CMV", "PUBLISHED", ""));
    c.insert(rec("IEC 60335-1:2020 RLV", "PUBLISHED", ""));
    assert_eq!(
        c.resolve("IEC 60335-1", today()).matched.as_deref(),
        Some("IEC 60335-1:2020")
    );
}
