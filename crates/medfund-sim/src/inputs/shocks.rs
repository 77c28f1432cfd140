//! The economy's shocks (`projection.economy.shocks`): epidemics, wage
//! freezes, collection shortfalls and retirement waves, each in years
//! named or with a yearly probability, and the `--shock NAME@YEAR` option
//! that sets them from the command line.

use serde::Deserialize;

use super::params::Economy;

/// When a shock happens: in the years listed, and in any other year with a
/// probability.
pub trait Timing {
    fn years(&self) -> &[i32];
    fn probability(&self) -> f64;
}

macro_rules! timing {
    ($t:ty) => {
        impl Timing for $t {
            fn years(&self) -> &[i32] {
                &self.years
            }
            fn probability(&self) -> f64 {
                self.probability
            }
        }
    };
}

/// An epidemic year: utilisation and cost multipliers.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Epidemic {
    /// Years the shock certainly happens.
    #[serde(default)]
    pub years: Vec<i32>,
    /// Chance of the shock in any other year.
    #[serde(default)]
    pub probability: f64,
    pub utilisation: f64,
    pub cost: f64,
}

/// A wage freeze: no wage growth that year.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WageFreeze {
    /// Years the shock certainly happens.
    #[serde(default)]
    pub years: Vec<i32>,
    /// Chance of the shock in any other year.
    #[serde(default)]
    pub probability: f64,
}

/// A collection shortfall: a share of contributions not collected.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionShortfall {
    /// Years the shock certainly happens.
    #[serde(default)]
    pub years: Vec<i32>,
    /// Chance of the shock in any other year.
    #[serde(default)]
    pub probability: f64,
    pub share: f64,
}

/// A retirement wave: an extra share of in-service members within five
/// years of their statutory age retire early that year.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementWave {
    /// Years the shock certainly happens.
    #[serde(default)]
    pub years: Vec<i32>,
    /// Chance of the shock in any other year.
    #[serde(default)]
    pub probability: f64,
    pub share: f64,
}

timing!(Epidemic);
timing!(WageFreeze);
timing!(CollectionShortfall);
timing!(RetirementWave);

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shocks {
    #[serde(default)]
    pub epidemic: Option<Epidemic>,
    #[serde(default)]
    pub wage_freeze: Option<WageFreeze>,
    #[serde(default)]
    pub collection_shortfall: Option<CollectionShortfall>,
    #[serde(default)]
    pub retirement_wave: Option<RetirementWave>,
}

/// Named shocks for the command line (`--shock epidemic@2027`,
/// `--shock collection_shortfall@2026:share=0.1`): each becomes a `--set`
/// of `projection.economy.shocks`, certain in the years named, keeping the
/// scenario's chance of the shock in other years and its sizes unless
/// given. Defaults where the scenario has none: an epidemic multiplies
/// utilisation by 1.15 and costs by 1.05, a collection shortfall loses 5%,
/// a retirement wave retires 10% of those within five years of their age.
/// A shock in a year outside `horizon` (the projected years) is refused:
/// it would change nothing.
pub fn shock_sets(
    economy: &Economy,
    shocks: &[String],
    horizon: std::ops::RangeInclusive<i32>,
) -> Result<Vec<String>, String> {
    use std::collections::BTreeMap;
    const NAMES: [&str; 4] = ["epidemic", "wage_freeze", "collection_shortfall", "retirement_wave"];
    let mut years: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    let mut sizes: BTreeMap<(&str, String), f64> = BTreeMap::new();
    for s in shocks {
        let bad = |m: &str| format!("--shock {s:?}: {m} (NAME@YEAR[:key=value,...], NAME one of {})", NAMES.join(", "));
        let (head, params) = match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s.as_str(), None),
        };
        let (name, year) = head.split_once('@').ok_or_else(|| bad("no @YEAR"))?;
        let name = NAMES.iter().find(|n| **n == name.trim()).copied().ok_or_else(|| bad("unknown shock"))?;
        let year: i32 = year.trim().parse().map_err(|_| bad("the year is not a number"))?;
        if !horizon.contains(&year) {
            return Err(format!(
                "--shock {s:?}: {year} is outside the projection ({}–{}), so the shock would change nothing",
                horizon.start(),
                horizon.end()
            ));
        }
        years.entry(name).or_default().push(year);
        for kv in params.into_iter().flat_map(|p| p.split(',')) {
            let (k, v) = kv.split_once('=').ok_or_else(|| bad("expected key=value after the colon"))?;
            let allowed: &[&str] = match name {
                "epidemic" => &["utilisation", "cost"],
                "collection_shortfall" | "retirement_wave" => &["share"],
                _ => &[],
            };
            if !allowed.contains(&k.trim()) {
                return Err(bad(&format!("`{}` is not a size of {name}", k.trim())));
            }
            let v: f64 = v.trim().parse().map_err(|_| bad("a size is not a number"))?;
            sizes.insert((name, k.trim().to_string()), v);
        }
    }
    let sh = &economy.shocks;
    let size =
        |name: &'static str, k: &str, default: f64| sizes.get(&(name, k.to_string())).copied().unwrap_or(default);
    let list = |ys: &Vec<i32>, own: &[i32]| {
        let mut all: Vec<i32> = own.iter().chain(ys).copied().collect();
        all.sort_unstable();
        all.dedup();
        all.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
    };
    let mut out = Vec::new();
    for (name, ys) in &years {
        let key = format!("projection.economy.shocks.{name}");
        out.push(match *name {
            "epidemic" => {
                let e = sh.epidemic.as_ref();
                format!(
                    "{key}={{ years = [{}], probability = {}, utilisation = {}, cost = {} }}",
                    list(ys, e.map_or(&[], |e| &e.years)),
                    e.map_or(0.0, |e| e.probability),
                    size("epidemic", "utilisation", e.map_or(1.15, |e| e.utilisation)),
                    size("epidemic", "cost", e.map_or(1.05, |e| e.cost)),
                )
            }
            "wage_freeze" => {
                let e = sh.wage_freeze.as_ref();
                format!(
                    "{key}={{ years = [{}], probability = {} }}",
                    list(ys, e.map_or(&[], |e| &e.years)),
                    e.map_or(0.0, |e| e.probability)
                )
            }
            "collection_shortfall" => {
                let e = sh.collection_shortfall.as_ref();
                format!(
                    "{key}={{ years = [{}], probability = {}, share = {} }}",
                    list(ys, e.map_or(&[], |e| &e.years)),
                    e.map_or(0.0, |e| e.probability),
                    size("collection_shortfall", "share", e.map_or(0.05, |e| e.share))
                )
            }
            _ => {
                let e = sh.retirement_wave.as_ref();
                format!(
                    "{key}={{ years = [{}], probability = {}, share = {} }}",
                    list(ys, e.map_or(&[], |e| &e.years)),
                    e.map_or(0.0, |e| e.probability),
                    size("retirement_wave", "share", e.map_or(0.1, |e| e.share))
                )
            }
        });
    }
    Ok(out)
}
