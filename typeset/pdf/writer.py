"""Render a Layout with ReportLab's canvas: embedded subset TrueType fonts, CMYK colour,
running heads and folios, links from the 目录, an outline, reproducible bytes."""
from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from .. import style as S
from ..fonts import face
from ..model import Issue
from .layout import Layout
from .ops import Box, Rule, Text


def render(issue: Issue, lay: Layout) -> bytes:
    g = lay.geometry
    buf = io.BytesIO()
    body = face(S.BODY)
    c = Canvas(buf, pagesize=(g.width, g.height), invariant=1, pageCompression=1,
               initialFontName=body.name, initialFontSize=body.size, initialLeading=S.BODY.leading)
    j, iss = issue.journal, issue.issue
    c.setTitle(f"{j.title} {iss.label}")
    c.setAuthor(j.sponsor)
    c.setSubject(f"{j.title}（内部刊物）{iss.label}")
    c.setKeywords([j.title, iss.label, *[s.title for s in issue.sections]])
    c.setCreator("typeset (《研究与交流》 typesetter)")
    c.setProducer("typeset + ReportLab")
    c.setCatalogEntry("Lang", "zh-CN")
    dests = {}
    for p in lay.pages:
        for key, *_ in p.anchors:
            dests.setdefault(key, p.number)
    for page in lay.pages:
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setStrokeColorCMYK(0, 0, 0, 1)
        for key, title, level, y in page.anchors:
            c.bookmarkHorizontal(key, 0, min(y + 20, g.height))
        for op in page.ops:
            _draw(c, op)
        if page.kind != "cover":
            _marginalia(c, issue, g, page)
        for rect, dest in page.links:
            c.linkRect("", dest, rect, relative=0, thickness=0)
        if page.number == 1:
            for level, title, key in lay.outline:
                c.addOutlineEntry(title, key, level=level, closed=level == 0 and False)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c: Canvas, op) -> None:
    if isinstance(op, Text):
        c.setFillColorCMYK(*op.cmyk)
        t = c.beginText()
        t.setFont(op.face.name, op.face.size)
        t.setTextOrigin(op.x, op.y)
        t.setCharSpace(op.cs)  # always: Tc persists in the text state across BT/ET
        t.textOut(op.text)
        c.drawText(t)
        if op.cmyk != (0, 0, 0, 1):
            c.setFillColorCMYK(0, 0, 0, 1)
    elif isinstance(op, Rule):
        c.setLineWidth(op.width)
        c.line(op.x1, op.y1, op.x2, op.y2)
    elif isinstance(op, Box):
        c.setFillColorCMYK(*op.cmyk)
        c.rect(op.x, op.y, op.w, op.h, stroke=0, fill=1)
        c.setFillColorCMYK(0, 0, 0, 1)


def _marginalia(c: Canvas, issue: Issue, g: S.PageGeometry, page) -> None:
    """Running head (journal on versos, section on rectos) and the folio, outside the type area."""
    rh = face(S.RUNNING)
    fo = face(S.FOLIO)
    left = g.left(page.number)
    right = left + g.text_width
    y_head = g.top + 14
    recto = page.number % 2 == 1
    if page.kind == "article":
        head = page.section if recto else f"{issue.journal.title}　{issue.issue.label}"
        x = right - rh.width(head) if recto else left
        _draw(c, Text(x, y_head, head, rh))
        c.setLineWidth(0.4)
        c.line(left, y_head - 4, right, y_head - 4)
    folio = f"{page.number}"
    y_folio = g.top - g.lines * S.BODY.leading - 24
    _draw(c, Text(right - fo.width(folio) if recto else left, y_folio, folio, fo))
