"""The front pages: cover, imprint, editorial board and 目录, made after the articles so the
目录 carries the real page numbers; and the house page at the back.  What they say is decided in
`view`; sizes and positions come from `style`; this module only draws."""
from __future__ import annotations

from dataclasses import dataclass

from .. import images
from .. import style as S
from .. import view
from ..errors import SourceError
from ..fonts import check_coverage, face
from ..model import Issue
from ..text.composer import Line, compose
from .edition import BLEED_MM
from .flow import KEEP, SPACE, Slot, block, flow
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


def front_matter(ctx: FrontContext) -> None:
    """Fill the four front pages, once the articles are laid out and their pages known."""
    for text, line in view.front_texts(ctx.issue):
        check_coverage(text, "song", ctx.manifest, line)
    pages = ctx.out.pages
    cover_page(ctx, pages[0])
    imprint_page(ctx, pages[1])
    board_page(ctx, pages[2])
    toc_page(ctx, pages[3])


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


def imprint_page(ctx: FrontContext, page: Page) -> None:
    """The imprint: every field of the journal, in the printed issue's order."""
    issue, g = ctx.issue, ctx.g
    page.kind = PageKind.IMPRINT
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
    page.ops.extend(_centre(ops, g))


def board_page(ctx: FrontContext, page: Page) -> None:
    """The editorial board (view.board_rows): names of two characters set to the width of three
    so the columns align; a role marked 按姓氏笔划为序 arrives sorted from the loader."""
    g = ctx.g
    page.kind = PageKind.BOARD
    for role in ctx.issue.board:
        for name, line in zip(role.members, role.lines or [None] * len(role.members), strict=True):
            check_coverage(name, "song", ctx.manifest, line)
    x0 = g.left(page.number) + S.BOARD_INSET
    _, _, width = S.board_grid(g)
    ops: list = [Text(x0, 0, "编委会", face(S.BOARD_TITLE)), Rule(x0, -12, x0 + width, -12, 0.8)]
    faces = {view.BoardText.ROLE: face(S.BOARD_ROLE), view.BoardText.NAME: face("song", S.BOARD_NAME_SIZE)}
    y = -50.0
    for row in view.board_rows(ctx.issue, g):
        for cell in row.cells:
            ops.append(Text(x0 + cell.x, y, cell.text, faces[cell.kind]))
        y -= row.step
    page.ops.extend(_centre(ops, g))


# -- the 目录 ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TocLabel:
    section: str


@dataclass(frozen=True)
class TocLine:
    item: view.TocItem
    line: Line
    folio: bool  # the entry's first line carries its page number


@dataclass(frozen=True)
class TocAuthor:
    item: view.TocItem
    line: Line


TOC_HEAD_LINES = 4  # grid lines above the 目录's columns (its heading)


def _toc_slots(ctx: FrontContext) -> list[Slot]:
    """The 目录 as slots: each section's label and entries kept together, a blank line after."""
    width = ctx.g.column - S.TOC_INDENT
    tf, af = face(S.TOC_ENTRY), face(S.TOC_AUTHOR)
    pages = {e.key: e.page for e in ctx.out.toc}

    def lines(text, fce, item, key) -> list[Line]:
        return fitted(compose([(text, fce)], width, justify=False, phrases=True).lines, item.article,
                      item.article.line(key))

    slots: list[Slot] = []
    for k, group in enumerate(view.toc(ctx.issue, pages)):
        rows: list[list] = [[TocLabel(group.section)]]
        for item in group.items:
            a = item.article  # the 目录 sets these in its own faces: check those faces too
            check_coverage(item.title, "song", a.path, a.line("title"))
            if item.subtitle and a.subtitle:
                check_coverage(a.subtitle, "song", a.path, a.line("subtitle"))
            if item.author and a.author:
                check_coverage(a.author, "kai", a.path, a.line("author"))
            rows += [[TocLine(item, ln, n == 0)] for n, ln in enumerate(lines(item.title, tf, item, "title"))]
            if item.subtitle:
                rows += [[TocLine(item, ln, False)] for ln in lines(item.subtitle, tf, item, "subtitle")]
            if item.author:  # right-aligned, wrapped if a unit's name is long
                rows += [[TocAuthor(item, ln)] for ln in lines(item.author, af, item, "author")]
        slots += block(2 * k, KEEP, rows) + block(2 * k + 1, SPACE, [[]])
    return slots


def toc_page(ctx: FrontContext, page: Page) -> None:
    page.kind = PageKind.TOC
    g = ctx.g
    x_left = g.left(page.number)
    hf = face(S.TOC_HEADING)
    heading = "目\u3000录"
    page.ops.append(Text(x_left + (g.text_width - hf.width(heading)) / 2, g.top - 24, heading, hf))
    pages = flow(_toc_slots(ctx), lambda k: g.lines - TOC_HEAD_LINES, 2)
    if len(pages) > 1:
        raise SourceError(ctx.manifest, ctx.issue.line("sections"), "the 目录 does not fit on one page",
                          "use 'toc: first' for sections of short items")
    top = g.top - TOC_HEAD_LINES * S.BODY.leading
    nf, sf = face(S.TOC_FOLIO), face(S.TOC_SECTION)
    measure = g.column
    for ci, col in enumerate(pages[0]):
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
    """The first padding page, the back page: the journal's call for contributions and how to
    reach it (no folio: the writer leaves it off)."""
    j, g = ctx.issue.journal, ctx.g
    x0 = g.left(page.number)
    kf, vf = face(S.HOUSE_KEY), face(S.HOUSE_VALUE)
    rows = [("投稿信箱", j.email), ("联系电话", j.phone), ("通讯地址", j.address), ("邮政编码", j.postcode),
            ("编　　辑", "　".join(j.editors))]
    width = max(kf.width(k) + 24 + text_width(v, vf) for k, v in rows)
    xk = x0 + (g.text_width - width) / 2
    y = g.top - 120
    head = "本刊欢迎投稿"
    hf = face(S.HOUSE_HEAD)
    page.ops.append(Text(x0 + (g.text_width - hf.width(head)) / 2, y, head, hf))
    page.ops.append(Rule(xk, y - 16, xk + width, y - 16, 0.6))  # as wide as the table under it
    y -= 60
    for k, v in rows:
        page.ops.append(Text(xk, y, k, kf))
        page.ops.extend(set_text(v, vf, xk + kf.width(k) + 24, y))
        y -= S.HOUSE_VALUE.leading
