"""Lay out an Issue into pages of display-list operations (no ReportLab here).

Front matter (cover, imprint, board, 目录) then the sections.  Page numbers are the physical
page numbers (the cover is page 1 and carries no folio), so the 目录 can be checked against
the PDF directly.  The 目录 is made after the articles are laid out, from the real pages.
"""
from __future__ import annotations

from .. import style as S
from ..fonts import face
from .. import images
from ..model import Article, Figure, Heading, Issue, Paragraph, Quote, Section
from ..text import rules as R
from ..text.composer import compose
from ..text.names import pad_name
from .flow import MIN_TEXT_UNDER_FLOAT, Slot, balance, block, flow
from .jumps import MAX_GAP, Jump, Marker, Plan, plan_jumps
from .edition import SIGNATURE
from .front import front_matter, house_page
from .ops import Box, Layout, Page, Picture, Rule, Text, TocEntry, line_ops
from .setting import fitted, styled_runs, text_lines

FRONT_PAGES = 4  # cover, imprint, board, 目录
COPYFIT_LINES = 12   # a last page with this many lines or fewer is pulled back by copyfitting
COPYFIT_TRIES = 40   # paragraphs tried, at most
FILL_TRIES = 6       # paragraphs tried above a column that ends short
SECTION_KEY = "section:"  # a section's outline entry points at its first article, under its own key


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

    def place_lines(self, page: Page, lines, x0: float, y: float, measure: float, align: str = "left"):
        for ln in lines:
            w = ln.width
            dx = {"left": 0.0, "center": (measure - w) / 2, "right": measure - w}[align]
            page.ops.extend(line_ops(ln, x0 + dx, y))

    # -- the issue -----------------------------------------------------------------------------
    def run(self) -> Layout:
        for _ in range(FRONT_PAGES):
            self.new_page("front")
        plans = [self.plan(section, arts, ncols, body, first)
                 for section in self.issue.sections for arts, ncols, body, first in self.groups(section)]
        self.out.blank_without_jumps = sum(p.blank_lines() for p in plans)
        if self.issue.page.get("jumps", True):
            plan_jumps(plans, self.flow_of, self.issue.page.get("max_gap", MAX_GAP))
        self.out.blank_lines = sum(p.blank_lines() for p in plans)
        self.out.jumps = [j for p in plans if (j := p.jump_out)]
        for plan in plans:
            self.place(plan)
        self.resolve_jump_markers()  # both ends' pages are known only now
        front_matter(self)
        return self.out

    def groups(self, section: Section):
        """How a section is set: (articles laid out together, columns, body style, first of section)."""
        if section.layout == "one-column":
            for a in section.articles:
                yield [a], 1, S.LEAD, True
        elif section.run_on:
            yield list(section.articles), 2, S.BODY, True
        else:
            for k, a in enumerate(section.articles):
                yield [a], 2, S.BODY, k == 0

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
        lines = text_lines(article.title, S.TITLE, g.text_width * 0.86, article, 1, balanced=True, phrases=True)
        for ln in lines:
            y_title -= S.TITLE.leading
            self.place_lines(page, [ln], x0, y_title + 6, g.text_width, "center")
        y_next = y_title - 4
        if article.subtitle:
            for ln in text_lines("——" + article.subtitle, S.SUBTITLE, g.text_width * 0.8, article, 1, balanced=True):
                y_next -= S.SUBTITLE.leading
                self.place_lines(page, [ln], x0, y_next + 4, g.text_width, "center")
        if article.author:
            y_next -= 2
            for ln in text_lines(pad_name(article.author), S.BYLINE, g.text_width * 0.8, article, 1,
                                  balanced=True, phrases=True):
                y_next -= S.BYLINE.leading
                self.place_lines(page, [ln], x0, y_next + 4, g.text_width, "center")
        page.anchors.append((article.key, article.title, 1, y))
        used_pt = y - y_next + 14
        return -(-int(used_pt) // int(L))

    def figure_lines(self, fig: Figure, article: Article, measure: float, pitch: float, max_lines: int) -> list:
        """A figure `measure` wide (narrower if it would be taller than `max_lines` grid lines with
        its caption), its height rounded up to whole grid lines, then its caption centred in 楷体:
        one list of ops per grid line."""
        img = images.prepare(fig.path, article.path, fig.line)
        caption = text_lines(fig.caption, S.NOTE, measure, article, fig.line, balanced=True) if fig.caption else []
        w = measure
        h = w * img.size[1] / img.size[0]
        tallest = (max_lines - len(caption)) * pitch - 4
        if h > tallest:  # a tall picture is set smaller, centred in the column, rather than cut
            w, h = w * tallest / h, tallest
        img.check_resolution(w, h)
        n = -(-int(h + 4) // int(pitch))
        rows = [[("picture", fig, w, h)]] + [[] for _ in range(n - 1)]
        rows += [[("line", ln, "center")] for ln in caption]
        return rows

    def body_slots(self, articles: list[Article], measure: float, body: S.TextStyle, run_on: bool,
                   lines_per_col: int) -> list[Slot]:
        """Every grid line of the column flow, as slots carrying the ops to draw at (x, baseline)."""
        slots: list[Slot] = []
        item = 0

        def add(kind, lines_ops):
            nonlocal item
            slots.extend(block(item, kind, lines_ops))
            item += 1

        def para(runs, width, offset, article, line):
            """A body paragraph; its first slot keeps how to set it a line shorter or longer
            (copyfitting, column filling)."""
            lines = fitted(compose(runs, width, indent=indent).lines, article, line)
            first = len(slots)

            def rows(ls):
                return [[("line", ln, offset)] for ln in ls]
            add("p", rows(lines))

            def tighter():
                """(rows one line shorter, how hard the tightest line is squeezed) or None.  Each
                limit of squeezed marks a line in rules.TIGHT_SQUEEZED_MARKS in turn (one, by
                default), a later one ranked after every paragraph that an earlier one saves."""
                if len(lines) < 2:
                    return None
                for rank, marks in enumerate(R.TIGHT_SQUEEZED_MARKS):
                    def fewer(lp):
                        return compose(runs, width, indent=indent, tight=lp, squeeze_marks=marks).lines
                    if len(fewer(R.TIGHT_LINE_PENALTIES[-1])) >= len(lines):
                        continue  # not even the tightest setting gives a line back
                    for lp in R.TIGHT_LINE_PENALTIES:
                        if len(ls := fewer(lp)) == len(lines) - 1:
                            return rows(ls), rank - min(ln.ratio for ln in ls)
                return None

            def looser():
                """(rows one line longer, spacing no looser than LOOSE_MAX_RATIO) or None."""
                for reward in R.LOOSE_LINE_REWARDS:
                    more = compose(runs, width, indent=indent, loose=reward).lines
                    if len(more) == len(lines) + 1:
                        worst = max(ln.ratio for ln in more)
                        if worst <= R.LOOSE_MAX_RATIO and not any(ln.width > width + 0.5 for ln in more):
                            return rows(more)
                        return None
                return None
            slots[first].refit = tighter
            slots[first].loosen = looser

        bold = S.BODY_BOLD if body is S.BODY else body
        indent = 2 * body.size
        for ai, a in enumerate(articles):
            if run_on:
                if ai:
                    add("s", [[]])
                head = []
                if a.locality:
                    head.append([("anchor", a.key, a.title)] + [("line", ln, 0.0) for ln in
                                text_lines(a.locality, S.LOCALITY, measure, a, 1, justify=False)])
                tl = text_lines(a.title, S.ITEM_TITLE, measure, a, 1, balanced=True, phrases=True)
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
                    lines = text_lines(b.text, st, measure, a, b.line, indent=0 if b.level == 2 else indent,
                                        balanced=True)
                    add("h", [[("line", ln, 0.0)] for ln in lines])
                elif isinstance(b, Paragraph):
                    para(styled_runs(b, body, bold, a), measure, 0.0, a, b.line)
                elif isinstance(b, Quote):
                    for p in b.paragraphs:
                        para(styled_runs(p, S.QUOTE, S.QUOTE, a), measure - 2 * body.size, body.size, a, p.line)
                elif isinstance(b, Figure) and b.width == "page" and measure == self.g.column:
                    # across both columns: a float to the top of a page, with room for text below
                    rows = self.figure_lines(b, a, self.g.text_width, body.leading, lines_per_col - MIN_TEXT_UNDER_FLOAT)
                    slots.append(Slot(item, 0, len(rows), "F", rows))
                    item += 1
                elif isinstance(b, Figure):
                    add("f", self.figure_lines(b, a, measure, body.leading, lines_per_col))
            for closing in ("——" + a.dateline if a.dateline else None, f"（{a.note}）" if a.note else None):
                if closing:  # a right-aligned block of flush-left lines
                    lines = text_lines(closing, S.NOTE, measure, a, 1, balanced=True, phrases=True)
                    x = measure - max(ln.width for ln in lines)
                    add("p", [[("line", ln, x)] for ln in lines])
        return slots

    def plan(self, section: Section, articles: list[Article], ncols: int, body: S.TextStyle,
             first_of_section: bool) -> Plan:
        """Compose an article (or a run of short items) and flow it into pages, drawing nothing."""
        g = self.g
        pitch = body.leading
        lines_per_col = int(g.lines * S.BODY.leading // pitch)
        measure = g.column if ncols == 2 else int(g.text_width // body.size) * body.size
        run_on = len(articles) > 1 or section.run_on
        scratch = Page(0, "article")
        head_lines = self.title_block(scratch, section, None if run_on else articles[0], first_of_section)
        head_pitch_lines = int(head_lines * S.BODY.leading // pitch + 0.999)
        plan = Plan(section, articles, ncols, body, first_of_section, run_on, measure, pitch, lines_per_col,
                    lines_per_col - head_pitch_lines, head_pitch_lines,
                    self.body_slots(articles, measure, body, run_on, lines_per_col))
        plan.pages = self.flow_of(plan, plan.slots)
        if self.issue.page.get("copyfit", True):
            self.copyfit(plan)
            self.fill_columns(plan)
        return plan

    def fill_columns(self, plan: Plan) -> None:
        """Columns that end a line short before an article's last page (a paragraph kept from
        leaving a first or last line alone) are filled by setting a paragraph above the gap one
        line longer, its spacing opened a little, as a typesetter would; kept only if no column
        or page is lost."""
        def short(pages):
            return [(pi, ci) for pi, cols in enumerate(pages[:-1]) for ci, col in enumerate(cols)
                    if len(col) < plan.cap(pi) - cols.top_lines]

        gaps = short(plan.pages)
        tried = set()
        while gaps:
            pi, ci = gaps[0]
            col = plan.pages[pi][ci]
            firsts = [s for s in col if s.loosen is not None and id(s) not in tried][::-1]  # nearest the gap first
            for s in firsts[:FILL_TRIES]:
                tried.add(id(s))
                rows = s.loosen()
                if rows is None:
                    continue
                k = plan.slots.index(s)
                slots = plan.slots[:k] + block(s.item, "p", rows) + plan.slots[k + s.count:]
                pages = self.flow_of(plan, slots)
                if len(pages) == len(plan.pages) and len(short(pages)) < len(gaps):
                    plan.slots, plan.pages = slots, pages
                    break
            else:
                return  # nothing in that column helps: leave it
            gaps = short(plan.pages)

    def copyfit(self, plan: Plan) -> None:
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
        chosen: dict[int, tuple] = {}

        def layout_with(picks):
            slots = []
            for s in plan.slots:
                if s.pos == 0 and id(s) in picks:
                    head, rows = picks[id(s)]
                    slots.extend(block(head.item, "p", rows))
                elif not (s.kind == "p" and s.pos > 0 and id(slot_head[id(s)]) in picks):
                    slots.append(s)
            return slots

        slot_head, head = {}, None  # each paragraph line → its paragraph's first slot
        for s in plan.slots:
            head = s if s.pos == 0 else head
            slot_head[id(s)] = head
        for squeeze, s, rows in options[:COPYFIT_TRIES]:
            chosen[id(s)] = (s, rows)
            slots = layout_with(chosen)
            pages = self.flow_of(plan, slots)
            if len(pages) < len(plan.pages):
                for key in list(chosen):  # give back what the saving does not need
                    trial = {k: v for k, v in chosen.items() if k != key}
                    t_slots = layout_with(trial)
                    t_pages = self.flow_of(plan, t_slots)
                    if len(t_pages) == len(pages):
                        chosen, slots, pages = trial, t_slots, t_pages
                plan.slots, plan.pages = slots, pages
                return

    def flow_of(self, plan: Plan, slots: list[Slot]) -> list:
        """Flow slots as the plan's pages take them, the last page's columns balanced."""
        pages = flow(slots, plan.cap, plan.ncols)
        if plan.ncols == 2 and pages and any(pages[-1]):
            start = slots.index(next(s for col in pages[-1] for s in col))  # slots compare by identity
            bal = balance(slots, start, plan.cap(len(pages) - 1), top=pages[-1].top)
            if bal is not None:
                pages[-1] = bal
        return pages

    def place(self, plan: Plan) -> None:
        """Draw a planned article onto new pages."""
        g, section, pitch = self.g, plan.section, plan.pitch
        for pi, cols in enumerate(plan.pages):
            page = self.new_page("article", section.title)
            if pi == 0:
                self.title_block(page, section, None if plan.run_on else plan.articles[0], plan.first_of_section)
                page.opening = plan.first_of_section
            top = g.top - (plan.head_pitch_lines * pitch if pi == 0 else 0)
            x_left = g.left(page.number)
            for fl in cols.top:  # page-wide floats across the columns, then the columns below
                for li, row in enumerate(fl.payload):
                    self.place_row(page, plan, row, x_left, top - li * pitch, g.text_width)
                top -= fl.count * pitch
            for ci, col in enumerate(cols):
                x0 = x_left + ci * (g.column + g.gap)
                for li, slot in enumerate(col):
                    self.place_row(page, plan, slot.payload, x0, top - li * pitch, plan.measure)
        for a in plan.articles:
            start = next(p.number for p in self.out.pages if any(an[0] == a.key for an in p.anchors))
            self.out.toc.append(TocEntry(section.title, a.title, a.subtitle, a.author, a.key, start))

    def place_row(self, page: Page, plan: Plan, row: list, x0: float, row_top: float, measure: float) -> None:
        """Draw one grid line's ops, the line's top at row_top."""
        y = row_top - plan.body.size * 0.88
        for op in row:
            if op[0] == "anchor":
                page.anchors.append((op[1], op[2], 1, y + plan.body.size))
            elif op[0] == "rule":  # a short rule centred in its line: sets a jumped tail apart
                mid = row_top - plan.pitch / 2
                page.ops.append(Rule(x0 + measure / 3, mid, x0 + measure * 2 / 3, mid, 0.4))
            elif op[0] == "picture":  # hangs from the top of its first grid line
                _, fig, w, h = op
                page.ops.append(Picture(x0 + (measure - w) / 2, row_top - h, w, h, fig.path,
                                        plan.articles[0].path, fig.line))
            elif op[0] == "jump":  # 下转 / 上接: its text waits until both pages are known
                self.place_jump_marker(page, op[1], op[2], x0, y, measure)
            else:
                _, ln, align = op
                if isinstance(align, float):
                    page.ops.extend(line_ops(ln, x0 + align, y))
                else:
                    self.place_lines(page, [ln], x0, y, measure, align)

    def place_jump_marker(self, page: Page, jump: Jump, end: str, x0: float, y: float, measure: float) -> None:
        """Note where a 下转/上接 marker stands; its text waits for the page at the other end."""
        if end == "out":
            jump.from_page = page.number
        else:
            jump.to_page = page.number
        page.ops.append(Marker(jump, end, x0, y, measure))

    def resolve_jump_markers(self) -> None:
        for page in self.out.pages:
            if not any(isinstance(op, Marker) for op in page.ops):
                continue
            ops, page.ops = page.ops, []
            for op in ops:
                if not isinstance(op, Marker):
                    page.ops.append(op)
                    continue
                j = op.jump
                text = f"（下转第{j.to_page:02d}页）" if op.end == "out" else f"（上接第{j.from_page:02d}页）"
                ln = text_lines(text, S.NOTE, op.measure, justify=False)[0]
                self.place_lines(page, [ln], op.x0, op.y, op.measure, "right" if op.end == "out" else "left")


def lay_out(issue: Issue, pad_to: int = SIGNATURE) -> Layout:
    """Lay the issue out; pad it with blanks and a house page (the back page) to a multiple of
    `pad_to` pages (saddle stitching folds sheets of 4).  The screen edition drops the padding."""
    lay = IssueLayout(issue)
    out = lay.run()
    out.padding = -len(out.pages) % pad_to
    for k in range(out.padding):  # blanks, then the house page as the back page
        if k == out.padding - 1:
            house_page(lay, lay.new_page("house"))
        else:
            lay.new_page("blank")
    seen = set()
    for section in issue.sections:
        entries = [e for e in out.toc if e.section == section.title]
        out.outline.append((0, section.title, SECTION_KEY + entries[0].key))  # its own destination
        for e in entries:
            if e.key not in seen:
                out.outline.append((1, e.title, e.key))
                seen.add(e.key)
    return out
