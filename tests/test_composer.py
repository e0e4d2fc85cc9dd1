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


# clreq §3.1.6 / §3.1.7 and GB/T 15834: how a line that would break badly is resolved.
# (text, measure in ems, expected lines).  Indent 0 so the arithmetic is visible.
BREAK_CASES = [
    # 。 may not start a line and nothing on line 1 can be squeezed: 推出 (carry 十 over)
    ("一二三四五六七八九十。一二三", 10, ["一二三四五六七八九", "十。一二三"]),
    # the same, but line 1 has a comma whose blank half can go: 挤进 (squeeze 。 in)
    ("一二，三四五六七八九。十一二", 10, ["一二，三四五六七八九。", "十一二"]),
    # （ may not end a line: carried to the next with what it opens
    ("一二三四五六七八九（十）一二", 10, ["一二三四五六七八九", "（十）一二"]),
    # ” may not start a line, nor 、: the pair 。” is kept on line 1 (compressed to 1.5 em, then
    # half-width at the line end)
    ("一二三四五六七八。”一二三四五六七八九十", 10, ["一二三四五六七八。”", "一二三四五六七八九十"]),
    # —— is one unbreakable 2-em unit; it may start a line, whole
    ("一二三四五六七八九——十一二三", 10, ["一二三四五六七八九", "——十一二三"]),
    # an e-mail address breaks at its own break point (after @) rather than move whole and
    # leave 联系邮箱： letter-spaced across the line (issue 13; it used to move whole)
    ("联系邮箱：zzbyjyjl@163.com。", 10, ["联系邮箱：zzbyjyjl@", "163.com。"]),
    # a phone number is not an address: never split
    ("一二三四五六七八电话0432-62010336。", 10, ["一二三四五六七八电话", "0432-62010336。"]),
]


@pytest.mark.parametrize("text,ems,expected", BREAK_CASES)
def test_clreq_breaks(text, ems, expected):
    lines = lines_of(text, measure=ems * EM, indent=0)
    assert [l.text for l in lines] == expected
    for ln in lines[:-1]:
        assert abs(ln.width - ln.measure) <= 0.1


# 标点挤压 (clreq §3.1.6.1, adjacent marks): a pair of full-width marks takes 1.5 em, not 2, and
# keeps the glyphs' ink where the rules put it.  (pair, em box start of each mark relative to the
# first, the ink side of the second mark: its glyph origin may sit left of its box.)
PAIR_CASES = ["。”", "，“", "：“", "）、", "”（", "《（", "》）", "？”", "）。"]


@pytest.mark.parametrize("pair", PAIR_CASES)
def test_clreq_pair_compression(pair):
    (ln,) = lines_of("好" + pair + "他", measure=30 * EM, indent=0)
    x = {p.text: p.x for p in ln.items}
    assert abs((x["他"] - x[pair[0]]) - 1.5 * EM) < 0.01, pair
    assert abs(ln.width - 3.5 * EM) < 0.01


def test_squeeze_used_before_stretch():
    """A line that can either squeeze its punctuation or stretch its characters squeezes."""
    (first, *_) = lines_of("一二，三四五六七八九。十一二", measure=10 * EM, indent=0)
    assert first.ratio < 0


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


def test_long_url_breaks_at_its_own_break_points():
    url = "https://www.example.com/very/long/path/to/some/page/index.html?id=1234567890&x=y"
    lines = lines_of("详见" + url + "，谢谢。")
    assert len(lines) > 1
    assert "".join(l.text for l in lines) == "详见" + url + "，谢谢。"
    for ln in lines:
        assert ln.width <= ln.measure + 0.1
    assert all(l.text[-1] in "/.-_@?&=#，。" or l.last for l in lines)


def test_marks_that_may_not_part_still_break_at_the_measure():
    """Sixty 。 in a row have no allowed break: an emergency break keeps them in the column."""
    for ln in lines_of("。" * 60):
        assert ln.width <= ln.measure + 0.1


def test_no_quarter_em_beside_an_ideographic_space():
    (ln,) = lines_of("图1\u3000封面", indent=0)
    x = {p.text: p.x for p in ln.items}
    assert abs(x["封"] - x["1"] - F.width("1") - EM) < 0.01


def test_url_is_one_run():
    (ln,) = lines_of("见https://a.cn/b", measure=40 * EM, indent=0)
    assert [p.text for p in ln.items] == ["见", "https://a.cn/b"]


