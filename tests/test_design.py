"""Issue 4's page design, read back from the built PDF: board, 目录 links, outline, heads."""
import re

import pymupdf
import pytest

from typeset.style import geometry
from typeset.text.names import pad_name

from util import article_pages, folio, trim_origin

PRINTED_BOARD = ["于 强", "权 刚", "朱 戩", "刘岚巍", "孙继亮", "李兆成", "李晓恒", "吴 悠", "何玉国", "张 君",
                 "陈国辉", "周 伟", "单 良", "赵长山", "耿楚翔"]


def _spans(page):
    for b in page.get_text("dict")["blocks"]:
        for l in b.get("lines", []):
            for s in l["spans"]:
                yield s


def test_board_prints_the_stroke_order_with_aligned_names(pdf_doc):
    page = pdf_doc[2]
    members = [s for s in _spans(page) if s["text"].replace("\u3000", " ") in PRINTED_BOARD]
    # reading order: by row, then by column
    members.sort(key=lambda s: (round(s["origin"][1]), s["origin"][0]))
    members = members[:15]  # 何玉国 is also 副主编, further down
    assert [s["text"].replace("\u3000", " ") for s in members] == PRINTED_BOARD
    widths = {round(s["bbox"][2] - s["bbox"][0], 1) for s in members}
    assert len(widths) == 1, f"two-character names must take the width of three: {widths}"
    lefts = sorted({round(s["origin"][0], 1) for s in members})
    assert len(lefts) == 4  # four aligned columns
    others = [s for s in _spans(page) if s["text"].replace("\u3000", " ") in ("高海珠", "关树维", "刘德宏", "何玉国")]
    assert {round(s["origin"][0], 1) for s in others} <= set(lefts)  # the other roles' names on the same grid


def test_two_character_labels_are_padded(pdf_doc):
    text = pdf_doc[2].get_text()
    assert "主\u3000编" in text and "编\u3000辑" in text and "副主编" in text


def test_bylines_are_padded(pdf_doc, issue):
    two = [a.author for _, a in issue.articles() if a.author and len(a.author) == 2]
    assert two
    body = "".join(p.get_text() for p in pdf_doc)
    for name in two:
        assert pad_name(name) in body


@pytest.fixture(scope="module")
def screen_doc(tmp_path_factory):
    import typeset
    from conftest import ISSUE
    res = typeset.build(ISSUE, tmp_path_factory.mktemp("screen"), ("pdf",), screen=True)
    return pymupdf.open(next(p for p in res.written if p.name.endswith("-screen.pdf")))


def test_print_edition_declared_pdfx_has_no_annotations(pdf_doc):
    """PDF/X allows no links on the printed area: the print edition keeps only the outline."""
    assert all(not list(p.annots()) and not p.get_links() for p in pdf_doc)
    assert pdf_doc.get_toc()


def test_toc_entries_link_to_their_pages(screen_doc, built):
    """In the screen edition (the one read on screen) every 目录 entry is a link to its page."""
    res = built[0]
    pdf_doc = screen_doc
    toc_page = next(p for p in pdf_doc if "目\u3000录" in p.get_text())
    links = [l for l in toc_page.get_links() if l["kind"] == pymupdf.LINK_GOTO]
    assert links
    toc_text = toc_page.get_text()
    numbers = [int(n) for n in re.findall(r"^(\d\d)$", toc_text, flags=re.M)]
    g = geometry()
    # a 目录 number is the folio printed on the page its link goes to (front matter has none)
    targets = {int(folio(pdf_doc[l["page"]], g)) for l in links}
    assert set(numbers) <= targets, (numbers, targets)
    starts = {page for _, page in res.toc}
    assert targets <= starts


def test_outline_lists_sections_then_articles(pdf_doc, issue):
    toc = pdf_doc.get_toc()
    sections = [t for lvl, t, _ in toc if lvl == 1]
    articles = [t for lvl, t, _ in toc if lvl == 2]
    assert sections == [s.title for s in issue.sections]
    assert articles == [a.title for _, a in issue.articles()]
    for lvl, title, page in toc:
        if lvl == 2:
            assert title.replace(" ", "")[:6] in pdf_doc[page - 1].get_text().replace(" ", "").replace("\n", "")


def test_running_head_names_the_section_on_every_article_page(pdf_doc, issue, built):
    """Every article page names its section: in the running head, or, on the page where the
    section opens, in the section's own label at the head of the type area (and no running
    head repeats it there)."""
    res = built[0]
    sections = {s.title for s in issue.sections}
    g = geometry()
    openings = 0
    g = geometry()
    for n in article_pages(pdf_doc, g):
        page = pdf_doc[n - 1]
        dx, y0 = trim_origin(page)
        head = [s["text"] for s in _spans(page) if y0 - s["origin"][1] > g.top]  # above the type area
        label = [s["text"] for s in _spans(page)  # (a run-on title may stand there too, in the column)
                 if g.top - 20 < y0 - s["origin"][1] <= g.top and abs(s["size"] - 14) < 0.1 and s["text"] in sections]
        if label:
            openings += 1
            assert label[0] in sections and not head, (n, label, head)
        else:
            assert any(h in sections for h in head), (n, head)
            assert any("研究与交流" in h for h in head), (n, head)
    assert openings == len(issue.sections)



def test_headings_are_balanced(issue):
    """A two-line heading is set as two lines of even length, not a full line and a word."""
    from typeset.pdf.setting import text_lines
    from typeset import style as S
    lines = text_lines("从社区的发展历程认识城市基层党建的地位和作用", S.H2, 22 * S.BODY.size, balanced=True)
    assert len(lines) == 2
    assert abs(lines[0].width - lines[1].width) <= 2 * S.H2.size
