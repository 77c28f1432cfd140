"""Regenerate data/retirement_ages.csv from the 2024 decision's phase-in rules (see the file's header)."""
rows = []
for y in range(2000, 2041):
    if y < 2025:
        m, fw, fc = 60, 50, 55
    else:
        # People retiring in year y were born about (y - age) and are delayed by
        # 3 (men, women cadres) or 6 (women workers) months per year of birth
        # after 1964, less the delay itself: about 2.4 and 4 months per calendar year.
        d_m = min(36, 2.4 * (y - 2025) + 1.6)
        d_fw = min(60, 4 * (y - 2025) + 0.7)
        m, fw, fc = 60 + d_m / 12, 50 + d_fw / 12, 55 + d_m / 12
    rows.append(f"{y},{m:.2f},{fw:.2f},{fc:.2f}")
head = open("data/retirement_ages.csv").read().split("year,male")[0]
open("data/retirement_ages.csv", "w").write(head + "year,male,female_worker,female_cadre\n" + "\n".join(rows) + "\n")
