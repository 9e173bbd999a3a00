//! Storage throughput (ignored by default; run in release mode):
//!
//! ```text
//! cargo test --release -p normbase-store --test throughput -- --ignored --nocapture
//! ```
//!
//! Upserts 100,000 synthetic records in batches of 2,000 (first import, then a
//! re-import that finds everything unchanged), scans them all, rates them all
//! (first rating, unchanged re-rating, then a refresh where every tenth status
//! changes) and computes the statistics — on SQLite, and on PostgreSQL when
//! `NORMBASE_TEST_PG_URL` is set.
//! `NORMBASE_BENCH_RECORDS` changes the record count.

mod common;

use common::*;
use normbase_core::{Record, Status};
use normbase_store::{BatchOutcome, Store};
use std::time::Instant;

const BATCH: usize = 2_000;

fn rate(n: usize, secs: f64) -> String {
    format!(
        "{n} records in {secs:.2} s = {:.0} records/s",
        n as f64 / secs
    )
}

async fn run(store: &Store, label: &str) {
    let n: usize = std::env::var("NORMBASE_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let records: Vec<Record> = (0..n).map(synthetic).collect();
    let imp = store
        .begin_import("synthetic", &[], None)
        .await
        .expect("begin");

    for (pass, expect_new) in [("first import", true), ("re-import", false)] {
        let t = Instant::now();
        let mut total = BatchOutcome::default();
        for batch in records.chunks(BATCH) {
            total.add(
                store
                    .upsert_records(imp, batch.to_vec())
                    .await
                    .expect("upsert"),
            );
        }
        let secs = t.elapsed().as_secs_f64();
        if expect_new {
            assert_eq!(total.inserted as usize, n);
        } else {
            assert_eq!(total.unchanged as usize, n);
        }
        println!("{label} {pass}: {}", rate(n, secs));
    }

    let t = Instant::now();
    let all = store.all_records().await.expect("scan");
    assert_eq!(all.len(), n);
    println!(
        "{label} full scan (all_records): {}",
        rate(n, t.elapsed().as_secs_f64())
    );

    let statuses: Vec<(String, Status, String)> = all
        .iter()
        .map(|r| {
            (
                r.key.clone(),
                Status::Current,
                "published; no successor known".into(),
            )
        })
        .collect();
    let t = Instant::now();
    let changed = store.set_statuses(&statuses).await.expect("statuses");
    assert_eq!(changed as usize, n);
    println!(
        "{label} first status refresh: {}",
        rate(n, t.elapsed().as_secs_f64())
    );
    let t = Instant::now();
    assert_eq!(store.set_statuses(&statuses).await.expect("statuses"), 0);
    println!(
        "{label} unchanged status refresh: {}",
        rate(n, t.elapsed().as_secs_f64())
    );

    let cursor = store
        .changes_since(0, usize::MAX)
        .await
        .expect("changes")
        .last()
        .map_or(0, |c| c.id);
    let transitions: Vec<(String, Status, String)> = statuses
        .iter()
        .enumerate()
        .map(|(i, (key, status, reason))| {
            if i % 10 == 0 {
                (
                    key.clone(),
                    Status::Replaced,
                    format!("replaced by {key}/A1"),
                )
            } else {
                (key.clone(), *status, reason.clone())
            }
        })
        .collect();
    let t = Instant::now();
    let changed = store.set_statuses(&transitions).await.expect("statuses");
    assert_eq!(changed as usize, n.div_ceil(10));
    println!(
        "{label} status refresh, every tenth changed: {}",
        rate(n, t.elapsed().as_secs_f64())
    );
    let logged = store
        .changes_since(cursor, usize::MAX)
        .await
        .expect("changes")
        .len();
    assert_eq!(logged, n.div_ceil(10));

    let t = Instant::now();
    let stats = store.stats().await.expect("stats");
    assert_eq!(stats.records as usize, n);
    assert_eq!(
        stats.by_status.get("replaced").copied(),
        Some(n.div_ceil(10) as u64)
    );
    println!("{label} stats: {:.3} s", t.elapsed().as_secs_f64());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
async fn throughput_sqlite() {
    let (store, _dir) = sqlite_store().await;
    run(&store, "SQLite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
async fn throughput_postgres() {
    let Some(base) = pg_url() else { return };
    let url = fresh_pg_database(&base, "bench").await;
    let store = Store::open(&url).await.expect("open");
    run(&store, "PostgreSQL").await;
    store.close().await;
    drop_pg_database(&url).await;
}
