"""Render a Layout with ReportLab's canvas: embedded subset TrueType fonts, CMYK colour,
trim and bleed boxes, printer's marks, running heads and folios, links from the 目录, an
outline, reproducible bytes (no timestamps or random IDs)."""
from __future__ import annotations

import hashlib
import io
import zlib

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .. import images
from ..kept import Kept
from .drawn import PageFacts
from . import cidfont
from .. import style as S
from .. import view
from ..fonts import face, runs as face_runs
from ..model import Issue
from .edition import Edition, print_edition
from .layout import SECTION_KEY
from .pdfx import declare_pdfx
from .ops import Box, Dot, Layout, PageKind, Picture, Rule, Text, set_text

K100 = (0, 0, 0, 1)
REGISTRATION = (1, 1, 1, 1)  # marks print on every plate, so all four inks


class Ink:
    """Sets colours in the edition's colour space: DeviceCMYK for print, RGB for the screen."""

    def __init__(self, c: Canvas, cmyk: bool):
        self.c, self.cmyk = c, cmyk

    def _rgb(self, col):
        cy, m, y, k = col
        return (1 - cy) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)

    def fill(self, col):
        self.c.setFillColorCMYK(*col) if self.cmyk else self.c.setFillColorRGB(*self._rgb(col))
        _noted("colours", "k" if self.cmyk else "rg")

    def stroke(self, col):
        self.c.setStrokeColorCMYK(*col) if self.cmyk else self.c.setStrokeColorRGB(*self._rgb(col))
        _noted("colours", "K" if self.cmyk else "RG")


_facts: PageFacts | None = None  # what the page being drawn shows, for the self-check (drawn.py)
_drawn: list[PageFacts] | None = None  # … of every page of the document, if the caller asked


def _noted(what: str, value: str) -> None:
    for facts in (_facts, _recorded_facts):
        if facts is not None:
            getattr(facts, what).add(value)


class PageCache:
    """Drawn pages kept between builds (`build.py watch`): a page whose display list, place and
    edition are unchanged is not drawn again; its content is replayed, and the glyphs it uses
    are noted again for the fonts' subsets.  Pages with pictures are always drawn (their image
    objects belong to one document).  Keyed by content, so a replayed page is byte for byte the
    page a cold build draws."""

    def __init__(self) -> None:
        self.pages: dict[tuple, tuple[list[str], list[tuple[object, str, set[str]]], PageFacts]] = {}
        self.hits = 0
        self.builds = 0  # documents rendered with this cache
        # what saving the document costs, kept too: each stream compressed (a page's content is
        # the same bytes when the page is), and each font's subset for the same glyphs
        self.compressed = Kept()
        self.subsets = Kept()

    def sweep(self) -> None:
        """After a build: forget the streams and subsets it did not use."""
        self.compressed.sweep()
        self.subsets.sweep()

    @staticmethod
    def key(page, ed: Edition) -> tuple | None:
        ops: list[tuple] = []
        for op in page.ops:
            match op:
                case Text():
                    ops.append((op.x, op.y, op.text, op.face.name, op.face.size, op.cs, op.cmyk))
                case Rule():
                    ops.append((op.x1, op.y1, op.x2, op.y2, op.width))
                case Box():
                    ops.append(("box", op.x, op.y, op.w, op.h, op.cmyk))
                case _:
                    return None
        return (ed, page.number, page.folio, page.kind, page.section, page.opening, tuple(ops))


_recording: list | None = None  # (font, text, resource name) of each run drawn, while a page is recorded
_recorded_facts: PageFacts | None = None  # the fonts and colours of the page being recorded, for its replays


def render(issue: Issue, lay: Layout, edition: Edition | None = None, cache: PageCache | None = None,
           drawn: list[PageFacts] | None = None) -> bytes:
    """The PDF of the layout in `edition`.  `cache` keeps drawn pages between builds (watch);
    `drawn`, if given, gets what each page shows (`drawn.PageFacts`), for the self-check."""
    global _drawn, _facts
    _drawn = drawn
    # binary Flate streams: a quarter smaller, and ReportLab's pure-Python ASCII85 is slow.  The
    # setting is global in ReportLab, so it is restored for other users of the library.
    saved, rl_config.useA85 = rl_config.useA85, 0
    _XOBJECTS_USED.clear()
    # ReportLab's one Flate filter object compresses every stream: here at FLATE_LEVEL, and, in a
    # watch, each stream once while it is unchanged
    pdfdoc.PDFZCompress.encode = _flate  # type: ignore[method-assign]
    if cache is not None:
        kept = cache.compressed
        pdfdoc.PDFZCompress.encode = lambda data: kept.get_or_make(data, lambda: _flate(data))  # type: ignore[method-assign]
        cidfont.subsets = cache.subsets
    try:
        return _render(issue, lay, edition or print_edition(), cache)
    finally:
        rl_config.useA85 = saved
        _drawn = _facts = None
        del pdfdoc.PDFZCompress.encode  # (the instance attribute: the class's method again)
        if cache is not None:
            cidfont.subsets = None
            cache.sweep()
            cache.builds += 1
        for key in [k for k in _XOBJECTS if k not in _XOBJECTS_USED]:  # keep only this document's images
            del _XOBJECTS[key]


