//! Loading the slice of the catalogue a check needs. Dated references are
//! read by key; whole families are read only where resolution looks at them
//! (undated or unknown references, and editions whose successor must be
//! inferred from the family); then, round by round, whatever the replacement
//! links lead to.

use anyhow::Result;
use normbase_core::check::{Catalogue, needs_family};
use normbase_core::designation::Designation;
use normbase_core::record::Record;
use normbase_store::Store;
use std::collections::BTreeSet;

/// Longest replacement chain followed across families.
const MAX_ROUNDS: usize = 32;

/// Family keys a reference may resolve to: its own, and for Chinese
/// designations those of the prefix variants GB ↔ GB/T ↔ GB/Z.
pub fn families_of(d: &Designation) -> Vec<String> {
    std::iter::once(d.family_key())
        .chain(d.prefix_variants().iter().map(Designation::family_key))
        .collect()
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
    let mut families: BTreeSet<String> = BTreeSet::new();
    let dated: Vec<&Designation> = refs.iter().filter(|d| d.year.is_some()).collect();
    for d in refs.iter().filter(|d| d.year.is_none()) {
        families.extend(families_of(d));
    }
    let keys: Vec<String> = dated.iter().map(|d| d.key()).collect();
    let mut tried_keys: BTreeSet<String> = keys.iter().cloned().collect();
    let mut fresh = in_parallel(store, keys, Lookup::Keys).await?;
    for r in &fresh {
        cat.insert(r.clone());
    }
    // Unknown editions list their family as candidates.
    for d in dated {
        if cat.get(&d.key()).is_none() {
            families.extend(families_of(d));
        }
    }
    let mut loaded_families: BTreeSet<String> = BTreeSet::new();
    for _ in 0..MAX_ROUNDS {
        families.extend(
            fresh
                .iter()
                .filter(|r| needs_family(r))
                .map(|r| r.family.clone()),
        );
        families.retain(|f| !loaded_families.contains(f));
        let fams: Vec<String> = std::mem::take(&mut families).into_iter().collect();
        loaded_families.extend(fams.iter().cloned());
        let from_families = in_parallel(store, fams, Lookup::Families).await?;
        let mut fresh_keys: Vec<String> = fresh.iter().map(|r| r.key.clone()).collect();
        for r in from_families {
            if cat.get(&r.key).is_none() {
                fresh_keys.push(r.key.clone());
                cat.insert(r);
            }
        }
        let mut next: BTreeSet<String> = cat.missing_targets();
        next.extend(store.replacers(&fresh_keys).await?);
        next.retain(|k| cat.get(k).is_none() && !tried_keys.contains(k));
        if next.is_empty() {
            break;
        }
        tried_keys.extend(next.iter().cloned());
        // A target may be undated (a family key): read it as a family too.
        families.extend(next.iter().cloned());
        let keys: Vec<String> = next.into_iter().collect();
        fresh = in_parallel(store, keys, Lookup::Keys).await?;
        for r in &fresh {
            cat.insert(r.clone());
        }
    }
    Ok(cat)
}

/// What a list of strings names.
#[derive(Clone, Copy)]
enum Lookup {
    Keys,
    Families,
}

async fn lookup(store: &Store, items: &[String], how: Lookup) -> Result<Vec<Record>> {
    Ok(match how {
        Lookup::Keys => store.records_by_keys(items).await?,
        Lookup::Families => store.records_by_families(items).await?,
    })
}

/// Reads records on two connections at once, so that decoding the stored
/// JSON runs on both cores.
async fn in_parallel(store: &Store, items: Vec<String>, how: Lookup) -> Result<Vec<Record>> {
    const PARALLEL: usize = 2;
    if items.len() < 256 {
        return lookup(store, &items, how).await;
    }
    let per = items.len().div_ceil(PARALLEL);
    let mut tasks = Vec::new();
    for chunk in items.chunks(per) {
        let store = store.clone();
        let chunk = chunk.to_vec();
        tasks.push(tokio::spawn(
            async move { lookup(&store, &chunk, how).await },
        ));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.extend(t.await??);
    }
    Ok(out)
}
