"""Fitting a plan to its pages as a typesetter would: copyfitting pulls a short last page back
by setting paragraphs a line shorter; column filling sets a paragraph a line longer where a
column would end short.  Both only rewrite a plan's slots and pages; nothing is drawn."""
from __future__ import annotations

from collections.abc import Callable

from .flow import FIGURE, TEXT, PageCols, Slot, block
from .plan import Plan

COPYFIT_LINES = 12   # a last page with this many lines or fewer is pulled back by copyfitting
COPYFIT_TRIES = 40   # paragraphs tried, at most
FILL_TRIES = 6       # paragraphs tried above a column that ends short


def _short_columns(plan: Plan, pages: list[PageCols]) -> list[tuple[int, int]]:
    """(page, column) of every column before the last page that ends short."""
    return [(pi, ci) for pi, cols in enumerate(pages[:-1]) for ci, col in enumerate(cols)
            if len(col) < plan.cap(pi) - cols.top_lines]


def shortfall(plan: Plan, pages: list[PageCols]) -> int:
    """Grid lines left empty in columns before the last page (text goes on after them)."""
    return sum(plan.cap(pi) - cols.top_lines - len(col) for pi, cols in enumerate(pages[:-1]) for col in cols)


def _refits(plan: Plan, col: list) -> list[list[Slot]]:
    """The plan's slots with one paragraph of `col` (nearest the gap first) set a line longer,
    or a line shorter: the first may fill the gap, the second pull up what was pushed over."""
    out = []
    firsts = [s for s in col if s.pos == 0 and (s.loosen or s.refit)][::-1][:FILL_TRIES]
    for s in firsts:
        k = plan.slots.index(s)
        for make in (s.loosen, s.refit):
            rows = make() if make is not None else None
            if isinstance(rows, tuple):
                rows = rows[0]
            if rows is not None:
                out.append(plan.slots[:k] + block(s.item, TEXT, rows) + plan.slots[k + s.count:])
    return out


MOVE_FIGURE_LINES = 12  # a column figure may move this many text lines on, to the head of the next column


def _reblock(slots: list[Slot]) -> list[Slot]:
    """A paragraph a figure now stands inside is two blocks, each numbered on its own (new slots:
    the old ones may be shared with other plans); their refits no longer apply."""
    out: list[Slot] = []
    k = 0
    while k < len(slots):
        s = slots[k]
        end = k + 1
        if s.kind is TEXT:
            while end < len(slots) and slots[end].kind is TEXT and slots[end].item == s.item \
                    and slots[end].pos == slots[end - 1].pos + 1:
                end += 1
        run = slots[k:end]
        if s.kind is TEXT and (s.pos != 0 or len(run) != s.count):
            out += [Slot(r.item, n, len(run), TEXT, r.payload, lead_in=r.lead_in) for n, r in enumerate(run)]
        else:
            out += run
        k = end
    return out


def _figure_moves(slots: list[Slot], j: int) -> list[list[Slot]]:
    """The slots with the column figure starting at j moved up to MOVE_FIGURE_LINES text lines
    later (the text after it fills the hole, the figure heads the next column) or earlier (the
    text above it goes under it); never past a heading or another figure.  A paragraph the
    figure now interrupts is set as two blocks (each keeps two lines together at a column end)."""
    fig = slots[j:j + slots[j].count]
    before, rest = slots[:j], slots[j + len(fig):]
    out = []
    for t in range(2, min(MOVE_FIGURE_LINES, len(rest)) + 1):
        if any(r.kind is not TEXT for r in rest[:t]):
            break
        out.append(_reblock(before + rest[:t] + fig + rest[t:]))
    for t in range(2, min(MOVE_FIGURE_LINES, len(before)) + 1):
        if any(b.kind is not TEXT for b in before[-t:]):
            break
        out.append(_reblock(before[:-t] + fig + before[-t:] + rest))
    return out


def move_figures(plan: Plan) -> None:
    """A column figure that does not fit under the text above it leaves a hole at the column's
    foot: the figure moves a few lines up (the text above it goes under it) or down (the text
    after it fills the hole, the figure heads the next column), as magazines place figures.
    Kept only where the empty lines get fewer and no page is added."""
    for _ in range(sum(s.kind is FIGURE and s.pos == 0 for s in plan.slots)):
        now = shortfall(plan, plan.pages)
        best = None
        for pi, ci in _short_columns(plan, plan.pages):
            j = plan.slots.index(plan.pages[pi][ci][-1]) + 1
            if j >= len(plan.slots) or plan.slots[j].kind is not FIGURE or plan.slots[j].pos != 0:
                continue
            for slots in _figure_moves(plan.slots, j):
                pages = plan.flowed(slots)
                if len(pages) <= len(plan.pages) and (left := shortfall(plan, pages)) < now:
                    if best is None or left < best[0]:
                        best = (left, slots, pages)
            break  # the first hole above a figure, in reading order
        if best is None:
            return
        _, plan.slots, plan.pages = best


