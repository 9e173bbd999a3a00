//! Byte cursor over normalised designation text (ASCII upper case, single spaces).

/// A position in normalised text.
pub(crate) struct Cur<'a> {
    /// The normalised bytes.
    pub s: &'a [u8],
    /// Current offset.
    pub i: usize,
}

impl<'a> Cur<'a> {
    /// A cursor at `i`.
    pub fn new(s: &'a [u8], i: usize) -> Self {
        Cur { s, i }
    }

    /// Byte at the cursor, 0 at the end.
    #[inline]
    pub fn peek(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }

    /// Byte `k` positions ahead, 0 past the end.
    #[inline]
    pub fn at(&self, k: usize) -> u8 {
        self.s.get(self.i + k).copied().unwrap_or(0)
    }

    /// Skips one space (normalised text never has two in a row).
    #[inline]
    pub fn sp(&mut self) -> bool {
        if self.peek() == b' ' {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `b` if it is next.
    #[inline]
    pub fn eat(&mut self, b: u8) -> bool {
        if self.peek() == b {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `t` if the text continues with it.
    #[inline]
    pub fn eat_str(&mut self, t: &str) -> bool {
        if self.s[self.i.min(self.s.len())..].starts_with(t.as_bytes()) {
            self.i += t.len();
            true
        } else {
            false
        }
    }

    /// Consumes `t` only if no ASCII letter follows it.
    #[inline]
    pub fn eat_word(&mut self, t: &str) -> bool {
        let save = self.i;
        if self.eat_str(t) && !self.peek().is_ascii_alphabetic() {
            true
        } else {
            self.i = save;
            false
        }
    }

    /// Consumes a run of ASCII digits.
    #[inline]
    pub fn digits(&mut self) -> &'a str {
        let a = self.i;
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
        self.slice(a, self.i)
    }

    /// Consumes a run of ASCII upper-case letters.
    #[inline]
    pub fn letters(&mut self) -> &'a str {
        let a = self.i;
        while self.peek().is_ascii_uppercase() {
            self.i += 1;
        }
        self.slice(a, self.i)
    }

    /// Text between two offsets (always on ASCII boundaries here).
    #[inline]
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.s
            .get(a..b)
            .and_then(|x| std::str::from_utf8(x).ok())
            .unwrap_or("")
    }
}

/// Parses a run of ASCII digits (callers pass at most 9 digits).
#[inline]
pub(crate) fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.parse().ok()
}

/// A four-digit year in a plausible range.
#[inline]
pub(crate) fn year4(s: &str) -> Option<i32> {
    if s.len() != 4 {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

/// Two-digit year with a pivot: ≤ 40 means 20xx (foreign bodies still used them after 2000).
#[inline]
pub(crate) fn year2_pivot(s: &str) -> Option<i32> {
    if s.len() != 2 {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    Some(if y <= 40 { 2000 + y } else { 1900 + y })
}
