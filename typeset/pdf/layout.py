"""Lay out an Issue into pages of display-list operations (no ReportLab here).

Front matter (cover, imprint, board, 目录) then the sections.  Page numbers are the physical
page numbers (the cover is page 1 and carries no folio), so the 目录 can be checked against
the PDF directly.  The 目录 is made after the articles are laid out, from the real pages.
"""
from __future__ import annotations

from .. import style as S
from ..fonts import check_coverage, face
from ..model import Article, Heading, Issue, Paragraph, Quote, Section
from ..text.composer import compose
from ..text.names import pad_name
from .flow import Slot, balance, flow
from .edition import SIGNATURE
from .front import front_matter, house_page
from .ops import Box, Layout, Page, Rule, Text, TocEntry, line_ops

FRONT_PAGES = 4  # cover, imprint, board, 目录


def _runs(para: Paragraph, regular: S.TextStyle, bold: S.TextStyle, article: Article):
    runs = []
    for sp in para.spans:
        st = bold if sp.bold else regular
        check_coverage(sp.text, st.face, article.path, para.line)
        runs.append((sp.text, face(st)))
    return runs


def _text_lines(text: str, st: S.TextStyle, measure: float, article: Article | None = None, line: int | None = None,
                justify: bool = True, indent: float = 0.0):
    if article is not None:
        check_coverage(text, st.face, article.path, line)
    return compose([(text, face(st))], measure, indent=indent, justify=justify).lines


