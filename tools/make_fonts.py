"""Build the bundled fonts in fonts/ from Debian's font packages.

Why: ReportLab embeds only TrueType (glyf) outlines, and Noto CJK ships CFF
outlines ("postscript outlines are not supported").  We subset each face to the
repertoire a mainland journal needs -- the whole CJK Unified Ideographs block
(U+4E00-9FFF) and Extension A (U+3400-4DBF) where the source font has them, all
of GB 2312 and all 8,105 characters of 《通用规范汉字表》 (2013; Unihan kTGH, 196 of
them in Extension B), the characters listed in fonts/extra-chars.txt, Latin,
punctuation and full-width forms -- then convert cubic CFF curves to quadratic
glyf curves with fontTools' cu2qu.  Dropping the other ~17,000 glyphs of a Noto
CJK face (Japanese/Korean/Traditional variants reached only through GSUB, the
rest of Extension B and beyond) keeps the five files near 45 MB in all.

Run once, on a machine with the Debian packages fonts-noto-cjk,
fonts-lxgw-wenkai and unicode-data installed:  python tools/make_fonts.py [FILE…]
(--out DIR writes elsewhere, to measure a change before replacing fonts/).
"""
from __future__ import annotations

import bz2
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from typeset.housefonts import cff_to_glyf  # noqa: E402  (the same conversion as for house fonts)
OUT = ROOT / "fonts"
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")  # Debian unicode-data
URO = range(0x4E00, 0xA000)   # CJK Unified Ideographs
EXT_A = range(0x3400, 0x4DC0)  # CJK Unified Ideographs Extension A

# (output file, source file, face wanted inside a .ttc collection, new family name or None)
# LXGW WenKai reserves the names "LXGW" and "霞鹜" (OFL-1.1 RFN): a subset is a Modified Version, so
# it must be renamed.  Noto CJK has no Reserved Font Name.
FACES = [
    ("NotoSerifSC-Regular.ttf", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "SC", None),
    ("NotoSerifSC-Bold.ttf", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "SC", None),
    ("NotoSansSC-Regular.ttf", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "SC", None),
    ("NotoSansSC-Bold.ttf", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "SC", None),
    ("JournalKai-Regular.ttf", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", None, "Journal Kai"),
]


def gb2312() -> set[int]:
    """Every GB 2312 code point (the symbol rows and both hanzi levels)."""
    cps = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return cps


def tongyong() -> set[int]:
    """《通用规范汉字表》 (2013): the 8,105 characters with a kTGH entry in Unihan."""
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        cps = {int(line.split("\t")[0][2:], 16) for line in f if "\tkTGH\t" in line}
    if len(cps) != 8105:
        raise SystemExit(f"{UNIHAN}: expected 8105 kTGH characters, found {len(cps)}")
    return cps


def extra() -> set[int]:
    return {ord(c) for c in (OUT / "extra-chars.txt").read_text(encoding="utf-8") if not c.isspace()}


def han_repertoire() -> set[int]:
    """The Han characters every role's face must have (and the stroke data covers)."""
    return {c for c in gb2312() | tongyong() | extra() if 0x3400 <= c <= 0x9FFF or 0x20000 <= c <= 0x3FFFF}


def repertoire() -> set[int]:
    cps: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    cps |= set(range(0x2000, 0x2070))  # general punctuation: — ‘ ’ “ ” … ‰ ′ ″
    cps |= set(range(0x2100, 0x2200)) | set(range(0x2460, 0x24A0))  # letterlike, ①
    cps |= set(range(0x2190, 0x2200)) | set(range(0x2200, 0x2300)) | set(range(0x2500, 0x2600))
    cps |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF66)) | {0xFFE0, 0xFFE1, 0xFFE5, 0x2E3A}
    cps |= gb2312() | tongyong() | extra() | set(URO) | set(EXT_A)
    return cps


def open_face(path: str, want: str | None) -> TTFont:
    if not path.endswith(".ttc"):
        return TTFont(path)
    from fontTools.ttLib import TTCollection

    for font in TTCollection(path).fonts:
        if f"CJK {want}" in font["name"].getDebugName(1):
            return font
    raise SystemExit(f"no {want} face in {path}")


