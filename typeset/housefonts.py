"""House fonts: the faces a magazine office owns, named per role in the manifest (`fonts:`).

ReportLab embeds only TrueType (glyf) outlines.  A TrueType file is used as it is; an
OpenType/CFF file (方正, Source Han and most foundry fonts ship CFF) or a collection (.ttc) is
converted once with fontTools -- cubic CFF curves to quadratic glyf curves with cu2qu, as
tools/make_fonts.py makes the bundled faces -- and the result is kept in the cache folder
($XDG_CACHE_HOME/typeset/fonts, ~/.cache/typeset/fonts) under the source file's SHA-256, never
beside the sources.  A font whose licence bits (OS/2 fsType) forbid embedding is refused.
"""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, TTLibError, newTable

from .errors import SourceError
from .i18n import t
from .fonts import FontFile, cache_dir

CONVERTER_VERSION = 1  # part of the cache key: bump when the conversion changes


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


def family_name(font: TTFont) -> str:
    """The family name Word/WPS lists: the Simplified Chinese one if the font has it (方正书宋_GBK),
    else the English one."""
    names = font["name"]
    for nid in (16, 1):
        for lang in (0x804, 0x409):
            rec = names.getName(nid, 3, 1, lang) or names.getName(nid, 3, 10, lang)
            if rec is not None:
                return rec.toUnicode()
    return names.getDebugName(1) or "Unknown"


def house_font(spec: str, key: str, root: Path, manifest: Path, line: int | None) -> FontFile:
    """The manifest's `fonts: {key: spec}` as a FontFile ReportLab can embed."""
    path = Path(spec).expanduser()
    path = (path if path.is_absolute() else root / path).resolve()
    if not path.is_file():
        raise SourceError(manifest, line, t("fonts.house_missing", key=key, spec=spec), t("fonts.house_missing.fix", root=root))
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        font = TTFont(io.BytesIO(data), fontNumber=0, lazy=True)
        font["cmap"], font["name"]
    except (TTLibError, KeyError, AssertionError, OSError, ValueError, IndexError) as e:
        raise SourceError(manifest, line, t("fonts.not_a_font", key=key, spec=spec, error=e.__class__.__name__),
                          t("fonts.not_a_font.fix")) from None
    if "fvar" in font or "CFF2" in font:
        raise SourceError(manifest, line, t("fonts.variable", key=key, spec=spec), t("fonts.variable.fix"))
    fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    if fs_type == 0x0002 or fs_type & 0x0300:  # restricted licence, or no subsetting / bitmaps only
        raise SourceError(manifest, line, t("fonts.not_embeddable", key=key, spec=spec, fs_type=f"{fs_type:#06x}"),
                          t("fonts.not_embeddable.fix"))
    family = family_name(font)
    name = f"H-{digest[:12]}"
    label = f"{family} ({path.name})"
    collection = data[:4] == b"ttcf"
    if "CFF " not in font and not collection:
        return FontFile(path, name, family, label)
    target = cache_dir() / "fonts" / f"{digest[:32]}-v{CONVERTER_VERSION}.ttf"
    if not target.exists():
        font = TTFont(io.BytesIO(data), fontNumber=0)  # fully loaded for the conversion
        if "CFF " in font:
            cff_to_glyf(font)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(tmp)
        tmp.replace(target)
    return FontFile(target, name, family, label)
