"""A plan: an article (or a run of short items) composed into slots and flowed into pages,
before anything is drawn.  Copyfitting, column filling and jumps rewrite plans; `place` draws
them."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import style as S
from ..model import Article, Section
from .flow import PageCols, Slot, balance, flow
from .jumps import Jump


@dataclass(kw_only=True)
class Plan:
    """Articles set together as one flow of columns and pages, before the pages are drawn."""
    section: Section
    articles: list[Article]
    ncols: int
    body: S.TextStyle
    first_of_section: bool
    run_on: bool             # a section of items: no article title above the columns
    measure: float
    pitch: float
    lines_per_col: int
    first_cap: int           # lines per column on the first page, under the title block
    head_pitch_lines: int    # grid lines the title block takes
    slots: list[Slot]
    pages: list[PageCols] = field(default_factory=list)
    jump_out: Jump | None = None
    tails: list = field(default_factory=list)  # (index of the source plan, its tail slots) appended here

    def cap(self, page_index: int) -> int:
        return self.first_cap if page_index == 0 else self.lines_per_col

    def blank_lines(self) -> int:
        """Grid lines left empty on the last page, all columns."""
        if not self.pages:
            return 0
        last = self.pages[-1]
        return sum(self.cap(len(self.pages) - 1) - last.top_lines - len(c) for c in last)

    def last_page_fill(self) -> float:
        """How full the last page is (title block and floats count as used), 0–1."""
        return 1 - self.blank_lines() / (self.ncols * self.lines_per_col)

    @property
    def last_key(self) -> str:
        return self.articles[-1].key

    @property
    def key(self) -> str:
        return self.articles[0].key

    def flowed(self, slots: list[Slot], balanced: bool = True) -> list[PageCols]:
        """Flow slots as this plan's pages take them, the last page's columns balanced (not when
        the text goes on elsewhere: under 下转 the columns are full)."""
        pages = flow(slots, self.cap, self.ncols)
        if balanced and self.jump_out is None and self.ncols == 2 and pages and any(pages[-1]):
            # slots compare by identity (a table head repeated by the flow is none of the plan's)
            start = slots.index(next(s for col in pages[-1] for s in col if not s.repeat))
            bal = balance(slots, start, self.cap(len(pages) - 1), top=pages[-1].top)
            if bal is not None:
                pages[-1] = bal
        return pages

    def reflow(self, slots: list[Slot] | None = None) -> None:
        """Take `slots` (or keep the plan's) and flow them."""
        if slots is not None:
            self.slots = slots
        self.pages = self.flowed(self.slots)