FLATE_LEVEL = 1  # the PDF's streams (content, font programs, the ICC profile): zlib's default level (6)
                 # costs ~30 ms more of a 0.15 s PDF for 4.5 % less file (pictures: images.py, at 6)


def _flate(data: str | bytes) -> bytes:
    """ReportLab's Flate filter (text as UTF-8), at FLATE_LEVEL."""
    return zlib.compress(data.encode("utf8") if isinstance(data, str) else data, FLATE_LEVEL)


def _replay(c: Canvas, entry) -> bool:
    """Put a cached page's content on the canvas; False (and nothing drawn) if its fonts now have
    other resource names in this document."""
    code, fonts, facts = entry
    doc = c._doc
    for font, name, chars in fonts:
        if font.getSubsetInternalName(0, doc) != name:
            return False
        font.note_used(chars, doc)
    c._code.extend(code)
    if _facts is not None:
        _facts.merge(facts.fonts, facts.colours)
    return True


def _page_content(c: Canvas, ink: Ink, issue: Issue, g: S.PageGeometry, b: float, page, ed: Edition,
                  cache: PageCache | None) -> None:
    """Everything drawn inside the page's own coordinates: its ops and marginalia (or the cached
    content of an unchanged page)."""
    global _recording, _recorded_facts
    key = cache.key(page, ed) if cache is not None else None
    if cache is not None and key is not None and key in cache.pages and _replay(c, cache.pages[key]):
        cache.hits += 1
        return
    start, _recording = len(c._code), [] if key is not None else None
    _recorded_facts = PageFacts() if key is not None else None
    try:
        for op in page.ops:
            _draw(c, ink, op, g, b)
        if page.kind.has_folio:  # the cover, blanks and the back page carry none
            _marginalia(c, ink, issue, g, page)
        if key is not None and cache is not None:
            fonts: dict = {}  # font → (resource name, characters), in the order of first use
            for font, text, name in _recording or []:
                fonts.setdefault(font, (name, set()))[1].update(text)
            cache.pages[key] = (c._code[start:], [(f, name, chars) for f, (name, chars) in fonts.items()],
                                _recorded_facts or PageFacts())
    finally:
        _recording = _recorded_facts = None


def _render(issue: Issue, lay: Layout, ed: Edition, cache: PageCache | None = None) -> bytes:
    global _facts
    g = lay.geometry
    off = ed.offset
    pages = lay.pages if ed.pad_to > 1 else [p for p in lay.pages if not p.kind.padding]
    buf = io.BytesIO()
    body = face(S.BODY)
    # PDF/X allows no annotations on the printed area: the declared print edition keeps its
    # outline (bookmarks) but leaves the 目录's links to the screen edition
    pdfx = ed.cmyk and issue.page.pdfx
    links = not pdfx
    c = Canvas(buf, pagesize=(g.width + 2 * off, g.height + 2 * off), invariant=1, pageCompression=1,
               initialFontName=body.name, initialFontSize=body.size, initialLeading=S.BODY.leading,
               pdfVersion=(1, 6) if pdfx else None)
    digest = hashlib.sha256()
    ink = Ink(c, ed.cmyk)
    j, iss = issue.journal, issue.issue
    c.setTitle(f"{j.title} {iss.label}")
    c.setAuthor(j.sponsor)
    c.setSubject(f"{j.title}（内部刊物）{iss.label}")
    c.setKeywords([j.title, iss.label, *[s.title for s in issue.sections]])
    c.setCreator("typeset (《研究与交流》 typesetter)")
    c.setProducer("typeset + ReportLab")
    c.setCatalogEntry("Lang", "zh-CN")
    trim = (off, off, off + g.width, off + g.height)
    b = ed.bleed
    bleed = (off - b, off - b, off + g.width + b, off + g.height + b)
    section_keys = {e.key for e in lay.outline if e.level == 0}
    for page in pages:
        _facts = PageFacts((off, off)) if _drawn is not None else None
        if _drawn is not None and _facts is not None:
            _drawn.append(_facts)
        if ed.bleed:  # the screen edition is cut to the trim: its MediaBox says it all
            c.setTrimBox(trim)
            c.setBleedBox(bleed)
        c.saveState()
        c.translate(off, off)
        ink.fill(K100)
        ink.stroke(K100)
        for an in page.anchors:
            for k in (an.key, SECTION_KEY + an.key) if SECTION_KEY + an.key in section_keys else (an.key,):
                c.bookmarkHorizontal(k, 0, min(an.y + 20, g.height))  # relative to the translated origin
        _page_content(c, ink, issue, g, b, page, ed, cache)
        c.restoreState()
        for link in page.links if links else ():
            x1, y1, x2, y2 = link.rect
            c.linkRect("", link.key, (x1 + off, y1 + off, x2 + off, y2 + off), relative=0, thickness=0)
        if page.number == 1:
            for e in lay.outline:
                c.addOutlineEntry(e.title, e.key, level=e.level, closed=False)
        if ed.marks:
            _marks(c, ink, g, off, b, f"{j.title} {iss.label}  {page.number}/{len(pages)}  {ed.name}")
        digest.update("\n".join(c._code).encode())
        c.showPage()
    if pdfx:
        declare_pdfx(c, issue, digest.hexdigest())
    c.save()
    return buf.getvalue()


