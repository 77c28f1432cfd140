//! Finding a scenario by built-in name or path. The built-in files are
//! embedded in the binary, so `medfund` runs from any directory; a
//! `scenarios/<name>.toml` in the working directory takes precedence, so an
//! edited copy is picked up without rebuilding, and a city of one's own in
//! `scenarios/` is found by its name like a built-in one.

use std::path::Path;

use medfund_rules::scenario::ScenarioError;
use medfund_sim::Scenario;

/// The built-in scenarios: (name, file, text).
pub const BUILTIN: &[(&str, &str, &str)] = &[
    ("ziyang", "scenarios/ziyang.toml", include_str!("../scenarios/ziyang.toml")),
    ("luzhou", "scenarios/luzhou.toml", include_str!("../scenarios/luzhou.toml")),
    ("dingxi", "scenarios/dingxi.toml", include_str!("../scenarios/dingxi.toml")),
    ("chongqing", "scenarios/chongqing.toml", include_str!("../scenarios/chongqing.toml")),
    ("national", "scenarios/national.toml", include_str!("../scenarios/national.toml")),
];

/// The scenario `medfund simulate` runs when none is named.
pub const DEFAULT: &str = "ziyang";

/// Load a built-in name or a path.
pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioError> {
    let p = Path::new(name_or_path);
    if p.extension().is_some_and(|e| e == "toml") || name_or_path.contains('/') {
        return Scenario::load(p);
    }
    let Some((_, file, text)) = BUILTIN.iter().find(|(n, _, _)| *n == name_or_path) else {
        // A scenario of one's own, `scenarios/<name>.toml` in the working
        // directory, is found by name too.
        let local = Path::new("scenarios").join(format!("{name_or_path}.toml"));
        if local.is_file() {
            return Scenario::load(&local);
        }
        let mut names: Vec<String> = BUILTIN.iter().map(|b| b.0.to_string()).collect();
        let local_names = local_scenarios();
        names.extend(local_names.iter().filter(|n| !names.contains(n)).cloned().collect::<Vec<_>>());
        return Err(ScenarioError {
            file: name_or_path.to_string(),
            line: None,
            key: String::new(),
            message: format!(
                "no such scenario{} (built-in: {}{}; or give a path to a .toml file)",
                medfund_rules::suggest::did_you_mean(name_or_path, names.iter().map(String::as_str)),
                BUILTIN.iter().map(|b| b.0).collect::<Vec<_>>().join(", "),
                if local_names.is_empty() {
                    String::new()
                } else {
                    format!("; in scenarios/: {}", local_names.join(", "))
                }
            ),
        });
    };
    let local = Path::new(file);
    if local.is_file() { Scenario::load(local) } else { Scenario::from_str(file, text) }
}

/// The names of the `scenarios/*.toml` files in the working directory.
fn local_scenarios() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("scenarios")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "toml").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    v.sort();
    v
}
