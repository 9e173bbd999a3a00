//! ISO, IEC, CISPR, IWA and ITU designations, plus the number, year and
//! amendment grammar that foreign bodies share.

use super::cursor::{Cur, num, year2_pivot, year4};
use super::tables::{doc_type, is_co_body, is_marker, is_suffix_word};
use super::{Amendment, AmendmentKind, Designation, Kind, ParseError};

/// How a body writes numbers and years.
#[derive(Clone, Copy, Default)]
pub(crate) struct NumStyle {
    /// Up to this many letters may precede the digits ("J1939", "C22.2").
    pub prefix_letters: usize,
    /// Dots continue the number ("802.3", "ISO/DIS 21448.2").
    pub dots: bool,
    /// A trailing two-digit "-YY" is a year (GOST, ASTM).
    pub dash_yy: bool,
}

/// Number, part and year as parsed.
pub(crate) struct NumParts {
    pub number: String,
    pub part: Option<String>,
    pub year: Option<i32>,
    /// DIN-style month after the year ("-05").
    pub month: Option<String>,
}

/// Is `s` a year written after a dash? (Plausible range only, to keep parts like "-1001" apart.)
fn dash_year(s: &str) -> Option<i32> {
    year4(s).filter(|y| (1950..=2035).contains(y))
}

/// Parses "<number>[-<part>…][:<year>]" at the cursor.
pub(crate) fn number(
    c: &mut Cur<'_>,
    st: NumStyle,
    body: &str,
    input: &str,
) -> Result<NumParts, ParseError> {
    c.sp();
    let a = c.i;
    let mut k = 0;
    while k < st.prefix_letters && c.at(k).is_ascii_uppercase() {
        k += 1;
    }
    if c.at(k).is_ascii_digit() {
        c.i += k;
    }
    if c.digits().is_empty() {
        c.i = a;
        return Err(ParseError::MissingNumber {
            body: body.to_string(),
            input: input.to_string(),
        });
    }
    loop {
        if st.dots && c.peek() == b'.' && c.at(1).is_ascii_alphanumeric() {
            c.i += 1;
            while c.peek().is_ascii_alphanumeric() {
                c.i += 1;
            }
        } else {
            break;
        }
    }
    // Letter suffix ("IEC 60027A", "NFPA 70E", "802.11AX").
    let save = c.i;
    if c.letters().len() > 3 {
        c.i = save;
    }
    let number = c.slice(a, c.i).to_string();
    let mut part = String::new();
    let mut year = None;
    while c.peek() == b'-' && c.at(1).is_ascii_alphanumeric() {
        let save = c.i;
        c.i += 1;
        let sa = c.i;
        while c.peek().is_ascii_alphanumeric()
            || (st.dots && c.peek() == b'.' && c.at(1).is_ascii_digit())
        {
            c.i += 1;
        }
        let seg = c.slice(sa, c.i);
        // Letter-only parts exist ("ISO 105-A"), but only short ones before ':' or the end.
        // Longer ones ("27001-HBK:2010", "61970-CGMES:2022") only right before ":<year>".
        let letter_part = (seg.len() <= 2 && matches!(c.peek(), b':' | b' ' | 0))
            || (seg.len() <= 6 && c.peek() == b':' && c.at(1).is_ascii_digit());
        if !seg.bytes().any(|b| b.is_ascii_digit()) && !letter_part {
            c.i = save;
            break;
        }
        let is_last = !(c.peek() == b'-' && c.at(1).is_ascii_alphanumeric());
        if is_last && c.peek() != b':' {
            if let Some(y) = dash_year(seg) {
                year = Some(y);
                break;
            }
            if st.dash_yy && seg.len() == 2 && seg.bytes().all(|b| b.is_ascii_digit()) {
                year = year2_pivot(seg);
                break;
            }
        }
        if !part.is_empty() {
            part.push('-');
        }
        part.push_str(seg);
    }
    if year.is_none() && c.peek() == b' ' && c.at(1) == b':' {
        c.i += 1;
    }
    if year.is_none() && c.peek() == b':' {
        let save = c.i;
        c.i += 1;
        c.sp();
        let y = c.digits();
        year = year4(y).or_else(|| year2_pivot(y));
        if year.is_none() && !y.is_empty() {
            c.i = save;
        }
    }
    let mut month = None;
    if year.is_some()
        && c.peek() == b'-'
        && c.at(1).is_ascii_digit()
        && c.at(2).is_ascii_digit()
        && !c.at(3).is_ascii_alphanumeric()
    {
        month = Some(c.slice(c.i, c.i + 3).to_string());
        c.i += 3;
    }
    Ok(NumParts {
        number,
        part: (!part.is_empty()).then_some(part),
        year,
        month,
    })
}

