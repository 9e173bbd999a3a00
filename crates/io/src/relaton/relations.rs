//! Relaton relations and their direction.
//!
//! # What the real data says (relaton-data-iso @87c31d3, checked with a script)
//!
//! The ISO file has 71,253 documents with 37,441 `obsoletes`, 34,842 `updates`,
//! 5 `partOf` and no `updatedBy` relations; the IEC and JIS files have none.
//!
//! - `obsoletes`: this record replaces the target. 21,734 of them point at an
//!   earlier edition of the same standard (target year < own year: never the
//!   other way round); the rest point at other standards merged into this one
//!   (e.g. IEC 60601-2-12:2001 obsoletes ISO 10651-1:1993) or at the committee
//!   draft this record came from ("ISO 9001:2015 obsoletes ISO/CD 9001.2").
//!   11 corrigenda "obsolete" their own base (ISO 10218:1992/Cor 1:1994 →
//!   ISO 10218:1992): read as Amends.
//! - `updates` is used *backwards* by this source: the target updates this
//!   record. 21,815 point at a *later* edition of the same standard, and 21,798
//!   of those records are at stage 95 (withdrawn): "ISO 9001:2008 (95.99)
//!   updates ISO 9001:2015" means it was replaced by 2015. 5,458 point at an
//!   amendment or corrigendum of this record ("ISO 9001:2015 updates
//!   ISO 9001:2015/Amd 1:2024": amended by). 118 link corrigenda of one base
//!   (Cor 1:1999 updates Cor 3:2001: the later corrigendum supersedes). 7,145
//!   point at another standard, almost all (6,969) from withdrawn records
//!   (IEC 559:1989 updates ISO/IEC/IEEE 60559:2011). Only ~180 point at a
//!   draft or at an undated reference of the same family.
//!
//! # Rules applied
//!
//! The verb is not trusted for `updates`/`updatedBy`; structure and years decide:
//! 1. targets that are drafts (CD, DIS, FDIS, WD, AWI, NP, PRF, DAmd, …) are
//!    dropped: they only say which draft became this publication, or which
//!    revision is under way;
//! 2. target is an amendment/corrigendum of this record → AmendedBy;
//!    this record is one of the target → Amends (whatever the verb);
//! 3. `obsoletes` → Replaces; `obsoletedBy` → ReplacedBy;
//! 4. `updates`/`updatedBy`: target later (edition year, or supplement year and
//!    number for two supplements of one base; the bibitem date when the
//!    designation has no year) → ReplacedBy; earlier → Replaces; no order
//!    known → dropped.
//!
//! Other relation types (partOf, instanceOf, …) are not imported.

use super::model::Doc;
use normbase_core::{Record, RelationKind};

/// Splits "ISO 9001:2008/Cor 1:2009" into ("ISO 9001:2008", Some("Cor 1:2009")).
/// Also "+AMD1:2017" (IEC) and draft supplements ("/DAmd 1", "/CD Amd 1").
pub fn split_supplement(s: &str) -> (&str, Option<&str>) {
    for (i, c) in s.char_indices() {
        if c != '/' && c != '+' {
            continue;
        }
        let rest = &s[i + 1..];
        let mut word = rest.trim_start();
        for prefix in ["CD ", "DIS ", "FDIS ", "AWI ", "WD ", "PWI ", "NP ", "PRF "] {
            if let Some(w) = word.strip_prefix(prefix) {
                word = w;
            }
        }
        let lw = word.get(..5).unwrap_or(word).to_ascii_lowercase();
        let is_supp = [
            "amd", "cor", "add", "damd", "fdamd", "pdam", "dam", "dcor", "fdcor", "dad", "fdad",
            "pdad",
        ]
        .iter()
        .any(|k| {
            lw.starts_with(k)
                && lw[k.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || c.is_ascii_digit() || c == ':')
        });
        if is_supp {
            return (s[..i].trim(), Some(rest.trim()));
        }
    }
    (s.trim(), None)
}

/// True for designations of drafts (ISO/DIS 9001, ISO 9001:2015/DAmd 1, ISO/CD 9001.2 …).
pub fn is_draft(s: &str) -> bool {
    s.split(['/', ' ', '+']).any(|t| {
        matches!(
            t.to_ascii_uppercase().as_str(),
            "CD" | "DIS"
                | "FDIS"
                | "WD"
                | "AWI"
                | "NP"
                | "PWI"
                | "PRF"
                | "DTR"
                | "DTS"
                | "DPAS"
                | "FDTR"
                | "FDTS"
                | "PDTR"
                | "PDTS"
                | "CDV"
                | "DAMD"
                | "FDAMD"
                | "PDAM"
                | "DAM"
                | "DCOR"
                | "FDCOR"
                | "DAD"
                | "FDAD"
                | "PDAD"
                | "CDTR"
                | "CDTS"
                | "CDAMD"
        )
    })
}

fn same(a: &str, b: &str) -> bool {
    let n = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect::<String>()
    };
    n(a) == n(b)
}

