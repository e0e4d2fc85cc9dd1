"""Whole-issue page planning with one objective.

Each section is set one of several ways: every article from the head of a page, or some run on
below the previous article of the section (under the designed space and rule; `start: auto`,
the default), or as fixed by the manifest (`start: page | run-on`).  Every way is a plan list
with its page count, its blank grid lines at article ends and its pages less than half full
(a section's last page does not count: the next section starts a new page anyway).  The
planner picks one way per section so that, with the front and back pages it may add — the
board on a page of its own or sharing the imprint's, the house page (征稿启事) — the issue
comes to a multiple of 4 pages without a blank, and, in this order: the fewest pages, the
fewest pages under half full, the least blank area, the fewest run-on starts.  Jumps are then
tried where one removes a page under half full; each is kept only if the re-planned issue is
better.  Last, 补白 items are set in the largest gaps at article ends.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .. import style as S
from ..model import Issue, PlacedFiller, Section
from .jumps import Jump, apply_jump, find_jump, undo_jump
from .plan import Plan
from .slots import BodySlots

HALF = 0.5            # a page less full than this is short
MAX_RUN = 6           # at most this many articles run on below one that starts a page
FIXED_PAGES = 3       # the cover, the imprint, the back cover


@dataclass(frozen=True)
class Way:
    """One way to set a section: its plans and what they cost."""
    plans: tuple[Plan, ...]
    pages: int
    blank: int
    short: int
    run_ons: int

    @property
    def key(self) -> tuple[int, int, int]:
        return self.short, self.blank, self.run_ons


def way(plans: Sequence[Plan]) -> Way:
    """The cost of a section set as these plans (its last plan may be short)."""
    short = sum(p.last_page_fill() < HALF for p in plans[:-1])
    return Way(tuple(plans), sum(len(p.pages) for p in plans), sum(p.blank_lines() for p in plans), short,
               sum(len(p.articles) - 1 for p in plans if not p.run_on))


def _better(a: Way | None, b: Way) -> bool:
    return a is None or b.key < a.key


def section_ways(section: Section, make: Callable[[Section, tuple, bool], Plan]) -> list[Way]:
    """The best way of setting a section for each page count it can take."""
    arts = section.articles
    if section.layout == "one-column" or section.start == "page":
        return [way([make(section, (a,), k == 0) for k, a in enumerate(arts)])]
    if section.start == "run-on":
        return [way([make(section, tuple(arts), True)])]
    n = len(arts)
    best: list[dict[int, Way]] = [{0: Way((), 0, 0, 0, 0)}] + [{} for _ in range(n)]
    for j in range(1, n + 1):  # best[j]: the first j articles, by page count
        for i in range(max(0, j - MAX_RUN), j):
            p = make(section, tuple(arts[i:j]), i == 0)
            for w in best[i].values():
                cand = way(w.plans + (p,))
                if j < n:  # not the section's last plan: its last page counts if it is short
                    cand = Way(cand.plans, cand.pages, cand.blank, w.short + (p.last_page_fill() < HALF),
                               cand.run_ons)
                if _better(best[j].get(cand.pages), cand):
                    best[j][cand.pages] = cand
    return sorted(best[n].values(), key=lambda w: w.pages)


@dataclass(frozen=True)
class Padding:
    """The designed pages that bring the issue to a multiple of 4."""
    board_page: int  # 1: the board on a page of its own; 0: with the imprint
    house: int       # 1: the house page (征稿启事) before the back cover
    blanks: int      # only when nothing else reaches the multiple (reported)


def paddings(body: int, toc_pages: int, pad_to: int) -> list[Padding]:
    """The ways to bring `body` article pages to a multiple of `pad_to`, designed pages first."""
    base = FIXED_PAGES + toc_pages + body
    out = [Padding(b, h, 0) for b in (1, 0) for h in (1, 0) if (base + b + h) % pad_to == 0]
    return out or [Padding(1, 1, -(base + 2) % pad_to)]


@dataclass(frozen=True)
class ShortPage:
    """An article's last page under half full, for the build's report."""
    key: str           # the article it ends
    fill: float        # 0–1
    section_end: bool  # the section's last page (the next section starts a page anyway)


@dataclass
class Book:
    """The planned issue: its plans in order and the pages round them."""
    plans: list[Plan]
    padding: Padding
    toc_pages: int
    ways: list[Way] = field(default_factory=list)
    jumps: list[Jump] = field(default_factory=list)
    fillers: list[PlacedFiller] = field(default_factory=list)
    blank_without_jumps: int = 0

    @property
    def board_page(self) -> int:
        return self.padding.board_page

    @property
    def house(self) -> int:
        return self.padding.house

    @property
    def blanks(self) -> int:
        return self.padding.blanks

    @property
    def blank_lines(self) -> int:
        return sum(p.blank_lines() for p in self.plans)

    @property
    def short_pages(self) -> list[ShortPage]:
        """Every article's last page under half full."""
        return [ShortPage(p.last_key, p.last_page_fill(), k == len(w.plans) - 1)
                for w in self.ways for k, p in enumerate(w.plans) if p.last_page_fill() < HALF]


