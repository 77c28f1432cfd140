//! What the command-line tests share: medfund run as they run it, and
//! their folders.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// `chromium` on the PATH, or `None` after saying why the test is skipped
/// (a failure instead when `MEDFUND_REQUIRE_CHROMIUM=1`).
pub fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|p| std::env::split_paths(&p).map(|d| d.join("chromium")).find(|c| c.is_file()));
    if found.is_none() {
        assert!(
            std::env::var("MEDFUND_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "MEDFUND_REQUIRE_CHROMIUM=1 but chromium is not on the PATH (apt-get install chromium)"
        );
        eprintln!(
            "SKIPPED: chromium is not installed; the page was not looked at (set MEDFUND_REQUIRE_CHROMIUM=1 to fail)"
        );
    }
    found
}

/// Run headless Chromium on `url` with `args`, with a fresh profile in
/// `work`; its exit status and standard output (through a file: a page's
/// DOM fills a pipe). Killed after two minutes.
pub fn run_chromium(chromium: &Path, work: &Path, args: &[&str], url: &str) -> (std::process::ExitStatus, String) {
    static RUNS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let profile = work.join(format!("chromium-profile-{n}"));
    let out = work.join(format!("chromium-{n}.out"));
    let err = work.join(format!("chromium-{n}.err"));
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s: {}", std::fs::read_to_string(&err).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    if !status.success() {
        panic!("chromium failed ({status}): {}", std::fs::read_to_string(&err).unwrap_or_default());
    }
    (status, std::fs::read_to_string(&out).unwrap())
}
