//! One scripted suite run against SQLite (always) and PostgreSQL (when
//! `NORMBASE_TEST_PG_URL` is set; required when `CI=true`). Each run gets a
//! fresh database. Start PostgreSQL with `eval "$(bash .ci/start-postgres.sh)"`.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use normbase_core::codes::CodeEntry;
use normbase_core::import::{ImportSummary, Rejection};
use normbase_core::record::RelationKind;
use normbase_core::{Record, Status};
use normbase_store::{Backend, BatchOutcome, ChangeKind, ImportState, Store, StoreError};

fn outcome(inserted: u64, updated: u64, unchanged: u64, duplicates: u64) -> BatchOutcome {
    BatchOutcome {
        inserted,
        updated,
        unchanged,
        duplicates,
    }
}

/// The whole scripted suite, on an empty store.
async fn suite(store: &Store) {
    insert_and_reimport(store).await;
    merge_from_two_sources(store).await;
    duplicates_within_a_batch(store).await;
    relations_referrers_and_families(store).await;
    statuses_and_change_log(store).await;
    stats(store).await;
    codes(store).await;
    rejections_and_history(store).await;
    failing_batch_rolls_back(store).await;
    unicode_round_trip(store).await;
    large_batches_and_paging(store).await;
    first_ratings_are_not_logged(store).await;
    conflicting_sources_in_one_import(store).await;
}

/// Two sources disagree about one edition, in different batches of one import:
/// the first source's values stay and re-importing both changes nothing.
async fn conflicting_sources_in_one_import(store: &Store) {
    let mut iso = gb("61001", 2001);
    iso.stage = Some("95.99".into());
    let mut iec = gb("61001", 2001);
    iec.stage = Some("REPLACED".into());
    iec.scope = Some("only in the second source".into());
    for round in 0..2 {
        let imp = store.begin_import("relaton", &[], None).await.unwrap();
        let mut seen = std::collections::HashSet::new();
        let a = store
            .upsert_records_seen(imp, vec![iso.clone()], &mut seen)
            .await
            .unwrap();
        let b = store
            .upsert_records_seen(imp, vec![iec.clone()], &mut seen)
            .await
            .unwrap();
        if round == 0 {
            assert_eq!((a, b), (outcome(1, 0, 0, 0), outcome(0, 1, 0, 0)));
        } else {
            assert_eq!(
                (a, b),
                (outcome(0, 0, 1, 0), outcome(0, 0, 1, 0)),
                "re-import is a no-op"
            );
        }
        let r = store.record(&iso.key).await.unwrap().unwrap();
        assert_eq!(r.stage.as_deref(), Some("95.99"));
        assert_eq!(r.scope.as_deref(), Some("only in the second source"));
    }
}

async fn insert_and_reimport(store: &Store) {
    let mut a = gb("19001", 2016);
    a.titles.zh = Some("质量管理体系 要求".into());
    a.ics = vec!["03.120.10".into()];
    let b = gb("19001", 2008);
    let c = iso("9001", 2015);
    let batch = vec![a.clone(), b.clone(), c.clone()];
    let imp = store
        .begin_import("csv", &["a.csv".into()], Some("tester"))
        .await
        .unwrap();
    assert_eq!(
        store.upsert_records(imp, batch.clone()).await.unwrap(),
        outcome(3, 0, 0, 0)
    );
    assert_eq!(store.record(&a.key).await.unwrap(), Some(a.clone()));
    assert_eq!(store.record("NO-SUCH-KEY").await.unwrap(), None);
    assert_eq!(store.count().await.unwrap(), 3);

    let again = store
        .begin_import("csv", &["a.csv".into()], None)
        .await
        .unwrap();
    assert_eq!(
        store.upsert_records(again, batch).await.unwrap(),
        outcome(0, 0, 3, 0)
    );
    let keys = vec![
        c.key.clone(),
        "MISSING".into(),
        a.key.clone(),
        c.key.clone(),
    ];
    let got = store.records_by_keys(&keys).await.unwrap();
    assert_eq!(
        got,
        vec![c.clone(), a.clone()],
        "input order, missing skipped, once each"
    );
    let log = store.changes_since(0, 100).await.unwrap();
    assert_eq!(log.len(), 3, "re-import logs nothing");
    assert!(
        log.iter()
            .all(|c| c.change == ChangeKind::Inserted && c.import_id == Some(imp.0))
    );
}