@pytest.mark.parametrize("title,first", [
    ("稳中求进 推动县域经济转型升级取得新进展", "稳中求进"),
    ("关于探索推行派驻党支部有效办法 不断扩大“两个覆盖”的研究", "关于探索推行派驻党支部有效办法"),
])
def test_titles_break_at_their_phrase_space(title, first):
    lines = compose([(title, F)], 19 * EM, justify=False, phrases=True).lines
    assert lines[0].text == first


def test_a_number_keeps_its_unit():
    text = "一" * 20 + "2018年" + "一" * 10
    lines = lines_of(text, indent=0)
    assert all(not l.text.startswith("年") for l in lines)


def test_tight_setting_gives_back_a_line_by_squeezing_punctuation():
    base = "我们坚持，党的领导，人民当家作主，依法治国，有机统一，推进改革，发展经济，改善民生，促进和谐，维护稳定。" * 2
    # lengthen it until it just spills onto another line: the line to give back
    start = len(lines_of(base + "了。"))
    text = next(t for k in range(40) if len(lines_of(t := base + "好" * k + "了。")) > start)
    normal = lines_of(text)
    tight = next(ls for lp in R.TIGHT_LINE_PENALTIES
                 if len(ls := compose([(text, F)], MEASURE, indent=2 * EM, tight=lp).lines) < len(normal))
    assert max(squeezed_marks(ln) for ln in tight) == 1  # the squeeze spread: one mark a line
    assert len(tight) == len(normal) - 1  # one line given back, not as many as possible
    assert "".join(l.text for l in tight) == text
    for ln in tight[:-1]:
        assert abs(ln.width - ln.measure) <= 0.1 and ln.ratio >= -1.0


def squeezed_marks(ln):
    """Mid-line marks set narrower than their full em (the line's last mark is trimmed, not squeezed)."""
    marks = R.STOPS | R.OPENING | R.CLOSING
    return sum(1 for p in ln.items[:-1] if p.text in marks and p.advance < EM - 0.01
               and not any(q.text in marks for q in ln.items if abs(q.x - p.x - p.advance) < 0.01 or
                           abs(p.x - q.x - q.advance) < 0.01))


def test_one_squeezed_mark_a_line_unless_lifted():
    """挤进 takes at most one mark a line (rules.MAX_SQUEEZED_MARKS): a paragraph that needs more to
    give back a line keeps its lines, unless copyfitting lifts the limit (squeeze_marks=None)."""
    text = "甲乙丙，丁戊己，庚辛壬，癸子丑，寅卯辰，巳午未，申酉戌亥" + "一二三，四五六，七八九，十百千，万亿兆，" * 3 + "好了。"
    normal = lines_of(text)
    limited = compose([(text, F)], MEASURE, indent=2 * EM, tight=R.TIGHT_LINE_PENALTIES[-1]).lines
    lifted = compose([(text, F)], MEASURE, indent=2 * EM, tight=R.TIGHT_LINE_PENALTIES[-1], squeeze_marks=None).lines
    assert all(squeezed_marks(ln) <= 1 for ln in normal + limited)
    assert len(lifted) < len(normal) and max(squeezed_marks(ln) for ln in lifted) > 1
    assert len(limited) >= len(lifted)


def test_pairs_keep_one_and_a_half_ems_when_squeezing():
    """」（ and ”。 give up one blank half (1.5 em) and no more, even in a squeezed line (clreq)."""
    text = "一二三四五六七八“九十”。一二三四，五六七"  # 20.5 em: one line only if something gives ½ em
    (ln,) = compose([(text, F)], 20 * EM, indent=0, tight=R.TIGHT_LINE_PENALTIES[-1], squeeze_marks=None).lines
    x = {p.text: p.x for p in ln.items}
    assert ln.ratio < 0 and abs(ln.width - 20 * EM) < 0.01
    assert x["一"] - x["”"] >= 1.5 * EM - 0.01  # ”。 then 一: 1.5 em
    assert x["五"] - x["，"] < EM - 0.01  # the lone marks gave the ½ em


def test_loose_setting_takes_one_more_line_evenly():
    text = "党的力量来自组织。党的全面领导、党的全部工作要靠党的坚强组织体系去实现。" * 4
    normal = lines_of(text)
    more = next(ls for r in R.LOOSE_LINE_REWARDS
                if len(ls := compose([(text, F)], MEASURE, indent=2 * EM, loose=r).lines) > len(normal))
    assert len(more) == len(normal) + 1
    assert "".join(l.text for l in more) == text
    for ln in more[:-1]:
        assert abs(ln.width - ln.measure) <= 0.1
