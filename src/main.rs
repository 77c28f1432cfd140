//! `medfund`: the command line.

mod cli;
mod output;
mod scenarios;
mod shard;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;

use clap::Parser;
use cli::common::Common;
use cli::{Cli, Cmd, adjudicate, bench, calibrate, compare, report, scenario, settle, simulate};
use indicatif::{ProgressBar, ProgressStyle};
use medfund_analysis::stress;
use medfund_rules::contract::{self, adjudication, settlement};
use medfund_rules::scenario::Provenance;
use medfund_sim::Projected;
use medfund_sim::Scenario;
use medfund_sim::montecarlo::{self, RunOptions};

fn open_input(p: &Option<PathBuf>) -> io::Result<Box<dyn BufRead>> {
    Ok(match p {
        Some(p) => Box::new(BufReader::new(
            File::open(p).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?,
        )),
        None => Box::new(io::stdin().lock()),
    })
}

fn load(name: &str) -> Result<Scenario, ExitCode> {
    scenarios::load(name).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    let io_fail = |e: io::Error| {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader went away (`| head`): not an error of ours.
            return ExitCode::SUCCESS;
        }
        eprintln!("medfund: {e}");
        ExitCode::from(1)
    };
    match cli.cmd {
        Cmd::Adjudicate(adjudicate::Args { scenario, input, explain, fail_fast, keep_going: _ }) => {
            let sc = load(&scenario)?;
            let inp = open_input(&input).map_err(io_fail)?;
            let s = contract::run_lines(inp, io::stdout().lock(), io::stderr().lock(), fail_fast, |line| {
                adjudication::answer_line(&sc, line, explain)
            })
            .map_err(io_fail)?;
            Ok(if s.errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Cmd::Settle(settle::Args { scenario, input, fail_fast }) => {
            let sc = load(&scenario)?;
            let rules = settlement::rules_of(&sc).map_err(|m| {
                eprintln!("medfund: {m}");
                ExitCode::from(2)
            })?;
            let inp = open_input(&input).map_err(io_fail)?;
            let s = contract::run_lines(inp, io::stdout().lock(), io::stderr().lock(), fail_fast, |line| {
                settlement::answer_line(&rules, line)
            })
            .map_err(io_fail)?;
            Ok(if s.errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Cmd::Simulate(simulate::Args { scenario, years, paths, seed, out, common, employee_only, shard }) => {
            let Common { sets, shocks, sample, threads, quiet } = common;
            let base = load(&scenario)?;
            let sets = shocked(&base, sampled(sets, sample), &shocks)?;
            let which = shard::resolve(&shard, &|k| std::env::var(k).ok()).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(2)
            })?;
            if let Some(which) = which {
                let job = shard::ShardJob {
                    base: &base,
                    sets: &sets,
                    employee_only,
                    years,
                    paths,
                    seed,
                    out,
                    threads,
                    quiet,
                };
                return shard::simulate(&job, &which).map(|_| ExitCode::SUCCESS).map_err(|(code, e)| {
                    eprintln!("medfund: {e}");
                    ExitCode::from(code)
                });
            }
            let sc = base.with_overrides(&sets).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(2)
            })?;
            let sc = if employee_only { sc.without_residents() } else { sc };
            // Each fund's paths are simulated in turn.
            let funds = 1 + u64::from(montecarlo::projects_residents(&sc));
            let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/{}-seed{seed}", sc.name())));
            let opts = RunOptions { years, paths, seed, overrides: sets };
            let bar = if quiet || !io::stderr().is_terminal() {
                ProgressBar::hidden()
            } else {
                let b = ProgressBar::new(u64::from(paths) * funds);
                b.set_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:40}] {pos}/{len} paths, {elapsed} elapsed, about {eta} left",
                    )
                    .expect("a valid template")
                    .progress_chars("=> "),
                );
                let what = if funds > 1 { "employee then resident fund, " } else { "" };
                b.set_message(format!("{} {what}{years} years", sc.name()));
                b
            };
            // The ledger is written as the paths are simulated, a batch of
            // paths at a time: memory does not grow with the paths.
            let mut folder = output::stream::RunFolder::create(&dir).map_err(|e| {
                eprintln!("medfund: writing {}: {e:#}", dir.display());
                ExitCode::from(1)
            })?;
            let mut write_error = None;
            let work = || {
                montecarlo::run_streaming(
                    &sc,
                    &opts,
                    0..opts.paths,
                    montecarlo::CHUNK_PATHS,
                    false,
                    &|| bar.inc(1),
                    &mut |info, rows| {
                        folder.feed(info, rows).map_err(|e| {
                            let m = format!("writing {}: {e:#}", dir.display());
                            write_error = Some(m.clone());
                            m
                        })
                    },
                )
            };
            let result = with_threads(threads, work)?;
            bar.finish_and_clear();
            let run = result.map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(if write_error.is_some() { 1 } else { 2 })
            })?;
            let files = folder.finish(&run).map_err(|e| {
                eprintln!("medfund: writing {}: {e:#}", dir.display());
                ExitCode::from(1)
            })?;
            if !quiet {
                print_summary(&run, &dir, files.len()).map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Merge(cli::merge::Args { merge: args }) => {
            let stress_files = shard::stress::files(&args.dirs);
            if !stress_files.is_empty() {
                let m = shard::stress::merge(&stress_files).map_err(|e| {
                    eprintln!("medfund: merge: {e}");
                    ExitCode::from(2)
                })?;
                let dir = args.out.clone().unwrap_or_else(|| args.dirs[0].clone());
                let run = output::stress::StressRun {
                    scenario: &m.scenario,
                    scenario_hash: &m.scenario_hash,
                    seed: m.seed,
                    paths: m.paths,
                    years: &m.years,
                    overrides: &m.overrides,
                    axes: &m.axes,
                    cells: &m.cells,
                    solution: None,
                    command: m.command.clone(),
                };
                let files = output::stress::write_stress(&dir, &run).map_err(|e| {
                    eprintln!("medfund: writing {}: {e:#}", dir.display());
                    ExitCode::from(1)
                })?;
                if !args.quiet {
                    println!(
                        "{} cells from {} shards, {} files in {}",
                        m.cells.len(),
                        stress_files.len(),
                        files.len(),
                        dir.display()
                    );
                }
                return Ok(ExitCode::SUCCESS);
            }
            let (run, dir, files) = shard::merge::merge(&args).map_err(|e| {
                eprintln!("medfund: merge: {e}");
                ExitCode::from(e.exit_status())
            })?;
            if !args.quiet {
                print_summary(&run, &dir, files.len()).map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Compare(compare::Args { scenarios: names, population, paths, seed, out, common }) => {
            let Common { sets, shocks, sample, threads, quiet } = common;
            let sets = sampled(sets, sample);
            let usage = |m: String| {
                eprintln!("medfund: {m}");
                ExitCode::from(2)
            };
            let names: Vec<&str> = names.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
            if names.is_empty() {
                return Err(usage("--scenarios needs at least one scenario".into()));
            }
            let cities: Vec<Scenario> = names.iter().map(|n| load(n)).collect::<Result<_, _>>()?;
            let pop_name = population.as_deref().unwrap_or(names[0]);
            let base = load(pop_name)?;
            let sets = shocked(&base, sets, &shocks)?;
            let pop = base.with_overrides(&sets).map_err(|e| usage(e.to_string()))?;
            let refs: Vec<&Scenario> = cities.iter().collect();
            let work = || medfund_analysis::compare::compare(&pop, &refs, paths, seed);
            let result = with_threads(threads, work)?;
            let cmp = result.map_err(usage)?;
            let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/compare-{}-seed{seed}", names.join("-"))));
            let mut command = format!(
                "medfund compare --scenarios {} --population {pop_name} --paths {paths} --seed {seed}",
                names.join(",")
            );
            for s in &sets {
                command.push_str(&format!(" --set '{s}'"));
            }
            let files = output::compare::write_compare(&dir, &cmp, &command).map_err(|e| {
                eprintln!("medfund: writing {}: {e:#}", dir.display());
                ExitCode::from(1)
            })?;
            if !quiet {
                for s in &cmp.cities {
                    let t = s.total();
                    println!(
                        "{:<10} reimbursed {:>5.1}% of the bill ({:>5.1}% in scope), out-of-pocket {:>6.0} a member (p99 {:>7.0})",
                        s.name,
                        t.reimbursement_ratio() * 100.0,
                        t.in_scope_ratio() * 100.0,
                        t.oop_per_member(),
                        t.oop_quantile(0.99)
                    );
                }
                println!("{} files in {}", files.len(), dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Stress(cli::stress::Args {
            scenario,
            grids,
            solve,
            target,
            years,
            paths,
            seed,
            out,
            common,
            shard: shard_args,
        }) => {
            let Common { sets, shocks, sample, threads, quiet } = common;
            let sets = sampled(sets, sample);
            let usage = |m: String| {
                eprintln!("medfund: {m}");
                ExitCode::from(2)
            };
            let base = load(&scenario)?;
            let sets = shocked(&base, sets, &shocks)?;
            let sc = base.with_overrides(&sets).map_err(|e| usage(e.to_string()))?;
            let axes: Vec<stress::Axis> =
                grids.iter().map(|g| stress::Axis::parse(g)).collect::<Result<_, _>>().map_err(usage)?;
            let solve = match &solve {
                None => None,
                Some(s) => {
                    let (key, range) = match s.split_once('=') {
                        Some((k, r)) => (k.trim().to_string(), Some(r)),
                        None => (s.trim().to_string(), None),
                    };
                    let axis = match range {
                        Some(r) => stress::Axis::parse(&format!("{key}={r}")).map_err(usage)?,
                        None => axes.iter().find(|a| a.key == key).cloned().ok_or_else(|| {
                            usage(format!("--solve {key}: give a range ({key}=FROM:TO:STEP) or a --grid for {key}"))
                        })?,
                    };
                    let step = if axis.values.len() > 1 { axis.values[1] - axis.values[0] } else { 1.0 };
                    Some((key, axis.values[0], *axis.values.last().unwrap_or(&axis.values[0]), step))
                }
            };
            if axes.is_empty() && solve.is_none() {
                return Err(usage("give at least one --grid, or --solve".into()));
            }
            let target = stress::Target::parse(&target).map_err(usage)?;
            let opts = RunOptions { years, paths, seed, overrides: sets.clone() };
            let n_cells = if axes.is_empty() { 0 } else { stress::cells(&axes).len() as u64 };
            let bar = if quiet || !io::stderr().is_terminal() {
                ProgressBar::hidden()
            } else {
                let solve_cells =
                    solve.as_ref().map_or(0, |(_, a, b, st)| 2 + ((b - a) / st).max(1.0).log2().ceil() as u64);
                let b = ProgressBar::new((n_cells + solve_cells) * u64::from(paths));
                b.set_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:40}] {pos}/{len} path runs, {elapsed} elapsed, about {eta} left",
                    )
                    .expect("a valid template")
                    .progress_chars("=> "),
                );
                b.set_message(format!("{} stress", sc.name()));
                b
            };
            let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/{}-stress-seed{seed}", sc.name())));
            let start = sc.projection_start();
            let years_list: Vec<i32> = (start..start + years as i32).collect();
            let mut command =
                format!("medfund stress --scenario {scenario} --years {years} --paths {paths} --seed {seed}");
            for g in &grids {
                command.push_str(&format!(" --grid {g}"));
            }
            if let Some((key, from, to, step)) = &solve {
                command.push_str(&format!(
                    " --solve {key}={}:{}:{} --target '{target}'",
                    stress::toml_number(*from),
                    stress::toml_number(*to),
                    stress::toml_number(*step)
                ));
            }
            for s in &sets {
                command.push_str(&format!(" --set '{s}'"));
            }
            let hash = montecarlo::fingerprint(&sc.src);
            let which = shard::resolve(&shard_args, &|k| std::env::var(k).ok()).map_err(usage)?;
            if let Some(which) = which {
                if solve.is_some() {
                    return Err(usage(
                        "--solve runs on one machine (each cell it tries depends on the last): shard the --grid, \
                         then solve"
                            .into(),
                    ));
                }
                let all = stress::cells(&axes);
                let block = shard::block(which.index, which.count, all.len() as u32);
                let mine = &all[block.start as usize..block.end as usize];
                let work = || -> Result<Vec<stress::Cell>, String> {
                    mine.iter()
                        .map(|v| {
                            let metrics = stress::run_cell(&sc, &axes, v, &opts, &|| bar.inc(1))?;
                            Ok(stress::Cell { values: v.clone(), metrics })
                        })
                        .collect()
                };
                let cells = with_threads(threads, work)?.map_err(usage)?;
                bar.finish_and_clear();
                let run = output::stress::StressRun {
                    scenario: sc.name(),
                    scenario_hash: &hash,
                    seed,
                    paths,
                    years: &years_list,
                    overrides: &sets,
                    axes: &axes,
                    cells: &cells,
                    solution: None,
                    command: command.clone(),
                };
                let file = shard::stress::write(&dir, &which, &run, block.start as usize).map_err(|e| {
                    eprintln!("medfund: writing {}: {e:#}", dir.display());
                    ExitCode::from(1)
                })?;
                if !quiet {
                    println!(
                        "stress shard {}/{} ({}): cells {}..{} of {} \u{2192} {}",
                        which.index,
                        which.count,
                        which.source,
                        block.start,
                        block.end,
                        all.len(),
                        file.display()
                    );
                }
                return Ok(ExitCode::SUCCESS);
            }
            let work = || -> Result<_, String> {
                let cells = if axes.is_empty() { Vec::new() } else { stress::grid(&sc, &axes, &opts, &|| bar.inc(1))? };
                let solution = match &solve {
                    Some((key, from, to, step)) => {
                        let search = stress::Search { key: key.clone(), from: *from, to: *to, step: *step, target };
                        Some(stress::solve(&sc, &search, &opts, &|| bar.inc(1))?)
                    }
                    None => None,
                };
                Ok((cells, solution))
            };
            let result = with_threads(threads, work)?;
            bar.finish_and_clear();
            let (cells, solution) = result.map_err(usage)?;
            let run = output::stress::StressRun {
                scenario: sc.name(),
                scenario_hash: &hash,
                seed,
                paths,
                years: &years_list,
                overrides: &sets,
                axes: &axes,
                cells: &cells,
                solution: solution.as_ref(),
                command,
            };
            let files = output::stress::write_stress(&dir, &run).map_err(|e| {
                eprintln!("medfund: writing {}: {e:#}", dir.display());
                ExitCode::from(1)
            })?;
            if !quiet {
                if let Some(s) = &solution {
                    println!(
                        "{} = {} meets {} (p = {:.3} \u{b1} {:.3}); one step lower does not",
                        s.key,
                        stress::toml_number(s.value),
                        s.target,
                        s.target.metric.of(&s.metrics),
                        s.standard_error
                    );
                    println!(
                        "general average premium {:.2}% of the base (charged {:.2}%)",
                        s.metrics.general_average_premium * 100.0,
                        s.metrics.current_rate * 100.0
                    );
                }
                println!("{} cells, {} files in {}", cells.len(), files.len(), dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Report(report::Args { dir }) => {
            let page = output::html::write_report(&dir).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(e.exit_status())
            })?;
            println!("report: {}", page.display());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Calibrate(calibrate::Args { scenario, seed, paths, sets }) => {
            let sc = load(&scenario)?.with_overrides(&sets).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(2)
            })?;
            let rows = medfund_analysis::calibration::calibrate(&sc, seed, paths.max(1)).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(2)
            })?;
            let mut out = io::stdout().lock();
            writeln!(out, "{} — first projection year, {} path(s), seed {seed}", sc.name(), paths.max(1))
                .map_err(io_fail)?;
            writeln!(out, "{:<44} {:>14}   published (shared/calibration.md)", "figure", "simulated")
                .map_err(io_fail)?;
            for r in rows {
                writeln!(out, "{:<44} {:>14}   {}", r.figure, r.simulated, r.published).map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Bench(bench::Args { scenario, members, paths, years, threads }) => {
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
                    st.lines()
                        .find(|l| l.starts_with("VmHWM"))
                        .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
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
        Cmd::Scenario(scenario::Args { cmd: scenario::Cmd::List }) => {
            let mut out = io::stdout().lock();
            for (name, _, _) in scenarios::BUILTIN {
                let sc = load(name)?;
                let m = &sc.spec.scenario;
                let n_assumed = sc.spec.params().iter().filter(|(_, p)| p.provenance().is_assumption()).count();
                writeln!(
                    out,
                    "{name:<10} from {}  {}  ({} parameters, {n_assumed} assumed)",
                    m.start,
                    m.title,
                    sc.spec.params().len()
                )
                .map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Scenario(scenario::Args { cmd: scenario::Cmd::Show { scenario } }) => {
            let sc = load(&scenario)?;
            show(&sc).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Scenario(scenario::Args { cmd: scenario::Cmd::Validate { scenarios: names } }) => {
            let names: Vec<String> =
                if names.is_empty() { scenarios::BUILTIN.iter().map(|b| b.0.to_string()).collect() } else { names };
            let mut bad = 0;
            for n in &names {
                match scenarios::load(n) {
                    Ok(sc) => println!("{}: ok ({} parameters)", sc.file, sc.spec.params().len()),
                    Err(e) => {
                        eprintln!("{e}");
                        bad += 1;
                    }
                }
            }
            Ok(if bad > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
    }
}

/// Run `work` on `threads` worker threads (all cores when `None`).
fn with_threads<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, ExitCode> {
    match threads {
        None => Ok(work()),
        Some(n) => {
            rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().map(|p| p.install(work)).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(1)
            })
        }
    }
}

/// `sets` with `--sample` added as the override it stands for.
fn sampled(mut sets: Vec<String>, sample: Option<f64>) -> Vec<String> {
    if let Some(f) = sample {
        sets.push(format!("projection.population.sample={f}"));
    }
    sets
}

/// `sets` with the named shocks added as overrides of the scenario's
/// economy (so that a run's recorded overrides reproduce it).
fn shocked(sc: &Scenario, mut sets: Vec<String>, shocks: &[String]) -> Result<Vec<String>, ExitCode> {
    if shocks.is_empty() {
        return Ok(sets);
    }
    let fail = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    // The economy as the other overrides leave it.
    let base = sc.with_overrides(&sets).map_err(|e| fail(e.to_string()))?;
    let economy = base
        .spec
        .projection
        .as_ref()
        .and_then(|p| p.economy.get_ref().at(base.spec.scenario.start).cloned())
        .ok_or_else(|| fail(format!("--shock: scenario `{}` has no projection economy", sc.name())))?;
    sets.extend(medfund_sim::inputs::params::shock_sets(&economy, shocks).map_err(fail)?);
    Ok(sets)
}

/// A few lines on the terminal after a run.
fn print_summary(run: &montecarlo::RunResult, dir: &std::path::Path, files: usize) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let i = &run.info;
    writeln!(
        out,
        "{}: {} paths × {} years, seed {}; {files} files in {}",
        i.scenario,
        i.paths,
        i.years.len(),
        i.seed,
        dir.display()
    )?;
    writeln!(
        out,
        "{:>6} {:>14} {:>14} {:>10} {:>10} {:>10}",
        "year", "median months", "5% months", "P(<0)", "P(<3 mo)", "P(<6 mo)"
    )?;
    for s in &run.summary {
        writeln!(
            out,
            "{:>6} {:>14.1} {:>14.1} {:>10.3} {:>10.3} {:>10.3}",
            s.year, s.months_pct[2], s.months_pct[0], s.p_below_zero, s.p_below_3_months, s.p_below_6_months
        )?;
    }
    writeln!(out, "report: {}", dir.join("report.md").display())
}

/// `scenario show`: text values first, then the assumptions apart.
fn show(sc: &Scenario) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let m = &sc.spec.scenario;
    writeln!(
        out,
        "{} — {}\nfile: {}\nin force from: {}\ntexts: {}",
        m.name,
        m.title,
        sc.file,
        m.start,
        m.documents.join("; ")
    )?;
    if let Some(d) = &m.description {
        writeln!(out, "{d}")?;
    }
    let params = sc.spec.params();
    for (heading, want_assumption) in
        [("From the policy texts", false), ("Assumptions (values the texts do not give)", true)]
    {
        writeln!(out, "\n== {heading} ==")?;
        for (key, p) in params.iter().filter(|(_, p)| p.provenance().is_assumption() == want_assumption) {
            let line = medfund_rules::scenario::line_of(&sc.src, p.span().start);
            writeln!(out, "\n[{key}]  ({}:{line})", sc.file)?;
            match p.provenance() {
                Provenance::Source(s) => writeln!(out, "  source: {s}")?,
                Provenance::Assumption(a) => writeln!(out, "  ASSUMPTION: {a}")?,
            }
            if let Some(n) = p.note() {
                writeln!(out, "  reading: {n}")?;
            }
            let dates = p.dates();
            if !dates.is_empty() {
                writeln!(
                    out,
                    "  dated values from: {}",
                    dates.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
                )?;
            }
            let text = param_text(&sc.src, key, p.span());
            for l in text.lines().filter(|l| {
                let t = l.trim_start();
                !(t.starts_with("source")
                    || t.starts_with("assumption")
                    || t.starts_with("note")
                    || t.starts_with('#')
                    || t.is_empty())
            }) {
                writeln!(out, "    {l}")?;
            }
        }
    }
    Ok(())
}

/// The text of a parameter as written: an inline value's span, or a table's
/// header with every line down to the next table that is not one of its
/// sub-tables.
fn param_text<'a>(src: &'a str, key: &str, span: std::ops::Range<usize>) -> &'a str {
    let start = span.start;
    if !src[start..].starts_with('[') {
        return &src[span];
    }
    let header_end = src[start..].find('\n').map_or(src.len(), |i| start + i + 1);
    let mut end = header_end;
    let own = format!("[{key}.");
    for line in src[header_end..].split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') && !t.starts_with(&own) {
            break;
        }
        end += line.len();
    }
    &src[header_end..end]
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(c) | Err(c) => c,
    }
}
