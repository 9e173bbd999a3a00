//! One standard edition as the catalogue stores it.

use crate::date::PartialDate;
use crate::designation::{Designation, Kind};
use serde::{Deserialize, Serialize};

pub use crate::designation::Degree;

/// Titles in the languages the platform shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Titles {
    /// Chinese title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// French title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// Japanese title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
}

impl Titles {
    /// The best title for a Chinese reader: zh, then en, ja, fr.
    pub fn preferred(&self) -> Option<&str> {
        self.zh
            .as_deref()
            .or(self.en.as_deref())
            .or(self.ja.as_deref())
            .or(self.fr.as_deref())
    }
}

/// An adopted international or foreign standard and the degree of adoption.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Adoption {
    /// Canonical designation of the adopted standard (or the text as given when it does not parse).
    pub designation: String,
    /// IDT, MOD, NEQ (or old EQV), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<Degree>,
}

/// How two editions relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This edition replaces the target (代替).
    Replaces,
    /// This edition is replaced by the target (被代替).
    ReplacedBy,
    /// This document amends or corrects the target.
    Amends,
    /// This edition is amended or corrected by the target.
    AmendedBy,
    /// This (international) standard is adopted by the target.
    AdoptedBy,
}

impl RelationKind {
    /// The snake_case name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Replaces => "replaces",
            RelationKind::ReplacedBy => "replaced_by",
            RelationKind::Amends => "amends",
            RelationKind::AmendedBy => "amended_by",
            RelationKind::AdoptedBy => "adopted_by",
        }
    }

    /// Parses the snake_case name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "replaces" => RelationKind::Replaces,
            "replaced_by" => RelationKind::ReplacedBy,
            "amends" => RelationKind::Amends,
            "amended_by" => RelationKind::AmendedBy,
            "adopted_by" => RelationKind::AdoptedBy,
            _ => return None,
        })
    }

    /// The same link seen from the other end.
    pub fn inverse(self) -> Option<Self> {
        match self {
            RelationKind::Replaces => Some(RelationKind::ReplacedBy),
            RelationKind::ReplacedBy => Some(RelationKind::Replaces),
            RelationKind::Amends => Some(RelationKind::AmendedBy),
            RelationKind::AmendedBy => Some(RelationKind::Amends),
            RelationKind::AdoptedBy => None,
        }
    }
}

/// A link from this edition to another.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Relation {
    /// What the link means, read from this record.
    pub kind: RelationKind,
    /// Canonical designation of the target.
    pub target: String,
    /// Comparison key of the target.
    pub target_key: String,
}

/// Where a record (or part of it) came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// The importer format: "relaton", "iso-open-data", "csv", "xlsx", "openstd", "demo".
    pub format: String,
    /// The source's own identifier for the record, if any (Relaton id, ISO project number, openstd hcno).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// One standard edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Canonical designation of this edition.
    pub designation: String,
    /// Comparison key of this edition (unique in the catalogue).
    pub key: String,
    /// Comparison key of the family (same standard, any edition).
    pub family: String,
    /// Level of the standard.
    pub kind: Kind,
    /// Issuing body prefix.
    pub body: String,
    /// Serial number.
    pub number: String,
    /// Part, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Year of the edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Deliverable type ("TR", "TS", "Amd", "Cor" …), if not a plain standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// Titles.
    #[serde(default)]
    pub titles: Titles,
    /// The source's own status word or stage code, as given ("60.60", "95.99", "PUBLISHED", "现行", "valid").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// Implementation (entry into force) date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implemented: Option<PartialDate>,
    /// Withdrawal date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<PartialDate>,
    /// Date last confirmed at periodic review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<PartialDate>,
    /// ICS codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ics: Vec<String>,
    /// CCS codes (中国标准文献分类号).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ccs: Vec<String>,
    /// Technical committee in charge (归口单位 / ISO TC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    /// Issuing or administering authority (主管部门 / publisher).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Drafting organisations (起草单位).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drafters: Vec<String>,
    /// Scope or abstract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Adopted international or foreign standards.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adoptions: Vec<Adoption>,
    /// Links to other editions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Where the record came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// How fresh the source snapshot is (comparable text, e.g. a harvest date).
    /// An older snapshot of the same edition only fills gaps when merged, so the
    /// result does not depend on the order rows arrive in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// Document types of supplements to an edition (amendments, corrigenda,
