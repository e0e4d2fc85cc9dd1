"""Column flow: distribute grid lines into columns and pages.

Input is a flat list of `Slot`s, one per grid line.  The rules a magazine page needs are here
and nowhere else: no paragraph's first line alone at a column foot (orphan) or last line alone
at a column head (widow), headings kept with the text that follows, spacer lines dropped at
the head of a column, balanced columns on an article's last page, and page-wide floats (a
figure across both columns) moved to the top of the next page, as magazines place them.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Optional


class SlotKind(Enum):
    TEXT = "text"      # lines of a paragraph: may split between columns (widows and orphans apart)
    KEEP = "keep"      # a heading or item title: kept whole, and with what follows
    SPACE = "space"    # a blank line between blocks: dropped at a column head
    FIGURE = "figure"  # a figure in the column: never split
    FLOAT = "float"    # a page-wide figure or table of `count` lines, in ONE slot: to the top of a page
    TABLE = "table"    # lines of a table in the column: split between rows only, the head repeated


TEXT, KEEP, SPACE, FIGURE, FLOAT, TABLE = SlotKind


@dataclass(eq=False)  # slots are compared by identity (list.index, `is`)
class Slot:
    """One grid line of a block (a line of text, or part of a figure) as the page flow places it."""
    item: int        # index of the block this line belongs to
    pos: int         # line number inside the block
    count: int       # lines in the block
    kind: SlotKind
    payload: list = None  # type: ignore[assignment]  # the row (rows.RowItem list); for FLOAT, the rows
    # on a paragraph's first line: () → (its rows set one line shorter, squeeze) if it can
    refit: Optional[Callable[[], Optional[tuple]]] = None
    loosen: Optional[Callable[[], Optional[list]]] = None  # … and one line longer, evenly, if it can
    # TABLE: the head rows a column continuing the table starts with; `glued`: no column may
    # start here (inside a row of several lines, or before the table's first row); `repeat`: a
    # copy of the head, made by the flow (not one of the plan's own slots)
    head: tuple = ()
    glued: bool = False
    repeat: bool = False
    lead_in: bool = False  # the last line of a paragraph ending with ：, which introduces what follows


Column = list  # of Slot | None
MIN_TEXT_UNDER_FLOAT = 4  # a page-wide figure leaves at least this many lines of text in each column
KEEP_WITH_NEXT = 2        # lines of what follows a heading or a ：lead-in that stand in its column
LEAD_IN_ENDS = ("：", "：”", "：“", ":")  # a paragraph ending so introduces a quotation or a list


class PageCols(list):
    """A page's columns; `top` holds the page-wide floats set above them."""
    top: tuple = ()

    @property
    def top_lines(self) -> int:
        return sum(f.count for f in self.top)


def block(item: int, kind: SlotKind, rows: list) -> list[Slot]:
    """The slots of one block (a paragraph, a heading, a figure): one per grid line.  A paragraph
    ending with ： is marked on its last line: it is kept with what follows."""
    slots = [Slot(item, k, len(rows), kind, r) for k, r in enumerate(rows)]
    if kind is TEXT and slots:
        text = "".join(it.line.text for it in rows[-1] if hasattr(it, "line")).rstrip()
        slots[-1].lead_in = text.endswith(LEAD_IN_ENDS)
    return slots


def follow(slots: list[Slot], j: int) -> int:
    """Lines from slot j on that must stand in the same column as whatever precedes them and is
    kept with its next: the first lines of a paragraph (two, or all if fewer), a whole figure,
    a table's caption, head and first row, a heading with what it keeps in turn."""
    if j >= len(slots):
        return 0
    s = slots[j]
    match s.kind:
        case SlotKind.TEXT:
            return min(KEEP_WITH_NEXT, s.count - s.pos)
        case SlotKind.KEEP:
            return s.count - s.pos + follow(slots, j + s.count - s.pos)
        case SlotKind.FIGURE:
            return s.count - s.pos
        case SlotKind.SPACE:
            return 1 + follow(slots, j + 1)
        case SlotKind.FLOAT:
            return follow(slots, j + 1)
        case SlotKind.TABLE:  # up to where a column may first break it (after its first row)
            end, k = j + s.count - s.pos, j + 1
            while k < end and slots[k].glued:
                k += 1
            return k - j
    raise TypeError(f"no flow rule for {s.kind}")


def _columns(slots: list[Slot], i: int, ncols: int, cap: int, floats: list) -> tuple[list, int]:
    """Fill `ncols` columns of `cap` lines from slot i; return them and the next slot."""
    cols = []
    for _ in range(ncols):
        col: list = []
        i = _place_into(slots, i, col, cap, floats)
        cols.append(col)
    return cols, i


def _page(cols, top=()) -> PageCols:
    p = PageCols(cols)
    p.top = tuple(top)
    return p