/// Parses amendments, corrigenda, IEC markers and other change suffixes.
/// Unmodelled pieces go verbatim into `suffix`.
pub(crate) fn amendments(c: &mut Cur<'_>, amds: &mut Vec<Amendment>, suffix: &mut String) {
    loop {
        let save = c.i;
        let spaced = c.sp();
        let sep = c.peek();
        let joined = sep == b'/' || sep == b'+';
        if joined {
            c.i += 1;
            c.sp();
        } else if !spaced {
            break;
        }
        let w = c.letters();
        let kind = match w {
            "AMD" | "AMENDMENT" | "AM" | "A" => Some(AmendmentKind::Amd),
            "COR" | "CORR" | "CORRIGENDUM" | "AC" => Some(AmendmentKind::Cor),
            _ => None,
        };
        if let Some(kind) = kind {
            if (w == "A" && !c.peek().is_ascii_digit()) || (!joined && w.len() < 3) {
                c.i = save;
                break;
            }
            c.eat(b'.');
            if c.peek() == b' ' && c.at(1).is_ascii_digit() {
                c.i += 1;
            }
            let n = num(c.digits());
            if n.is_none() && !joined {
                c.i = save;
                break;
            }
            let mut year = None;
            let s2 = c.i;
            if c.eat(b':') || c.eat(b'-') {
                let d = c.digits();
                year = year4(d).or_else(|| year2_pivot(d).filter(|_| n.is_some()));
                if year.is_none() {
                    c.i = s2;
                }
            }
            amds.push(Amendment {
                kind,
                number: n,
                year,
            });
            continue;
        }
        if !spaced && sep == b'/' && is_suffix_word(w) {
            suffix.push('/');
            suffix.push_str(w);
            let s2 = c.i;
            if c.sp() {
                let w2 = c.letters();
                if matches!(w2, "AMD" | "COR") {
                    suffix.push(' ');
                    suffix.push_str(w2);
                } else {
                    c.i = s2;
                }
            }
            let s3 = c.i;
            let sp = c.sp();
            let d = c.digits();
            if d.is_empty() {
                c.i = s3;
                // Dated but unnumbered: "/Suppl:1993".
                if colon_year_at(c, 0) {
                    let y0 = c.i;
                    c.i += 5;
                    suffix.push_str(c.slice(y0, c.i));
                }
            } else {
                if sp {
                    suffix.push(' ');
                }
                suffix.push_str(d);
                // Draft iteration: "/DAM 1.2", "/CD Amd 2.3".
                if c.peek() == b'.' && c.at(1).is_ascii_digit() {
                    let i0 = c.i;
                    c.i += 1;
                    c.digits();
                    suffix.push_str(c.slice(i0, c.i));
                }
                if c.peek() == b':' && c.at(1).is_ascii_digit() {
                    let y0 = c.i;
                    c.i += 1;
                    c.digits();
                    suffix.push_str(c.slice(y0, c.i));
                }
            }
            continue;
        }
        if spaced && !joined && is_marker(w) && !c.peek().is_ascii_alphanumeric() {
            suffix.push(' ');
            suffix.push_str(w);
            while c.peek() == b'-' && c.at(1).is_ascii_uppercase() {
                let s2 = c.i;
                c.i += 1;
                let w2 = c.letters();
                if is_marker(w2) {
                    suffix.push('-');
                    suffix.push_str(w2);
                } else {
                    c.i = s2;
                    break;
                }
            }
            continue;
        }
        c.i = save;
        break;
    }
}

