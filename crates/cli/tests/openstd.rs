//! The openstd connector against a real HTTP server on loopback that replays
//! the recorded responses of the national open-standards site.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Env, shared_data};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Path and query of a recorded URI, decoded.
fn path_of(uri: &str) -> String {
    let rest = uri.split_once("://").map_or(uri, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    percent_decode(path)
}

/// Serves the recorded pages; returns the base URL. Unknown paths get 404.
fn replay_server(files: &[std::path::PathBuf]) -> String {
    let mut pages: HashMap<String, (u16, String)> = HashMap::new();
    for f in files {
        for r in normbase_io::openstd::read_cassette(f).unwrap() {
            let key = path_of(&r.uri);
            let better = pages.get(&key).is_none_or(|(status, _)| *status != 200);
            if better {
                pages.insert(key, (r.status, r.body));
            }
        }
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Drain the headers.
            let mut h = String::new();
            while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
                h.clear();
            }
            let target = line.split_whitespace().nth(1).unwrap_or("/");
            let (status, body) = pages
                .get(&percent_decode(target))
                .cloned()
                .unwrap_or((404, "not recorded".into()));
            let reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn openstd_connector_refreshes_records_from_the_site() {
    let Some(data) = shared_data() else { return };
    let dir = data.join("catalog/openstd-recordings");
    let base = replay_server(&[
        dir.join("gb_t_5606_1_2004.yml"),
        dir.join("gb_t_20223_2006.yml"),
    ]);
    let env = Env::sqlite();
    let out = env.run_ok(&[
        "openstd",
        "--json",
        "--base-url",
        &base,
        "GB/T 5606.1-2004",
        "GB/T 20223-2006",
    ]);
    let s: Value = serde_json::from_str(&out).unwrap();
    assert!(s["inserted"].as_u64().unwrap() >= 2, "{s}");
    assert_eq!(s["rejected"], 0, "{s}");
    let show: Value =
        serde_json::from_str(&env.run_ok(&["show", "--json", "GB/T 20223-2006"])).unwrap();
    let rec = &show["record"];
    assert_eq!(rec["ccs"][0], "B32", "{rec}");
    assert!(
        rec["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["format"] == "openstd"),
        "{rec}"
    );
    // The same refresh again changes nothing.
    let again: Value = serde_json::from_str(&env.run_ok(&[
        "openstd",
        "--json",
        "--base-url",
        &base,
        "GB/T 5606.1-2004",
    ]))
    .unwrap();
    assert_eq!(
        (again["inserted"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
    // A site that is down is a clear one-line error.
    let down = env
        .command(&["openstd", "--base-url", "http://127.0.0.1:9", "GB/T 1.1"])
        .output()
        .unwrap();
    assert!(!down.status.success());
    let msg = String::from_utf8_lossy(&down.stderr);
    assert!(
        msg.contains("cannot fetch \"GB/T 1.1\" from openstd") && msg.lines().count() == 1,
        "{msg}"
    );
}
