"""Read the body lines of the built PDF back and tie them to the model's paragraphs.

What a proof-reader measures with a ruler: for every body line of every article page, where it
starts and ends, its baseline, its first and last character, and which paragraph it belongs to
(found by matching the text, not by asking the layout), so composition can be judged on the
real output.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from typeset import style as S
from typeset.model import Quote
from typeset.text import rules as R

from util import article_pages, squash, trim_origin


@dataclass
class PdfLine:
    page: int     # 1-based
    col: int
    y: float      # baseline, PDF user space (origin bottom left)
    x0: float
    x1: float     # right edge of the last glyph's box, less a trimmed blank half
    text: str
    indent: float = 0.0  # from the column's left edge
    para: int = -1  # index into the model's paragraphs, -1 if not a paragraph line (heading …)


@dataclass
class Paragraph:
    text: str
    quote: bool
    lines: list[PdfLine] = field(default_factory=list)


def body_lines(doc, geometry: S.PageGeometry, size: float = S.BODY.size, ncols: int = 2) -> list[PdfLine]:
    """Lines of text `size` in reading order: page, then column, then top to bottom."""
    out = []
    for number in article_pages(doc, geometry):
        pno = number - 1
        page = doc[pno]
        number = pno + 1
        dx, y0 = trim_origin(page)
        left = geometry.left(number)
        split = left + geometry.column + geometry.gap / 2
        top = geometry.top + 1
        bottom = geometry.top - geometry.lines * S.BODY.leading - 1
        rows: dict[tuple[int, float], list] = {}
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    if abs(span["size"] - size) > 0.01:
                        continue
                    for ch in span["chars"]:
                        x, y = ch["origin"][0] - dx, y0 - ch["origin"][1]
                        if not (bottom <= y <= top) or ch["c"].isspace():
                            continue
                        col = 0 if x < split or ncols == 1 else 1
                        row = rows.setdefault((col, round(y, 1)), [])
                        row.append((x, len(row), ch["bbox"][2] - dx, ch["c"]))
        for (col, y), chars in sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            # by position, and in drawing order where two marks of a squeezed pair (”“) share one
            chars = [(x, x1, c) for x, _, x1, c in sorted(chars, key=lambda ch: (round(ch[0], 1), ch[1]))]
            last = chars[-1][2]
            x1 = chars[-1][1]
            if last in R.CLOSING | R.STOPS and x1 - chars[-1][0] > 0.9 * size:
                x1 -= R.BLANK * size  # a mark at line end is set half-width (its blank half hangs)
            indent = chars[0][0] - (left + col * (geometry.column + geometry.gap))
            out.append(PdfLine(number, col, y, chars[0][0], x1, "".join(c for _, _, c in chars), indent))
    return out


JUMP_OUT = re.compile(r"（下转第(\d+)页）")
JUMP_IN = re.compile(r"（上接第(\d+)页）")


def reading_order(lines: list[PdfLine], offset: int = 0) -> list[PdfLine]:
    """Follow the jumps: a tail that resumes under 「（上接第P页）」 is read right after the
    「（下转第N页）」 on page P that sent the reader to it.  The marker lines are dropped; they
    name folios (physical page = folio + offset)."""
    main: list[PdfLine] = []
    tails: dict[int, list[list[PdfLine]]] = {}
    current = main
    for ln in lines:
        m = JUMP_IN.fullmatch(ln.text)
        if m:
            current = []
            tails.setdefault(ln.page, []).append((int(m.group(1)) + offset, current))
            continue
        if current is not main and current and ln.page != current[-1].page:
            current = main  # a tail never runs past the page it was set on
        current.append(ln)
    out = []
    for ln in main:
        m = JUMP_OUT.fullmatch(ln.text)
        if m:
            for src, tail in tails.get(int(m.group(1)) + offset, []):
                if src == ln.page:
                    out.extend(tail)
            continue
        out.append(ln)
    return out


def paragraphs(issue, lines: list[PdfLine]) -> tuple[list[Paragraph], list[str]]:
    """Assign lines to the model's paragraphs in order; return them and any text not found."""
    paras = []
    for section, article in issue.articles():
        if section.layout != "two-column":
            continue  # 卷首语 is set larger, not in body size
        for b in article.blocks:
            if isinstance(b, Quote):
                paras += [Paragraph(squash(p.text), True) for p in b.paragraphs]
            elif hasattr(b, "spans"):
                paras.append(Paragraph(squash(b.text), False))
    k, done = 0, ""
    for ln in lines:
        if k >= len(paras):
            break
        want = paras[k].text
        t = squash(ln.text)
        # a paragraph's first line is indented two ems (a heading that happens to begin the
        # same way, like a 组工动态 locality, is not)
        if want.startswith(done + t) and (done or ln.indent > 1.5 * S.BODY.size):
            done += t
            ln.para = k
            paras[k].lines.append(ln)
            if done == want:
                k, done = k + 1, ""
        # anything else is a heading, dateline or note line: not part of a paragraph
    missing = [p.text[:20] for p in paras if "".join(squash(l.text) for l in p.lines) != p.text]
    return paras, missing
