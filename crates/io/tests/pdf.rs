//! PDF text for the extractor: a small real PDF built here, byte offsets and all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use normbase_io::document_text;

/// A one-page PDF 1.4 with the given lines in Helvetica, with a correct xref table.
fn pdf_with_lines(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 11 Tf 72 720 Td 14 TL\n");
    for l in lines {
        content.push_str(&format!("({l}) Tj T*\n"));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn text_of_a_real_pdf_feeds_the_extractor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spec.pdf");
    std::fs::write(
        &file,
        pdf_with_lines(&[
            "2 Normative references",
            "GB/T 19001-2016 Quality management systems",
            "ISO 14001:2015 Environmental management",
        ]),
    )
    .unwrap();
    let text = document_text(&file).expect("a valid PDF yields its text");
    assert!(text.contains("GB/T 19001-2016"), "{text:?}");
    let found: Vec<String> = normbase_core::designation::extract(&text)
        .into_iter()
        .map(|f| f.designation.canonical())
        .collect();
    assert_eq!(
        found,
        vec!["GB/T 19001—2016".to_string(), "ISO 14001:2015".to_string()]
    );
}
