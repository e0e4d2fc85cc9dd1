"""The message catalog (typeset/i18n): every message in both languages, with the same fields; every key
the code asks for exists and every key is asked for; and what an editor reads is Chinese by default
(no English sentence reaches a Chinese user), English with `--lang en`, keeping file:line and the
value as written."""
import ast
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from typeset.cli import main
from typeset.i18n import catalog, language, set_language, t

from tests.test_bad_input import EDITS, line_of, small  # noqa: F401 (small: the fixture)
from tests.test_bad_input import edit as edit_text
from tests.util import english_sentence

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
# The Chinese an English message may hold: the journal's typographic terms and examples of what to write.
EN_HAN = {"一", "上接", "下转", "主办", "于", "于强", "出刊", "加强", "印刷", "卷首语", "图注", "宋体", "年", "强",
          "按姓氏笔划为序", "文字", "文章标题", "方正小标宋", "月", "楷体", "注释文字", "目录", "着重号", "研究与交流",
          "第一项", "第二项", "组工动态", "编辑", "补白", "高层动态", "黑体",
          # Word's and WPS's Chinese menus, named where an English message tells what to click
          "审阅", "接受", "拒绝", "压缩图片", "保护文档", "信息", "文件",
          # terms an English message quotes as the editor writes them (「注释：」, 图1, ——)
          "注释", "图", "破折号"}
# Chinese texts without Chinese: names and forms the same in both languages
NO_HAN = {"build.stage.pdf", "build.stage.docx", "schema.example.boolean", "preflight.boxes.media",
          "preflight.document.pdfx", "preflight.document.trapped", "word.kind.pdf"}
# fields only English grammar needs (a plural s); Chinese has no plural
PLURAL_FIELDS = {"s", "more_s", "fs", "ws"}
# Chinese that glosses a YAML key with its Chinese name: （title → 标题（title））; English names the key alone
GLOSSED = {"update.part.meta"}


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(catalog()))
def test_entry_complete_in_both_languages(key):
    zh, en = catalog()[key]
    assert zh.strip() and en.strip(), key
    en_fields = fields(en) - (PLURAL_FIELDS - fields(zh)) | ({"name"} if key in GLOSSED else set())
    assert fields(zh) == en_fields, f"{key}: fields differ: {fields(zh)} vs {fields(en)}"
    words = re.sub(r"\{[^{}]*\}", "", zh)  # a text of fields and punctuation only needs no Chinese
    assert HAN.search(zh) or not re.search("[A-Za-z]", words) or key in NO_HAN, f"{key}: no Chinese in {zh!r}"
    assert english_sentence(zh) is None, f"{key}: English in the Chinese text: {english_sentence(zh)!r}"
    stray = set(re.findall(r"[\u3400-\u9fff\U00020000-\U0003134f]+", en)) - EN_HAN
    assert not stray, f"{key}: Chinese in the English text: {stray}"
    zh.format(**{f: 1 for f in fields(zh)}) if "%(" not in zh else None


def test_definition_of_an_english_sentence():
    assert english_sentence("the file cannot be read") == "the file cannot be read"
    assert english_sentence("期刊清单（manifest.yaml）中没有“titel”这一项") is None
    assert english_sentence("改为 order: as-listed，按印刷顺序列出") is None
    assert english_sentence("找不到 “no such file or directory”") is None
    assert english_sentence("用 -o 指定 --lang en 或 PDF/X-4") is None


def _code_files() -> list[Path]:
    files = [p for p in (ROOT / "typeset").rglob("*.py") if "messages" not in p.parts]
    return files + [ROOT / "build.py"]


def _uses() -> tuple[set[str], set[str], list[tuple[str, str]]]:
    """(every string constant of the code, the literal heads of f-strings, (file, key) of each t("key") call)."""
    constants: set[str] = set()
    heads: set[str] = set()
    calls: list[tuple[str, str]] = []
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                heads.add(str(node.values[0].value))
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "tr", "msg", "message")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                calls.append((path.name, node.args[0].value))
    return constants, heads, calls


def test_every_key_asked_for_exists():
    keys = catalog()
    constants, heads, calls = _uses()
    assert calls
    for file, key in calls:
        assert key in keys, f"{file}: t({key!r}) is not in the catalog"
    for head in (h for h in heads if re.fullmatch(r"[a-z]+\.[a-z_.]*", h)):
        assert any(k.startswith(head) for k in keys), f"no key starts with {head!r}"


