//! Damaged shard files (issue 12, defect 3): `medfund merge` verifies each
//! shard's checksums before merging. A single flipped bit anywhere in a
//! shard file is refused with exit status 2 and one line naming the file,
//! or, where it changes no value (e.g. a page's statistics), merges to the
//! very files of the unsharded run. Never a panic (exit 101), never a
//! different run.

mod common;

use common::{files, medfund, scratch, text};
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Instant;

use polars::prelude::*;

#[track_caller]
fn ok(out: &Output) {
    assert!(out.status.success(), "status {:?}\nstderr: {}", out.status, text(&out.stderr));
}

const SHARD1: &str = "shard-0001-of-0002.parquet";

/// A small two-shard run of Dingxi (employee fund only) and the same run
/// unsharded: (the shards' folder, the single run's folder).
fn two_shards(d: &Path) -> (PathBuf, PathBuf) {
    let (single, shards) = (d.join("single"), d.join("shards"));
    let run = |out: &Path, more: &[&str]| {
        let mut a = vec![
            "simulate",
            "--scenario",
            "dingxi",
            "--set",
            "projection.population.members=2000",
            "--paths",
            "4",
            "--years",
            "2",
            "--seed",
            "5",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ];
        a.extend(more);
        ok(&medfund(&a));
    };
    run(&single, &[]);
    run(&shards, &["--shard", "0/2"]);
    run(&shards, &["--shard", "1/2"]);
    (shards, single)
}

