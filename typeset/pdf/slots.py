"""An article's body as slots: every grid line of its column flow, each carrying a row (rows.py).

Paragraphs are composed here; their first slot keeps how to set the paragraph a line shorter
(copyfitting) or longer (column filling), for fit.py.  Headings, item titles and datelines are
display text, set balanced and ragged.
"""
from __future__ import annotations

import re
import functools
from enum import Enum

from .. import images
from .. import style as S
from .. import view
from ..errors import SourceError
from ..i18n import t as msg  # (t names a table here, tr its rows)
from ..fonts import check_coverage, face
from ..model import Article, Figure, Filler, Heading, Issue, Note, Paragraph, Quote, Section, Table
from ..text import rules as R
from ..text.composer import Composition, Line, compose
from .flow import FIGURE, FLOAT, KEEP, MIN_TEXT_UNDER_FLOAT, SPACE, TABLE, TEXT, Slot, SlotKind, block
from .rows import Align, AnchorMark, FigureImage, Row, SetLine, TailRule
from .setting import fitted, styled_runs, text_lines
from .tables import table_rows


class Head(Enum):
    """What stands in the column flow before an article's body."""
    NONE = "none"        # its title block stands above the columns (place.title_block)
    ITEM = "item"        # an item of a run-on section: a blank line, locality label and item title
    RUN_ON = "run-on"    # an article run on below the previous one: space and rule, title, subtitle, byline

