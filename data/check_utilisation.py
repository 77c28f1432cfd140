#!/usr/bin/env python3
"""Print the population-weighted figures behind data/utilisation.csv.

Run:  python3 data/check_utilisation.py

The check population is an employee-insurance pool with an assumed category mix
(MIX below: 58% employees, 15% flexible workers, 27% retirees), each category
spread over ages by data/age_profile.csv. Every utilisation figure of a member is
that of his or her age band in data/utilisation.csv (the table is not by
category: a retiree and an employee of the same age are assumed alike).

Spending per member-year, in yuan at base year 2023:
    inpatient  = inpatient_rate * inpatient_cost_factor * BASE_COST
    outpatient = outpatient_use * outpatient_mean
    special    = special_prevalence * SPECIAL_MEAN          (check-only assumption)
    drugs      = single_drug_prevalence * SINGLE_DRUG_MEAN  (check-only assumption)

SPECIAL_MEAN and SINGLE_DRUG_MEAN are not part of the tables: the engine's claim
model sets those amounts; they are used here only to see the retirees' share of
total spending. The crude death rate uses data/life_table.csv with an assumed sex
mix (SEX_MALE below).
"""

import csv
import os

BASE_COST = 12175.0  # shared/calibration.md line 15 (cost per admission, 2023, unsure)
MIX = {"employee": 0.58, "flexible": 0.15, "retiree": 0.27}
SPECIAL_MEAN = 6000.0  # yuan per managed special-disease patient-year (assumption)
SINGLE_DRUG_MEAN = 50000.0  # yuan per single-payment-drug user-year (assumption)
SEX_MALE = {"employee": 0.54, "flexible": 0.54, "retiree": 0.48}  # share of men (assumption)

HERE = os.path.dirname(os.path.abspath(__file__))


def rows(name):
    with open(os.path.join(HERE, name)) as f:
        r = list(csv.reader(line for line in f if not line.startswith("#")))
    head = r[0]
    return [dict(zip(head, map(float, row))) for row in r[1:]]


def main():
    prof = rows("age_profile.csv")
    util = rows("utilisation.csv")
    life = {int(r["age"]): r for r in rows("life_table.csv")}

    def band(age):
        for u in util:
            if u["age_from"] <= age <= u["age_to"]:
                return u
        raise ValueError(age)

    # population weights pop[(category, age)], summing to 1
    pop = {}
    for cat, share in MIX.items():
        tot = sum(p[cat] for p in prof)
        for p in prof:
            pop[(cat, int(p["age"]))] = share * p[cat] / tot

    def agg(select):
        w = adm = cost = outp = spec = drug = deaths = age = 0.0
        for (cat, a), n in pop.items():
            if not select(cat, a) or n == 0:
                continue
            u = band(a)
            w += n
            age += n * a
            adm += n * u["inpatient_rate"]
            cost += n * u["inpatient_rate"] * u["inpatient_cost_factor"] * BASE_COST
            outp += n * u["outpatient_use"] * u["outpatient_mean"]
            spec += n * u["special_prevalence"] * SPECIAL_MEAN
            drug += n * u["single_drug_prevalence"] * SINGLE_DRUG_MEAN
            m = SEX_MALE[cat]
            deaths += n * (m * life[a]["qx_male"] + (1 - m) * life[a]["qx_female"])
        return dict(w=w, age=age / w, rate=adm / w, mean_cost=cost / adm, inp=cost / w,
                    outp=outp / w, spec=spec / w, drug=drug / w, total=(cost + outp + spec + drug) / w,
                    cdr=1000 * deaths / w, spend=cost + outp + spec + drug, inp_spend=cost)

    groups = [
        ("all members", lambda c, a: True),
        ("in-service (employee+flexible)", lambda c, a: c != "retiree"),
        ("employees", lambda c, a: c == "employee"),
        ("flexible workers", lambda c, a: c == "flexible"),
        ("retirees", lambda c, a: c == "retiree"),
        ("aged 60+", lambda c, a: a >= 60),
        ("aged 20-59", lambda c, a: 20 <= a <= 59),
    ]
    print(f"mix {MIX}; base cost per admission {BASE_COST:.0f}; special {SPECIAL_MEAN:.0f}, single drug {SINGLE_DRUG_MEAN:.0f} yuan/yr")
    print(f"{'group':32s} {'share':>6s} {'age':>5s} {'inp.rate':>8s} {'cost/adm':>8s} {'inpat.':>7s} {'outpat.':>7s} {'special':>7s} {'drugs':>6s} {'total':>7s} {'deaths':>7s}")
    res = {}
    for name, sel in groups:
        g = agg(sel)
        res[name] = g
        print(f"{name:32s} {100 * g['w']:5.1f}% {g['age']:5.1f} {100 * g['rate']:7.2f}% {g['mean_cost']:8.0f} "
              f"{g['inp']:7.0f} {g['outp']:7.0f} {g['spec']:7.0f} {g['drug']:6.0f} {g['total']:7.0f} {g['cdr']:6.2f}‰")
    a, r, s = res["all members"], res["retirees"], res["in-service (employee+flexible)"]
    print()
    print(f"retirees' share of total spending (inpatient+outpatient+special+drugs): {100 * r['spend'] / a['spend']:.1f}%")
    print(f"retirees' share of inpatient spending only:                           {100 * r['inp_spend'] / a['inp_spend']:.1f}%")
    print(f"retirees' share of inpatient + general outpatient spending:            "
          f"{100 * (r['inp'] + r['outp']) * r['w'] / ((a['inp'] + a['outp']) * a['w']):.1f}%")
    print(f"spending per retiree / per in-service member:                           {r['total'] / s['total']:.2f}")
    print(f"retirees' share of admissions:                                         {100 * r['rate'] * r['w'] / (a['rate'] * a['w']):.1f}%")


if __name__ == "__main__":
    main()
