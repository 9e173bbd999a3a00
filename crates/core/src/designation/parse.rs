//! Minimal parser (placeholder; the full engine replaces this module).

use super::{Designation, Kind, ParseError};

/// Parses one designation.
pub fn parse(input: &str) -> Result<Designation, ParseError> {
    let t: String = input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '—' | '–' | '－' => '-',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_uppercase();
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    let split = t
        .find(|c: char| c.is_ascii_digit())
        .ok_or_else(|| ParseError::UnknownBody(input.to_string()))?;
    let body: String = t[..split].split_whitespace().collect::<Vec<_>>().join(" ");
    let body = body.trim_end_matches(['/', ' ']).replace(" /", "/").to_string();
    if body.is_empty() {
        return Err(ParseError::UnknownBody(input.to_string()));
    }
    let rest: String = t[split..].chars().filter(|c| !c.is_whitespace()).collect();
    let chinese = body.starts_with("GB") || body.starts_with("DB") || body.len() <= 6 && !body.starts_with("ISO") && !body.starts_with("IEC");
    let (numpart, year) = if let Some((a, b)) = rest.rsplit_once(':') {
        (a.to_string(), b.parse::<i32>().ok())
    } else if chinese {
        match rest.rsplit_once('-') {
            Some((a, b)) if b.len() == 4 || b.len() == 2 => {
                let y: i32 = b.parse().map_err(|_| ParseError::Malformed { input: input.into(), reason: "bad year".into() })?;
                (a.to_string(), Some(if y < 100 { 1900 + y } else { y }))
            }
            _ => (rest.clone(), None),
        }
    } else {
        (rest.clone(), None)
    };
    let (number, part) = if chinese {
        match numpart.split_once('.') {
            Some((n, p)) => (n.to_string(), Some(p.to_string())),
            None => (numpart, None),
        }
    } else {
        match numpart.split_once('-') {
            Some((n, p)) => (n.to_string(), Some(p.to_string())),
            None => (numpart, None),
        }
    };
    let kind = if body.starts_with("GB") {
        Kind::National
    } else if body.starts_with("ISO") || body.starts_with("IEC") {
        Kind::International
    } else if body.starts_with("DB") {
        Kind::Local
    } else if body.starts_with("T/") {
        Kind::Group
    } else if body.starts_with("Q/") {
        Kind::Enterprise
    } else if chinese {
        Kind::Industry
    } else {
        Kind::Foreign
    };
    Ok(Designation {
        kind,
        body,
        doc_type: None,
        number,
        part,
        year,
        amendments: vec![],
        edition: None,
        all_parts: false,
        adoption: None,
    })
}

/// Renders a designation.
pub(crate) fn render(d: &Designation, _canonical: bool) -> String {
    let chinese = matches!(d.kind, Kind::National | Kind::Industry | Kind::Local | Kind::Group | Kind::Enterprise);
    let mut s = format!("{} {}", d.body, d.number);
    if let Some(p) = &d.part {
        s.push(if chinese { '.' } else { '-' });
        s.push_str(p);
    }
    if let Some(y) = d.year {
        s.push_str(&if chinese { format!("—{y}") } else { format!(":{y}") });
    }
    s
}

/// Comparison key of a rendered designation.
pub(crate) fn key_of(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '—' { '-' } else { c.to_ascii_uppercase() })
        .collect()
}
