//! Measures reader throughput: `cargo run --release -p normbase-io --example import_bench -- FORMAT FILE...`
//! Prints rows, rejections (with the first reasons) and rows/s per file.

use normbase_io::{Format, ReadOptions, read_records};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((fmt, files)) = args.split_first() else {
        eprintln!("usage: import_bench FORMAT FILE...");
        std::process::exit(2);
    };
    let Some(format) = Format::from_name(fmt) else {
        eprintln!("unknown format {fmt}");
        std::process::exit(2);
    };
    let start_all = Instant::now();
    let mut total = 0u64;
    for f in files {
        let start = Instant::now();
        let rows = match read_records(format, Path::new(f), &ReadOptions::default()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let (mut ok, mut rejected) = (0u64, 0u64);
        let mut reasons: BTreeMap<String, (u64, Vec<String>)> = BTreeMap::new();
        for row in rows {
            match row.result {
                Ok(_) => ok += 1,
                Err(r) => {
                    rejected += 1;
                    let key = format!(
                        "{}: {}",
                        r.field.clone().unwrap_or_default(),
                        r.reason.split(['"', ':']).next().unwrap_or("")
                    );
                    let e = reasons.entry(key).or_default();
                    e.0 += 1;
                    if e.1.len() < 3 {
                        e.1.push(format!("row {}: {}", r.row, r.reason));
                    }
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        total += ok + rejected;
        println!(
            "{f}: {ok} ok, {rejected} rejected, {:.2}s, {:.0} rows/s",
            secs,
            (ok + rejected) as f64 / secs
        );
        for (k, (n, ex)) in reasons {
            println!("  {n} × {k}");
            for e in ex {
                println!("      {e}");
            }
        }
    }
    let secs = start_all.elapsed().as_secs_f64();
    println!(
        "total {total} rows in {secs:.2}s: {:.0} rows/s",
        total as f64 / secs
    );
}
