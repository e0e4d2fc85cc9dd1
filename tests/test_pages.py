"""Issue 12's page plan, read back from the PDF of the bundled issue and of a second, differently
built issue (tests/issue_pages: A4, folios from 5, long titles, figures, run-on articles and
items, 补白): no blank pages, no short pages inside a section, nothing kept-with-next left last
in a column, no short column before more of the same article, jumps that pay, folios."""
import re
from pathlib import Path

import pymupdf
import pytest

import typeset
from typeset.read.manifest import load_issue
from typeset.style import geometry

from conftest import ISSUE
from pdf_lines import body_lines
from util import article_pages, folio, squash

SECOND = Path(__file__).parent / "issue_pages"


@pytest.fixture(scope="module", params=["bundled", "second"])
def case(request, tmp_path_factory, built):
    if request.param == "bundled":
        res, pdf = built[0], built[1]
        issue_dir = ISSUE
    else:
        res = typeset.build(SECOND, tmp_path_factory.mktemp("second"), ("pdf",))
        pdf, issue_dir = res.written[0], SECOND
    issue = load_issue(issue_dir)
    return res, pymupdf.open(pdf), issue, geometry(issue.page.trim)


def _used_lines(doc, g, n) -> int:
    """Grid rows of a page's type area that hold anything (text, rule or picture), both columns."""
    page = doc[n - 1]
    y0 = page.trimbox.y1
    dx = page.trimbox.x0
    split = dx + g.left(n) + g.column + g.gap / 2
    rows = set()
    for b in page.get_text("dict")["blocks"]:
        x0, top, x1, bottom = b["bbox"]
        for y in range(int(top), int(bottom) + 1, 4):
            row = int((g.top - (y0 - y)) // 17.0)
            if 0 <= row < g.lines:
                cols = {0 if x0 < split else 1, 0 if x1 < split else 1}
                rows |= {(c, row) for c in cols}
    return len(rows)


def test_no_blank_page_between_the_covers(case):
    res, doc, issue, g = case
    assert len(doc) % 4 == 0
    assert res.blanks == 0
    for page in doc:
        assert page.get_text().strip() or page.get_images(), f"p.{page.number + 1} is blank"
    assert "征稿启事" in doc[len(doc) - 2].get_text() or res.padding == 0
    back = doc[len(doc) - 1].get_text()
    assert issue.journal.title in back and issue.issue.label.replace("年", "") in back.replace(" ", "").replace("年", "")
    assert folio(doc[len(doc) - 1], g) is None


def test_front_matter_has_no_folio_and_the_body_starts_at_first_folio(case):
    res, doc, issue, g = case
    numbered = article_pages(doc, g)
    assert numbered[0] == res.front_pages + 1
    assert [folio(doc[n - 1], g) for n in numbered] == [str(issue.page.first_folio + k) for k in range(len(numbered))]
    assert all(folio(doc[n], g) is None for n in range(res.front_pages))


def test_no_page_under_half_full_inside_a_section(case):
    """Only a section's last page may be less than half full (the next section starts a page)."""
    res, doc, issue, g = case
    numbered = article_pages(doc, g)
    labels = {n for n in numbered if any(abs(s["size"] - 14) < 0.1 for b in doc[n - 1].get_text("dict")["blocks"]
                                         for l in b.get("lines", []) for s in l["spans"]
                                         if s["text"] in {x.title for x in issue.sections})}
    short = [n for n in numbered if _used_lines(doc, g, n) < g.lines]  # under half of 2 × lines
    inside = [n for n in short if n + 1 in numbered and n + 1 not in labels]
    assert inside == [], (inside, res.short_pages)
    assert sum(not p.section_end for p in res.short_pages) == 0


def _columns(doc, g):
    """Body-size lines grouped by (page, column), top to bottom."""
    cols: dict[tuple[int, int], list] = {}
    for ln in body_lines(doc, g):
        cols.setdefault((ln.page, ln.col), []).append(ln)
    return cols


def test_nothing_kept_with_next_is_last_in_a_column(case):
    """No heading, item title, locality label or 「：」 lead-in is the last line of a column with
    its text in the next (a column's last body line is followed by body text in the next one)."""
    res, doc, issue, g = case
    headings = {h.text.replace(" ", "") for _, a in issue.articles() for h in a.blocks if hasattr(h, "level")}
    localities = {a.locality for _, a in issue.articles() if a.locality}
    for (page, col), lines in _columns(doc, g).items():
        last = lines[-1].text
        assert last.replace(" ", "") not in headings | localities, (page, col, last)
        assert not last.endswith("："), (page, col, last)
    bold = [(n, s["text"]) for n in article_pages(doc, g) for b in doc[n - 1].get_text("dict")["blocks"]
            for l in b.get("lines", []) for s in l["spans"]
            if s["size"] > 10.4 and "Bold" in s["font"] and l["bbox"][3] > doc[n - 1].trimbox.y1 - g.top
            + g.lines * 17.0 - 17.5]
    assert not bold, bold  # a heading, item or run-on title, locality label (黑体 bold) on a column's last line


def _opens(doc, n) -> bool:
    """Page n starts an article or a section: a title (≥ 20 pt) or a section label (14 pt) on it."""
    return any(s["size"] >= 20 or abs(s["size"] - 14) < 0.1 and "Bold" in s["font"]
               for b in doc[n - 1].get_text("dict")["blocks"] for l in b.get("lines", []) for s in l["spans"])


def test_no_short_column_before_more_of_the_same_article(case):
    """A column followed by more of the same article ends on the last grid line: every column of
    a page whose next page continues the text (no new title or section there), and the 下转 line."""
    res, doc, issue, g = case
    cols = _columns(doc, g)
    numbered = article_pages(doc, g)
    last_y = g.top - g.lines * 17.0 + 17.0 - 10.5 * 0.88
    short = []
    for n in numbered:
        if n + 1 not in numbered or _opens(doc, n + 1):
            continue  # an article's last page: its columns are balanced instead
        for col in (0, 1):
            lines = cols.get((n, col))
            if lines and abs(lines[-1].y - last_y) > 1.0:
                short.append((n, col, round((lines[-1].y - last_y) / 17.0), lines[-1].text[:10]))
    assert short == [], short


def test_every_jump_lands_three_pages_on_and_says_what_it_saved(case):
    """Each jump, read back: 下转 on the last grid line of the right column of its page, its tail
    at least three pages on (never over a single page), and it paid: the tail was less than
    half a page (the page it would have stood on was under half full) or the page it fills held
    less than half a page before it.  The report says what it saved."""
    res, doc, issue, g = case
    if issue.root.name == "issue_pages":
        assert res.jumps, "the second issue's start: page section has a tail to jump"
    lines = body_lines(doc, g)
    last_y = g.top - g.lines * 17.0 + 17.0 - 10.5 * 0.88
    for j in res.jumps:
        assert j.to_page - j.from_page >= 3 and j.saved
        assert f"（下转第{j.to_folio:02d}页）" in squash(doc[j.from_page - 1].get_text())
        assert f"（上接第{j.from_folio:02d}页）" in squash(doc[j.to_page - 1].get_text())
        out = next(l for l in lines if l.page == j.from_page and "下转" in l.text)
        assert out.col == 1 and abs(out.y - last_y) < 1.0, out
        dst = [l for l in lines if l.page == j.to_page]
        k = next(i for i, l in enumerate(dst) if "上接" in l.text)
        assert len(dst) - k < g.lines or k < g.lines, (j, len(dst) - k, k)


# -- the rules themselves, on made-up flows (the issues may not happen to put a case at a foot) -----
class _Line:
    def __init__(self, text):
        self.text = text


class _Set:
    def __init__(self, text):
        self.line = _Line(text)


def _para(item, texts):
    from typeset.pdf.flow import TEXT, block
    return block(item, TEXT, [[_Set(t)] for t in texts])


def _keep(item, n):
    from typeset.pdf.flow import KEEP, block
    return block(item, KEEP, [[_Set(f"标题{k}")] for k in range(n)])


def _column_of(pages, slot):
    return next((pi, ci) for pi, cols in enumerate(pages) for ci, col in enumerate(cols) if any(s is slot for s in col))


@pytest.mark.parametrize("above", range(4, 10))
def test_a_lead_in_goes_over_with_what_it_introduces(above):
    """A paragraph ending with ： never ends a column with its quotation in the next: its last two
    lines go over with the quotation's first two."""
    from typeset.pdf.flow import flow
    slots = _para(0, ["正文"] * above) + _para(1, ["他强调", "他强调", "他强调："]) + _para(2, ["引文"] * 4) + _para(3, ["正文"] * 12)
    pages = flow(slots, lambda k: 10, 2)
    lead_end = next(s for s in slots if s.lead_in)
    quote = [s for s in slots if s.item == 2]
    where = _column_of(pages, lead_end)
    assert _column_of(pages, quote[0]) == where and _column_of(pages, quote[1]) == where, (above, pages)


@pytest.mark.parametrize("above", range(4, 10))
def test_heading_chains_keep_with_two_lines_of_text(above):
    """A heading with a subheading under it: both stand with two lines of the text that follows."""
    from typeset.pdf.flow import flow
    slots = _para(0, ["正文"] * above) + _keep(1, 1) + _keep(2, 2) + _para(3, ["正文"] * 12)
    pages = flow(slots, lambda k: 10, 2)
    text = [s for s in slots if s.item == 3]
    for head in (s for s in slots if s.item in (1, 2)):
        assert _column_of(pages, head) == _column_of(pages, text[1]), above


def test_toc_count_never_alone_on_a_line(issue):
    """An entry of a run of items ends 「等N则」: never alone on the entry's last line."""
    from typeset import style as S
    from typeset.fonts import face
    from typeset.pdf.front import _entry_lines
    from typeset.text.composer import compose
    from typeset import view
    g = geometry()
    width = g.column - S.TOC_INDENT
    a = next(a for _, a in issue.articles())
    item = view.TocItem("", None, None, a.key, None, a)
    found = 0
    for n in range(10, 40):  # titles of every length: some would leave 等8则 alone
        title = "城" * n + "等8则"
        plain = compose([(title, face(S.TOC_ENTRY))], width, justify=False, phrases=True).lines
        found += plain[-1].text == "等8则"
        lines = _entry_lines(title, face(S.TOC_ENTRY), width, item)
        assert lines[-1].text != "等8则" and "".join(ln.text for ln in lines) == title
    assert found, "the test must meet the case it guards against"


def test_a_long_toc_flows_onto_a_second_page(issue_copy, tmp_path, issue):
    """A 目录 too long for a page goes on over a second (目录（续）), its last page's columns
    balanced, instead of refusing the issue; the page count still reaches a multiple of 4."""
    m = issue_copy / "manifest.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("toc: first", "toc: each"), encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    doc = pymupdf.open(res.written[0])
    toc = [p for p in doc if p.get_text().startswith("目\u3000录") or "目录（续）" in p.get_text()]
    assert len(toc) == 2, len(toc)
    entries = [e for p in toc for e in re.findall(r"^\d\d$", p.get_text(), flags=re.M)]
    assert len(entries) == sum(len(s.articles) for s in issue.sections)
    assert len(doc) % 4 == 0 and res.blanks == 0
    g = geometry()
    last = toc[-1]
    y0 = last.trimbox.y1
    split = last.trimbox.x0 + g.left(last.number + 1) + g.column + g.gap / 2
    rows = {0: set(), 1: set()}
    for b in last.get_text("dict")["blocks"]:
        for l in b.get("lines", []):
            if l["bbox"][1] > y0 - g.top + 40:
                rows[0 if l["bbox"][0] < split else 1].add(round(l["bbox"][3]))
    assert rows[0] and rows[1]
    assert abs(max(rows[0]) - max(rows[1])) <= 17 * 3, rows  # within one entry


def test_toc_columns_end_within_a_line(case):
    """Every 目录 page's two columns end on the same grid line, give or take one."""
    res, doc, issue, g = case
    pages = [p for p in doc if p.get_text().startswith("目\u3000录") or "目录（续）" in p.get_text()]
    assert pages
    for p in pages:
        split = p.trimbox.x0 + g.left(p.number + 1) + g.column + g.gap / 2
        last = {0: 0.0, 1: 0.0}
        for b in p.get_text("dict")["blocks"]:
            for l in b.get("lines", []):
                y = l["spans"][0]["origin"][1]
                if y > p.trimbox.y1 - g.top + 30:  # below the heading
                    col = 0 if l["bbox"][0] < split else 1
                    last[col] = max(last[col], y)
        if last[0] and last[1]:
            assert abs(last[0] - last[1]) <= 17.5, (p.number + 1, last)


def test_paddings_are_designed_pages_first():
    """The page count reaches a multiple of 4 with the board's own page and the house page
    before any blank; blanks only when nothing else can."""
    from typeset.pdf.planner import FIXED_PAGES, Padding, paddings
    for body in range(20, 28):
        for pad in paddings(body, 1, 4):
            assert (FIXED_PAGES + 1 + body + pad.board_page + pad.house + pad.blanks) % 4 == 0
        assert all(p.blanks == 0 for p in paddings(body, 1, 4)) or paddings(body, 1, 4) == [Padding(1, 1, 1)]
    assert paddings(24, 1, 4) == [Padding(0, 0, 0)]  # 3 + 1 + 24: the board shares the imprint's page


def test_board_shares_the_imprint_page_when_the_plan_wants(monkeypatch, tmp_path):
    """When the plan puts the board with the imprint, both are on page 2, nothing overlaps, and
    the 目录 follows on page 3."""
    from typeset.pdf import planner
    monkeypatch.setattr(planner, "paddings", lambda body, toc, pad_to: [planner.Padding(0, 1, -(body + toc + 4) % pad_to)])
    res = typeset.build(SECOND, tmp_path, ("pdf",))
    doc = pymupdf.open(res.written[0])
    text = doc[1].get_text()
    assert "编委会" in text and "主办" in text and "目\u3000录" in doc[2].get_text()
    spans = [s["bbox"] for b in doc[1].get_text("dict")["blocks"] for l in b.get("lines", []) for s in l["spans"]]
    for k, a in enumerate(spans):  # no two lines overlap
        for b in spans[k + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
    top = doc[1].trimbox.y0
    assert all(top < b[1] and b[3] < doc[1].trimbox.y1 for b in spans)


def test_second_issue_docx_follows_the_plan(tmp_path):
    """The DOCX of the second issue: 目录 entries number themselves with PAGEREF fields (the DOCX's
    own pages, issue 14), its page numbers restart at 5 on the first article, the 补白 stand after
    the article the PDF sets them after."""
    import docx
    from docx.oxml.ns import qn
    res = typeset.build(SECOND, tmp_path, ("pdf", "docx"))
    d = docx.Document(next(p for p in res.written if p.suffix == ".docx"))
    toc = [p for p in d.paragraphs if p.style.name == "toc 2"]
    folios = dict(res.toc)  # title → folio in the PDF
    titles = [p.text.rsplit("\t", 1)[0] for p in toc]
    assert len([t for t in titles if t in folios]) >= len(titles) - 1  # (a run of items: its first + 等N则)
    assert all("PAGEREF" in p._p.xml for p in toc)
    starts = [el.get(qn("w:start")) for s in d.sections if (el := s._sectPr.find(qn("w:pgNumType"))) is not None]
    assert starts == ["5"]
    texts = [p.text for p in d.paragraphs]
    issue = load_issue(SECOND)
    for placed in res.fillers:
        at = texts.index(placed.filler.text)
        after = next(a for _, a in issue.articles() if a.key == placed.after)
        last = [p.text for p in after.paragraphs()][-1]
        assert texts.index(last) < at, placed
