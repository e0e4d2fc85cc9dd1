"""The front pages: cover, imprint, editorial board and 目录, made after the articles so the
目录 carries the real page numbers; and the house page at the back.  What they say is decided in
`view`; sizes and positions come from `style`; this module only draws."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .. import images
from .. import style as S
from .. import view
from ..fonts import check_coverage, face
from ..model import Issue
from ..text.composer import Line, compose
from .edition import BLEED_MM
from .flow import FIGURE, KEEP, SPACE, Slot, balance, block, flow
from .ops import Box, Layout, Link, Page, PageKind, Picture, Rule, Text, line_ops, set_text, text_width
from .setting import fitted

WHITE = (0, 0, 0, 0)


@dataclass(frozen=True)
class FrontContext:
    """What the front pages are made from: the issue, the page geometry and the laid-out pages."""
    issue: Issue
    g: S.PageGeometry
    out: Layout

    @property
    def manifest(self):
        return self.issue.root / "manifest.yaml"


def front_matter(ctx: FrontContext, board_own_page: int, toc_pages: int) -> None:
    """Fill the front pages (the cover; the imprint and the board, on one page or two; the 目录
    on `toc_pages`), once the articles are laid out and their pages known.  (Every string they
    take from the sources was checked against the fonts before layout, characters.prepare.)"""
    pages = ctx.out.pages
    cover_page(ctx, pages[0])
    if board_own_page:
        imprint_page(ctx, pages[1], _imprint_ops(ctx, pages[1]))
        pages[2].kind = PageKind.BOARD
        pages[2].ops.extend(_centre(_board_ops(ctx, pages[2]), ctx.g))
    else:
        imprint_page(ctx, pages[1], _imprint_ops(ctx, pages[1]) + _board_ops(ctx, pages[1], IMPRINT_BOARD_DROP))
    toc_pages_fill(ctx, pages[2 + board_own_page:2 + board_own_page + toc_pages])


def cover_page(ctx: FrontContext, cover: Page) -> None:
    """The masthead reversed out of a band (or the cover picture), the issue, mottos, sponsor."""
    issue, g = ctx.issue, ctx.g
    j, iss = issue.journal, issue.issue
    cover.kind = PageKind.COVER
    art_bottom = g.height - 250
    if issue.cover_image:  # the masthead picture, drawn out to the bleed edge on three sides
        bleed = BLEED_MM * S.MM
        w = g.width + 2 * bleed
        img = images.prepare(issue.cover_image, ctx.manifest, issue.cover_line)
        h = w * img.size[1] / img.size[0]
        img.check_resolution(w, h)
        cover.ops.append(Picture(-bleed, g.height + bleed - h, w, h, img.path, ctx.manifest, issue.cover_line))
        art_bottom = g.height + bleed - h
    else:
        band_h = 250
        cover.ops.append(Box(0, g.height - band_h, g.width, band_h, S.COVER_BAND_CMYK))  # the writer bleeds it
    title_face = face(S.COVER_TITLE)
    cover.ops.append(Text((g.width - title_face.width(j.title)) / 2, g.height - 150, j.title, title_face, 0, WHITE))
    lab = face(S.COVER_ISSUE)
    for op in set_text(iss.label, lab, (g.width - text_width(iss.label, lab)) / 2, g.height - 210):
        op.cmyk = WHITE
        cover.ops.append(op)
    mf = face(S.COVER_MOTTO)
    y = art_bottom - 80
    for m in j.mottos:
        cover.ops.append(Text((g.width - mf.width(m)) / 2, y, m, mf))
        y -= 40
    nf = face(S.COVER_NOTE)
    for text, y in ((view.cover_notice(j), 70), (view.cover_sponsor(j), 90)):
        cover.ops.append(Text((g.width - nf.width(text)) / 2, y, text, nf))


def _centre(ops: list, g: S.PageGeometry, bias: float = 0.4) -> list:
    """Shift a block of ops so it stands in the type area a little above the middle (the
    optical centre), instead of hanging from its top."""
    ys = [y for op in ops for y in ((op.y,) if isinstance(op, Text) else (op.y1, op.y2))]
    top, bottom = max(ys) + 30, min(ys)  # + the cap height of the tallest line
    area_top, area_bottom = g.top, g.top - g.lines * S.BODY.leading
    dy = area_top - ((area_top - area_bottom) - (top - bottom)) * bias - top
    for op in ops:
        if isinstance(op, Text):
            op.y += dy
        else:
            op.y1 += dy
            op.y2 += dy
    return ops


IMPRINT_BOARD_DROP = -390.0  # pt: where the board starts under the imprint when they share a page


def imprint_page(ctx: FrontContext, page: Page, ops: list) -> None:
    page.kind = PageKind.IMPRINT
    page.ops.extend(_centre(ops, ctx.g))


def _imprint_ops(ctx: FrontContext, page: Page) -> list:
    """The imprint: every field of the journal, in the printed issue's order (y from 0 down)."""
    issue, g = ctx.issue, ctx.g
    x0 = g.left(page.number) + S.FRONT_INSET
    ops: list = [Text(x0, 0, issue.journal.title, face(S.IMPRINT_TITLE)),
                 *set_text(issue.issue.label, face(S.IMPRINT_ISSUE), x0, -40),
                 Rule(x0, -60, x0 + S.IMPRINT_RULE, -60, 0.8)]
    y = -90.0
    kf, vf = face(S.IMPRINT_KEY), face(S.IMPRINT_VALUE)
    for f in view.imprint_fields(issue):
        ops.append(Text(x0, y, f.key, kf))
        for v in f.values:
            ops.extend(set_text(v, vf, x0 + S.IMPRINT_VALUE_X, y))
            y -= S.IMPRINT_VALUE.leading
    y -= 6
    ops.append(Rule(x0, y + 8, x0 + S.IMPRINT_RULE, y + 8, 0.3))
    y -= 18
    nf = face(S.IMPRINT_NOTE)
    for n in view.notice_lines(issue.journal):
        ops.append(Text(x0, y, n, nf))
        y -= S.IMPRINT_NOTE.leading
    return ops


