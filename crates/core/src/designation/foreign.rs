//! Regional and national non-Chinese bodies: EN and national adoptions, ASTM,
//! JIS, KS, GOST, AS/NZS, CSA, IEEE, ANSI, NFPA, UL, SAE …

use super::cursor::{Cur, year2_pivot, year4};
use super::international::{NumStyle, amendments, number};
use super::tables::{doc_type, is_chain_head, is_chain_tail, other_body};
use super::{Designation, Kind, ParseError};

/// Canonical spelling of a body token.
fn token(t: &str) -> &str {
    match t {
        "PREN" => "prEN",
        "ONORM" => "ÖNORM",
        t => t,
    }
}

/// A fresh foreign designation.
fn new(body: String, number: String) -> Designation {
    Designation {
        kind: Kind::Foreign,
        body,
        doc_type: None,
        number,
        part: None,
        year: None,
        amendments: Vec::new(),
        edition: None,
        all_parts: false,
        adoption: None,
    }
}

/// Parses a foreign body at the cursor; `Ok(None)` if none starts here.
pub(crate) fn parse_foreign(
    c: &mut Cur<'_>,
    input: &str,
) -> Result<Option<Designation>, ParseError> {
    let start = c.i;
    if c.eat_str("ГOCT") || c.eat_word("GOST") {
        return gost(c, input).map(Some);
    }
    let w = c.letters();
    let r = match w {
        "ASTM" => astm(c, input),
        "JIS" | "KS" => jis(c, w, input),
        // JIS technical reports and specifications written without "JIS": "TR A 0001:1996".
        "TR" | "TS"
            if c.peek() == b' '
                && c.at(1).is_ascii_uppercase()
                && c.at(2) == b' '
                && c.at(3).is_ascii_digit() =>
        {
            c.i = start;
            jis(c, "JIS", input)
        }
        "CSA" => csa(c, input),
        "CAN" if c.peek() == b'/' => {
            c.i += 1;
            if c.eat_word("CSA") {
                csa(c, input)
            } else {
                c.i = start;
                return Ok(None);
            }
        }
        _ if is_chain_head(w) && !c.peek().is_ascii_digit() => chain(c, w, input),
        _ => match other_body(w) {
            Some(dash) if !c.peek().is_ascii_alphabetic() => other(c, w, dash, input),
            _ => {
                c.i = start;
                return Ok(None);
            }
        },
    };
    r.map(Some)
}

/// Shared tail: number, year, amendments, markers.
fn finish(
    c: &mut Cur<'_>,
    mut d: Designation,
    st: NumStyle,
    input: &str,
) -> Result<Designation, ParseError> {
    let np = number(c, st, &d.body, input)?;
    d.number = np.number;
    d.part = np.part;
    d.year = np.year;
    let mut suffix = np.month.unwrap_or_default();
    amendments(c, &mut d.amendments, &mut suffix);
    if !suffix.is_empty() {
        d.edition = Some(suffix.trim().to_string());
    }
    Ok(d)
}

/// "BS EN ISO 9001", "DIN EN 60335-1", "AS/NZS 3112", "CEN/TS 16555".
fn chain(c: &mut Cur<'_>, head: &str, input: &str) -> Result<Designation, ParseError> {
    let mut body = String::from(token(head));
    let mut dt: Option<String> = None;
    loop {
        let save = c.i;
        c.sp();
        let slash = c.eat(b'/');
        c.sp();
        let t = c.letters();
        if t.is_empty() {
            c.i = save;
            break;
        }
        if dt.is_none() && is_chain_tail(t) && !body.ends_with(token(t)) {
            body.push(if slash { '/' } else { ' ' });
            body.push_str(token(t));
        } else if let Some(d) = doc_type(t).filter(|d| matches!(*d, "TR" | "TS" | "PAS" | "Guide"))
        {
            dt = Some(d.to_string());
        } else {
            c.i = save;
            break;
        }
    }
    let mut d = new(body, String::new());
    d.doc_type = dt;
    finish(
        c,
        d,
        NumStyle {
            prefix_letters: 0,
            dots: true,
            dash_yy: false,
        },
        input,
    )
}

