"""Issue 18 for the tools (preflight, update, import, lint): what a prepress operator or an editor reads
is Chinese by default and English on request, and no English sentence reaches a Chinese reader.

"An English sentence" here is a run of three or more Latin words in a row, once what the user or the
file supplied (file names, font names, colour-space labels, quoted text) and the technical tokens a
printer writes in Latin letters (PDF/X-4, TrimBox, OutputIntent, ICC, CMYK …) are taken out."""
import ast
import re
from collections import defaultdict
import shutil
from pathlib import Path

import docx
import pikepdf
import pytest
from reportlab.lib.units import inch, mm

from tests.test_lint import PLANTED
from tests.test_preflight import image, make_pdf
from typeset.cli import main as cli_main
from typeset.i18n import catalog, set_language, t
from typeset.lint import lint_issue
from typeset.preflight import main as check_main, preflight, render
from typeset.word.commands import main as word_main

ROOT = Path(__file__).resolve().parent.parent
ISSUE = ROOT / "issue"
MINE = [ROOT / "typeset" / "preflight", ROOT / "typeset" / "word", ROOT / "typeset" / "lint.py",
        ROOT / "typeset" / "i18n" / "argparse_zh.py"]
AREAS = ("preflight", "word", "update", "import", "lint", "argparse")

# what a printer or an editor writes in Latin letters inside Chinese text
TECHNICAL = ["PDF/X-4", "PDF/X", "GTS_PDFXVersion", "GTS_PDFX", "OutputIntents", "OutputIntent", "DestOutputProfile",
             "TrimBox", "BleedBox", "MediaBox", "CropBox", "Trapped", "True", "False", "ICCBased", "ICC", "CMYK",
             "RGB", "DeviceCMYK", "DeviceRGB", "DeviceGray", "FOGRA39", "ColorSpace", "JPEG 2000", "Type 3",
             "TrapNet", "PrinterMark", "Title", "Author", "Lang", "Word", "WPS", "LibreOffice", "Excel", "PowerPoint",
             "Office", "OpenDocument", "Markdown", "DOCX", "RIP", "PDF", "XML", "HTML", "RTF", "OLE2", "ODF",
             "PNG", "JPEG", "GB/T 15834", "Unicode", "XObject"]