def _draw(c: Canvas, ink: Ink, op, g: S.PageGeometry, bleed: float) -> None:
    match op:
        case Text():
            ink.fill(op.cmyk)
            _text(c, op)
            if op.cmyk != K100:
                ink.fill(K100)
        case Rule():
            c.setLineWidth(op.width)
            c.line(op.x1, op.y1, op.x2, op.y2)
        case Picture():
            _picture(c, op, ink.cmyk)
        case Box():
            x0, y0, x1, y1 = _into_bleed(op.x, op.y, op.x + op.w, op.y + op.h, g, bleed)
            ink.fill(op.cmyk)
            c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
            ink.fill(K100)
        case Dot():
            c.circle(op.x, op.y, op.r, stroke=0, fill=1)
        case _:  # (a Marker is resolved by layout before drawing)
            raise TypeError(f"no PDF drawing for a {type(op).__name__}")


_XOBJECTS: dict[tuple, tuple[str, pdfdoc.PDFImageXObject]] = {}
_XOBJECTS_USED: set[tuple] = set()


def _picture(c: Canvas, op: Picture, cmyk: bool) -> None:
    """An image as an XObject made (converted, compressed) once per file and edition in this
    process, named by the file's content, drawn as ReportLab's drawImage draws it."""
    st = op.path.stat()
    key = (op.path, st.st_mtime_ns, st.st_size, cmyk)
    _XOBJECTS_USED.add(key)
    entry = _XOBJECTS.get(key)
    if entry is None:
        name = "img" + hashlib.sha256(op.path.read_bytes() + (b"cmyk" if cmyk else b"rgb")).hexdigest()[:24]
        if cmyk:  # CMYK pixels for the press profile (or gray for the black plate)
            entry = _XOBJECTS[key] = (name, _PressImage(name, op.path, op.source, op.line))
        else:
            reader = ImageReader(io.BytesIO(images.office_image(op.path, op.source, op.line)))
            entry = _XOBJECTS[key] = (name, pdfdoc.PDFImageXObject(name, reader))
    name, obj = entry
    doc = c._doc
    reg = doc.getXObjectName(name)
    if reg not in doc.idToObject:
        obj.__dict__.pop("__InternalName__", None)  # registered in an earlier document: register anew
        c._setXObjects(obj)
        doc.Reference(obj, reg)
        doc.addForm(name, obj)
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(op.x, op.y)
    c.scale(op.w, op.h)
    c._code.append(f"/{reg} Do")
    if _facts is not None:
        x0, y0 = _facts.origin
        _facts.images.append(("/" + reg, (op.w, 0.0, 0.0, op.h, x0 + op.x, y0 + op.y)))
    c.restoreState()
    c._formsinuse.append(name)


class _PressImage(pdfdoc.PDFImageXObject):
    """The XObject ReportLab makes of an image reader (PDFImageXObject.loadImageFromSRC, no
    ASCII85), from samples images.prepare has already compressed, asked for only when the document
    is saved: a picture still being converted in a second process (images.prefetch) does not hold
    up the pages drawn before then."""

    def __init__(self, name: str, path, source, line: int | None):
        super().__init__(name)
        self.picture = (path, source, line)
        self.bitsPerComponent = 8
        self._filters = ("FlateDecode",)
        self.mask = None

    def format(self, document):
        if self.picture is not None:  # (once: an XObject is kept for later builds of a watch)
            pixels = images.prepare(*self.picture).pixels
            self.width, self.height = pixels.size
            self.colorSpace = {"CMYK": "DeviceCMYK", "L": "DeviceGray"}[pixels.mode]
            self.streamContent = pixels.flate
            self.picture = None
        return super().format(document)