async fn merge_from_two_sources(store: &Store) {
    let key = gb("19001", 2016).key;
    let before = store.changes_since(0, 1000).await.unwrap().len();
    let mut other = gb("19001", 2016);
    other.titles.en = Some("Quality management systems—Requirements".into());
    other.titles.zh = None; // an empty field never erases
    other.ccs = vec!["A00".into()];
    other.ics = vec!["03.120.10".into()];
    source(&mut other, "relaton", "gb-19001-2016");
    let imp = store.begin_import("relaton", &[], None).await.unwrap();
    assert_eq!(
        store
            .upsert_records(imp, vec![other.clone()])
            .await
            .unwrap(),
        outcome(0, 1, 0, 0)
    );
    let r = store.record(&key).await.unwrap().unwrap();
    assert_eq!(r.titles.zh.as_deref(), Some("质量管理体系 要求"));
    assert_eq!(
        r.titles.en.as_deref(),
        Some("Quality management systems—Requirements")
    );
    assert_eq!(r.ics, vec!["03.120.10".to_string()]);
    assert_eq!(r.ccs, vec!["A00".to_string()]);
    let log = store.changes_since(0, 1000).await.unwrap();
    assert_eq!(log.len(), before + 1);
    let last = log.last().unwrap();
    assert_eq!(last.change, ChangeKind::Updated);
    assert_eq!(last.key, key);
    assert_eq!(last.fields, vec!["title_en", "ccs", "sources"]);
    // The same source again: nothing to do.
    let imp = store.begin_import("relaton", &[], None).await.unwrap();
    assert_eq!(
        store.upsert_records(imp, vec![other]).await.unwrap(),
        outcome(0, 0, 1, 0)
    );
}

async fn duplicates_within_a_batch(store: &Store) {
    let mut first = iso("14001", 2015);
    first.titles.en = Some("Environmental management systems".into());
    let mut second = iso("14001", 2015);
    second.titles.fr = Some("Systèmes de management environnemental".into());
    second.ics = vec!["13.020.10".into()];
    let imp = store
        .begin_import("iso-open-data", &[], None)
        .await
        .unwrap();
    let batch = vec![first.clone(), second.clone(), first.clone()];
    assert_eq!(
        store.upsert_records(imp, batch.clone()).await.unwrap(),
        outcome(1, 0, 0, 2)
    );
    let r = store.record(&first.key).await.unwrap().unwrap();
    assert_eq!(r.titles.en, first.titles.en);
    assert_eq!(r.titles.fr, second.titles.fr);
    assert_eq!(r.ics, second.ics);
    // Re-importing the same batch changes nothing.
    assert_eq!(
        store.upsert_records(imp, batch).await.unwrap(),
        outcome(0, 0, 1, 2)
    );
}

async fn relations_referrers_and_families(store: &Store) {
    let old = gb("19001", 2008);
    let mut new = gb("19001", 2016);
    relate(&mut new, RelationKind::Replaces, &old);
    let imp = store.begin_import("csv", &[], None).await.unwrap();
    assert_eq!(
        store.upsert_records(imp, vec![new.clone()]).await.unwrap(),
        outcome(0, 1, 0, 0)
    );
    let refs = store
        .referrers(std::slice::from_ref(&old.key))
        .await
        .unwrap();
    assert_eq!(
        refs,
        vec![(new.key.clone(), RelationKind::Replaces, old.key.clone())]
    );

    // A second relation is added (lists are unioned), the first one stays.
    let cor = record("national", "GB/T", "19001", 2016);
    let mut amended = cor.clone();
    let mut amendment = gb("19001", 2016);
    amendment.key = format!("{}/XG1-2020", cor.key);
    amendment.designation = format!("{}/XG1—2020", cor.designation);
    relate(&mut amended, RelationKind::AmendedBy, &amendment);
    store.upsert_records(imp, vec![amended]).await.unwrap();
    let mut refs = store
        .referrers(&[old.key.clone(), amendment.key.clone(), "NOBODY".into()])
        .await
        .unwrap();
    refs.sort();
    assert_eq!(refs.len(), 2);
    assert!(refs.contains(&(
        new.key.clone(),
        RelationKind::AmendedBy,
        amendment.key.clone()
    )));

    // Only inbound `replaces` links count as replacements.
    let replacers = store
        .replacers(&[old.key.clone(), amendment.key.clone(), "NOBODY".into()])
        .await
        .unwrap();
    assert_eq!(replacers, vec![new.key.clone()]);

    let fam = store
        .records_by_families(std::slice::from_ref(&old.family))
        .await
        .unwrap();
    let keys: Vec<&str> = fam.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, vec![old.key.as_str(), new.key.as_str()]);
    assert!(
        store
            .records_by_families(&["NONE".into()])
            .await
            .unwrap()
            .is_empty()
    );
}

