"""The content-stream walker: every page, form, tiling pattern, soft mask, Type 3 glyph and annotation
appearance interpreted with its graphics state (CTM, colours, text render mode, font), recording the colour
spaces, fonts and image placements in use and the findings about them."""
from __future__ import annotations

import zlib
from typing import Any

import pikepdf

from ..i18n import t
from .colour import CMYK, GRAY, RGB, Space, _initial, _space
from .fonts import BASE14, SUBSET_TAG, _font_damage, _font_info
from .geometry import IDENTITY, Matrix, _annotation_ctm, _dpi, _matrix, _mul, _rect
from .objects import _get, _inherited, _name
from .report import Finding, FontInfo, ImageInfo

DPI_WARN, DPI_FAIL = 300, 150
MAX_DEPTH = 32  # nesting of forms/patterns; deeper is a malformed or hostile file
MAX_STREAM = 32 * 2**20  # decoded bytes of one page's content or one form: more is a hostile or broken file
MAX_OPERATORS = 5_000_000  # operators interpreted in the whole document: the check's time is bounded
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
FILL_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_PAINT = {"S", "s", "B", "B*", "b", "b*"}


class _GS:
    __slots__ = ("ctm", "fill", "fill_vals", "stroke", "stroke_vals", "tr", "font")

    def __init__(self, ctm: Matrix):
        self.ctm, self.tr = ctm, 0
        self.font: Any = None
        self.fill_vals: tuple[float, ...] = (0.0,)
        self.stroke_vals: tuple[float, ...] = (0.0,)
        self.fill, self.stroke = GRAY, GRAY

    def copy(self) -> "_GS":
        g = _GS(self.ctm)
        g.fill, g.fill_vals, g.stroke, g.stroke_vals, g.tr, g.font = (
            self.fill, self.fill_vals, self.stroke, self.stroke_vals, self.tr, self.font)
        return g


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
        self.budget = MAX_OPERATORS

    def add(self, level: str, section: str, key: str, page: int | None = None, **fields: object) -> None:
        """A finding: `key` is its catalog message, filled in with `fields` in the language of the run."""
        f = Finding(level, section, t(key, **fields), page, key)
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
            self.add(self.rgb_level(), "Colour", "preflight.colour.rgb", self.page, label=space.label, what=what,
                     where=where)

    # --- entry points
    def _begin_page(self, number: int, page: pikepdf.Page) -> Any:
        """The page's resources; its transparency blending space noted."""
        self.page, self.once = number, set()
        res = _inherited(page.obj, "/Resources")
        group = _get(page.obj.get("/Group"), "/CS")
        if group is not None:
            self.use(_space(group, res), t("preflight.colour.what.blending"), t("preflight.where.page"))
        return res

    def _annotations(self, page: pikepdf.Page, res, base: Matrix) -> None:
        annots = page.obj.get("/Annots")
        for i, annot in enumerate(annots if isinstance(annots, pikepdf.Array) else [], 1):
            self.walk_annotation(i, annot, res, base)

    def walk_page(self, number: int, page: pikepdf.Page, base: Matrix) -> None:
        res = self._begin_page(number, page)
        contents = page.obj.get("/Contents")
        streams = [c for c in (contents if isinstance(contents, pikepdf.Array) else [contents])
                   if isinstance(c, pikepdf.Stream)]
        ops = []
        content = t("preflight.where.content")
        if self.small_enough(streams, content):
            try:
                ops = pikepdf.parse_content_stream(page)
            except (pikepdf.PdfError, ValueError, TypeError) as e:  # an object no content stream may hold
                self.add("fail", "Document", "preflight.document.content_unparsable", number, error=e)
        self.run(ops, res, _GS(base), content, base, [])
        self._annotations(page, res, base)

    def note_page(self, number: int, page: pikepdf.Page, facts, base: Matrix) -> None:
        """The self-check of a page this program drew: instead of parsing its content, take what
        the writer says it shows (`pdf.drawn.PageFacts`) and check each thing it names in the
        file: the fonts in the page's resources, the colour operators, each image's pixels and
        colour space at its placed size, the annotations' appearances."""
        res = self._begin_page(number, page)
        where = t("preflight.where.content")
        fonts = _get(res, "/Font")
        for name in sorted(facts.fonts):
            font = _get(fonts, name)
            if font is None:
                self.add("fail", "Fonts", "preflight.fonts.missing_resource", number, name=name, where=where)
            else:
                self.font_used(font)
        for op in sorted(facts.colours, key=lambda o: (o.isupper(), o)):  # fill first, as the writer sets them
            space = {"k": CMYK, "K": CMYK, "rg": RGB, "RG": RGB}[op]
            self.spaces.setdefault(space.label, set()).add(number)
            if space.rgb:
                self.use(space, t("preflight.colour.what.fill_op" if op.islower() else "preflight.colour.what.stroke_op",
                                  op=op), where)
        xobjects = _get(res, "/XObject")
        for name, ctm in facts.images:
            self.image(name, _get(xobjects, name), res, _GS(_mul(ctm, base)), where, False)
        self._annotations(page, res, base)

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
                where = t("preflight.where.annotation", i=i, kind=kind, key=key)
                self.form(s, res, _GS(_annotation_ctm(s, rect, base)), where, [])

    # --- streams
    def instructions(self, stream, where: str) -> list | None:
        """The parsed stream (cached), or None and a finding if it cannot be parsed."""
        key = stream.objgen if stream.is_indirect else None
        if key is not None and key in self.parsed:
            return self.parsed[key]
        if not self.small_enough([stream], where):
            return None
        try:
            ops = pikepdf.parse_content_stream(stream)
        except (pikepdf.PdfError, ValueError, TypeError) as e:  # an object no content stream may hold
            self.add("fail", "Document", "preflight.document.stream_unparsable", self.page, where=where, error=e)
            return None
        if key is not None:
            self.parsed[key] = ops
        return ops

    def small_enough(self, streams: list, where: str) -> bool:
        """Whether the streams decode to at most MAX_STREAM bytes, found without decoding more than that."""
        total = 0
        for stream in streams:
            size = _decoded_size(stream, MAX_STREAM - total)
            if size is None:
                self.add("fail", "Document", "preflight.document.undecodable", self.page, where=where)
                return False
            total += size
            if total > MAX_STREAM:
                self.add("fail", "Document", "preflight.document.too_large", self.page, where=where,
                         mb=MAX_STREAM >> 20)
                return False
        return True

    def form(self, xobj, parent_res, gs: _GS, where: str, stack: list, glyph: bool = False) -> None:
        """Walk a Form XObject (or appearance stream) drawn with `gs`; its Matrix is applied here."""
        key = xobj.objgen
        if key in stack and key != (0, 0):
            self.add("fail", "Document", "preflight.document.recursive", self.page, where=where)
            return
        if len(stack) >= MAX_DEPTH:
            self.add("fail", "Document", "preflight.document.too_deep", self.page, where=where, depth=MAX_DEPTH)
            return
        res = xobj.get("/Resources", parent_res)
        group = _get(xobj.get("/Group"), "/CS")
        if group is not None:
            self.use(_space(group, res), t("preflight.colour.what.blending"), where)
        g = gs.copy()
        g.ctm = _mul(_matrix(xobj.get("/Matrix", IDENTITY)), gs.ctm)
        ops = self.instructions(xobj, where)
        if ops is None:
            return
        self.run(ops, res, g, where, g.ctm, [*stack, key], glyph)

    def run(self, ops, res, gs: _GS, where: str, base: Matrix, stack: list, glyph: bool = False) -> None:
        """Interpret one content stream. `base` is the stream's own default space (patterns live in it)."""
        saved: list[_GS] = []
        self.budget -= len(ops)
        if self.budget < 0:
            self.add("fail", "Document", "preflight.document.too_many_ops", self.page, count=f"{MAX_OPERATORS:,}",
                     at=self.page)
            return
        for ins in ops:
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                self.inline_image(ins.iimage, res, gs, where, glyph)
                continue
            try:
                op, args = str(ins.operator), ins.operands
            except UnicodeDecodeError:  # garbage where an operator belongs
                self.add("fail", "Document", "preflight.document.bad_operator", self.page, where=where)
                continue
            try:
                self.op(op, args, res, gs, saved, where, base, stack, glyph)
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                # Malformed operands (wrong count or type): a RIP would stop here too.
                self.add("fail", "Document", "preflight.document.malformed_operator", self.page, op=op, where=where)
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
            self.use(RGB, t("preflight.colour.what.fill_op" if fill else "preflight.colour.what.stroke_op", op=op), where)
            self.set_colour(gs, fill, RGB, args)
        elif op in ("k", "K"):
            self.set_colour(gs, op == "k", CMYK, args)
        elif op in ("g", "G"):
            self.set_colour(gs, op == "g", GRAY, args)
        elif op in ("cs", "CS"):
            space = _space(args[0], res)
            self.use(space, t("preflight.colour.what.space_op", name=str(args[0]), op=op), where)
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
                self.add("fail", "Fonts", "preflight.fonts.missing_resource", self.page, name=args[0], where=where)
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
                self.use(_space(sh.ColorSpace, res), t("preflight.colour.what.shading", name=args[0]), where)
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
                self.use(_space(sh.ColorSpace, res), t("preflight.colour.what.shading_pattern", name=name), where)
            return
        key = ("pattern", pat.objgen)
        if key in self.once or not isinstance(pat, pikepdf.Stream):
            return
        self.once.add(key)
        # A tiling pattern lives in the default space of the stream that uses it, not in the current CTM.
        g = _GS(_mul(_matrix(pat.get("/Matrix", IDENTITY)), base))
        inner = t("preflight.where.tiling", where=where, name=name)
        ops = self.instructions(pat, inner)
        if ops is None:
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
                self.form(smask.G, res, _GS(gs.ctm), t("preflight.where.smask", where=where), stack)

    def text(self, gs: _GS, res, where, stack) -> None:
        font = gs.font
        if font is None:
            self.add("fail", "Fonts", "preflight.fonts.no_font", self.page, where=where)
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
                    self.add("warn", "Colour", "preflight.colour.rich_black", self.page, cmyk=cmyk, where=where)
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
                inner = t("preflight.where.glyph", where=where, glyph=glyph_name)
                ops = self.instructions(proc, inner)
                if ops is None:
                    continue
                # The glyph's placement (font size, text matrix) is not tracked, so dpi is not measured here.
                self.run(ops, fres, gs.copy(), inner, gs.ctm, [*stack, proc.objgen], glyph=True)

    def do(self, name, res, gs: _GS, where, stack, glyph) -> None:
        xobj = _get(_get(res, "/XObject"), name)
        if not isinstance(xobj, pikepdf.Stream):
            self.add("fail", "Document", "preflight.document.xobject_missing", self.page, name=name, where=where)
            return
        kind = _name(xobj.get("/Subtype"))
        if kind == "/Image":
            self.image(name, xobj, res, gs, where, glyph)
        elif kind == "/Form":
            top = where == t("preflight.where.content")
            self.form(xobj, res, gs, t("preflight.where.form_top", name=name) if top else
                      t("preflight.where.form", where=where, name=name), stack, glyph)

    # --- images
    def image(self, name, d, res, gs: _GS, where, glyph) -> None:
        w, h = int(d.get("/Width", 0)), int(d.get("/Height", 0))
        if bool(d.get("/ImageMask", False)):
            space, bits = gs.fill, 1
            label = t("preflight.images.stencil", label=space.label)
            self.use(space, t("preflight.colour.what.stencil", name=name), where)
        elif "/ColorSpace" in d:
            space, bits = _space(d.ColorSpace, res), int(d.get("/BitsPerComponent", 0))
            label = space.label
            self.use(space, t("preflight.colour.what.image", name=name), where)
        else:
            filters = d.get("/Filter")
            jpx = "/JPXDecode" in (str(f) for f in filters) if isinstance(filters, pikepdf.Array) else \
                str(filters) == "/JPXDecode"
            space, bits = Space(t("preflight.images.jpx") if jpx else t("preflight.images.no_space"), None, False), 0
            label = space.label
            self.spaces.setdefault(label, set()).add(self.page)
            level = "warn" if jpx else "fail"
            self.add(level, "Images", "preflight.images.no_colour_space_jpx" if jpx else "preflight.images.no_colour_space",
                     self.page, name=name, where=where)
        dpi = None if glyph else _dpi(w, h, gs.ctm)
        self.images.append(ImageInfo(self.page, name, where, w, h, label, bits, dpi))
        if dpi is not None:
            low = min(dpi)
            shown = f"{dpi[0]:.0f} × {dpi[1]:.0f}"
            if low < DPI_FAIL:
                self.add("fail", "Images", "preflight.images.low_fail", self.page, name=name, w=w, h=h, dpi=shown,
                         limit=DPI_FAIL, where=where)
            elif low < DPI_WARN - 0.5:
                self.add("warn", "Images", "preflight.images.low_warn", self.page, name=name, w=w, h=h, dpi=shown,
                         limit=DPI_WARN, where=where)

    def inline_image(self, ii, res, gs: _GS, where, glyph) -> None:
        # pikepdf expands the abbreviated keys (/W, /CS …); a named colour space resolves through `res`.
        self.image(t("preflight.images.inline"), ii.obj, res, gs, where, glyph)

    # --- fonts
    def font_used(self, font) -> None:
        key = font.objgen if font.is_indirect else font.unparse()
        info = self.fonts.get(key)
        if info is None:
            info = self.fonts[key] = _font_info(font)
            damage = _font_damage(font)
            if damage:
                self.add("fail", "Fonts", "preflight.fonts.damaged", self.page, name=info.name, damage=damage)
        info.pages.add(self.page)
        if not info.embedded:
            base = SUBSET_TAG.sub("", info.name)
            self.add("fail", "Fonts", "preflight.fonts.not_embedded_base14" if base in BASE14 else
                     "preflight.fonts.not_embedded", self.page, name=info.name, type=info.type)


