"""Open the DOCX with python-docx and check what staff will see in Word."""
import docx
import pytest
from docx.oxml.ns import qn

from util import squash


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(built[2])


def test_every_paragraph_in_order(document, issue):
    body = [squash(p.text) for p in document.paragraphs if p.style.name in ("Body Text", "Quote")]
    expected = [squash(p.text) for _, a in issue.articles() for p in a.paragraphs()]
    assert body == expected


def test_titles_are_headings(document, issue):
    heads = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Item Title")]
    assert heads == [a.title for _, a in issue.articles()]


def test_body_style_indent_and_fonts(document):
    st = document.styles["Body Text"]
    ind = st.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    fonts = st.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    for name in ("Heading 1", "Heading 2", "Byline", "Normal", "Closing Note"):
        f = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert f is not None and f.get(qn("w:eastAsia")), name


def test_quotes_hinted_east_asian(document):
    hinted = [r for p in document.paragraphs for r in p.runs if r.text in "“”‘’" and r.text]
    assert hinted and all(r._r.rPr.rFonts.get(qn("w:hint")) == "eastAsia" for r in hinted)


def test_two_column_sections_with_headers(document, issue):
    cols = [s._sectPr.find(qn("w:cols")).get(qn("w:num")) for s in document.sections]
    expected = sum(1 if s.run_on else len(s.articles) for s in issue.sections if s.layout == "two-column")
    assert cols.count("2") == expected
    heads = {s.header.paragraphs[0].text for s in document.sections[1:]}
    assert {sec.title for sec in issue.sections} <= heads
    xml = document.sections[-1].footer._element.xml
    assert "PAGE" in xml


def test_toc_field_and_update_fields(document):
    body = document.element.body.xml
    assert 'TOC \\o "1-1"' in body
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
