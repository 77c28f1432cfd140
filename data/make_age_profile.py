#!/usr/bin/env python3
"""Regenerate data/age_profile.csv: starting age weights per member category.

Run:  python3 data/make_age_profile.py   (reads data/life_table.csv, writes
data/age_profile.csv; --check prints the summary only).

Every shape here is an assumption (documented in data/README.md); the category
shares themselves (employees / flexible / retirees) are set elsewhere.

For each sex s and single age x in 16..=100 the insured cohort is

    cohort(x)     = C(x) * S_s(x)
    C(x)          = YOUNG(x) * exp(-R_COHORT * max(0, x - 45))
                    older cohorts smaller (fewer births, less urban formal work);
                    the youngest cohorts (born after ~1995) smaller too
    S_s(x)        = l_s(x) / l_s(16)                   survival from the life table

and it splits into

    employee(x)   = cohort * ENTRY(x) * (1 - PHI(x)) * (1 - RET_EMP_s(x))
    flexible(x)   = cohort * ENTRY(x) *      PHI(x)  * (1 - RET_FLEX_s(x))
    retiree(x)    = cohort * [ (1 - PHI(x)) * RET_EMP_s(x) + PHI(x) * RET_FLEX_s(x) ]
                    with PHI and ENTRY frozen at their age-59 values above 59
                    (a retiree's category mix is that of the cohort when it retired)

summed over sexes with SEX_SHARE. ENTRY is the share of the cohort that has
entered insured work; PHI the flexible workers' share of the non-retired; RET_*
the share of the sex-age group already retired (pre-2025 statutory ages: men 60,
women 50 workers / 55 cadres; flexible women 55). Each column is scaled so its
largest weight is 1.
"""

import csv
import math
import os
import sys

AGES = range(16, 101)
SEX_SHARE = {"male": 0.54, "female": 0.46}
R_COHORT = 0.025  # per year of age above 45
# Relative size of the youngest cohorts (births fell from the late-1980s peak
# to about two thirds of it around 2000; urbanisation offsets part of that).
YOUNG = [(22, 0.80), (32, 1.0)]


def interp(x, pts):
    """Piecewise-linear through (age, value) points, flat outside."""
    if x <= pts[0][0]:
        return pts[0][1]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return pts[-1][1]


def step(x, bands):
    """Value of the band [from, to] containing x; bands = [(from, value), ...]."""
    v = 0.0
    for a, val in bands:
        if x >= a:
            v = val
    return v


# Share of a cohort that has entered insured work (students, late entry).
ENTRY = [(16, 0.01), (18, 0.05), (20, 0.20), (22, 0.55), (25, 0.87), (28, 1.0)]
# Flexible workers' share of the non-retired insured, rising with age
# (informal and self-employed work is commoner later in life, and laid-off
# workers keep their insurance as flexible workers).
PHI = [(18, 0.03), (20, 0.04), (30, 0.14), (40, 0.22), (50, 0.30), (59, 0.32)]

# Share retired, by sex, employees (base-year rules, before the 2025 reform).
RET_EMP = {
    "male": [(0, 0.0), (50, 0.02), (55, 0.10), (60, 0.94), (65, 0.99), (70, 1.0)],
    # women: ~55% on the 50 (worker) track, the rest at 55 (cadre)
    "female": [(0, 0.0), (50, 0.55), (55, 0.93), (60, 0.98), (65, 1.0)],
}
# Flexible workers: men 60, women 55; a tail keeps paying to complete the
# minimum contribution years.
RET_FLEX = {
    "male": [(0, 0.0), (55, 0.03), (60, 0.88), (65, 1.0)],
    "female": [(0, 0.0), (50, 0.05), (55, 0.88), (60, 0.97), (65, 1.0)],
}


def read_life_table(here):
    l = {"male": [1.0], "female": [1.0]}
    with open(os.path.join(here, "life_table.csv")) as f:
        rows = [r for r in csv.reader(line for line in f if not line.startswith("#"))]
    for r in rows[1:]:
        l["male"].append(l["male"][-1] * (1 - float(r[1])))
        l["female"].append(l["female"][-1] * (1 - float(r[2])))
    return l


def profile(here):
    l = read_life_table(here)
    cols = {"employee": [], "flexible": [], "retiree": []}
    for x in AGES:
        e = f = r = 0.0
        c = interp(x, YOUNG) * math.exp(-R_COHORT * max(0, x - 45))
        entry = interp(min(x, 59), ENTRY)
        phi = interp(min(x, 59), PHI)
        for s, share in SEX_SHARE.items():
            coh = share * c * l[s][x] / l[s][16]
            re, rf = step(x, RET_EMP[s]), step(x, RET_FLEX[s])
            e += coh * entry * (1 - phi) * (1 - re)
            f += coh * entry * phi * (1 - rf)
            r += coh * entry * ((1 - phi) * re + phi * rf)
        cols["employee"].append(e)
        cols["flexible"].append(f)
        cols["retiree"].append(r)
    for k, v in cols.items():
        m = max(v)
        cols[k] = [w / m for w in v]
    return cols


def summary(cols):
    ages = list(AGES)
    for k, v in cols.items():
        tot = sum(v)
        mean = sum(a * w for a, w in zip(ages, v)) / tot
        bands = [(16, 19), (20, 29), (30, 39), (40, 49), (50, 59), (60, 69), (70, 79), (80, 89), (90, 100)]
        parts = " ".join(
            f"{a}-{b}:{100 * sum(w for x, w in zip(ages, v) if a <= x <= b) / tot:.1f}%" for a, b in bands
        )
        print(f"{k:8s} mean age {mean:.1f}  {parts}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    cols = profile(here)
    summary(cols)
    if "--check" in sys.argv[1:]:
        return
    path = os.path.join(here, "age_profile.csv")
    with open(path, "w", newline="\n") as f:
        f.write("# Relative starting age weights per member category (each column scaled to max 1; need not sum to 1).\n")
        f.write("# Generated by data/make_age_profile.py from data/life_table.csv; all shapes are assumptions (see data/README.md).\n")
        f.write("age,employee,flexible,retiree\n")
        for i, x in enumerate(AGES):
            f.write(f"{x},{cols['employee'][i]:.6f},{cols['flexible'][i]:.6f},{cols['retiree'][i]:.6f}\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