_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def figure_rows(fig: Figure, article: Article, measure: float, pitch: float, max_lines: int) -> list[Row]:
    """A figure `measure` wide (narrower if it would be taller than `max_lines` grid lines with
    its caption), its height rounded up to whole grid lines, then its caption centred in 楷体:
    one row per grid line."""
    img = images.prepare(fig.path, article.path, fig.line)
    caption = text_lines(fig.caption, S.NOTE, measure, article, fig.line, balanced=True) if fig.caption else []
    w = measure
    h = w * img.size[1] / img.size[0]
    tallest = (max_lines - len(caption)) * pitch - 4
    if h > tallest:  # a tall picture is set smaller, centred in the column, rather than cut
        w, h = w * tallest / h, tallest
    img.check_resolution(w, h)
    n = -(-int(h + 4) // int(pitch))
    rows: list[Row] = [[FigureImage(fig, w, h)]] + [[] for _ in range(n - 1)]
    rows += [[SetLine(ln, Align.CENTER)] for ln in caption]
    return rows


class BodySlots:
    """Builds the slots of one plan's body (an article, or a run of items), block by block."""

    def __init__(self, g: S.PageGeometry, section: Section, measure: float, body: S.TextStyle, lines_per_col: int,
                 paragraphs: dict | None = None):
        self.g, self.section, self.measure, self.body, self.lines_per_col = g, section, measure, body, lines_per_col
        # set paragraphs, shared by the bodies of one layout: an article is laid out once per way
        # it can start, its paragraphs the same each time
        self.paragraphs: dict = {} if paragraphs is None else paragraphs
        self.bold = S.BODY_BOLD if body is S.BODY else body
        self.indent = 2 * body.size
        self.slots: list[Slot] = []
        self.item = 0

    def add(self, kind: SlotKind, rows: list[Row]) -> None:
        self.slots.extend(block(self.item, kind, rows))
        self.item += 1

    def article(self, a: Article, head: Head, first: bool) -> list[Slot]:
        """One article's slots: its head in the flow (if any), body and closing lines."""
        match head:
            case Head.ITEM:
                if not first:
                    self.add(SPACE, [[]])
                self.item_head(a)
            case Head.RUN_ON:
                self.add(SPACE, [[TailRule()]])
                self.run_on_head(a)
            case Head.NONE:
                pass
        for b in a.blocks:
            self.block(a, b)
        if a.dateline:
            self.closing(a, view.dateline_line(a), a.line("dateline"))
        if a.note:
            self.closing(a, view.closing_note(a), a.line("note"))
        if a.notes:
            self.notes(a)
        return self.slots

    def run_on_head(self, a: Article) -> None:
        """An article run on in the columns: its title (balanced, centred), subtitle and byline,
        kept with its first lines, a blank line under them."""
        head: list[Row] = []
        for ln in text_lines(a.title, S.RUN_ON_TITLE, self.measure, a, a.line("title"), balanced=True,
                             phrases=True):
            head.append([SetLine(ln, Align.CENTER)])
        head[0].insert(0, AnchorMark(a.key, a.title))
        if a.subtitle:
            head += [[SetLine(ln, Align.CENTER)] for ln in
                     text_lines(view.subtitle_line(a), S.NOTE, self.measure, a, a.line("subtitle"), balanced=True)]
        if a.author:
            head += [[SetLine(ln, Align.CENTER)] for ln in
                     text_lines(view.byline(a.author), S.NOTE, self.measure, a, a.line("author"), balanced=True,
                                phrases=True)]
        self.add(KEEP, head + [[]])

    def item_head(self, a: Article) -> None:
        """A run-on item's locality label and title, kept with its first lines."""
        head: list[Row] = []
        if a.locality:
            head.append([AnchorMark(a.key, a.title), *(SetLine(ln) for ln in
                         text_lines(a.locality, S.LOCALITY, self.measure, a, a.line("locality"), justify=False))])
        for k, ln in enumerate(text_lines(a.title, S.ITEM_TITLE, self.measure, a, a.line("title"), balanced=True,
                                           phrases=True)):
            row: Row = [SetLine(ln, Align.CENTER)]
            if k == 0 and not a.locality:
                row.insert(0, AnchorMark(a.key, a.title))
            head.append(row)
        self.add(KEEP, head)

    def block(self, a: Article, b) -> None:
        match b:
            case Heading():
                st = S.H2 if b.level == 2 else S.H3
                if b.level == 2:
                    self.add(SPACE, [[]])
                self.add(KEEP, self.heading(a, b, st))
            case Paragraph():
                self.paragraph(b, self.body, self.bold, self.measure, 0.0, a)
            case Quote():
                for p in b.paragraphs:
                    self.paragraph(p, S.QUOTE, S.QUOTE, self.measure - 2 * self.body.size, self.body.size, a)
            case Figure() if view.spans_columns(b, self.section):
                # across both columns: a float to the top of a page, with room for text below
                rows = figure_rows(b, a, self.g.text_width, self.body.leading,
                                   self.lines_per_col - MIN_TEXT_UNDER_FLOAT)
                self.slots.append(Slot(self.item, 0, len(rows), FLOAT, rows))
                self.item += 1
            case Figure():
                self.add(FIGURE, figure_rows(b, a, self.measure, self.body.leading, self.lines_per_col))
            case Table() if view.spans_columns(b, self.section):
                self.page_table(a, b)
            case Table():
                self.table(a, b)
            case _:
                raise TypeError(f"{a.path}: no PDF form for {type(b).__name__} blocks")

    def filler(self, f: Filler, issue: Issue) -> list[Slot]:
        """A 补白 item for an article's end: space and rule, its title, its text in 楷体, its source."""
        manifest = issue.root / "manifest.yaml"
        for text, st in ((f.title, S.LOCALITY), (f.text, S.QUOTE), (f.source, S.NOTE)):
            if text:
                check_coverage(text, st.face, manifest, None)
        self.add(SPACE, [[TailRule()]])
        if f.title:
            self.add(KEEP, [[SetLine(ln, Align.CENTER)] for ln in
                            text_lines(f.title, S.LOCALITY, self.measure, balanced=True, phrases=True)])
        lines = compose([(f.text, face(S.QUOTE))], self.measure, indent=self.indent).lines
        self.add(TEXT, [[SetLine(ln)] for ln in lines])
        if f.source:
            self.add(TEXT, [[SetLine(ln, Align.RIGHT)] for ln in
                            text_lines(view.dateline_line_text(f.source), S.NOTE, self.measure, balanced=True)])
        return self.slots

    def heading(self, a: Article, b: Heading, st: S.TextStyle) -> list[Row]:
        """A heading's lines, balanced; with style.HEADING_HANG the lines after the first hang
        under the text after its number (一、 or （一）)."""
        indent = 0 if b.level == 2 else self.indent
        number = _HEADING_NUMBER.match(b.text) if S.HEADING_HANG else None
        lines = text_lines(b.text, st, self.measure, a, b.line, indent=indent, balanced=True)
        if number is None or len(lines) < 2:
            return [[SetLine(ln)] for ln in lines]
        num = text_lines(number.group(), st, self.measure, a, b.line, justify=False)[0]
        hang = indent + face(st).width(number.group())  # the number's full advance: its 、 not trimmed
        rest = text_lines(b.text[number.end():], st, self.measure - hang, a, b.line, balanced=True)
        return [[SetLine(num, Align.LEFT, indent), SetLine(rest[0], Align.LEFT, hang)],
                *([SetLine(ln, Align.LEFT, hang)] for ln in rest[1:])]

    def table(self, a: Article, t: Table) -> None:
        """A table in the column: it may split between rows, its head repeated; the caption and
        head stay with the first row, a row of several lines stays whole."""
        tr = table_rows(t, a, self.measure)
        self.add(SPACE, [[]])  # a blank line above and below, dropped at a column's head
        lead = len(tr.caption) + len(tr.head)
        rows = tr.caption + tr.head + [line for row in tr.body for line in row]
        starts = {lead + sum(len(r) for r in tr.body[:k]) for k in range(1, len(tr.body))}
        slots = block(self.item, TABLE, rows)
        for k, slot in enumerate(slots):
            slot.head, slot.glued = tuple(tr.head), k > 0 and k not in starts
        self.slots.extend(slots)
        self.item += 1
        self.add(SPACE, [[]])

    def page_table(self, a: Article, t: Table) -> None:
        """A table across both columns: a float to the top of a page, like a page-wide figure."""
        tr = table_rows(t, a, self.g.text_width)
        rows = tr.caption + tr.head + [line for row in tr.body for line in row] + [[]]  # a blank line under it
        if len(rows) > self.lines_per_col - MIN_TEXT_UNDER_FLOAT:
            raise SourceError(a.path, t.line, msg("layout.page_table_too_long", number=t.number, lines=len(rows),
                                                 limit=self.lines_per_col - MIN_TEXT_UNDER_FLOAT),
                              msg("layout.page_table_too_long.fix"))
        self.slots.append(Slot(self.item, 0, len(rows), FLOAT, rows))
        self.item += 1

    def notes(self, a: Article) -> None:
        """「注释：」 and the article's notes, smaller, each number hanging before its text."""
        label = text_lines(view.NOTES_HEADING, S.NOTES_LABEL, self.measure, a, a.notes[0].line, justify=False)
        self.add(SPACE, [[]])
        for k, n in enumerate(a.notes):
            rows = self.note(a, n)
            self.add(KEEP if k == 0 else TEXT, ([[SetLine(label[0])]] if k == 0 else []) + rows)

    def note(self, a: Article, n: Note) -> list[Row]:
        if S.NOTE_MARKS == "circled" and len(a.notes) > len(view.CIRCLED):
            raise SourceError(a.path, a.notes[len(view.CIRCLED)].line, msg("layout.circled_notes"), msg("layout.circled_notes.fix"))
        num = text_lines(view.note_marker(n.number), S.NOTES_TEXT, self.measure, a, n.line, justify=False)[0]
        last = text_lines(view.note_marker(len(a.notes)), S.NOTES_TEXT, self.measure, justify=False)[0]
        hang = last.width + S.NOTE_GAP * S.NOTES_TEXT.size
        runs = styled_runs(Paragraph(n.spans, n.line), S.NOTES_TEXT, S.NOTES_TEXT_BOLD, a)
        lines = fitted(compose(runs, self.measure - hang).lines, a, n.line)
        return [[SetLine(num), SetLine(lines[0], Align.LEFT, hang)],
                *([SetLine(ln, Align.LEFT, hang)] for ln in lines[1:])]

    def closing(self, a: Article, text: str, line: int | None) -> None:
        """A dateline or closing note: balanced lines, set as a right-aligned block of flush-left
        lines."""
        lines = text_lines(text, S.NOTE, self.measure, a, line, balanced=True, phrases=True)
        x = self.measure - max(ln.width for ln in lines)
        self.add(TEXT, [[SetLine(ln, Align.LEFT, x)] for ln in lines])

    def paragraph(self, para: Paragraph, regular: S.TextStyle, bold: S.TextStyle, width: float, offset: float,
                  article: Article) -> None:
        """A body paragraph; its first slot keeps how to set it a line shorter or longer
        (copyfitting, column filling).  A paragraph is set once per layout in each style and
        measure: the rows are never modified, so every body that holds it shares them."""
        key = (id(para), id(regular), id(bold), width, offset, self.indent)
        got = self.paragraphs.get(key)
        if got is None:  # (the entry keeps the paragraph, so its id stands for it)
            runs = styled_runs(para, regular, bold, article)
            got = self.paragraphs[key] = (para, *_set_paragraph(runs, width, offset, self.indent, article, para.line))
        _, rows, tighter, looser = got
        first = len(self.slots)
        self.add(TEXT, rows)
        self.slots[first].refit = tighter
        self.slots[first].loosen = looser


def _set_paragraph(runs, width: float, offset: float, indent: float, article: Article, line: int):
    """A paragraph's rows, and how to set it a line shorter (`tighter`) or longer (`looser`)."""
    lines = fitted(compose(runs, width, indent=indent).lines, article, line)

    def rows(ls: list[Line]) -> list[Row]:
        return [[SetLine(ln, Align.LEFT, offset)] for ln in ls]

    @functools.cache  # plans of the page planner share articles: each paragraph is refit once
    def tighter():
        """(rows one line shorter, how hard the tightest line is squeezed) or None.  Each
        limit of squeezed marks a line in rules.TIGHT_SQUEEZED_MARKS in turn (one, by
        default), a later one ranked after every paragraph that an earlier one saves.  The
        paragraph is prepared once for all its trial settings, and only the one kept is placed."""
        if len(lines) < 2:
            return None
        para = Composition(runs, width, indent=indent)
        for rank, marks in enumerate(R.TIGHT_SQUEEZED_MARKS):
            if para.set(tight=R.TIGHT_LINE_PENALTIES[-1], squeeze_marks=marks).count >= len(lines):
                continue  # not even the tightest setting gives a line back
            for lp in R.TIGHT_LINE_PENALTIES:  # (the tightest again: the prepared paragraph keeps that setting)
                if (fewer := para.set(tight=lp, squeeze_marks=marks)).count == len(lines) - 1:
                    return rows(fewer.lines), rank - min(fewer.ratios)
        return None

    @functools.cache
    def looser():
        """Rows one line longer, spacing no looser than LOOSE_MAX_RATIO, or None."""
        para = Composition(runs, width, indent=indent)
        for reward in R.LOOSE_LINE_REWARDS:
            more = para.set(loose=reward)
            if more.count == len(lines) + 1:
                if max(more.ratios) <= R.LOOSE_MAX_RATIO and not any(ln.width > width + 0.5 for ln in more.lines):
                    return rows(more.lines)
                return None
        return None
    return rows(lines), tighter, looser
