"""Regenerate data/chongqing_districts.csv (see its header for what is an assumption)."""
main = ["渝中", "大渡口", "江北", "沙坪坝", "九龙坡", "南岸", "北碚", "渝北", "巴南"]
regional = ["万州", "涪陵", "黔江", "永川", "江津", "合川"]
# Resident population, 2020 census, in 10,000s (rounded; approximate).
pop = {"渝中": 59, "大渡口": 42, "江北": 93, "沙坪坝": 148, "九龙坡": 153, "南岸": 120, "北碚": 83, "渝北": 219, "巴南": 118,
       "万州": 156, "黔江": 49, "涪陵": 115, "綦江": 101, "大足": 83, "长寿": 69, "江津": 136, "合川": 124, "永川": 114,
       "南川": 58, "璧山": 76, "铜梁": 69, "潼南": 69, "荣昌": 67, "开州": 120, "梁平": 65, "武隆": 36, "城口": 19,
       "丰都": 56, "垫江": 65, "忠县": 72, "云阳": 93, "奉节": 74, "巫山": 46, "巫溪": 39, "石柱": 39, "秀山": 48,
       "酉阳": 61, "彭水": 49}
assert len(pop) == 38
w = {k: v * (1.8 if k in main else 1.2 if k in regional else 1.0) for k, v in pop.items()}
tot = sum(w.values())
shares = {k: round(w[k] / tot, 6) for k in pop}
big = max(shares, key=shares.get)
shares[big] = round(shares[big] + 1 - sum(shares.values()), 6)  # shares add to exactly 1
head = open("data/chongqing_districts.csv").read().split("name,class")[0]
lines = [f"{k},{'main_urban' if k in main else 'regional_center' if k in regional else 'other'},{pop[k]},{shares[k]:.6f}" for k in pop]
open("data/chongqing_districts.csv", "w").write(head + "name,class,population_10k,share\n" + "\n".join(lines) + "\n")
