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


def test_every_marker_names_the_other_end(built, page_texts):
    res = built[0]
    assert res.jumps, "the bundled issue allows jumps and has short tails: some article must jump"
    outs = [(n, int(m)) for n, t in enumerate(page_texts, 1) for m in OUT.findall(t)]
    ins = [(n, int(m)) for n, t in enumerate(page_texts, 1) for m in IN.findall(t)]
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
        after = page_texts[j.to_page - 1].split(f"（上接第{j.from_page:02d}页）")[1][:12]
        assert before + after in body[j.source], (j, before, after)


def test_jumps_halve_the_blank_area(built):
    res = built[0]
    assert res.blank_lines * 2 <= res.blank_without_jumps, (res.blank_lines, res.blank_without_jumps)


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


def test_no_gap_is_left_that_a_jump_could_fill(issue):
    """After planning, try every remaining tail in every later gap, directly: none fits where the
    rules (jumps.may_jump, jumps.may_take: a gap above max_gap at either end) would allow a jump."""
    from typeset.pdf import layout as L
    from typeset.pdf.jumps import may_jump, may_take, plan_jumps, split
    from typeset.style import geometry
    plans = L.plans(issue, geometry(issue.page.trim))
    plan_jumps(plans, issue.page.max_gap)
    tried = 0
    for k, a in enumerate(plans):
        cut = split(a) if may_jump(a) else None
        if cut is None:
            continue
        for b in plans[k + 1:]:
            if may_take(a, b, issue.page.max_gap):
                tried += 1
                assert len(b.flowed(b.slots + cut.tail)) > len(b.pages), (a.key, b.key)
    assert sum(p.jump_out is not None for p in plans) >= 3


def test_copyfitting_saves_short_last_pages(issue_copy, tmp_path, built):
    """With copyfitting off, some article ends with a handful of lines on a page of its own;
    with it on (the default), those lines are given back and the issue is shorter."""
    res_on = built[0]
    m = issue_copy / "manifest.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("page:\n", "page:\n  copyfit: false\n"), encoding="utf-8")
    res_off = typeset.build(issue_copy, tmp_path, ("pdf",))
    assert res_on.pages - res_on.padding < res_off.pages - res_off.padding
    assert res_on.blank_without_jumps < res_off.blank_without_jumps
