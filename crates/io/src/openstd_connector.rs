//! Live connector to the national open-standards site (openstd): searches a
//! designation, follows each hit to its detail page and returns records, so
//! catalogue entries can be refreshed from the source. The site answers on
//! /bzgk/std/…; the older /bzgk/gb/… paths redirect there. The page parsing is
//! [`crate::openstd`]'s, shared with the recorded-response importer.

use crate::openstd::{hit_record, parse_detail_page, parse_search_page};
use crate::{ImportRow, IoError};
use normbase_core::import::Rejection;
use std::path::Path;
use std::time::Duration;

/// The public site.
pub const DEFAULT_BASE_URL: &str = "https://openstd.samr.gov.cn";

/// Cap on one page (the site's pages are a few hundred KiB).
const MAX_PAGE: u64 = 8 << 20;

/// A client of the site.
pub struct Connector {
    base: String,
    agent: ureq::Agent,
}

impl Connector {
    /// A connector to `base_url` (no trailing slash needed) with a per-request timeout.
    pub fn new(base_url: &str, timeout: Duration) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Connector {
            base: base_url.trim_end_matches('/').to_string(),
            agent,
        }
    }

    fn get(&self, path_and_query: &str) -> Result<String, IoError> {
        let url = format!("{}{path_and_query}", self.base);
        let where_ = Path::new(&url);
        let mut resp = self
            .agent
            .get(&url)
            .call()
            .map_err(|e| IoError::invalid(where_, format!("request failed: {e}")))?;
        let status = resp.status().as_u16();
        if status != 200 {
            return Err(IoError::invalid(where_, format!("HTTP status {status}")));
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(MAX_PAGE)
            .read_to_vec()
            .map_err(|e| IoError::invalid(where_, format!("cannot read the page: {e}")))?;
        Ok(crate::input::decode_text(&bytes))
    }

    /// Searches `designation` and returns one row per hit: the record from its
    /// detail page, or from the search list when the detail page fails.
    pub fn fetch(&self, designation: &str) -> Result<Vec<ImportRow>, IoError> {
        let query = encode_query_value(designation.trim());
        let list = self.get(&format!("/bzgk/std/std_list?p.p2={query}"))?;
        let file = format!("{}/bzgk/std/std_list?p.p2={query}", self.base);
        let mut rows = Vec::new();
        for (i, hit) in parse_search_page(&list).into_iter().enumerate() {
            let row = i as u64 + 1;
            let detail = hit.hcno.as_deref().map(|h| {
                self.get(&format!(
                    "/bzgk/std/newGbInfo?hcno={}",
                    encode_query_value(h)
                ))
                .and_then(|page| {
                    parse_detail_page(&page)
                        .map_err(|e| IoError::invalid(Path::new(&file), e.to_string()))
                })
            });
            let result = match detail {
                Some(Ok(rec)) => Ok(rec),
                _ => hit_record(&hit).map_err(|e| Rejection {
                    file: file.clone(),
                    row,
                    field: Some("标准号".into()),
                    reason: e.to_string(),
                }),
            };
            rows.push(ImportRow {
                file: file.clone(),
                row,
                result,
            });
        }
        Ok(rows)
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and '/' stay).
fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded_like_the_site_expects() {
        assert_eq!(
            super::encode_query_value("GB/T 5606.1-2004"),
            "GB/T%205606.1-2004"
        );
        assert_eq!(super::encode_query_value("卷烟"), "%E5%8D%B7%E7%83%9F");
    }
}
