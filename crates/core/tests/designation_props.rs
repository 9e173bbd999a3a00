//! Property tests for the designation engine.
#![allow(clippy::unwrap_used)]

use normbase_core::designation::{extract, parse};
use proptest::prelude::*;

/// A Chinese designation in some spelling, with its plain canonical spelling.
fn chinese() -> impl Strategy<Value = (String, String)> {
    let body = prop::sample::select(vec![
        "GB", "GB/T", "GB/Z", "YY/T", "JB/T", "HG", "DL/T", "JGJ", "DB33/T", "T/CECS",
    ]);
    let dash = prop::sample::select(vec!["-", "—", "–", "－", " "]);
    (
        body,
        1u32..99999,
        prop::option::of(1u32..20),
        1960i32..2030,
        dash,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(body, n, part, year, dash, wide, lower, nospace)| {
            let part_s = part.map(|p| format!(".{p}")).unwrap_or_default();
            let plain = format!("{body} {n}{part_s}-{year}");
            // A group body's organisation code has no fixed length, so "T/CECS1 1960"
            // is truly ambiguous: only drop the space where the body is fixed.
            let sep = if nospace && !body.starts_with("T/") {
                ""
            } else {
                " "
            };
            let mut v = format!("{body}{sep}{n}{part_s}{dash}{year}");
            if lower {
                v = v.to_lowercase();
            }
            if wide {
                v = v
                    .chars()
                    .map(|c| {
                        if c.is_ascii_graphic() {
                            char::from_u32(c as u32 + 0xFEE0).unwrap()
                        } else {
                            c
                        }
                    })
                    .collect();
            }
            (v, plain)
        })
}

/// An ISO/IEC designation in some spelling, with its plain spelling.
fn iso() -> impl Strategy<Value = (String, String)> {
    let body = prop::sample::select(vec!["ISO", "IEC", "ISO/IEC", "ISO/TR", "ISO/TS"]);
    (
        body,
        1u32..99999,
        prop::option::of(1u32..40),
        1960i32..2030,
        prop::option::of(1u32..5),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(body, n, part, year, amd, lower, spaced)| {
            let part_s = part.map(|p| format!("-{p}")).unwrap_or_default();
            let amd_s = amd
                .map(|a| format!("/Amd {a}:{}", year + 1))
                .unwrap_or_default();
            let plain = format!("{body} {n}{part_s}:{year}{amd_s}");
            let mut v = if spaced {
                format!("  {body}  {n}{part_s} :{year}{amd_s} ")
            } else {
                plain.clone()
            };
            if lower {
                v = v.to_lowercase();
            }
            (v, plain)
        })
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = parse(&s);
        let _ = extract(&s);
    }

    #[test]
    fn never_panics_on_designation_like(s in "[GBTISOECJYQD/ \\-—:.0-9（）()年版第号修改单XG]{0,30}") {
        let _ = parse(&s);
        let _ = extract(&s);
    }

    #[test]
    fn canonical_reparses((v, _) in prop_oneof![chinese(), iso()]) {
        let d = parse(&v).unwrap();
        let again = parse(&d.canonical()).unwrap();
        prop_assert_eq!(again.key(), d.key());
        prop_assert_eq!(again.canonical(), d.canonical());
    }

    #[test]
    fn key_ignores_spelling((v, plain) in prop_oneof![chinese(), iso()]) {
        prop_assert_eq!(parse(&v).unwrap().key(), parse(&plain).unwrap().key());
    }

    #[test]
    fn extract_finds_embedded((_, plain) in prop_oneof![chinese(), iso()],
                              pre in "[a-z ，。的和\n]{0,12}", post in "[a-z ，。的和\n]{0,12}") {
        let text = format!("{pre} {plain} {post}");
        let found = extract(&text);
        let want = parse(&plain).unwrap().key();
        prop_assert!(found.iter().any(|f| f.designation.key() == want), "{:?} in {:?}", found, text);
        for f in &found {
            prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
        }
    }
}
