//! Validity check (标准查新): resolving references against the catalogue.
//!
//! [`Catalogue`] is an in-memory view of the records a check needs (the
//! storage layer fills it family by family); [`Catalogue::resolve`] answers
//! one reference. Everything here is pure and synchronous.

use crate::date::PartialDate;
use crate::designation::{self, Designation};
use crate::record::{Record, RelationKind};
use crate::status::{self, SourceStatus, Status, StatusVerdict, Successor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The outcome of checking one reference; field names are the `check --json` contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The reference as given.
    pub input: String,
    /// True when the reference parsed and matched a catalogue record.
    pub ok: bool,
    /// Canonical form of the reference (null when it does not parse).
    pub canonical: Option<String>,
    /// Canonical designation of the matched edition, or null.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    /// current, upcoming, replaced, withdrawn, draft, unknown, ambiguous, invalid.
    pub status: String,
    /// Title of the matched edition (Chinese preferred).
    pub title: Option<String>,
    /// Publication date of the matched edition.
    pub published: Option<String>,
    /// Implementation date of the matched edition.
    pub implemented: Option<String>,
    /// The edition(s) in force that the reference leads to.
    pub current_edition: Vec<String>,
    /// Candidate editions when unknown or ambiguous.
    pub candidates: Vec<String>,
    /// A short explanation for a person.
    pub note: String,
}

/// The records a check can see, with the links between them.
#[derive(Default, Debug)]
pub struct Catalogue {
    records: HashMap<String, Record>,
    families: HashMap<String, Vec<String>>,
    /// key → keys that name it as replaced (inbound `replaces` links).
    replaced_by: HashMap<String, BTreeSet<String>>,
}

impl Catalogue {
    /// An empty view.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a record.
    pub fn insert(&mut self, record: Record) {
        for rel in &record.relations {
            if rel.kind == RelationKind::Replaces {
                self.replaced_by
                    .entry(rel.target_key.clone())
                    .or_default()
                    .insert(record.key.clone());
            }
        }
        let fam = self.families.entry(record.family.clone()).or_default();
        if !fam.contains(&record.key) {
            fam.push(record.key.clone());
        }
        self.records.insert(record.key.clone(), record);
    }

    /// Adds a record, or merges it into the one already held with the same
    /// key (as the store does: [`Record::merge_with`]).
    pub fn upsert(&mut self, record: Record, prefer_existing: bool) {
        match self.records.remove(&record.key) {
            Some(mut held) => {
                held.merge_with(&record, prefer_existing);
                self.insert(held);
            }
            None => self.insert(record),
        }
    }

    /// Number of records in the view.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when the view holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// A record by key.
    pub fn get(&self, key: &str) -> Option<&Record> {
        self.records.get(key)
    }

