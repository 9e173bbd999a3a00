//! Plain text of documents, for the reference extractor and `normbase check`.
//!
//! - `.txt` (and anything not recognised as DOCX or PDF): UTF-8, UTF-16 with
//!   BOM, or a guessed legacy encoding (GBK/GB18030 …);
//! - `.docx`: `word/document.xml`, paragraphs joined by newlines (tabs and
//!   breaks kept); the uncompressed XML is capped at [`MAX_XML`] bytes;
//! - `.pdf`: pdf-extract, with panics caught and reported as errors.

use crate::IoError;
use crate::input;
use quick_xml::events::Event;
use std::io::Read;
use std::path::Path;

/// Largest `word/document.xml` read (uncompressed), against zip bombs.
pub const MAX_XML: u64 = 64 << 20;

/// The text of a .txt, .docx or .pdf file (detected by content, then extension).
pub fn document_text(path: &Path) -> Result<String, IoError> {
    let bytes = std::fs::read(path).map_err(|e| IoError::io(path, e))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.starts_with(b"%PDF") || ext == "pdf" {
        pdf_text(path, &bytes)
    } else if bytes.starts_with(b"PK\x03\x04") || ext == "docx" {
        docx_text(path, &bytes)
    } else {
        Ok(input::decode_text(&bytes))
    }
}

/// Text of a DOCX held in memory.
pub fn docx_text(path: &Path, bytes: &[u8]) -> Result<String, IoError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| IoError::invalid(path, format!("not a DOCX (zip) file: {e}")))?;
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|e| IoError::invalid(path, format!("no word/document.xml: {e}")))?;
    if entry.size() > MAX_XML {
        return Err(IoError::invalid(
            path,
            format!("word/document.xml too large ({} bytes)", entry.size()),
        ));
    }
    let mut xml = Vec::new();
    (&mut entry)
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| IoError::invalid(path, format!("cannot unzip word/document.xml: {e}")))?;
    if xml.len() as u64 > MAX_XML {
        return Err(IoError::invalid(
            path,
            "word/document.xml larger than declared (zip bomb?)",
        ));
    }
    let mut reader = quick_xml::Reader::from_reader(&xml[..]);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "t" => in_text = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                out.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                _ => {
                    let name: &str = r.as_ref();
                    out.push_str(&crate::html::decode_entities(&format!("&{name};")));
                }
            },
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(IoError::invalid(
                    path,
                    format!("malformed document.xml: {e}"),
                ));
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out.trim_end().to_string())
}

/// Text of a PDF held in memory (pdf-extract panics on some files: caught).
pub fn pdf_text(path: &Path, bytes: &[u8]) -> Result<String, IoError> {
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(IoError::invalid(
            path,
            format!("cannot extract PDF text: {e}"),
        )),
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(IoError::invalid(
                path,
                format!("PDF extractor failed: {msg}"),
            ))
        }
    }
}