/// The four-digit year after the last ':' (ISO/IEC/JIS style).
fn year_after_colon(s: &str) -> Option<i32> {
    let (_, y) = s.rsplit_once(':')?;
    let digits: String = y.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// The number of a supplement ("Cor 3:2001" → 3).
fn supplement_number(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Ordering key of an edition or supplement: (year, supplement number).
fn order_key(designation: &str, fallback_year: Option<i32>) -> Option<(i32, u32)> {
    let (base, supp) = split_supplement(designation);
    match supp {
        Some(s) => {
            let y = year_after_colon(s).or(fallback_year)?;
            Some((y, supplement_number(s).unwrap_or(0)))
        }
        None => Some((year_after_colon(base).or(fallback_year)?, 0)),
    }
}

/// Decides the relation kind read from this record, or `None` to drop it.
pub fn classify(
    verb: &str,
    me: &str,
    my_year: Option<i32>,
    target: &str,
    target_year: Option<i32>,
) -> Option<RelationKind> {
    if is_draft(target) {
        return None;
    }
    let (mb, ms) = split_supplement(me);
    let (tb, ts) = split_supplement(target);
    if ts.is_some() && ms.is_none() && same(tb, me) {
        return Some(RelationKind::AmendedBy);
    }
    if ms.is_some() && ts.is_none() && same(mb, target) {
        return Some(RelationKind::Amends);
    }
    match verb {
        "obsoletes" => Some(RelationKind::Replaces),
        "obsoletedBy" => Some(RelationKind::ReplacedBy),
        "updates" | "updatedBy" => {
            let (mine, theirs) = if ms.is_some() && ts.is_some() && same(mb, tb) {
                (order_key(me, my_year)?, order_key(target, target_year)?)
            } else {
                (
                    (year_after_colon(mb).or(my_year)?, 0),
                    (year_after_colon(tb).or(target_year)?, 0),
                )
            };
            match theirs.cmp(&mine) {
                std::cmp::Ordering::Greater => Some(RelationKind::ReplacedBy),
                std::cmp::Ordering::Less => Some(RelationKind::Replaces),
                std::cmp::Ordering::Equal => None,
            }
        }
        _ => None,
    }
}

/// Adds the relations of `doc` to `rec` (see the module docs for the rules).
pub fn add_relations(rec: &mut Record, me: &str, doc: &Doc) {
    let my_year = rec.published.as_ref().map(|d| d.year());
    for rel in doc.relation.iter() {
        let (Some(verb), Some(item)) = (rel.kind.as_deref(), rel.bibitem.as_ref()) else {
            continue;
        };
        if !matches!(verb, "obsoletes" | "obsoletedBy" | "updates" | "updatedBy") {
            continue;
        }
        let target = super::primary_id(&item.docid)
            .map(str::to_string)
            .or_else(|| {
                item.formattedref
                    .as_ref()
                    .and_then(|f| f.content.as_ref().map(|c| c.to_string()))
            });
        let Some(target) = target.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let target_year = item
            .date
            .iter()
            .find_map(|d| {
                d.value
                    .as_deref()
                    .and_then(normbase_core::PartialDate::parse)
            })
            .map(|d| d.year());
        if let Some(kind) = classify(verb, me, my_year, &target, target_year) {
            rec.relate(kind, &target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationKind::*;

    #[test]
    fn splits_supplements() {
        assert_eq!(
            split_supplement("ISO 9001:2008/Cor 1:2009"),
            ("ISO 9001:2008", Some("Cor 1:2009"))
        );
        assert_eq!(
            split_supplement("ISO/IEC 27001:2013"),
            ("ISO/IEC 27001:2013", None)
        );
        assert_eq!(
            split_supplement("ISO 20038:2017/CD Amd 1"),
            ("ISO 20038:2017", Some("CD Amd 1"))
        );
        assert_eq!(
            split_supplement("IEC 60335-1:2010+AMD1:2013"),
            ("IEC 60335-1:2010", Some("AMD1:2013"))
        );
        assert!(
            is_draft("ISO/CD 9001.2")
                && is_draft("ISO 10156:2017/AWI Amd 1")
                && !is_draft("ISO/TR 7035-2:2024")
        );
    }

    #[test]
    fn directions_follow_years_not_verbs() {
        let c = |v, me, t| classify(v, me, None, t, None);
        assert_eq!(
            c("updates", "ISO 9001:2008", "ISO 9001:2015"),
            Some(ReplacedBy)
        );
        assert_eq!(
            c("updates", "ISO 9001:2008/Cor 1:2009", "ISO 9001:2015"),
            Some(ReplacedBy)
        );
        assert_eq!(
            c("updates", "ISO 9001:2015", "ISO 9001:2015/Amd 1:2024"),
            Some(AmendedBy)
        );
        assert_eq!(
            c("obsoletes", "ISO 9001:2015", "ISO 9001:2008"),
            Some(Replaces)
        );
        assert_eq!(
            c("obsoletes", "ISO 10218:1992/Cor 1:1994", "ISO 10218:1992"),
            Some(Amends)
        );
        assert_eq!(
            c(
                "updates",
                "ISO 10303-42:1994/Cor 1:1999",
                "ISO 10303-42:1994/Cor 3:2001"
            ),
            Some(ReplacedBy)
        );
        assert_eq!(c("updatedBy", "ISO 1:2002", "ISO 1:2016"), Some(ReplacedBy));
        assert_eq!(c("obsoletes", "ISO 9001:2015", "ISO/CD 9001.2"), None);
        assert_eq!(c("updates", "ISO 10110-6:2015", "ISO 10110-6"), None);
    }
}