def _board_ops(ctx: FrontContext, page: Page, top: float = 0.0) -> list:
    """The editorial board (view.board_rows), from `top` down: names of two characters set to
    the width of three so the columns align; a role marked 按姓氏笔划为序 arrives sorted."""
    g = ctx.g
    x0 = g.left(page.number) + S.BOARD_INSET
    _, _, width = S.board_grid(g)
    ops: list = [Text(x0, top, "编委会", face(S.BOARD_TITLE)), Rule(x0, top - 12, x0 + width, top - 12, 0.8)]
    faces = {view.BoardText.ROLE: face(S.BOARD_ROLE), view.BoardText.NAME: face("song", S.BOARD_NAME_SIZE)}
    y = top - 50.0
    for row in view.board_rows(ctx.issue, g):
        for cell in row.cells:
            ops.append(Text(x0 + cell.x, y, cell.text, faces[cell.kind]))
        y -= row.step
    return ops


# -- the 目录 ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TocLabel:
    """A section's label in the 目录."""
    section: str


@dataclass(frozen=True)
class TocLine:
    """A line of a 目录 entry's title."""
    item: view.TocItem
    line: Line
    folio: bool  # the entry's first line carries its page number


@dataclass(frozen=True)
class TocAuthor:
    """The author line of a 目录 entry."""
    item: view.TocItem
    line: Line


TOC_HEAD_LINES = 4  # grid lines above the 目录's columns (its heading)


def _entry_lines(text: str, fce, width: float, item: view.TocItem, key: str = "title") -> list[Line]:
    """An entry's lines, never leaving its 「等N则」 alone on the last line."""
    line = item.article.line(key)
    lines = fitted(compose([(text, fce)], width, justify=False, phrases=True).lines, item.article, line)
    suffix = view.toc_count_suffix(text)
    while suffix and len(lines) > 1 and lines[-1].text.strip() == suffix and width > 4 * fce.size:
        width -= fce.size  # a narrower measure takes a character or two down with it
        lines = fitted(compose([(text, fce)], width, justify=False, phrases=True).lines, item.article, line)
    return lines