/// interpretation sheets, draft amendments, supplements, extensions, symbol
/// entries): they never succeed the edition they belong to.
pub const SUPPLEMENT_TYPES: &[&str] = &[
    "Amd", "Cor", "XG", "ISH", "DAM", "DAMD", "FDAM", "PDAM", "CD AMD", "SUPPL", "EXT", "ADD",
    "FRAG", "SYMBOL",
];

/// The supplement type named by an edition note such as "/ISH2:2025" or "SYMBOL 51100".
fn supplement_type(edition: &str) -> Option<String> {
    let word: String = edition
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    SUPPLEMENT_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(&word))
        .map(|t| t.to_string())
}

impl Record {
    /// True for amendments, corrigenda, modification sheets and other supplements.
    pub fn is_supplement(&self) -> bool {
        self.doc_type
            .as_deref()
            .is_some_and(|t| SUPPLEMENT_TYPES.iter().any(|s| s.eq_ignore_ascii_case(t)))
    }

    /// A record with the identity fields of `d` and nothing else.
    pub fn new(d: &Designation) -> Self {
        Record {
            designation: d.canonical(),
            key: d.key(),
            family: d.family_key(),
            kind: d.kind,
            body: d.body.clone(),
            number: d.number.clone(),
            part: d.part.clone(),
            year: d.year,
            doc_type: d
                .doc_type
                .clone()
                .or_else(|| {
                    d.amendments.last().map(|a| match a.kind {
                        crate::designation::AmendmentKind::Amd => "Amd".to_string(),
                        crate::designation::AmendmentKind::Cor => "Cor".to_string(),
                        crate::designation::AmendmentKind::Xg => "XG".to_string(),
                    })
                })
                .or_else(|| supplement_type(d.edition.as_deref()?)),
            titles: Titles::default(),
            stage: None,
            published: None,
            implemented: None,
            withdrawn: None,
            confirmed: None,
            ics: vec![],
            ccs: vec![],
            committee: None,
            issuer: None,
            drafters: vec![],
            scope: None,
            adoptions: vec![],
            relations: vec![],
            sources: vec![],
            as_of: None,
        }
    }

    /// Adds a relation to the designation `target` unless it is already there
    /// or points at this record itself. Unparseable targets are kept by text.
    pub fn relate(&mut self, kind: RelationKind, target: &str) {
        let (target, target_key) = match crate::designation::parse(target) {
            Ok(d) => (d.canonical(), d.key()),
            Err(_) => {
                let t = target.trim().to_string();
                let k = t.to_uppercase().replace(char::is_whitespace, "");
                (t, k)
            }
        };
        if target_key.is_empty() || target_key == self.key {
            return;
        }
        let rel = Relation {
            kind,
            target,
            target_key,
        };
        if !self.relations.contains(&rel) {
            self.relations.push(rel);
        }
    }

    /// Keys of the editions this record names as its successors.
    pub fn successor_keys(&self) -> impl Iterator<Item = &str> {
        self.relations
            .iter()
            .filter(|r| r.kind == RelationKind::ReplacedBy)
            .map(|r| r.target_key.as_str())
    }

