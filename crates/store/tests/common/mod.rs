//! Shared helpers for the store integration tests: record builders and
//! throwaway databases (SQLite temp dir, fresh PostgreSQL database).
#![allow(dead_code)]

use normbase_core::record::{Relation, RelationKind, SourceRef};
use normbase_core::{PartialDate, Record};
use normbase_store::Store;
use sqlx::migrate::MigrateDatabase;

/// A bare record built from identity fields (independent of the designation parser).
pub fn record(kind: &str, body: &str, number: &str, year: i32) -> Record {
    let dash = if kind == "national" { "—" } else { ":" };
    let designation = format!("{body} {number}{dash}{year}");
    let family = format!("{body}{number}").to_uppercase().replace(' ', "");
    let value = serde_json::json!({
        "designation": designation,
        "key": format!("{family}-{year}"),
        "family": family,
        "kind": kind,
        "body": body,
        "number": number,
        "year": year,
    });
    serde_json::from_value(value).expect("record JSON is valid")
}

/// A GB/T edition.
pub fn gb(number: &str, year: i32) -> Record {
    record("national", "GB/T", number, year)
}

/// An ISO edition.
pub fn iso(number: &str, year: i32) -> Record {
    record("international", "ISO", number, year)
}

/// Adds a relation to `target`.
pub fn relate(r: &mut Record, kind: RelationKind, target: &Record) {
    r.relations.push(Relation {
        kind,
        target: target.designation.clone(),
        target_key: target.key.clone(),
    });
}

/// Marks the source of a record.
pub fn source(r: &mut Record, format: &str, id: &str) {
    r.sources.push(SourceRef {
        format: format.to_string(),
        id: Some(id.to_string()),
    });
}

/// A realistic synthetic record number `i` (titles, dates, codes, one relation).
pub fn synthetic(i: usize) -> Record {
    let (mut r, prev) = match i % 3 {
        0 => (
            gb(&format!("{}", 10000 + i), 2016),
            gb(&format!("{}", 10000 + i), 2008),
        ),
        1 => (
            record("industry", "JB/T", &format!("{}", 20000 + i), 2019),
            record("industry", "JB/T", &format!("{}", 20000 + i), 2010),
        ),
        _ => (
            iso(&format!("{}", 30000 + i), 2015),
            iso(&format!("{}", 30000 + i), 2008),
        ),
    };
    r.titles.zh = Some(format!("机械安全 设计通则 风险评估与风险减小 第{i}部分"));
    r.titles.en = Some(format!(
        "Safety of machinery — General principles for design — Risk assessment and risk reduction, part {i}"
    ));
    r.stage = Some("60.60".to_string());
    r.published = PartialDate::parse("2016-12-30");
    r.implemented = PartialDate::parse("2017-07-01");
    r.ics = vec!["13.110".to_string(), format!("25.{:03}", i % 1000)];
    r.ccs = vec![format!("J{:02}", i % 100)];
    r.committee = Some("SAC/TC 208".to_string());
    r.issuer = Some("国家市场监督管理总局 国家标准化管理委员会".to_string());
    r.drafters = vec![
        "机械科学研究总院".to_string(),
        "中机生产力促进中心".to_string(),
    ];
    r.scope = Some("本文件规定了机械设计中实现安全的基本术语、原则和方法。".repeat(3));
    relate(&mut r, RelationKind::Replaces, &prev);
    source(&mut r, "synthetic", &i.to_string());
    r
}

/// A throwaway store: SQLite in a temp dir (kept alive by the returned guard).
pub async fn sqlite_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path())
        .await
        .expect("open SQLite store");
    (store, dir)
}

/// The PostgreSQL base URL for tests, or `None` to skip. Panics on CI when unset.
pub fn pg_url() -> Option<String> {
    match std::env::var("NORMBASE_TEST_PG_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but NORMBASE_TEST_PG_URL is unset: run `eval \"$(bash .ci/start-postgres.sh)\"` first"
                );
            }
            eprintln!("NORMBASE_TEST_PG_URL unset: skipping the PostgreSQL run");
            None
        }
    }
}

/// A fresh PostgreSQL database next to the one `base` names; returns its URL.
pub async fn fresh_pg_database(base: &str, tag: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let slash = head.rfind('/').expect("database URL has a path");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let name = format!("nbtest_{tag}_{}_{nanos}", std::process::id());
    let url = format!("{}/{name}{query}", &head[..slash]);
    sqlx::any::install_default_drivers();
    sqlx::Any::create_database(&url)
        .await
        .expect("create test database");
    url
}

/// Drops a database made by [`fresh_pg_database`] (best effort).
pub async fn drop_pg_database(url: &str) {
    if let Err(e) = sqlx::Any::force_drop_database(url).await {
        eprintln!("could not drop test database: {e}");
    }
}
