"""Build the bundled fonts in fonts/ from Debian's font packages.

Why: ReportLab embeds only TrueType (glyf) outlines, and Noto CJK ships CFF
outlines ("postscript outlines are not supported").  We subset each face to the
repertoire a mainland journal needs -- all of GB 2312 plus the characters listed
in fonts/extra-chars.txt (rare characters met in real issues, e.g. 戩 圇) plus
Latin, punctuation and full-width forms -- then convert cubic CFF curves to
quadratic glyf curves with fontTools' cu2qu.  Subsetting keeps the repository
lean (a full CJK face is ~20 MB as TrueType).

Run once, on a machine with the Debian packages fonts-noto-cjk and
fonts-lxgw-wenkai installed:  python tools/make_fonts.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fonts"

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


def repertoire() -> set[int]:
    cps: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    cps |= set(range(0x2000, 0x2070))  # general punctuation: — ‘ ’ “ ” … ‰ ′ ″
    cps |= set(range(0x2100, 0x2200)) | set(range(0x2460, 0x24A0))  # letterlike, ①
    cps |= set(range(0x2190, 0x2200)) | set(range(0x2200, 0x2300)) | set(range(0x2500, 0x2600))
    cps |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF66)) | {0xFFE0, 0xFFE1, 0xFFE5, 0x2E3A}
    for hi in range(0xA1, 0xF8):  # every GB 2312 code point (symbols rows and both hanzi levels)
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    extra = (OUT / "extra-chars.txt").read_text(encoding="utf-8")
    cps |= {ord(c) for c in extra if not c.isspace()}
    return cps


def open_face(path: str, want: str | None) -> TTFont:
    if not path.endswith(".ttc"):
        return TTFont(path)
    from fontTools.ttLib import TTCollection

    for font in TTCollection(path).fonts:
        if f"CJK {want}" in font["name"].getDebugName(1):
            return font
    raise SystemExit(f"no {want} face in {path}")


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines with quadratic TrueType outlines (after fontTools' otf2ttf snippet)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


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


def build(out_name: str, src: str, want: str | None, family: str | None, cps: set[int]) -> None:
    font = open_face(src, want)
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
    font.save(OUT / out_name)
    print(f"{out_name}: {len(font.getGlyphOrder())} glyphs, {(OUT / out_name).stat().st_size / 1e6:.1f} MB")


def main() -> None:
    cps = repertoire()
    only = set(sys.argv[1:])
    for out_name, src, want, family in FACES:
        if not only or out_name in only:
            build(out_name, src, want, family, cps)


if __name__ == "__main__":
    main()