    /// Merges `other` (the same edition from another source or a later import)
    /// into `self`: non-empty incoming fields win, empty ones never erase,
    /// lists are unioned. Returns the names of the fields that changed.
    pub fn merge(&mut self, other: &Record) -> Vec<&'static str> {
        self.merge_with(other, false)
    }

    /// Like [`Record::merge`]; with `prefer_existing` (the edition already came
    /// from an earlier row of the same import) conflicting values are kept and
    /// `other` only fills gaps, unless `other` is a strictly newer snapshot.
    /// This makes re-importing the same files a no-op even when two sources
    /// disagree about one edition.
    pub fn merge_with(&mut self, other: &Record, prefer_existing: bool) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let newer = matches!((&self.as_of, &other.as_of), (Some(a), Some(b)) if b > a);
        let older = matches!((&self.as_of, &other.as_of), (Some(a), Some(b)) if b < a)
            || (prefer_existing && !newer);
        macro_rules! opt {
            ($($f:ident).+, $name:expr) => {
                if other.$($f).+.is_some()
                    && self.$($f).+ != other.$($f).+
                    && (!older || self.$($f).+.is_none())
                {
                    self.$($f).+ = other.$($f).+.clone();
                    changed.push($name);
                }
            };
        }
        macro_rules! list {
            ($f:ident, $name:expr) => {{
                let before = self.$f.len();
                for item in &other.$f {
                    if !self.$f.contains(item) {
                        self.$f.push(item.clone());
                    }
                }
                if self.$f.len() != before {
                    changed.push($name);
                }
            }};
        }
        opt!(titles.zh, "title_zh");
        opt!(titles.en, "title_en");
        opt!(titles.fr, "title_fr");
        opt!(titles.ja, "title_ja");
        opt!(doc_type, "doc_type");
        opt!(stage, "stage");
        opt!(published, "published");
        opt!(implemented, "implemented");
        opt!(withdrawn, "withdrawn");
        opt!(confirmed, "confirmed");
        opt!(committee, "committee");
        opt!(issuer, "issuer");
        opt!(scope, "scope");
        list!(ics, "ics");
        list!(ccs, "ccs");
        list!(drafters, "drafters");
        list!(adoptions, "adoptions");
        list!(relations, "relations");
        list!(sources, "sources");
        if newer || (!older && other.as_of.is_some() && self.as_of != other.as_of) {
            self.as_of = other.as_of.clone();
            changed.push("as_of");
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::designation::parse;

    fn rec(s: &str) -> Record {
        Record::new(&parse(s).unwrap())
    }

    #[test]
    fn merge_fills_and_never_erases() {
        let mut a = rec("GB/T 19001-2016");
        a.titles.zh = Some("质量管理体系 要求".into());
        let mut b = rec("GB/T 19001-2016");
        b.titles.en = Some("Quality management systems—Requirements".into());
        b.ics = vec!["03.120.10".into()];
        let changed = a.merge(&b);
        assert_eq!(changed, vec!["title_en", "ics"]);
        assert_eq!(a.titles.zh.as_deref(), Some("质量管理体系 要求"));
        assert!(a.merge(&b).is_empty(), "second merge changes nothing");
    }

    #[test]
    fn older_snapshot_only_fills_gaps_in_any_order() {
        let mut newer = rec("ISO 1003:2008");
        newer.stage = Some("95.99".into());
        newer.as_of = Some("0001.0002.0009|".into());
        let mut older = rec("ISO 1003:2008");
        older.stage = Some("90.92".into());
        older.committee = Some("ISO/TC 34/SC 7".into());
        older.as_of = Some("0001.0002.0007|2024-01-16".into());
        let mut a = newer.clone();
        a.merge(&older);
        let mut b = older.clone();
        b.merge(&newer);
        assert_eq!(a, b, "merge order does not matter");
        assert_eq!(a.stage.as_deref(), Some("95.99"));
        assert_eq!(a.committee.as_deref(), Some("ISO/TC 34/SC 7"));
        assert!(a.merge(&older).is_empty() && a.merge(&newer).is_empty());
    }

    #[test]
    fn within_one_import_the_first_source_wins_conflicts() {
        let mut iso = rec("ISO 1001:1986");
        iso.stage = Some("95.99".into());
        let mut iec = rec("ISO 1001:1986");
        iec.stage = Some("REPLACED".into());
        iec.scope = Some("scope".into());
        let mut stored = iso.clone();
        assert_eq!(stored.merge_with(&iec, true), vec!["scope"]);
        assert_eq!(stored.stage.as_deref(), Some("95.99"));
        // Re-import of both rows: nothing changes.
        assert!(stored.merge_with(&iso, false).is_empty());
        assert!(stored.merge_with(&iec, true).is_empty());
        // A later import of one source alone updates the edition.
        assert_eq!(stored.merge_with(&iec, false), vec!["stage"]);
    }

    #[test]
    fn relate_skips_self_and_duplicates() {
        let mut a = rec("GB/T 19001-2016");
        a.relate(RelationKind::Replaces, "GB/T 19001-2008");
        a.relate(RelationKind::Replaces, "GB/T 19001—2008");
        a.relate(RelationKind::Replaces, "GB/T 19001-2016");
        assert_eq!(a.relations.len(), 1);
        assert_eq!(
            a.relations[0].target_key,
            parse("GB/T 19001-2008").unwrap().key()
        );
    }
}