def _text(c: Canvas, op: Text) -> None:
    """One run of text as a text object: its face (a cidfont.CIDTrueTypeFont) by its resource
    name, the origin, the character spacing (always: Tc persists across BT/ET) and the glyph
    ids as a hex string.  Written directly rather than through ReportLab's text object, which
    does the same with much more work per run."""
    doc = c._doc
    parts = [f"BT 1 0 0 1 {fp_str(op.x)} {fp_str(op.y)} Tm {fp_str(op.cs)} Tc"]
    for text, fce in face_runs(op.text, op.face):  # a character the face lacks: from the fallback face
        font = pdfmetrics.getFont(fce.name)
        name = font.getSubsetInternalName(0, doc)
        _noted("fonts", name)
        if _recording is not None:
            _recording.append((font, text, name))
        parts.append(f"{name} {fp_str(fce.size)} Tf <{font.glyph_codes(text, doc).hex()}> Tj")
    parts.append("ET")
    c._code.append(" ".join(parts))


def _into_bleed(x0, y0, x1, y1, g: S.PageGeometry, bleed: float, eps: float = 0.5):
    """Anything that reaches the trim edge runs on into the bleed, so a slightly off cut
    leaves no white hairline."""
    return (x0 - bleed if x0 <= eps else x0, y0 - bleed if y0 <= eps else y0,
            x1 + bleed if x1 >= g.width - eps else x1, y1 + bleed if y1 >= g.height - eps else y1)


def _marginalia(c: Canvas, ink: Ink, issue: Issue, g: S.PageGeometry, page) -> None:
    """Running head (the section at the outer edge of every article page, the journal and issue at
    the inner edge) and the folio, outside the type area."""
    rh = face(S.RUNNING)
    fo = face(S.FOLIO)
    left = g.left(page.number)
    right = left + g.text_width
    y_head = g.top + S.RUNNING_HEAD_RAISE
    recto = page.number % 2 == 1
    if page.kind is PageKind.ARTICLE and not page.opening:  # an opening page shows its section's own label
        journal = view.masthead(issue)
        sf = face(S.RUNNING_SECTION)
        outer = right - sf.width(page.section) if recto else left
        _draw(c, ink, Text(outer, y_head, page.section, sf), g, 0)
        for op in set_text(journal, rh, left, y_head) if recto else set_text(journal, rh, right, y_head, "right"):
            _draw(c, ink, op, g, 0)
        c.setLineWidth(0.4)
        c.line(left, y_head - 4, right, y_head - 4)
    folio = f"{page.folio}"
    y_folio = g.top - g.lines * S.BODY.leading - S.FOLIO_DROP
    _draw(c, ink, Text(right - fo.width(folio) if recto else left, y_folio, folio, fo), g, 0)


def _marks(c: Canvas, ink: Ink, g: S.PageGeometry, off: float, bleed: float, slug: str) -> None:
    """Crop marks at the trim corners, starting outside the bleed; registration targets centred
    on each side; a slug line naming the job and page.  All outside the BleedBox."""
    mm = S.MM
    x0, y0, x1, y1 = off, off, off + g.width, off + g.height
    start, length = bleed + 1 * mm, 5 * mm
    c.saveState()
    ink.stroke(REGISTRATION)
    c.setLineWidth(0.25)
    for x in (x0, x1):
        for y, sgn in ((y0, -1), (y1, 1)):
            c.line(x, y + sgn * start, x, y + sgn * (start + length))
    for y in (y0, y1):
        for x, sgn in ((x0, -1), (x1, 1)):
            c.line(x + sgn * start, y, x + sgn * (start + length), y)
    r = 2.5 * mm
    d = bleed + 1 * mm + 4 * mm  # centre of the target, outside the bleed
    for cx, cy in (((x0 + x1) / 2, y0 - d), ((x0 + x1) / 2, y1 + d), (x0 - d, (y0 + y1) / 2), (x1 + d, (y0 + y1) / 2)):
        c.circle(cx, cy, r, stroke=1, fill=0)
        c.line(cx - 1.6 * r, cy, cx + 1.6 * r, cy)
        c.line(cx, cy - 1.6 * r, cx, cy + 1.6 * r)
    ink.fill(K100)
    c.setFont(face(S.RUNNING).name, 6)
    c.drawString(x0 + 15 * mm, y0 - bleed - 6 * mm, slug)
    _noted("fonts", pdfmetrics.getFont(face(S.RUNNING).name).getSubsetInternalName(0, c._doc))
    c.restoreState()