def choose(ways: list[list[Way]], toc_pages: int, pad_to: int) -> tuple[tuple[int, ...], Padding, tuple]:
    """One way per section and the padding: the fewest pages, then short pages, blank lines,
    run-ons; blanks only if no combination avoids them."""
    totals: dict[int, tuple[tuple, tuple[int, ...]]] = {0: ((0, 0, 0), ())}
    for options in ways:
        nxt: dict[int, tuple[tuple, tuple[int, ...]]] = {}
        for pages, (key, picks) in totals.items():
            for k, w in enumerate(options):
                cand = (tuple(a + b for a, b in zip(key, w.key)), picks + (k,))
                if pages + w.pages not in nxt or cand[0] < nxt[pages + w.pages][0]:
                    nxt[pages + w.pages] = cand
        totals = nxt
    best = None
    for body, (key, picks) in totals.items():
        for pad in paddings(body, toc_pages, pad_to):
            total = FIXED_PAGES + toc_pages + body + pad.board_page + pad.house + pad.blanks
            score = (pad.blanks, total, *key, -(pad.board_page + pad.house))
            if best is None or score < best[0]:
                best = (score, picks, pad)
    assert best is not None
    return best[1], best[2], best[0]


def plan_issue(issue: Issue, g: S.PageGeometry, make: Callable[[Section, tuple, bool], Plan], toc_pages: int,
               pad_to: int, jumps: bool = True) -> Book:
    """Plan the issue (see the module's docstring)."""
    ways = [section_ways(s, make) for s in issue.sections]
    picks, pad, score = choose(ways, toc_pages, pad_to)
    chosen = [ways[k][i] for k, i in enumerate(picks)]
    book = Book([p for w in chosen for p in w.plans], pad, toc_pages, chosen)
    book.blank_without_jumps = book.blank_lines
    if jumps and issue.page.jumps:
        _jump(book, ways, issue, pad_to, score)
    if issue.fillers:
        book.fillers = place_fillers(issue, g, book)
    return book


def _jump(book: Book, ways: list[list[Way]], issue: Issue, pad_to: int, score: tuple) -> None:
    """Try the jumps that remove a page under half full, nearest gap first; keep each only if
    the issue, re-planned round it (the sections from its source to its target kept as they
    are), is better."""
    tried: set[tuple[int, int]] = set()
    sections = issue.sections
    owner = {id(p): k for k, w in enumerate(book.ways) for p in w.plans}
    while True:
        move = find_jump(book.plans, issue.page.max_gap, tried)
        if move is None:
            return
        tried.add((id(move.source), id(move.target)))
        apply_jump(move, book.plans)
        lo, hi = owner[id(move.source)], owner[id(move.target)]
        frozen = [[way(book.ways[k].plans)] if lo <= k <= hi else ways[k] for k in range(len(sections))]
        picks, pad, new = choose(frozen, book.toc_pages, pad_to)
        if new < score:
            score = new
            book.ways = [frozen[k][i] for k, i in enumerate(picks)]
            book.padding = pad
            book.plans = [p for w in book.ways for p in w.plans]
            owner = {id(p): k for k, w in enumerate(book.ways) for p in w.plans}
            ways[lo:hi + 1] = frozen[lo:hi + 1]
            book.jumps.append(move.jump)
        else:
            undo_jump(move)


def place_fillers(issue: Issue, g: S.PageGeometry, book: Book) -> list[PlacedFiller]:
    """Set each 补白 item at the end of the plan whose last page has the biggest gap that takes it
    without a new page; an item no gap takes is left out (the build reports those it set)."""
    placed = []
    for f in issue.fillers:
        best = None
        for p in book.plans:
            if p.ncols != 2 or p.jump_out is not None:
                continue
            slots = p.slots + BodySlots(g, p.section, p.measure, p.body, p.lines_per_col).filler(f, issue)
            pages = p.flowed(slots)
            if len(pages) == len(p.pages) and (best is None or p.blank_lines() > best[0].blank_lines()):
                best = (p, slots, pages)
        if best is not None:
            p, p.slots, p.pages = best
            placed.append(PlacedFiller(p.last_key, f))
    return placed
