"""A table as grid lines of rows (rows.py): caption 「表N　…」 centred above, the head row in 黑体,
the rules of a three-line table (三线表), numbers with their decimal points lined up.

Column widths and the lining up of numbers are decided in typeset/tablegrid.py, for both writers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import style as S
from .. import view
from ..fonts import face
from ..model import Article, ColumnAlign, Table
from ..tablegrid import column_widths, inset, integer_part, numbers_of, text_width
from .rows import Align, Edge, Row, SetLine, TableRule
from .setting import text_lines


@dataclass(frozen=True)
class TableRows:
    """A table set as grid lines: caption, head row (repeated after a split) and body rows."""
    caption: list[Row]
    head: list[Row]           # the head row's grid lines (repeated after a split)
    body: list[list[Row]]     # each body row's grid lines


def _cell(text: str, st: S.TextStyle, x: float, w: float, align: ColumnAlign, numbers: tuple[float, float] | None,
          inset: float, article: Article, line: int) -> list[SetLine]:
    """A cell's lines placed in its column: numbers on their decimal point, the rest as aligned,
    `inset` pt further in (tablegrid.inset)."""
    pad = S.TABLE_CELL_PAD * S.TABLE_TEXT.size + inset
    lines = text_lines(text, st, w - 2 * pad, article, line, justify=False, balanced=True) if text else []
    out = []
    for ln in lines:
        match align:
            case ColumnAlign.NUMBER if numbers is not None:
                ints, rest = numbers
                block = x + (w - ints - rest) / 2
                offset = block + ints - text_width(integer_part(text), face(st))
            case ColumnAlign.LEFT | ColumnAlign.NUMBER:
                offset = x + pad
            case ColumnAlign.RIGHT:
                offset = x + w - pad - ln.width
            case ColumnAlign.CENTER:
                offset = x + (w - ln.width) / 2
        out.append(SetLine(ln, Align.LEFT, offset))
    return out


def _row(cells: tuple[str, ...], st: S.TextStyle, widths: list[float], aligns: list[ColumnAlign],
         numbers: list, insets: list[float], article: Article, line: int) -> list[Row]:
    """One table row as grid lines: each cell's lines side by side."""
    x, columns = 0.0, []
    for k, text in enumerate(cells):
        columns.append(_cell(text, st, x, widths[k], aligns[k], numbers[k], insets[k], article, line))
        x += widths[k]
    n = max(1, *(len(c) for c in columns))
    return [[c[m] for c in columns if m < len(c)] for m in range(n)]


def table_rows(t: Table, article: Article, measure: float) -> TableRows:
    widths = column_widths(t, article, measure)
    numbers = [numbers_of(t, k) if a is ColumnAlign.NUMBER else None for k, a in enumerate(t.align)]
    none = [None] * len(widths)
    head = _row(t.head, S.TABLE_HEAD, widths, [ColumnAlign.CENTER] * len(widths), none, [0.0] * len(widths),
                article, t.line)
    head[0].append(TableRule(Edge.TOP, S.TABLE_RULE_HEAVY))
    head[-1].append(TableRule(Edge.FOOT, S.TABLE_RULE_LIGHT))
    insets = [inset(t, k, w) for k, w in enumerate(widths)]
    body = [_row(r, S.TABLE_TEXT, widths, list(t.align), numbers, insets, article, t.line) for r in t.rows]
    body[-1][-1].append(TableRule(Edge.FOOT, S.TABLE_RULE_HEAVY))
    caption = [[SetLine(ln, Align.CENTER)] for ln in
               text_lines(view.table_caption(t), S.TABLE_CAPTION, measure, article, t.line, balanced=True)]
    return TableRows(caption, head, body)
