//! Code lists (ICS, CCS, industry codes, division codes, HS, countries).

use serde::{Deserialize, Serialize};

/// One entry of a code list, so pages can show names for codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeEntry {
    /// The list: "ics", "ccs", "industry", "division", "hs2012", "hs2017", "hs2022", "country", "committee".
    pub scheme: String,
    /// The code as the list writes it ("13.220.20", "A01", "JB", "33", "8507.60", "CN").
    pub code: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// French name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_fr: Option<String>,
    /// Parent code in the same list, if hierarchical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}
