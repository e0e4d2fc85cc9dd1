"""Jumps (下转 / 上接): how a magazine avoids half-empty pages.

Articles start at the head of a page.  When an article's last page holds only a short tail, and
a later article's last page has a gap the tail fits in, the tail is moved there: the article
ends a page earlier with 「（下转第N页）」 and the tail resumes after the later article under
「（上接第M页）」.  Each jump saves a page and fills a gap.  Only articles of sections marked
`jump: true` in the manifest may jump; jumps only go forward, as readers expect.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .flow import FIGURE, FLOAT, KEEP, SPACE, TABLE, TEXT, Slot
from .rows import JumpEnd, JumpMark, TailRule

if TYPE_CHECKING:
    from .plan import Plan


@dataclass
class Jump:
    source: str           # key of the article that jumps
    target: str           # key of the article whose gap takes the tail
    from_page: int = 0    # where 下转 stands (found when the pages are placed)
    to_page: int = 0      # where 上接 stands


@dataclass(frozen=True)
class Cut:
    """An article cut a page early: its head (ending under 下转) and the tail that moves."""
    head: list[Slot]
    head_pages: list
    tail: list[Slot]
    jump: Jump


def _legal_cut(slots: list[Slot], c: int) -> int:
    """Move the cut back until neither side breaks a rule: no paragraph's last line alone at
    the head of the tail (widow), no first line alone before the cut (orphan), no heading or
    spacer left hanging at the end of the head."""
    while c > 1:
        head, tail = slots[c - 1], slots[c]
        if tail.kind in (FIGURE, TABLE) and tail.pos > 0:  # never inside a figure or table: it moves whole
            c -= tail.pos
        elif head.kind is FIGURE and head.pos < head.count - 1:
            c -= head.pos + 1
        elif tail.kind is TEXT and tail.pos == tail.count - 1 and tail.pos > 0:
            c -= 1
        elif head.kind is TEXT and head.pos == 0 and head.count > 1:
            c -= 1
        elif head.kind is KEEP or head.kind is SPACE:
            c -= 1
        else:
            break
    return c


def _marker(jump: Jump, end: JumpEnd) -> Slot:
    return Slot(-1, 0, 1, KEEP, [JumpMark(jump, end)])


def split(a: Plan) -> Cut | None:
    """Cut an article so it ends a page earlier under a 下转 marker; None if it cannot."""
    first_of_last = next((s for col in a.pages[-1] for s in col if not s.repeat), None)
    if first_of_last is None:
        return None
    c = a.slots.index(first_of_last)
    for _ in range(4):  # the marker needs a line: give the tail a line more until it fits
        c = _legal_cut(a.slots, c)
        jump = Jump(a.key, "")
        head = a.slots[:c] + [_marker(jump, JumpEnd.OUT)]
        head_pages = a.flowed(head)
        if len(head_pages) == len(a.pages) - 1:
            tail = [Slot(-1, 0, 1, SPACE, [TailRule()]), _marker(jump, JumpEnd.IN), *a.slots[c:]]
            return Cut(head, head_pages, tail, jump)
        c -= 1
    return None


def may_jump(a: Plan) -> bool:
    """Whether an article may send its tail on: a two-column article of a `jump: true` section,
    over two pages or more, not yet jumped or holding tails."""
    return (a.section.jump and a.ncols == 2 and not a.run_on and len(a.pages) >= 2
            and a.jump_out is None and not a.tails)


def gap_too_big(p: Plan, max_gap: float) -> bool:
    """A last page emptier than `max_gap` of its lines."""
    return p.blank_lines() > max_gap * p.ncols * p.cap(len(p.pages) - 1)


def may_take(a: Plan, b: Plan, max_gap: float) -> bool:
    """Whether b may take a's tail: a jump must remove a big gap at one end, and b must have no
    page-wide figure (it may float past the tail and land after it)."""
    return (b.ncols == 2 and b.jump_out is None and (gap_too_big(a, max_gap) or gap_too_big(b, max_gap))
            and not any(s.kind is FLOAT for s in b.slots))


def plan_jumps(plans: list[Plan], max_gap: float) -> None:
    """Decide which tails jump where, rewriting the plans' slots and pages in place.

    A gap is an article's emptier-than-`max_gap` last page.  Each round takes the jump that
    leaves the smallest gap where the tail lands, among jumps that either remove such a gap at
    the source (a short tail) or fill one at the target; every jump saves a page.  Rounds
    repeat until no jump of that kind fits, so no gap above `max_gap` is left that a jump
    could fill."""
    cuts: dict[int, Cut | None] = {}
    while True:
        best = None
        for ai, a in enumerate(plans):
            if not may_jump(a):
                continue
            if id(a) not in cuts:
                cuts[id(a)] = split(a)
            cut = cuts[id(a)]
            if cut is None:
                continue
            for b in plans[ai + 1:]:
                if not may_take(a, b, max_gap):
                    continue
                room = b.blank_lines() - (len(cut.tail) - 1)
                if room < 0 or (best and room >= best[0]):
                    continue
                slots = with_tail(b, ai, cut.tail)
                pages = b.flowed(slots)
                if len(pages) == len(b.pages):
                    best = (room, a, b, slots, pages)
        if best is None:
            return
        _, a, b, slots, pages = best
        cut = cuts.pop(id(a))
        assert cut is not None
        cut.jump.target = b.articles[-1].key  # the tail follows the last item of a run of items
        a.slots, a.pages, a.jump_out = cut.head, cut.head_pages, cut.jump
        b.slots, b.pages = slots, pages
        b.tails.append((plans.index(a), cut.tail))


def with_tail(b: Plan, source: int, tail: list[Slot]) -> list[Slot]:
    """b's own slots, then the tails it takes in the order of their articles in the issue, so
    a reader meets 上接第19页 before 上接第26页."""
    own = b.slots[:len(b.slots) - sum(len(t) for _, t in b.tails)]
    return own + [s for _, t in sorted(b.tails + [(source, tail)], key=lambda st: st[0]) for s in t]
