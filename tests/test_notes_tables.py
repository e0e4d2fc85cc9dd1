"""Issue 17 read back from the outputs of a small test issue (tests/notes_issue: notes, a table
that splits across columns, one across the page, 着重号, paragraphs opening with “《（) and of the
bundled issue: notes once at the article's end with their markers in the text, table cells in
order with the head repeated after the split, dots under exactly the emphasised Han characters,
paragraph-opening marks at one x; the DOCX with real footnotes, tables and w:em runs, converted
by LibreOffice with all its text."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import typeset
from typeset import style as S
from typeset import view
from typeset.model import NoteRef, Paragraph, Quote, Span, Table
from typeset.read.manifest import load_issue
from typeset.text import rules as R

from pdf_lines import body_lines, paragraphs, reading_order
from util import squash, trim_origin

NOTES_ISSUE = Path(__file__).resolve().parent / "notes_issue"


@pytest.fixture(scope="session")
def notes_issue():
    return load_issue(NOTES_ISSUE)


@pytest.fixture(scope="session")
def notes_built(tmp_path_factory):
    import pymupdf
    res = typeset.build(NOTES_ISSUE, tmp_path_factory.mktemp("notes"))
    pdf = next(p for p in res.written if p.suffix == ".pdf")
    docx = next(p for p in res.written if p.suffix == ".docx")
    return pymupdf.open(pdf), docx


def article(issue):
    return next(a for _, a in issue.articles())


def chars(page, size: float | None = None):
    """(x, baseline y, char, size) of every glyph on a page, in trim coordinates (y up)."""
    dx, y0 = trim_origin(page)
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if size is not None and abs(span["size"] - size) > 0.01:
                    continue
                for ch in span["chars"]:
                    yield ch["origin"][0] - dx, y0 - ch["origin"][1], ch["c"], span["size"], ch["bbox"]


def printed(p: Paragraph) -> str:
    """A paragraph as printed: its words with the note markers in place."""
    return "".join(s.text if isinstance(s, Span) else view.note_marker(s.number) for s in p.spans)


def test_the_test_issue_has_what_it_tests(notes_issue):
    a = article(notes_issue)
    tables = [b for b in a.blocks if isinstance(b, Table)]
    assert len(a.notes) >= 4 and len(tables) == 2 and {t.width for t in tables} == {"column", "page"}
    assert any(s.dots for p in a.paragraphs() for s in p.spans if isinstance(s, Span))
    firsts = {p.text[0] for p in a.paragraphs()}
    assert set("“《（") <= firsts


# -- notes ---------------------------------------------------------------------------------------
def test_every_note_once_at_the_end_with_its_marker_in_the_text(notes_built, notes_issue):
    doc, _ = notes_built
    a = article(notes_issue)
    text = squash("".join(p.get_text() for p in doc))
    at = text.index(view.NOTES_HEADING)
    for n in a.notes:
        entry = view.note_marker(n.number) + squash(n.text)
        assert text.count(squash(n.text)) == 1, n.text
        assert text.find(entry) > at, f"note {n.number} is not under 注释： with its number"
    # the markers in the text: superscript (smaller, raised), one per reference, before 注释：
    refs = [s.number for p in a.paragraphs() for s in p.spans if isinstance(s, NoteRef)]
    small = [(c, y) for page in doc for x, y, c, size, _ in chars(page) if size < S.BODY.size * 0.7]
    assert [c for c, _ in small] == [view.note_marker(k) for k in refs]
    assert sorted(refs) == sorted(set(refs)) and set(refs) == {n.number for n in a.notes}


def test_notes_hang_their_numbers(notes_built, notes_issue):
    """Every line of a note's text starts at one x, right of its number (a hanging indent)."""
    doc, _ = notes_built
    lines = body_lines(doc, S.geometry(), size=S.NOTES_TEXT.size)
    lines = lines[next(k for k, ln in enumerate(lines) if ln.text == view.NOTES_HEADING) + 1:]
    markers = {view.note_marker(n.number) for n in article(notes_issue).notes}
    numbered = [ln for ln in lines if ln.text[0] in markers]
    assert len(numbered) == len(markers)
    starts = {round(ln.indent, 1) for ln in lines if ln.text[0] not in markers and ln.indent > 1}
    text_x = {round(ln.indent, 1) for ln in numbered}
    assert text_x == {0.0} and len(starts) == 1 and min(starts) > 8