def english_sentences(text: str, values=()) -> list[str]:
    """Runs of ≥ 3 Latin words left once field values, quotations and technical tokens are taken out."""
    for v in sorted((str(v) for v in values if v), key=len, reverse=True):
        text = text.replace(v, " ¦ ")
    text = re.sub(r"“[^”]*”|「[^」]*」|‘[^’]*’|'[^'\n]*'|\"[^\"\n]*\"", " ¦ ", text)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:pdf|docx|md|py|png|jpg)\b|--?[\w-]+|\{[^}]*\}|\b[A-Z_]{2,}\b", " ¦ ", text)
    for token in sorted(TECHNICAL, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(token)}(?![A-Za-z])", " ¦ ", text)
    return re.findall(r"[A-Za-z][A-Za-z'’-]*(?:[ \t,]+[A-Za-z][A-Za-z'’-]*){2,}", text)


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    """The default a Chinese editor gets: no --lang, no TYPESET_LANG, a C locale (as on a server or in CI)."""
    for var in ("TYPESET_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language(None)
    yield
    set_language(None)


def report_values(r) -> list[str]:
    return ([r.path.name] + [v for f in r.fonts for v in (f.name, f.type, f.encoding)]
            + list(r.colour_spaces) + [v for im in r.images for v in (im.name, im.colour_space)])


@pytest.fixture
def failing(tmp_path) -> Path:
    """A print PDF with a fault in every section: 3 pages, no boxes, a base-14 font, RGB, a 30 dpi image."""
    def faults(c):
        c.setFont("Helvetica", 9)
        c.drawString(40 * mm, 40 * mm, "base 14")
        c.setFillColorRGB(1, 0, 0)
        c.rect(10, 10, 20, 20, fill=1)
        c.drawImage(image("CMYK", 30), 50, 50, inch, inch)
    path = make_pdf(tmp_path / "failing.pdf", pages=3, boxes=False, draw={2: faults})
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-4"  # claimed, without an OutputIntent
        pdf.save(path)
    return path


def test_preflight_report_of_the_bundled_pdf(built):
    r = preflight(built[1])
    text = render(r)
    lines = text.splitlines()
    assert lines[0].startswith(f"印前检查：{built[1].name} | 共 {r.pages} 页 | 成品尺寸：210.0 × 285.0 mm（大16开）")
    for heading in ("文件", "页面", "页面框", "字体", "颜色", "图像"):
        assert heading in lines
    assert "  正常  所有页面：出血框（BleedBox）四边都比成品框大出 3 mm" in lines
    assert lines[-1] == "通过"
    assert english_sentences(text, report_values(r)) == []
    set_language("en")
    r = preflight(built[1])
    text = render(r)
    assert text.splitlines()[0].startswith(f"Preflight (print): {built[1].name} | {r.pages} pages | trim: ")
    assert "  ok    BleedBox 3 mm outside the TrimBox on every side — all pages" in text
    assert text.splitlines()[-1] == "PASS"
    worded = [line for line in text.replace("大16开", "").splitlines() if not line.startswith(("  ok    Title:", "  ok    Author:"))]
    assert not re.search("[\u4e00-\u9fff]", "\n".join(worded))  # nothing Chinese but what the file holds


def test_preflight_report_of_a_failing_pdf(failing, capsys):
    assert check_main([str(failing)]) == 1
    text = capsys.readouterr().out
    r = preflight(failing)
    assert text.rstrip("\n") == render(r)
    for key in ("preflight.pages.not_multiple", "preflight.boxes.trim_missing", "preflight.boxes.bleed_missing",
                "preflight.fonts.not_embedded_base14", "preflight.colour.rgb", "preflight.images.low_fail",
                "preflight.document.pdfx_no_intent"):
        assert key in {f.key for f in r.fails()}, key
    assert "共 3 页，不是 4 的倍数，无法骑马订（需补 1 个空白页，凑成 4 页）" in text
    assert re.search(r"\n  错误  第 2 页：图像 /FormXob\.\w+（30 × 30 像素）有效分辨率 30 × 30 ppi，低于最低要求 150 ppi", text)
    assert "由“rg”设置的填充色" in text
    assert re.search(r"^未通过（\d+ 项错误，\d+ 项警告）$", text.splitlines()[-1])
    assert english_sentences(text, report_values(r)) == [], text
    set_language("en")
    assert check_main([str(failing)]) == 1
    text = capsys.readouterr().out
    assert "3 pages: not a multiple of 4 for saddle stitching (add 1 blank page for 4)" in text
    assert "fill colour set by 'rg' in page content" in text
    assert re.search(r"^FAIL \(\d+ failures, \d+ warnings?\)$", text.splitlines()[-1])
    assert not re.search("[\u4e00-\u9fff]", text)


def test_preflight_unreadable_file(tmp_path, capsys):
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf\n")
    assert check_main([str(junk)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误：{junk}：不是能读取的 PDF 文件（")


def help_of(main, argv, capsys) -> str:
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 0
    return capsys.readouterr().out


HELPS = [(check_main, ["--help"], "preflight.cli.screen", "build.py check"),
         (word_main, ["update", "--help"], "word.cli.update.accept", "build.py update"),
         (word_main, ["import", "--help"], "word.cli.import.into", "build.py import"),
         (word_main, ["lint", "--help"], "word.cli.lint.fix", "build.py lint")]


@pytest.mark.parametrize("main,argv,key,prog", HELPS, ids=["check", "update", "import", "lint"])
def test_help_in_chinese_and_in_english(main, argv, key, prog, capsys):
    text = help_of(main, argv, capsys)
    assert text.startswith(f"用法：{prog} [-h]")
    assert "\n选项：\n" in text and "显示本帮助并退出" in text
    assert "".join(t(key).split()) in "".join(text.split())  # (wrapped by display width)
    assert english_sentences(text) == [], text
    assert max(len(line) for line in text.splitlines()) <= 80
    set_language("en")
    text = help_of(main, argv, capsys)
    assert text.startswith(f"usage: {prog} [-h]")
    assert "\noptions:\n" in text and "show this help message and exit" in text
    assert " ".join(t(key).split()) in " ".join(text.split())
    assert not re.search("[\u4e00-\u9fff]", text.replace("压缩图片", ""))


def test_every_positional_has_help_and_the_commands_are_listed_one_a_line(capsys):
    """update/import/lint/check/watch: each positional argument explained (both languages); the
    main --help lists each command on its own line under a 命令： heading, the exit codes of update
    and lint in their own --help."""
    from typeset.cli import parser as build_parser
    from typeset.watch import parser as watch_parser
    from typeset.word.commands import parser as word_parser
    for lang in ("zh", "en"):
        set_language(lang)
        subs = next(a for a in word_parser()._actions if a.dest == "command").choices
        for name, p in [*subs.items(), ("watch", watch_parser(ISSUE.parent))]:
            for action in p._actions:
                if not action.option_strings:
                    assert action.help, (lang, name, action.dest)
        text = build_parser().format_help()
        head = "命令：" if lang == "zh" else "Commands:"
        listing = text[text.index(f"\n{head}\n"):].splitlines()[2:16]
        assert all(line.startswith("  build.py") for line in listing[0::2]), listing
        assert all(line.startswith("      ") and not line.strip().startswith("build.py") for line in listing[1::2])
        assert "".join(t("preflight.cli.file").split()) in "".join(help_of(check_main, ["--help"], capsys).split())
    set_language("zh")
    update_help = help_of(word_main, ["update", "--help"], capsys)
    assert "".join(t("word.cli.update.exit").split()) in "".join(update_help.split())
    assert "".join(t("word.cli.issue_dir").split()) in "".join(update_help.split())


def test_argparse_errors_in_chinese(capsys):
    with pytest.raises(SystemExit) as e:
        word_main(["import", "稿件.docx"])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "build.py import：错误：缺少以下参数：--into" in err
    with pytest.raises(SystemExit):
        check_main(["a.pdf", "--colour"])
    assert "无法识别的参数：--colour" in capsys.readouterr().err


def test_lint_findings_in_chinese(tmp_path, capsys):
    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    (issue / "articles" / "03-x.md").write_text(PLANTED, encoding="utf-8")
    assert cli_main(["lint", str(issue)]) == 1
    out = capsys.readouterr().out
    assert "articles/03-x.md:6：中文里用了英文标点（GB/T 15834：，；：？！用全角，前后不加空格）\n  改法：「" in out
    assert out.rstrip().endswith("检查了 1 个文件，其中 1 个文件共有 19 处问题（用 build.py lint --fix 可一次改好）")
    findings = lint_issue(issue)
    assert english_sentences(out, [f.old for f in findings] + [f.new for f in findings]) == [], out
    set_language("en")
    assert cli_main(["lint", str(issue)]) == 1
    out = capsys.readouterr().out
    assert "articles/03-x.md:6: ASCII punctuation in Chinese text" in out
    assert out.rstrip().endswith("1 file(s) checked: 19 finding(s) in 1 of them (build.py lint --fix applies them)")


@pytest.fixture
def small_docx(tmp_path) -> tuple[Path, Path]:
    """A two-article issue and its DOCX, one paragraph revised and one set in a style the typesetter does not know."""
    import typeset
    from tests.test_bad_input import ARTICLES
    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    text = (ISSUE / "manifest.yaml").read_text(encoding="utf-8")
    head, board = text[:text.index("cover:")], text[text.index("board:"):text.index("sections:")]
    (issue / "manifest.yaml").write_text(head + board + "sections:\n  - title: 组工论坛\n    articles:\n"
                                         + "".join(f"      - articles/{n}\n" for n in ARTICLES), encoding="utf-8")
    for name in ARTICLES:
        shutil.copy(ISSUE / "articles" / name, issue / "articles" / name)
    res = typeset.build(issue, tmp_path / "out", formats=("docx",))
    d = docx.Document(res.written[0])
    body = [p for p in d.paragraphs if p.style.name == "Body Text"]
    body[0].runs[0].text = "修订：" + body[0].runs[0].text
    body[1].style = d.styles.add_style("Fancy", 1)
    d.save(tmp_path / "revised.docx")
    return issue, tmp_path / "revised.docx"


def test_update_report_in_chinese(small_docx, capsys):
    issue, revised = small_docx
    assert cli_main(["update", str(issue), str(revised), "--dry-run"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "将更新 articles/10-dong-hongyi.md：改了 1 段（试运行，未写入）"
    assert lines[1].startswith("  「") and "」→「" in lines[1]
    assert lines[2] == "1 篇文章将有改动，1 篇没有改动（试运行，没有写入任何文件）"
    assert lines[3].startswith(f"警告：{revised}：第 ") and "样式“Fancy”，排版程序不认识，已按正文处理" in lines[3]
    assert english_sentences(out, [str(revised)]) == [], out
    set_language("en")
    assert cli_main(["update", str(issue), str(revised), "--dry-run"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "would update articles/10-dong-hongyi.md: 1 paragraph(s) changed (dry run, not written)"
    assert lines[2] == "1 article(s) would change, 1 unchanged (dry run: no file written)"
    assert "which the typesetter does not know kept as body text" in out


def test_every_key_used_by_the_tools_is_in_the_catalog():
    """Each catalog key named in preflight/, word/, lint.py and argparse_zh.py exists, in both languages."""
    key = re.compile(rf"^(?:{'|'.join(AREAS)})(?:\.[a-z0-9_]+)+$")
    used: dict[str, str] = {}
    files = [p for m in MINE for p in ([m] if m.is_file() else sorted(m.glob("*.py")))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and key.match(node.value):
                used.setdefault(node.value, path.name)
    assert len(used) > 200
    cat = catalog()
    missing = {k: where for k, where in used.items() if k not in cat}
    assert missing == {}
    for k in used:  # both texts there, and well-formed templates
        zh, en = cat[k]
        assert zh and en, k
        zh.format_map(defaultdict(str)), en.format_map(defaultdict(str))


def test_one_name_for_the_preflight():
    """印前检查, as the build and the guide call it: never 印刷预检 or 预检."""
    assert [k for k, (zh, _) in catalog().items() if "预检" in zh] == []
    guide = (ROOT / "docs" / "使用说明.md").read_text(encoding="utf-8")
    assert "预检" not in guide and "印前检查" in guide
