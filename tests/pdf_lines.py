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

from util import article_pages, folio_offset, squash, trim_origin


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
    chars: list = field(default_factory=list)  # (origin x, right edge of the glyph's box, character)
    size: float = S.BODY.size


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
            out.append(PdfLine(number, col, y, chars[0][0], x1, "".join(c for _, _, c in chars), indent,
                               chars=chars, size=size))
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


def model_paragraphs(issue) -> list[tuple]:
    """(paragraph, in a quotation, article) of every body-size paragraph, in reading order."""
    out = []
    for section, article in issue.articles():
        if section.layout != "two-column":
            continue  # 卷首语 is set larger, not in body size
        for b in article.blocks:
            if isinstance(b, Quote):
                out += [(p, True, article) for p in b.paragraphs]
            elif hasattr(b, "spans"):
                out.append((b, False, article))
    return out


def paragraphs(issue, lines: list[PdfLine]) -> tuple[list[Paragraph], list[str]]:
    """Assign lines to the model's paragraphs in order; return them and any text not found."""
    paras = [Paragraph(squash(p.text), quote) for p, quote, _ in model_paragraphs(issue)]
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


# -- issue 13: lines that read well --------------------------------------------------------------

@dataclass
class DisplayBlock:
    """Consecutive lines of one display style (a title, a heading, a caption, a 目录 entry …)."""
    page: int
    font: str
    size: float
    lines: list[str] = field(default_factory=list)
    edges: list[tuple[float, float]] = field(default_factory=list)  # each line's left and right edge


def toc_page(doc) -> int:
    """The 1-based number of the (first) 目录 page."""
    return next(p.number + 1 for p in doc if "目\u3000录" in p.get_text())


def display_blocks(doc, geometry: S.PageGeometry, exclude: list[PdfLine], first_page: int | None = None) -> list[DisplayBlock]:
    """Every run of display lines from the 目录 on: the characters of the type area not in an
    `exclude`d (paragraph) line, grouped by page, font, size and baseline, cut where a gap
    wider than 1.5 em parts them (columns), and chained into blocks while each line sits one
    leading below the last in the same style with nothing else beside it on the left."""
    taken = {(l.page, round(l.y, 1), round(x, 1)) for l in exclude for x, _, _ in l.chars}
    blocks: list[DisplayBlock] = []
    for pno in range((first_page or toc_page(doc)) - 1, len(doc)):
        page = doc[pno]
        number = pno + 1
        dx, y0 = trim_origin(page)
        top, bottom = geometry.top + 30, geometry.top - geometry.lines * S.BODY.leading - 1
        rows: dict[tuple, list] = {}
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        x, y = ch["origin"][0] - dx, y0 - ch["origin"][1]
                        if ch["c"].isspace() or not (bottom <= y <= top) or (number, round(y, 1), round(x, 1)) in taken:
                            continue
                        rows.setdefault((span["font"], round(span["size"], 2), round(y, 1)), []).append(
                            (x, ch["bbox"][2] - dx, ch["c"]))
        segments = []  # (y, x0, x1, font, size, text)
        for (font, size, y), chars in rows.items():
            chars.sort()
            start = 0
            for k in range(1, len(chars) + 1):
                if k == len(chars) or chars[k][0] - chars[k - 1][1] > 1.5 * size:
                    seg = chars[start:k]
                    segments.append((y, seg[0][0], seg[-1][1], font, size, "".join(c for _, _, c in seg)))
                    start = k
        segments.sort(key=lambda s: (-s[0], s[1]))
        open_blocks: dict[tuple, list] = {}  # (font, size) → [(block, last y, x0, x1)], one a column
        for y, x0, x1, font, size, text in segments:
            key = (font, size)
            chains = open_blocks.setdefault(key, [])
            beside = any(s[0] == y and s[2] <= x0 and s[3:5] != key and x0 - s[2] < 3 * size for s in segments)
            k = next((k for k, (b, py, px0, px1) in enumerate(chains)
                      if 0 < py - y <= 1.75 * size and min(x1, px1) > max(x0, px0) - 0.5 * size), None)
            if k is not None and not beside:
                b = chains[k][0]
                b.lines.append(text)
                b.edges.append((x0, x1))
                chains[k] = (b, y, x0, x1)
            else:
                b = DisplayBlock(number, font, size, [text], [(x0, x1)])
                blocks.append(b)
                chains[:] = [c for c in chains if not min(x1, c[3]) > max(x0, c[2])] + [(b, y, x0, x1)]
    return blocks