async fn statuses_and_change_log(store: &Store) {
    let (old, new) = (gb("19001", 2008).key, gb("19001", 2016).key);
    let cursor = store
        .changes_since(0, 10_000)
        .await
        .unwrap()
        .last()
        .map_or(0, |c| c.id);
    let set = vec![
        (old.clone(), Status::Replaced, format!("replaced by {new}")),
        (
            new.clone(),
            Status::Current,
            "in force since 2017-07-01".to_string(),
        ),
        ("NOT-STORED".to_string(), Status::Current, String::new()),
    ];
    assert_eq!(store.set_statuses(&set).await.unwrap(), 2);
    assert_eq!(
        store.set_statuses(&set).await.unwrap(),
        0,
        "same statuses: no change"
    );
    // First ratings are not logged: the editions' 'inserted' rows announce them.
    assert!(store.changes_since(cursor, 100).await.unwrap().is_empty());

    // A new reason alone is stored without a change row; a new status logs one.
    let reason_only = vec![(new.clone(), Status::Current, "still in force".to_string())];
    assert_eq!(store.set_statuses(&reason_only).await.unwrap(), 0);
    let st = store
        .statuses(&[new.clone(), "NOT-STORED".into()])
        .await
        .unwrap();
    assert_eq!(st.len(), 1);
    assert_eq!(
        st[&new],
        Some((Status::Current, "still in force".to_string()))
    );
    let withdrawn = vec![(new.clone(), Status::Withdrawn, "withdrawn".to_string())];
    assert_eq!(store.set_statuses(&withdrawn).await.unwrap(), 1);
    let log = store.changes_since(cursor, 100).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].change, ChangeKind::Status);
    assert_eq!(log[0].key, new);
    assert_eq!(log[0].fields, vec!["status".to_string()]);
    assert_eq!(log[0].old_status, Some(Status::Current));
    assert_eq!(log[0].new_status, Some(Status::Withdrawn));
    store
        .set_statuses(&[(new.clone(), Status::Current, "in force".into())])
        .await
        .unwrap();
    // Imports never touch the status.
    let imp = store.begin_import("csv", &[], None).await.unwrap();
    let mut more = gb("19001", 2016);
    more.committee = Some("SAC/TC 151".into());
    store.upsert_records(imp, vec![more]).await.unwrap();
    assert_eq!(
        store.statuses(std::slice::from_ref(&new)).await.unwrap()[&new]
            .as_ref()
            .map(|s| s.0),
        Some(Status::Current)
    );
}

