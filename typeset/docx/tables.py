"""A table as a real Word table with the PDF's look: the grid of typeset/tablegrid.py, a
three-line table's rules (heavy above and below, light under the head row), the head row in
黑体 and repeated on every page (w:tblHeader), rows never split, numbers on a decimal tab so
their points line up."""
from __future__ import annotations

from docx.oxml import OxmlElement

from .. import style as S
from ..model import Article, ColumnAlign, Table
from ..tablegrid import column_widths, inset, numbers_of
from . import oxml
from . import styles as ST
from .oxml import sub, twips

_JC = {ColumnAlign.LEFT: "left", ColumnAlign.CENTER: "center", ColumnAlign.RIGHT: "right"}


def table(t: Table, article: Article, measure: float):
    widths = column_widths(t, article, measure)
    tbl = OxmlElement("w:tbl")
    pr = sub(tbl, "w:tblPr")
    sub(pr, "w:tblW", {"w:w": twips(measure), "w:type": "dxa"})
    sub(pr, "w:jc", {"w:val": "center"})
    borders = sub(pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in ("top", "bottom"):
            oxml.border(borders, side, S.TABLE_RULE_HEAVY, space_pt=0)
        else:
            sub(borders, f"w:{side}", {"w:val": "nil"})
    sub(pr, "w:tblLayout", {"w:type": "fixed"})
    pad = twips(S.TABLE_CELL_PAD * S.TABLE_TEXT.size)
    mar = sub(pr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        sub(mar, f"w:{side}", {"w:w": pad if side in ("left", "right") else 0, "w:type": "dxa"})
    sub(pr, "w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0, "w:firstColumn": 0,
                          "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1})
    grid = sub(tbl, "w:tblGrid")
    for w in widths:
        sub(grid, "w:gridCol", {"w:w": twips(w)})
    numbers = [numbers_of(t, k) if a is ColumnAlign.NUMBER else None for k, a in enumerate(t.align)]
    _row(tbl, t.head, widths, [ColumnAlign.CENTER] * len(widths), [None] * len(widths), [0.0] * len(widths), head=True)
    insets = [inset(t, k, w) for k, w in enumerate(widths)]
    for r in t.rows:
        _row(tbl, r, widths, list(t.align), numbers, insets, head=False)
    return tbl


def _row(tbl, cells, widths, aligns, numbers, insets, head: bool) -> None:
    tr = sub(tbl, "w:tr")
    trpr = sub(tr, "w:trPr")
    sub(trpr, "w:cantSplit")
    if head:
        sub(trpr, "w:tblHeader")
    for text, w, align, nums, ins in zip(cells, widths, aligns, numbers, insets):
        tc = sub(tr, "w:tc")
        tcpr = sub(tc, "w:tcPr")
        sub(tcpr, "w:tcW", {"w:w": twips(w), "w:type": "dxa"})
        if head:
            oxml.border(sub(tcpr, "w:tcBorders"), "bottom", S.TABLE_RULE_LIGHT, space_pt=0)
        sub(tcpr, "w:vAlign", {"w:val": "center"})
        p = sub(tc, "w:p")
        ppr = sub(p, "w:pPr")
        sub(ppr, "w:pStyle", {"w:val": ST.style_id("Table Head" if head else "Table Text")})
        if nums is not None and text:
            ints, rest = nums
            pad = S.TABLE_CELL_PAD * S.TABLE_TEXT.size  # tab stops count from inside the cell margin
            at = (w - ints - rest) / 2 + ints - pad  # the decimal point, where the PDF sets it
            sub(sub(ppr, "w:tabs"), "w:tab", {"w:val": "decimal", "w:pos": twips(at)})
            text = "\t" + text
        if ins:  # the column's block of cells centred under its head, as in the PDF
            sub(ppr, "w:ind", {"w:left" if align is ColumnAlign.LEFT else "w:right": twips(ins)})
        sub(ppr, "w:jc", {"w:val": _JC.get(align, "left")})
        oxml.text_runs(p, text, hint=True)