def _add_glyph(font: TTFont, name: str, glyph, advance: int, lsb: int) -> None:
    font["glyf"][name] = glyph
    font["hmtx"][name] = (advance, lsb)
    order = font.getGlyphOrder()
    if name not in order:
        font.setGlyphOrder(order + [name])
    if "vmtx" in font:
        font["vmtx"][name] = font["vmtx"][order[0]]


def full_width_quotes(font: TTFont) -> None:
    """Chinese text sets “ ” ‘ ’ full width (GB: opening marks hug the text on their right,
    closing marks on their left).  Fonts such as LXGW WenKai map them to Latin-width glyphs;
    give those faces 1-em composite glyphs so the CJK font draws them correctly."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    for cp, opening in ((0x201C, True), (0x2018, True), (0x201D, False), (0x2019, False)):
        base = cmap.get(cp)
        if base is None or font["hmtx"][base][0] >= em * 0.9:
            continue
        adv, _ = font["hmtx"][base]
        comp = GlyphComponent()
        comp.glyphName, comp.x, comp.y, comp.flags = base, (em - adv if opening else 0), 0, 0x4
        glyph = Glyph()
        glyph.numberOfContours, glyph.components = -1, [comp]
        name = f"{base}.fw"
        _add_glyph(font, name, glyph, em, 0)
        font["glyf"][name].recalcBounds(font["glyf"])
        _add_glyph(font, name, font["glyf"][name], em, font["glyf"][name].xMin)
        for table in font["cmap"].tables:
            if cp in table.cmap:
                table.cmap[cp] = name


def joining_em_dash(font: TTFont) -> None:
    """—— is one 2-em dash: make U+2014 a rule exactly one em wide (same stroke height as the
    font's own), so two of them join without the gap most CJK fonts leave."""
    em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    name = cmap[0x2014]
    glyf = font["glyf"]
    g = glyf[name]
    g.recalcBounds(glyf)
    pen = TTGlyphPen(None)
    pen.moveTo((0, g.yMin)); pen.lineTo((0, g.yMax)); pen.lineTo((em, g.yMax)); pen.lineTo((em, g.yMin))
    pen.closePath()
    _add_glyph(font, name, pen.glyph(), em, 0)


def rename(font: TTFont, family: str) -> None:
    ps = family.replace(" ", "") + "-Regular"
    names = {1: family, 2: "Regular", 3: f"{ps};derived-from-LXGW-WenKai", 4: f"{family} Regular", 6: ps,
             16: family, 17: "Regular"}
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in names]
    for nid, text in names.items():
        table.setName(text, nid, 3, 1, 0x409)


def build(out_name: str, src: str, want: str | None, family: str | None, cps: set[int], out: Path = OUT) -> None:
    t0 = time.perf_counter()
    font = open_face(src, want)
    missing = han_repertoire() - set(font.getBestCmap())
    if missing:  # GB 2312 ∪ 通用规范汉字表 is the floor for every role
        raise SystemExit(f"{src} lacks {len(missing)} required characters: {''.join(map(chr, sorted(missing)))[:40]}")
    opts = subset.Options()
    # ReportLab uses no OpenType layout: drop GSUB/GPOS and every glyph reachable only through them.
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.drop_tables += ["VORG", "DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=cps)
    sub.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    if family:
        rename(font, family)
    full_width_quotes(font)
    joining_em_dash(font)
    font.save(out / out_name)
    cmap = font.getBestCmap()
    print(f"{out_name}: {len(font.getGlyphOrder())} glyphs, URO {sum(c in cmap for c in URO)}, "
          f"Ext A {sum(c in cmap for c in EXT_A)}, {(out / out_name).stat().st_size / 1e6:.1f} MB, "
          f"{time.perf_counter() - t0:.0f} s")


def main() -> None:
    args = sys.argv[1:]
    out = OUT
    if "--out" in args:
        i = args.index("--out")
        out = Path(args[i + 1])
        del args[i:i + 2]
    out.mkdir(parents=True, exist_ok=True)
    cps = repertoire()
    only = set(args)
    for out_name, src, want, family in FACES:
        if not only or out_name in only:
            build(out_name, src, want, family, cps, out)


if __name__ == "__main__":
    main()