/// IEEE, ANSI/…, NFPA, UL, SAE and similar single bodies.
fn other(c: &mut Cur<'_>, w: &str, dash: bool, input: &str) -> Result<Designation, ParseError> {
    let mut body = String::from(w);
    // "ANSI/ASHRAE/IES 90.1", "ANSI/UL 94".
    while c.peek() == b'/' && c.at(1).is_ascii_uppercase() {
        let save = c.i;
        c.i += 1;
        let t = c.letters();
        if t.len() > 8 || c.peek().is_ascii_digit() {
            c.i = save;
            break;
        }
        body.push('/');
        body.push_str(t);
    }
    let save = c.i;
    c.sp();
    if !c.eat_word("STD") {
        c.i = save;
    } else {
        c.eat(b'.');
    }
    if c.peek() == b'-' && c.at(1).is_ascii_digit() {
        c.i += 1;
    }
    let d = new(body, String::new());
    let st = NumStyle {
        prefix_letters: 3,
        dots: true,
        dash_yy: false,
    };
    let mut d = finish(c, d, st, input)?;
    // "SAE J1939/21": SAE numbers its parts after a slash.
    if w == "SAE" && c.peek() == b'/' && c.at(1).is_ascii_digit() {
        c.i += 1;
        let p = c.digits();
        d.number.push('/');
        d.number.push_str(p);
    }
    let _ = dash;
    Ok(d)
}

/// ГОСТ Р 52289-2019, GOST R ISO 9001-2015, ГОСТ 12.1.004-91.
fn gost(c: &mut Cur<'_>, input: &str) -> Result<Designation, ParseError> {
    let mut body = String::from("GOST");
    let save = c.i;
    c.sp();
    // Cyrillic "Р" folds to Latin "P".
    if c.eat_word("R") || c.eat_word("P") {
        body.push_str(" R");
    } else {
        c.i = save;
    }
    loop {
        let save = c.i;
        c.sp();
        let t = c.letters();
        if matches!(t, "ISO" | "IEC" | "EN") {
            body.push(' ');
            body.push_str(t);
            if c.peek() == b'/' && c.at(1) == b'I' {
                c.i += 1;
                let t2 = c.letters();
                body.push('/');
                body.push_str(t2);
            }
        } else {
            c.i = save;
            break;
        }
    }
    let d = new(body, String::new());
    finish(
        c,
        d,
        NumStyle {
            prefix_letters: 0,
            dots: true,
            dash_yy: true,
        },
        input,
    )
}

/// "JIS A 0001:1999", "JIS Z8301", "KS C IEC 60335-1".
fn jis(c: &mut Cur<'_>, w: &str, input: &str) -> Result<Designation, ParseError> {
    let mut d = new(w.to_string(), String::new());
    let save = c.i;
    c.sp();
    // JIS technical reports and specifications: "JIS TR X 0001".
    let s2 = c.i;
    let t = c.letters();
    if matches!(t, "TR" | "TS") && c.peek() == b' ' {
        d.doc_type = Some(t.to_string());
        c.sp();
    } else {
        c.i = s2;
    }
    let div = c.peek();
    if !div.is_ascii_uppercase() || c.at(1).is_ascii_uppercase() {
        c.i = save;
        return Err(ParseError::MissingNumber {
            body: d.body,
            input: input.to_string(),
        });
    }
    c.i += 1;
    let mut prefix = String::with_capacity(16);
    prefix.push(div as char);
    loop {
        let save = c.i;
        c.sp();
        let t = c.letters();
        if matches!(t, "ISO" | "IEC") {
            prefix.push(' ');
            prefix.push_str(t);
            if c.peek() == b'/' && c.at(1) == b'I' {
                c.i += 1;
                prefix.push('/');
                prefix.push_str(c.letters());
            }
        } else {
            c.i = save;
            break;
        }
    }
    let st = NumStyle {
        prefix_letters: 0,
        dots: false,
        dash_yy: false,
    };
    let np = number(c, st, &d.body, input)?;
    d.number = np.number;
    d.part = np.part;
    d.year = np.year;
    // JSA catalogue marker after a year ("JIS C 9901:2019R", "/AMENDMENT 4:2010R"):
    // same document, not part of the designation.
    let r_marker = |c: &mut Cur<'_>| {
        if c.peek() == b'R'
            && c.i > 0
            && c.s[c.i - 1].is_ascii_digit()
            && !c.at(1).is_ascii_alphanumeric()
        {
            c.i += 1;
        }
    };
    if d.year.is_some() {
        r_marker(c);
    }
    let mut suffix = np.month.unwrap_or_default();
    amendments(c, &mut d.amendments, &mut suffix);
    if d.amendments.last().is_some_and(|a| a.year.is_some()) {
        r_marker(c);
    }
    symbol(c, &mut suffix, input);
    if !suffix.is_empty() {
        d.edition = Some(suffix.trim().to_string());
    }
    prefix.push(' ');
    prefix.push_str(&d.number);
    d.number = prefix;
    Ok(d)
}

