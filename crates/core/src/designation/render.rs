//! Canonical text and comparison keys.
//!
//! Conventions:
//! - Chinese: `<body> <number>[.<part>]—<year>`, em dash before the year,
//!   modification sheets `/XG<n>—<year>`, editions "（2018年版）", all parts
//!   "（所有部分）"; mandatory local standards "DB33/ 1051—2008".
//! - ISO family: "ISO/TR 7035-2:2024/Amd 1:2025/Cor 1:2026", "ISO Guide 73",
//!   "ISO/IEC TR 27000", "IWA 12:2022".
//! - IEC/CISPR: "IEC TR 61000-1:2020/AMD1:2021/COR1:2022"; with the "CSV" marker
//!   amendments are joined by '+' ("IEC 60335-1:2010+AMD1:2013 CSV").
//! - EN and national adoptions: "BS EN 60335-1:2012+A11:2014+AC:2014".
//! - ASTM keeps "-YY" plus revision/reapproval ("ASTM D1193-06(2018)");
//!   IEEE, GOST, ANSI, NFPA, ASME, API use "-YYYY"; other foreign bodies ':'.
//! - ITU: "ITU-T X.509 (10/2019)".

use super::{AmendmentKind, Designation, Kind};
use std::fmt::Write;

/// Is this a Chinese designation?
pub(crate) fn is_chinese(d: &Designation) -> bool {
    matches!(
        d.kind,
        Kind::National | Kind::Industry | Kind::Local | Kind::Group | Kind::Enterprise
    )
}

/// Bodies that write "-YYYY" after the number.
fn dash_style(body: &str) -> bool {
    let head = body.split(['/', ' ']).next().unwrap_or("");
    matches!(
        head,
        "IEEE" | "GOST" | "ANSI" | "NFPA" | "ASHRAE" | "API" | "ASME" | "AWS" | "AAMI" | "ISA"
    )
}

/// Writes the canonical form of `d` into `out`.
pub(crate) fn render_into(d: &Designation, out: &mut String) {
    if is_chinese(d) {
        chinese(d, out);
    } else if d.body.starts_with("ITU") {
        out.push_str(&d.body);
        out.push(' ');
        out.push_str(&d.number);
        if let Some(p) = &d.part {
            out.push('-');
            out.push_str(p);
        }
        match (d.year, &d.edition) {
            (Some(y), Some(m)) => {
                let _ = write!(out, " ({m}/{y})");
            }
            (Some(y), None) => {
                let _ = write!(out, " ({y})");
            }
            _ => {}
        }
    } else if d.body == "ASTM" {
        out.push_str("ASTM ");
        out.push_str(&d.number);
        if let Some(y) = d.year {
            let _ = write!(out, "-{:02}", y.rem_euclid(100));
        }
        if let Some(e) = &d.edition {
            out.push_str(e);
        }
    } else {
        other(d, out);
    }
}

/// Chinese form.
fn chinese(d: &Designation, out: &mut String) {
    out.push_str(&d.body);
    let mandatory_local = d.kind == Kind::Local
        && d.body.len() > 2
        && d.body.starts_with("DB")
        && d.body[2..].bytes().all(|b| b.is_ascii_digit());
    if mandatory_local {
        out.push('/');
    }
    out.push(' ');
    out.push_str(&d.number);
    if let Some(p) = &d.part {
        out.push('.');
        out.push_str(p);
    }
    if let Some(y) = d.year {
        let _ = write!(out, "—{y}");
    }
    for a in &d.amendments {
        out.push('/');
        out.push_str(match a.kind {
            AmendmentKind::Xg => "XG",
            AmendmentKind::Amd => "Amd ",
            AmendmentKind::Cor => "Cor ",
        });
        if let Some(n) = a.number {
            let _ = write!(out, "{n}");
        }
        if let Some(y) = a.year {
            let _ = write!(out, "—{y}");
        }
    }
    if let Some(e) = &d.edition {
        let _ = write!(out, "（{e}）");
    }
    if d.all_parts {
        out.push_str("（所有部分）");
    }
}

