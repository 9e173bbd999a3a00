//! Folding of width, look-alike letters, dashes, case and whitespace.
//!
//! Output is upper-case ASCII wherever the input had ASCII-like characters;
//! Chinese text stays as it is. Every dash becomes '-', every run of
//! whitespace one space. With a map, `map[k]` is the input byte offset of
//! output byte `k` (plus one final entry for the end) so that extraction can
//! report offsets into the original text.

/// Maps one character to its folded form; `None` drops it.
#[inline]
fn fold(c: char) -> Option<char> {
    Some(match c {
        // Full-width ASCII block.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{AD}' => return None,
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2500}'
        | '\u{2501}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{2043}'
        | '\u{30FC}' => '-',
        '〇' => '0',
        '〔' | '【' | '〖' => '(',
        '〕' | '】' | '〗' => ')',
        '〜' => '~',
        '∶' => ':',
        // Cyrillic and Greek letters that look Latin.
        'А' | 'а' | 'Α' | 'α' => 'A',
        'В' | 'в' | 'Β' | 'β' => 'B',
        'Е' | 'е' | 'Ε' | 'ε' => 'E',
        'К' | 'к' | 'Κ' | 'κ' => 'K',
        'М' | 'м' | 'Μ' => 'M',
        'Н' | 'н' | 'Η' => 'H',
        'О' | 'о' | 'Ο' | 'ο' => 'O',
        'Р' | 'р' | 'Ρ' | 'ρ' => 'P',
        'С' | 'с' | 'Ϲ' => 'C',
        'Т' | 'т' | 'Τ' | 'τ' => 'T',
        'Х' | 'х' | 'Χ' | 'χ' => 'X',
        'У' | 'у' | 'Υ' => 'Y',
        'Ι' | 'І' | 'і' => 'I',
        'Ζ' => 'Z',
        'Ν' => 'N',
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Appends the normalised form of `input` to `out`; see the module docs.
pub(crate) fn normalize(input: &str, out: &mut String, mut map: Option<&mut Vec<usize>>) {
    out.reserve(input.len());
    let bytes = input.as_bytes();
    let mut pending_space = false;
    let mut space_off = 0;
    let mut chars = input.char_indices().peekable();
    while let Some((off, c0)) = chars.next() {
        let Some(mut c) = fold(c0) else { continue };
        if c == ' ' {
            if !pending_space {
                space_off = off;
            }
            pending_space = !out.is_empty();
            continue;
        }
        let prev_digit = out.as_bytes().last().is_some_and(u8::is_ascii_digit) && !pending_space;
        let next = chars
            .peek()
            .map(|&(_, n)| fold(n).unwrap_or(' '))
            .unwrap_or(' ');
        // 'l' and 'O' inside numbers are OCR and typing slips for '1' and '0'.
        if c == 'l' && (prev_digit || next.is_ascii_digit()) {
            c = '1';
        } else if matches!(c, 'O' | 'o')
            && prev_digit
            && (next.is_ascii_digit() || matches!(next, 'O' | 'o'))
        {
            c = '0';
        } else if c == 'I' && prev_digit && next.is_ascii_digit() {
            c = '1';
        }
        if pending_space {
            out.push(' ');
            if let Some(m) = map.as_deref_mut() {
                m.push(space_off);
            }
            pending_space = false;
        }
        let c = c.to_ascii_uppercase();
        let before = out.len();
        out.push(c);
        if let Some(m) = map.as_deref_mut() {
            for _ in before..out.len() {
                m.push(off);
            }
        }
    }
    if let Some(m) = map {
        m.push(bytes.len());
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    fn n(s: &str) -> String {
        let mut o = String::new();
        normalize(s, &mut o, None);
        o
    }

    #[test]
    fn folds() {
        assert_eq!(n("ＧＢ／Ｔ　19001－2016"), "GB/T 19001-2016");
        assert_eq!(n("  iso\n 9001:2015 "), "ISO 9001:2015");
        assert_eq!(n("GB/T l9001—2O16"), "GB/T 19001-2016");
        assert_eq!(n("ГОСТ Р 1"), "ГOCT P 1");
        assert_eq!(n("GB 5749—85（所有部分）"), "GB 5749-85(所有部分)");
    }

    #[test]
    fn map_offsets() {
        let s = "见ＧＢ 1";
        let mut o = String::new();
        let mut m = Vec::new();
        normalize(s, &mut o, Some(&mut m));
        assert_eq!(m.len(), o.len() + 1);
        assert_eq!(m[o.find('G').unwrap_or(0)], "见".len());
        assert_eq!(*m.last().unwrap_or(&0), s.len());
    }
}
