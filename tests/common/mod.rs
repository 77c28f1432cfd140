//! What the command-line tests share: medfund run as they run it, and
//! their folders.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The variables a shard's index can come from (a Kubernetes indexed job,
/// medfund's own, a Slurm array): cleared, so that the tests run the same
/// under a scheduler.
pub const SHARD_VARS: [&str; 6] = [
    "JOB_COMPLETION_INDEX",
    "MEDFUND_SHARD_COUNT",
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_COUNT",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_STEP",
];

/// medfund with `args` as the tests run it: the built binary, from the
/// crate's folder, in English whatever the locale of the test run
/// (`--lang` defaults to it), outside any Slurm array job, with no
/// standard input.
pub fn medfund_command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_medfund"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR")).stdin(Stdio::null());
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().chain(SHARD_VARS) {
        c.env_remove(v);
    }
    c
}

/// [`medfund_command`] run to its end.
pub fn medfund(args: &[&str]) -> Output {
    medfund_command(args).output().unwrap()
}

/// [`medfund`] with `stdin` on its standard input.
pub fn medfund_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child =
        medfund_command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A process's output as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The standard output of a run that must have succeeded.
#[track_caller]
pub fn ok(o: &Output) -> String {
    assert!(o.status.success(), "status {:?}: {}", o.status, text(&o.stderr));
    text(&o.stdout)
}

/// A fresh folder under the system's temporary folder, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let p = std::env::temp_dir().join(format!("medfund-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh folder `group/name` under cargo's temporary folder for tests
/// (target/tmp), emptied first.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(group).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Run medfund with `args` ([`medfund`]); panics unless it succeeds, and
/// returns its standard output.
#[track_caller]
pub fn medfund_ok(args: &[&str]) -> String {
    let o = medfund(args);
    assert!(o.status.success(), "medfund {}: {:?}: {}", args.join(" "), o.status, text(&o.stderr));
    text(&o.stdout)
}
