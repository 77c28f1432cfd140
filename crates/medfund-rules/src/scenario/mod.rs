//! Scenarios: one TOML file per city holding every parameter of its policy,
//! dated and referenced ([`param`]), validated on load with the file, line
//! and key of the first problem, and resolved per scheme and year into the
//! flat tables the rules run on ([`year`]).

pub mod overrides;
pub mod param;
pub mod ranges;
pub mod schema;
pub mod year;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub use param::{Date, Provenance};
pub use schema::{Ignored, ParamView, ScenarioFile, SchemeSpec, Section};
pub use year::{Cited, YearRules};

use crate::member_year::Category;

/// A scenario that could not be loaded: where and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioError {
    pub file: String,
    pub line: Option<usize>,
    /// The dotted key (`employee.deductible.value.in_service.local`).
    pub key: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        if !self.key.is_empty() {
            write!(f, "key `{}`: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Which scheme of a scenario a member belongs to.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// 职工医保 (employees, retirees, flexible workers).
    Employee,
    /// 居民医保.
    Resident,
}

impl Scheme {
    pub fn of(c: Category) -> Scheme {
        if c == Category::Resident { Scheme::Resident } else { Scheme::Employee }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Employee => "employee",
            Scheme::Resident => "resident",
        }
    }
}

/// A loaded, validated scenario; `X` is the type its `[projection]`
/// section is read as ([`Ignored`] by the rules alone).
#[derive(Debug)]
pub struct Scenario<X = Ignored> {
    /// The file name used in messages.
    pub file: String,
    pub src: String,
    pub spec: ScenarioFile<X>,
    /// `--set` overrides this scenario was made with.
    pub overrides: Vec<String>,
    /// The file (or built-in name's file) it was first loaded from, before
    /// any `--set` (`file` then says "(with --set)").
    pub origin: String,
    cache: Mutex<HashMap<(Scheme, i32), Arc<YearRules>>>,
}

impl<X: Section> Scenario<X> {
    /// Parse and validate scenario text; `file` names it in errors.
    pub fn from_str(file: &str, src: &str) -> Result<Scenario<X>, ScenarioError> {
        let err = |key: String, span: Option<Range<usize>>, message: String| ScenarioError {
            file: file.to_string(),
            line: span.map(|s| line_of(src, s.start)),
            key,
            message,
        };
        let de = toml::Deserializer::parse(src).map_err(|e| {
            // Name the key given twice (the parser's message does not).
            let key = match e.span() {
                Some(s) if e.message().starts_with("duplicate key") => src.get(s).unwrap_or("").trim().to_string(),
                _ => String::new(),
            };
            let message = if key.is_empty() {
                e.message().to_string()
            } else {
                format!("`{key}` is given twice in its table (each key may appear once)")
            };
            err(key, e.span(), message)
        })?;
        let spec: ScenarioFile<X> = serde_path_to_error::deserialize(de).map_err(|e| {
            let key = e.path().to_string().replace(".$__serde_spanned_private_value", "");
            let inner = e.into_inner();
            err(if key == "." { String::new() } else { key }, inner.span(), inner.message().to_string())
        })?;
        let start = spec.scenario.start;
        for (key, p) in spec.params() {
            p.check(start).map_err(|m| err(key.clone(), Some(p.span()), m))?;
        }
        if let Some(p) = &spec.projection {
            p.check(&spec).map_err(|(k, span, m)| err(k, Some(span), m))?;
        }
        let sc = Scenario {
            file: file.to_string(),
            src: src.to_string(),
            spec,
            overrides: Vec::new(),
            origin: file.to_string(),
            cache: Mutex::new(HashMap::new()),
        };
        // Resolve every year in which some value changes, so that a column a
        // place refers to, a missing pharmacy ratio and the like are caught
        // on load rather than on the first claim that needs them.
        let last = sc.spec.params().iter().flat_map(|(_, p)| p.dates()).map(|d| d.year).max().unwrap_or(start.year);
        for y in start.year..=last.max(start.year) {
            for scheme in [Scheme::Employee, Scheme::Resident] {
                if scheme == Scheme::Resident && sc.spec.resident.is_none() {
                    continue;
                }
                sc.resolve(scheme, y).map_err(|(key, span, m)| err(key, span, m))?;
            }
        }
        // Every number within its range: after the components' own checks,
        // which say more where they apply.
        ranges::check(src, ranges::RULES, X::ranges()).map_err(|(k, span, m)| err(k, Some(span), m))?;
        if let Some(p) = &sc.spec.projection {
            p.check_text(src).map_err(|(k, span, m)| err(k, Some(span), m))?;
        }
        Ok(sc)
    }

    /// Load a scenario file.
    pub fn load(path: &Path) -> Result<Scenario<X>, ScenarioError> {
        let file = path.display().to_string();
        let src = std::fs::read_to_string(path).map_err(|e| ScenarioError {
            file: file.clone(),
            line: None,
            key: String::new(),
            message: format!("cannot read: {e}"),
        })?;
        Scenario::from_str(&file, &src)
    }

    fn resolve(&self, scheme: Scheme, year: i32) -> Result<YearRules, (String, Option<Range<usize>>, String)> {
        let spec = match scheme {
            Scheme::Employee => &self.spec.employee,
            Scheme::Resident => self.spec.resident.as_ref().ok_or_else(|| {
                (String::new(), None, "the scenario has no resident scheme (`[resident]`)".to_string())
            })?,
        };
        YearRules::resolve(&self.spec, spec, scheme, year)
    }

    /// The rules in force for a scheme in a year (cached).
    pub fn year_rules(&self, scheme: Scheme, year: i32) -> Result<Arc<YearRules>, String> {
        if year < self.spec.scenario.start.year {
            return Err(format!(
                "year {year} is before the scenario's start ({}): its texts were not in force",
                self.spec.scenario.start
            ));
        }
        let mut cache = self.cache.lock().expect("scenario cache poisoned");
        if let Some(r) = cache.get(&(scheme, year)) {
            return Ok(r.clone());
        }
        let r = Arc::new(self.resolve(scheme, year).map_err(
            |(k, _, m)| {
                if k.is_empty() { m } else { format!("{k}: {m}") }
            },
        )?);
        cache.insert((scheme, year), r.clone());
        Ok(r)
    }

    pub fn name(&self) -> &str {
        &self.spec.scenario.name
    }
}
