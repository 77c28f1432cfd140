//! `medfund bench`: projection throughput.

use std::process::ExitCode;

use medfund_sim::montecarlo::{self, RunOptions};

use super::common::load;

/// Measure projection throughput: member-years simulated per second
/// (transitions, claims, adjudication, ledger; no output writing), peak
/// memory, and what a full run would take.
///
/// Example: medfund bench --scenario luzhou --paths 4 --years 10
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "luzhou")]
    scenario: String,
    /// Members of the city (default: the scenario's).
    #[arg(long)]
    members: Option<u32>,
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    years: u32,
    #[arg(long)]
    threads: Option<usize>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, members, paths, years, threads } = args;
    let sets: Vec<String> = members.map(|m| format!("projection.population.members={m}")).into_iter().collect();
    let sc = load(&scenario)?.with_overrides(&sets).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    let o = RunOptions { years, paths, seed: 1, overrides: sets };
    let s = montecarlo::setup(&sc, &o).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build().map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(1)
    })?;
    let t = std::time::Instant::now();
    let r = pool.install(|| montecarlo::run_paths(&s, 0..paths, &|| {})).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    let secs = t.elapsed().as_secs_f64();
    let member_years: u64 = r.iter().flat_map(|(_, st)| st.iter().map(|x| x.members.iter().sum::<u64>())).sum();
    let rate = member_years as f64 / secs;
    let full = 1000.0 * 10.0 * 500_000.0 / rate;
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|st| {
            st.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        })
        .unwrap_or_else(|| "?".into());
    println!(
        "{}: {} members, {paths} paths × {years} years on {} threads: {member_years} member-years in {secs:.2} s",
        sc.name(),
        s.base.people.len(),
        pool.current_num_threads()
    );
    println!("{:.2} million member-years per second; peak memory {peak} kB", rate / 1e6);
    println!("a 1,000-path × 10-year run of a 500,000-member city would take about {:.0} minutes", full / 60.0);
    Ok(ExitCode::SUCCESS)
}