/// Rates the whole catalogue (several thousand editions, unrated ones among
/// them): the first rating logs nothing, a later transition logs one row.
async fn first_ratings_are_not_logged(store: &Store) {
    let all = store.all_records().await.unwrap();
    assert!(all.len() > 3_000);
    let cursor = store
        .changes_since(0, 100_000)
        .await
        .unwrap()
        .last()
        .map_or(0, |c| c.id);
    let rated_before = store.stats().await.unwrap().by_status;
    let unrated = rated_before.get("unknown").copied().unwrap_or(0);
    assert!(unrated > 3_000, "{rated_before:?}");
    let set: Vec<(String, Status, String)> = all
        .iter()
        .map(|r| (r.key.clone(), Status::Current, "in force".to_string()))
        .collect();
    let changed = store.set_statuses(&set).await.unwrap();
    // Unrated editions get their first status; already rated ones may change.
    assert!(changed >= unrated, "{changed} < {unrated}");
    let log = store.changes_since(cursor, 100_000).await.unwrap();
    assert!(
        log.iter().all(|c| c.change == ChangeKind::Status
            && c.old_status.is_some()
            && c.new_status == Some(Status::Current)),
        "only transitions of already rated editions are logged: {log:?}"
    );
    assert_eq!(
        changed - unrated,
        log.len() as u64,
        "{rated_before:?} {log:?}"
    );
    let s = store.stats().await.unwrap();
    assert_eq!(s.by_status.get("current"), Some(&s.records));
    assert_eq!(s.by_status.get("unknown"), None);
    assert_eq!(store.set_statuses(&set).await.unwrap(), 0);
    // Sparse keys (a range scan would read ten times more rows) are read by key.
    let mut sorted: Vec<String> = all.iter().map(|r| r.key.clone()).collect();
    sorted.sort();
    let sparse: Vec<String> = sorted.iter().step_by(10).cloned().collect();
    let st = store.statuses(&sparse).await.unwrap();
    assert_eq!(st.len(), sparse.len());
    assert!(
        st.values()
            .all(|s| s.as_ref().map(|s| s.0) == Some(Status::Current))
    );

    // A later transition logs exactly one row, with the old and new status.
    let key = all[all.len() / 2].key.clone();
    let replaced = vec![(key.clone(), Status::Replaced, "replaced".to_string())];
    assert_eq!(store.set_statuses(&replaced).await.unwrap(), 1);
    let cursor = log.last().map_or(cursor, |c| c.id);
    let log = store.changes_since(cursor, 100).await.unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].key, key);
    assert_eq!(log[0].old_status, Some(Status::Current));
    assert_eq!(log[0].new_status, Some(Status::Replaced));
    assert_eq!(
        store.statuses(std::slice::from_ref(&key)).await.unwrap()[&key],
        Some((Status::Replaced, "replaced".to_string()))
    );
    let s = store.stats().await.unwrap();
    assert_eq!(s.by_status.get("replaced"), Some(&1));
    assert_eq!(s.by_status.get("current"), Some(&(s.records - 1)));
}

async fn stats(store: &Store) {
    let s = store.stats().await.unwrap();
    assert_eq!(s.records, 4);
    assert_eq!(s.by_kind.get("national"), Some(&2));
    assert_eq!(s.by_kind.get("international"), Some(&2));
    assert_eq!(s.by_body.get("GB/T"), Some(&2));
    assert_eq!(s.by_body.get("ISO"), Some(&2));
    assert_eq!(s.by_status.get("current"), Some(&1));
    assert_eq!(s.by_status.get("replaced"), Some(&1));
    assert_eq!(s.by_status.get("unknown"), Some(&2));
    let json = serde_json::to_value(&s).unwrap();
    let mut fields: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort();
    assert_eq!(fields, vec!["by_body", "by_kind", "by_status", "records"]);
}

async fn codes(store: &Store) {
    let entry = |code: &str, zh: &str, parent: Option<&str>| CodeEntry {
        scheme: "ics".into(),
        code: code.into(),
        name_zh: Some(zh.into()),
        name_en: None,
        name_fr: Some("Qualité".into()),
        parent: parent.map(String::from),
    };
    let entries = vec![
        entry("03", "服务 公司组织", None),
        entry("03.120", "质量", Some("03")),
        entry("03.120.10", "质量管理和质量保证", Some("03.120")),
        entry("03.120", "质量（新）", Some("03")), // the last one wins
    ];
    store.upsert_codes(&entries).await.unwrap();
    assert_eq!(store.code_count("ics").await.unwrap(), 3);
    assert_eq!(store.code_count("ccs").await.unwrap(), 0);
    assert_eq!(
        store.code("ics", "03.120").await.unwrap(),
        Some(entries[3].clone())
    );
    assert_eq!(store.code("ics", "99").await.unwrap(), None);
    store
        .upsert_codes(&[entry("03", "服务", None)])
        .await
        .unwrap();
    assert_eq!(
        store
            .code("ics", "03")
            .await
            .unwrap()
            .unwrap()
            .name_zh
            .as_deref(),
        Some("服务")
    );
    assert_eq!(store.codes("ics").await.unwrap().len(), 3);
    let bad = store.upsert_codes(&[entry("", "x", None)]).await;
    assert!(matches!(bad, Err(StoreError::Invalid { .. })));
}

