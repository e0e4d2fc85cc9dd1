"""Lay out an Issue into pages of display-list operations (no ReportLab here).

The stages, each in its own module: compose each article's body into slots (slots.py) and
group a section's articles into plans, each flowed into pages (plan.py, flow.py) and fitted
(fit.py: copyfitting, column filling); plan the whole issue (planner.py: which articles start a
page and which run on, jumps that pay, 补白, the front and back pages that bring the page count
to a multiple of 4); draw the plans (place.py), then the front matter and the back pages
(front.py) from the real pages.  Front matter pages carry no folio; the body's folios start at
`page: first_folio` (1) on the first article page.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import style as S
from ..model import Article, Issue, Section
from ..text.composer import kept_preparations
from .edition import SIGNATURE
from .fit import copyfit, fill_columns, move_figures
from .flow import Slot
from .front import FrontContext, back_cover, front_matter, house_page, toc_page_count
from .ops import Layout, OutlineEntry, Page, PageKind
from .place import place, resolve_jump_markers, title_block
from .plan import Plan
from .planner import plan_issue
from .slots import BodySlots, Head

SECTION_KEY = "section:"  # a section's outline entry points at its first article, under its own key


@dataclass(frozen=True)
class Group:
    """Articles laid out together from the head of a page: one article, an article with others
    run on below it, or a section's run of items."""
    section: Section
    articles: tuple[Article, ...]
    first_of_section: bool

    @property
    def ncols(self) -> int:
        return 1 if self.section.layout == "one-column" else 2

    @property
    def body(self) -> S.TextStyle:
        return S.LEAD if self.section.layout == "one-column" else S.BODY

    def head(self, k: int) -> Head:
        """What stands in the flow before the k-th article."""
        if self.section.run_on:
            return Head.ITEM
        return Head.NONE if k == 0 else Head.RUN_ON


class Planner:
    """Makes plans for groups of articles, composing each article once per way it can start."""

    def __init__(self, issue: Issue, g: S.PageGeometry):
        self.issue, self.g = issue, g
        self._bodies: dict[tuple[str, Head, bool], list[Slot]] = {}
        self._paragraphs: dict = {}  # set paragraphs, shared by the bodies (BodySlots.paragraph)

    def measure(self, grp: Group) -> float:
        g = self.g
        return g.column if grp.ncols == 2 else int(g.text_width // grp.body.size) * grp.body.size

    def lines_per_col(self, grp: Group) -> int:
        return int(self.g.lines * S.BODY.leading // grp.body.leading)

    def body(self, grp: Group, k: int, a: Article) -> list[Slot]:
        key = (a.key, grp.head(k), k == 0)
        if key not in self._bodies:
            maker = BodySlots(self.g, grp.section, self.measure(grp), grp.body, self.lines_per_col(grp),
                              self._paragraphs)
            self._bodies[key] = maker.article(a, grp.head(k), k == 0)
        return self._bodies[key]

    def plan(self, section: Section, articles: tuple[Article, ...], first_of_section: bool) -> Plan:
        """Compose a group and flow it into pages, drawing nothing."""
        grp = Group(section, articles, first_of_section)
        pitch = grp.body.leading
        lines_per_col = self.lines_per_col(grp)
        items = grp.section.run_on
        head_lines = title_block(Page(0, PageKind.ARTICLE), self.g, grp.section, None if items else grp.articles[0],
                                 grp.first_of_section)
        head_pitch_lines = int(head_lines * S.BODY.leading // pitch + 0.999)
        slots = [s for k, a in enumerate(grp.articles) for s in self.body(grp, k, a)]
        p = Plan(section=grp.section, articles=list(grp.articles), ncols=grp.ncols, body=grp.body,
                 first_of_section=grp.first_of_section, run_on=items, measure=self.measure(grp), pitch=pitch,
                 lines_per_col=lines_per_col, first_cap=lines_per_col - head_pitch_lines,
                 head_pitch_lines=head_pitch_lines, slots=slots)
        p.reflow()
        move_figures(p)
        if self.issue.page.copyfit:
            copyfit(p)
            fill_columns(p)
        return p


def plans(issue: Issue, g: S.PageGeometry) -> list[Plan]:
    """The issue's plans as the page planner arranges them, before jumps and 补白."""
    return plan_issue(issue, g, Planner(issue, g).plan, toc_page_count(issue, g), SIGNATURE,
                      jumps=False).plans


def lay_out(issue: Issue, pad_to: int = SIGNATURE) -> Layout:
    """Lay the issue out: the cover, the imprint and board (one page or two), the 目录, the
    planned articles, then the house page if the plan wants it and the back cover, to a multiple
    of `pad_to` pages (saddle stitching folds sheets of 4).  The screen edition drops the house
    page and any blank."""
    with kept_preparations():  # (paragraphs are set again soon after they are first set)
        return _lay_out(issue, pad_to)


def _lay_out(issue: Issue, pad_to: int) -> Layout:
    g = S.geometry(issue.page.trim)
    toc_pages = toc_page_count(issue, g)
    book = plan_issue(issue, g, Planner(issue, g).plan, toc_pages, pad_to)
    out = Layout(geometry=g, first_folio=issue.page.first_folio)
    front = 2 + book.board_page + toc_pages  # cover, imprint (+ board), (board), 目录
    for _ in range(front):
        out.new_page(PageKind.FRONT)
    out.blank_without_jumps, out.blank_lines = book.blank_without_jumps, book.blank_lines
    out.jumps, out.fillers, out.short_pages = book.jumps, book.fillers, book.short_pages
    out.run_on = frozenset(a.key for p in book.plans if not p.run_on for a in p.articles[1:])
    for p in book.plans:
        place(out, p)
    resolve_jump_markers(out)  # both ends' pages are known only now
    ctx = FrontContext(issue, g, out)
    front_matter(ctx, book.board_page, toc_pages)
    for _ in range(book.blanks):
        out.new_page(PageKind.BLANK)
    if book.house:
        house_page(ctx, out.new_page(PageKind.HOUSE))
    back_cover(ctx, out.new_page(PageKind.BACK))
    out.padding = book.blanks + book.house
    out.outline = outline(issue, out)
    return out


def outline(issue: Issue, out: Layout) -> list[OutlineEntry]:
    """Sections, each pointing at its first article under its own key, then their articles."""
    entries: list[OutlineEntry] = []
    seen = set()
    for section in issue.sections:
        toc = [e for e in out.toc if e.section == section.title]
        entries.append(OutlineEntry(0, section.title, SECTION_KEY + toc[0].key))
        for e in toc:
            if e.key not in seen:
                entries.append(OutlineEntry(1, e.title, e.key))
                seen.add(e.key)
    return entries