def _decoded_size(stream, cap: int) -> int | None:
    """The decoded length of `stream`, or a number above `cap` as soon as it is known to be larger, never
    holding more than `cap` decoded bytes (a few KB of Flate can decode to GBs).  None if undecodable."""
    return _decoded(stream, cap)[0]


def _decoded(stream, cap: int) -> tuple[int | None, bytes | None]:
    """(_decoded_size, and the decoded bytes when they were read whole within `cap`: a stream with no
    filter or Flate alone, which the caller then need not decode again)."""
    filters = stream.get("/Filter")
    names = [filters] if isinstance(filters, pikepdf.Name) else list(filters) if isinstance(filters, pikepdf.Array) else []
    try:
        length = stream.get("/Length")
        if not names and isinstance(length, int) and length > cap:
            return length, None  # known too large without reading it
        raw = stream.read_raw_bytes()
        if not names:
            return len(raw), raw if len(raw) <= cap else None
        if names[0] == "/FlateDecode":
            inflater = zlib.decompressobj()
            data = inflater.decompress(raw, cap + 1)
            if len(data) > cap:
                return len(data), None
            if len(names) == 1:
                return len(data), data if inflater.eof else None
        return len(stream.read_bytes()), None  # other filters expand a bounded amount (at most ~ 1:4096, LZW)
    except (pikepdf.PdfError, zlib.error, ValueError):
        return None, None