def _toc_slots(issue: Issue, g: S.PageGeometry, pages: dict[str, int]) -> list[Slot]:
    """The 目录 as slots: each section's label kept with its first entry, each entry whole (it
    never splits between columns), a blank line after each section."""
    width = g.column - S.TOC_INDENT
    tf, af = face(S.TOC_ENTRY), face(S.TOC_AUTHOR)
    slots: list[Slot] = []
    for k, group in enumerate(view.toc(issue, pages)):
        slots += block(3 * k, KEEP, [[TocLabel(group.section)]])
        for item in group.items:
            rows: list[list] = [[TocLine(item, ln, n == 0)] for n, ln in enumerate(_entry_lines(item.title, tf, width, item))]
            if item.subtitle:
                rows += [[TocLine(item, ln, False)] for ln in _entry_lines(item.subtitle, tf, width, item, "subtitle")]
            if item.author:  # right-aligned, wrapped if a unit's name is long
                rows += [[TocAuthor(item, ln)] for ln in _entry_lines(item.author, af, width, item, "author")]
            slots += block(3 * k + 1, FIGURE, rows)
        slots += block(3 * k + 2, SPACE, [[]])
    return slots


def _same_cap(cap: int, page: int) -> int:
    """Every 目录 page holds `cap` lines a column (flow's caps(page) for a balanced 目录)."""
    return cap


