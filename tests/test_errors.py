"""Bad input: a clear error naming the file, the line and the fix; nothing written is lost."""
import re

import pytest

import typeset
from typeset.errors import SourceError
from typeset.i18n import t
from typeset.read.manifest import load_issue


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def error_of(issue_dir) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_issue(issue_dir)
    return info.value


def line_of(path, needle):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_malformed_yaml(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "  year: 2018", "  year: [2018")
    e = error_of(issue_copy)
    assert e.path == m and e.line == line_of(m, "year: [2018") + 1 or e.line == line_of(m, "year: [2018")
    assert "用“[”开头的列表没有结束" in str(e) and "改法：" in str(e)


def test_missing_article_file(issue_copy):
    m = issue_copy / "manifest.yaml"
    (issue_copy / "articles" / "09-sun-jiliang.md").unlink()
    e = error_of(issue_copy)
    assert e.path == m and e.line == line_of(m, "09-sun-jiliang.md")
    assert "不存在" in e.problem and "“articles/09-sun-jiliang.md”" in e.problem


def test_misspelt_article_file_suggests_the_closest(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "articles/09-sun-jiliang.md", "articles/09-sun-jiliang2.md")
    e = error_of(issue_copy)
    assert e.path == m and e.line == line_of(m, "09-sun-jiliang2.md")
    assert e.fix == t("manifest.article_missing.fix_close", close="articles/09-sun-jiliang.md",
                      target=issue_copy.resolve() / "articles" / "09-sun-jiliang2.md", root=issue_copy.resolve())
    assert e.fix.startswith("是不是“articles/09-sun-jiliang.md”？")


def test_unknown_manifest_key_suggests_fix(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "  printer:", "  printr:")
    e = error_of(issue_copy)
    assert e.line == line_of(m, "printr:")
    assert "没有“printr”这一项" in e.problem and "“printer”" in e.fix


def test_unknown_front_matter_key(issue_copy):
    a = issue_copy / "articles" / "03-gao-haizhu.md"
    edit(a, "author: 高海珠", "auther: 高海珠")
    e = error_of(issue_copy)
    assert e.path == a and e.line == 3 and "“auther”" in e.problem and "author" in e.fix


def test_wrong_type(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "  number: 4", "  number: 第四期")
    e = error_of(issue_copy)
    assert e.line == line_of(m, "number: 第四期") and "这里应写整数" in e.problem and "“number: 第四期”" in e.problem


def test_empty_title(issue_copy):
    a = issue_copy / "articles" / "04-zhang-jinghui.md"
    edit(a, "title: 稳中求进 推动县域经济转型升级取得新进展", 'title: ""')
    e = error_of(issue_copy)
    assert e.path == a and e.line == 2 and "title" in e.problem


def test_path_leaving_issue_folder(issue_copy):
    m = issue_copy / "manifest.yaml"
    (issue_copy.parent / "outside.md").write_text("---\ntitle: x\n---\n\n正文。\n", encoding="utf-8")
    edit(m, "articles/15-zhuxi-liufa.md", "../outside.md")
    e = error_of(issue_copy)
    assert e.line == line_of(m, "../outside.md") and "指到了期刊文件夹之外" in e.problem


def test_gbk_file(issue_copy):
    a = issue_copy / "articles" / "12-jiang-xue.md"
    a.write_bytes(a.read_text(encoding="utf-8").encode("gb18030"))
    e = error_of(issue_copy)
    assert e.path == a and e.line == 2  # the title line holds the first non-ASCII byte
    assert "不是 UTF-8 编码" in e.problem and "GBK" in e.problem and "UTF-8" in e.fix


def test_missing_manifest(tmp_path):
    e = error_of(tmp_path)
    assert "没有 manifest.yaml" in e.problem


def test_missing_required_key(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "  published: 2018年8月\n", "")
    e = error_of(issue_copy)
    assert "本期信息（issue）下缺少“published”一项" in e.problem and e.line == line_of(m, "issue:")


def test_no_front_matter(issue_copy):
    a = issue_copy / "articles" / "13-yu-weidong.md"
    a.write_text("让党旗在基层阵地高高飘扬\n\n正文。\n", encoding="utf-8")
    e = error_of(issue_copy)
    assert e.path == a and e.line == 1 and "题头信息" in e.problem


def test_unclosed_front_matter(issue_copy):
    a = issue_copy / "articles" / "13-yu-weidong.md"
    a.write_text("---\ntitle: 标题\n\n正文。\n", encoding="utf-8")
    assert "没有结束" in error_of(issue_copy).problem


def test_stray_bold_marker(issue_copy):
    a = issue_copy / "articles" / "15-zhuxi-liufa.md"
    edit(a, "一是循序渐进法。", "**一是循序渐进法。")
    e = error_of(issue_copy)
    assert e.path == a and e.line == line_of(a, "**一是循序渐进法") and "多出一个“**”" in e.problem


def test_markdown_list_rejected(issue_copy):
    a = issue_copy / "articles" / "15-zhuxi-liufa.md"
    edit(a, "一是循序渐进法。", "1. 一是循序渐进法。")
    e = error_of(issue_copy)
    assert e.line == line_of(a, "1. 一是循序渐进法") and "编号列表" in e.problem and "11.加强" in e.fix


def test_duplicate_article(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "articles/04-zhang-jinghui.md]", "articles/04-zhang-jinghui.md, articles/03-gao-haizhu.md]")
    e = error_of(issue_copy)
    assert "列了两次" in e.problem


