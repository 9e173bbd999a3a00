use super::*;
use crate::designation::parse;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn rec(stage: Option<&str>, implemented: Option<&str>) -> Record {
    let mut r = Record::new(&parse("GB/T 19001-2016").unwrap());
    r.stage = stage.map(String::from);
    r.implemented = implemented.and_then(PartialDate::parse);
    r
}

fn succ(d: &str, from: Option<&str>) -> Successor {
    Successor {
        designation: d.into(),
        in_force_from: from.and_then(PartialDate::parse),
        is_draft: false,
    }
}

#[test]
fn iso_stage_codes() {
    assert_eq!(interpret_stage("60.60"), Some(SourceStatus::InForce));
    assert_eq!(interpret_stage("90.93"), Some(SourceStatus::InForce));
    assert_eq!(interpret_stage("95.99"), Some(SourceStatus::Withdrawn));
    assert_eq!(interpret_stage("40.20"), Some(SourceStatus::Draft));
    assert_eq!(interpret_stage("60.00"), Some(SourceStatus::Upcoming));
    assert_eq!(interpret_stage("REVISED"), Some(SourceStatus::Replaced));
    assert_eq!(interpret_stage("已作废"), Some(SourceStatus::Withdrawn));
    assert_eq!(interpret_stage("即将实施"), Some(SourceStatus::Upcoming));
    assert_eq!(interpret_stage("banana"), None);
}

#[test]
fn rules_in_order() {
    let t = today();
    assert_eq!(
        derive(&rec(Some("30.99"), None), &[], t).status,
        Status::Draft
    );
    assert_eq!(
        derive(&rec(Some("现行"), Some("2017-07-01")), &[], t).status,
        Status::Current
    );
    assert_eq!(
        derive(&rec(Some("现行"), Some("2027-01-01")), &[], t).status,
        Status::Upcoming
    );
    assert_eq!(
        derive(&rec(Some("废止"), None), &[], t).status,
        Status::Withdrawn
    );
    let v = derive(
        &rec(Some("现行"), None),
        &[succ("GB/T 19001—2026", Some("2026-01-01"))],
        t,
    );
    assert_eq!(v.status, Status::Replaced);
    assert_eq!(v.reason, "replaced by GB/T 19001—2026");
    // An upcoming successor leaves the old edition in force.
    let v = derive(
        &rec(Some("现行"), None),
        &[succ("GB/T 19001—2027", Some("2027-03-01"))],
        t,
    );
    assert_eq!(v.status, Status::Current);
    // Withdrawn at source but a successor is known: replaced.
    assert_eq!(
        derive(&rec(Some("95.99"), None), &[succ("X", None)], t).status,
        Status::Replaced
    );
    assert_eq!(
        derive(&rec(Some("REVISED"), None), &[], t).status,
        Status::Replaced
    );
}
