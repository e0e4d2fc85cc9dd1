"""按姓氏笔划为序: the stroke data, the sort key, the loader, and a GPL oracle (test-only)."""
import itertools
import random
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import chinese_stroke_sorting  # GPL-3, unmaintained: an oracle here, never imported by typeset/
from chinese_stroke_sorting import chinese_stroke_sorting as oracle_module
from typeset.errors import SourceError
from typeset.read.manifest import load_issue
from typeset.text import strokes
from typeset.text.strokes import MissingStrokes, sequence, sort_by_strokes, split_name, stroke_key

from conftest import ISSUE

# The seed's 编委（按姓氏笔划为序）, in the order the magazine printed it.
PRINTED = ["于强", "权刚", "朱戩", "刘岚巍", "孙继亮", "李兆成", "李晓恒", "吴悠", "何玉国", "张君", "陈国辉",
           "周伟", "单良", "赵长山", "耿楚翔"]


@settings(max_examples=300, deadline=None)
@given(st.permutations(PRINTED))
def test_any_shuffle_of_the_board_sorts_to_the_printed_order(names):
    assert sort_by_strokes(names) == PRINTED


# Mainland sequences (现代汉语通用字笔顺规范), several where Taiwan's order or count differs.
KNOWN = {
    "于": "112",         # 横 横 竖钩(竖); Taiwan counts the hook as 折
    "刘": "413422",      # 点 横 撇 点 竖 竖钩
    "戈": "1534",        # 横 斜钩 撇 点; Taiwan: 点 before 撇
    "我": "3121534",
    "成": "135534",
    "北": "21135",       # 竖 横 提 撇 竖弯钩; Taiwan 21115
    "比": "1535",
    "长": "3154",
    "车": "1512",
    "马": "551",
    "女": "531",
    "子": "521",
    "与": "151",
    "火": "4334",
    "必": "45434",
    "乃": "53",          # Taiwan 35
    "九": "35",
    "丰": "1112",        # Taiwan 3112
    "巨": "1515",        # 4 strokes; Taiwan 12511
    "以": "5434",
    "母": "55414",       # Taiwan 55441
    "恒": "442125111",   # 忄 点 点 竖; Taiwan 点 竖 点
    "草": "122251112",   # 艹 three strokes; Taiwan four
    "这": "4134454",     # 辶 three strokes; Taiwan four
    "出": "52252",
    "方": "4153",
    "为": "4354",
    "王": "1121",
    "山": "252",
    "角": "3535112",
    "陈": "5215234",     # 阝 two strokes; Taiwan three
    "耿": "1221114334",
    "字": "445521",      # corrected in tools/make_strokes.py (rime: 425521)
    "龟": "3525115",     # corrected (rime: 3515115)
}


@pytest.mark.parametrize("char,seq", KNOWN.items())
def test_known_stroke_sequences(char, seq):
    assert sequence(char) == seq
    assert stroke_key(char + "一")[0][0] == len(seq)


def test_data_covers_the_repertoire():
    table = strokes._table()
    gb2312 = {bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)
              if not (hi == 0xD7 and lo > 0xF9)}  # row 55 stops at 0xD7F9
    extra = {c for c in (ISSUE.parent / "fonts" / "extra-chars.txt").read_text(encoding="utf-8") if not c.isspace()}
    assert gb2312 | extra <= set(table)
    assert all(s and set(s) <= set("12345") for s in table.values())


def test_compound_surnames_are_one_surname():
    assert {"欧阳", "司马", "诸葛", "上官", "司徒", "东方", "夏侯", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "令狐",
            "轩辕", "端木", "独孤", "南宫", "西门", "申屠", "太史", "澹台", "公冶", "濮阳", "淳于",
            "单于", "呼延", "闻人", "万俟"} <= strokes.compound_surnames()
    assert all(sequence(c) for s in strokes.compound_surnames() for c in s)
    assert split_name("欧阳修") == ("欧阳", "修")
    assert split_name("欧阳") == ("欧", "阳")  # no given name follows: 欧 is the surname
    assert split_name("单良") == ("单", "良")
    # 欧阳 counts 8 + 6 = 14 strokes, so it comes after 欧 (8) and 黄 (11), before 熊 (14, 撇 first)
    assert sort_by_strokes(["欧阳修", "熊伟", "欧文", "黄兴", "王五"]) == ["王五", "欧文", "黄兴", "欧阳修", "熊伟"]
    # 司马 (5+3) before 司徒 (5+10); both after 吕 (6)
    assert sort_by_strokes(["司徒雷", "司马光", "吕布"]) == ["吕布", "司马光", "司徒雷"]


