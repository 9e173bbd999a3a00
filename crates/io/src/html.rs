//! A small forgiving HTML reader: enough to pull text out of the pages we parse.

/// The text between tags, as trimmed non-empty chunks in document order.
/// Script and style contents and comments are skipped; entities are decoded;
/// runs of whitespace collapse to one space (so the double space between title
/// elements, "卷烟  第1部分", becomes one).
pub(crate) fn text_chunks(html: &str) -> Vec<String> {
    chunks(html, false)
}

/// Like [`text_chunks`], but an element (div, td, dd, span) that closes with
/// no text inside yields an empty chunk, so empty values stay visible.
pub(crate) fn chunks_with_empty(html: &str) -> Vec<String> {
    chunks(html, true)
}

fn chunks(html: &str, keep_empty: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut rest = html;
    let mut text_since_open = false;
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                cur.push_str(rest);
                rest = "";
            }
            Some(i) => {
                cur.push_str(&rest[..i]);
                let before = out.len();
                flush(&mut cur, &mut out);
                if out.len() > before {
                    text_since_open = true;
                }
                let after = &rest[i..];
                let lower = after.get(..6).unwrap_or(after).to_ascii_lowercase();
                if keep_empty
                    && ["</div", "</td", "</dd", "</spa"]
                        .iter()
                        .any(|t| lower.starts_with(t))
                {
                    if !text_since_open {
                        out.push(String::new());
                    }
                    text_since_open = true;
                } else if !lower.starts_with("</") && !lower.starts_with("<!") {
                    text_since_open = false;
                }
                rest = skip_markup(after);
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Skips the tag (or comment, or script/style element) at the start of `s`.
fn skip_markup(s: &str) -> &str {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map_or("", |j| &body[j + 3..]);
    }
    let lower: String = s.chars().take(8).collect::<String>().to_ascii_lowercase();
    for name in ["script", "style"] {
        if lower.strip_prefix('<').is_some_and(|l| l.starts_with(name)) {
            let close = format!("</{name}");
            let lower_all = s.to_ascii_lowercase();
            return match lower_all.find(&close) {
                Some(j) => {
                    let tail = &s[j..];
                    tail.find('>').map_or("", |k| &tail[k + 1..])
                }
                None => "",
            };
        }
    }
    // A tag: skip to the closing '>' outside quotes.
    let mut quote: Option<char> = None;
    for (k, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"') | (None, '\'') => quote = Some(c),
            (None, '>') => return &s[k + 1..],
            _ => {}
        }
    }
    ""
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    let decoded = decode_entities(cur);
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if !collapsed.is_empty() {
        out.push(collapsed);
    }
    cur.clear();
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric entities.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute-like text `name('…')` or `name("…")` inside `s`
/// (for `onclick="showInfo('B320…')"`).
pub(crate) fn call_arg<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let i = s.find(name)?;
    let rest = s[i + name.len()..].strip_prefix('(')?;
    let rest = rest.trim_start_matches(['\'', '"']);
    let end = rest.find(['\'', '"', ')'])?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_skip_scripts_and_comments() {
        let h =
            "<p>a &amp; b</p><!-- x --><script>var a='<p>no</p>';</script><td>\n c&#x4E2D; </td>";
        assert_eq!(text_chunks(h), vec!["a & b", "c中"]);
    }

    #[test]
    fn call_arg_reads_onclick() {
        assert_eq!(
            call_arg("onclick=\"showInfo('AB12');\"", "showInfo"),
            Some("AB12")
        );
    }
}