async fn rejections_and_history(store: &Store) {
    let files = vec!["标准目录.xlsx".to_string(), "b.csv".to_string()];
    let imp = store
        .begin_import("xlsx", &files, Some("王工"))
        .await
        .unwrap();
    let rejections = vec![
        Rejection {
            file: files[0].clone(),
            row: 7,
            field: Some("标准号".into()),
            reason: "不是标准号".into(),
        },
        Rejection {
            file: files[0].clone(),
            row: 3,
            field: None,
            reason: "empty row".into(),
        },
    ];
    store.add_rejections(imp, &rejections).await.unwrap();
    store
        .upsert_records(imp, vec![iso("45001", 2018)])
        .await
        .unwrap();
    let running = store.import(imp).await.unwrap().unwrap();
    assert_eq!((running.state, running.inserted), (ImportState::Running, 1));
    let summary = ImportSummary {
        read: 3,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        duplicates: 0,
        rejected: 2,
        rejections: rejections.clone(),
    };
    store
        .finish_import(imp, &summary, ImportState::Done)
        .await
        .unwrap();
    let got = store.rejections(imp).await.unwrap();
    assert_eq!(
        got,
        vec![rejections[1].clone(), rejections[0].clone()],
        "stored once, by row"
    );

    let history = store.imports(2).await.unwrap();
    assert_eq!(history.len(), 2);
    let h = &history[0];
    assert_eq!(h.id, imp, "newest first");
    assert_eq!(h.files, files);
    assert_eq!(h.user.as_deref(), Some("王工"));
    assert_eq!(
        (h.state, h.read, h.inserted, h.rejected),
        (ImportState::Done, 3, 1, 2)
    );
    assert!(h.finished_at.is_some_and(|f| f >= h.started_at));
    assert!(history[1].id < imp);

    // Rejections only in the summary are stored by finish_import.
    let imp2 = store.begin_import("csv", &[], None).await.unwrap();
    store
        .finish_import(imp2, &summary, ImportState::Failed)
        .await
        .unwrap();
    assert_eq!(store.rejections(imp2).await.unwrap().len(), 2);
    assert_eq!(
        store.import(imp2).await.unwrap().unwrap().state,
        ImportState::Failed
    );
    let missing = normbase_store::ImportId(i64::MAX);
    assert!(
        store
            .finish_import(missing, &ImportSummary::default(), ImportState::Done)
            .await
            .is_err()
    );
}

async fn failing_batch_rolls_back(store: &Store) {
    let key = gb("19001", 2016).key;
    let stored = store.record(&key).await.unwrap().unwrap();
    let count = store.count().await.unwrap();
    let log = store.changes_since(0, 100_000).await.unwrap().len();
    let imp = store.begin_import("csv", &[], None).await.unwrap();

    let mut batch: Vec<Record> = (0..300)
        .map(|i| gb(&format!("{}", 80000 + i), 2020))
        .collect();
    let mut changed = gb("19001", 2016);
    changed.titles.ja = Some("品質マネジメントシステム".into());
    batch.insert(0, changed);
    let mut bad = gb("99999", 2020);
    bad.designation = String::new(); // violates CHECK (designation <> '') in the last chunk
    batch.push(bad);
    let err = store.upsert_records(imp, batch).await.unwrap_err();
    assert!(err.is_constraint_violation(), "{err}");
    assert!(err.to_string().contains("writing standards"), "{err}");

    assert_eq!(store.record(&key).await.unwrap(), Some(stored));
    assert_eq!(store.count().await.unwrap(), count);
    assert_eq!(store.record(&gb("80000", 2020).key).await.unwrap(), None);
    assert_eq!(store.changes_since(0, 100_000).await.unwrap().len(), log);
    assert_eq!(store.import(imp).await.unwrap().unwrap().inserted, 0);

    let mut empty = gb("1", 2000);
    empty.key = " ".into();
    let err = store.upsert_records(imp, vec![empty]).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    // The store still works afterwards.
    assert_eq!(
        store.upsert_records(imp, vec![]).await.unwrap(),
        BatchOutcome::default()
    );
}