/// ISO, IEC, EN and other foreign forms.
fn other(d: &Designation, out: &mut String) {
    let iso = d.body.starts_with("ISO");
    let iec = d.body.starts_with("IEC") || d.body.starts_with("CISPR");
    let head = d.body.split([' ', '/']).next().unwrap_or("");
    let en =
        head == "prEN" || (super::tables::is_chain_head(head) && !matches!(head, "AS" | "NZS"));
    let dash = dash_style(&d.body);
    match d.doc_type.as_deref() {
        // "IWA 45", draft "CD IWA 45".
        Some(dt) if dt == "IWA" || dt.ends_with(" IWA") => out.push_str(dt),
        Some(dt) if d.body == "ISO" && dt != "Guide" => {
            out.push_str("ISO/");
            out.push_str(dt);
        }
        Some(dt) => {
            out.push_str(&d.body);
            out.push(if d.body.starts_with("CEN") || d.body.starts_with("CLC") {
                '/'
            } else {
                ' '
            });
            out.push_str(dt);
        }
        None => out.push_str(&d.body),
    }
    out.push(' ');
    if d.body == "IEEE" {
        out.push_str("Std ");
    }
    out.push_str(&d.number);
    if let Some(p) = &d.part {
        out.push('-');
        out.push_str(p);
    }
    if let Some(y) = d.year {
        let _ = write!(out, "{}{y}", if dash { '-' } else { ':' });
    }
    let (pre_ed, post_ed) = match d.edition.as_deref() {
        Some(e) if e.starts_with('-') => (Some(e), None),
        e => (None, e),
    };
    if let Some(m) = pre_ed {
        out.push_str(m);
    }
    let csv = post_ed.is_some_and(|e| e.contains("CSV"));
    for a in &d.amendments {
        let (sep, word) = match (a.kind, iso, iec || csv, en) {
            (AmendmentKind::Amd, _, _, true) => ('+', "A"),
            (AmendmentKind::Cor, _, _, true) => ('+', "AC"),
            (AmendmentKind::Amd, false, true, _) => (if csv { '+' } else { '/' }, "AMD"),
            (AmendmentKind::Cor, false, true, _) => ('/', "COR"),
            (AmendmentKind::Amd, _, _, _) if d.body == "JIS" => ('/', "AMENDMENT "),
            (AmendmentKind::Cor, _, _, _) if d.body == "JIS" => ('/', "CORRIGENDUM "),
            (AmendmentKind::Amd, _, _, _) => ('/', "Amd "),
            (AmendmentKind::Cor, _, _, _) => ('/', "Cor "),
            (AmendmentKind::Xg, _, _, _) => ('/', "XG"),
        };
        out.push(sep);
        match a.number {
            Some(n) => {
                out.push_str(word);
                let _ = write!(out, "{n}");
            }
            None => out.push_str(word.trim_end()),
        }
        if let Some(y) = a.year {
            let _ = write!(out, ":{y}");
        }
    }
    if let Some(e) = post_ed {
        if !e.starts_with('/') {
            out.push(' ');
        }
        out.push_str(e);
    }
    if d.all_parts {
        out.push_str(" (all parts)");
    }
}

/// The canonical form as a new string.
pub(crate) fn render(d: &Designation) -> String {
    let mut s = String::with_capacity(d.body.len() + d.number.len() + 16);
    render_into(d, &mut s);
    s
}

/// Comparison key: the canonical form without spaces, upper case, one dash
/// style and ASCII brackets. Built from the structure, so spelling variants
/// of the input cannot leak into it.
pub(crate) fn key(d: &Designation) -> String {
    let mut s = String::with_capacity(d.body.len() + d.number.len() + 16);
    render_into(d, &mut s);
    let mut k = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            ' ' => {}
            '—' => k.push('-'),
            '（' => k.push('('),
            '）' => k.push(')'),
            c => k.push(c.to_ascii_uppercase()),
        }
    }
    k
}