def _place_into(slots: list[Slot], i: int, col: list, cap: int, floats: list | None = None) -> int:
    """Fill one column starting at slot i; return the index of the first slot not placed.
    Page-wide floats met on the way are put in `floats`, for the top of the next page."""
    n = len(slots)
    while i < n and len(col) < cap:
        s = slots[i]
        room = cap - len(col)
        if s.kind is FLOAT:
            if floats is not None:
                floats.append(s)
            i += 1
            continue
        if s.kind is SPACE:
            if col and i + 1 < n and slots[i + 1].kind is KEEP and 1 + follow(slots, i + 1) > room:
                return i + 1  # the space goes with the heading it opens: dropped, the heading moves on
            if col:
                col.append(s)
            i += 1
            continue
        if s.kind is FIGURE:  # a figure moves whole to the next column (it is never taller than one)
            if s.count > room:
                break
            col.extend(slots[i:i + s.count])
            i += s.count
            continue
        if s.kind is TABLE:
            k = _table_lines(slots, i, col, cap)
            if k == 0:
                break
            col.extend(slots[i:i + k])
            i += k
            continue
        if s.kind is KEEP:
            size = s.count - s.pos
            if col and size + follow(slots, i + size) > room:
                break
            take = min(size, room)
            col.extend(slots[i:i + take])
            i += take
            continue
        k = _text_lines(slots, i, room)
        if k == 0:
            if not col:  # a column can't take even that: place what fits rather than loop forever
                k = min(s.count - s.pos, room)
            else:
                break
        col.extend(slots[i:i + k])
        i += k
    return i


def _table_lines(slots: list[Slot], i: int, col: list, cap: int) -> int:
    """How many of a table's lines from slot i this column takes: up to the last row that fits
    whole, the caption and head never without a first row.  A column that continues the table
    gets its head rows again first (copies marked `repeat`); 0 means: go on in the next column."""
    s = slots[i]
    if not col and s.head and s.pos > 0:
        col.extend(Slot(s.item, -1, s.count, TABLE, row, repeat=True) for row in s.head)
    room = cap - len(col)
    end = i + s.count - s.pos
    k = 0
    for n in range(1, min(room, end - i) + 1):
        if i + n == end or not slots[i + n].glued:
            k = n
    if k == 0 and all(c.repeat for c in col):  # a row taller than a column: set what fits
        k = min(room, end - i)
    return k
def _text_lines(slots: list[Slot], i: int, room: int) -> int:
    """How many lines of the paragraph at slot i a column with `room` lines takes: no first line
    alone at its foot (orphan), no last line alone at the next head (widow), and a ：lead-in's last
    lines go over with the quotation they introduce when that cannot follow them here."""
    s = slots[i]
    left = s.count - s.pos
    if left <= room:
        last = slots[min(i + left, len(slots)) - 1]  # (a jump's head may end inside a paragraph)
        if not last.lead_in or left + follow(slots, i + left) <= room:
            return left
        k = left - KEEP_WITH_NEXT  # its last two lines go on with what it introduces
    else:
        k = room
        if left - k == 1:
            k -= 1  # widow: leave two lines for the next column
    if s.pos == 0 and k == 1:
        k = 0   # orphan: don't leave a first line alone
    return max(k, 0)


def flow(slots: list[Slot], caps: Callable[[int], int], ncols: int = 2) -> list[PageCols]:
    """caps(page_index) → lines per column on that page (first pages are shorter)."""
    pages: list[PageCols] = []
    i = 0
    floats: list[Slot] = []
    while i < len(slots) or floats:
        while i < len(slots) and slots[i].kind is FLOAT:  # met at a page top: it goes on this page
            floats.append(slots[i])
            i += 1
        full = caps(len(pages))
        top: list[Slot] = []
        while floats and sum(f.count for f in top) + floats[0].count <= full - MIN_TEXT_UNDER_FLOAT:
            top.append(floats.pop(0))
        if not top and floats and full == max(caps(len(pages) + 1), full):
            top.append(floats.pop(0))  # no page will have more room: set it here rather than never
        cols, i = _columns(slots, i, ncols, full - sum(f.count for f in top), floats)
        pages.append(_page(cols, top))
    return pages


def balance(slots: list[Slot], start: int, cap: int, ncols: int = 2, top=()) -> PageCols | None:
    """Re-flow slots[start:] (which fit on one page under its floats `top`) into columns of
    equal length."""
    rest = slots[start:]
    total = sum(s.kind is not FLOAT for s in rest)
    cap -= sum(f.count for f in top)
    for c in range(-(-total // ncols), cap + 1):
        cols, i = _columns(rest, 0, ncols, c, [])
        if i >= len(rest):
            return _page(cols, top)
    return None
