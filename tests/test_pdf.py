"""Read the real PDF back: text in order, 目录 page numbers, fonts embedded, page count."""
import re
import subprocess
import shutil
from difflib import SequenceMatcher

import pytest

from typeset.style import geometry
from conftest import SEED
from util import article_pages, folio, folio_offset, rejoin_jumps, squash, trim_origin, type_area_text

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def pages_text(pdf_doc, issue):
    return [squash(t) for t in type_area_text(pdf_doc, geometry(issue.page.trim))]


def test_page_count_near_print(built):
    res = built[0]
    assert 40 <= res.pages <= 56


def test_every_paragraph_in_order(issue, pages_text, pdf_doc):
    """Each article's title and every paragraph appear in the PDF, in issue order (jumps followed)."""
    text = rejoin_jumps(pages_text, offset=folio_offset(pdf_doc, geometry(issue.page.trim)))
    cursor = 0
    missing = []
    for section, article in issue.articles():
        for para in [article.title.replace(" ", ""), *(squash(p.text) for p in article.paragraphs())]:
            at = text.find(para, cursor)
            if at < 0:
                missing.append((article.key, para[:30]))
            else:
                cursor = at + len(para)
    assert not missing, missing[:5]


def test_seed_fidelity(pages_text, pdf_doc):
    """≥ 99.5 % of the seed's article Han characters are in the PDF, in order.

    The seed is compared line by line (a seed line is a paragraph or a page-cut piece of one),
    because its jumped continuations stand out of reading order; within each line, order counts."""
    if not SEED.exists():
        pytest.skip("seed not available")
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    board_end = next(i for i, l in enumerate(seed_lines) if l.endswith("张广俊"))
    article_lines = seed_lines[:12] + seed_lines[board_end + 1:]
    g = geometry()
    first = article_pages(pdf_doc, g)[0]
    pdf_han = "".join(HAN.findall(rejoin_jumps(pages_text[first - 1:], first=first, offset=folio_offset(pdf_doc, g))))
    total = matched = 0
    cursor = 0
    for line in article_lines:
        han = "".join(HAN.findall(line))
        if not han:
            continue
        total += len(han)
        at = pdf_han.find(han)
        if at >= 0:
            matched += len(han)
            cursor = at
            continue
        # a line edited in transcription (" and " → 和) or jumped: anchor it on a piece of itself
        pieces = (pdf_han.find(han[k:k + 12]) for k in range(0, len(han) - 11, 12))
        anchor = next((p for p in pieces if p >= 0), cursor)
        window = pdf_han[max(0, anchor - len(han)):anchor + 2 * len(han)]
        sm = SequenceMatcher(None, han, window, autojunk=False)
        matched += sum(b.size for b in sm.get_matching_blocks())
    assert matched / total >= 0.995, matched / total


def test_toc_numbers_are_the_pages_where_titles_stand(pdf_doc, pages_text, built):
    """A 目录 number is the folio printed on the page where the title stands."""
    g = geometry()
    toc = "".join(p.get_text("text") for p in pdf_doc if p.get_text().startswith("目\u3000录")
                  or "目录（续）" in p.get_text())
    entries = re.findall(r"^(\d\d)\n(.+)$", toc, flags=re.M)
    assert len(entries) >= 15
    by_folio = {folio(p, g): p.number for p in pdf_doc}
    for num, title in entries:
        page = by_folio[str(int(num))] + 1
        title = squash(title)[:8]
        assert title in pages_text[page - 1], (num, title)


def test_toc_lists_every_article(built, pages_text, issue):
    toc = pages_text[3]
    for section in issue.sections:
        assert section.title in toc
        arts = section.articles[:1] if section.toc == "first" else section.articles
        for a in arts:
            assert squash(a.title)[:10] in toc, a.title


def test_all_fonts_embedded_and_subset(pdf_doc):
    names = set()
    for i in range(len(pdf_doc)):
        for xref, ext, ftype, base, *_ in pdf_doc.get_page_fonts(i):
            assert ext not in ("n/a", ""), f"font {base} not embedded"
            assert ftype != "Type3"
            assert re.match(r"[A-Z]{6}\+", base), f"{base} not subset"
            names.add(base.split("+")[1])
    assert names <= {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Regular",
                     "NotoSansCJKsc-Bold", "JournalKai-Regular"}, names


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdffonts_all_embedded(built):
    out = subprocess.run(["pdffonts", str(built[1])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), out


def test_running_heads_and_folios(pdf_doc, issue, built):
    """Article pages carry folios counted from page: first_folio (1) on the first article page;
    the front matter (cover, imprint, board, 目录) and the back pages (house page, back cover)
    carry none."""
    g = geometry("大16开")
    res = built[0]
    numbered = article_pages(pdf_doc, g)
    first = numbered[0]
    assert first == res.front_pages + 1 and 1 < first <= 6
    assert numbered == list(range(first, first + len(numbered)))  # no gap: the body is one run
    assert numbered[-1] < len(pdf_doc)  # at least the back cover after it, without a folio
    for n in numbered:
        assert folio(pdf_doc[n - 1], g) == str(n - first + issue.page.first_folio), n
    assert "目\u3000录" in pdf_doc[first - 2].get_text()


def test_columns_share_baselines(pdf_doc, issue):
    """Body lines of the two columns sit on one grid."""
    g = geometry("大16开")
    page = pdf_doc[13]
    dx, _ = trim_origin(page)
    ys = {}
    for b in page.get_text("dict")["blocks"]:
        for l in b.get("lines", []):
            x = l["bbox"][0] - dx
            col = 0 if x < g.left(14) + g.column else 1
            size = l["spans"][0]["size"]
            if abs(size - 10.5) < 0.01:
                ys.setdefault(col, set()).add(round(l["spans"][0]["origin"][1], 1))
    left, right = ys[0], ys[1]
    assert len(left & right) >= min(len(left), len(right)) - 2