/// Parses ISO, IEC, CISPR, IWA or ITU at the cursor; `Ok(None)` if none starts here.
pub(crate) fn parse_intl(c: &mut Cur<'_>, input: &str) -> Result<Option<Designation>, ParseError> {
    let start = c.i;
    let mut w = c.letters();
    // A draft stage before an IWA: "CD IWA 45".
    let mut stage = "";
    if c.peek() == b' '
        && matches!(
            w,
            "CD" | "WD" | "DIS" | "FDIS" | "AWI" | "NP" | "PWI" | "PRF"
        )
    {
        let s2 = c.i;
        c.i += 1;
        if c.eat_word("IWA") {
            stage = w;
            w = "IWA";
        } else {
            c.i = s2;
        }
    }
    if !matches!(w, "ISO" | "IEC" | "CISPR" | "IWA" | "ITU") {
        c.i = start;
        return Ok(None);
    }
    if w == "ITU" {
        let d = itu(c, input)?;
        if d.is_none() {
            c.i = start;
        }
        return Ok(d);
    }
    let mut body = String::with_capacity(16);
    let mut dt = String::new();
    if w == "IWA" {
        body.push_str("ISO");
        if !stage.is_empty() {
            dt.push_str(stage);
            dt.push(' ');
        }
        dt.push_str("IWA");
    } else {
        body.push_str(w);
    }
    loop {
        let save = c.i;
        c.sp();
        let slash = c.eat(b'/');
        c.sp();
        let t = c.letters();
        // "ISO/HL7 10781": the one co-body with a digit in its name.
        if slash
            && dt.is_empty()
            && t == "HL"
            && c.peek() == b'7'
            && !c.at(1).is_ascii_alphanumeric()
        {
            c.i += 1;
            body.push_str("/HL7");
            continue;
        }
        if t.is_empty() || c.peek().is_ascii_alphabetic() {
            c.i = save;
            break;
        }
        // IEC conformity-assessment and advisory series: "IEC ACEE 01:2018", "IEC CA 01:2016".
        if !slash
            && body == "IEC"
            && dt.is_empty()
            && matches!(t, "ACEE" | "CA" | "WT")
            && c.peek() == b' '
            && c.at(1).is_ascii_digit()
        {
            dt.push_str(t);
            continue;
        }
        if !slash && body == "IEC" && dt.is_empty() {
            let s2 = c.i;
            c.i = save;
            c.sp();
            if let Some(d) = iec_paper(c, input) {
                return Ok(Some(d));
            }
            c.i = s2;
        }
        if slash && dt.is_empty() && is_co_body(t) && !body.ends_with(t) {
            body.push('/');
            body.push_str(t);
        } else if let Some(d) = doc_type(t) {
            if !dt.is_empty() {
                dt.push(' ');
            }
            dt.push_str(d);
        } else {
            c.i = save;
            break;
        }
    }
    let st = NumStyle {
        prefix_letters: 0,
        dots: true,
        dash_yy: false,
    };
    let np = if dt == "DIR" {
        directive(c, &body, input)?
    } else if let Some(np) = named(c) {
        np
    } else {
        let mut np = number(c, st, &body, input)?;
        // Old IEC sub-parts after a slash: "IEC 60695-2-1/0:1994".
        if np.year.is_none()
            && body == "IEC"
            && np.part.is_some()
            && c.peek() == b'/'
            && c.at(1).is_ascii_digit()
            && !c.at(2).is_ascii_digit()
        {
            let save = c.i;
            c.i += 1;
            let sub = c.digits();
            if c.peek() == b':' && year4(c.slice(c.i + 1, c.i + 5)).is_some() {
                if let Some(p) = np.part.as_mut() {
                    p.push('/');
                    p.push_str(sub);
                }
                c.i += 1;
                np.year = year4(c.digits());
            } else {
                c.i = save;
            }
        }
        np
    };
    let mut amds = Vec::new();
    let mut suffix = String::new();
    amendments(c, &mut amds, &mut suffix);
    let kind = Kind::International;
    let mut d = Designation {
        kind,
        body,
        doc_type: (!dt.is_empty()).then_some(dt),
        number: np.number,
        part: np.part,
        year: np.year,
        amendments: amds,
        edition: None,
        all_parts: false,
        adoption: None,
    };
    let s = suffix.trim();
    if !s.is_empty() {
        d.edition = Some(s.to_string());
    }
    Ok(Some(d))
}

