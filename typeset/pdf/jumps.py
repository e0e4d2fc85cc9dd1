"""Jumps (下转 / 上接): how a magazine avoids half-empty pages.

When an article's last page holds only a short tail, or a later article's last page has a gap
under half full that the tail fills, the tail may move there: the article ends a page earlier,
its columns full, with 「（下转第N页）」 on the last line, and the tail resumes after the later
article under 「（上接第M页）」.  Each jump saves a page and removes a page under half full; the
tail goes to the nearest later gap, in its own section first, never over a single page.  The
page planner (planner.py) keeps a jump only if the issue comes out better.  Only articles of
sections marked `jump: true` may jump; jumps only go forward, as readers expect.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .flow import FIGURE, FLOAT, KEEP, SPACE, TABLE, TEXT, Slot
from .rows import JumpEnd, JumpMark, TailRule

if TYPE_CHECKING:
    from .plan import Plan


MIN_SKIP = 3  # a tail lands at least this many pages on: never over a single page (28 → 30)


@dataclass
class Jump:
    """An article's tail set in a later article's gap, with 下转/上接 lines at both ends."""
    source: str           # key of the article that jumps (the last of its plan)
    target: str           # key of the article whose gap takes the tail
    from_page: int = 0    # where 下转 stands: the physical page (found when the pages are placed)
    to_page: int = 0      # where 上接 stands
    from_folio: int = 0   # … and their folios, as the markers print them
    to_folio: int = 0
    saved: dict = field(default_factory=dict)  # what the jump saved, the fields of the build's report line


@dataclass(frozen=True)
class Cut:
    """An article cut a page early: its head (ending under 下转) and the tail that moves."""
    head: list[Slot]
    head_pages: list
    tail: list[Slot]
    jump: Jump


@dataclass(frozen=True)
class Before:
    """Both plans as they were before a jump was tried, to take it back."""
    source_slots: list
    source_pages: list
    target_slots: list
    target_pages: list
    target_tails: list


@dataclass
class Move:
    """A jump tried on two plans: enough to make it and to take it back."""
    source: "Plan"
    target: "Plan"
    cut: Cut
    slots: list[Slot]
    pages: list
    jump: Jump
    before: Before | None = None


def _legal_cut(slots: list[Slot], c: int) -> int:
    """Move the cut back until neither side breaks a rule: no paragraph's last line alone at
    the head of the tail (widow), no first line alone before the cut (orphan), no heading,
    spacer or ：lead-in left hanging at the end of the head."""
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
        elif head.kind is KEEP or head.kind is SPACE or head.lead_in:
            c -= 1
        elif tail.kind is TEXT and tail.pos == 0 and head.kind is KEEP:
            c -= 1
        else:
            break
    return c


def _marker(jump: Jump, end: JumpEnd) -> Slot:
    return Slot(-1, 0, 1, KEEP, [JumpMark(jump, end)])


def _flush(a: Plan, pages: list) -> bool:
    """Every column of the head's last page full: 下转 stands on the last grid line."""
    pi = len(pages) - 1
    return all(len(col) == a.cap(pi) - pages[pi].top_lines for col in pages[pi])


def split(a: Plan) -> Cut | None:
    """Cut an article so it ends a page earlier, its columns full, under a 下转 marker on the
    last line (a paragraph of that page set a line looser where the rules leave a line free);
    None if it cannot."""
    from .fit import loosen_last_page  # (fit.py imports plan.py, which imports this module)
    first_of_last = next((s for col in a.pages[-1] for s in col if not s.repeat), None)
    if first_of_last is None:
        return None
    start = a.slots.index(first_of_last)
    legal = [c for c in range(start, max(1, start - 6) - 1, -1) if _legal_cut(a.slots, c) == c]
    for loosen in (False, True):
        for c in legal:
            jump = Jump(a.last_key, "")
            head = a.slots[:c] + [_marker(jump, JumpEnd.OUT)]
            head_pages = a.flowed(head, balanced=False)
            if len(head_pages) != len(a.pages) - 1:
                continue
            if not _flush(a, head_pages):
                if not loosen or (fitted := loosen_last_page(a, head, lambda ps: _flush(a, ps))) is None:
                    continue
                head, head_pages = fitted
            tail = [Slot(-1, 0, 1, SPACE, [TailRule()]), _marker(jump, JumpEnd.IN), *a.slots[c:]]
            return Cut(head, head_pages, tail, jump)
    return None


