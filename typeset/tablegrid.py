"""A table's grid, for both writers: column widths and where numbers stand.

Columns get their natural width (widest cell, one line, padded) and share what the measure has
left in proportion; when the natural widths do not fit, columns of words wrap (never narrower
than style.TABLE_MIN_TEXT ems) and columns of numbers keep their width.  A table that cannot
fit even so is an error naming its line.  In a column of numbers the decimal points line up,
the block of numbers centred in the column.
"""
from __future__ import annotations

import re

from . import style as S
from .errors import SourceError
from .i18n import t as tr  # (t names a table here)
from .fonts import face
from .model import Article, ColumnAlign, Table
from .text.composer import compose
from .text.units import Face

INTEGER = re.compile(r"^[^.]*")  # the part of a number before its decimal point


def integer_part(number: str) -> str:
    """The part of a number before its decimal point (INTEGER always matches, if only the empty string)."""
    m = INTEGER.match(number)
    return m.group() if m else ""


def text_width(text: str, f: Face) -> float:
    """The width of `text` set on one line by the composer."""
    lines = compose([(text, f)], 10_000.0, justify=False).lines if text else []
    return lines[0].width if lines else 0.0


def _natural(t: Table) -> list[float]:
    """Each column's widest cell, set on one line, with its padding."""
    pad = 2 * S.TABLE_CELL_PAD * S.TABLE_TEXT.size
    return [max([text_width(t.head[k], face(S.TABLE_HEAD))] + [text_width(r[k], face(S.TABLE_TEXT)) for r in t.rows])
            + pad for k in range(len(t.head))]


def column_widths(t: Table, article: Article, measure: float) -> list[float]:
    """Natural widths, the spare shared in proportion; or words wrapped to fit; or an error."""
    natural = _natural(t)
    total = sum(natural)
    if total <= measure:
        return [w * measure / total for w in natural]
    least = [w if a in (ColumnAlign.NUMBER, ColumnAlign.RIGHT) else min(w, (S.TABLE_MIN_TEXT + 2 * S.TABLE_CELL_PAD)
                                                                        * S.TABLE_TEXT.size)
             for w, a in zip(natural, t.align)]
    if sum(least) > measure:
        key = "layout.table_too_wide_page" if t.width == "page" else "layout.table_too_wide_column"
        raise SourceError(article.path, t.line, tr(key, number=t.number, columns=len(t.head), need=sum(least), width=measure),
                          tr(f"{key}.fix"))
    give = sum(n - m for n, m in zip(natural, least))
    spare = measure - sum(least)
    return [m + (n - m) * spare / give for n, m in zip(natural, least)]


def numbers_of(t: Table, k: int) -> tuple[float, float]:
    """(widest integer part, widest rest) of column k's numbers, for lining up their points."""
    f = face(S.TABLE_TEXT)
    cells = [r[k] for r in t.rows if r[k]]
    ints = [text_width(integer_part(c), f) for c in cells]
    return max(ints, default=0.0), max((text_width(c, f) - i for c, i in zip(cells, ints)), default=0.0)




def inset(t: Table, k: int, width: float) -> float:
    """How far column k's cells stand in from its padding when they are aligned left or right:
    the block of its body cells (as wide as the widest) is centred under the head, so a wide
    column does not leave its words at one edge and its head in the middle."""
    if t.align[k] not in (ColumnAlign.LEFT, ColumnAlign.RIGHT):
        return 0.0
    widest = max((text_width(r[k], face(S.TABLE_TEXT)) for r in t.rows), default=0.0)
    room = width - 2 * S.TABLE_CELL_PAD * S.TABLE_TEXT.size
    return max(0.0, (room - widest) / 2)
