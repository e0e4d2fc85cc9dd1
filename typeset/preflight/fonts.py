"""Font dictionaries as pdffonts lists them: type, encoding, embedded, subset, ToUnicode."""
from __future__ import annotations

import io
import re
from struct import error as struct_error

import pikepdf

from ..i18n import t
from .objects import _get, _name
from .report import FontInfo

BASE14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
          "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
          "Courier-BoldOblique", "Symbol", "ZapfDingbats"}
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _font_info(font) -> FontInfo:
    subtype = _name(font.get("/Subtype"))
    name = str(font.get("/BaseFont", ""))[1:] or str(font.get("/Name", "[none]"))[1:] or "[none]"
    enc = font.get("/Encoding")
    encoding = str(enc)[1:] if isinstance(enc, pikepdf.Name) else "Custom" if enc is not None else "Builtin"
    desc_font = font
    if subtype == "/Type0":
        desc = font.get("/DescendantFonts")
        desc_font = desc[0] if isinstance(desc, pikepdf.Array) and len(desc) else None
    fd = _get(desc_font, "/FontDescriptor")
    files = {k: fd[k] for k in ("/FontFile", "/FontFile2", "/FontFile3") if fd is not None and k in fd}
    ff3 = _name(_get(files.get("/FontFile3"), "/Subtype"))
    if subtype == "/Type3":
        kind, embedded = "Type 3", True
    elif subtype == "/Type0":
        cid = _name(_get(desc_font, "/Subtype"))
        kind = {"/CIDFontType0": "CID Type 0C" if ff3 == "/CIDFontType0C" else "CID Type 0",
                "/CIDFontType2": "CID TrueType"}.get(cid, "Type 0")
        embedded = bool(files)
    elif subtype == "/TrueType":
        kind, embedded = "TrueType", bool(files)
    elif subtype in ("/Type1", "/MMType1"):
        kind, embedded = ("Type 1C" if ff3 == "/Type1C" else "Type 1"), bool(files)
    else:
        kind, embedded = subtype[1:] or "unknown", bool(files)
    if ff3 == "/OpenType":
        kind += " (OT)"
    ref = f"{font.objgen[0]} {font.objgen[1]}" if font.is_indirect else "-"
    return FontInfo(name, kind, encoding, embedded, bool(SUBSET_TAG.match(name)), "/ToUnicode" in font, ref)


MAX_FONT = 16 * 2**20  # decoded bytes of an embedded font program


def _font_damage(font) -> str | None:
    """Why the embedded TrueType/OpenType program of `font` cannot be read, or None (also when there is
    none, or it is a Type 1/CFF program, which is not opened here).  A RIP stops on such a font."""
    desc = font.get("/DescendantFonts") if _name(font.get("/Subtype")) == "/Type0" else None
    desc_font = desc[0] if isinstance(desc, pikepdf.Array) and len(desc) else font
    fd = _get(desc_font, "/FontDescriptor")
    program = _get(fd, "/FontFile2")
    if not isinstance(program, pikepdf.Stream):
        return None
    from fontTools.ttLib import TTFont, TTLibError

    try:
        from .content import _decoded
        size, data = _decoded(program, MAX_FONT)
        if size is None or size > MAX_FONT:
            return t("preflight.fonts.undecodable") if size is None else t("preflight.fonts.too_large", mb=MAX_FONT >> 20)
        if data is None:
            data = program.read_bytes()
        key = _read_before(data)
        if key is None:
            return None
        tt = TTFont(io.BytesIO(data), lazy=True)
        tt["head"], tt["maxp"]  # the tables a RIP reads first
        if "glyf" in tt:
            tt["glyf"]
        from .. import stored

        stored.put("checked-fonts", key, b"", KEPT)
        return None
    except (TTLibError, pikepdf.PdfError, AssertionError, struct_error, ValueError, KeyError, IndexError, TypeError,
            EOFError) as e:
        return str(e) or type(e).__name__


KEPT = 200  # font programs remembered as read without fault (a build embeds five)


def _read_before(data: bytes) -> str | None:
    """None if fontTools (this release) has read this very program without fault before (the
    typesetter's own subsets, the same from build to build: ~3 ms each saved); else the key under
    which to remember that it has, once it has."""
    from fontTools import version

    from .. import stored

    key = stored.digest("font-program", version, data)
    return None if stored.get("checked-fonts", key) is not None else key