def display_sources(issue) -> list[str]:
    """The display strings of an issue as written (with their phrase spaces), to read breaks against."""
    from typeset.model import Figure, Heading
    from typeset.text.names import pad_name
    out = []
    for _, a in issue.articles():
        out += [a.title, pad_name(a.author) if a.author else "", a.locality or "",
                "——" + a.subtitle if a.subtitle else "", "——" + a.dateline if a.dateline else "",
                f"（{a.note}）" if a.note else ""]
        out += [b.text for b in a.blocks if isinstance(b, Heading)]
        out += [b.caption for b in a.blocks if isinstance(b, Figure) and b.caption]
    return [t for t in out if t]


NUMBER_UNIT = re.compile(r"\d[\d.]*[十百千万亿]*[多余]?(?:平方米|平方公里|立方米|公里|千米|千克|万人次|人次|"
                         r"[年月日时分秒个元角人次名篇项户家所则页期号岁倍件条座位处批届轮天周米吨份对场套台辆间栋层亩股支队组类种株只张本册部段])")


def _breaks(lines: list[str]) -> tuple[str, list[int]]:
    text = "".join(lines)
    offs, k = [], 0
    for t in lines[:-1]:
        k += len(t)
        offs.append(k)
    return text, offs


def _unit_splits(text: str, breaks: list[int]) -> list[str]:
    spans = [m.span() for m in NUMBER_UNIT.finditer(text)]
    return [text[max(0, b - 6):b] + "/" + text[b:b + 4] for b in breaks if any(s < b < e for s, e in spans)]


def _word_continues(text: str, b: int, source: str) -> bool:
    """A line starting with + or a lowercase Latin letter that carries on the word before it:
    the rest of a Latin word (not an address broken after its own / . - _ @), or the Latin head
    of a Latin+Han compound (新时代 / e支部)."""
    c, prev = text[b], text[b - 1]
    if c in "+＋":
        return True
    if not (c.isascii() and c.islower()):
        return False
    if prev in R.LATIN_BREAK_AFTER:
        return False
    if prev.isascii() and prev.isalnum():
        return prev + c in source  # no space between them where they were written
    run = re.match(r"[A-Za-z0-9]+", text[b:]).group(0)
    return len(run) <= 4 and b + len(run) < len(text) and R.is_han(text[b + len(run)])


def _word_breaks(text: str, breaks: list[int], sources: dict[str, str]) -> list[str]:
    """Breaks inside a word by the segmenter, read against the source with its spaces."""
    from typeset.text import words as W
    src = sources.get(text, text)
    pos = [k for k, c in enumerate(src) if not c.isspace()]  # squashed offset → source offset
    classes = W.break_classes(src)
    bad = []
    for b in breaks:
        p = pos[b] if b < len(pos) else len(src)
        if src[p - 1].isspace():
            continue
        if classes[p] >= W.INSIDE:
            bad.append(text[max(0, b - 6):b] + "/" + text[b:b + 4])
    return bad


