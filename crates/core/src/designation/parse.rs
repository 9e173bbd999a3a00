//! Entry point: normalise, dispatch to a body family, then read the tail
//! (adoption notes, dual numbers, editions, modification sheets, "all parts").

use super::cursor::{Cur, num, year4};
use super::normalize::normalize;
use super::{
    AdoptionNote, Amendment, AmendmentKind, Degree, Designation, ParseError, chinese, foreign,
    international,
};

/// Parses one designation. Trailing titles after a space or punctuation are ignored.
pub fn parse(input: &str) -> Result<Designation, ParseError> {
    let mut buf = String::with_capacity(input.len() + 4);
    normalize(input, &mut buf, None);
    if buf.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut c = Cur::new(buf.as_bytes(), 0);
    let paren = c.eat(b'(');
    c.sp();
    let Some(mut d) = one(&mut c, input)? else {
        return Err(ParseError::UnknownBody(input.trim().to_string()));
    };
    tail(&mut c, &mut d, paren);
    if paren {
        c.sp();
        c.eat(b')');
    }
    let b = c.peek();
    if b.is_ascii_alphanumeric()
        || (b == b'-' && c.at(1).is_ascii_alphanumeric())
        || b == b'.' && c.at(1).is_ascii_digit()
    {
        return Err(ParseError::Malformed {
            input: input.to_string(),
            reason: format!("unexpected text after {:?}", d.canonical()),
        });
    }
    Ok(d)
}

/// Parses one designation (no tail) at the cursor; `Ok(None)` if no known body starts here.
pub(crate) fn one(c: &mut Cur<'_>, input: &str) -> Result<Option<Designation>, ParseError> {
    if let Some(d) = international::parse_intl(c, input)? {
        return Ok(Some(d));
    }
    if let Some(d) = foreign::parse_foreign(c, input)? {
        return Ok(Some(d));
    }
    chinese::parse_cn(c, input)
}

/// A degree word ("IDT", "等同采用") at the cursor.
fn degree(c: &mut Cur<'_>) -> Option<Degree> {
    const WORDS: [(&str, Degree); 12] = [
        ("IDT", Degree::Idt),
        ("MOD", Degree::Mod),
        ("NEQ", Degree::Neq),
        ("EQV", Degree::Eqv),
        ("等同采用", Degree::Idt),
        ("修改采用", Degree::Mod),
        ("非等效采用", Degree::Neq),
        ("等效采用", Degree::Eqv),
        ("等同", Degree::Idt),
        ("修改", Degree::Mod),
        ("非等效", Degree::Neq),
        ("等效", Degree::Eqv),
    ];
    for (w, d) in WORDS {
        if (w.is_ascii() && c.eat_word(w)) || (!w.is_ascii() && c.eat_str(w)) {
            return Some(d);
        }
    }
    None
}

/// Separator inside adoption notes: ',', '、', ';' or a space.
fn note_sep(c: &mut Cur<'_>) -> bool {
    c.sp();
    let hit = c.eat(b',') || c.eat(b';') || c.eat_str("、");
    c.sp();
    hit
}

/// An adopted designation with an optional degree before or after it.
fn adoption(c: &mut Cur<'_>, input: &str, need_degree: bool) -> Option<AdoptionNote> {
    let save = c.i;
    let pre = degree(c);
    if pre.is_some() {
        c.sp();
    }
    let Ok(Some(mut a)) = one(c, input) else {
        c.i = save;
        return None;
    };
    tail(c, &mut a, false);
    let mut deg = pre;
    if deg.is_none() {
        let s2 = c.i;
        note_sep(c);
        deg = degree(c);
        if deg.is_none() {
            c.i = s2;
        }
    }
    if need_degree && deg.is_none() {
        c.i = save;
        return None;
    }
    Some(AdoptionNote {
        designation: a.canonical(),
        degree: deg,
    })
}

/// "2018年版" at the cursor.
fn edition_year(c: &mut Cur<'_>) -> Option<String> {
    let save = c.i;
    let y = c.digits();
    if year4(y).is_some() && c.eat_str("年版") {
        return Some(format!("{y}年版"));
    }
    c.i = save;
    None
}

/// "第1号修改单" at the cursor.
fn xg_sheet(c: &mut Cur<'_>) -> Option<Amendment> {
    let save = c.i;
    if c.eat_str("第") {
        let n = num(c.digits());
        if n.is_some() && c.eat_str("号修改单") {
            return Some(Amendment {
                kind: AmendmentKind::Xg,
                number: n,
                year: None,
            });
        }
    }
    c.i = save;
    None
}

/// Reads what may follow a designation; stops before anything else (a title).
pub(crate) fn tail(c: &mut Cur<'_>, d: &mut Designation, in_paren: bool) {
    loop {
        let save = c.i;
        c.sp();
        if c.eat(b'(') {
            c.sp();
            if c.eat_str("所有部分") || c.eat_str("ALL PARTS") {
                c.sp();
                if c.eat(b')') {
                    d.all_parts = true;
                    continue;
                }
            } else if let Some(e) = edition_year(c) {
                c.sp();
                if c.eat(b')') {
                    d.edition = Some(e);
                    continue;
                }
            } else if let Some(x) = xg_sheet(c) {
                c.sp();
                if c.eat(b')') {
                    d.amendments.push(x);
                    continue;
                }
            } else if d.adoption.is_none()
                && let Some(a) = adoption(c, "", false)
            {
                c.sp();
                if c.eat(b')') {
                    d.adoption = Some(a);
                    continue;
                }
            }
            c.i = save;
            break;
        }
        if let Some(e) = edition_year(c) {
            d.edition = Some(e);
            continue;
        }
        if let Some(x) = xg_sheet(c) {
            d.amendments.push(x);
            continue;
        }
        if d.adoption.is_none() && c.peek() == b'/' {
            c.i += 1;
            c.sp();
            if let Some(mut a) = adoption(c, "", false) {
                a.degree.get_or_insert(Degree::Idt);
                d.adoption = Some(a);
                continue;
            }
        }
        c.i = save;
        // "GB/T 19001-1994 idt ISO 9001:1994": a degree word after a space.
        if d.adoption.is_none() && c.sp() && matches!(c.peek(), b'I' | b'M' | b'N' | b'E') {
            let s2 = c.i;
            if degree(c).is_some() {
                c.i = s2;
                if let Some(a) = adoption(c, "", false) {
                    d.adoption = Some(a);
                    continue;
                }
            }
        }
        c.i = save;
        if d.adoption.is_none()
            && note_sep(c)
            && let Some(a) = adoption(c, "", !in_paren)
        {
            d.adoption = Some(a);
            continue;
        }
        c.i = save;
        break;
    }
}
