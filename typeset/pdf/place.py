"""Drawing planned articles onto pages: the title block, then each grid line's row, then (once
every page is known) the 下转 / 上接 markers."""
from __future__ import annotations

from .. import style as S
from .. import view
from ..fonts import face
from ..model import Article, Section
from ..text.composer import Line
from .ops import Anchor, Box, Layout, Marker, Page, PageKind, Picture, Rule, Text, TocEntry, line_ops
from .plan import Plan
from .flow import TABLE
from .rows import Align, AnchorMark, Edge, FigureImage, JumpEnd, JumpMark, Row, SetLine, TableRule, TailRule
from .setting import text_lines


def place_line(page: Page, ln: Line, x0: float, y: float, measure: float, align: Align = Align.LEFT,
               offset: float = 0.0) -> None:
    match align:
        case Align.LEFT:
            x = x0 + offset
        case Align.CENTER:
            x = x0 + (measure - ln.width) / 2
        case Align.RIGHT:
            x = x0 + (measure - ln.width)
    page.ops.extend(line_ops(ln, x, y))


def title_block(page: Page, g: S.PageGeometry, section: Section, article: Article | None,
                first_of_section: bool) -> int:
    """Draw the block above the columns (the section's label on its first page, the article's
    title, subtitle and byline); return the grid lines it takes."""
    L = S.BODY.leading
    x0 = g.left(page.number)
    y = g.top
    used = 0.0
    if first_of_section:
        lab = face(S.SECTION_LABEL)
        page.ops.append(Text(x0, y - 14, section.title, lab))
        w = lab.width(section.title)
        page.ops.append(Rule(x0, y - 19, x0 + g.text_width, y - 19, 0.4))
        page.ops.append(Box(x0, y - 21, w, 2.5))
        used += 2 * L
    if article is None:
        return round(used / L)
    y_title = y - used - 8
    for ln in text_lines(article.title, S.TITLE, g.text_width * 0.86, article, article.line("title"), balanced=True, phrases=True):
        y_title -= S.TITLE.leading
        place_line(page, ln, x0, y_title + 6, g.text_width, Align.CENTER)
    y_next = y_title - 4
    if article.subtitle:
        for ln in text_lines(view.subtitle_line(article), S.SUBTITLE, g.text_width * 0.8, article,
                             article.line("subtitle"), balanced=True):
            y_next -= S.SUBTITLE.leading
            place_line(page, ln, x0, y_next + 4, g.text_width, Align.CENTER)
    if article.author:
        y_next -= 2
        for ln in text_lines(view.byline(article.author), S.BYLINE, g.text_width * 0.8, article, article.line("author"),
                             balanced=True, phrases=True):
            y_next -= S.BYLINE.leading
            place_line(page, ln, x0, y_next + 4, g.text_width, Align.CENTER)
    page.anchors.append(Anchor(article.key, article.title, 1, y))
    used_pt = y - y_next + 14
    return -(-int(used_pt) // int(L))


def place(out: Layout, plan: Plan) -> None:
    """Draw a planned article onto new pages, and note where each of its articles starts."""
    g = out.geometry
    section, pitch = plan.section, plan.pitch
    for pi, cols in enumerate(plan.pages):
        page = out.new_page(PageKind.ARTICLE, section.title)
        if pi == 0:
            title_block(page, g, section, None if plan.run_on else plan.articles[0], plan.first_of_section)
            page.opening = plan.first_of_section
        top = g.top - (plan.head_pitch_lines * pitch if pi == 0 else 0)
        x_left = g.left(page.number)
        for fl in cols.top:  # page-wide floats across the columns, then the columns below
            for li, row in enumerate(fl.payload):
                place_row(page, plan, row, x_left, top - li * pitch, g.text_width)
            top -= fl.count * pitch
        for ci, col in enumerate(cols):
            x0 = x_left + ci * (g.column + g.gap)
            for li, slot in enumerate(col):
                place_row(page, plan, slot.payload, x0, top - li * pitch, plan.measure)
            if col and col[-1].kind is TABLE and col[-1].pos < col[-1].count - 1:  # a table split here
                place_row(page, plan, [TableRule(Edge.FOOT, S.TABLE_RULE_HEAVY)], x0, top - (len(col) - 1) * pitch,
                          plan.measure)
    for a in plan.articles:
        start = next(p for p in out.pages if any(an.key == a.key for an in p.anchors))
        out.toc.append(TocEntry(section.title, a.title, a.subtitle, a.author, a.key, start.folio or 0, start.number))


def place_row(page: Page, plan: Plan, row: Row, x0: float, row_top: float, measure: float) -> None:
    """Draw one grid line's row, the line's top at row_top."""
    y = row_top - plan.body.size * 0.88
    for item in row:
        match item:
            case SetLine():
                place_line(page, item.line, x0, y, measure, item.align, item.offset)
            case AnchorMark():
                page.anchors.append(Anchor(item.key, item.title, 1, y + plan.body.size))
            case TableRule():  # a little above the grid line's edge: midway between the lines' ink
                edge = row_top if item.edge is Edge.TOP else row_top - plan.pitch
                y_rule = edge + S.TABLE_RULE_LIFT
                page.ops.append(Rule(x0, y_rule, x0 + measure, y_rule, item.weight))
            case TailRule():
                mid = row_top - plan.pitch / 2
                page.ops.append(Rule(x0 + measure / 3, mid, x0 + measure * 2 / 3, mid, 0.4))
            case FigureImage():  # hangs from the top of its first grid line
                fig = item.figure
                page.ops.append(Picture(x0 + (measure - item.w) / 2, row_top - item.h, item.w, item.h, fig.path,
                                        plan.articles[0].path, fig.line))
            case JumpMark():  # its text waits until both pages are known
                if item.end is JumpEnd.OUT:
                    item.jump.from_page, item.jump.from_folio = page.number, page.folio or 0
                else:
                    item.jump.to_page, item.jump.to_folio = page.number, page.folio or 0
                page.ops.append(Marker(item.jump, item.end, x0, y, measure))
            case _:
                raise TypeError(f"no PDF form for a {type(item).__name__} in a row")


def resolve_jump_markers(out: Layout) -> None:
    """Set each 下转 / 上接 line, now that the pages at both ends are known."""
    for page in out.pages:
        if not any(isinstance(op, Marker) for op in page.ops):
            continue
        ops, page.ops = page.ops, []
        for op in ops:
            if not isinstance(op, Marker):
                page.ops.append(op)
                continue
            j, out_end = op.jump, op.end is JumpEnd.OUT
            text = view.jump_marker(out_end, j.to_folio if out_end else j.from_folio)
            ln = text_lines(text, S.NOTE, op.measure, justify=False)[0]
            place_line(page, ln, op.x0, op.y, op.measure, Align.RIGHT if out_end else Align.LEFT)