def _gaps_and_marks(ln: PdfLine) -> dict:
    """A justified line measured: its widest gap between two Han characters, its squeezed
    mid-line marks (a lone mark between two others takes less than 1 em), pairs of marks below
    1.5 em, and Han–Latin gaps below ⅛ em."""
    em, ch = ln.size, ln.chars
    marks = R.STOPS | R.OPENING | R.CLOSING
    han_gap, squeezed, tightest, pairs, latin = 0.0, 0, em, [], []
    for k in range(len(ch) - 1):
        a, b = ch[k][2], ch[k + 1][2]
        gap = ch[k + 1][0] - ch[k][1]
        if R.is_han(a) and R.is_han(b):
            han_gap = max(han_gap, gap)
        if (R.is_han(a) and b.isascii() and b.isalnum()) or (a.isascii() and a.isalnum() and R.is_han(b)):
            if gap < R.CJK_LATIN_GAP_MIN * em - 0.05:
                latin.append(a + b)
    for k in range(1, len(ch) - 1):
        c = ch[k][2]
        if c not in marks or ch[k - 1][2] in marks:
            continue
        if ch[k + 1][2] not in marks:  # a lone mark: its room between its neighbours
            room = ch[k + 1][0] - ch[k - 1][1]
            if room < em - 0.05:
                squeezed += 1
                tightest = min(tightest, room)
        elif k + 2 < len(ch) and ch[k + 2][2] not in marks:  # two marks: 1.5 em together (clreq)
            room = ch[k + 2][0] - ch[k - 1][1]
            if room < 1.5 * em - 0.05:
                pairs.append(c + ch[k + 1][2])
    return dict(han_gap=han_gap / em, squeezed=squeezed, tightest=tightest / em, pairs=pairs, latin=latin)


def line_defects(issue, doc, geometry: S.PageGeometry) -> dict:
    """Issue 13's figures for a built issue, read back from its PDF."""
    lines = reading_order(body_lines(doc, geometry), folio_offset(doc, geometry))
    paras, _ = paragraphs(issue, lines)
    lead = [l for l in body_lines(doc, geometry, S.LEAD.size, ncols=1)
            if any(s.layout == "one-column" for s in issue.sections) and l.page == article_pages(doc, geometry)[0]]
    sources = {squash(t): t for t in display_sources(issue)}
    found: dict[str, list] = {k: [] for k in ("display_inside_word", "unit_splits", "word_continues", "wide_han_gaps",
                                              "squeezed_lines", "multi_squeezed_lines", "tight_pairs", "tight_latin")}
    found["display_breaks"] = found["body_breaks"] = 0
    found["body_inside_word"] = []  # a cost, not a ban: reported, not a defect
    found["blocks"] = display_blocks(doc, geometry, [l for p in paras for l in p.lines])
    for b in found["blocks"]:
        text, breaks = _breaks(b.lines)
        found["display_breaks"] += len(breaks)
        found["display_inside_word"] += [(b.page, w) for w in _word_breaks(text, breaks, sources)]
        found["unit_splits"] += [(b.page, w) for w in _unit_splits(text, breaks)]
        found["word_continues"] += [(b.page, text[k - 4:k + 4]) for k in breaks
                                    if _word_continues(text, k, sources.get(text, text))]
    paras_lines = [p.lines for p in paras if p.lines] + [lead]
    for pl in paras_lines:
        text, breaks = _breaks([l.text for l in pl])
        found["unit_splits"] += [(pl[0].page, w) for w in _unit_splits(text, breaks)]
        found["body_inside_word"] += [(pl[0].page, w) for w in _word_breaks(text, breaks, {})]
        found["body_breaks"] += len(breaks)
        source = next((p.text for p in paras if p.lines is pl), text)
        found["word_continues"] += [(pl[0].page, text[k - 4:k + 4]) for k in breaks if _word_continues(text, k, source)]
        for ln in pl:
            m = _gaps_and_marks(ln)
            if m["han_gap"] > R.MAX_HAN_GAP + 0.005:
                found["wide_han_gaps"].append((ln.page, round(m["han_gap"], 3), ln.text))
            if m["squeezed"] and m["tightest"] <= 2 / 3 + 0.005:
                found["squeezed_lines"].append((ln.page, ln.text))
            if m["squeezed"] > 1:
                found["multi_squeezed_lines"].append((ln.page, m["squeezed"], ln.text, ln.para))
            found["tight_pairs"] += [(ln.page, p) for p in m["pairs"]]
            found["tight_latin"] += [(ln.page, p) for p in m["latin"]]
    found["paras"] = paras
    return found
