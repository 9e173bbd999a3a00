//! Loading the slice of the catalogue a check needs: the families of the
//! references, then, round by round, the families of every linked edition.

use anyhow::Result;
use normbase_core::check::Catalogue;
use normbase_core::designation::{Designation, Kind};
use normbase_core::record::Record;
use normbase_store::Store;
use std::collections::BTreeSet;

/// Longest replacement chain followed across families.
const MAX_ROUNDS: usize = 32;

/// Family keys a reference may resolve to: its own, and for Chinese
/// designations the prefix variants GB ↔ GB/T ↔ GB/Z.
pub fn families_of(d: &Designation) -> Vec<String> {
    let mut out = vec![d.family_key()];
    if !matches!(d.kind, Kind::National | Kind::Industry | Kind::Local) {
        return out;
    }
    let stem = d
        .body
        .trim_end_matches("/T")
        .trim_end_matches("/Z")
        .to_string();
    for body in [stem.clone(), format!("{stem}/T"), format!("{stem}/Z")] {
        if body != d.body {
            let mut alt = d.clone();
            alt.body = body;
            out.push(alt.family_key());
        }
    }
    out
}

/// Builds the view for the given parsed references.
pub async fn load_view(store: &Store, refs: &[Designation]) -> Result<Catalogue> {
    let mut cat = Catalogue::new();
    if refs.iter().any(|d| d.all_parts) {
        // "All parts" needs every family of a series: read the whole catalogue.
        for r in store.all_records().await? {
            cat.insert(r);
        }
        return Ok(cat);
    }
    let mut loaded_families: BTreeSet<String> = BTreeSet::new();
    // Keys already asked for: links to editions the catalogue lacks are asked once.
    let mut tried_keys: BTreeSet<String> = BTreeSet::new();
    let mut pending: BTreeSet<String> = refs.iter().flat_map(families_of).collect();
    for _ in 0..MAX_ROUNDS {
        pending.retain(|f| !loaded_families.contains(f));
        if pending.is_empty() {
            break;
        }
        let fams: Vec<String> = pending.iter().cloned().collect();
        loaded_families.extend(pending.iter().cloned());
        let fresh = families_in_parallel(store, fams).await?;
        let fresh_keys: Vec<String> = fresh.iter().map(|r| r.key.clone()).collect();
        for r in fresh {
            cat.insert(r);
        }
        let mut next_keys: BTreeSet<String> = cat.missing_targets();
        for from in store.replacers(&fresh_keys).await? {
            if cat.get(&from).is_none() {
                next_keys.insert(from);
            }
        }
        pending.clear();
        next_keys.retain(|k| !tried_keys.contains(k));
        tried_keys.extend(next_keys.iter().cloned());
        if next_keys.is_empty() {
            continue;
        }
        // A target may be undated (a family key): load it as a family too.
        pending.extend(next_keys.iter().cloned());
        let keys: Vec<String> = next_keys.into_iter().collect();
        for r in store.records_by_keys(&keys).await? {
            pending.insert(r.family.clone());
            cat.insert(r);
        }
    }
    Ok(cat)
}

/// Reads families on several connections at once, so that decoding the
/// stored JSON runs on both cores.
async fn families_in_parallel(store: &Store, fams: Vec<String>) -> Result<Vec<Record>> {
    const PARALLEL: usize = 2;
    if fams.len() < 256 {
        return Ok(store.records_by_families(&fams).await?);
    }
    let per = fams.len().div_ceil(PARALLEL);
    let mut tasks = Vec::new();
    for chunk in fams.chunks(per) {
        let store = store.clone();
        let chunk = chunk.to_vec();
        tasks.push(tokio::spawn(async move {
            store.records_by_families(&chunk).await
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.extend(t.await??);
    }
    Ok(out)
}
