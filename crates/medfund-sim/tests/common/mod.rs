//! The built-in scenarios as a projection reads them, loaded once per test
//! binary (shared with medfund-analysis's tests, which include this file).

use std::sync::{Mutex, OnceLock};

use medfund_sim::Scenario;

/// A built-in scenario (`scenarios/<name>.toml`), loaded once.
pub fn scenario(name: &str) -> &'static Scenario {
    static CACHE: OnceLock<Mutex<Vec<(String, &'static Scenario)>>> = OnceLock::new();
    let mut v = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some((_, s)) = v.iter().find(|(n, _)| n == name) {
        return s;
    }
    let file = format!("{}/../../scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let s: &'static Scenario =
        Box::leak(Box::new(Scenario::load(std::path::Path::new(&file)).unwrap_or_else(|e| panic!("{e}"))));
    v.push((name.to_string(), s));
    s
}
