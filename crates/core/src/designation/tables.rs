//! Embedded code tables (no file reads at run time).

use super::Kind;

/// Chinese standard codes: industry codes (GB/T 1.1 appendix, hbba.sacinfo.org.cn list),
/// national-level codes, and engineering-construction or legacy codes found in real lists.
/// Sorted for binary search (checked by a unit test).
pub(crate) const CN_CODES: &[&str] = &[
    "AQ", "BB", "CB", "CECA", "CECS", "CH", "CJ", "CJJ", "CY", "DA", "DB", "DG", "DL", "DY", "DZ",
    "EJ", "FZ", "GA", "GB", "GBJ", "GBZ", "GC", "GF", "GH", "GJB", "GM", "GSB", "GY", "HB", "HG",
    "HJ", "HS", "HY", "JB", "JC", "JG", "JGJ", "JJF", "JJG", "JR", "JS", "JT", "JTG", "JTJ", "JTS",
    "JY", "KA", "LB", "LD", "LS", "LY", "MH", "MR", "MT", "MZ", "NB", "NY", "QB", "QC", "QJ", "QX",
    "RB", "RF", "RFJ", "SB", "SC", "SF", "SH", "SJ", "SL", "SN", "SW", "SY", "TB", "TD", "TJ",
    "TSG", "TY", "WB", "WH", "WJ", "WM", "WS", "WW", "XB", "XF", "YB", "YC", "YD", "YJ", "YS",
    "YY", "YZ", "ZY", "ZYA",
];

/// Is `s` a known Chinese code?
#[inline]
pub(crate) fn is_cn_code(s: &str) -> bool {
    CN_CODES.binary_search(&s).is_ok()
}

/// Codes whose numbers start with a class letter ("JTG B05", "TSG T7001").
#[inline]
pub(crate) fn cn_class_code(s: &str) -> bool {
    matches!(s, "JTG" | "JTJ" | "TSG")
}

/// Level of a Chinese code.
pub(crate) fn cn_kind(code: &str) -> Kind {
    match code {
        "GB" | "GBJ" | "GBZ" | "GSB" | "GJB" | "JJF" | "JJG" => Kind::National,
        "CECS" | "CECA" => Kind::Group,
        "DBJ" | "DGJ" | "DG" => Kind::Local,
        _ => Kind::Industry,
    }
}

/// First tokens of European and national bodies that chain ("BS EN ISO", "DIN EN", "AS/NZS").
#[inline]
pub(crate) fn is_chain_head(s: &str) -> bool {
    matches!(
        s,
        "BS" | "DIN"
            | "NF"
            | "EN"
            | "PREN"
            | "UNE"
            | "NEN"
            | "SS"
            | "DS"
            | "SFS"
            | "OVE"
            | "VDE"
            | "CEN"
            | "CLC"
            | "AS"
            | "NZS"
            | "UNI"
            | "CSN"
            | "ONORM"
            | "BSI"
    )
}

/// Tokens allowed after a chain head.
#[inline]
pub(crate) fn is_chain_tail(s: &str) -> bool {
    matches!(
        s,
        "EN" | "PREN" | "ISO" | "IEC" | "IEEE" | "VDE" | "NZS" | "CEN" | "CLC" | "ASTM" | "SPEC"
    )
}

/// Single bodies with their own numbering; `true` when the year follows a dash.
pub(crate) fn other_body(s: &str) -> Option<bool> {
    Some(match s {
        "IEEE" | "ANSI" | "NFPA" | "ASHRAE" | "API" | "ASME" | "AWS" | "AAMI" | "ISA" => true,
        "UL" | "SAE" | "ETSI" | "ECE" | "NEMA" | "CEI" => false,
        _ => return None,
    })
}

/// Canonical spelling of a deliverable type or draft stage (ISO/IEC), if `s` is one.
pub(crate) fn doc_type(s: &str) -> Option<&'static str> {
    Some(match s {
        "TR" => "TR",
        "TS" => "TS",
        "PAS" => "PAS",
        "GUIDE" => "Guide",
        "ISP" => "ISP",
        "IWA" => "IWA",
        "TTA" => "TTA",
        "R" => "R",
        "DATA" => "DATA",
        "SRD" => "SRD",
        "DIS" => "DIS",
        "FDIS" => "FDIS",
        "CD" => "CD",
        "NP" => "NP",
        "AWI" => "AWI",
        "PRF" => "PRF",
        "CDV" => "CDV",
        "WD" => "WD",
        "PWI" => "PWI",
        "DTS" => "DTS",
        "DTR" => "DTR",
        "DPAS" => "DPAS",
        "FDTR" => "FDTR",
        "FDTS" => "FDTS",
        "PDTR" => "PDTR",
        "PDTS" => "PDTS",
        "DGUIDE" => "DGuide",
        "NWIP" => "NWIP",
        "DIR" => "DIR",
        _ => return None,
    })
}

/// Bodies that join ISO or IEC with a slash ("ISO/IEC", "ISO/IEC/IEEE", "ISO/ASTM").
#[inline]
pub(crate) fn is_co_body(s: &str) -> bool {
    matches!(
        s,
        "IEC" | "ISO" | "IEEE" | "ASTM" | "CIE" | "SAE" | "OIML" | "ASME" | "OECD" | "UNDP"
    )
}

/// Change-document words after '/' that the model keeps verbatim in `edition`.
#[inline]
pub(crate) fn is_suffix_word(s: &str) -> bool {
    matches!(
        s,
        "ISH"
            | "ADD"
            | "DAM"
            | "FDAM"
            | "PDAM"
            | "DCOR"
            | "FDCOR"
            | "FRAG"
            | "EXPL"
            | "EXPLANATION"
            | "CD"
            | "AWI"
            | "WD"
            | "NP"
            | "DAD"
            | "PRF"
            | "SUPPL"
            | "EXT"
    )
}

/// IEC publication markers ("CSV" consolidated, "RLV" redline …).
#[inline]
pub(crate) fn is_marker(s: &str) -> bool {
    matches!(s, "CSV" | "RLV" | "EXV" | "CMV" | "SER" | "DB" | "PRV")
}

#[cfg(test)]
mod tests {
    #[test]
    fn cn_codes_sorted() {
        let mut v = super::CN_CODES.to_vec();
        v.sort_unstable();
        assert_eq!(v, super::CN_CODES);
    }
}
