#!/usr/bin/env python3
"""Derived base-year accounts of the built-in cities (data/accounts/<city>-2025-derived.csv).

None of the four cities publishes its pooled fund's accounts in the texts we
have, so each city's default calibration is fitted to the national employee
pooled fund's figures per insured member (NHSA 2023 bulletin, in
../shared/calibration.md), scaled to the city:

- by its wage level: the city's average wage applied in 2024 (its scenario's
  context.avg_wage, the 2023 statistics) over the national average wage of
  urban non-private units in 2023, 120,698 yuan (unsure; the national figure
  is of non-private units, the cities' of all units, so the ratio is on the
  low side);
- to the base year 2025 by the scenario's own mean growth rates: income by
  wage growth (4.5% a year), spending by medical inflation and utilisation
  (5% and 2% a year), admissions by utilisation, the cost per admission by
  medical inflation;
- by its own members (the scenario's projection.population.members).

The admission rate is the national one (21.6 per 100 insured), not scaled.
Structure (the city's share of retirees, its ages) is the scenario's own, so
the fit absorbs its effect into the cost and utilisation levels: an
assumption, stated in each scenario.

Run from the repository root: python3 data/make_city_accounts.py
"""

NATIONAL = {  # 2023, NHSA bulletin via shared/calibration.md
    "insured": 37095e4,
    "pooled_income": 16580.30e8,
    "pooled_spending": 11652.77e8,
    "admissions": 8009.1e4,
    "cost_per_admission": 12175.0,
    "avg_wage": 120698.0,
}
CITIES = {  # members, average wage applied in 2024 (scenarios/<city>.toml)
    "ziyang": (300000, 90216),
    "luzhou": (500000, 90216),
    "dingxi": (150000, 86328),
    "chongqing": (400000, 87168),
}
YEARS = 2  # 2023 -> 2025
# Figures a city's model cannot be held to, and why (written as comments).
LEFT_OUT = {
    "pooled_spending": {
        "chongqing": "the Chongqing scenario settles inpatient care only (002 is the district-settlement text; "
        "its outpatient and maternity benefits are in documents we do not have), so national spending per "
        "member, outpatient care included, is not a target for it",
    },
}
WAGE, INFLATION, UTILISATION = 0.045, 0.05, 0.02

def main():
    n = NATIONAL
    for city, (members, wage) in CITIES.items():
        ratio = wage / n["avg_wage"]
        g_income = (1 + WAGE) ** YEARS
        g_spend = ((1 + INFLATION) * (1 + UTILISATION)) ** YEARS
        g_util = (1 + UTILISATION) ** YEARS
        g_cost = (1 + INFLATION) ** YEARS
        per = lambda k: n[k] / n["insured"]
        rows = [
            ("pooled_income", members * per("pooled_income") * ratio * g_income, "yuan",
             f"derived: national 2023 pooled income per insured {per('pooled_income'):.2f} x wage ratio {ratio:.4f} x wage growth {g_income:.4f} x {members} members"),
            ("pooled_spending", members * per("pooled_spending") * ratio * g_spend, "yuan",
             f"derived: national 2023 pooled spending per insured {per('pooled_spending'):.2f} x wage ratio {ratio:.4f} x cost and utilisation growth {g_spend:.4f} x {members} members"),
            ("admissions", members * per("admissions") * g_util, "persons",
             f"derived: national 2023 admissions per insured {per('admissions'):.5f} x utilisation growth {g_util:.4f} x {members} members"),
            ("cost_per_admission", n["cost_per_admission"] * ratio * g_cost, "yuan",
             f"derived: national 2023 cost per admission 12175 x wage ratio {ratio:.4f} x medical inflation {g_cost:.4f}"),
        ]
        with open(f"data/accounts/{city}-2025-derived.csv", "w", encoding="utf-8") as f:
            f.write(f"# {city}: no published accounts; national per-member figures scaled to the city (data/make_city_accounts.py)\n")
            f.write("year,figure,value,unit,source\n")
            for fig, v, unit, src in rows:
                line = f'2025,{fig},{v:.2f},{unit},"{src}"\n'
                if city in LEFT_OUT.get(fig, ()):
                    f.write(f"# left out: {LEFT_OUT[fig][city]}\n# {line}")
                else:
                    f.write(line)

if __name__ == "__main__":
    main()