/// One graphical symbol of a JIS symbol standard, catalogued on its own:
/// "JIS Z 8210:2017 SYMBOL 51100", "JIS L 0001:2024 SYMBOL Washing process".
/// The name runs to the end of the text (at most 40 bytes of letters, digits,
/// spaces and dashes) and keeps the case of `input` when it can be found there.
fn symbol(c: &mut Cur<'_>, suffix: &mut String, input: &str) {
    let save = c.i;
    if !c.eat_str(" SYMBOL ") {
        return;
    }
    let a = c.i;
    let mut k = 0;
    while c.at(k).is_ascii_alphanumeric() || matches!(c.at(k), b' ' | b'-') {
        k += 1;
    }
    let mut name = c.slice(a, a + k).trim_end();
    if name.is_empty() || k > 40 || c.at(k) != 0 {
        c.i = save;
        return;
    }
    if input.len() == c.s.len()
        && let Some(orig) = input.get(a..a + name.len())
        && orig.eq_ignore_ascii_case(name)
    {
        name = orig;
    }
    if !suffix.is_empty() {
        suffix.push(' ');
    }
    suffix.push_str("SYMBOL ");
    suffix.push_str(name);
    c.i = a + k;
}

/// "ASTM D638-14", "ASTM A36/A36M-19", "ASTM E84-21a", "ASTM D1193-06(2018)e1".
fn astm(c: &mut Cur<'_>, input: &str) -> Result<Designation, ParseError> {
    c.sp();
    let a = c.i;
    let cls = c.peek();
    if !cls.is_ascii_uppercase() {
        return Err(ParseError::MissingNumber {
            body: "ASTM".into(),
            input: input.to_string(),
        });
    }
    c.i += 1;
    c.sp();
    let n = c.digits();
    if n.is_empty() {
        c.i = a;
        return Err(ParseError::MissingNumber {
            body: "ASTM".into(),
            input: input.to_string(),
        });
    }
    let mut number = String::with_capacity(12);
    number.push(cls as char);
    number.push_str(n);
    // Metric companion: "A36/A36M".
    if c.peek() == b'/' && c.at(1) == cls {
        let save = c.i;
        c.i += 2;
        let m = c.digits();
        if !m.is_empty() && c.eat(b'M') {
            number.push('/');
            number.push(cls as char);
            number.push_str(m);
            number.push('M');
        } else {
            c.i = save;
        }
    } else if c.peek() == b'M' && !c.at(1).is_ascii_alphanumeric() {
        c.i += 1;
        number.push('M');
    }
    let mut d = new("ASTM".into(), number);
    let mut ed = String::new();
    if c.peek() == b'-' && c.at(1).is_ascii_digit() {
        let save = c.i;
        c.i += 1;
        let y = c.digits();
        d.year = year4(y).or_else(|| year2_pivot(y));
        if d.year.is_none() {
            c.i = save;
        } else {
            // Revision letter, reapproval year, editorial change.
            if c.peek().is_ascii_uppercase() && c.peek() != b'E' && !c.at(1).is_ascii_alphanumeric()
                || (c.peek().is_ascii_uppercase() && c.at(1) == b'(')
            {
                ed.push(c.peek().to_ascii_lowercase() as char);
                c.i += 1;
            }
            if c.peek() == b'(' && c.at(1).is_ascii_digit() {
                let s2 = c.i;
                c.i += 1;
                let r = c.digits();
                if year4(r).is_some() && c.eat(b')') {
                    ed.push('(');
                    ed.push_str(r);
                    ed.push(')');
                } else {
                    c.i = s2;
                }
            }
            if c.peek() == b'E' && c.at(1).is_ascii_digit() && !c.at(2).is_ascii_alphanumeric() {
                ed.push('e');
                ed.push(c.at(1) as char);
                c.i += 2;
            }
        }
    }
    if !ed.is_empty() {
        d.edition = Some(ed);
    }
    Ok(d)
}

/// "CSA C22.2 No. 60335-1:16", "CAN/CSA-C22.2 NO. 60335-1".
fn csa(c: &mut Cur<'_>, input: &str) -> Result<Designation, ParseError> {
    if c.peek() == b'-' {
        c.i += 1;
    }
    let d = new("CSA".into(), String::new());
    let st = NumStyle {
        prefix_letters: 2,
        dots: true,
        dash_yy: false,
    };
    let save = c.i;
    let np = number(c, st, "CSA", input)?;
    let mut d = d;
    let s2 = c.i;
    c.sp();
    if c.eat_word("NO") {
        c.eat(b'.');
        let mut d2 = finish(c, d, st, input)?;
        d2.number = format!("{} No. {}", np.number, d2.number);
        return Ok(d2);
    }
    c.i = s2;
    let _ = save;
    d.number = np.number;
    d.part = np.part;
    d.year = np.year;
    let mut suffix = String::new();
    amendments(c, &mut d.amendments, &mut suffix);
    if !suffix.is_empty() {
        d.edition = Some(suffix.trim().to_string());
    }
    Ok(d)
}