def test_every_key_is_used():
    """A key is used if the code names it, or a key it derives from (KEY.fix, KEY_item), or its prefix
    is the head of an f-string (t(f"build.stage.{name}")) or a key-path prefix (schema.about)."""
    constants, heads, _ = _uses()
    prefixes = {h for h in heads if re.fullmatch(r"[a-z]+\.[a-z_.]*\.", h)} | {c + "." for c in constants
                                                                              if re.fullmatch(r"[a-z]+\.[a-z_]+", c)}

    def used(key: str) -> bool:
        if key in constants or any(key.startswith(p) for p in prefixes):
            return True
        base = re.sub(r"(\.fix(_[a-z]+)?|_item)$", "", key)
        return base != key and used(base)

    dead = [k for k in catalog() if not used(k)]
    assert not dead, f"keys no code uses: {dead}"


# -- what an editor reads -------------------------------------------------------------------------

@pytest.fixture
def locale_c(monkeypatch):
    """The environment of a server or CI: no TYPESET_LANG, LANG=C.UTF-8."""
    monkeypatch.delenv("TYPESET_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language(None)


def test_language_from_the_environment(monkeypatch):
    for var in ("TYPESET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert language() == "zh"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert language() == "en"
    monkeypatch.setenv("TYPESET_LANG", "zh")
    assert language() == "zh"
    set_language("en")
    assert language() == "en"


def build(issue: Path, capsys, *extra: str) -> tuple[int, str]:
    rc = main([str(issue), "-o", str(issue.parent / "out"), "-q", *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return rc, err


def _no_english(err: str) -> None:
    for line in err.splitlines():
        assert english_sentence(line) is None, f"English in a Chinese message: {line!r}"


def test_unknown_key_in_chinese_and_english(small, capsys, locale_c):
    m = small / "manifest.yaml"
    edit_text(m, "  printer:", "  printr:")
    rc, err = build(small, capsys)
    assert rc == 2
    assert f"{m}:{line_of(m, 'printr:')}：" in err and "“printr”" in err and "改法：" in err and "printer" in err
    assert err.startswith("错误：")
    _no_english(err)
    rc, err = build(small, capsys, "--lang", "en")
    assert rc == 2 and f"{m}:{line_of(m, 'printr:')}: unknown key 'printr'" in err and "fix: did you mean 'printer'" in err
    assert language() == "zh"  # --lang held for that run only


def test_missing_article(small, capsys, locale_c):
    m = small / "manifest.yaml"
    edit_text(m, "      - articles/12-jiang-xue.md", "      - articles/99-nobody.md")
    rc, err = build(small, capsys)
    assert rc == 2 and f"{m}:{line_of(m, '99-nobody')}：文章文件“articles/99-nobody.md”不存在" in err
    _no_english(err)
    rc, err = build(small, capsys, "--lang=en")
    assert "article file 'articles/99-nobody.md' does not exist" in err


def test_bad_image(small, capsys, locale_c):
    (small / "images").mkdir()
    (small / "images" / "broken.png").write_bytes(b"not a picture at all")
    a = small / "articles" / "10-dong-hongyi.md"
    edit_text(a, "。\n\n", "。\n\n![图](../images/broken.png)\n\n")
    rc, err = build(small, capsys)
    line = line_of(a, "broken.png")
    assert rc == 2 and f"{a}:{line}：图片“../images/broken.png”不是 PNG、JPEG 或 TIFF 图片" in err, err
    _no_english(err)
    rc, err = build(small, capsys, "--lang", "en")
    assert f"{a}:{line}: image '../images/broken.png' is not a PNG, JPEG or TIFF image" in err


def test_character_no_font_has(small, capsys, locale_c):
    a = small / "articles" / "10-dong-hongyi.md"
    edit_text(a, "。\n\n", "。\U000E0100\ue000\n\n")
    rc, err = build(small, capsys)
    line = line_of(a, "\ue000")
    assert rc == 2 and f"{a}:{line}：所有字体中都没有私用区字符（U+E000）" in err, err
    _no_english(err)
    rc, err = build(small, capsys, "--lang", "en")
    assert f"{a}:{line}: character" in err and "is in none of the fonts" in err


def test_malformed_yaml(small, capsys, locale_c):
    m = small / "manifest.yaml"
    edit_text(m, "  year: 2018", "  year: [2018")
    rc, err = build(small, capsys)
    assert rc == 2 and "用“[”开头的列表没有结束" in err and "改法：在同一行末尾加上“]”" in err
    assert re.search(rf"{re.escape(str(m))}:\d+：", err)
    rc, err = build(small, capsys, "--lang", "en")
    assert "a list opened with '[' is not closed" in err and "fix: end it with ']'" in err


def test_summary_and_progress_in_chinese(small, capsys, locale_c):
    rc = main([str(small), "-o", str(small.parent / "out")])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert re.search(r"^读取  +\d+\.\d\d 秒$", out, re.M) and re.search(r"^共 \d+ 页（", out, re.M)
    _no_english(out + err)
    rc = main([str(small), "-o", str(small.parent / "out"), "-q", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert re.search(r"^\d+ pages \(\d+ front", out, re.M) and "blank lines at article ends" in out


def test_help_in_chinese_and_english(capsys, locale_c):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：build.py") and "选项：" in out and "显示本帮助并退出" in out and "只生成 PDF" in out
    _no_english(out)
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: build.py") and "show this help message and exit" in out and "write only the PDF" in out
    assert main(["--lang", "fr"]) == 2
    assert "--lang" in capsys.readouterr().err


def test_argparse_errors_in_chinese(capsys, locale_c):
    with pytest.raises(SystemExit):
        main(["--no-such-option"])
    err = capsys.readouterr().err
    assert "无法识别的参数：--no-such-option" in err and "用法：" in err


def test_help_through_the_launcher():
    """`python3 build.py --help` as an editor runs it, with LANG unset (Chinese) and with --lang en."""
    env = {k: v for k, v in os.environ.items() if k not in ("TYPESET_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    zh = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, env=env)
    assert zh.returncode == 0 and zh.stdout.startswith("用法：") and "排印一期《研究与交流》" in zh.stdout
    en = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help", "--lang", "en"], capture_output=True,
                        text=True, env=env)
    assert en.returncode == 0 and en.stdout.startswith("usage: ") and "Typeset an issue" in en.stdout


@pytest.mark.parametrize("case", EDITS, ids=[c[0] for c in EDITS])
def test_bad_input_corpus_in_chinese(small, capsys, locale_c, case):
    """The corpus of tests/test_bad_input.py, read in Chinese: every message at its file:line, with
    a fix, and no English sentence once paths and quoted values are set aside."""
    _, rel, old, new, needle, *_ = case
    path = small / rel
    edit_text(path, old, new)
    rc, err = build(small, capsys)
    assert rc == 2, err
    where = rf"{re.escape(str(path))}:{line_of(path, needle)}：" if needle else rf"{re.escape(str(path))}(:\d+)?："
    assert re.search(where, err), f"{where!r} not in:\n{err}"
    assert "改法：" in err and "fix:" not in err and "error:" not in err
    _no_english(err)


def test_message_in_the_language_of_the_moment():
    """A SourceError is worded when it is printed, so a caller may choose the language after the fact."""
    from typeset.errors import SourceError
    e = SourceError("a.md", 3, t("article.no_text"), t("article.no_text.fix"))
    set_language("zh")
    assert str(e).startswith("a.md:3：") and "改法：" in str(e)
    set_language("en")
    assert str(e).startswith("a.md:3: ") and "\n  fix: " in str(e)


def test_low_resolution_warning_in_chinese(small, capsys, locale_c):
    """An image below 300 dpi is a warning, printed as every other warning is, at the line that places it."""
    from PIL import Image

    (small / "images").mkdir()
    Image.new("RGB", (640, 420), (120, 60, 30)).save(small / "images" / "fig.png")
    a = small / "articles" / "10-dong-hongyi.md"
    edit_text(a, "。\n\n", "。\n\n![图](../images/fig.png)\n\n")
    rc = main([str(small), "-o", str(small.parent / "out"), "-q", "--pdf-only"])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert f"警告：{a}:{line_of(a, 'fig.png')}：图片“../images/fig.png”（640 × 420 像素）" in err, err
    assert "低于 300 dpi" in err and "LowResolutionWarning" not in err
    _no_english(err)


def test_a_filler_without_title_is_named_by_the_start_of_its_text():
    """补白 with no title: its first clause (or about 12 characters, never inside a Latin word), its
    last mark dropped (the template has its own ，), … where cut."""
    from typeset.model import Filler
    set_language("zh")
    try:
        label = Filler("干部要在实干中增长才干，在担当中提升本领，在奋斗中锤炼作风。").label
        assert t("build.filler", filler=label, after="04-dongtai-2") == "补白：干部要在实干中增长才干…，排在 04-dongtai-2 之后"
        assert Filler("学习是一种态度。").label == "学习是一种态度"
        assert Filler("全市2027年共有党员386200人需要培训").label == "全市2027年共有党员…"
        assert Filler("任何文字", title="学习语录").label == "学习语录"
    finally:
        set_language(None)
