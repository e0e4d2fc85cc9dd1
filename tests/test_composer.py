"""The composer: clreq rules, table-driven and as properties."""
import pytest
from hypothesis import given, settings, strategies as st

from typeset.fonts import face
from typeset.style import BODY
from typeset.text import rules as R
from typeset.text.composer import compose

F = face(BODY)
EM = BODY.size
MEASURE = 22 * EM


def lines_of(text, measure=MEASURE, indent=2 * EM):
    return compose([(text, F)], measure, indent=indent).lines


@pytest.mark.parametrize("text", [
    "党的力量来自组织。党的全面领导、党的全部工作要靠党的坚强组织体系去实现。党中央是大脑和中枢，党中央必须有定于一尊、一锤定音的权威。",
    "他说：“把别人喝咖啡的时间都用进去”，干一行、钻一行、精一行。敢于啃硬骨头，敢于接烫手山芋，不要怕当“热锅上的蚂蚁”，通过不断苦其心志。",
    "联系邮箱zzbyjyjl@163.com，电话0432-62010336，全市共有社区275个，O2O和QQ群都用上了“新时代e支部”平台，效果很好很好很好。",
])
def test_kinsoku_and_justification(text):
    lines = lines_of(text)
    for ln in lines:
        assert ln.text[0] not in R.NO_LINE_START
        assert ln.text[-1] not in R.NO_LINE_END
        if not ln.last:
            assert abs(ln.width - ln.measure) <= 0.1
    assert "".join(l.text for l in lines) == text


def test_latin_runs_never_split():
    text = "请发送至zzbyjyjl@163.com" * 3
    for ln in lines_of(text):
        assert not ln.text.startswith("163") and not ln.text.startswith(".com")


def test_adjacent_punctuation_compressed():
    (ln,) = lines_of("好。”他", indent=0)
    period = next(p for p in ln.items if p.text == "。")
    assert abs(period.advance - EM / 2) < 0.01  # 。” takes 1.5 em, not 2


def test_cjk_latin_quarter_em():
    (ln,) = lines_of("共有275个", indent=0)
    num = next(p for p in ln.items if p.text == "275")
    you = next(p for p in ln.items if p.text == "有")
    assert abs(num.x - (you.x + EM) - EM / 4) < 0.01


def test_no_runt_last_line():
    text = "一" * 41 + "。"  # greedy would leave 。 alone, or one character
    lines = lines_of(text, indent=0)
    assert sum(1 for ch in lines[-1].text if R.is_han(ch)) >= 2


han = st.sampled_from(list("党的建设组织工作干部人才基层社区年轻一二三") + list("，。、；：“”（）《》？！") + ["——", "……", "2018", "QQ", "e"])


@settings(max_examples=150, deadline=None)
@given(st.lists(han, min_size=1, max_size=120))
def test_properties(parts):
    text = "".join(parts)
    lines = lines_of(text)
    assert "".join(l.text for l in lines) == text
    for k, ln in enumerate(lines):
        assert ln.width <= ln.measure + 0.1 or len(ln.items) == 1
        if k > 0:
            assert ln.text[0] not in R.NO_LINE_START
        if not ln.last:
            assert ln.text[-1] not in R.NO_LINE_END
