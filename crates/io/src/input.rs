//! Opening source files: gzip detection, progress counting, text decoding.

use crate::IoError;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts the bytes read from the raw file into an optional shared counter.
struct Counting<R> {
    inner: R,
    counter: Option<Arc<AtomicU64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(c) = &self.counter {
            c.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// Opens `path` for buffered reading, decompressing gzip when the file starts
/// with the gzip magic bytes (whatever its extension).
pub(crate) fn open(
    path: &Path,
    progress: Option<Arc<AtomicU64>>,
) -> Result<Box<dyn BufRead + Send>, IoError> {
    let file = File::open(path).map_err(|e| IoError::io(path, e))?;
    let mut raw = BufReader::with_capacity(
        256 * 1024,
        Counting {
            inner: file,
            counter: progress,
        },
    );
    let head = raw.fill_buf().map_err(|e| IoError::io(path, e))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(raw);
        Ok(Box::new(BufReader::with_capacity(256 * 1024, gz)))
    } else {
        Ok(Box::new(raw))
    }
}

/// Reads the whole (possibly gzip-compressed) file as bytes.
pub(crate) fn read_all(path: &Path, progress: Option<Arc<AtomicU64>>) -> Result<Vec<u8>, IoError> {
    let mut r = open(path, progress)?;
    let mut buf = Vec::new();
    r.read_to_end(&mut buf)
        .map_err(|e| IoError::invalid(path, format!("cannot read: {e}")))?;
    Ok(buf)
}

/// Decodes text: a UTF-8 / UTF-16 BOM wins; otherwise valid UTF-8 is taken as
/// is; otherwise the encoding is guessed (chardetng, tuned for Chinese: GBK and
/// GB18030 files from office software are common).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK and decodes both.
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// Splits a value that may hold several items, on `;`, `；`, `、`, `,`, `，`, `|`
/// and newlines (organisation names: never on 和, as in 住房和城乡建设部).
pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split([';', '；', '、', ',', '，', '\n', '\r', '|'])
        .map(|p| p.trim().trim_matches(['。', '.']).trim())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Splits a list of designations: like [`split_list`], and also on 和/及 between
/// items ("GB 2893—2008、GB 7231—2003和GB 2894—2008").
pub(crate) fn split_refs(s: &str) -> Vec<String> {
    split_list(s)
        .iter()
        .flat_map(|p| {
            p.split(['和', '及'])
                .map(|x| x.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Like [`split_list`] but also splits on whitespace (for code lists: ICS, CCS).
pub(crate) fn split_codes(s: &str) -> Vec<String> {
    split_list(s)
        .iter()
        .flat_map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Removes HTML tags and decodes the common entities; collapses whitespace.
pub(crate) fn strip_html(s: &str) -> String {
    crate::html::text_chunks(s).join(" ")
}

/// A trimmed, non-empty string.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}
