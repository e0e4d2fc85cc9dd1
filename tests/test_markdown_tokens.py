"""Nothing an editor writes is dropped silently: every rule of the Markdown parser (CommonMark,
GFM tables, footnotes) has a sample here; every token type the samples produce is one the
reader sets or refuses; each sample is either set with all its words or refused with its line
and a fix; and a token type the reader does not know is an error, not a gap."""
from __future__ import annotations

import re

import pytest

from typeset.errors import SourceError, SourceErrors
from typeset.model import Heading, Paragraph, Quote, Table
from typeset.read import markdown as M

FRONT = "---\ntitle: 样稿\n---\n\n"

# one sample per parser rule: (source, set or refused)
BLOCK = {
    "table": ("| 县区 | 人数 |\n|---|---|\n| 船营 | 12 |\n", "set"),
    "code": ("    缩进代码\n", "refused"),
    "fence": ("```\n代码块\n```\n", "refused"),
    "blockquote": ("> 引文一段。\n", "set"),
    "hr": ("***\n", "refused"),
    "list": ("- 第一项\n- 第二项\n\n段落。\n\n1. 第一\n", "refused"),
    "footnote_def": ("正文有注[^1]。\n\n[^1]: 注释内容。\n", "set"),
    "reference": ("正文一段。\n\n[链接]: http://example.cn\n", "refused"),
    "html_block": ("<div>\n网页\n</div>\n", "refused"),
    "heading": ("## 一、标题\n", "set"),
    "lheading": ("标题下划线\n---\n", "set"),  # a setext heading: level 2, like ##
    "paragraph": ("正文一段。\n", "set"),
}
INLINE = {
    "text": ("正文一段。\n", "set"),
    "newline": ("第一行  \n第二行\n第三行。\n", "set"),
    "escape": ("星号\\*不是着重号。\n", "set"),
    "backticks": ("代码`x1`在此。\n", "set"),
    "emphasis": ("*着重*与**粗体**。\n", "set"),
    "link": ("[链接](http://example.cn)文字。\n", "refused"),
    "image": ("图![图注](a.png)在文中。\n", "refused"),
    "footnote_inline": ("正文^[内联注释]。\n", "set"),
    "footnote_ref": ("正文[^a]。\n\n[^a]: 注释。\n", "set"),
    "autolink": ("见<http://example.cn>。\n", "refused"),
    "html_inline": ("文<b>粗</b>字。\n", "refused"),
    "entity": ("甲&amp;乙。\n", "set"),
}
# rules that emit no tokens of their own (they pair or join what the rules above made)
NO_TOKENS = {"core": {"normalize", "block", "inline"}, "inline2": {"balance_pairs", "emphasis", "fragments_join"}}


def active_rules():
    md = M._md
    return {"block": {r.name for r in md.block.ruler.__rules__ if r.enabled},
            "inline": {r.name for r in md.inline.ruler.__rules__ if r.enabled},
            "inline2": {r.name for r in md.inline.ruler2.__rules__ if r.enabled},
            "core": {r.name for r in md.core.ruler.__rules__ if r.enabled}}


def test_every_parser_rule_has_a_sample():
    rules = active_rules()
    assert rules["block"] == set(BLOCK), "a block rule without a sample (or a sample of a rule that is off)"
    assert rules["inline"] == set(INLINE)
    assert rules["inline2"] == NO_TOKENS["inline2"]
    assert rules["core"] == NO_TOKENS["core"]


def token_types(src: str) -> set[str]:
    seen = set()

    def walk(tokens):
        for t in tokens:
            seen.add(t.type)
            walk(t.children or [])

    env: dict = {}
    walk(M._md.parse(src, env))
    for item in env.get("footnotes", {}).get("list", {}).values():
        walk(item.get("tokens", []))
    return seen


def test_every_token_type_is_set_or_refused():
    emitted = set().union(*(token_types(src) for src, _ in [*BLOCK.values(), *INLINE.values()]))
    declared = M.BLOCKS | set(M.REFUSED) | M.INSIDE_REFUSED | M.INLINES | set(M.REFUSED_INLINE)
    assert emitted - declared == set(), "token types the reader would not know"
    assert declared - emitted == set(), "declared token types no sample reaches (a sample is missing)"
    assert not (M.BLOCKS | M.INLINES) & (set(M.REFUSED) | set(M.REFUSED_INLINE))


def words(article) -> str:
    """Every word the model holds: paragraphs, quotes, headings, table cells and captions, notes."""
    out = []
    for b in article.blocks:
        match b:
            case Paragraph():
                out.append(b.text)
            case Quote():
                out.extend(p.text for p in b.paragraphs)
            case Heading():
                out.append(b.text)
            case Table():
                out.extend([b.caption, *b.head, *(c for r in b.rows for c in r)])
    out.extend(n.text for n in article.notes)
    return "".join(out)