def loosen_last_page(plan: Plan, slots: list[Slot], flush: Callable[[list], bool]) -> tuple | None:
    """(slots, pages) with paragraphs of the last page set a line looser, one by one (nearest the
    foot first), until `flush(pages)` holds with no page added; None if that cannot be done.  For
    a jump's head, whose 下转 must stand on the last grid line."""
    pages = plan.flowed(slots, balanced=False)
    n = len(pages)
    for _ in range(3):
        firsts = [x for col in pages[-1] for x in col if x.pos == 0 and x.loosen is not None][::-1]
        for x in firsts[:FILL_TRIES]:
            rows = x.loosen()
            if rows is None:
                continue
            k = slots.index(x)
            trial = slots[:k] + block(x.item, TEXT, rows) + slots[k + x.count:]
            trial_pages = plan.flowed(trial, balanced=False)
            if len(trial_pages) == n and shortfall_last(plan, trial_pages) < shortfall_last(plan, pages):
                slots, pages = trial, trial_pages
                break
        else:
            return None
        if flush(pages):
            return slots, pages
    return None


def shortfall_last(plan: Plan, pages: list[PageCols]) -> int:
    pi = len(pages) - 1
    return sum(plan.cap(pi) - pages[pi].top_lines - len(col) for col in pages[pi])


def fill_columns(plan: Plan) -> None:
    """Columns that end short before an article's last page (a heading, a ：lead-in or a
    paragraph's first or last line kept from standing alone) are filled: a paragraph above the
    gap is set a line longer (its spacing opened a little) or a line shorter (so what was pushed
    over comes back), whichever leaves the fewest empty lines; kept only if no page is lost."""
    for _ in range(4 * len(plan.pages)):
        gaps = _short_columns(plan, plan.pages)
        if not gaps:
            return
        now = shortfall(plan, plan.pages)
        best = None
        for pi, ci in gaps:
            for slots in _refits(plan, plan.pages[pi][ci]):
                pages = plan.flowed(slots)
                if len(pages) == len(plan.pages) and (left := shortfall(plan, pages)) < now:
                    if best is None or left < best[0]:
                        best = (left, slots, pages)
            if best is not None:
                break  # the first gap that can be helped, in reading order
        if best is None:
            return
        _, plan.slots, plan.pages = best


def _paragraph_heads(slots: list[Slot]) -> dict[int, Slot]:
    """Each slot (by id) → the first slot of the block it belongs to."""
    heads: dict[int, Slot] = {}
    head = slots[0] if slots else None
    for s in slots:
        head = s if s.pos == 0 else head
        heads[id(s)] = head  # type: ignore[assignment]
    return heads


def _with_picks(plan: Plan, picks: dict[int, tuple[Slot, list]], heads: dict[int, Slot]) -> list[Slot]:
    """The plan's slots with each picked paragraph (keyed by its first slot) set as picked;
    `heads` is _paragraph_heads(plan.slots)."""
    slots: list[Slot] = []
    for s in plan.slots:
        if s.pos == 0 and id(s) in picks:
            first, rows = picks[id(s)]
            slots.extend(block(first.item, TEXT, rows))
        elif not (s.kind is TEXT and s.pos > 0 and id(heads[id(s)]) in picks):
            slots.append(s)
    return slots


def copyfit(plan: Plan) -> None:
    """An article whose last page would hold only a few lines gives them back: paragraphs are
    set a line shorter (their punctuation squeezed, 挤进), the least squeezed first, until the
    page is saved; then each one the saving does not need is set normally again.  If the page
    cannot be saved nothing changes."""
    last = plan.pages[-1] if plan.pages else []
    if len(plan.pages) < 2 or sum(len(c) for c in last) > COPYFIT_LINES:
        return
    options = []
    for s in plan.slots:
        if s.refit is not None:
            fit = s.refit()
            if fit is not None:
                options.append((fit[1], s, fit[0]))
    options.sort(key=lambda o: o[0])
    chosen: dict[int, tuple[Slot, list]] = {}
    heads = _paragraph_heads(plan.slots)  # (plan.slots stays as it is until a saving is kept)
    for _squeeze, s, rows in options[:COPYFIT_TRIES]:
        chosen[id(s)] = (s, rows)
        slots = _with_picks(plan, chosen, heads)
        pages = plan.flowed(slots)
        if len(pages) < len(plan.pages):
            for key in list(chosen):  # give back what the saving does not need
                trial = {k: v for k, v in chosen.items() if k != key}
                t_slots = _with_picks(plan, trial, heads)
                t_pages = plan.flowed(t_slots)
                if len(t_pages) == len(pages):
                    chosen, slots, pages = trial, t_slots, t_pages
            plan.slots, plan.pages = slots, pages
            return
