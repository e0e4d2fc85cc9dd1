"""Issue 13, lines that read well: read back from the PDF of the bundled issue and of a second
test issue (tests/fixtures/lines-issue: titles, captions, notes, numbers with units, Latin+Han
compounds, quoted terms, a URL and an e-mail address), every display break and body line judged."""
from pathlib import Path

import pytest

import typeset
from typeset import style as S
from typeset.read.manifest import load_issue
from typeset.text import rules as R
from typeset.text.words import break_classes, INSIDE, STRONG

from pdf_lines import PdfLine, _gaps_and_marks, _unit_splits, _word_breaks, _word_continues, line_defects
from util import squash

SECOND = Path(__file__).resolve().parent / "fixtures" / "lines-issue"


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    import pymupdf as fitz
    res = typeset.build(SECOND, tmp_path_factory.mktemp("lines"), ("pdf",))
    issue = load_issue(SECOND)
    return issue, fitz.open(res.written[0])


@pytest.fixture(scope="module")
def defects(pdf_doc, issue, second):
    out = {}
    for name, (iss, doc) in (("bundled", (issue, pdf_doc)), ("second", second)):
        out[name] = line_defects(iss, doc, S.geometry(iss.page.trim))
    return out


@pytest.mark.parametrize("name,least", [("bundled", 20), ("second", 12)])
def test_display_text_breaks_between_words(defects, name, least):
    d = defects[name]
    assert d["display_breaks"] >= least  # titles, headings, captions, notes that do wrap were read
    assert d["display_inside_word"] == []


@pytest.mark.parametrize("name", ["bundled", "second"])
def test_numbers_keep_their_units_and_words_their_heads(defects, name):
    d = defects[name]
    assert d["unit_splits"] == []
    assert d["word_continues"] == []


@pytest.mark.parametrize("name", ["bundled", "second"])
def test_spacing_bounded_and_texture_even(defects, name):
    d = defects[name]
    print(f"\n{name}: {len(d['squeezed_lines'])} lines with a mid-line mark at ⅔ em or less")
    print(f"{name}: {len(d['multi_squeezed_lines'])} lines with more than one squeezed mid-line mark")
    assert d["wide_han_gaps"] == []
    assert d["tight_pairs"] == [] and d["tight_latin"] == []


@pytest.mark.parametrize("name", ["bundled", "second"])
def test_more_than_one_squeezed_mark_only_where_the_paragraph_needs_it(defects, issue, second, name):
    """A line squeezes two marks or more only in a paragraph that copyfitting set a line shorter
    and that could not give the line back with one squeezed mark a line."""
    from typeset.pdf.setting import styled_runs
    from typeset.text.composer import compose
    from pdf_lines import model_paragraphs
    d = defects[name]
    model = model_paragraphs(issue if name == "bundled" else second[0])
    g = S.geometry(S.DEFAULT_TRIM)
    assert len(d["multi_squeezed_lines"]) <= 60, len(d["multi_squeezed_lines"])  # 55 on the bundled issue
    for k in {para for *_, para in d["multi_squeezed_lines"]}:
        assert k >= 0  # a body paragraph (not the 卷首语: it is never copyfitted)
        p, quote, article = model[k]
        st = S.QUOTE if quote else S.BODY
        runs = styled_runs(p, st, S.QUOTE if quote else S.BODY_BOLD, article)
        measure = g.column - (S.BODY.size if quote else 0) * 2
        normal = compose(runs, measure, indent=2 * S.BODY.size).lines
        one_mark = compose(runs, measure, indent=2 * S.BODY.size, tight=R.TIGHT_LINE_PENALTIES[-1],
                           squeeze_marks=R.MAX_SQUEEZED_MARKS).lines
        assert len(d["paras"][k].lines) < len(normal) <= len(one_mark), p.text[:20]


def test_a_closing_note_is_a_right_aligned_block_of_flush_left_lines(second):
    issue, doc = second
    d = line_defects(issue, doc, S.geometry(S.DEFAULT_TRIM))
    g = S.geometry(S.DEFAULT_TRIM)
    note = next(a.note for _, a in issue.articles() if a.note)
    (block,) = [b for b in d["blocks"] if "".join(b.lines) == squash(f"（{note}）")]
    assert len(block.lines) > 1
    lefts = {round(x0, 1) for x0, _ in block.edges}
    assert len(lefts) == 1  # flush left
    # (a mark at a line's end is set half-width: its blank half lies past the edge)
    right = max(x1 - (R.BLANK * block.size if t[-1] in R.CLOSING | R.STOPS else 0.0)
                for (_, x1), t in zip(block.edges, block.lines))
    col_right = g.left(block.page) + g.column + (g.column + g.gap) * (right > g.left(block.page) + g.column + 1)
    assert abs(right - col_right) < 1.0  # the block's longest line ends at the column's edge


def test_the_caption_keeps_its_date():
    from typeset.pdf.setting import text_lines
    caption = "图1　社区党员在新时代e支部活动室参加“两委”换届选举培训（2018年6月摄）"
    for ems in range(12, 22):
        lines = text_lines(caption, S.NOTE, ems * S.NOTE.size, balanced=True)
        cls = break_classes(caption)
        assert all(cls[ln.end] < INSIDE for ln in lines[:-1]), [ln.text for ln in lines]


# -- the checkers themselves: each finds what it is for ----------------------------------------

def test_checkers_find_the_issues_examples():
    text = "从社区的发展历程认识城市基层党建的地位和作用"
    assert _word_breaks(text, [text.index("市")], {}) and not _word_breaks(text, [text.index("城")], {})
    text = "累计投资53亿元，问卷5499份，均达500平方米以上，1100多件"
    for cut in ("元，问", "份，均", "方米以", "多件"):
        assert _unit_splits(text, [text.index(cut)]), cut
    assert not _unit_splits(text, [text.index("，问")])
    assert _word_continues("互联网+党建", 3, "") and _word_continues("新时代e支部", 3, "")
    assert not _word_continues("详见www.example.com", 6, "") and not _word_continues("至zhengwu", 1, "")
    assert break_classes("53亿元")[3] == STRONG and break_classes("“两委”")[2] == STRONG


def _line(xs, text, size=10.5):
    return PdfLine(1, 0, 0.0, xs[0], xs[-1] + size, text, chars=[(x, x + size, c) for x, c in zip(xs, text)],
                   size=size)


def test_gap_and_mark_measures():
    em = 10.5
    loose = _line([k * (em + 0.2 * em) for k in range(5)], "一二三四五")
    assert _gaps_and_marks(loose)["han_gap"] == pytest.approx(0.2)
    squeezed = _line([0, em, 1.5 * em, 2.5 * em, 3.0 * em, 4.0 * em], "一，二，三四")
    m = _gaps_and_marks(squeezed)
    assert m["squeezed"] == 2 and m["tightest"] == pytest.approx(0.5)
    pair = _line([0, em, 1.5 * em, 2.0 * em], "一”。二")  # ”。 at 1.0 em
    assert _gaps_and_marks(pair)["pairs"] == ["”。"]
    assert R.MAX_HAN_GAP == 0.125


def test_segmentation_is_deterministic(issue):
    """The same text gets the same breaks in a fresh process (a fixed dictionary, no randomness)."""
    import subprocess
    import sys
    texts = [p.text for _, a in issue.articles() for p in a.paragraphs()][:40]
    here = [break_classes(t).hex() for t in texts]
    code = ("import json, sys; from typeset.text.words import break_classes; "
            "print(json.dumps([break_classes(t).hex() for t in json.load(sys.stdin)]))")
    import json
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert json.loads(out.stdout) == here