/// ":<four-digit year>" at the cursor, not followed by more digits or letters.
fn colon_year_at(c: &Cur<'_>, k: usize) -> bool {
    c.at(k) == b':'
        && (1..=4).all(|j| c.at(k + j).is_ascii_digit())
        && !c.at(k + 5).is_ascii_alphanumeric()
}

/// Publications named by a word instead of a number, always dated:
/// "IEC GIORGI:2001", "IEC CENT-CHAL:2006", "IEC HANDB1:1983", "ISO/IEC VIM:1993".
fn named(c: &mut Cur<'_>) -> Option<NumParts> {
    let save = c.i;
    c.sp();
    if !c.peek().is_ascii_uppercase() {
        c.i = save;
        return None;
    }
    let a = c.i;
    let mut k = 0;
    while c.at(k).is_ascii_alphanumeric()
        || (c.at(k) == b'-' && c.at(k + 1).is_ascii_alphanumeric())
    {
        k += 1;
    }
    if !(2..=16).contains(&k) || !colon_year_at(c, k) {
        c.i = save;
        return None;
    }
    c.i += k + 1;
    let year = year4(c.digits());
    Some(NumParts {
        number: c.slice(a, a + k).to_string(),
        part: None,
        year,
        month: None,
    })
}

/// ISO/IEC Directives: "ISO/IEC DIR 1:2022", "ISO/IEC DIR 2 ISO:1992" (the ISO
/// edition of Part 2), "ISO/IEC DIR IEC SUP:2010" (IEC Supplement). The number
/// keeps the part and the qualifiers: "2 ISO", "IEC SUP".
fn directive(c: &mut Cur<'_>, body: &str, input: &str) -> Result<NumParts, ParseError> {
    let mut number = String::new();
    loop {
        let save = c.i;
        c.sp();
        let d = c.digits();
        let t = if d.is_empty() {
            let t = c.letters();
            if matches!(t, "ISO" | "IEC" | "JTC" | "SUP") {
                t
            } else {
                ""
            }
        } else if c.peek().is_ascii_alphabetic() {
            ""
        } else {
            d
        };
        if t.is_empty() {
            c.i = save;
            break;
        }
        if !number.is_empty() {
            number.push(' ');
        }
        number.push_str(t);
    }
    if number.is_empty() {
        return Err(ParseError::MissingNumber {
            body: body.to_string(),
            input: input.to_string(),
        });
    }
    let mut year = None;
    if colon_year_at(c, 0) {
        c.i += 1;
        year = year4(c.digits());
    }
    Ok(NumParts {
        number,
        part: None,
        year,
        month: None,
    })
}

