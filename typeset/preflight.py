"""Print preflight of any PDF: what a commercial printer's prepress checks before plating.

`preflight(path, screen=False)` returns a `Report`: findings (level ok/warn/fail, section, message, page),
the font list (like pdffonts), every image placement with its effective resolution, and the colour spaces
used.  `render(report)` turns it into the text a prepress person reads; `main(argv)` is `build.py check`.

Checks (print mode; `screen=True` relaxes the page count, the Trim/Bleed boxes and RGB):
  pages   count, a multiple of 4 for saddle stitching
  boxes   MediaBox; TrimBox on every page and the same size everywhere, named if it is a preset;
          BleedBox 3 mm outside the TrimBox on every side and inside the MediaBox (and CropBox)
  fonts   every font that shows text (pages, forms, patterns, annotation appearances) embedded; subset or not
  colour  no RGB operators or colour spaces anywhere; rich black text is a warning
  images  colour space, bits, effective dpi at the placed size (CTM tracked through q/Q/cm and forms)
  document  version, OutputIntents (a print intent's profile must be CMYK), PDF/X key, Trapped, Title, Lang

A font counts as used when text is shown with it, not when it merely sits in /Resources or is selected by
Tf: ReportLab, for one, selects Helvetica at the top of every page without drawing a glyph, and a RIP never
loads a font that shows nothing.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pikepdf

MM = 72 / 25.4
PRESETS = (("A4", 210.0, 297.0), ("大16开", 210.0, 285.0), ("16开", 185.0, 260.0))
PRESET_TOLERANCE_MM = 0.5
BLEED_MM, BLEED_TOLERANCE_MM = 3.0, 0.1
SAME_SIZE_TOLERANCE_MM = 0.1  # TrimBoxes differing by less are rounding, not a different trim
DPI_WARN, DPI_FAIL = 300, 150
MAX_DEPTH = 32  # nesting of forms/patterns; deeper is a malformed or hostile file

BASE14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
          "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
          "Courier-BoldOblique", "Symbol", "ZapfDingbats"}
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
FILL_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_PAINT = {"S", "s", "B", "B*", "b", "b*"}


class PreflightError(Exception):
    """The file cannot be read as a PDF at all (missing, not a PDF, password-protected)."""


@dataclass(frozen=True)
class Finding:
    level: str  # "ok" | "warn" | "fail"
    section: str  # Document, Pages, Boxes, Fonts, Colour, Images
    message: str
    page: int | None = None  # 1-based


@dataclass
class Group:
    """Findings with the same level, section and message, merged across pages."""
    level: str
    section: str
    message: str
    pages: list[int]


@dataclass
class FontInfo:
    name: str
    type: str
    encoding: str
    embedded: bool
    subset: bool
    unicode: bool
    ref: str  # "obj gen" as pdffonts prints it, "-" for a direct object
    pages: set[int] = field(default_factory=set)


@dataclass
class ImageInfo:
    page: int
    name: str
    where: str
    width: int
    height: int
    colour_space: str
    bits: int
    dpi: tuple[float, float] | None  # None: degenerate placement or inside a Type 3 glyph


@dataclass
class Report:
    path: Path
    screen: bool
    version: str
    pages: int
    trim: str  # for the header: "210.0 × 285.0 mm (大16开)", "none", "mixed"
    trim_mm: tuple[float, float] | None
    trim_name: str | None
    findings: list[Finding]
    fonts: list[FontInfo]
    images: list[ImageInfo]
    colour_spaces: dict[str, set[int]]

    def groups(self) -> list[Group]:
        out: dict[tuple[str, str, str], Group] = {}
        for f in self.findings:
            g = out.setdefault((f.level, f.section, f.message), Group(f.level, f.section, f.message, []))
            if f.page is not None:  # findings are unique, so a page appears once per group
                g.pages.append(f.page)
        return list(out.values())

    # A problem on 44 pages is one problem for the person fixing it, so the verdict counts merged groups.
    @property
    def failures(self) -> int:
        return sum(g.level == "fail" for g in self.groups())

    @property
    def warnings(self) -> int:
        return sum(g.level == "warn" for g in self.groups())

    @property
    def passed(self) -> bool:
        return self.failures == 0

    def fails(self, section: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.level == "fail" and section in (None, f.section)]

    def warns(self, section: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.level == "warn" and section in (None, f.section)]


# ---------------------------------------------------------------------------------------------- colour spaces

class Space(NamedTuple):
    label: str
    n: int | None  # colour components
    rgb: bool
    cmyk: bool = False


GRAY, RGB, CMYK = Space("DeviceGray", 1, False), Space("DeviceRGB", 3, True), Space("DeviceCMYK", 4, False, True)
DEVICE = {"/DeviceGray": GRAY, "/DeviceRGB": RGB, "/DeviceCMYK": CMYK,
          "/G": GRAY, "/RGB": RGB, "/CMYK": CMYK}  # the short names are inline-image abbreviations
ICC_KIND = {1: "gray", 3: "RGB", 4: "CMYK"}


def _space(cs, res, depth: int = 0) -> Space:
    """Classify a colour space object (a name or an array), resolving resource names through `res`."""
    if depth > 8:
        return Space("unresolvable (loop)", None, False)
    if isinstance(cs, pikepdf.Name):
        name = str(cs)
        if name in DEVICE:
            return DEVICE[name]
        if name == "/Pattern":
            return Space("Pattern", None, False)
        named = _get(_get(res, "/ColorSpace"), name)
        return _space(named, res, depth + 1) if named is not None else Space(f"undefined {name}", None, False)
    if isinstance(cs, pikepdf.Array) and len(cs):
        fam = str(cs[0])
        if fam in DEVICE or (fam == "/Pattern" and len(cs) == 1):
            return _space(cs[0], res, depth + 1)
        if fam == "/CalRGB":
            return Space("CalRGB", 3, True)
        if fam == "/CalGray":
            return Space("CalGray", 1, False)
        if fam == "/CalCMYK":
            return Space("CalCMYK", 4, False, True)
        if fam == "/Lab":
            return Space("Lab", 3, False)
        if fam == "/ICCBased" and len(cs) > 1:
            n = int(cs[1].get("/N", 0))
            return Space(f"ICCBased {ICC_KIND.get(n, f'{n}-component')}", n, n == 3, n == 4)
        if fam in ("/Indexed", "/I") and len(cs) > 1:
            base = _space(cs[1], res, depth + 1)
            return Space(f"Indexed {base.label}", 1, base.rgb)
        if fam == "/Separation" and len(cs) > 2:
            alt = _space(cs[2], res, depth + 1)
            return Space(f"Separation {str(cs[1])[1:]} (alternate {alt.label})", 1, alt.rgb)
        if fam == "/DeviceN" and len(cs) > 2:
            alt = _space(cs[2], res, depth + 1)
            names = ", ".join(str(n)[1:] for n in cs[1])
            return Space(f"DeviceN {names} (alternate {alt.label})", len(cs[1]), alt.rgb)
        if fam == "/Pattern":
            base = _space(cs[1], res, depth + 1)
            return Space(f"Pattern ({base.label})", base.n, base.rgb)
        return Space(f"unknown {fam}", None, False)
    return Space("invalid colour space", None, False)


def _get(d, key):
    """d[key] for a pikepdf dictionary that may be None or not a dictionary."""
    if d is None or not isinstance(d, (pikepdf.Dictionary, pikepdf.Stream)):
        return None
    return d.get(key)


def _name(obj) -> str:
    return str(obj) if isinstance(obj, pikepdf.Name) else "?"


# -------------------------------------------------------------------------------------------------- matrices

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: `cm` makes CTM' = M × CTM)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> Matrix:
    try:
        m = tuple(float(x) for x in obj)
        return m if len(m) == 6 else IDENTITY
    except (TypeError, ValueError):
        return IDENTITY


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _rect(obj) -> tuple[float, float, float, float] | None:
    """A normalised rectangle (llx, lly, urx, ury); PDF allows any two opposite corners."""
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


# ----------------------------------------------------------------------------------------------- the walker

class _GS:
    __slots__ = ("ctm", "fill", "fill_vals", "stroke", "stroke_vals", "tr", "font")

    def __init__(self, ctm: Matrix):
        self.ctm, self.tr, self.font = ctm, 0, None
        self.fill, self.fill_vals, self.stroke, self.stroke_vals = GRAY, (0.0,), GRAY, (0.0,)

    def copy(self) -> "_GS":
        g = _GS(self.ctm)
        g.fill, g.fill_vals, g.stroke, g.stroke_vals, g.tr, g.font = (
            self.fill, self.fill_vals, self.stroke, self.stroke_vals, self.tr, self.font)
        return g


def _initial(space: Space) -> tuple[float, ...]:
    # PDF 32000 8.6.5: a newly selected space starts at black (CMYK 0 0 0 1) or 0 in every component.
    return (0.0, 0.0, 0.0, 1.0) if space.cmyk else (0.0,) * (space.n or 1)


class _Walker:
    """Interprets every content stream of a document once per placement, collecting findings."""

    def __init__(self, screen: bool):
        self.screen = screen
        self.findings: list[Finding] = []
        self.seen: set[Finding] = set()
        self.fonts: dict[object, FontInfo] = {}
        self.images: list[ImageInfo] = []
        self.spaces: dict[str, set[int]] = {}
        self.parsed: dict[tuple[int, int], list] = {}
        self.page = 0
        self.once: set[tuple] = set()  # patterns, soft masks, Type 3 glyphs walked on this page

    def add(self, level: str, section: str, message: str, page: int | None = None) -> None:
        f = Finding(level, section, message, page)
        if f not in self.seen:
            self.seen.add(f)
            self.findings.append(f)

    def rgb_level(self) -> str:
        return "ok" if self.screen else "fail"

    # --- colour
    def use(self, space: Space, what: str, where: str) -> None:
        """Record a colour space in use; RGB fails in print mode."""
        self.spaces.setdefault(space.label, set()).add(self.page)
        if space.rgb:
            self.add(self.rgb_level(), "Colour", f"{space.label}: {what} in {where}", self.page)

    # --- entry points
    def walk_page(self, number: int, page: pikepdf.Page, base: Matrix) -> None:
        self.page, self.once = number, set()
        obj = page.obj
        res = _inherited(obj, "/Resources")
        group = _get(obj.get("/Group"), "/CS")
        if group is not None:
            self.use(_space(group, res), "transparency blending space", "page")
        try:
            ops = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as e:
            self.add("fail", "Document", f"page content cannot be parsed: {e}", number)
            ops = []
        self.run(ops, res, _GS(base), "page content", base, [])
        for i, annot in enumerate(obj.get("/Annots") or [], 1):
            self.walk_annotation(i, annot, res, base)

    def walk_annotation(self, i: int, annot, res, base: Matrix) -> None:
        ap = _get(annot, "/AP")
        if ap is None:
            return
        kind = _name(annot.get("/Subtype"))[1:]
        rect = _rect(annot.get("/Rect"))
        for key in ("/N", "/R", "/D"):
            app = ap.get(key)
            if app is None:
                continue
            # /N may be one stream or a dictionary of states (a checkbox's /On and /Off)
            states = app.values() if isinstance(app, pikepdf.Dictionary) else [app]
            streams = [v for v in states if isinstance(v, pikepdf.Stream)]
            for s in streams:
                where = f"annotation {i} ({kind}) appearance {key}"
                self.form(s, res, _GS(_annotation_ctm(s, rect, base)), where, [])

    # --- streams
    def instructions(self, stream) -> list:
        key = stream.objgen if stream.is_indirect else None
        if key is not None and key in self.parsed:
            return self.parsed[key]
        ops = pikepdf.parse_content_stream(stream)
        if key is not None:
            self.parsed[key] = ops
        return ops

    def form(self, xobj, parent_res, gs: _GS, where: str, stack: list, glyph: bool = False) -> None:
        """Walk a Form XObject (or appearance stream) drawn with `gs`; its Matrix is applied here."""
        key = xobj.objgen
        if key in stack and key != (0, 0):
            self.add("fail", "Document", f"{where} draws itself (recursive form)", self.page)
            return
        if len(stack) >= MAX_DEPTH:
            self.add("fail", "Document", f"{where}: forms nested deeper than {MAX_DEPTH}", self.page)
            return
        res = xobj.get("/Resources", parent_res)
        group = _get(xobj.get("/Group"), "/CS")
        if group is not None:
            self.use(_space(group, res), "transparency blending space", where)
        g = gs.copy()
        g.ctm = _mul(_matrix(xobj.get("/Matrix", IDENTITY)), gs.ctm)
        try:
            ops = self.instructions(xobj)
        except pikepdf.PdfError as e:
            self.add("fail", "Document", f"{where} cannot be parsed: {e}", self.page)
            return
        self.run(ops, res, g, where, g.ctm, [*stack, key], glyph)

    def run(self, ops, res, gs: _GS, where: str, base: Matrix, stack: list, glyph: bool = False) -> None:
        """Interpret one content stream. `base` is the stream's own default space (patterns live in it)."""
        saved: list[_GS] = []
        for ins in ops:
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                self.inline_image(ins.iimage, res, gs, where, glyph)
                continue
            op, args = str(ins.operator), ins.operands
            try:
                self.op(op, args, res, gs, saved, where, base, stack, glyph)
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                # Malformed operands (wrong count or type): a RIP would stop here too.
                self.add("fail", "Document", f"malformed '{op}' operator in {where}", self.page)
            if op == "q":
                saved.append(gs)
                gs = gs.copy()
            elif op == "Q" and saved:
                gs = saved.pop()

    def op(self, op, args, res, gs: _GS, saved, where, base, stack, glyph) -> None:
        if op == "cm":
            gs.ctm = _mul(_matrix(args), gs.ctm)
        elif op in ("rg", "RG"):
            fill = op == "rg"
            self.use(RGB, f"{'fill' if fill else 'stroke'} colour set by '{op}'", where)
            self.set_colour(gs, fill, RGB, args)
        elif op in ("k", "K"):
            self.set_colour(gs, op == "k", CMYK, args)
        elif op in ("g", "G"):
            self.set_colour(gs, op == "g", GRAY, args)
        elif op in ("cs", "CS"):
            space = _space(args[0], res)
            self.use(space, f"colour space {str(args[0])} set by '{op}'", where)
            self.set_colour(gs, op == "cs", space, None)
        elif op in ("sc", "scn", "SC", "SCN"):
            fill = op[0] == "s"
            if args and isinstance(args[-1], pikepdf.Name):
                self.pattern(args[-1], res, gs, where, base, stack, glyph)
            nums = tuple(float(a) for a in args if not isinstance(a, pikepdf.Name))
            if fill:
                gs.fill_vals = nums
            else:
                gs.stroke_vals = nums
        elif op == "Tr":
            gs.tr = int(args[0])
        elif op == "Tf":
            gs.font = _get(_get(res, "/Font"), str(args[0]))
            if gs.font is None:
                self.add("fail", "Fonts", f"font {args[0]} selected but missing from the resources ({where})",
                         self.page)
        elif op == "gs":
            self.ext_gstate(_get(_get(res, "/ExtGState"), str(args[0])), res, gs, where, stack)
        elif op in TEXT_SHOW:
            self.text(gs, res, where, stack)
        elif op in FILL_PAINT or op in STROKE_PAINT:
            if op in FILL_PAINT:
                self.spaces.setdefault(gs.fill.label, set()).add(self.page)
            if op in STROKE_PAINT:
                self.spaces.setdefault(gs.stroke.label, set()).add(self.page)
        elif op == "sh":
            sh = _get(_get(res, "/Shading"), str(args[0]))
            if sh is not None and "/ColorSpace" in sh:
                self.use(_space(sh.ColorSpace, res), f"shading {args[0]}", where)
        elif op == "Do":
            self.do(str(args[0]), res, gs, where, stack, glyph)

    def set_colour(self, gs: _GS, fill: bool, space: Space, args) -> None:
        vals = _initial(space) if args is None else tuple(float(a) for a in args)
        if fill:
            gs.fill, gs.fill_vals = space, vals
        else:
            gs.stroke, gs.stroke_vals = space, vals

    def pattern(self, name, res, gs: _GS, where, base, stack, glyph) -> None:
        pat = _get(_get(res, "/Pattern"), str(name))
        if pat is None:
            return
        if int(pat.get("/PatternType", 0)) == 2:
            sh = _get(pat, "/Shading")
            if sh is not None and "/ColorSpace" in sh:
                self.use(_space(sh.ColorSpace, res), f"shading pattern {name}", where)
            return
        key = ("pattern", pat.objgen)
        if key in self.once or not isinstance(pat, pikepdf.Stream):
            return
        self.once.add(key)
        # A tiling pattern lives in the default space of the stream that uses it, not in the current CTM.
        g = _GS(_mul(_matrix(pat.get("/Matrix", IDENTITY)), base))
        inner = f"{where} > tiling pattern {name}"
        try:
            ops = self.instructions(pat)
        except pikepdf.PdfError as e:
            self.add("fail", "Document", f"{inner} cannot be parsed: {e}", self.page)
            return
        self.run(ops, pat.get("/Resources", res), g, inner, g.ctm, [*stack, pat.objgen], glyph)

    def ext_gstate(self, egs, res, gs: _GS, where, stack) -> None:
        if egs is None:
            return
        font = egs.get("/Font")
        if isinstance(font, pikepdf.Array) and len(font) == 2:
            gs.font = font[0]
        smask = egs.get("/SMask")
        if isinstance(smask, pikepdf.Dictionary) and isinstance(smask.get("/G"), pikepdf.Stream):
            key = ("smask", smask.G.objgen)
            if key not in self.once:
                self.once.add(key)
                self.form(smask.G, res, _GS(gs.ctm), f"{where} > soft mask", stack)

    def text(self, gs: _GS, res, where, stack) -> None:
        font = gs.font
        if font is None:
            self.add("fail", "Fonts", f"text shown with no font selected ({where})", self.page)
            return
        self.font_used(font)
        fills = gs.tr in (0, 2, 4, 6)
        strokes = gs.tr in (1, 2, 5, 6)
        if fills:
            self.spaces.setdefault(gs.fill.label, set()).add(self.page)
            if gs.fill.cmyk and len(gs.fill_vals) == 4:
                c, m, y, k = gs.fill_vals
                if k >= 0.999 and max(c, m, y) > 0:
                    cmyk = " ".join(f"{ch} {round(v * 100)}" for ch, v in zip("CMYK", gs.fill_vals))
                    self.add("warn", "Colour", f"text in rich black ({cmyk}) in {where}: small type will show "
                                               "misregistration, set it in K 100 only", self.page)
        if strokes:
            self.spaces.setdefault(gs.stroke.label, set()).add(self.page)
        if _name(font.get("/Subtype")) == "/Type3":
            self.type3(font, res, gs, where, stack)

    def type3(self, font, res, gs: _GS, where, stack) -> None:
        key = ("type3", font.objgen)
        if key in self.once:
            return
        self.once.add(key)
        procs = font.get("/CharProcs")
        if not isinstance(procs, pikepdf.Dictionary):
            return
        fres = font.get("/Resources", res)
        for glyph_name, proc in procs.items():
            if isinstance(proc, pikepdf.Stream):
                inner = f"{where} > Type 3 glyph {glyph_name}"
                try:
                    ops = self.instructions(proc)
                except pikepdf.PdfError as e:
                    self.add("fail", "Document", f"{inner} cannot be parsed: {e}", self.page)
                    continue
                # The glyph's placement (font size, text matrix) is not tracked, so dpi is not measured here.
                self.run(ops, fres, gs.copy(), inner, gs.ctm, [*stack, proc.objgen], glyph=True)

    def do(self, name, res, gs: _GS, where, stack, glyph) -> None:
        xobj = _get(_get(res, "/XObject"), name)
        if not isinstance(xobj, pikepdf.Stream):
            self.add("fail", "Document", f"XObject {name} drawn but missing from the resources ({where})",
                     self.page)
            return
        kind = _name(xobj.get("/Subtype"))
        if kind == "/Image":
            self.image(name, xobj, res, gs, where, glyph)
        elif kind == "/Form":
            self.form(xobj, res, gs, f"{where} > form {name}" if where != "page content" else f"form {name}",
                      stack, glyph)

    # --- images
    def image(self, name, d, res, gs: _GS, where, glyph) -> None:
        w, h = int(d.get("/Width", 0)), int(d.get("/Height", 0))
        if bool(d.get("/ImageMask", False)):
            space, bits = gs.fill, 1
            label = f"stencil mask ({space.label})"
            self.use(space, f"stencil mask {name} painted", where)
        elif "/ColorSpace" in d:
            space, bits = _space(d.ColorSpace, res), int(d.get("/BitsPerComponent", 0))
            label = space.label
            self.use(space, f"image {name}", where)
        else:
            filters = d.get("/Filter")
            jpx = "/JPXDecode" in (str(f) for f in filters) if isinstance(filters, pikepdf.Array) else \
                str(filters) == "/JPXDecode"
            space, bits = Space("JPX (in the codestream)" if jpx else "none", None, False), 0
            label = space.label
            self.spaces.setdefault(label, set()).add(self.page)
            level = "warn" if jpx else "fail"
            self.add(level, "Images", f"image {name} has no ColorSpace{' (JPEG 2000: not checked)' if jpx else ''}"
                                      f" ({where})", self.page)
        dpi = None if glyph else _dpi(w, h, gs.ctm)
        self.images.append(ImageInfo(self.page, name, where, w, h, label, bits, dpi))
        if dpi is not None:
            low = min(dpi)
            shown = f"{dpi[0]:.0f} × {dpi[1]:.0f} dpi"
            if low < DPI_FAIL:
                self.add("fail", "Images", f"image {name} ({w} × {h} px) at {shown}: below {DPI_FAIL} dpi ({where})",
                         self.page)
            elif low < DPI_WARN - 0.5:
                self.add("warn", "Images", f"image {name} ({w} × {h} px) at {shown}: below {DPI_WARN} dpi ({where})",
                         self.page)

    def inline_image(self, ii, res, gs: _GS, where, glyph) -> None:
        # pikepdf expands the abbreviated keys (/W, /CS …); a named colour space resolves through `res`.
        self.image("(inline image)", ii.obj, res, gs, where, glyph)

    # --- fonts
    def font_used(self, font) -> None:
        key = font.objgen if font.is_indirect else font.unparse()
        info = self.fonts.get(key)
        if info is None:
            info = self.fonts[key] = _font_info(font)
        info.pages.add(self.page)
        if not info.embedded:
            base = SUBSET_TAG.sub("", info.name)
            why = "base-14: the RIP substitutes its own" if base in BASE14 else \
                "the RIP will substitute a font or stop"
            self.add("fail", "Fonts", f"font {info.name} ({info.type}) not embedded ({why})", self.page)