async fn unicode_round_trip(store: &Store) {
    let mut r = record("foreign", "JIS", "B 0001", 2019);
    r.titles.ja = Some("機械製図 — 「図面」の'引用'\"記号\" ①②".into());
    r.titles.zh = Some("机械制图 𠀀𪚥 emoji 🚀 and NUL-free \\ backslash".into());
    r.titles.fr = Some("Dessins techniques — Généralités « œuvre »".into());
    r.titles.en = Some("Technical drawings; DROP TABLE standards; --".into());
    r.scope = Some("Ｆｕｌｌ　ｗｉｄｔｈ　text\twith\ttabs\nand lines".into());
    let imp = store.begin_import("demo", &[], None).await.unwrap();
    store.upsert_records(imp, vec![r.clone()]).await.unwrap();
    assert_eq!(store.record(&r.key).await.unwrap(), Some(r.clone()));
    assert_eq!(
        store.upsert_records(imp, vec![r]).await.unwrap(),
        outcome(0, 0, 1, 0)
    );
}

async fn large_batches_and_paging(store: &Store) {
    let base = store.count().await.unwrap();
    let records: Vec<Record> = (0..3_001).map(synthetic).collect();
    let imp = store.begin_import("synthetic", &[], None).await.unwrap();
    let first = store.upsert_records(imp, records.clone()).await.unwrap();
    assert_eq!(first, outcome(3_001, 0, 0, 0));
    let again = store.upsert_records(imp, records.clone()).await.unwrap();
    assert_eq!(again, outcome(0, 0, 3_001, 0));
    let total = store.count().await.unwrap();
    assert_eq!(total, base + 3_001);

    let mut pages = store.record_pages(1_000);
    let mut seen = Vec::new();
    while let Some(page) = pages.next_page().await.unwrap() {
        assert!(page.len() <= 1_000);
        seen.extend(page.into_iter().map(|r| r.key));
    }
    assert_eq!(seen.len() as u64, total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "strict key order");
    let all = store.all_records().await.unwrap();
    assert_eq!(all.len() as u64, total);
    assert_eq!(
        all.iter().find(|r| r.key == records[42].key),
        Some(&records[42])
    );
    let refs = store
        .referrers(&[records[7].relations[0].target_key.clone()])
        .await
        .unwrap();
    assert_eq!(
        refs,
        vec![(
            records[7].key.clone(),
            RelationKind::Replaces,
            records[7].relations[0].target_key.clone()
        )]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suite_on_sqlite() {
    let (store, _dir) = sqlite_store().await;
    assert_eq!(store.backend(), Backend::Sqlite);
    suite(&store).await;
    store.close().await;
    // Reopening an existing database runs no migration twice and keeps the data.
    let reopened = Store::open_dir(_dir.path()).await.unwrap();
    assert!(reopened.count().await.unwrap() > 3_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suite_on_postgres() {
    let Some(base) = pg_url() else { return };
    let url = fresh_pg_database(&base, "suite").await;
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    suite(&store).await;
    store.close().await;
    let reopened = Store::open(&url).await.unwrap();
    assert!(reopened.count().await.unwrap() > 3_000);
    reopened.close().await;
    drop_pg_database(&url).await;
}

#[tokio::test]
async fn unsupported_urls_are_errors() {
    let err = Store::open("mysql://x@localhost/db").await.unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedUrl(_)));
}

#[tokio::test]
async fn open_dir_handles_awkward_paths() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("数据 dir #1 %20?x");
    let store = Store::open_dir(&dir).await.unwrap();
    assert_eq!(store.count().await.unwrap(), 0);
    store.close().await;
    assert!(dir.join("normbase.db").exists());
}

#[tokio::test]
async fn in_memory_sqlite_works() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let imp = store.begin_import("demo", &[], None).await.unwrap();
    store
        .upsert_records(imp, vec![gb("1", 2020)])
        .await
        .unwrap();
    assert_eq!(store.count().await.unwrap(), 1);
}
