"""Issue 3's acceptance figures, measured on the built PDF: every body line counted."""
import pytest

from typeset import style as S
from typeset.style import geometry
from typeset.text import rules as R

from pdf_lines import body_lines, paragraphs, reading_order
from util import article_pages, folio_offset


# The bundled issue and the second test issue (Latin-heavy text, figures, names outside GB 2312):
# (issue fixture, PDF fixture, at least this many body lines)
ISSUES = {"bundled": ("issue", "pdf_doc", 2000), "issue2": ("issue2", "pdf_doc2", 150)}


@pytest.fixture(scope="module", params=sorted(ISSUES))
def measured(request):
    issue_name, pdf_name, least = ISSUES[request.param]
    issue, pdf_doc = request.getfixturevalue(issue_name), request.getfixturevalue(pdf_name)
    g = geometry(issue.page.trim)
    lines = reading_order(body_lines(pdf_doc, g), folio_offset(pdf_doc, g))
    paras, missing = paragraphs(issue, lines)
    return g, lines, paras, missing, least


def test_every_paragraph_found(measured):
    g, lines, paras, missing, least = measured
    assert len(lines) > least
    assert not missing, missing[:5]


def test_no_forbidden_line_starts_or_ends(measured):
    lines = measured[1]
    bad_start = [l.text for l in lines if l.text[0] in R.NO_LINE_START]
    bad_end = [l.text for l in lines if l.text[-1] in R.NO_LINE_END]
    assert bad_start == [] and bad_end == []


def test_lines_fill_the_measure(measured):
    g, lines, paras, _, least = measured
    total = off = 0
    worst = []
    for p in paras:
        for ln in p.lines[:-1]:
            right = g.left(ln.page) + ln.col * (g.column + g.gap) + g.column - (S.BODY.size if p.quote else 0)
            total += 1
            if abs(ln.x1 - right) > 0.1:
                off += 1
                worst.append((round(ln.x1 - right, 2), ln.page, ln.text))
    print(f"\n{total - off}/{total} non-last lines end within 0.1 pt of the column edge")
    assert total > 0.9 * least
    assert (total - off) / total >= 0.999, worst[:5]


def test_no_runts(measured):
    runts = [p.lines[-1].text for p in measured[2]
             if len(p.lines) > 1 and sum(R.is_han(c) or R.is_latin(c) for c in p.lines[-1].text) <= 1]
    assert runts == []


def test_no_widows_or_orphans(measured):
    orphans, widows = [], []
    for p in measured[2]:
        if len(p.lines) < 2:
            continue
        where = [(l.page, l.col) for l in p.lines]
        if where[0] != where[1]:
            orphans.append(p.lines[0].text)
        if where[-1] != where[-2]:
            widows.append(p.lines[-1].text)
    assert orphans == [] and widows == []


def test_body_lines_sit_on_one_grid(measured):
    """Every body baseline, in both columns of every page, is a whole number of 17 pt steps
    from the type area's top: facing columns line up and headings return text to the grid."""
    g, lines, paras, _, _ = measured
    off_grid = []
    for ln in lines:
        steps = (g.top - S.BODY.size * 0.88 - ln.y) / S.BODY.leading
        if abs(steps - round(steps)) * S.BODY.leading > 0.1:
            off_grid.append((ln.page, ln.col, ln.y, ln.text[:10]))
    assert off_grid == []


def test_one_column_lead_is_composed_the_same_way(pdf_doc, issue):
    """The 卷首语, one column in 13 pt 楷体: the same rules, measured on its own lines."""
    g = geometry(issue.page.trim)
    lead = article_pages(pdf_doc, g)[0]  # the 卷首语 opens the body
    lines = [l for l in body_lines(pdf_doc, g, S.LEAD.size, ncols=1) if l.page == lead]
    assert len(lines) > 10
    measure = int(g.text_width // S.LEAD.size) * S.LEAD.size
    right = g.left(lead) + measure
    ends = [l for l in lines if abs(l.x1 - right) <= 0.1]
    assert not [l.text for l in lines if l.text[0] in R.NO_LINE_START or l.text[-1] in R.NO_LINE_END]
    # every line is full but the last of a paragraph (which may happen to be full too)
    short = [l for l in lines if l not in ends]
    assert len(short) <= sum(1 for _ in next(a for _, a in issue.articles()).paragraphs())
    assert all(l.text.endswith("。") for l in short), [l.text for l in short]


def test_columns_end_full_before_an_articles_last_page(issue):
    """Columns a line short (a paragraph kept from leaving a line alone) are filled by setting a
    paragraph above a line longer: few remain, and none by more than two lines."""
    from typeset.pdf import layout as L
    plans = L.plans(issue, geometry(issue.page.trim))
    gaps = [p.cap(pi) - cols.top_lines - len(c) for p in plans for pi, cols in enumerate(p.pages[:-1]) for c in cols]
    assert sum(g > 0 for g in gaps) <= 0.1 * len(gaps) and max(gaps) <= 2, gaps