def _inherited(page_obj, key):
    """A page attribute that may be inherited from the page tree (Resources, MediaBox, CropBox, Rotate)."""
    node, seen = page_obj, 0
    while node is not None and seen < 64:
        if key in node:
            return node[key]
        node, seen = node.get("/Parent"), seen + 1
    return None


def _annotation_ctm(stream, rect, base: Matrix) -> Matrix:
    """PDF 32000 12.5.5: the appearance's transformed BBox is fitted to the annotation's Rect.

    Returned without the form's own Matrix, which `_Walker.form` applies."""
    bbox = _rect(stream.get("/BBox"))
    if rect is None or bbox is None:
        return base
    m = _matrix(stream.get("/Matrix", IDENTITY))
    pts = [_apply(m, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    x1, y1 = max(p[0] for p in pts), max(p[1] for p in pts)
    sx = (rect[2] - rect[0]) / (x1 - x0) if x1 > x0 else 1.0
    sy = (rect[3] - rect[1]) / (y1 - y0) if y1 > y0 else 1.0
    fit = (sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy)
    return _mul(fit, base)


def _dpi(w: int, h: int, ctm: Matrix) -> tuple[float, float] | None:
    """Pixels per inch along the image's own axes: the unit square is mapped by the CTM."""
    wide = math.hypot(ctm[0], ctm[1]) / 72
    high = math.hypot(ctm[2], ctm[3]) / 72
    if wide <= 0 or high <= 0 or w <= 0 or h <= 0:
        return None
    return w / wide, h / high


# ---------------------------------------------------------------------------------------------------- fonts

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


# ---------------------------------------------------------------------------------------------------- boxes

def _mm(v: float) -> float:
    return v / MM


def _size(r) -> tuple[float, float]:
    return _mm(r[2] - r[0]), _mm(r[3] - r[1])


def _fmt_size(s: tuple[float, float]) -> str:
    return f"{s[0]:.1f} × {s[1]:.1f} mm"


def trim_preset(w_mm: float, h_mm: float) -> str | None:
    """The name of a standard Chinese/ISO trim within ±0.5 mm, '(landscape)' if turned."""
    for name, pw, ph in PRESETS:
        if abs(w_mm - pw) <= PRESET_TOLERANCE_MM and abs(h_mm - ph) <= PRESET_TOLERANCE_MM:
            return name
        if abs(w_mm - ph) <= PRESET_TOLERANCE_MM and abs(h_mm - pw) <= PRESET_TOLERANCE_MM:
            return f"{name} (landscape)"
    return None


def _scaled(r, unit: float):
    return None if r is None else tuple(v * unit for v in r)


def _inside(inner, outer, tol: float = 0.01 * MM) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _check_boxes(pdf: pikepdf.Pdf, screen: bool, add) -> tuple[tuple[float, float] | None, str | None, str]:
    """Boxes on every page; returns the trim size in mm, its preset name and the header text."""
    ref_trim: tuple[int, tuple[float, float]] | None = None
    media_sizes, trim_sizes = set(), set()
    missing_trim = 0
    for n, page in enumerate(pdf.pages, 1):
        obj = page.obj
        unit = float(obj.get("/UserUnit", 1))  # boxes are in user units, 1/72 in × UserUnit
        media = _scaled(_rect(_inherited(obj, "/MediaBox")), unit)
        if media is None:
            add("fail", "Boxes", "MediaBox missing or invalid", n)
            continue
        media_sizes.add(tuple(round(v, 1) for v in _size(media)))
        add("ok", "Boxes", f"MediaBox {_fmt_size(_size(media))}", n)
        crop = _scaled(_rect(_inherited(obj, "/CropBox")), unit)
        trim = _scaled(_rect(obj.get("/TrimBox")), unit)
        bleed = _scaled(_rect(obj.get("/BleedBox")), unit)
        if trim is None:
            missing_trim += 1
            add("ok" if screen else "fail", "Boxes",
                "TrimBox missing" + (" (not needed on screen)" if screen else
                                     ": the printer cannot tell where the page is cut"), n)
        else:
            size = _size(trim)
            trim_sizes.add(tuple(round(v, 1) for v in size))
            preset = trim_preset(*size)
            add("ok", "Boxes", f"TrimBox {_fmt_size(size)}" + (f" ({preset})" if preset else " (not a preset size)"), n)
            if ref_trim is None:
                ref_trim = (n, size)
            elif any(abs(a - b) > SAME_SIZE_TOLERANCE_MM for a, b in zip(size, ref_trim[1])):
                add("fail", "Boxes", f"TrimBox {_fmt_size(size)} differs from page {ref_trim[0]}'s "
                                     f"{_fmt_size(ref_trim[1])}", n)
            if not _inside(trim, media):
                add("fail", "Boxes", "TrimBox extends beyond the MediaBox", n)
        if bleed is None:
            if not screen:
                add("fail", "Boxes", "BleedBox missing: 3 mm bleed is not defined", n)
            elif trim is not None:
                add("ok", "Boxes", "BleedBox missing (not needed on screen)", n)
            continue
        if trim is not None:
            sides = (_mm(trim[0] - bleed[0]), _mm(trim[1] - bleed[1]), _mm(bleed[2] - trim[2]), _mm(bleed[3] - trim[3]))
            if all(abs(s - BLEED_MM) <= BLEED_TOLERANCE_MM for s in sides):
                add("ok", "Boxes", f"BleedBox {BLEED_MM:g} mm outside the TrimBox on every side", n)
            else:
                shown = " ".join(f"{k} {v:.1f}" for k, v in zip(("left", "bottom", "right", "top"), sides))
                add("fail", "Boxes", f"bleed is {shown} mm; needs {BLEED_MM:g} mm on every side", n)
        if not _inside(bleed, media):
            add("fail", "Boxes", "BleedBox extends beyond the MediaBox: the bleed is cut off", n)
        elif crop is not None and not _inside(bleed, crop):
            add("fail", "Boxes", "CropBox cuts into the BleedBox: the bleed is cut off", n)
    if ref_trim is not None and len(trim_sizes) == 1 and not missing_trim:
        size = ref_trim[1]
        name = trim_preset(*size)
        return size, name, _fmt_size(size) + (f" ({name})" if name else "")
    if ref_trim is not None:
        return None, None, "mixed (see Boxes)"
    media = f", MediaBox {_fmt_size(next(iter(media_sizes)))}" if len(media_sizes) == 1 else ""
    return None, None, f"none (no TrimBox{media})"


# ------------------------------------------------------------------------------------------------- document

def _text(v) -> str:
    if v is None:
        return "(none)"
    s = str(v)
    return s[1:] if isinstance(v, pikepdf.Name) else s


def _icc_space(profile) -> str | None:
    """The data colour space from the ICC header (bytes 16–19): 'CMYK', 'RGB', 'GRAY', …"""
    try:
        head = profile.read_bytes()[:20]
    except pikepdf.PdfError:
        return None
    return head[16:20].decode("ascii", "replace").strip() if len(head) >= 20 else None


def _check_document(pdf: pikepdf.Pdf, screen: bool, add) -> str:
    version = str(pdf.pdf_version)
    root_version = pdf.Root.get("/Version")
    if isinstance(root_version, pikepdf.Name) and str(root_version)[1:] > version:
        version = str(root_version)[1:]  # the catalog's /Version overrides an older header
    add("ok", "Document", f"PDF version {version}")
    if pdf.is_encrypted:
        add("warn", "Document", "encrypted: some RIPs and imposition software refuse encrypted files")
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    for key in ("/Title", "/Author"):
        add("ok", "Document", f"{key[1:]}: {_text(info.get(key))}")
    add("ok", "Document", f"Lang: {_text(pdf.Root.get('/Lang'))}")
    pdfx = info.get("/GTS_PDFXVersion")
    if pdfx is not None:
        add("ok", "Document", f"GTS_PDFXVersion: {_text(pdfx)}")
    trapped = info.get("/Trapped")
    if trapped is not None:
        add("ok", "Document", f"Trapped: {_text(trapped)}")
    elif pdfx is not None:
        add("warn", "Document", "Trapped missing: PDF/X requires True or False")
    intents = pdf.Root.get("/OutputIntents")
    intents = list(intents) if isinstance(intents, pikepdf.Array) else []
    if not intents:
        add("ok", "Document", "OutputIntents: none (the printer applies their own press condition)")
    has_pdfx = False
    for i, oi in enumerate(intents, 1):
        s = _text(oi.get("/S"))
        has_pdfx |= s == "GTS_PDFX"
        ident = _text(oi.get("/OutputConditionIdentifier"))
        profile = oi.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            add("ok", "Document", f"OutputIntent {i}: {s}, {ident}, no DestOutputProfile (registered condition)")
            continue
        n = int(profile.get("/N", 0))
        icc = _icc_space(profile)
        add("ok", "Document", f"OutputIntent {i}: {s}, {ident}, profile N={n} ({icc or 'unreadable header'})")
        expected = {"GRAY": 1, "RGB": 3, "CMYK": 4}.get(icc or "")
        if expected is not None and expected != n:
            add("fail", "Document", f"OutputIntent {i}: profile header says {icc} but N={n}")
        if n != 4 and not screen:
            add("fail", "Document", f"OutputIntent {i} ({ident}) has a {n}-component profile: "
                                    "a CMYK print PDF needs a CMYK (N=4) output profile")
    if pdfx is not None and not has_pdfx:
        add("fail", "Document", f"claims {_text(pdfx)} but has no GTS_PDFX OutputIntent")
    return version


# ----------------------------------------------------------------------------------------------- public API

def preflight(path: str | Path, screen: bool = False) -> Report:
    """Check `path` as a print PDF (or as a screen PDF with `screen=True`). Raises PreflightError if unreadable."""
    path = Path(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise PreflightError(f"{path}: password-protected; ask for an unprotected file") from None
    except (pikepdf.PdfError, OSError) as e:
        raise PreflightError(f"{path}: not a readable PDF ({e})") from None
    with pdf:
        try:
            return _preflight(pdf, path, screen)
        except pikepdf.PdfError as e:  # damage qpdf could not repair, met while reading an object
            raise PreflightError(f"{path}: damaged beyond repair ({e})") from None


def _preflight(pdf: pikepdf.Pdf, path: Path, screen: bool) -> Report:
    walker = _Walker(screen)
    add = walker.add

    version = _check_document(pdf, screen, add)
    n = len(pdf.pages)
    if n == 0:
        add("fail", "Pages", "no pages")
    elif n % 4:
        more = 4 - n % 4
        add("ok" if screen else "fail", "Pages",
            f"{n} page{'s' if n > 1 else ''}: not a multiple of 4 for saddle stitching (add {more} blank page"
            f"{'s' if more > 1 else ''} for {n + more})" + (" — fine on screen" if screen else ""))
    else:
        add("ok", "Pages", f"{n} pages, a multiple of 4 for saddle stitching")
    trim_mm, trim_name, trim_text = _check_boxes(pdf, screen, add)

    for number, page in enumerate(pdf.pages, 1):
        unit = float(page.obj.get("/UserUnit", 1))
        walker.walk_page(number, page, (unit, 0.0, 0.0, unit, 0.0, 0.0))

    fonts = sorted(walker.fonts.values(), key=lambda f: (min(f.pages), f.name))
    missing = sum(not f.embedded for f in fonts)
    add("ok", "Fonts", f"{len(fonts)} font{'s' if len(fonts) != 1 else ''} used"
        + (f", {missing} not embedded" if missing else ", all embedded" if fonts else ""))
    for f in fonts:
        if f.embedded and not f.subset and f.type != "Type 3":
            add("ok", "Fonts", f"font {f.name} embedded in full (not subset)")
    for label, pages in sorted(walker.spaces.items()):
        for p in sorted(pages):
            add("ok", "Colour", f"colour space {label}", p)
    placed = len(walker.images)
    add("ok", "Images", f"{placed} image placement{'s' if placed != 1 else ''}")
    for w in pdf.get_warnings():
        add("warn", "Document", f"damaged file repaired on reading: {w}")
    return Report(path, screen, version, n, trim_text, trim_mm, trim_name, walker.findings, fonts,
                  walker.images, walker.spaces)


SECTIONS = ("Document", "Pages", "Boxes", "Fonts", "Colour", "Images")
TAGS = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}
ORDER = {"fail": 0, "warn": 1, "ok": 2}


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    out, run = [], []
    for p in sorted(set(pages)):
        if run and p == run[-1] + 1:
            run.append(p)
        else:
            if run:
                out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
            run = [p]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
    return ", ".join(out)


def render(r: Report) -> str:
    mode = "screen" if r.screen else "print"
    lines = [f"Preflight ({mode}): {r.path.name} | {r.pages} pages | trim: {r.trim}", ""]
    groups = r.groups()
    for section in SECTIONS:
        lines.append(section)
        if section == "Fonts" and r.fonts:
            lines.append(f"    {'name':<40} {'type':<16} {'encoding':<16} emb sub uni {'object':>7}  pages")
            for f in r.fonts:
                yn = lambda b: "yes" if b else "no "  # noqa: E731
                lines.append(f"    {f.name:<40} {f.type:<16} {f.encoding:<16} {yn(f.embedded)} {yn(f.subset)} "
                             f"{yn(f.unicode)} {f.ref:>7}  {page_ranges(list(f.pages))}")
        if section == "Images" and r.images:
            lines.append(f"    {'page':>4}  {'pixels':>11}  {'colour space':<24} bpc  {'dpi (x × y)':>13}  where")
            for im in r.images:
                dpi = f"{im.dpi[0]:.0f} × {im.dpi[1]:.0f}" if im.dpi else "n/a"
                lines.append(f"    {im.page:>4}  {f'{im.width} × {im.height}':>11}  {im.colour_space:<24} "
                             f"{im.bits:>3}  {dpi:>13}  {im.name} ({im.where})")
        # Problems first: the prepress reader acts on FAIL and WARN lines, the ok lines are the record.
        for g in sorted((g for g in groups if g.section == section), key=lambda g: ORDER[g.level]):
            where = ""
            if g.pages:
                where = " — all pages" if len(g.pages) == r.pages and r.pages > 1 else \
                    f" — page{'s' if len(g.pages) > 1 else ''} {page_ranges(g.pages)}"
            lines.append(f"  {TAGS[g.level]}  {g.message}{where}")
        lines.append("")
    if r.passed:
        lines.append(f"PASS ({r.warnings} warning{'s' if r.warnings != 1 else ''})" if r.warnings else "PASS")
    else:
        lines.append(f"FAIL ({r.failures} failure{'s' if r.failures != 1 else ''}, "
                     f"{r.warnings} warning{'s' if r.warnings != 1 else ''})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`build.py check FILE.pdf [--screen]`: 0 pass, 1 fail, 2 unreadable."""
    p = argparse.ArgumentParser(prog="build.py check",
                                description="Print preflight of a PDF: pages, boxes, fonts, colour, images, "
                                            "output intent. Exit 0 pass, 1 fail, 2 unreadable file.")
    p.add_argument("file", help="the PDF to check")
    p.add_argument("--screen", action="store_true",
                   help="a screen PDF: any page count, no Trim/BleedBox needed, RGB allowed")
    args = p.parse_args(argv)
    try:
        report = preflight(args.file, screen=args.screen)
    except PreflightError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(render(report))
    return 0 if report.passed else 1
