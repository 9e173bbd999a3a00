//! Parallel, order-preserving parsing of line-oriented files.
//!
//! One thread decompresses and splits lines into batches; worker threads parse
//! batches; the returned iterator yields rows in file order. Channels are
//! bounded, so memory stays at a few batches; dropping the iterator stops the
//! threads (their sends fail).

use crate::{ImportRow, Rows, reject};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

/// Bytes of input per batch.
const BATCH_BYTES: usize = 512 * 1024;

struct Batch {
    seq: u64,
    data: Vec<u8>,
    /// (line number, start, end) in `data`.
    lines: Vec<(u64, usize, usize)>,
    /// Set on the last batch when reading failed.
    error: Option<(u64, String)>,
}

/// Parses the non-blank lines of `reader` with `parse(file, line, bytes)` in parallel.
pub(crate) fn parse_lines<F>(reader: Box<dyn BufRead + Send>, file: String, parse: F) -> Rows
where
    F: Fn(&str, u64, &[u8]) -> ImportRow + Send + Sync + 'static,
{
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let (work_tx, work_rx) = sync_channel::<Batch>(workers * 2);
    let (done_tx, done_rx) = sync_channel::<(u64, Vec<ImportRow>)>(workers * 4);
    std::thread::spawn(move || read_batches(reader, work_tx));
    let work_rx = Arc::new(Mutex::new(work_rx));
    let parse = Arc::new(parse);
    let file = Arc::new(file);
    for _ in 0..workers {
        let (rx, tx, parse, file) = (
            work_rx.clone(),
            done_tx.clone(),
            parse.clone(),
            file.clone(),
        );
        std::thread::spawn(move || worker(rx, tx, parse.as_ref(), &file));
    }
    drop(done_tx);
    Box::new(Ordered {
        rx: done_rx,
        pending: BTreeMap::new(),
        next: 0,
        current: Vec::new().into_iter(),
    })
}

fn read_batches(mut reader: Box<dyn BufRead + Send>, tx: SyncSender<Batch>) {
    let mut seq = 0u64;
    let mut line = 0u64;
    loop {
        let mut batch = Batch {
            seq,
            data: Vec::with_capacity(BATCH_BYTES + 64 * 1024),
            lines: Vec::new(),
            error: None,
        };
        let mut eof = false;
        while batch.data.len() < BATCH_BYTES {
            let start = batch.data.len();
            match reader.read_until(b'\n', &mut batch.data) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(_) => {
                    line += 1;
                    let end = batch.data.len();
                    if !batch.data[start..end].iter().all(u8::is_ascii_whitespace) {
                        batch.lines.push((line, start, end));
                    }
                }
                Err(e) => {
                    batch.data.truncate(start);
                    batch.error = Some((
                        line + 1,
                        format!(
                            "file is corrupt or unreadable after line {line}: {e}; reading stopped"
                        ),
                    ));
                    eof = true;
                    break;
                }
            }
        }
        if tx.send(batch).is_err() || eof {
            return;
        }
        seq += 1;
    }
}

fn worker<F>(
    rx: Arc<Mutex<Receiver<Batch>>>,
    tx: SyncSender<(u64, Vec<ImportRow>)>,
    parse: &F,
    file: &str,
) where
    F: Fn(&str, u64, &[u8]) -> ImportRow,
{
    loop {
        let batch = match rx.lock() {
            Ok(guard) => match guard.recv() {
                Ok(b) => b,
                Err(_) => return,
            },
            Err(_) => return,
        };
        let mut rows: Vec<ImportRow> = batch
            .lines
            .iter()
            .map(|&(line, s, e)| parse(file, line, &batch.data[s..e]))
            .collect();
        if let Some((row, reason)) = batch.error {
            rows.push(reject(file, row, None, reason));
        }
        if tx.send((batch.seq, rows)).is_err() {
            return;
        }
    }
}

struct Ordered {
    rx: Receiver<(u64, Vec<ImportRow>)>,
    pending: BTreeMap<u64, Vec<ImportRow>>,
    next: u64,
    current: std::vec::IntoIter<ImportRow>,
}

impl Iterator for Ordered {
    type Item = ImportRow;
    fn next(&mut self) -> Option<ImportRow> {
        loop {
            if let Some(row) = self.current.next() {
                return Some(row);
            }
            if let Some(rows) = self.pending.remove(&self.next) {
                self.next += 1;
                self.current = rows.into_iter();
                continue;
            }
            match self.rx.recv() {
                Ok((seq, rows)) => {
                    self.pending.insert(seq, rows);
                }
                // All workers finished; anything left out of order cannot be completed.
                Err(_) => {
                    let (_, rows) = self.pending.pop_first()?;
                    self.next += 1;
                    self.current = rows.into_iter();
                }
            }
        }
    }
}