def may_jump(a: Plan) -> bool:
    """Whether an article may send its tail on: a two-column article (or articles run on) of a
    `jump: true` section, over two pages or more, not yet jumped or holding tails."""
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


def find_jump(plans: list[Plan], max_gap: float, tried: set) -> Move | None:
    """The first jump that pays, sources whose tail leaves a big gap first, then in issue order
    those whose tail fills a big gap at the target; its tail goes to the nearest later gap that takes it
    without a new page, in its own section first, at least MIN_SKIP pages on."""
    starts, n = [], 0
    for p in plans:
        starts.append(n)
        n += len(p.pages)
    sources = sorted(range(len(plans)), key=lambda ai: (not gap_too_big(plans[ai], max_gap), ai))
    for ai in sources:  # a short tail (its page under half full) first, then tails that fill a gap
        a = plans[ai]
        if not may_jump(a):
            continue
        cut = None
        order = sorted(range(ai + 1, len(plans)), key=lambda bi: (plans[bi].section is not a.section, bi))
        for bi in order:
            b = plans[bi]
            if (id(a), id(b)) in tried or not may_take(a, b, max_gap):
                continue
            cut = cut or split(a)
            if cut is None:
                break
            from_page = starts[ai] + len(cut.head_pages) - 1
            to_page = starts[bi] - 1 + len(b.pages) - 1
            if to_page - from_page < MIN_SKIP or b.blank_lines() < len(cut.tail) - 1:
                continue
            slots = with_tail(b, ai, cut.tail)
            pages = b.flowed(slots)
            if len(pages) == len(b.pages):
                return Move(a, b, cut, slots, pages, cut.jump)
    return None


def apply_jump(m: Move, plans: list[Plan]) -> None:
    a, b = m.source, m.target
    m.before = Before(a.slots, a.pages, b.slots, b.pages, list(b.tails))
    m.jump.target = b.last_key  # the tail follows the last item of a run of items
    m.jump.saved = _saving(a, b, len(m.cut.tail) - 2)
    a.slots, a.pages, a.jump_out = m.cut.head, m.cut.head_pages, m.jump
    b.slots, b.pages = m.slots, m.pages
    b.tails.append((plans.index(a), m.cut.tail))


def undo_jump(m: Move) -> None:
    a, b = m.source, m.target
    was = m.before
    assert was is not None, "a jump is taken back only after it was made"
    a.slots, a.pages, a.jump_out = was.source_slots, was.source_pages, None
    b.slots, b.pages, b.tails = was.target_slots, was.target_pages, was.target_tails


def _saving(a: Plan, b: Plan, tail_lines: int) -> dict:
    """What a jump saves: the fields of its line in the build's report (message build.jump)."""
    was = a.last_page_fill()
    gap_b = b.last_page_fill()
    after_b = min(1.0, gap_b + (tail_lines + 2) / (b.ncols * b.lines_per_col))
    return {"source_last": a.last_key, "was": was, "lines": tail_lines, "target_last": b.last_key,
            "gap": gap_b, "after": after_b}


def with_tail(b: Plan, source: int, tail: list[Slot]) -> list[Slot]:
    """b's own slots, then the tails it takes in the order of their articles in the issue, so
    a reader meets 上接第19页 before 上接第26页."""
    own = b.slots[:len(b.slots) - sum(len(t) for _, t in b.tails)]
    return own + [s for _, t in sorted(b.tails + [(source, tail)], key=lambda st: st[0]) for s in t]
