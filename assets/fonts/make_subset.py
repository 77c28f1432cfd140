#!/usr/bin/env python3
"""Regenerate the CJK font subsets medfund embeds (src/output/lang.rs).

The characters are every character of the Chinese labels (the files of
src/output/labels/), of the built-in scenarios (scenarios/*.toml: district
names, policy names, assumptions shown in the HTML page) and of the district
list (data/chongqing_districts.csv), plus printable ASCII and a few symbols
the charts and pages use. A label added without rerunning this script fails
the test `output::charts::text::tests::the_cjk_font_has_every_character`.

Needs fonttools (pip install fonttools) and Noto Sans CJK (apt-get install
fonts-noto-cjk). Run from anywhere:

    python3 assets/fonts/make_subset.py [FONT_DIR]

FONT_DIR holds NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc (default
/usr/share/fonts/opentype/noto). In those collections font number 2 is
Noto Sans CJK SC (0 JP, 1 KR, 2 SC, 3 TC, 4 HK); the script checks.
"""

import glob
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "assets", "fonts")
SC = 2
# Symbols drawn in Chinese text besides those in the sources: the true
# minus of the axis numbers, en and em dashes, division and multiplication
# signs, plus-minus, ellipsis, middle dot.
EXTRA = "\u2212\u2013\u2014\u00f7\u00d7\u00b1\u2026\u00b7"


def sources():
    files = sorted(glob.glob(os.path.join(ROOT, "src", "output", "labels", "*.rs")))
    files += sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.toml")))
    files.append(os.path.join(ROOT, "data", "chongqing_districts.csv"))
    return files


def characters():
    chars = set(chr(c) for c in range(0x20, 0x7F)) | set(EXTRA)
    for f in sources():
        with open(f, encoding="utf-8") as fh:
            chars |= set(c for c in fh.read() if ord(c) > 0x7F and c.isprintable())
    return "".join(sorted(chars))


def main():
    font_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto"
    text = characters()
    for weight in ["Regular", "Bold"]:
        src = os.path.join(font_dir, f"NotoSansCJK-{weight}.ttc")
        name = TTCollection(src).fonts[SC]["name"].getDebugName(1)
        if name != "Noto Sans CJK SC":
            sys.exit(f"{src}: font number {SC} is {name!r}, not Noto Sans CJK SC")
        out = os.path.join(OUT, f"NotoSansCJKsc-{weight}-subset.otf")
        opts = subset.Options()
        opts.font_number = SC
        opts.layout_features = []
        opts.hinting = False
        opts.desubroutinize = True
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        font = subset.load_font(src, opts)
        s = subset.Subsetter(opts)
        s.populate(text=text)
        s.subset(font)
        subset.save_font(font, out, opts)
        print(f"{out}: {len(text)} characters, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
