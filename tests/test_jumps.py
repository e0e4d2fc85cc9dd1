"""Jumps (下转 / 上接), read back from the built PDF."""
import re

import pytest

import typeset
from typeset.style import geometry

from conftest import ISSUE
from util import squash, type_area_text

OUT = re.compile(r"（下转第(\d+)页）")
IN = re.compile(r"（上接第(\d+)页）")


@pytest.fixture(scope="module")
def page_texts(pdf_doc):
    return [squash(t) for t in type_area_text(pdf_doc, geometry())]


def test_every_marker_names_the_other_end(built, page_texts, issue):
    res = built[0]
    assert res.jumps, "the bundled issue allows jumps and has short tails: some article must jump"
    def physical(folio):  # the markers name folios; the body's folios start after the front matter
        return int(folio) - issue.page.first_folio + res.front_pages + 1
    outs = [(n, physical(m)) for n, t in enumerate(page_texts, 1) for m in OUT.findall(t)]
    ins = [(n, physical(m)) for n, t in enumerate(page_texts, 1) for m in IN.findall(t)]
    assert len(outs) == len(ins) == len(res.jumps)
    for page, to in outs:
        assert to > page, "jumps go forward"
        assert (to, page) in ins, f"p.{page} says 下转第{to}页 but p.{to} has no 上接第{page}页"
    for j in res.jumps:
        assert (j.from_page, j.to_page) in outs


def test_tail_continues_the_sentence(built, page_texts, issue):
    """The text before 下转 and after 上接 are consecutive pieces of one paragraph or of
    consecutive paragraphs (or a paragraph and the heading after it) of the same article."""
    from typeset.model import Heading, Quote

    def text(b):
        return b.text if isinstance(b, Heading) else "".join(p.text for p in b.paragraphs) if isinstance(b, Quote) \
            else getattr(b, "text", "")
    body = {a.key: squash("".join(text(b) for b in a.blocks)) for _, a in issue.articles()}
    for j in built[0].jumps:
        before = OUT.split(page_texts[j.from_page - 1])[0][-12:]
        after = page_texts[j.to_page - 1].split(f"（上接第{j.from_folio:02d}页）")[1][:12]
        assert before + after in body[j.source], (j, before, after)


def test_jumps_reduce_the_blank_area(built):
    res = built[0]
    assert res.blank_lines < res.blank_without_jumps, (res.blank_lines, res.blank_without_jumps)


def test_without_jumps_articles_run_on(issue_copy, tmp_path):
    manifest = issue_copy / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("page:\n", "page:\n  jumps: false\n") if "page:\n" in text
                        else text + "\npage:\n  jumps: false\n", encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    assert res.jumps == []
    assert res.blank_lines == res.blank_without_jumps
    import pymupdf
    text = "".join(p.get_text() for p in pymupdf.open(res.written[0]))
    assert "下转" not in text and "上接" not in text


def test_copyfitting_saves_short_last_pages(issue):
    """An article that, set on its own pages, would end with a handful of lines on a page of its
    own gives them back when copyfitting is on: its paragraphs are set a line shorter until the
    page is saved (the page planner may then have other ways to use the room)."""
    from dataclasses import replace
    from typeset.pdf.fit import COPYFIT_LINES, copyfit
    from typeset.pdf.layout import Planner
    from typeset.style import geometry
    g = geometry(issue.page.trim)
    off = replace(issue, page=replace(issue.page, copyfit=False))
    planner = Planner(off, g)
    saved = tried = 0
    for section in issue.sections:
        for k, a in enumerate(section.articles):
            p = planner.plan(section, (a,), k == 0)
            if len(p.pages) < 2 or sum(len(c) for c in p.pages[-1]) > COPYFIT_LINES:
                continue
            tried += 1
            before = len(p.pages)
            copyfit(p)
            saved += len(p.pages) < before
    assert tried and saved, (tried, saved)