class IssueLayout:
    def __init__(self, issue: Issue):
        self.issue = issue
        self.g = S.geometry(issue.page.get("trim", S.DEFAULT_TRIM))
        self.out = Layout(geometry=self.g)

    # -- helpers -------------------------------------------------------------------------------
    def new_page(self, kind: str, section: str | None = None) -> Page:
        p = Page(number=len(self.out.pages) + 1, kind=kind, section=section)
        self.out.pages.append(p)
        return p

    def baseline(self, top: float, i: int, st: S.TextStyle = S.BODY) -> float:
        return top - i * S.BODY.leading - st.size * 0.88

    def place_lines(self, page: Page, lines, x0: float, y: float, measure: float, align: str = "left"):
        for ln in lines:
            w = ln.width
            dx = {"left": 0.0, "center": (measure - w) / 2, "right": measure - w}[align]
            page.ops.extend(line_ops(ln, x0 + dx, y))

    # -- the issue -----------------------------------------------------------------------------
    def run(self) -> Layout:
        for _ in range(FRONT_PAGES):
            self.new_page("front")
        for section in self.issue.sections:
            self.lay_section(section)
        front_matter(self)
        return self.out

    def lay_section(self, section: Section):
        if section.layout == "one-column":
            for a in section.articles:
                self.lay_article(section, [a], ncols=1, body=S.LEAD, first_of_section=True)
        elif section.run_on:
            self.lay_article(section, list(section.articles), ncols=2, body=S.BODY, first_of_section=True)
        else:
            for k, a in enumerate(section.articles):
                self.lay_article(section, [a], ncols=2, body=S.BODY, first_of_section=(k == 0))

    def title_block(self, page: Page, section: Section, article: Article | None, first_of_section: bool) -> int:
        """Draw the block above the columns; return the grid lines it takes."""
        g, L = self.g, S.BODY.leading
        x0 = g.left(page.number)
        y = g.top
        used = 0.0
        if first_of_section:
            lab = face(S.TextStyle("hei-bold", 14, 17))
            page.ops.append(Text(x0, y - 14, section.title, lab))
            w = lab.width(section.title)
            page.ops.append(Rule(x0, y - 19, x0 + g.text_width, y - 19, 0.4))
            page.ops.append(Box(x0, y - 21, w, 2.5))
            used += 2 * L
        if article is None:
            return round(used / L)
        y_title = y - used - 8
        lines = _text_lines(article.title, S.TITLE, g.text_width * 0.86, article, 1, justify=False)
        for ln in lines:
            y_title -= S.TITLE.leading
            self.place_lines(page, [ln], x0, y_title + 6, g.text_width, "center")
        y_next = y_title - 4
        if article.subtitle:
            for ln in _text_lines("——" + article.subtitle, S.SUBTITLE, g.text_width * 0.8, article, 1, justify=False):
                y_next -= S.SUBTITLE.leading
                self.place_lines(page, [ln], x0, y_next + 4, g.text_width, "center")
        if article.author:
            y_next -= S.BYLINE.leading + 2
            for ln in _text_lines(pad_name(article.author),
                                  S.BYLINE, g.text_width, article, 1, justify=False):
                self.place_lines(page, [ln], x0, y_next + 4, g.text_width, "center")
        page.anchors.append((article.key, article.title, 1, y))
        used_pt = y - y_next + 14
        return -(-int(used_pt) // int(L))

    def body_slots(self, articles: list[Article], measure: float, body: S.TextStyle, run_on: bool) -> list[Slot]:
        """Every grid line of the column flow, as slots carrying the ops to draw at (x, baseline)."""
        slots: list[Slot] = []
        item = 0

        def add(kind, lines_ops):
            nonlocal item
            for k, ops in enumerate(lines_ops):
                slots.append(Slot(item, k, len(lines_ops), kind, ops))
            item += 1

        bold = S.BODY_BOLD if body is S.BODY else body
        indent = 2 * body.size
        for ai, a in enumerate(articles):
            if run_on:
                if ai:
                    add("s", [[]])
                head = []
                if a.locality:
                    head.append([("anchor", a.key, a.title)] + [("line", ln, 0.0) for ln in
                                _text_lines(a.locality, S.LOCALITY, measure, a, 1, justify=False)])
                tl = _text_lines(a.title, S.ITEM_TITLE, measure, a, 1, justify=False)
                for k, ln in enumerate(tl):
                    entry = [("line", ln, "center")]
                    if k == 0 and not a.locality:
                        entry.insert(0, ("anchor", a.key, a.title))
                    head.append(entry)
                add("h", head)
            for b in a.blocks:
                if isinstance(b, Heading):
                    st = S.H2 if b.level == 2 else S.H3
                    if b.level == 2:
                        add("s", [[]])
                    lines = _text_lines(b.text, st, measure, a, b.line, indent=0 if b.level == 2 else indent)
                    add("h", [[("line", ln, 0.0)] for ln in lines])
                elif isinstance(b, Paragraph):
                    lines = compose(_runs(b, body, bold, a), measure, indent=indent).lines
                    add("p", [[("line", ln, 0.0)] for ln in lines])
                elif isinstance(b, Quote):
                    for p in b.paragraphs:
                        lines = compose(_runs(p, S.QUOTE, S.QUOTE, a), measure - 2 * body.size, indent=indent).lines
                        add("p", [[("line", ln, body.size)] for ln in lines])
            if a.dateline:
                lines = _text_lines("——" + a.dateline, S.NOTE, measure, a, 1, justify=False)
                add("p", [[("line", ln, "right")] for ln in lines])
            if a.note:
                lines = _text_lines(f"（{a.note}）", S.NOTE, measure, a, 1, justify=False)
                add("p", [[("line", ln, "right")] for ln in lines])
        return slots

    def lay_article(self, section: Section, articles: list[Article], ncols: int, body: S.TextStyle, first_of_section: bool):
        g = self.g
        pitch = body.leading
        lines_per_col = int(g.lines * S.BODY.leading // pitch)
        measure = g.column if ncols == 2 else int(g.text_width // body.size) * body.size
        run_on = len(articles) > 1 or section.run_on
        first = self.new_page("article", section.title)
        head_lines = self.title_block(first, section, None if run_on else articles[0], first_of_section)
        head_pitch_lines = int(head_lines * S.BODY.leading // pitch + 0.999)
        slots = self.body_slots(articles, measure, body, run_on)
        first_cap = lines_per_col - head_pitch_lines
        pages = flow(slots, lambda k: first_cap if k == 0 else lines_per_col, ncols)
        # balance the columns of the last page
        if ncols == 2 and pages:
            last = pages[-1]
            if any(last):
                start_slot = next(s for col in last for s in col)
                start = next(k for k, s in enumerate(slots) if s is start_slot)
                cap = first_cap if len(pages) == 1 else lines_per_col
                bal = balance(slots, start, cap)
                if bal is not None:
                    pages[-1] = bal
        for pi, cols in enumerate(pages):
            page = first if pi == 0 else self.new_page("article", section.title)
            top = g.top - (head_pitch_lines * pitch if pi == 0 else 0)
            x_left = g.left(page.number)
            cap = first_cap if pi == 0 else lines_per_col
            if pi == len(pages) - 1:
                page.blank_lines = sum(cap - len(c) for c in cols)
            for ci, col in enumerate(cols):
                x0 = x_left + ci * (g.column + g.gap)
                for li, slot in enumerate(col):
                    y = top - li * pitch - body.size * 0.88
                    for op in slot.payload:
                        if op[0] == "anchor":
                            page.anchors.append((op[1], op[2], 1, y + body.size))
                            continue
                        _, ln, align = op
                        if isinstance(align, float):
                            page.ops.extend(line_ops(ln, x0 + align, y))
                        else:
                            self.place_lines(page, [ln], x0, y, measure, align)
        for a in articles:
            start = next(p.number for p in self.out.pages if any(an[0] == a.key for an in p.anchors))
            self.out.toc.append(TocEntry(section.title, a.title, a.subtitle, a.author, a.key, start))


def lay_out(issue: Issue, pad_to: int = SIGNATURE) -> Layout:
    """Lay the issue out; pad it with a house page and blanks to a multiple of `pad_to` pages
    (saddle stitching folds sheets of 4).  The screen edition drops the padding again."""
    lay = IssueLayout(issue)
    out = lay.run()
    out.content_pages = len(out.pages)
    while len(out.pages) % pad_to:
        if out.padding == 0:
            house_page(lay, lay.new_page("house"))
        else:
            lay.new_page("blank")
        out.padding += 1
    seen = set()
    for section in issue.sections:
        entries = [e for e in out.toc if e.section == section.title]
        out.outline.append((0, section.title, entries[0].key))
        for e in entries:
            if e.key not in seen:
                out.outline.append((1, e.title, e.key))
                seen.add(e.key)
    return out
