//! Standard designations: parsing, canonical form and comparison keys.
//!
//! Canonical convention: Chinese designations use the official em dash before
//! the year ("GB/T 19001—2016"); ISO/IEC and most foreign bodies use a colon
//! ("ISO 9001:2015"); ASTM keeps its own "-YY" year form. Modification sheets
//! render as "GB 1234—2010/XG1—2015", editions as "GB 50016—2014（2018年版）";
//! the full list of conventions is in `render.rs`. Dual numbers and adoption
//! notes go to [`Designation::adoption`], never into the canonical form.
//! [`extract`] finds designations in free text.
//!
//! The comparison [`Designation::key`] ignores dash style, spacing, width and
//! case, so "gb/t19001-2016" and "ＧＢ／Ｔ 19001－2016" share one key.

use serde::{Deserialize, Serialize};
use std::fmt;

mod chinese;
mod cursor;
mod extract;
mod foreign;
mod international;
mod normalize;
mod parse;
mod render;
mod tables;

pub use extract::{Found, extract};
pub use parse::parse;

/// The level of a standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Chinese national standard (GB, GB/T, GB/Z, engineering GB 50xxx, GBJ).
    National,
    /// Chinese industry standard (JB/T, QB/T, YY, JGJ, NB/SH/T …).
    Industry,
    /// Chinese local standard (DB33/T, DB3301/T …).
    Local,
    /// Chinese group standard (T/CECS …).
    Group,
    /// Chinese enterprise standard (Q/…).
    Enterprise,
    /// International standard (ISO, IEC, ISO/IEC, ITU).
    International,
    /// Foreign, regional or national non-Chinese standard (EN, BS, DIN, ASTM, JIS …).
    Foreign,
}

impl Kind {
    /// The lowercase name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::National => "national",
            Kind::Industry => "industry",
            Kind::Local => "local",
            Kind::Group => "group",
            Kind::Enterprise => "enterprise",
            Kind::International => "international",
            Kind::Foreign => "foreign",
        }
    }

    /// Parses the lowercase name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "national" => Kind::National,
            "industry" => Kind::Industry,
            "local" => Kind::Local,
            "group" => Kind::Group,
            "enterprise" => Kind::Enterprise,
            "international" => Kind::International,
            "foreign" => Kind::Foreign,
            _ => return None,
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Kind of a change document attached to a base standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AmendmentKind {
    /// Amendment (ISO "/Amd 1:2020", IEC "+AMD1:2017", EN "+A1:2019").
    Amd,
    /// Corrigendum ("/Cor 1:2009", EN "+AC").
    Cor,
    /// Chinese modification sheet (修改单, "XG1-2020").
    Xg,
}

/// One amendment, corrigendum or modification sheet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amendment {
    /// What kind of change document.
    pub kind: AmendmentKind,
    /// Its number, if given.
    pub number: Option<u32>,
    /// Its year, if given.
    pub year: Option<i32>,
}

/// Degree of correspondence with an adopted international standard (GB/T 20000.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Degree {
    /// Identical.
    Idt,
    /// Modified.
    Mod,
    /// Not equivalent.
    Neq,
    /// Old "eqv" (equivalent), kept as written.
    Eqv,
}

impl Degree {
    /// Parses IDT/MOD/NEQ/EQV in any case, also the Chinese words 等同/修改/非等效/等效.
    pub fn from_text(s: &str) -> Option<Self> {
        let t = s.trim().to_ascii_uppercase();
        Some(match t.as_str() {
            "IDT" | "等同" | "等同采用" => Degree::Idt,
            "MOD" | "修改" | "修改采用" => Degree::Mod,
            "NEQ" | "非等效" | "非等效采用" => Degree::Neq,
            "EQV" | "等效" | "等效采用" => Degree::Eqv,
            _ => return None,
        })
    }

    /// Upper-case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Degree::Idt => "IDT",
            Degree::Mod => "MOD",
            Degree::Neq => "NEQ",
            Degree::Eqv => "EQV",
        }
    }
}

/// An adoption note inside a designation ("…，ISO/IEC 7816-4:2005，IDT").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AdoptionNote {
    /// Canonical designation of the adopted standard.
    pub designation: String,
    /// Degree of correspondence, if stated.
    pub degree: Option<Degree>,
}

/// A parsed standard designation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Designation {
    /// Level of the standard.
    pub kind: Kind,
    /// Issuing body prefix in canonical spelling: "GB/T", "JB/T", "DB33/T", "T/CECS", "ISO", "ISO/IEC", "BS EN ISO", "ASTM", "JIS" …
    pub body: String,
    /// Deliverable type or draft stage: "TR", "TS", "PAS", "Guide", "DIS", "FDIS", "CD", "Rec." … (None for a plain standard).
    pub doc_type: Option<String>,
    /// Serial number ("19001", "50016", for JIS "A 0001", for ASTM "D638").
    pub number: String,
    /// Part, in the body's own notation: "1" for "GB/T 1.1", "2-40" for "IEC 60335-2-40".
    pub part: Option<String>,
    /// Four-digit year of the edition (two-digit years are expanded).
    pub year: Option<i32>,
    /// Amendments, corrigenda, modification sheets, in order.
    pub amendments: Vec<Amendment>,
    /// Edition note such as "2018年版", or ASTM revision/reapproval suffixes.
    pub edition: Option<String>,
    /// "所有部分" / "(all parts)".
    pub all_parts: bool,
    /// The adopted international standard named in the same string, if any.
    pub adoption: Option<AdoptionNote>,
}

/// Why a string is not a designation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Nothing but whitespace.
    #[error("empty designation")]
    Empty,
    /// No known body prefix at the start.
    #[error("unknown standards body in {0:?}")]
    UnknownBody(String),
    /// A body was found but no serial number after it.
    #[error("no number after {body:?} in {input:?}")]
    MissingNumber {
        /// The body found.
        body: String,
        /// The input as given.
        input: String,
    },
    /// Something else is malformed.
    #[error("malformed designation {input:?}: {reason}")]
    Malformed {
        /// The input as given.
        input: String,
        /// What is wrong.
        reason: String,
    },
}

impl Designation {
    /// The canonical text form (see the module docs for the convention).
    pub fn canonical(&self) -> String {
        render::render(self)
    }

    /// Comparison key of this edition (with year and amendments): stable,
    /// upper-case, no spaces, one dash style.
    pub fn key(&self) -> String {
        render::key(self)
    }

    /// Key of the family: the same standard across editions (no year, no amendments).
    pub fn family_key(&self) -> String {
        let mut base = self.clone();
        base.year = None;
        base.amendments.clear();
        base.edition = None;
        base.adoption = None;
        base.all_parts = false;
        render::key(&base)
    }

    /// The same designation under the other Chinese prefix forms (GB ↔ GB/T ↔
    /// GB/Z, JB ↔ JB/T …), which people often confuse; empty for other kinds.
    pub fn prefix_variants(&self) -> Vec<Designation> {
        if !matches!(self.kind, Kind::National | Kind::Industry | Kind::Local) {
            return vec![];
        }
        let stem = self.body.trim_end_matches("/T").trim_end_matches("/Z");
        [stem.to_string(), format!("{stem}/T"), format!("{stem}/Z")]
            .into_iter()
            .filter(|b| *b != self.body)
            .map(|body| Designation {
                body,
                ..self.clone()
            })
            .collect()
    }

    /// The base standard without amendments, corrigenda or modification sheets.
    pub fn base(&self) -> Designation {
        let mut base = self.clone();
        base.amendments.clear();
        base.adoption = None;
        base
    }
}

impl fmt::Display for Designation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}