# -- tables --------------------------------------------------------------------------------------
def table_lines(doc):
    """Grid lines of table-size text in reading order (page, column, top to bottom): cells
    left to right, squashed."""
    return [squash(ln.text) for ln in body_lines(doc, S.geometry(), size=S.TABLE_TEXT.size)]


def test_column_table_cells_in_order_and_head_repeated_after_the_split(notes_built, notes_issue):
    doc, _ = notes_built
    t = next(b for b in article(notes_issue).blocks if isinstance(b, Table) and b.width == "column")
    lines = table_lines(doc)
    head = squash("".join(t.head))
    heads = [k for k, ln in enumerate(lines) if ln == head]
    assert len(heads) == 2, "the table should split once, its head set again"
    assert lines[heads[0] - 1] == squash(view.table_caption(t))
    rows = [squash("".join(r)) for r in t.rows]
    first = lines[heads[0] + 1:heads[1]]
    rest = lines[heads[1] + 1:heads[1] + 1 + len(rows) - len(first)]
    assert first + rest == rows
    assert 2 <= len(first) < len(rows)


def test_table_rules_three_lines_and_a_rule_at_the_split(notes_built):
    """Each part of the split table: a heavy rule over the head, a light one under it, a heavy
    one at its foot; the page-wide table the same once."""
    doc, _ = notes_built
    widths = []
    for page in doc:
        for d in page.get_drawings():
            if d["type"] == "s" and d["rect"].height < 0.1:
                widths.append(round(d["width"], 2))
    heavy, light = widths.count(S.TABLE_RULE_HEAVY), widths.count(S.TABLE_RULE_LIGHT)
    assert (heavy, light) == (2 * 3, 3)  # two parts + the page-wide table


def test_numbers_line_up_on_their_decimal_points(notes_built, notes_issue):
    """In the split table's column of percentages every decimal point stands at one x in each
    column of the page."""
    doc, _ = notes_built
    t = next(b for b in article(notes_issue).blocks if isinstance(b, Table) and b.width == "column")
    rows = {squash("".join(r)) for r in t.rows}
    g = S.geometry()
    points: dict = {}
    for page in doc:
        lines: dict = {}
        for x, y, c, size, _ in chars(page, S.TABLE_TEXT.size):
            col = int(x > g.left(page.number + 1) + g.column + g.gap / 2)
            lines.setdefault((col, round(y, 1)), []).append((x, c))
        for (col, _), cs in lines.items():
            if squash("".join(c for _, c in sorted(cs))) in rows:
                for x, c in cs:
                    if c == ".":
                        points.setdefault((page.number, col), set()).add(round(x, 1))
    assert sum(1 for _ in points) == 2  # the table's two parts
    assert all(len(xs) == 1 for xs in points.values()), points