def test_given_name_character_by_character():
    # surname equal: the given name decides, count first (兆 6 < 晓 10), then stroke by stroke
    assert sort_by_strokes(["李晓恒", "李兆成"]) == ["李兆成", "李晓恒"]
    # 王 and 丰 both have 4 strokes: 丰 1112 comes before 王 1121 at the third stroke
    assert sort_by_strokes(["王一", "丰一"]) == ["丰一", "王一"]
    # a shorter given name that is a prefix goes first
    assert sort_by_strokes(["张君华", "张君"]) == ["张君", "张君华"]
    # characters alike in every stroke (己 已) fall back to code point: still a total order
    assert stroke_key("王己") != stroke_key("王已")
    assert sort_by_strokes(["买买提·艾力", "于强"]) == ["于强", "买买提·艾力"]


def test_unknown_character_is_named():
    with pytest.raises(MissingStrokes) as info:
        stroke_key("朱㐀")
    assert info.value.char == "㐀" and info.value.name == "朱㐀"
    assert "'㐀'" in str(info.value) and "'朱㐀'" in str(info.value)


def test_unknown_character_in_the_manifest_is_a_source_error(issue_copy):
    m = issue_copy / "manifest.yaml"
    data = yaml.safe_load(m.read_text(encoding="utf-8"))
    members = next(r["members"] for r in data["board"] if r["role"] == "编委")
    text = m.read_text(encoding="utf-8")
    flow = "members: [" + ", ".join(members) + "]"
    assert flow in text
    # block style, so each member has its own line; 㐀 (Ext. A) passes the schema but has no stroke data
    block = "members:\n" + "".join(f"      - {n if n != '朱戩' else '朱㐀'}\n" for n in members)
    m.write_text(text.replace(flow + "\n", block), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_issue(issue_copy)
    e = info.value
    bad_line = next(n for n, line in enumerate(m.read_text(encoding="utf-8").splitlines(), 1) if "朱㐀" in line)
    assert e.path == m and e.line == bad_line
    assert "'㐀'" in e.problem and "'朱㐀'" in e.problem and "编委" in e.problem
    assert "fonts/extra-chars.txt" in e.fix and "as-listed" in e.fix


def test_bundled_issue_board_is_sorted(issue):
    role = next(r for r in issue.board if r.role == "编委")
    assert role.order == "strokes" and list(role.members) == PRINTED
    listed = next(r for r in yaml.safe_load((ISSUE / "manifest.yaml").read_text(encoding="utf-8"))["board"]
                  if r["role"] == "编委")["members"]
    assert listed != PRINTED and sorted(listed) == sorted(PRINTED)  # the manifest is shuffled: the loader sorted it
    # roles listed as-is keep their order
    assert next(r for r in issue.board if r.role == "编委会副主任").members == ("关树维", "王宗英", "刘德宏")


# --- the oracle: chinese-stroke-sorting 0.3.1 (bh.txt: char → mainland stroke digits) -------------------------
#
# Its table and ours (rime-stroke, corrected) differ on 13 of the 6765 characters.  Each was checked against
# the same component elsewhere in both tables:
ORACLE_WRONG = {  # the oracle's sequence breaks the mainland order; ours keeps it
    "雌": "此 is 竖横竖提撇… in 此 些 柴 紫 (oracle too), but its 雌 has 横 for the 撇",
    "达": "大 + 辶 is 6 strokes; the oracle has 5",
    "虽": "口 + 虫 = 251 251214; the oracle has 251214214",
    "邶": "北 is 21135 (oracle's own 北 背 冀); its 邶 has 2111",
    "辔": "左中右: 纟 车 纟, then 口; the oracle writes 车 first",
    "钚": "钅 is 31115; the oracle has 31112",
    "麒": "鹿's 比 is 535 in 鹿 麓 麋 (oracle's own); its 麒 has 515 (Taiwan's 匕 with 横)",
    "麟": "as 麒",
}
UNDECIDED = {  # the sources disagree and we found no settled mainland order: we keep rime's
    "芈": "oracle 艹-like 122… vs rime 212…",
    "酆": "traditional 豐 inside; no mainland standard order at hand",
    "彘": "矢 before or between the halves of 比",
    "搿": "left 手 ending 竖钩 (rime) or 撇 like 拜 (oracle)",
    "齑": "韭 written before or after 齐's legs",
}
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            "权耿单关")
LEVEL1 = [bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
          if not (hi == 0xD7 and lo > 0xF9)]  # GB 2312 level 1: the 3755 常用字


