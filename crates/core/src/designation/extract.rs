//! Finding designations in free text.

use super::cursor::Cur;
use super::normalize::normalize;
use super::parse::{one, tail};
use super::{Designation, Kind};

/// One designation found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the first character in the original text.
    pub start: usize,
    /// Byte offset just past the last character in the original text.
    pub end: usize,
    /// The matched slice of the original text.
    pub text: String,
    /// The parsed designation.
    pub designation: Designation,
}

/// Can a designation start after this byte?
#[inline]
fn boundary_before(b: u8) -> bool {
    !(b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b':' | b'+'))
}

/// Filters matches that are probably ordinary words followed by numbers.
fn plausible(d: &Designation) -> bool {
    let short_digits = d.number.bytes().filter(u8::is_ascii_digit).count() < 3;
    match d.kind {
        Kind::Industry | Kind::Local if !d.body.contains('/') => d.year.is_some() || !short_digits,
        Kind::Foreign if d.body.len() <= 2 => d.year.is_some() || !short_digits,
        _ => true,
    }
}

/// Finds every designation in `text`, in order, without overlaps. Pure; no I/O.
pub fn extract(text: &str) -> Vec<Found> {
    let mut buf = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    normalize(text, &mut buf, Some(&mut map));
    let s = buf.as_bytes();
    let orig = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        // ASCII capitals, "建标" (E5 BB BA) and Cyrillic "Г" (D0 93) can start a designation.
        let lead = b.is_ascii_uppercase()
            || (b == 0xE5 && s[i..].starts_with("建标".as_bytes()))
            || (b == 0xD0 && s.get(i + 1) == Some(&0x93));
        let at_word = i == 0 || boundary_before(s[i - 1]);
        let upper_in_text = map
            .get(i)
            .and_then(|&o| orig.get(o))
            .is_none_or(|o| !o.is_ascii_lowercase());
        if lead && at_word && upper_in_text {
            let mut c = Cur::new(s, i);
            if let Ok(Some(mut d)) = one(&mut c, "") {
                tail(&mut c, &mut d, false);
                let nb = c.peek();
                let clean_end =
                    !(nb.is_ascii_alphanumeric() || (nb == b'.' && c.at(1).is_ascii_digit()));
                if clean_end && plausible(&d) {
                    let (start, end) = (map[i], map[c.i]);
                    out.push(Found {
                        start,
                        end,
                        text: text.get(start..end).unwrap_or("").to_string(),
                        designation: d,
                    });
                    i = c.i;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}
