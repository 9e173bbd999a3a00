//! Helpers for the CLI tests: a temp data directory and the built binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `../shared/data`, or None (with a message) when absent outside CI.
pub fn shared_data() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.join("README.md").exists() {
        return Some(p);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("shared data missing at {} (CI=true)", p.display());
    }
    eprintln!("skipping: shared data not found at {}", p.display());
    None
}

/// A data directory (SQLite) or a fresh PostgreSQL database for one test.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub database_url: Option<String>,
}

impl Env {
    pub fn sqlite() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            database_url: None,
        }
    }

    /// A fresh database on the test PostgreSQL, or None when no server is configured outside CI.
    pub fn postgres() -> Option<Env> {
        let Ok(base) = std::env::var("NORMBASE_TEST_PG_URL") else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("NORMBASE_TEST_PG_URL is not set (CI=true)");
            }
            eprintln!("skipping: NORMBASE_TEST_PG_URL not set");
            return None;
        };
        let name = format!("nb_cli_{}_{}", std::process::id(), rand_suffix());
        let status = Command::new("psql")
            .args([
                base.as_str(),
                "-v",
                "ON_ERROR_STOP=1",
                "-qc",
                &format!("CREATE DATABASE {name}"),
            ])
            .status()
            .expect("psql runs");
        assert!(status.success(), "cannot create database {name}");
        let url = match base.rsplit_once('/') {
            Some((head, tail)) => {
                let query = tail
                    .split_once('?')
                    .map(|(_, q)| format!("?{q}"))
                    .unwrap_or_default();
                format!("{head}/{name}{query}")
            }
            None => panic!("odd url {base}"),
        };
        Some(Env {
            dir: tempfile::tempdir().unwrap(),
            database_url: Some(url),
        })
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_normbase"));
        c.arg("--data").arg(self.dir.path().join("data"));
        c.env_remove("DATABASE_URL");
        if let Some(u) = &self.database_url {
            c.arg("--database-url").arg(u);
        }
        c.args(args);
        c
    }

    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.command(args).stdin(Stdio::null()).output().unwrap();
        assert!(
            out.status.success(),
            "normbase {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn run_stdin_ok(&self, args: &[&str], input: &str) -> String {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "normbase {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
        % 1_000_000_000
}

/// demo → stats → check → show → demo again (idempotent), on any backend.
pub fn demo_flow(env: &Env) {
    let first: Value = serde_json::from_str(&env.run_ok(&["demo", "--json"])).unwrap();
    let inserted = first["inserted"].as_u64().unwrap();
    assert!(
        inserted >= 200,
        "demo catalogue has a few hundred records: {first}"
    );
    assert_eq!(first["rejected"], 0, "{first}");
    assert_eq!(
        first["duplicates"], 0,
        "every demo row is a distinct edition: {first}"
    );
    let stats: Value = serde_json::from_str(&env.run_ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["records"].as_u64().unwrap(), inserted);
    for field in ["by_kind", "by_body", "by_status"] {
        assert!(
            stats[field].as_object().is_some_and(|m| !m.is_empty()),
            "{stats}"
        );
    }
    assert!(
        stats["by_status"]["replaced"].as_u64().unwrap_or(0) > 0,
        "{stats}"
    );
    let refs = "GB/T 19001-2008\ngb/t19001\nISO 9001\nGB 5749-85\nGB 99999-2020\nhello world\n";
    let out = env.run_stdin_ok(&["check", "--json", "-"], refs);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 6, "one result per reference");
    assert_eq!(v[0]["input"], "GB/T 19001-2008");
    assert_eq!(v[0]["status"], "replaced", "{}", v[0]);
    assert_eq!(v[0]["current_edition"][0], "GB/T 19001—2016", "{}", v[0]);
    assert_eq!(v[1]["match"], "GB/T 19001—2016", "{}", v[1]);
    assert_eq!(v[1]["status"], "current", "{}", v[1]);
    assert_eq!(v[2]["match"], "ISO 9001:2015", "{}", v[2]);
    assert_eq!(v[3]["status"], "replaced", "{}", v[3]);
    assert_eq!(v[3]["current_edition"][0], "GB 5749—2022", "{}", v[3]);
    assert_eq!(v[4]["status"], "unknown", "{}", v[4]);
    assert_eq!(v[5]["status"], "invalid", "{}", v[5]);
    for r in &v {
        for field in [
            "input",
            "ok",
            "canonical",
            "match",
            "status",
            "title",
            "current_edition",
            "note",
        ] {
            assert!(r.get(field).is_some(), "missing {field} in {r}");
        }
    }
    let show: Value =
        serde_json::from_str(&env.run_ok(&["show", "--json", "GB/T 19001-2008"])).unwrap();
    let chain: Vec<&str> = show["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["designation"].as_str().unwrap())
        .collect();
    assert!(
        chain.contains(&"GB/T 19001—2016") && chain.contains(&"GB/T 19001—2008"),
        "{chain:?}"
    );
    let again: Value = serde_json::from_str(&env.run_ok(&["demo", "--json"])).unwrap();
    assert_eq!(again["inserted"], 0, "{again}");
    assert_eq!(again["updated"], 0, "{again}");
    assert_eq!(again["unchanged"].as_u64().unwrap(), inserted, "{again}");
}