def oracle_table() -> dict[str, str]:
    text = resources.files(chinese_stroke_sorting).joinpath("bh.txt").read_text(encoding="utf-8")
    return dict(line.split("\t")[:2] for line in text.splitlines() if "\t" in line)


def test_oracle_disagrees_only_where_checked():
    theirs = oracle_table()
    differ = {c for c, s in strokes._table().items() if theirs.get(c, s) != s}
    assert differ == set(ORACLE_WRONG) | set(UNDECIDED)


def random_names(n: int) -> list[str]:
    # single surnames only: the oracle knows no 复姓
    rng = random.Random(20180804)
    names = {rng.choice(SURNAMES) + "".join(rng.choices(LEVEL1, k=rng.choice((1, 2)))) for _ in range(n)}
    return sorted(names)


def test_order_agrees_with_oracle(monkeypatch):
    # Its sort re-reads bh.txt on every call: cache it (its logic is untouched) so pairwise calls are cheap.
    table = oracle_module.__read_bh__()
    monkeypatch.setattr(oracle_module, "__read_bh__", lambda: table)
    names = random_names(400)
    ours = sort_by_strokes(names)
    trusted = [n for n in ours if not set(n) & (set(ORACLE_WRONG) | set(UNDECIDED))]
    assert len(trusted) > 300
    # Pairwise: on a whole list its bubble sort can misplace 3-character names (it compares the 3rd character
    # whenever the 2nd ties, even across different surnames: 王明鑫 after 李明丁).  On two names it is a plain
    # lexicographic compare, so agreement on neighbours is agreement on the whole order; a pair it cannot
    # split (same strokes, different characters: 己 已) it leaves as given, so it is skipped.
    for a, b in itertools.pairwise(trusted):
        if [table[c] for c in a] == [table[c] for c in b]:
            continue
        assert chinese_stroke_sorting.sort_by_stroke([b, a]) == [a, b], (a, b)


def test_oracle_whole_list_mostly_agrees(monkeypatch):
    # The figure reported: concordant pairs between our order and the oracle's own sort of the whole list.
    table = oracle_module.__read_bh__()
    monkeypatch.setattr(oracle_module, "__read_bh__", lambda: table)
    ours = sort_by_strokes(random_names(400))
    pos = {n: i for i, n in enumerate(chinese_stroke_sorting.sort_by_stroke(list(reversed(ours))))}
    pairs = list(itertools.combinations(ours, 2))
    agree = sum(pos[a] < pos[b] for a, b in pairs) / len(pairs)
    print(f"agreement with chinese-stroke-sorting: {agree:.4%} of {len(pairs)} pairs, {len(ours)} names")
    assert agree > 0.99


@pytest.mark.parametrize("first,second", [("白", "达"), ("龇", "雌")])
def test_where_the_oracle_is_wrong_it_orders_differently(first, second):
    # 白 5 strokes before 达 6 (the oracle counts 达 as 5 and puts it first); 龇 212134… before 雌 212135…
    # (the oracle's 雌 212115… puts it first).  Hence those characters are left out of the agreement above.
    assert sort_by_strokes([second + "一", first + "一"]) == [first + "一", second + "一"]
    assert chinese_stroke_sorting.sort_by_stroke([first + "一", second + "一"]) == [second + "一", first + "一"]