# -- 着重号 ---------------------------------------------------------------------------------------
def dots_and_chars(doc):
    found = []
    for page in doc:
        dots = [d["rect"] for d in page.get_drawings() if d["type"] == "f" and d["rect"].width < 2]
        glyphs = [(bbox, c) for *_, c, size, bbox in chars(page) if size > 9.9]
        for r in dots:
            cx, cy = (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2
            over = [c for bbox, c in glyphs if bbox[0] < cx < bbox[2] and 0 < cy - bbox[3] < 4
                    and abs((bbox[0] + bbox[2]) / 2 - cx) < 0.3]
            found.append(over[0] if len(over) == 1 else None)
    return found


def test_dots_under_each_emphasised_han_character_only(notes_built, notes_issue):
    doc, _ = notes_built
    want = "".join(c for p in article(notes_issue).paragraphs() for s in p.spans
                   if isinstance(s, Span) and s.dots for c in s.text if R.is_han(c))
    found = dots_and_chars(doc)
    assert None not in found, "a dot under no character, or under punctuation"
    assert "".join(found) == want


# -- paragraph openings ------------------------------------------------------------------------------
def opening_marks(doc, issue):
    """x (from the column edge) of every opening mark that starts a body paragraph, and of every
    one that starts a later line of a paragraph; quotations apart (they stand one em in)."""
    lines = reading_order(body_lines(doc, S.geometry()))
    paras, _ = paragraphs(issue, lines)
    starts, inside = {False: [], True: []}, {False: [], True: []}
    for p in paras:
        for k, ln in enumerate(p.lines):
            if ln.text[0] in R.OPENING:
                (inside if k else starts)[p.quote].append((ln.page, round(ln.indent, 2), ln.text[:6]))
    return starts, inside


@pytest.mark.parametrize("which", ["notes", "bundled"])
def test_paragraph_opening_marks_stand_at_one_x(which, notes_built, notes_issue, pdf_doc, issue):
    doc, iss = (notes_built[0], notes_issue) if which == "notes" else (pdf_doc, issue)
    starts, inside = opening_marks(doc, iss)
    assert starts[False], "no paragraph opens with an opening mark"
    for group in (*starts.values(), *inside.values()):
        xs = [x for _, x, _ in group]
        if xs:
            assert max(xs) - min(xs) <= 0.2, sorted(group, key=lambda g: g[1])[::max(1, len(group) - 1)]
    assert abs(starts[False][0][1] - 2 * S.BODY.size) <= 0.1  # right after the two-em indent


# -- DOCX --------------------------------------------------------------------------------------------
def xml(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read(name).decode("utf-8")


def test_docx_real_footnotes_tables_and_emphasis(notes_built, notes_issue):
    _, docx = notes_built
    a = article(notes_issue)
    doc = xml(docx, "word/document.xml")
    notes = xml(docx, "word/footnotes.xml")
    assert "relationships/footnotes" in xml(docx, "word/_rels/document.xml.rels")
    assert "footnotes+xml" in xml(docx, "[Content_Types].xml")
    refs = [s.number for p in a.paragraphs() for s in p.spans if isinstance(s, NoteRef)]
    assert len(re.findall(r"<w:footnoteReference ", doc)) == len(refs)
    bodies = re.findall(r'<w:footnote w:id="(\d+)">(.*?)</w:footnote>', notes)
    assert len(bodies) == len(refs)
    for n in a.notes:
        assert squash(n.text) in squash(re.sub(r"<[^>]+>", "", notes))
    tables = [t for t in re.findall(r"<w:tbl>.*?</w:tbl>", doc) if "<w:tblHeader/>" in t]  # (not the board)
    assert len(tables) == 2 and all("<w:cantSplit/>" in t for t in tables)
    dotted = "".join(re.findall(r'<w:em w:val="dot"/></w:rPr><w:t[^>]*>([^<]*)</w:t>', doc))
    want = "".join(c for p in a.paragraphs() for s in p.spans
                   if isinstance(s, Span) and s.dots for c in s.text if R.is_han(c))
    assert dotted == want


def test_libreoffice_converts_the_test_issue_with_all_its_text(notes_built, notes_issue, tmp_path):
    import pymupdf
    _, docx = notes_built
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (no soffice on PATH)"
    run = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    out = pymupdf.open(tmp_path / f"{docx.stem}.pdf")
    everything = squash("".join(p.get_text() for p in out))
    # body-size text only: a paragraph runs on past footnotes, running heads and folios (all smaller)
    body = squash("".join(c for p in out for *_, c, size, _ in chars(p) if size > 10))
    a = article(notes_issue)
    missing = [p.text for p in a.paragraphs() if squash(p.text) not in body]
    want = [n.text for n in a.notes]
    for b in a.blocks:
        if isinstance(b, Table):
            want += [view.table_caption(b), *b.head, *(c for r in b.rows for c in r)]
    missing += [w for w in want if squash(w) not in everything]
    assert missing == []


# -- headings of several lines -------------------------------------------------------------------
def test_heading_hangs_after_its_number_when_the_style_asks(notes_issue, monkeypatch):
    """style.HEADING_HANG: a heading's later lines stand under its text after 「一、」, not at the
    margin; off (the default), they return to the margin."""
    from typeset.model import Heading
    from typeset.pdf.rows import SetLine
    from typeset.pdf.slots import BodySlots

    section, a = next(notes_issue.articles())
    g = S.geometry()
    slots = BodySlots(g, section, g.column, S.BODY, g.lines)
    h = Heading(2, "一、坚持把政治标准放在首位，严格程序严把入口，不断提高发展党员工作质量", 1)

    def offsets():
        rows = slots.heading(a, h, S.H2)
        return [[it.offset for it in row if isinstance(it, SetLine)] for row in rows]

    plain = offsets()
    assert len(plain) >= 2 and all(row == [0.0] for row in plain)
    monkeypatch.setattr(S, "HEADING_HANG", True)
    hung = offsets()
    number = hung[0][1]
    assert hung[0][0] == 0.0 and number == 2 * S.H2.size  # 一、 is two ems
    assert len(hung) >= 2 and all(row == [number] for row in hung[1:])


def test_bracketed_markers_are_the_other_house_choice(notes_issue, monkeypatch, tmp_path):
    """style.NOTE_MARKS = "bracketed": [1] [2] … superscript in the text and before each note."""
    import pymupdf
    monkeypatch.setattr(S, "NOTE_MARKS", "bracketed")
    res = typeset.build(NOTES_ISSUE, tmp_path, ("pdf",))
    doc = pymupdf.open(res.written[0])
    a = article(notes_issue)
    small = "".join(c for page in doc for x, y, c, size, _ in chars(page) if size < S.BODY.size * 0.7)
    refs = [s.number for p in a.paragraphs() for s in p.spans if isinstance(s, NoteRef)]
    assert small == "".join(f"[{k}]" for k in refs)
    text = squash("".join(p.get_text() for p in doc))
    assert all(f"[{n.number}]{squash(n.text)}" in text for n in a.notes)


def test_a_table_right_after_a_heading_or_a_lead_in(tmp_path):
    """A table (with its caption) straight after a heading or a paragraph ending in ： is kept
    with it: its caption, head and first row go where the heading goes (it once stopped the build)."""
    import pymupdf
    issue = tmp_path / "issue"
    shutil.copytree(Path(__file__).parent / "notes_issue", issue)
    art = next((issue / "articles").glob("*.md"))
    art.write_text(art.read_text(encoding="utf-8") +
                   "\n## 五、附表\n\n: 各区数量\n\n| 区 | 数量 |\n|---|---:|\n| 船营 | 12 |\n| 昌邑 | 8 |\n\n"
                   "会议强调：\n\n: 各县数量\n\n| 县 | 数量 |\n|---|---:|\n| 永吉 | 5 |\n| 舒兰 | 7 |\n",
                   encoding="utf-8")
    res = typeset.build(issue, tmp_path / "out", ("pdf",))
    text = re.sub(r"\s+", "", "".join(p.get_text() for p in pymupdf.open(res.written[0])))
    # each heading / lead-in right above its table's caption (表N, numbered by the typesetter)
    assert re.search(r"五、附表表\d+各区数量", text) and re.search(r"会议强调：表\d+各县数量", text)
