"""Regenerate data/chongqing_districts.csv (see its header for what is an assumption)."""
main = ["渝中", "大渡口", "江北", "沙坪坝", "九龙坡", "南岸", "北碚", "渝北", "巴南"]
regional = ["万州", "涪陵", "黔江", "永川", "江津", "合川"]
# Resident population, 2020 census, in 10,000s (rounded; approximate).
EN = {'渝中': 'Yuzhong', '大渡口': 'Dadukou', '江北': 'Jiangbei', '沙坪坝': 'Shapingba', '九龙坡': 'Jiulongpo', '南岸': "Nan'an", '北碚': 'Beibei', '渝北': 'Yubei', '巴南': 'Banan', '万州': 'Wanzhou', '黔江': 'Qianjiang', '涪陵': 'Fuling', '綦江': 'Qijiang', '大足': 'Dazu', '长寿': 'Changshou', '江津': 'Jiangjin', '合川': 'Hechuan', '永川': 'Yongchuan', '南川': 'Nanchuan', '璧山': 'Bishan', '铜梁': 'Tongliang', '潼南': 'Tongnan', '荣昌': 'Rongchang', '开州': 'Kaizhou', '梁平': 'Liangping', '武隆': 'Wulong', '城口': 'Chengkou', '丰都': 'Fengdu', '垫江': 'Dianjiang', '忠县': 'Zhongxian', '云阳': 'Yunyang', '奉节': 'Fengjie', '巫山': 'Wushan', '巫溪': 'Wuxi', '石柱': 'Shizhu', '秀山': 'Xiushan', '酉阳': 'Youyang', '彭水': 'Pengshui'}
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
# Resident-scheme shares: the same populations weighted 0.6 in the main urban districts (more of their people
# are in the employee scheme), 1.0 elsewhere (ASSUMPTION).
rw = {k: v * (0.6 if k in main else 1.0) for k, v in pop.items()}
rtot = sum(rw.values())
rshares = {k: round(rw[k] / rtot, 6) for k in pop}
rbig = max(rshares, key=rshares.get)
rshares[rbig] = round(rshares[rbig] + 1 - sum(rshares.values()), 6)
head = open("data/chongqing_districts.csv").read().split("name,")[0]
lines = [f"{k},{EN[k]},{'main_urban' if k in main else 'regional_center' if k in regional else 'other'},{pop[k]},{shares[k]:.6f},{rshares[k]:.6f}" for k in pop]
open("data/chongqing_districts.csv", "w").write(head + "name,name_en,class,population_10k,share,resident_share\n" + "\n".join(lines) + "\n")
