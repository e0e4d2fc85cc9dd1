"""`build.py lint`: GB/T 15834 punctuation and spacing.  The bundled issue is clean; a planted
file reports each planted fault at its line, and --fix repairs them (and nothing else)."""
import shutil
from pathlib import Path

import pytest

import typeset
from typeset.cli import main as cli_main
from typeset.lint import fix_text, lint_issue

ISSUE = Path(__file__).resolve().parent.parent / "issue"


PLANTED = """---
title: 关于加强"两新"组织党建的思考
author: 王明
---

全市共有非公企业3862家,社会组织1200个;党组织覆盖率达到95%以上.

一些企业(特别是小微企业)党建工作还比较薄弱...原因有三

党建工作--不是可有可无的

他说—这是根本

使用 iPhone 和 Android 手机的党员有 300 人

第１２３号文件规定的ＡＢＣ三类

## 一、存在的问题!

![图1 现场(座谈会)](images/zuotan.jpg)

见 https://example.org/a?b=1,c=2 和 zzbyjyjl@163.com 。
"""

# (line, rule, after): each planted fault (its catalog key) and what --fix makes of the line
EXPECTED = [
    (2, "lint.rule.quotes", "title: 关于加强“两新”组织党建的思考"),
    (6, "lint.rule.punctuation", "全市共有非公企业3862家，社会组织1200个；党组织覆盖率达到95%以上。"),
    (8, "lint.rule.ellipsis", "一些企业（特别是小微企业）党建工作还比较薄弱……原因有三"),
    (8, "lint.rule.brackets", None),
    (10, "lint.rule.dash", "党建工作——不是可有可无的"),
    (12, "lint.rule.dash", "他说——这是根本"),
    (14, "lint.rule.spacing", "使用iPhone和Android手机的党员有300人"),
    (16, "lint.rule.halfwidth", "第123号文件规定的ABC三类"),
    (18, "lint.rule.punctuation", "## 一、存在的问题！"),
    (20, "lint.rule.brackets", "![图1\u3000现场（座谈会）](images/zuotan.jpg)"),
    (20, "lint.rule.caption", None),
    (22, "lint.rule.spacing", "见 https://example.org/a?b=1,c=2 和 zzbyjyjl@163.com。"),
]


def test_bundled_issue_has_no_findings(capsys):
    assert lint_issue(ISSUE) == []
    for other in ("issue2", "notes_issue"):  # notes, tables, names set apart, 一字线 connectors
        assert lint_issue(Path(__file__).resolve().parent / other) == [], other
    assert cli_main(["lint", str(ISSUE)]) == 0
    assert "没有发现问题" in capsys.readouterr().out


@pytest.fixture
def planted(tmp_path):
    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    (issue / "articles" / "01-planted.md").write_text(PLANTED, encoding="utf-8")
    return issue


def test_planted_faults_each_reported_at_their_line(planted, capsys):
    findings = lint_issue(planted)
    got = [(f.line, f.key) for f in findings]
    for line, rule, _ in EXPECTED:
        assert (line, rule) in got, (line, rule, got)
    assert {l for l, _ in got} == {line for line, _, _ in EXPECTED}
    assert cli_main(["lint", str(planted)]) == 1
    out = capsys.readouterr().out
    assert "articles/01-planted.md:10：破折号写成了“--”或单个“—”" in out
    assert "  改法：「党建工作--不是可有可无的」改为「党建工作——不是可有可无的」" in out
    # each place its own fix: line 6 has three, line 14 five spaces; a pair of brackets is one
    assert "  改法：「…织1200个;党组织覆盖率…」改为「…织1200个；党组织覆盖率…」" in out
    assert "  改法：「…到95%以上.」改为「…到95%以上。」" in out
    assert "  改法：「一些企业(特别是小微企业)党建工作还比…」改为「一些企业（特别是小微企业）党建工作还比…」" in out
    assert len(findings) == 19
    assert len({f.render() for f in findings}) == 19  # no fix repeated
    assert "检查了 1 个文件，其中 1 个文件共有 19 处问题（用 build.py lint --fix 可一次改好）" in out


def test_excerpts_cut_at_a_boundary_never_inside_a_word():
    """A few characters either side of the fault, a clause kept from its start, a Latin word
    whole, … where the line goes on; several faults on one line each with its own fix."""
    from typeset.lint import Finding, _findings, markdown_line_steps
    line = "昌邑区还开展了“两新”组织书记轮训,全区有党员3万人,其中women占一半以上."
    found = _findings(Path("a.md"), 1, markdown_line_steps(line))
    assert [excerpt for f in found for excerpt in [f.render().split("\n")[1]]] == [
        "  改法：「…组织书记轮训,全区有党员3万人…」改为「…组织书记轮训，全区有党员3万人…」",
        "  改法：「…全区有党员3万人,其中women…」改为「…全区有党员3万人，其中women…」",
        "  改法：「…women占一半以上.」改为「…women占一半以上。」",
    ]
    first = Finding(Path("a.md"), 1, "lint.rule.spacing", "昌邑区还开展了 2 次轮训", "昌邑区还开展了2次轮训")
    assert first.render().endswith("「昌邑区还开展了 2 次轮训」改为「昌邑区还开展了2次轮训」")


def test_summary_counts_the_files_checked(planted, capsys):
    (planted / "articles" / "02-clean.md").write_text("---\ntitle: 干净\n---\n\n正文。\n", encoding="utf-8")
    assert cli_main(["lint", str(planted)]) == 1
    assert "检查了 2 个文件，其中 1 个文件共有 19 处问题" in capsys.readouterr().out
    assert cli_main(["lint", str(planted), "--fix"]) == 0
    assert "检查了 2 个文件，已改好其中 1 个文件中的 19 处问题" in capsys.readouterr().out
    assert cli_main(["lint", str(planted)]) == 0
    assert capsys.readouterr().out.strip() == "检查了 2 个文件，没有发现问题"


def test_fix_repairs_each_line_and_leaves_the_rest(planted):
    before = PLANTED.split("\n")
    assert cli_main(["lint", str(planted), "--fix"]) == 0
    after = (planted / "articles" / "01-planted.md").read_text(encoding="utf-8").split("\n")
    fixed = {line: text for line, _, text in EXPECTED if text}
    for n, (old, new) in enumerate(zip(before, after), start=1):
        assert new == fixed.get(n, old), n
    assert lint_issue(planted) == []


def test_fixed_text_builds_as_it_reads(planted, tmp_path):
    """Chinese context only: Latin text, numbers and addresses keep their ASCII marks."""
    assert fix_text("It is (ok), fine... 2017-2018") == ("It is (ok), fine... 2017-2018", [])
    assert fix_text("“六个注重” 打造服务")[0] == "“六个注重” 打造服务"  # a title's phrase space stays
    assert fix_text("李玥　张堃　陈昇") == ("李玥　张堃　陈昇", [])
    assert fix_text("形成“评价—反馈—整改”的闭环") == ("形成“评价—反馈—整改”的闭环", [])  # 一字线 connector
