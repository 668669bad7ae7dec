//! JSON renderer: the report model as the contract in `DESIGN.md` (one object,
//! compact: a large report is hundreds of megabytes, and indentation would be
//! a third of them; pipe through `jq .` to read it).
//!
//! A scan report is written by [`scan`], which gives the bytes of [`write`]
//! but serialises the lists (phrases and their millions of occurrences, pairs,
//! documents, …) on all threads, a batch of chunks at a time, each chunk into
//! its own buffer; the buffers are written in order while the next batch is
//! serialised, so memory holds two batches, never the whole report. Phrases
//! are written by hand ([`fast`]), the rest by `serde_json`.

use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};
use taohua::report::ScanReport;

/// Write any report as compact JSON with a trailing newline.
pub fn write<T: Serialize>(report: &T, w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, report)?;
    writeln!(w)
}

/// Estimated JSON bytes of one chunk of a list (a few hundred kilobytes: large
/// enough that a chunk costs far more than handing it to a thread, small enough
/// that a batch of them is a few megabytes).
const CHUNK_BYTES: usize = 256 << 10;

/// Chunks serialised at once, per thread.
const CHUNKS_PER_THREAD: usize = 4;

/// Write a scan report: the same bytes as [`write`] of it, faster.
pub fn scan(report: &ScanReport, w: &mut dyn Write) -> io::Result<()> {
    scan_in_chunks(report, w, CHUNK_BYTES)
}

/// [`scan`] with chunks of about `chunk_bytes` (tests use tiny ones).
fn scan_in_chunks(report: &ScanReport, w: &mut dyn Write, chunk_bytes: usize) -> io::Result<()> {
    // Every field, so that one added to the report does not compile here until
    // it is written (or marked as not serialised); the fields go in the order
    // of the struct, as its derived `Serialize` writes them, and the tests
    // check the bytes against `write`. The figures are estimated bytes of an
    // entry, to cut the lists into chunks of even work.
    let ScanReport {
        version,
        regime,
        documents,
        pairs,
        clusters,
        phrases,
        templates,
        junk,
        skipped,
        stats,
        texts: _,
        offsets: _,
    } = report;
    let mut obj = Object::new(w, chunk_bytes)?;
    obj.value("version", version)?;
    obj.value("regime", regime)?;
    obj.list(
        "documents",
        documents,
        |d| 100 + d.source.len() + d.title.len(),
        serde,
    )?;
    obj.list("pairs", pairs, |p| 200 + 250 * p.passages.len(), serde)?;
    obj.list("clusters", clusters, |c| 50 + 6 * c.documents.len(), serde)?;
    obj.list(
        "phrases",
        phrases,
        |p| {
            let variants: usize = p.variants.iter().map(|v| v.text.len()).sum();
            100 + 6 * p.documents.len() + (90 + p.text.len()) * p.occurrences.len() + variants
        },
        |p, buf| fast::phrase(report, p, buf),
    )?;
    obj.list(
        "templates",
        templates,
        |t| 100 + t.skeleton.len() + 100 * t.members.len(),
        serde,
    )?;
    obj.list(
        "junk",
        junk,
        |j| 100 + j.text.len() + 150 * j.occurrences.len(),
        serde,
    )?;
    obj.value("skipped", skipped)?;
    obj.value("stats", stats)?;
    obj.end()
}

/// A JSON object being written, compact as `serde_json` writes it.
struct Object<'w> {
    w: &'w mut dyn Write,
    first: bool,
    chunk_bytes: usize,
}

impl<'w> Object<'w> {
    fn new(w: &'w mut dyn Write, chunk_bytes: usize) -> io::Result<Object<'w>> {
        w.write_all(b"{")?;
        Ok(Object {
            w,
            first: true,
            chunk_bytes,
        })
    }

    /// The separator and `"key":`.
    fn key(&mut self, key: &str) -> io::Result<()> {
        if !self.first {
            self.w.write_all(b",")?;
        }
        self.first = false;
        serde_json::to_writer(&mut *self.w, key)?;
        self.w.write_all(b":")
    }

    /// A field serialised as it is.
    fn value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        self.key(key)?;
        serde_json::to_writer(&mut *self.w, value)?;
        Ok(())
    }

    /// A list field, serialised in parallel with `entry`; `bytes` estimates
    /// an entry's size.
    fn list<T: Sync>(
        &mut self,
        key: &str,
        items: &[T],
        bytes: impl Fn(&T) -> usize,
        entry: impl Fn(&T, &mut Vec<u8>) -> serde_json::Result<()> + Sync,
    ) -> io::Result<()> {
        self.key(key)?;
        self.w.write_all(b"[")?;
        let chunks = chunks(items, bytes, self.chunk_bytes);
        let batch = CHUNKS_PER_THREAD * rayon::current_num_threads().max(1);
        // (index of its first chunk, the chunks) of each batch
        let batches = chunks
            .chunks(batch)
            .enumerate()
            .map(|(b, c)| (b * batch, c));
        // buffers written, kept for the batch after next (fresh ones of
        // hundreds of kilobytes are each a mapping of new pages)
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let mut ready: Vec<Vec<u8>> = Vec::new();
        for (first, batch) in batches {
            let bufs: Vec<Vec<u8>> = batch
                .iter()
                .map(|_| spare.pop().unwrap_or_default())
                .collect();
            let mut next = Vec::new();
            let written = rayon::in_place_scope(|s| {
                s.spawn(|_| next = render(first, batch, bufs, &entry));
                write_all(&mut *self.w, &mut ready, &mut spare)
            });
            written?;
            ready = next.into_iter().collect::<serde_json::Result<_>>()?;
        }
        write_all(&mut *self.w, &mut ready, &mut spare)?;
        self.w.write_all(b"]")
    }

    /// The closing brace and the trailing newline.
    fn end(self) -> io::Result<()> {
        self.w.write_all(b"}\n")
    }
}

/// `items` cut into runs of about `chunk_bytes` estimated bytes.
fn chunks<T>(items: &[T], bytes: impl Fn(&T) -> usize, chunk_bytes: usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        size += bytes(item);
        if size >= chunk_bytes {
            out.push(&items[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// Serialise a batch of chunks, the first being chunk `first` of its list, on
/// all threads into `bufs` (cleared): each chunk's entries with a comma before
/// each but the list's first.
fn render<T: Sync>(
    first: usize,
    batch: &[&[T]],
    bufs: Vec<Vec<u8>>,
    entry: &(impl Fn(&T, &mut Vec<u8>) -> serde_json::Result<()> + Sync),
) -> Vec<serde_json::Result<Vec<u8>>> {
    batch
        .par_iter()
        .zip(bufs)
        .enumerate()
        .map(|(i, (chunk, mut buf))| {
            buf.clear();
            for (j, item) in chunk.iter().enumerate() {
                if first + i + j > 0 {
                    buf.push(b',');
                }
                entry(item, &mut buf)?;
            }
            Ok(buf)
        })
        .collect()
}

/// Write `bufs` in order and move them to `spare`.
fn write_all(
    w: &mut dyn Write,
    bufs: &mut Vec<Vec<u8>>,
    spare: &mut Vec<Vec<u8>>,
) -> io::Result<()> {
    for buf in bufs.drain(..) {
        w.write_all(&buf)?;
        spare.push(buf);
    }
    Ok(())
}

/// An entry as its `Serialize` writes it.
fn serde<T: Serialize>(item: &T, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    serde_json::to_writer(buf, item)
}

mod fast;
#[cfg(test)]
mod tests;