/// IEC white papers and reports, named by their title:
/// "IEC White Paper Edge intelligence:2017", "IEC Trend Report Smart sensing:2024".
/// The title keeps the case of `input` when it can be found there.
fn iec_paper(c: &mut Cur<'_>, input: &str) -> Option<Designation> {
    const SERIES: [(&str, &str); 4] = [
        ("WHITE PAPER ", "White Paper"),
        ("TECHNOLOGY REPORT ", "Technology Report"),
        ("TREND REPORT ", "Trend Report"),
        (
            "TECHNOLOGY AND MARKET OUTLOOK PAPER ",
            "Technology and Market Outlook Paper",
        ),
    ];
    let save = c.i;
    let dt = SERIES.iter().find(|(w, _)| c.eat_str(w))?.1;
    // The title runs to the first ":<year>"; it may hold ':' itself ("IoT:WSN").
    let a = c.i;
    let mut k = 0;
    while k < 80 {
        let b = c.at(k);
        if b == 0 || !(b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b':' | b'.' | b'&')) {
            break;
        }
        if k > 0 && colon_year_at(c, k) {
            let mut title = c.slice(a, a + k).trim_end();
            if input.len() == c.s.len()
                && let Some(orig) = input.get(a..a + title.len())
                && orig.eq_ignore_ascii_case(title)
            {
                title = orig;
            }
            let number = title.to_string();
            c.i = a + k + 1;
            let year = year4(c.digits());
            return Some(Designation {
                kind: Kind::International,
                body: "IEC".to_string(),
                doc_type: Some(dt.to_string()),
                number,
                part: None,
                year,
                amendments: Vec::new(),
                edition: None,
                all_parts: false,
                adoption: None,
            });
        }
        k += 1;
    }
    c.i = save;
    None
}

/// ITU-T / ITU-R recommendations: "ITU-T Rec. X.509 (10/2019)", "ITU-R BT.709-6".
fn itu(c: &mut Cur<'_>, input: &str) -> Result<Option<Designation>, ParseError> {
    if !c.eat(b'-') {
        return Ok(None);
    }
    let sector = match c.peek() {
        b'T' => "ITU-T",
        b'R' => "ITU-R",
        _ => return Ok(None),
    };
    c.i += 1;
    if c.peek().is_ascii_alphanumeric() {
        return Ok(None);
    }
    c.sp();
    let save = c.i;
    if c.eat_word("REC") || c.eat_word("RECOMMENDATION") {
        c.eat(b'.');
        c.sp();
    } else {
        c.i = save;
    }
    let a = c.i;
    let l = c.letters();
    if l.is_empty() || l.len() > 3 || c.peek() != b'.' || !c.at(1).is_ascii_digit() {
        return Err(ParseError::MissingNumber {
            body: sector.to_string(),
            input: input.to_string(),
        });
    }
    c.i += 1;
    c.digits();
    while c.peek() == b'.' && c.at(1).is_ascii_alphanumeric() {
        c.i += 1;
        while c.peek().is_ascii_alphanumeric() {
            c.i += 1;
        }
    }
    let number = c.slice(a, c.i).to_string();
    let mut part = None;
    if c.peek() == b'-' && c.at(1).is_ascii_digit() {
        c.i += 1;
        part = Some(c.digits().to_string());
    }
    let (mut year, mut month) = (None, None);
    let save = c.i;
    c.sp();
    if c.eat(b'(') {
        let d1 = c.digits();
        if c.eat(b'/') {
            let d2 = c.digits();
            if d1.len() <= 2 && num(d1).is_some_and(|m| (1..=12).contains(&m)) {
                year = year4(d2);
                month = Some(format!("{:02}", num(d1).unwrap_or(0)));
            }
        } else {
            year = year4(d1);
        }
        if year.is_none() || !c.eat(b')') {
            c.i = save;
            year = None;
            month = None;
        }
    } else {
        c.i = save;
    }
    Ok(Some(Designation {
        kind: Kind::International,
        body: sector.to_string(),
        doc_type: None,
        number,
        part,
        year,
        amendments: Vec::new(),
        edition: month,
        all_parts: false,
        adoption: None,
    }))
}
