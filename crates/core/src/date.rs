//! Dates as sources give them: a full day, a month, or only a year.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A date that may lack its month or day ("2008", "2009-07", "2016-12-30").
///
/// Stored as ISO text so that string order is date order, which both SQL
/// backends compare the same way.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate(String);

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, also with `/` or `.` separators,
    /// `YYYYMMDD`, and Chinese `2016年12月30日`. Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let mut nums: Vec<u32> = Vec::with_capacity(3);
        let mut cur = String::new();
        for ch in t.chars() {
            let ch = match ch {
                '０'..='９' => char::from_u32(ch as u32 - 0xFF10 + 0x30).unwrap_or(ch),
                c => c,
            };
            if ch.is_ascii_digit() {
                cur.push(ch);
            } else {
                if !cur.is_empty() {
                    nums.push(cur.parse().ok()?);
                    cur.clear();
                }
                if !matches!(ch, '-' | '/' | '.' | '年' | '月' | '日' | ' ' | 'T') {
                    // A time part after 'T' or a space is ignored below.
                    if nums.len() >= 3 {
                        break;
                    }
                    return None;
                }
                if ch == 'T' && nums.len() >= 3 {
                    break;
                }
            }
            if nums.len() >= 3 {
                break;
            }
        }
        if !cur.is_empty() && nums.len() < 3 {
            if nums.is_empty() && cur.len() == 8 {
                let y = cur[0..4].parse().ok()?;
                let m = cur[4..6].parse().ok()?;
                let d = cur[6..8].parse().ok()?;
                nums = vec![y, m, d];
            } else {
                nums.push(cur.parse().ok()?);
            }
        }
        Self::from_parts(
            *nums.first()? as i32,
            nums.get(1).copied(),
            nums.get(2).copied(),
        )
    }

    /// Builds a date from its parts, checking ranges (and the day against the month).
    pub fn from_parts(year: i32, month: Option<u32>, day: Option<u32>) -> Option<Self> {
        if !(1800..=2200).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, _) => Some(Self(format!("{year:04}"))),
            (Some(m), None) if (1..=12).contains(&m) => Some(Self(format!("{year:04}-{m:02}"))),
            (Some(m), Some(d)) => {
                chrono::NaiveDate::from_ymd_opt(year, m, d)?;
                Some(Self(format!("{year:04}-{m:02}-{d:02}")))
            }
            _ => None,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.0.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0)
    }

    /// The ISO text form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when this date lies after `today` (a partial date counts from its first day).
    pub fn is_after(&self, today: chrono::NaiveDate) -> bool {
        self.0.as_str() > today.format("%Y-%m-%d").to_string().as_str()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PartialDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("not a date: {s:?}"))
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_source_forms() {
        let p = |s| PartialDate::parse(s).map(|d| d.to_string());
        assert_eq!(p("2016-12-30").as_deref(), Some("2016-12-30"));
        assert_eq!(p("2016/1/5").as_deref(), Some("2016-01-05"));
        assert_eq!(p("2016年12月30日").as_deref(), Some("2016-12-30"));
        assert_eq!(p("2008").as_deref(), Some("2008"));
        assert_eq!(p("2009-07").as_deref(), Some("2009-07"));
        assert_eq!(p("20161230").as_deref(), Some("2016-12-30"));
        assert_eq!(p("2016-12-30T00:00:00Z").as_deref(), Some("2016-12-30"));
        assert_eq!(p("2016-02-30"), None);
        assert_eq!(p("soon"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn partial_dates_compare_as_their_first_day() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert!(PartialDate::parse("2027").unwrap().is_after(today));
        assert!(!PartialDate::parse("2026").unwrap().is_after(today));
        assert!(PartialDate::parse("2026-11-27").unwrap().is_after(today));
        assert!(!PartialDate::parse("2026-11-26").unwrap().is_after(today));
    }
}