@pytest.mark.parametrize("rule", sorted(BLOCK) + sorted(f"inline:{k}" for k in INLINE))
def test_each_sample_is_set_whole_or_refused_with_line_and_fix(rule, tmp_path):
    src, outcome = INLINE[rule[7:]] if rule.startswith("inline:") else BLOCK[rule]
    path = tmp_path / "a.md"
    path.write_text(FRONT + src, encoding="utf-8")
    if outcome == "refused":
        with pytest.raises((SourceError, SourceErrors)) as info:
            M.read_article(path, "a")
        e = info.value.errors[0] if isinstance(info.value, SourceErrors) else info.value
        assert e.path == path and e.line and FRONT.count("\n") < e.line <= (FRONT + src).count("\n") and e.fix
        return
    article = M.read_article(path, "a")
    han = re.findall(r"[\u4e00-\u9fff]", src)
    assert set(han) <= set(words(article)), f"words lost: {set(han) - set(words(article))}"


def test_a_token_type_the_reader_does_not_know_is_an_error(tmp_path, monkeypatch):
    """Were a parser rule switched on without the reader learning its tokens (here GFM
    strikethrough), the article is refused at the line, not printed without them."""
    monkeypatch.setattr(M, "_md", M._md.__class__("commonmark").enable(["table", "strikethrough"])
                        .use(M.footnote_plugin, move_to_end=False, always_match_refs=True))
    path = tmp_path / "a.md"
    path.write_text(FRONT + "正文\n\n有~~删除~~线。\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        M.read_article(path, "a")
    assert info.value.line == 7 and "s_open" in str(info.value)


# -- notes and tables as the reader checks them ------------------------------------------------
def read(tmp_path, body: str):
    path = tmp_path / "a.md"
    path.write_text(FRONT + body, encoding="utf-8")
    return path, M.read_article(path, "a")


def refused(tmp_path, body: str) -> SourceError:
    path = tmp_path / "a.md"
    path.write_text(FRONT + body, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        M.read_article(path, "a")
    return info.value


def test_notes_numbered_by_first_reference_per_article(tmp_path):
    _, a = read(tmp_path, "甲[^z]乙[^a]丙[^z]^[内联]。\n\n[^a]: 注甲。\n\n[^z]: 注乙。\n")
    refs = [s.number for s in a.blocks[0].spans if not hasattr(s, "text")]
    assert refs == [1, 2, 1, 3]
    assert [(n.number, n.text) for n in a.notes] == [(1, "注乙。"), (2, "注甲。"), (3, "内联")]


def test_table_caption_width_and_alignment(tmp_path):
    _, a = read(tmp_path, ": 各县区 {.page}\n\n| 县区 | 人数 | 占比 |\n|---|:-:|---|\n| 甲 | 1,2 | 3.5% |\n| 乙 | 7 | 12% |\n")
    t = a.blocks[0]
    assert (t.caption, t.width, t.number) == ("各县区", "page", 1)
    assert [x.value for x in t.align] == ["left", "center", "number"]
    assert t.rows == (("甲", "1,2", "3.5%"), ("乙", "7", "12%"))


@pytest.mark.parametrize("body, line, says", [
    ("正文。\n\n再一段[^9]。\n", 7, "正文引用了注释 [^9]，但没有写这条注释"),
    ("正文[^1]。\n\n[^1]: 注一。\n\n[^2]: 注二。\n", 9, "写了注释 [^2]，但正文没有引用它"),
    ("正文[^1]。\n\n[^1]: 注一。\n\n[^1]: 又一。\n", 9, "定义了两次"),
    ("| 甲 | 乙 |\n|---|---|\n| 1 | 2 | 3 |\n", 7, "这一行表格有 3 格"),  # GFM would drop the third cell
    (": 孤立的表题\n\n正文。\n", 5, "旁边没有表格"),
    ("| 甲 | 乙 |\n|---|---|\n| **粗** | 2 |\n", 7, "只写纯文字"),
    ("这是*孤立的星号。\n", 5, "多出一个“*”"),
])
def test_note_table_and_emphasis_errors_name_the_line(tmp_path, body, line, says):
    e = refused(tmp_path, body)
    assert e.line == line and says in str(e) and e.fix


def test_emphasis_pairs_like_bold_after_punctuation(tmp_path):
    """CommonMark leaves '*重要。*后' unpaired; the reader pairs it, like '**'."""
    _, a = read(tmp_path, "这是*重要。*后面，\\*不是。\n")
    spans = a.blocks[0].spans
    assert [(s.text, s.dots) for s in spans] == [("这是", False), ("重要。", True), ("后面，*不是。", False)]