def _toc_pages(issue: Issue, g: S.PageGeometry, pages: dict[str, int]):
    """The 目录's slots flowed into pages of two columns; over more than one page, every column
    as short as the pages allow (the entries spread evenly, no stub on the last page), and the
    last page's columns balanced."""
    slots = _toc_slots(issue, g, pages)
    cap = g.lines - TOC_HEAD_LINES
    flowed = flow(slots, lambda k: cap, 2)
    if len(flowed) > 1:
        for c in range(len(slots) // (2 * len(flowed)), cap):
            even = flow(slots, functools.partial(_same_cap, c), 2)
            if len(even) == len(flowed):
                flowed = even
                break
    if flowed and any(flowed[-1]):
        start = slots.index(next(s for col in flowed[-1] for s in col))
        flowed[-1] = balance(slots, start, cap) or flowed[-1]
    for cols in flowed:
        _even_columns(cols)
    return flowed


def _even_columns(cols: list) -> None:
    """Bring a 目录 page's shorter column down to the longer's last line: entries do not split,
    so the difference is made up with blank lines at its section breaks (between entries if
    it has none), spread from the foot up."""
    for col in cols:
        while col and col[-1].kind is SPACE:  # a section's closing blank line ends nothing here
            col.pop()
    if len(cols) != 2 or not cols[0] or not cols[1]:
        return
    short, long_ = sorted(cols, key=len)
    missing = len(long_) - len(short)
    breaks = [k for k, s in enumerate(short) if k and s.kind is SPACE] or \
             [k for k, s in enumerate(short) if k and s.pos == 0 and s.kind is FIGURE]
    if not breaks:
        return
    extra = {k: 0 for k in breaks}
    for n in range(missing):  # from the foot up, round the breaks
        extra[breaks[-1 - n % len(breaks)]] += 1
    for k in sorted(extra, reverse=True):  # inserting from the foot keeps the indices above valid
        short[k:k] = [Slot(-1, 0, 1, SPACE, []) for _ in range(extra[k])]


def toc_page_count(issue: Issue, g: S.PageGeometry) -> int:
    """Pages the 目录 takes (its length does not depend on the page numbers)."""
    return max(1, len(_toc_pages(issue, g, {})))


def toc_pages_fill(ctx: FrontContext, pages: list[Page]) -> None:
    """The 目录 over its pages, the heading on the first."""
    g = ctx.g
    flowed = _toc_pages(ctx.issue, g, {e.key: e.page for e in ctx.out.toc})
    assert len(flowed) <= len(pages), "the 目录 was planned on fewer pages"
    for k, (page, cols) in enumerate(zip(pages, flowed)):
        page.kind = PageKind.TOC
        x_left = g.left(page.number)
        hf = face(S.TOC_HEADING)
        heading = "目\u3000录" if k == 0 else "目录（续）"
        page.ops.append(Text(x_left + (g.text_width - hf.width(heading)) / 2, g.top - 24, heading, hf))
        _toc_columns(page, g, cols)


def _toc_columns(page: Page, g: S.PageGeometry, cols) -> None:
    top = g.top - TOC_HEAD_LINES * S.BODY.leading
    nf, sf = face(S.TOC_FOLIO), face(S.TOC_SECTION)
    measure = g.column
    x_left = g.left(page.number)
    for ci, col in enumerate(cols):
        x0 = x_left + ci * (g.column + g.gap)
        for li, slot in enumerate(col):
            yb = top - li * S.BODY.leading - 10
            for op in slot.payload:
                match op:
                    case TocLabel():
                        page.ops.append(Text(x0, yb, op.section, sf))
                        page.ops.append(Rule(x0, yb - 4, x0 + measure, yb - 4, 0.3))
                    case TocLine():
                        if op.folio and op.item.page is not None:
                            page.ops.append(Text(x0, yb, f"{op.item.page:02d}", nf))
                        page.ops.extend(line_ops(op.line, x0 + S.TOC_INDENT, yb))
                        page.links.append(Link((x0, yb - 3, x0 + measure, yb + 11), op.item.key))
                    case TocAuthor():
                        page.ops.extend(line_ops(op.line, x0 + measure - op.line.width, yb))
                        page.links.append(Link((x0, yb - 3, x0 + measure, yb + 11), op.item.key))
                    case _:
                        raise TypeError(f"no PDF form for a {type(op).__name__} in the 目录")


def house_page(ctx: FrontContext, page: Page) -> None:
    """The house page before the back cover: the call for contributions (征稿启事), its text set
    by the composer, and how to reach the journal (no folio)."""
    j, g = ctx.issue.journal, ctx.g
    x0 = g.left(page.number)
    kf, vf = face(S.HOUSE_KEY), face(S.HOUSE_VALUE)
    rows = view.house_contacts(j)
    width = max(kf.width(k) + 24 + text_width(v, vf) for k, v in rows)
    xk = x0 + (g.text_width - width) / 2
    y = g.top - 120
    head = view.HOUSE_HEAD
    hf = face(S.HOUSE_HEAD)
    page.ops.append(Text(x0 + (g.text_width - hf.width(head)) / 2, y, head, hf))
    page.ops.append(Rule(xk, y - 16, xk + width, y - 16, 0.6))  # as wide as the table under it
    y -= 50
    body = face(S.HOUSE_TEXT)
    for para in view.house_call(j):
        check_coverage(para, "song", ctx.manifest, None)
        for ln in compose([(para, body)], width, indent=2 * body.size).lines:
            y -= S.HOUSE_TEXT.leading
            page.ops.extend(line_ops(ln, xk, y))
    y -= 50
    for k, v in rows:
        page.ops.append(Text(xk, y, k, kf))
        page.ops.extend(set_text(v, vf, xk + kf.width(k) + 24, y))
        y -= S.HOUSE_VALUE.leading


def back_cover(ctx: FrontContext, page: Page) -> None:
    """The back cover (封底), designed like the cover: the journal's band at the foot with the
    masthead and issue reversed out of it, the notices and the sponsor above it."""
    issue, g = ctx.issue, ctx.g
    j = issue.journal
    page.kind = PageKind.BACK
    band = S.BACK_BAND
    page.ops.append(Box(0, 0, g.width, band, S.COVER_BAND_CMYK))  # the writer bleeds it
    tf = face(S.BACK_TITLE)
    page.ops.append(Text((g.width - tf.width(j.title)) / 2, band - 70, j.title, tf, 0, WHITE))
    lab = face(S.BACK_ISSUE)
    for op in set_text(issue.issue.label, lab, (g.width - text_width(issue.issue.label, lab)) / 2, band - 110):
        op.cmyk = WHITE
        page.ops.append(op)
    page.ops.append(Rule(g.width * 0.3, band + 40, g.width * 0.7, band + 40, 0.6))
    nf = face(S.BACK_NOTE)
    y = band + 80
    for text in reversed(view.back_cover_lines(issue)):
        for op in set_text(text, nf, (g.width - text_width(text, nf)) / 2, y):
            page.ops.append(op)
        y += S.BACK_NOTE.leading
