"""Jumps (下转 / 上接): how a magazine avoids half-empty pages.

Articles start at the head of a page.  When an article's last page holds only a short tail, and
a later article's last page has a gap the tail fits in, the tail is moved there: the article
ends a page earlier with 「（下转第N页）」 and the tail resumes after the later article under
「（上接第M页）」.  Each jump saves a page and fills a gap.  Only articles of sections marked
`jump: true` in the manifest may jump; jumps only go forward, as readers expect.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Article, Section
from .. import style as S
from .flow import Slot

MAX_GAP = 0.5  # a gap above this fraction of a page is filled by a jump whenever one fits


@dataclass
class Jump:
    source: str           # key of the article that jumps
    target: str           # key of the article whose gap takes the tail
    from_page: int = 0    # where 下转 stands (found when the pages are placed)
    to_page: int = 0      # where 上接 stands


@dataclass
class Marker:
    """Where a 下转 or 上接 line goes, until both pages are known (IssueLayout resolves it)."""
    jump: Jump
    end: str  # "out" (下转, right-aligned) or "in" (上接)
    x0: float
    y: float
    measure: float


@dataclass
class Plan:
    """An article (or a run of items) composed and flowed, before it is drawn."""
    section: Section
    articles: list[Article]
    ncols: int
    body: S.TextStyle
    first_of_section: bool
    run_on: bool
    measure: float
    pitch: float
    lines_per_col: int
    first_cap: int
    head_pitch_lines: int
    slots: list[Slot]
    pages: list = field(default_factory=list)
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

    @property
    def key(self) -> str:
        return self.articles[0].key


def _legal_cut(slots: list[Slot], c: int) -> int:
    """Move the cut back until neither side breaks a rule: no paragraph's last line alone at
    the head of the tail (widow), no first line alone before the cut (orphan), no heading or
    spacer left hanging at the end of the head."""
    while c > 1:
        head, tail = slots[c - 1], slots[c]
        if tail.kind == "f" and tail.pos > 0:  # never inside a figure: it moves whole
            c -= tail.pos
        elif head.kind == "f" and head.pos < head.count - 1:
            c -= head.pos + 1
        elif tail.kind == "p" and tail.pos == tail.count - 1 and tail.pos > 0:
            c -= 1
        elif head.kind == "p" and head.pos == 0 and head.count > 1:
            c -= 1
        elif head.kind in "hs":
            c -= 1
        else:
            break
    return c


def _marker(jump: Jump, end: str) -> Slot:
    return Slot(-1, 0, 1, "h", [("jump", jump, end)])


def _split(a: Plan, flow_of) -> tuple[list[Slot], list, list[Slot], Jump] | None:
    """Cut an article so it ends a page earlier under a 下转 marker; None if it cannot."""
    first_of_last = next((s for col in a.pages[-1] for s in col), None)
    if first_of_last is None:
        return None
    c = a.slots.index(first_of_last)
    for _ in range(4):  # the marker needs a line: give the tail a line more until it fits
        c = _legal_cut(a.slots, c)
        jump = Jump(a.key, "")
        head = a.slots[:c] + [_marker(jump, "out")]
        head_pages = flow_of(a, head)
        if len(head_pages) == len(a.pages) - 1:
            tail = [Slot(-1, 0, 1, "s", [("rule",)]), _marker(jump, "in"), *a.slots[c:]]
            return head, head_pages, tail, jump
        c -= 1
    return None


def plan_jumps(plans: list[Plan], flow_of: Callable[[Plan, list[Slot]], list], max_gap: float = MAX_GAP) -> None:
    """Decide which tails jump where, rewriting the plans' slots and pages in place.

    A gap is an article's emptier-than-`max_gap` last page.  Each round takes the jump that
    leaves the smallest gap where the tail lands, among jumps that either remove such a gap at
    the source (a short tail) or fill one at the target; every jump saves a page.  Rounds
    repeat until no jump of that kind fits, so no gap above `max_gap` is left that a jump
    could fill."""
    def big(p: Plan) -> bool:
        return p.blank_lines() > max_gap * p.ncols * p.cap(len(p.pages) - 1)

    splits: dict[int, tuple | None] = {}
    while True:
        best = None
        for ai, a in enumerate(plans):
            if not (a.section.jump and a.ncols == 2 and not a.run_on and len(a.pages) >= 2
                    and a.jump_out is None and not a.tails):
                continue
            if id(a) not in splits:
                splits[id(a)] = _split(a, flow_of)
            cut = splits[id(a)]
            if cut is None:
                continue
            tail = cut[2]
            for b in plans[ai + 1:]:
                if b.ncols != 2 or b.jump_out or not (big(a) or big(b)) or any(s.kind == "F" for s in b.slots):
                    continue  # (a page-wide figure may float past the tail and land after it)
                room = b.blank_lines() - (len(tail) - 1)
                if room < 0 or (best and room >= best[0]):
                    continue
                slots = _with_tail(b, ai, tail)
                pages = flow_of(b, slots)
                if len(pages) == len(b.pages):
                    best = (room, a, b, slots, pages)
        if best is None:
            return
        _, a, b, slots, pages = best
        head, head_pages, tail, jump = splits.pop(id(a))
        jump.target = b.articles[-1].key  # the tail follows the last item of a run of items
        a.slots, a.pages, a.jump_out = head, head_pages, jump
        b.slots, b.pages = slots, pages
        b.tails.append((plans.index(a), tail))


def _with_tail(b: Plan, source: int, tail: list[Slot]) -> list[Slot]:
    """b's own slots, then the tails it takes in the order of their articles in the issue, so
    a reader meets 上接第19页 before 上接第26页."""
    own = b.slots[:len(b.slots) - sum(len(t) for _, t in b.tails)]
    return own + [s for _, t in sorted(b.tails + [(source, tail)], key=lambda st: st[0]) for s in t]
