"""The front matter is decided once (typeset/view.py) and both writers print that one model:
the board's rows and the 目录's entries, read back from the PDF and from the DOCX."""
import re

import docx
import pytest

from typeset import view
from typeset.style import geometry


def _page_spans(page):
    spans = [s for b in page.get_text("dict")["blocks"] for l in b.get("lines", []) for s in l["spans"]
             if s["text"].strip()]
    spans.sort(key=lambda s: (round(s["origin"][1]), s["origin"][0]))
    return [s["text"] for s in spans]


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(built[2])


@pytest.fixture(scope="module")
def toc_model(built, issue):
    pages = dict(built[0].toc)
    return view.toc(issue, {a.key: pages[a.title] for _, a in issue.articles()})


def test_board_rows_are_what_both_writers_print(pdf_doc, document, issue):
    cells = [c.text for row in view.board_rows(issue, geometry(issue.page.trim)) for c in row.cells]
    assert len(cells) > 15
    # the PDF: the board page's spans in reading order, after its title
    printed = [t for t in _page_spans(pdf_doc[2]) if not t.isdigit()]  # (the folio)
    assert printed[0] == "编委会"
    assert printed[1:] == cells
    # the DOCX: the board table's non-empty cells, row by row
    table = document.tables[0]
    in_docx = [c.text for row in table.rows for c in dict.fromkeys(row.cells) if c.text]
    assert in_docx == cells


def test_toc_entries_are_what_both_writers_print(pdf_doc, document, toc_model):
    squash = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    pdf_text = squash(pdf_doc[3].get_text())
    at = 0
    for group in toc_model:
        at = pdf_text.index(squash(group.section), at)
        for item in group.items:
            at = pdf_text.index(f"{item.page:02d}{squash(item.title)}", at)  # folio, then the entry
            for extra in (item.subtitle, item.author):
                if extra:
                    at = pdf_text.index(squash(extra), at)
    docx_rows = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    expected = []
    for group in toc_model:
        expected.append(("toc 1", group.section))
        # the DOCX numbers its entries with PAGEREF fields (its own pages, filled in by the word
        # processor: tests/test_docx.py), so its text holds the title and the tab only
        expected += [("toc 2", f"{item.title}\t") for item in group.items]
    assert docx_rows == expected
    assert any("等" in item.title and item.title.endswith("则") for g in toc_model for item in g.items)