/// Merge `dir` into `out`: Ok(()) if refused as it should be (exit 2, one
/// line naming the shard 1 file, nothing written) or merged to the single
/// run's files; else what went wrong.
fn merge_is_refused_or_the_same(dir: &Path, out: &Path, single: &BTreeMap<PathBuf, Vec<u8>>) -> Result<bool, String> {
    let o = medfund(&["merge", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    let err = text(&o.stderr);
    match o.status.code() {
        Some(2) => {
            if !err.contains(SHARD1) || err.trim_end().lines().count() != 1 {
                return Err(format!("refused, but not in one line naming {SHARD1}: {err}"));
            }
            if out.exists() {
                return Err(format!("refused, but {} was written: {err}", out.display()));
            }
            Ok(true)
        }
        Some(0) => {
            let merged = files(out);
            if merged.keys().ne(single.keys()) {
                return Err("merged, but not the single run's files".into());
            }
            if let Some((name, _)) = single.iter().find(|(k, v)| &merged[*k] != *v) {
                return Err(format!("merged, but {} differs from the single run's", name.display()));
            }
            Ok(false)
        }
        c => Err(format!("exit status {c:?}: {}", err.lines().take(3).collect::<Vec<_>>().join(" | "))),
    }
}

/// Where each column chunk of a Parquet file starts (its first page
/// header) and its length, by column name.
fn column_chunks(p: &Path) -> BTreeMap<String, (u64, u64)> {
    let mut r = ParquetReader::new(File::open(p).unwrap());
    let md = r.get_metadata().unwrap().clone();
    let mut out = BTreeMap::new();
    for rg in &md.row_groups {
        for c in rg.parquet_columns() {
            let name = c.descriptor().path_in_schema.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(".");
            let start = c.dictionary_page_offset().unwrap_or(c.data_page_offset());
            out.entry(name).or_insert((start as u64, c.compressed_size() as u64));
        }
    }
    out
}

#[test]
fn a_flipped_bit_anywhere_in_a_shard_is_refused_or_changes_nothing() {
    let t = Instant::now();
    let d = scratch("shard_corruption", "flips");
    let (shards, single) = two_shards(&d);
    let single = files(&single);
    let clean = std::fs::read(shards.join(SHARD1)).unwrap();
    // Every 1499th byte across the file (the bit turning with it), and the
    // first bytes of the page headers of the key and count columns, and
    // bytes near the end of their data.
    let mut flips: Vec<(usize, u8)> = (0..clean.len()).step_by(1499).map(|p| (p, (p / 1499 % 8) as u8)).collect();
    let chunks = column_chunks(&shards.join(SHARD1));
    let columns = ["fund", "path", "admissions", "deaths", "claims", "entrants", "exits", "residents", "net_flow_var"];
    for c in columns {
        let (s, len) = (chunks[c].0 as usize, chunks[c].1 as usize);
        for (k, off) in [0usize, 1, 2, 3, 6, len - 2, len - 5].into_iter().enumerate() {
            flips.push((s + off, (k * 3 % 8) as u8));
        }
    }
    flips.sort_unstable();
    flips.dedup();
    // Two workers, each with its own copy of the shards.
    let workers = 2;
    let results: Vec<(usize, u8, Result<bool, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (flips, clean, single, d, shards) = (&flips, &clean, &single, &d, &shards);
                scope.spawn(move || {
                    let dir = d.join(format!("w{w}"));
                    std::fs::create_dir_all(&dir).unwrap();
                    let zero = "shard-0000-of-0002.parquet";
                    std::fs::copy(shards.join(zero), dir.join(zero)).unwrap();
                    let mut out = Vec::new();
                    for (k, &(pos, bit)) in flips.iter().enumerate().filter(|(k, _)| k % workers == w) {
                        let mut b = clean.clone();
                        b[pos] ^= 1 << bit;
                        std::fs::write(dir.join(SHARD1), &b).unwrap();
                        let merged = d.join(format!("merged-{k}"));
                        let r = merge_is_refused_or_the_same(&dir, &merged, single);
                        let _ = std::fs::remove_dir_all(&merged);
                        out.push((pos, bit, r));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let refused = results.iter().filter(|(_, _, r)| matches!(r, Ok(true))).count();
    let same = results.iter().filter(|(_, _, r)| matches!(r, Ok(false))).count();
    let bad: Vec<String> =
        results.iter().filter_map(|(p, b, r)| r.as_ref().err().map(|e| format!("byte {p} bit {b}: {e}"))).collect();
    eprintln!(
        "{} flips of a {}-byte shard: {refused} refused, {same} merged unchanged, {} wrong; {:.1} s",
        results.len(),
        clean.len(),
        bad.len(),
        t.elapsed().as_secs_f64()
    );
    let unchanged: Vec<String> =
        results.iter().filter(|(_, _, r)| matches!(r, Ok(false))).map(|(p, b, _)| format!("{p}:{b}")).collect();
    eprintln!("merged unchanged: {}", unchanged.join(" "));
    assert!(bad.is_empty(), "{} of {} flips went wrong:\n{}", bad.len(), results.len(), bad.join("\n"));
    assert!(refused > results.len() / 2, "most flips change a value and are refused");
}

/// A shard rewritten as a valid Parquet file with one count changed and its
/// metadata kept: only the checksum can tell, and it does.
#[test]
fn a_changed_count_in_a_valid_file_is_a_checksum_mismatch() {
    let d = scratch("shard_corruption", "rewritten");
    let (shards, _) = two_shards(&d);
    let p = shards.join(SHARD1);
    let mut r = ParquetReader::new(File::open(&p).unwrap());
    let kv: Vec<(String, String)> = r
        .get_metadata()
        .unwrap()
        .key_value_metadata()
        .as_ref()
        .unwrap()
        .iter()
        .filter(|k| k.key.starts_with("medfund."))
        .map(|k| (k.key.clone(), k.value.clone().unwrap()))
        .collect();
    let mut df = r.finish().unwrap();
    for name in ["deaths", "admissions"] {
        let mut df2 = df.clone();
        let col = df2.column(name).unwrap().i64().unwrap().clone();
        let changed: Vec<i64> = col.iter().enumerate().map(|(i, x)| x.unwrap() + i64::from(i == 1)).collect();
        df2.replace(name, Column::new(name.into(), changed)).unwrap();
        ParquetWriter::new(File::create(&p).unwrap())
            .with_key_value_metadata(Some(KeyValueMetadata::from_static(kv.clone())))
            .finish(&mut df2)
            .unwrap();
        let out = d.join("out");
        let o = medfund(&["merge", shards.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "{SHARD1}: checksum mismatch: the file is corrupted; re-run shard 1 with the same `medfund simulate` \
                 and --shard 1/2"
            )),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!out.exists(), "nothing written");
    }
    // And the file as written merges.
    ParquetWriter::new(File::create(&p).unwrap())
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(kv)))
        .finish(&mut df)
        .unwrap();
    ok(&medfund(&["merge", shards.to_str().unwrap(), "--out", d.join("out").to_str().unwrap(), "--quiet"]));
}