    /// All records, in no particular order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.records.values()
    }

    /// Keys of records this view references but does not hold (to load next).
    pub fn missing_targets(&self) -> BTreeSet<String> {
        self.records
            .values()
            .flat_map(|r| r.relations.iter())
            .filter(|r| matches!(r.kind, RelationKind::Replaces | RelationKind::ReplacedBy))
            .map(|r| r.target_key.clone())
            .filter(|k| !self.records.contains_key(k))
            .collect()
    }

    /// Editions of a family, oldest first (amendments last).
    pub fn family(&self, family: &str) -> Vec<&Record> {
        let mut v: Vec<&Record> = self
            .families
            .get(family)
            .map(|keys| keys.iter().filter_map(|k| self.records.get(k)).collect())
            .unwrap_or_default();
        // Within a year the plain edition sorts after its format variants (CMV,
        // RLV …) so that "latest" picks the edition itself.
        v.sort_by_key(|r| {
            (
                r.is_supplement(),
                r.year.unwrap_or(0),
                !is_format_variant(r),
                r.published.clone(),
                r.key.clone(),
            )
        });
        v
    }

    /// Families whose key starts with `prefix` (parts of a series).
    pub fn families_with_prefix(&self, prefix: &str) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .families
            .keys()
            .filter(|f| f.starts_with(prefix))
            .map(String::as_str)
            .collect();
        v.sort();
        v
    }

    /// Successor editions of `key`: explicit links in either direction, or,
    /// when the source says the edition is no longer in force and nothing is
    /// linked, the next later edition of the same family.
    pub fn successors(&self, key: &str) -> Vec<&Record> {
        let Some(rec) = self.records.get(key) else {
            return vec![];
        };
        let mut keys: BTreeSet<&str> = rec.successor_keys().collect();
        if let Some(inbound) = self.replaced_by.get(key) {
            keys.extend(inbound.iter().map(String::as_str));
        }
        let mut out: Vec<&Record> = Vec::new();
        for k in &keys {
            match self.records.get(*k) {
                Some(r) => out.push(r),
                // An undated target ("replaced by IEC 62368-1") names a family: take its latest edition.
                None => {
                    if let Some(r) = self
                        .family(k)
                        .into_iter()
                        .rev()
                        .find(|r| !r.is_supplement())
                    {
                        out.push(r);
                    }
                }
            }
        }
        if out.is_empty() && !rec.is_supplement() && self.source_says_superseded(rec) {
            let year = rec.year.unwrap_or(0);
            out.extend(
                self.family(&rec.family)
                    .into_iter()
                    .filter(|r| {
                        !r.is_supplement()
                            && !is_format_variant(r)
                            && r.year.unwrap_or(0) > year
                            && !is_draft(r)
                    })
                    .take(1),
            );
        }
        out
    }

    fn source_says_superseded(&self, rec: &Record) -> bool {
        matches!(
            rec.stage.as_deref().and_then(status::interpret_stage),
            Some(SourceStatus::Replaced | SourceStatus::Withdrawn)
        )
    }

    /// Status of an edition on `today`.
    pub fn status(&self, key: &str, today: chrono::NaiveDate) -> Option<StatusVerdict> {
        let rec = self.records.get(key)?;
        let succ: Vec<Successor> = self
            .successors(key)
            .into_iter()
            .map(|s| Successor {
                designation: s.designation.clone(),
                in_force_from: s.implemented.clone().or_else(|| s.published.clone()),
                is_draft: is_draft(s),
            })
            .collect();
        Some(status::derive(rec, &succ, today))
    }

    /// The edition(s) in force that `key` leads to by following successors
    /// (several when a standard was split; empty when the chain ends withdrawn).
    pub fn current_editions(&self, key: &str, today: chrono::NaiveDate) -> Vec<&Record> {
        let mut out: Vec<&Record> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut queue: Vec<&str> = vec![key];
        while let Some(k) = queue.pop() {
            if !seen.insert(k) || seen.len() > 200 {
                continue;
            }
            let Some(verdict) = self.status(k, today) else {
                continue;
            };
            if verdict.status.is_valid() {
                if let Some(r) = self.records.get(k)
                    && !out.iter().any(|o| o.key == r.key)
                {
                    out.push(r);
                }
                continue;
            }
            for s in self.successors(k) {
                queue.push(s.key.as_str());
            }
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out
    }

    /// Editions that this one replaced (inverse of [`Catalogue::successors`]).
    pub fn predecessors(&self, key: &str) -> Vec<&Record> {
        let mut out: BTreeSet<&str> = BTreeSet::new();
        if let Some(rec) = self.records.get(key) {
            for rel in &rec.relations {
                if rel.kind == RelationKind::Replaces {
                    out.insert(rel.target_key.as_str());
                }
            }
        }
        for r in self.records.values() {
            if r.key != key && self.successors(&r.key).iter().any(|s| s.key == key) {
                out.insert(r.key.as_str());
            }
        }
        out.iter().filter_map(|k| self.records.get(*k)).collect()
    }

    /// Resolves one reference as typed by a person.
    pub fn resolve(&self, input: &str, today: chrono::NaiveDate) -> CheckResult {
        let mut res = CheckResult {
            input: input.to_string(),
            ok: false,
            canonical: None,
            matched: None,
            status: "invalid".into(),
            title: None,
            published: None,
            implemented: None,
            current_edition: vec![],
            candidates: vec![],
            note: String::new(),
        };
        let d = match designation::parse(input) {
            Ok(d) => d,
            Err(e) => {
                res.note = e.to_string();
                return res;
            }
        };
        res.canonical = Some(d.canonical());
        if d.all_parts {
            return self.resolve_all_parts(&d, res, today);
        }
        if d.year.is_some() {
            let key = d.key();
            if self.records.contains_key(&key) {
                return self.fill(res, &key, today, String::new());
            }
            let alts = self.body_variants(&d, true);
            if let [only] = alts.as_slice() {
                let note = format!(
                    "found as {} (the reference has a different prefix)",
                    self.records[only].designation
                );
                return self.fill(res, only, today, note);
            }
            let fam = self.family(&d.family_key());
            res.status = "unknown".into();
            if fam.is_empty() && alts.len() > 1 {
                return self.ambiguous(res, &alts);
            }
            res.candidates = fam.iter().map(|r| r.designation.clone()).collect();
            res.current_edition = self
                .latest_valid(&fam, today)
                .map(|r| vec![r.designation.clone()])
                .unwrap_or_default();
            res.note = if fam.is_empty() {
                "not in the catalogue".into()
            } else {
                "this edition is not in the catalogue; other editions are".into()
            };
            return res;
        }
        // Undated: the current edition of the family.
        let mut fam = self.family(&d.family_key());
        if fam.is_empty() {
            let alts = self.body_variants(&d, false);
            let fams: BTreeSet<&str> = alts
                .iter()
                .map(|k| self.records[k].family.as_str())
                .collect();
            if fams.len() == 1 {
                fam = self.family(fams.iter().next().copied().unwrap_or_default());
            } else if fams.len() > 1 {
                return self.ambiguous(res, &alts);
            }
        }
        if fam.is_empty() {
            res.status = "unknown".into();
            res.note = "not in the catalogue".into();
            return res;
        }
        let pick = self
            .latest_valid(&fam, today)
            .or_else(|| fam.iter().rev().find(|r| !r.is_supplement()).copied())
            .or_else(|| fam.last().copied());
        match pick {
            Some(r) => {
                let key = r.key.clone();
                self.fill(
                    res,
                    &key,
                    today,
                    "undated reference: resolved to the latest edition".into(),
                )
            }
            None => res,
        }
    }

    fn ambiguous(&self, mut res: CheckResult, keys: &[String]) -> CheckResult {
        res.status = "ambiguous".into();
        res.candidates = keys
            .iter()
            .filter_map(|k| self.records.get(k))
            .map(|r| r.designation.clone())
            .collect();
        res.note = "several standards match with a different prefix".into();
        res
    }

    fn latest_valid<'a>(&self, fam: &[&'a Record], today: chrono::NaiveDate) -> Option<&'a Record> {
        fam.iter()
            .rev()
            .filter(|r| !r.is_supplement())
            .find(|r| {
                self.status(&r.key, today)
                    .is_some_and(|v| v.status.is_valid())
            })
            .copied()
    }

    /// Keys of editions that match `d` when only the body's suffix differs (GB ↔ GB/T ↔ GB/Z).
    fn body_variants(&self, d: &Designation, dated: bool) -> Vec<String> {
        let mut out = Vec::new();
        for alt in d.prefix_variants() {
            if dated {
                let key = alt.key();
                if self.records.contains_key(&key) {
                    out.push(key);
                }
            } else if let Some(keys) = self.families.get(&alt.family_key()) {
                out.extend(keys.iter().cloned());
            }
        }
        out
    }

    fn resolve_all_parts(
        &self,
        d: &Designation,
        mut res: CheckResult,
        today: chrono::NaiveDate,
    ) -> CheckResult {
        let mut series = d.clone();
        series.part = None;
        series.year = None;
        series.amendments.clear();
        series.all_parts = false;
        let fam = series.family_key();
        let parts: Vec<&str> = self
            .families_with_prefix(&fam)
            .into_iter()
            .filter(|f| f.len() > fam.len() && matches!(f.as_bytes()[fam.len()], b'.' | b'-'))
            .collect();
        if parts.is_empty() {
            res.status = "unknown".into();
            res.note = "no part of this series is in the catalogue".into();
            return res;
        }
        for f in &parts {
            let members = self.family(f);
            if let Some(r) = self.latest_valid(&members, today) {
                res.current_edition.push(r.designation.clone());
            }
            res.candidates
                .extend(members.iter().map(|r| r.designation.clone()));
        }
        res.ok = !res.current_edition.is_empty();
        res.status = if res.ok { "current" } else { "withdrawn" }.into();
        res.note = format!(
            "all parts: {} part(s) known, {} in force",
            parts.len(),
            res.current_edition.len()
        );
        res
    }

    fn fill(
        &self,
        mut res: CheckResult,
        key: &str,
        today: chrono::NaiveDate,
        note: String,
    ) -> CheckResult {
        let Some(rec) = self.records.get(key) else {
            return res;
        };
        let verdict = self.status(key, today);
        res.ok = true;
        res.matched = Some(rec.designation.clone());
        res.title = rec.titles.preferred().map(String::from);
        res.published = rec.published.as_ref().map(PartialDate::to_string);
        res.implemented = rec.implemented.as_ref().map(PartialDate::to_string);
        res.status = verdict
            .as_ref()
            .map_or("current", |v| v.status.as_str())
            .into();
        res.current_edition = self
            .current_editions(key, today)
            .iter()
            .map(|r| r.designation.clone())
            .collect();
        let reason = verdict.map(|v| v.reason).unwrap_or_default();
        res.note = match (note.is_empty(), reason.is_empty()) {
            (true, _) => reason,
            (false, true) => note,
            (false, false) => format!("{note}; {reason}"),
        };
        res
    }
}