def test_character_no_font_has(issue_copy, tmp_path):
    a = issue_copy / "articles" / "15-zhuxi-liufa.md"
    edit(a, "一是循序渐进法。", "一是循序渐进法한。")
    with pytest.raises(SourceError) as info:
        typeset.build(issue_copy, tmp_path / "out", ("pdf",))
    e = info.value
    assert e.path == a and e.line == line_of(a, "循序渐进法한")
    assert "“한”（U+D55C）" in e.problem and "所有字体中都没有" in e.problem and "本刊字体" in e.fix


def test_failed_build_keeps_previous_outputs(issue_copy, tmp_path):
    out = tmp_path / "out"
    res = typeset.build(issue_copy, out, ("pdf",))
    before = {p: p.read_bytes() for p in res.written}
    edit(issue_copy / "manifest.yaml", "  year: 2018", "  yeer: 2018")
    with pytest.raises(SourceError):
        typeset.build(issue_copy, out, ("pdf",))
    assert {p: p.read_bytes() for p in before} == before
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


def test_cli_exit_status_and_message(issue_copy, capsys):
    from typeset.cli import main

    edit(issue_copy / "manifest.yaml", "  title: 研究与交流", "  titel: 研究与交流")
    assert main([str(issue_copy), "-o", str(issue_copy / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"manifest\.yaml:\d+：期刊清单（manifest\.yaml）的刊物信息（journal）下没有“titel”这一项", err) and "改法：是不是“title”？" in err


def test_duplicate_yaml_key(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "  number: 4\n", "  number: 4\n  number: 5\n")
    e = error_of(issue_copy)
    assert e.path == m and e.line == line_of(m, "number: 5") and "又写了一次" in str(e)


def test_duplicate_section_title(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "  - title: 经验介绍", "  - title: 调查研究")
    e = error_of(issue_copy)
    assert e.path == m and "出现了两次" in str(e)


def test_two_articles_with_one_file_name(issue_copy):
    m = issue_copy / "manifest.yaml"
    (issue_copy / "articles" / "sub").mkdir()
    (issue_copy / "articles" / "sub" / "10-dong-hongyi.md").write_bytes(
        (issue_copy / "articles" / "10-dong-hongyi.md").read_bytes())
    edit(m, "      - articles/10-dong-hongyi.md\n", "      - articles/10-dong-hongyi.md\n      - articles/sub/10-dong-hongyi.md\n")
    e = error_of(issue_copy)
    assert e.line == line_of(m, "sub/10-dong-hongyi") and "文件名相同" in str(e)


def test_month_out_of_range(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "published: 2018年8月", "published: 2018年13月")
    e = error_of(issue_copy)
    assert e.path == m and e.line == line_of(m, "2018年13月") and "改法：" in str(e)


def test_month_with_a_leading_zero_says_so(issue_copy):
    m = issue_copy / "manifest.yaml"
    edit(m, "published: 2018年8月", "published: 2027年03月")
    e = error_of(issue_copy)
    assert e.path == m and e.line == line_of(m, "2027年03月")
    assert e.problem == t("schema.published_zero", key="published", value="2027年03月") == "“published: 2027年03月”：月份前不加 0"
    assert e.fix == "写 published: 2027年3月"


def test_word_wider_than_the_column(issue_copy, tmp_path):
    art = issue_copy / "articles" / "10-dong-hongyi.md"
    text = art.read_text(encoding="utf-8")
    at = text.index("\n\n", text.index("---", 3) + 3) + 2  # the first paragraph after the front matter
    art.write_text(text[:at] + "见" + "a" * 60 + "。\n\n" + text[at:], encoding="utf-8")
    with pytest.raises(SourceError) as info:
        typeset.build(issue_copy, tmp_path / "out", ("pdf",))
    assert info.value.path == art and info.value.line == line_of(art, "a" * 60)
    assert "比栏宽还宽" in str(info.value)


def test_table_too_wide_is_an_error(issue_copy, tmp_path):
    """A table whose columns cannot fit the column even with its words wrapped is refused at its
    line, with the fix (across the page, or shorter cells)."""
    art = issue_copy / "articles" / "10-dong-hongyi.md"
    text = art.read_text(encoding="utf-8")
    head = "| " + " | ".join(f"第{k}项指标" for k in range(1, 9)) + " |\n"
    rule = "|" + "---|" * 8 + "\n"
    row = "| " + " | ".join("123,456.78" for _ in range(8)) + " |\n"
    art.write_text(text.rstrip() + "\n\n" + head + rule + row, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        typeset.build(issue_copy, tmp_path / "out", ("pdf",))
    e = info.value
    assert e.path == art and e.line == line_of(art, "| 第1项指标 |") and "太宽" in e.problem
    assert "{.page}" in e.fix


def test_hard_line_break_reflows(issue_copy):
    art = issue_copy / "articles" / "10-dong-hongyi.md"
    text = art.read_text(encoding="utf-8")
    at = text.index("\n\n", text.index("---", 3) + 3) + 2
    art.write_text(text[:at] + "第一行  \n第二行。\n\n" + text[at:], encoding="utf-8")
    issue = load_issue(issue_copy)
    art_model = next(a for _, a in issue.articles() if a.key == "10-dong-hongyi")
    assert any(p.text == "第一行第二行。" for p in art_model.paragraphs())
