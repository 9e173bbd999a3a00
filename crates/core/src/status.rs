//! Status rules: what state an edition is in today, and why.

use crate::date::PartialDate;
use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The platform's status vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In force.
    Current,
    /// Published, implementation date still ahead (即将实施).
    Upcoming,
    /// Superseded, successor(s) known (被代替).
    Replaced,
    /// Withdrawn without a successor (废止).
    Withdrawn,
    /// Under development.
    Draft,
}

impl Status {
    /// Lowercase name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Upcoming => "upcoming",
            Status::Replaced => "replaced",
            Status::Withdrawn => "withdrawn",
            Status::Draft => "draft",
        }
    }

    /// Parses the lowercase name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "current" => Status::Current,
            "upcoming" => Status::Upcoming,
            "replaced" => Status::Replaced,
            "withdrawn" => Status::Withdrawn,
            "draft" => Status::Draft,
            _ => return None,
        })
    }

    /// Chinese label as on the national platform.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Current => "现行",
            Status::Upcoming => "即将实施",
            Status::Replaced => "被代替",
            Status::Withdrawn => "废止",
            Status::Draft => "制定中",
        }
    }

    /// True for editions that are (or are about to be) in force.
    pub fn is_valid(self) -> bool {
        matches!(self, Status::Current | Status::Upcoming)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a source's own status word or stage code says, before the catalogue's relations are considered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    /// Published and in force (60.60, 90.xx, PUBLISHED, 现行, valid).
    InForce,
    /// Published, not yet in force (即将实施, 60.00).
    Upcoming,
    /// Revised or replaced (REVISED, REPLACED, 被代替).
    Replaced,
    /// Withdrawn (95.99, WITHDRAWN, 废止, 作废, withdrawn).
    Withdrawn,
    /// Under development (stages below 60, 制定中).
    Draft,
}

/// Reads a source's status word or stage code. `None` when it says nothing we know.
pub fn interpret_stage(stage: &str) -> Option<SourceStatus> {
    let s = stage.trim();
    let lower = s.to_ascii_lowercase();
    let word = match lower.as_str() {
        "published" | "valid" | "current" | "active" | "in force" | "confirmed" => {
            Some(SourceStatus::InForce)
        }
        "upcoming" => Some(SourceStatus::Upcoming),
        "revised" | "replaced" | "superseded" => Some(SourceStatus::Replaced),
        "withdrawn" | "obsolete" | "cancelled" | "abolished" => Some(SourceStatus::Withdrawn),
        "draft" | "preparatory" | "under development" => Some(SourceStatus::Draft),
        _ => None,
    };
    if word.is_some() {
        return word;
    }
    match s {
        "现行" | "现行有效" | "有效" => return Some(SourceStatus::InForce),
        "即将实施" | "尚未实施" => return Some(SourceStatus::Upcoming),
        "被代替" | "被替代" | "已被代替" => return Some(SourceStatus::Replaced),
        "废止" | "已废止" | "作废" | "已作废" | "废除" => {
            return Some(SourceStatus::Withdrawn);
        }
        "制定中" | "征求意见" | "报批" | "起草" => return Some(SourceStatus::Draft),
        _ => {}
    }
    // ISO/IEC harmonized stage codes: "60.60", "95.99", "90", "40.20".
    let (major, minor) = match s.split_once('.') {
        Some((a, b)) => (a.parse::<u32>().ok()?, b.parse::<u32>().ok()),
        None => (s.parse::<u32>().ok()?, None),
    };
    Some(match major {
        0..=59 => SourceStatus::Draft,
        60 => match minor {
            Some(0) => SourceStatus::Upcoming,
            _ => SourceStatus::InForce,
        },
        61..=94 => SourceStatus::InForce,
        95 => match minor {
            Some(99) | None => SourceStatus::Withdrawn,
            // 95.20/95.60: withdrawal under way, still in force until 95.99.
            Some(_) => SourceStatus::InForce,
        },
        _ => return None,
    })
}

/// A known successor edition, with what the status rule needs of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Successor {
    /// Canonical designation.
    pub designation: String,
    /// Its implementation date (or publication date if none), when known.
    pub in_force_from: Option<PartialDate>,
    /// Whether the successor is itself still a draft.
    pub is_draft: bool,
}

/// A status with the reason it was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusVerdict {
    /// The status.
    pub status: Status,
    /// Why, in one short English sentence.
    pub reason: String,
}

/// Derives the status of `record` on `today`, given the successors the catalogue knows.
///
/// Rules, in order:
/// 1. a draft stage → draft;
/// 2. a published successor already in force → replaced (an upcoming successor
///    leaves the old edition in force until its implementation date);
/// 3. the source says withdrawn, or a withdrawal date has passed → withdrawn;
/// 4. the source says replaced/revised but no successor is known → replaced;
/// 5. an implementation date in the future → upcoming;
/// 6. otherwise current.
pub fn derive(
    record: &Record,
    successors: &[Successor],
    today: chrono::NaiveDate,
) -> StatusVerdict {
    let verdict = |status, reason: String| StatusVerdict { status, reason };
    let source = record.stage.as_deref().and_then(interpret_stage);
    if source == Some(SourceStatus::Draft) {
        return verdict(
            Status::Draft,
            format!(
                "stage {} is under development",
                record.stage.as_deref().unwrap_or("")
            ),
        );
    }
    let live: Vec<&Successor> = successors.iter().filter(|s| !s.is_draft).collect();
    let in_force: Vec<&str> = live
        .iter()
        .filter(|s| s.in_force_from.as_ref().is_none_or(|d| !d.is_after(today)))
        .map(|s| s.designation.as_str())
        .collect();
    if !in_force.is_empty() {
        return verdict(
            Status::Replaced,
            format!("replaced by {}", in_force.join(", ")),
        );
    }
    let withdrawn_by_date = record
        .withdrawn
        .as_ref()
        .is_some_and(|d| !d.is_after(today));
    if !live.is_empty() && !withdrawn_by_date && source != Some(SourceStatus::Withdrawn) {
        let s = live[0];
        let when = s
            .in_force_from
            .as_ref()
            .map(|d| d.to_string())
            .unwrap_or_default();
        return verdict(
            Status::Current,
            format!("in force until {} takes effect on {when}", s.designation),
        );
    }
    if !live.is_empty() {
        let names: Vec<&str> = live.iter().map(|s| s.designation.as_str()).collect();
        return verdict(
            Status::Replaced,
            format!("replaced by {}", names.join(", ")),
        );
    }
    if source == Some(SourceStatus::Withdrawn) || withdrawn_by_date {
        let when = record
            .withdrawn
            .as_ref()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        return verdict(
            Status::Withdrawn,
            format!("withdrawn{when}, no successor known"),
        );
    }
    if source == Some(SourceStatus::Replaced) {
        return verdict(
            Status::Replaced,
            "source marks it replaced; successor not in the catalogue".into(),
        );
    }
    if let Some(d) = record.implemented.as_ref().filter(|d| d.is_after(today)) {
        return verdict(Status::Upcoming, format!("published, in force from {d}"));
    }
    if source == Some(SourceStatus::Upcoming) && record.implemented.is_none() {
        return verdict(
            Status::Upcoming,
            "source marks it published, not yet in force".into(),
        );
    }
    match (&record.implemented, &record.stage) {
        (Some(d), _) => verdict(Status::Current, format!("in force since {d}")),
        (None, Some(s)) => verdict(Status::Current, format!("source status {s}")),
        (None, None) => verdict(
            Status::Current,
            "published; no withdrawal or successor known".into(),
        ),
    }
}

#[cfg(test)]
mod tests;
