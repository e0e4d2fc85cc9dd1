"""The display list: what a laid-out page holds, independent of ReportLab."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .. import style as S
from ..style import PageGeometry
from ..text.composer import Line, compose
from ..text import rules as R
from ..text.units import Face, char_width

if TYPE_CHECKING:
    from .jumps import Jump
    from .rows import JumpEnd


@dataclass
class Text:
    """A run of text in one face at a position, with its character spacing."""
    x: float
    y: float
    text: str
    face: Face
    cs: float = 0.0  # character spacing added after each character
    cmyk: tuple = (0, 0, 0, 1)  # text is K100 unless it reverses out of a band


@dataclass
class Rule:
    """A straight line (a rule under a title, a table's lines)."""
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5


@dataclass
class Box:
    """A filled rectangle (cover band); tint is the K (black) percentage, 0–1."""
    x: float
    y: float
    w: float
    h: float
    cmyk: tuple = (0, 0, 0, 1)


@dataclass
class Picture:
    """An image placed at (x, y) bottom left, w × h pt; source/line name who placed it, for errors."""
    x: float
    y: float
    w: float
    h: float
    path: Path
    source: Path | None = None
    line: int | None = None


@dataclass
class Marker:
    """Where a 下转 or 上接 line goes, until both pages are known (place.resolve_jump_markers)."""
    jump: "Jump"
    end: "JumpEnd"
    x0: float
    y: float
    measure: float


@dataclass
class Dot:
    """A filled dot of radius r centred at (x, y): 着重号 under an emphasised character."""
    x: float
    y: float
    r: float


Op = Union[Text, Rule, Box, Picture, Marker, Dot]


class PageKind(Enum):
    FRONT = "front"      # a front page not yet filled (the front matter is made last)
    COVER = "cover"
    IMPRINT = "imprint"
    BOARD = "board"
    TOC = "toc"
    ARTICLE = "article"
    BLANK = "blank"      # padding no designed page could take (reported; the planner avoids it)
    HOUSE = "house"      # the house page before the back cover: the call for contributions (征稿启事)
    BACK = "back"        # the back cover (封底), designed like the cover

    @property
    def has_folio(self) -> bool:
        """Only article pages carry a folio; the front matter and the back pages carry none."""
        return self is PageKind.ARTICLE

    @property
    def padding(self) -> bool:
        """Pages the screen edition (read page by page, not stitched) leaves out."""
        return self in (PageKind.BLANK, PageKind.HOUSE)


@dataclass(frozen=True)
class Anchor:
    """A destination on a page: an article's start (for the 目录's links and the outline)."""
    key: str
    title: str
    level: int
    y: float


@dataclass(frozen=True)
class Link:
    """A rectangle (x1, y1, x2, y2) on the page that goes to the anchor `key`."""
    rect: tuple[float, float, float, float]
    key: str


@dataclass(frozen=True)
class OutlineEntry:
    """An entry of the PDF's outline (bookmarks)."""
    level: int   # 0 a section, 1 an article
    title: str
    key: str


@dataclass
class Page:
    """A page of the layout: its kind, folio, running head and what is drawn on it."""
    number: int
    kind: PageKind
    section: str | None = None
    ops: list = field(default_factory=list)  # of Op
    anchors: list[Anchor] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    opening: bool = False          # a section opens here under its own label: no running head
    folio: int | None = None       # the printed page number: article pages only


@dataclass
class TocEntry:
    """An article's entry for the 目录, with the page it starts on."""
    section: str
    title: str
    subtitle: str | None
    author: str | None
    key: str
    page: int = 0   # the folio of its first page, as the 目录 prints it
    physical: int = 0  # … and that page's place in the PDF


@dataclass
class Layout:
    """The laid-out issue: its pages, the 目录 and outline, and the page plan's report."""
    geometry: PageGeometry
    pages: list[Page] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    outline: list[OutlineEntry] = field(default_factory=list)
    blank_lines: int = 0    # unused grid lines on the last pages of articles
    blank_without_jumps: int = 0  # the same, had no article jumped
    jumps: list = field(default_factory=list)
    padding: int = 0        # house and blank pages added before the back cover
    first_folio: int = 1    # the folio of the first article page
    fillers: list = field(default_factory=list)      # model.PlacedFiller: each 补白 set
    run_on: frozenset = frozenset()  # keys of articles run on below the previous one (not items)
    short_pages: list = field(default_factory=list)  # planner.ShortPage: last pages under half full

    def new_page(self, kind: PageKind, section: str | None = None) -> Page:
        p = Page(number=len(self.pages) + 1, kind=kind, section=section)
        if kind is PageKind.ARTICLE:
            firsts = [q.number for q in self.pages if q.kind is PageKind.ARTICLE]
            p.folio = self.first_folio + p.number - (firsts[0] if firsts else p.number)
        self.pages.append(p)
        return p

    @property
    def content_pages(self) -> int:
        """Pages the screen edition keeps (no house page or blanks)."""
        return sum(not p.kind.padding for p in self.pages)

    def folio(self, number: int) -> int | None:
        return self.pages[number - 1].folio


def line_ops(line: Line, x0: float, y: float) -> list[Text]:
    """Turn a composed line into text runs: consecutive glyphs of one face with an even gap
    become one run with character spacing (Line.even_runs), so the PDF stays compact and text
    extracts in order."""
    items = line.items
    runs = line.even_runs()
    out = [_run(items[i], "".join([p.text for p in items[i:j]]), cs, x0, y) for i, j, cs in runs]
    return out + emphasis_dots(line, x0, y) if any(items[i].face.dots for i, _, _ in runs) else out  # (a run: one face)


def _run(first, text: str, cs: float, x0: float, y: float) -> Text:
    """A run of text from its first unit (a raised face, a note marker, sits above the baseline)."""
    return Text(x0 + first.x, y + first.face.rise, text, first.face, cs)


def emphasis_dots(line: Line, x0: float, y: float) -> list:
    """着重号: a dot under the middle of each Han character of an emphasised run; none under
    punctuation, Latin letters or digits."""
    dots = []
    for p in line.items:
        if p.face.dots and len(p.text) == 1 and R.is_han(p.text):
            em = p.face.size
            dots.append(Dot(x0 + p.x + char_width(p.face, p.text) / 2, y - S.EMPHASIS_DOT_DROP * em,
                            S.EMPHASIS_DOT_RADIUS * em))
    return dots


def _display_line(text: str, face: Face):
    """A short display string as one composed line (None if empty)."""
    lines = compose([(text, face)], 10_000.0, justify=False).lines
    return lines[0] if lines else None


def set_text(text: str, face: Face, x: float, y: float, align: str = "left") -> list[Text]:
    """A short display string (a running head, an imprint field) set by the composer, so it gets
    the same ¼ em between Han and digits as the body text (北京路 86 号, 2018 年第 4 期); `x` is its
    left edge, or its right edge with align="right"."""
    ln = _display_line(text, face)
    if ln is None:
        return []
    first = ln.items[0]
    if align == "left" and first.text in R.OPENING and first.advance > 0.9 * face.size:
        x -= R.BLANK * face.size  # an opening mark at the start hangs its blank half (《…》 aligns with text)
    return line_ops(ln, x - ln.width if align == "right" else x, y)


def text_width(text: str, face: Face) -> float:
    """The width set_text gives `text`."""
    ln = _display_line(text, face)
    return ln.width if ln else 0.0