/// True when resolving `r` may need the other editions of its family: the
/// source says it is no longer in force and it names no successor, so the
/// successor is inferred from the family.
pub fn needs_family(r: &Record) -> bool {
    !r.is_supplement()
        && r.successor_keys().next().is_none()
        && matches!(
            r.stage.as_deref().and_then(status::interpret_stage),
            Some(SourceStatus::Replaced | SourceStatus::Withdrawn)
        )
}

/// True for IEC publication formats of an edition: consolidated (CSV), redline
/// (RLV), commented (CMV), extended (EXV) versions.
pub fn is_format_variant(r: &Record) -> bool {
    [" CSV", " RLV", " CMV", " EXV", " PRV"]
        .iter()
        .any(|v| r.designation.ends_with(v))
}

fn is_draft(r: &Record) -> bool {
    r.stage.as_deref().and_then(status::interpret_stage) == Some(SourceStatus::Draft)
}

/// The status of every record in the view, for materialising in storage.
pub fn all_statuses(cat: &Catalogue, today: chrono::NaiveDate) -> Vec<(String, Status, String)> {
    cat.records()
        .filter_map(|r| {
            cat.status(&r.key, today)
                .map(|v| (r.key.clone(), v.status, v.reason))
        })
        .collect()
}

#[cfg(test)]
mod tests;
