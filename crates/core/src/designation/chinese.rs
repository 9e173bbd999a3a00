//! Chinese designations: national, industry, local, group and enterprise.

use super::cursor::{Cur, num, year4};
use super::tables::{cn_class_code, cn_kind, is_cn_code};
use super::{Amendment, AmendmentKind, Designation, Kind, ParseError};

/// Words after a slash that start a foreign designation, not a body suffix.
fn is_foreign_word(s: &str) -> bool {
    matches!(
        s,
        "ISO"
            | "IEC"
            | "EN"
            | "BS"
            | "DIN"
            | "ASTM"
            | "JIS"
            | "ITU"
            | "IEEE"
            | "NF"
            | "UL"
            | "SAE"
            | "CEN"
            | "KS"
    )
}

/// Parses a Chinese body at the cursor; `Ok(None)` if the text does not start with one.
pub(crate) fn parse_cn(c: &mut Cur<'_>, input: &str) -> Result<Option<Designation>, ParseError> {
    let start = c.i;
    let mut body = String::with_capacity(12);
    let mut class: Option<u8> = None;
    let mut class_code = false;
    let kind;
    if c.eat_str("建标") {
        body.push_str("建标");
        kind = Kind::Industry;
    } else {
        let run = c.letters();
        if run.is_empty() {
            return Ok(None);
        }
        if (run == "T" || run == "Q") && c.peek() == b'/' {
            c.i += 1;
            c.sp();
            let a = c.i;
            while c.peek().is_ascii_alphanumeric() {
                c.i += 1;
            }
            let whole = c.slice(a, c.i);
            let org = if c.peek() == b' ' || c.peek() == 0 {
                whole
            } else {
                // Number written straight after the code ("Q/GDW1234-2014").
                let n = whole.bytes().take_while(u8::is_ascii_uppercase).count();
                c.i = a + n;
                &whole[..n]
            };
            if org.is_empty() || !org.as_bytes()[0].is_ascii_alphanumeric() {
                c.i = start;
                return Ok(None);
            }
            body.push_str(run);
            body.push('/');
            body.push_str(org);
            kind = if run == "T" {
                Kind::Group
            } else {
                Kind::Enterprise
            };
        } else if matches!(run, "DB" | "DBJ" | "DGJ") {
            let save = c.i;
            c.sp();
            let d = c.digits();
            if !d.is_empty() && (c.peek() == b'/' || c.peek() == b'(') {
                body.push_str(run);
                body.push_str(d);
                if c.eat_str("(J)") {
                    body.push_str("(J)");
                }
                kind = Kind::Local;
            } else if run == "DB"
                && matches!(d.len(), 2 | 4 | 6)
                && c.peek() == b' '
                && c.at(1).is_ascii_digit()
            {
                body.push_str(run);
                body.push_str(d);
                kind = Kind::Local;
            } else {
                // Bare "DB" is the seismology industry code.
                c.i = save;
                body.push_str(run);
                kind = cn_kind(run);
            }
        } else {
            let mut k = run.len().min(4);
            while k >= 2 && !is_cn_code(&run[..k]) {
                k -= 1;
            }
            if k < 2 {
                c.i = start;
                return Ok(None);
            }
            let code = &run[..k];
            let mut rem = &run[k..];
            class_code = cn_class_code(code);
            body.push_str(code);
            if class_code {
                if code != "TSG"
                    && rem.starts_with('T')
                    && (rem.len() == 2 || (rem.len() == 1 && c.peek().is_ascii_digit()))
                {
                    body.push_str("/T");
                    rem = &rem[1..];
                }
                if rem.len() == 1 && c.peek().is_ascii_digit() {
                    class = Some(rem.as_bytes()[0]);
                    rem = "";
                }
            } else if (rem == "T" || rem == "Z") && code.len() >= 2 {
                // "GBT 19001", "YYT0287": the slash was dropped.
                body.push('/');
                body.push_str(rem);
                rem = "";
            }
            if !rem.is_empty() {
                c.i = start;
                return Ok(None);
            }
            kind = cn_kind(code);
        }
    }
    // Slash suffixes: "/T", "/Z", "/TJ", compound "NB/SH/T", mandatory local "DB33/ 617".
    loop {
        let save = c.i;
        c.sp();
        if !c.eat(b'/') {
            c.i = save;
            break;
        }
        c.sp();
        let l = c.letters();
        if l.is_empty() {
            let local_digits = kind == Kind::Local && body.bytes().any(|b| b.is_ascii_digit());
            if !(local_digits && c.peek().is_ascii_digit()) {
                c.i = save;
            }
            break;
        }
        if class_code
            && class.is_none()
            && l.len() == 2
            && l.starts_with('T')
            && !body.contains('/')
        {
            body.push_str("/T");
            class = Some(l.as_bytes()[1]);
            continue;
        }
        if l.len() <= 3
            && !is_foreign_word(l)
            && matches!(c.peek(), b' ' | b'/' | b'-' | 0) | c.peek().is_ascii_digit()
        {
            body.push('/');
            body.push_str(l);
            continue;
        }
        c.i = save;
        break;
    }
    // "GB T 19001": a space where the slash should be.
    if !body.contains('/')
        && !class_code
        && c.peek() == b' '
        && matches!(c.at(1), b'T' | b'Z')
        && c.at(2) == b' '
        && c.at(3).is_ascii_digit()
    {
        body.push('/');
        body.push(c.at(1) as char);
        c.i += 2;
    }
    c.sp();
    if c.peek() == b'-' && c.at(1).is_ascii_digit() {
        c.i += 1;
    }
    if class_code && class.is_none() && c.peek().is_ascii_uppercase() && c.at(1).is_ascii_digit() {
        class = Some(c.peek());
        c.i += 1;
    }
    let seg0 = c.digits();
    if seg0.is_empty() {
        return Err(ParseError::MissingNumber {
            body,
            input: input.to_string(),
        });
    }
    let mut number = String::with_capacity(seg0.len() + 8);
    if let Some(cl) = class {
        number.push(cl as char);
    }
    let mut year = None;
    // Number written straight into the year ("GB 500162014").
    if seg0.len() >= 8 && !matches!(c.peek(), b'-' | b'.' | b':' | b'~') {
        let (a, b) = seg0.split_at(seg0.len() - 4);
        if let Some(y) = year4(b).filter(|y| (1950..=2035).contains(y)) {
            number.push_str(a);
            year = Some(y);
        } else {
            number.push_str(seg0);
        }
    } else {
        number.push_str(seg0);
    }
    if c.peek() == b'~' && c.at(1).is_ascii_digit() {
        c.i += 1;
        number.push('~');
        number.push_str(c.digits());
    }
    // Volumes of highway codes: "JTG F80/1-2017" (第一册) — part of the number.
    if c.peek() == b'/' && c.at(1).is_ascii_digit() && !c.at(2).is_ascii_digit() {
        c.i += 1;
        number.push('/');
        number.push_str(c.digits());
    }
    let mut part: Option<String> = None;
    let mut segs: [&str; 4] = [""; 4];
    let mut nseg = 0;
    while year.is_none() {
        if c.peek() == b'.' && c.at(1).is_ascii_digit() && nseg == 0 {
            c.i += 1;
            let p = c.digits();
            match &mut part {
                Some(s) => {
                    s.push('.');
                    s.push_str(p);
                }
                None => part = Some(p.to_string()),
            }
        } else if c.peek() == b'-' && c.at(1).is_ascii_digit() && nseg < segs.len() {
            c.i += 1;
            segs[nseg] = c.digits();
            nseg += 1;
        } else {
            break;
        }
    }
    if nseg > 0 {
        let last = segs[nseg - 1];
        let y = year4(last).or_else(|| {
            let v = num(last).filter(|_| last.len() == 2)?;
            (50..=99).contains(&v).then_some(1900 + v as i32)
        });
        if y.is_some() {
            year = y;
            nseg -= 1;
        }
        for s in &segs[..nseg] {
            number.push('-');
            number.push_str(s);
        }
    }
    if year.is_none() {
        let save = c.i;
        if c.eat(b':') || c.sp() {
            let y = c.digits();
            match year4(y) {
                Some(v) if !c.peek().is_ascii_digit() && c.peek() != b'.' => year = Some(v),
                _ => c.i = save,
            }
        }
    }
    let mut amendments = Vec::new();
    // Modification sheets: "/XG1-2020", " XG1".
    loop {
        let save = c.i;
        c.sp();
        c.eat(b'/');
        c.sp();
        if !c.eat_str("XG") {
            c.i = save;
            break;
        }
        let n = num(c.digits());
        if n.is_none() {
            // A bare "XG" is a word, not a modification sheet ("XG1" is).
            c.i = save;
            break;
        }
        let save2 = c.i;
        let mut y = None;
        if c.eat(b'-') || c.eat(b':') {
            y = year4(c.digits());
            if y.is_none() {
                c.i = save2;
            }
        }
        amendments.push(Amendment {
            kind: AmendmentKind::Xg,
            number: n,
            year: y,
        });
    }
    Ok(Some(Designation {
        kind,
        body,
        doc_type: None,
        number,
        part,
        year,
        amendments,
        edition: None,
        all_parts: false,
        adoption: None,
    }))
}
