"""A corpus of bad and unusual inputs, each run through the command line as an editor would: every one
ends in a message naming the file (and the line, where there is one) and a fix, exit status 2, and never
a traceback; every accepted one gives complete outputs.  Built on a two-article issue, so it runs fast."""
import io
import os
import re
import shutil
import time
import zlib
from pathlib import Path

import pytest

from typeset.cli import main
from typeset.i18n import language, set_language, t as msg

from tests.util import english_sentence

ROOT = Path(__file__).resolve().parent.parent
ISSUE = ROOT / "issue"
ARTICLES = ("10-dong-hongyi.md", "12-jiang-xue.md")
A, B = (f"articles/{name}" for name in ARTICLES)
M = "manifest.yaml"


@pytest.fixture(autouse=True, params=["zh", "en"])
def lang(request):
    """Every case in both languages: in Chinese (the default) the message's frame, file:line and 改法,
    with no English sentence once paths and quoted values are set aside; in English (`--lang en`) also
    the words each case names."""
    set_language(request.param)
    return request.param


def sep() -> str:
    """What follows FILE:LINE in a message."""
    return ": " if language() == "en" else "："


def no_english(err: str) -> None:
    if language() == "zh":
        for line in err.splitlines():
            assert english_sentence(line) is None, f"English in a Chinese message: {line!r}"


@pytest.fixture
def small(tmp_path) -> Path:
    """The bundled issue cut to two articles in one section, without the cover picture."""
    dst = tmp_path / "issue"
    (dst / "articles").mkdir(parents=True)
    for name in ARTICLES:
        shutil.copy(ISSUE / "articles" / name, dst / "articles" / name)
    text = (ISSUE / M).read_text(encoding="utf-8")
    head, board = text[:text.index("cover:")], text[text.index("board:"):text.index("sections:")]
    (dst / M).write_text(head + board + f"sections:\n  - title: 组工论坛\n    articles:\n      - {A}\n      - {B}\n",
                         encoding="utf-8")
    return dst.resolve()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def run(args, capsys) -> tuple[int, str, str]:
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return rc, out, err


def refused(issue: Path, capsys, file: Path, line: int | None, *words: str, out: Path | None = None) -> str:
    """Build `issue`; expect exit 2 and a message at file:line holding each of `words`, with a fix."""
    out = out or issue.parent / "out"
    t = time.perf_counter()
    rc, _, err = run([issue, "-o", out, "-q"], capsys)
    assert time.perf_counter() - t < 20
    assert rc == 2, err
    where = rf"{re.escape(str(file))}:{line}{sep()}" if line else rf"{re.escape(str(file))}(:\d+)?{sep()}"
    assert re.search(where, err), f"{where!r} not in:\n{err}"
    if language() == "en":
        for w in words:
            assert w in err, f"{w!r} not in:\n{err}"
    assert msg("common.where_problem_fix", where="", problem="", fix="").split("\n")[1] in err  # "  fix: "
    no_english(err)
    assert not (os.path.isdir(out) and any(out.iterdir())), "a refused build wrote something"
    for jargon in ("NoneType", "(top level)", "does not match", "is not of type", "link_open", "a integer",
                   "sections/0", "'^", "$'"):
        assert jargon not in err, f"jargon {jargon!r} in:\n{err}"
    return err


# (id, file, old text, new text, the text on the line the error names or None for no line, words in the message)
EDITS = [
    ("unknown-top-key", M, "journal:", "titel: 研究与交流\njournal:", "titel:", "unknown key 'titel'", "allowed keys"),
    ("unknown-journal-key", M, "  printer:", "  printr:", "printr:", "did you mean 'printer'"),
    ("missing-key", M, "  published: 2018年8月\n", "", "issue:", "'published' is missing under 'issue:'"),
    ("number-as-text", M, "  number: 4", "  number: 第四期", "第四期", "'number: 第四期' is text", "a whole number"),
    ("postcode-as-number", M, '  postcode: "132011"', "  postcode: 132011", "postcode", "read as a number",
     'postcode: "132011"'),
    ("postcode-five-digits", M, '  postcode: "132011"', '  postcode: "13201"', "postcode", "six digits"),
    ("year-out-of-range", M, "  year: 2018", "  year: 1800", "year: 1800", "out of range", "1949 to 2200"),
    ("month-13", M, "published: 2018年8月", "published: 2018年13月", "2018年13月", "a year and a month",
     "2018年8月"),
    ("published-as-date", M, "published: 2018年8月", "published: 2018-08-01", "2018-08-01", "read as a date"),
    ("bad-email", M, "  email: zzbyjyjl@163.com", "  email: zzbyjyjl at 163", "email:", "not an e-mail address"),
    ("empty-journal-title", M, "  title: 研究与交流", "  title:", "  title:", "'title' is empty"),
    ("blank-sponsor", M, "  sponsor: 中共吉林市委组织部", '  sponsor: "  "', "sponsor:", "'sponsor' is empty"),
    ("mottos-not-a-list", M, "  mottos: [学习 思考, 交流 宣传]", "  mottos: 学习 思考", "mottos:", "a list is expected"),
    ("journal-not-a-mapping", M, "journal:\n", "journal: 研究与交流\nx:\n", "journal:", "a group of keys is expected"),
    ("layout-unknown", M, "  - title: 组工论坛\n", "  - title: 组工论坛\n    layout: three-column\n", "three-column",
     "not one of the choices", "two-column"),
    ("run-on-not-boolean", M, "  - title: 组工论坛\n", "  - title: 组工论坛\n    run_on: sometimes\n", "run_on",
     "true or false"),
    ("page-max-gap-zero", M, "sections:", "page:\n  max_gap: 0\nsections:", "max_gap", "more than 0"),
    ("trim-unknown", M, "sections:", "page:\n  trim: A5\nsections:", "trim: A5", "A4, 大16开, 16开"),
    ("article-not-md", M, f"      - {B}", "      - /etc/hostname", "/etc/hostname", "Markdown file ending in .md"),
    ("article-leaves-folder", M, f"      - {B}", "      - ../elsewhere.md", "../elsewhere.md", "leaves the issue folder"),
    ("article-missing", M, f"      - {B}", "      - articles/nothing.md", "nothing.md", "does not exist"),
    ("article-name-too-long", M, f"      - {B}", "      - articles/" + "a" * 300 + ".md", "aaaa", "cannot be used",
     "shorten the name"),
    ("article-twice", M, f"      - {B}", f"      - {A}", None, "listed twice"),
    ("articles-empty", M, f"    articles:\n      - {A}\n      - {B}\n", "    articles: []\n", "articles: []",
     "the list 'articles' is empty"),
    ("member-padded", M, "members: [高海珠]", "members: [高　海　珠]", "高　海　珠", "2 to 6 Chinese characters"),
    ("duplicate-key", M, "  number: 4\n", "  number: 4\n  number: 5\n", "number: 5", "given twice"),
    ("unclosed-bracket", M, "  year: 2018", "  year: [2018", None, "a list opened with '[' is not closed"),
    ("unclosed-brace", M, "issue:\n", "issue: {year: 2018\nx:\n", None, "a mapping opened with '{' is not closed"),
    ("second-colon", M, "  address: 吉林市北京路86号", "  address: 地址: 吉林市北京路86号", "地址:", "a second ': '",
     "in quotes"),
    ("unclosed-quote", A, "author: 董洪驿", "author: '董洪驿", None, "a quotation mark is not closed"),
    ("reserved-character", M, "  phone: 0432-62010336", "  phone: @0432-62010336", "@0432", "reserves"),
    ("tab-at-line-end", M, "  year: 2018", "  year: 2018\t", "year: 2018", "a tab character at column 13", "use spaces"),
    ("tab-indent", M, "  year: 2018", "\tyear: 2018", "year: 2018", "a tab character at column 1"),
    ("anchor-alias", M, "  sponsor: 中共吉林市委组织部", "  sponsor: &s 中共吉林市委组织部\n  x: *s", "&s", "anchors and aliases"),
    ("yaml-tag", M, "  year: 2018", "  year: !!python/object:os.system 2018", "year:", "a YAML tag (!!python/object:os.system)"),
    ("two-documents", M, "journal:", "---\na: 1\n---\njournal:", None, "more than one YAML document"),
    ("front-unknown-key", A, "author: 董洪驿", "auther: 董洪驿", "auther:", "unknown key 'auther'", "did you mean 'author'"),
    ("front-empty-title", A, "title: 突出选 从严管 量才用", "title:", "title:", "'title' is empty"),
    ("front-missing-title", A, "title: 突出选 从严管 量才用\n", "", None, "'title' is missing"),
    ("front-title-500", A, "title: 突出选 从严管 量才用", "title: " + "很长的标题" * 100, "title:", "500 characters long",
     "at most 60"),
    ("front-author-number", A, "author: 董洪驿", "author: 2018", "author: 2018", "read as a number", 'author: "2018"'),
    ("front-tab", A, "author: 董洪驿", "author:\t董洪驿", "author:", "a tab character at column 8"),
    ("front-alias", A, "author: 董洪驿", "author: &a 董洪驿\nlocality: *a", "author:", "anchors and aliases"),
    ("front-not-mapping", A, "title: 突出选 从严管 量才用\nsubtitle: 关于加强改进选调生工作的思考\nauthor: 董洪驿\nnote: 作者为市委组织部干部一处副主任科员\n", "- 突出选\n", None,
     "front matter must be keys and values"),
    ("no-front-matter", A, "---\n", "", None, "no front matter"),
    ("footnote-undefined", A, "。\n\n", "。[^1]\n\n", "。[^1]", "note [^1] is referred to but never defined",
     "add a line '[^1]: 注释文字'"),
    ("footnote-unused", A, "。\n\n", "。\n\n[^2]: 注释内容。\n\n", "[^2]:", "note [^2] is defined but never referred to"),
    ("link", A, "。\n\n", "。[链接](https://example.com)\n\n", "[链接]", "a link", "remove the [ ](…)"),
    ("link-definition", A, "。\n\n", "。\n\n[ref]: https://example.com\n\n", "[ref]:", "link reference definition"),
    ("autolink", A, "。\n\n", "。<https://example.com>\n\n", "<https://", "angle brackets"),
    ("inline-html", A, "。\n\n", "。<span>字</span>\n\n", "<span>", "inline HTML"),
    ("html-block", A, "。\n\n", "。\n\n<div>\n字\n</div>\n\n", "<div>", "raw HTML"),
    ("bullet-list", A, "。\n\n", "。\n\n- 一项\n- 两项\n\n", "- 一项", "a list is not allowed"),
    ("numbered-list", A, "。\n\n", "。\n\n1. 一项\n2. 两项\n\n", "1. 一项", "numbered list", "11.加强"),
    ("stray-emphasis", A, "。\n\n", "。*着重\n\n", "*着重", "stray '*'"),
    ("stray-bold", A, "。\n\n", "。**加粗\n\n", "**加粗", "stray '**'"),
    ("heading-1", A, "。\n\n", "。\n\n# 大标题\n\n", "# 大标题", "heading level 1"),
    ("heading-4", A, "。\n\n", "。\n\n#### 小标题\n\n", "#### 小标题", "heading level 4"),
    ("table-without-rows", A, "。\n\n", "。\n\n| 年份 | 数量 |\n|---|---|\n\n", "| 年份", "no rows"),
    ("code-fence", A, "。\n\n", "。\n\n```\ncode\n```\n\n", "```", "a code block"),
    ("indented-code", A, "。\n\n", "。\n\n    缩进的段落\n\n", "缩进的段落", "indented code block"),
    ("rule", A, "。\n\n", "。\n\n***\n\n", "***", "horizontal rule"),
    ("nested-quote", A, "。\n\n", "。\n\n> 引文\n>\n> > 引文中的引文\n\n", "> > 引文", "nested quotation"),
    ("heading-in-quote", A, "。\n\n", "。\n\n> ## 引文标题\n\n", "## 引文标题", "heading inside a quotation"),
    ("image-in-text", A, "。\n\n", "。文字![图](images/a.png)文字\n\n", "![图]", "an image inside a paragraph"),
    ("image-web", A, "。\n\n", "。\n\n![图](https://example.com/a.png)\n\n", "![图]", "web address"),
    ("image-width", A, "。\n\n", '。\n\n![图](images/a.png "half")\n\n', "![图]", 'image width "half"'),
    ("image-missing", A, "。\n\n", "。\n\n![图](images/none.png)\n\n", "![图]", "does not exist"),
    ("image-name-too-long", A, "。\n\n", "。\n\n![图](images/" + "b" * 300 + ".png)\n\n", "![图]", "image"),
    ("image-leaves", A, "。\n\n", "。\n\n![图](../../a.png)\n\n", "![图]", "leaves the issue folder"),
]


@pytest.mark.parametrize("case", EDITS, ids=[c[0] for c in EDITS])
def test_refused_edit(small, capsys, case):
    _, rel, old, new, needle, *words = case
    path = small / rel
    edit(path, old, new)
    line = line_of(path, needle) if needle else None
    err = refused(small, capsys, path, line, *words)
    if needle is None:
        assert re.search(rf"{re.escape(str(path))}:\d+{sep()}", err), f"no line in:\n{err}"


def png_bytes(size=(40, 30)) -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def figure(issue: Path, name: str) -> Path:
    """An article that shows images/NAME as a figure; returns the article."""
    art = issue / A
    edit(art, "。\n\n", f"。\n\n![图1　示意]({name})\n\n")
    return art


def test_image_zero_bytes(small, capsys):
    art = figure(small, "images/empty.png")
    (small / "articles" / "images").mkdir()
    (small / "articles" / "images" / "empty.png").write_bytes(b"")
    refused(small, capsys, art, line_of(art, "empty.png"), "empty file (0 bytes)")


def test_image_file_too_large(small, capsys):
    art = figure(small, "images/big.png")
    (small / "articles" / "images").mkdir()
    with open(small / "articles" / "images" / "big.png", "wb") as f:  # sparse: no disk used
        f.write(png_bytes())
        f.truncate(201 * 2**20)
    refused(small, capsys, art, line_of(art, "big.png"), "is 201 MB; an image file is at most 200 MB")


def test_image_is_a_folder(small, capsys):
    art = figure(small, "images/pic.png")
    (small / "articles" / "images" / "pic.png").mkdir(parents=True)
    refused(small, capsys, art, line_of(art, "pic.png"), "is a folder, not an image file")


def test_image_not_an_image(small, capsys):
    art = figure(small, "images/pic.png")
    (small / "articles" / "images").mkdir()
    (small / "articles" / "images" / "pic.png").write_text("not a picture", encoding="utf-8")
    refused(small, capsys, art, line_of(art, "pic.png"), "not a PNG, JPEG or TIFF")


def test_image_truncated(small, capsys):
    art = figure(small, "images/pic.png")
    (small / "articles" / "images").mkdir()
    data = png_bytes((400, 300))
    (small / "articles" / "images" / "pic.png").write_bytes(data[: len(data) // 2])
    err = refused(small, capsys, art, line_of(art, "pic.png"), "cannot be decoded")
    assert "Error" not in err  # no Python exception class names


def test_cover_missing_and_empty(small, capsys):
    m = small / M
    edit(m, "sections:", "cover:\n  image: images/cover.png\nsections:")
    refused(small, capsys, m, line_of(m, "image: images/cover.png"), "does not exist")
    (small / "images").mkdir()
    (small / "images" / "cover.png").write_bytes(b"")
    refused(small, capsys, m, line_of(m, "image: images/cover.png"), "empty file (0 bytes)")


def test_article_path_is_a_folder(small, capsys):
    m = small / M
    (small / "articles" / "folder.md").mkdir()
    edit(m, f"      - {B}", "      - articles/folder.md")
    refused(small, capsys, m, line_of(m, "folder.md"), "is a folder, not a file")


def test_manifest_missing_or_a_folder(tmp_path, capsys):
    refused(tmp_path, capsys, tmp_path / M, None, "no manifest.yaml")
    (tmp_path / M).mkdir()
    refused(tmp_path, capsys, tmp_path / M, None, "no manifest.yaml")
    refused(tmp_path / "nowhere", capsys, tmp_path / "nowhere", None, "issue folder not found")


def test_manifest_empty_or_a_list(small, capsys):
    m = small / M
    m.write_text("", encoding="utf-8")
    refused(small, capsys, m, 1, "must be a mapping")
    m.write_text("- journal\n- issue\n", encoding="utf-8")
    refused(small, capsys, m, 1, "must be a mapping")


def test_gbk_article(small, capsys):
    art = small / A
    art.write_bytes(art.read_text(encoding="utf-8").encode("gb18030"))
    refused(small, capsys, art, 2, "not UTF-8", "GBK")


def test_source_size_limits(small, capsys):
    art = small / A
    art.write_text(art.read_text(encoding="utf-8") + ("很长的段落。" * 200 + "\n\n") * 80, encoding="utf-8")
    refused(small, capsys, art, None, "at most 256 KB")
    m = small / M
    m.write_text("# " + "x" * 70_000 + "\n", encoding="utf-8")
    refused(small, capsys, m, None, "at most 64 KB")


def test_monster_paragraph(small, capsys):
    art = small / A
    edit(art, "。\n\n", "。\n\n" + "[" * 30_000 + "\n\n")
    t = time.perf_counter()
    refused(small, capsys, art, line_of(art, "[[[["), "a paragraph of 30,000 characters", "split it")
    assert time.perf_counter() - t < 2


@pytest.mark.parametrize("junk", ["[" * 9000, "[a](" * 2000, "*a" * 4000, "`a``" * 2000, "<" * 9000])
def test_pathological_markdown_is_bounded(small, capsys, tmp_path, junk):
    """Text that makes a Markdown parser work hard: answered (refused or set) in bounded time."""
    art = small / A
    edit(art, "。\n\n", "。\n\n" + junk + "\n\n")
    t = time.perf_counter()
    rc, _, err = run([small, "-o", tmp_path / "out", "-q", "--pdf-only"], capsys)
    assert time.perf_counter() - t < 15 and rc in (0, 2), err
    if rc == 2:
        assert f"{art}:" in err


def test_article_without_text(small, capsys):
    art = small / A
    text = art.read_text(encoding="utf-8")
    art.write_text(text[: text.index("---", 3) + 4], encoding="utf-8")
    refused(small, capsys, art, None, "has no text")


def bomb(levels: int = 9) -> str:
    """The 'billion laughs' in YAML: a few hundred bytes that expand to 9^9 strings."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [{','.join([f'*a{k - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_manifest_answered_at_once(small, capsys):
    m = small / M
    m.write_text(bomb() + m.read_text(encoding="utf-8"), encoding="utf-8")
    t = time.perf_counter()
    refused(small, capsys, m, 1, "anchors and aliases")
    assert time.perf_counter() - t < 1


def test_alias_bomb_in_front_matter_answered_at_once(small, capsys):
    art = small / A
    edit(art, "---\n", "---\n" + bomb())
    t = time.perf_counter()
    refused(small, capsys, art, 2, "anchors and aliases")
    assert time.perf_counter() - t < 1


def test_deep_nesting(small, capsys):
    m = small / M
    m.write_text("x: " + "[" * 100 + "]" * 100 + "\n" + m.read_text(encoding="utf-8"), encoding="utf-8")
    refused(small, capsys, m, 1, "nested more than")


def test_many_keys_answered_fast(small, capsys):
    m = small / M
    m.write_text(m.read_text(encoding="utf-8") + "".join(f"k{i}: {i}\n" for i in range(1500)), encoding="utf-8")
    t = time.perf_counter()
    err = refused(small, capsys, m, line_of(m, "k0: 0"), "unknown key 'k0'", "and 1480 more errors")
    assert time.perf_counter() - t < 2  # about 0.2 s on an idle machine
    assert err.count(msg("common.error", message="")) == 20


def test_too_many_values_refused_before_the_schema(small, capsys):
    m = small / M
    edit(m, "mottos: [学习 思考, 交流 宣传]", "mottos: [" + ",".join(["1"] * 20000) + "]")
    t = time.perf_counter()
    refused(small, capsys, m, line_of(m, "mottos:"), "more than 2000 keys, values and list items")
    assert time.perf_counter() - t < 1


def test_five_faults_in_four_files_in_one_run(small, capsys, tmp_path):
    """Five different faults in four files (manifest, two articles, an image) all reported in one run."""
    m, a, b = small / M, small / A, small / B
    edit(m, "  printer:", "  printr:")
    edit(a, "author: 董洪驿", "auther: 董洪驿")
    edit(a, "。\n\n", "。\n\n- 一项\n\n", )
    edit(b, "title: 加强干部日常考察的思考", "title:")
    edit(b, "。\n\n", "。\n\n![图](images/pic.png)\n\n")
    (small / "articles" / "images").mkdir()
    (small / "articles" / "images" / "pic.png").write_bytes(b"")
    rc, _, err = run([small, "-o", tmp_path / "out", "-q"], capsys)
    assert rc == 2
    expected = [(m, line_of(m, "printr:"), "unknown key 'printr'"),
                (a, line_of(a, "auther:"), "unknown key 'auther'"),
                (a, line_of(a, "- 一项"), "a list is not allowed"),
                (b, line_of(b, "title:"), "'title' is empty"),
                (b, line_of(b, "images/pic.png"), "empty file (0 bytes)")]
    for path, line, words in expected:
        words = words if language() == "en" else ""
        assert re.search(rf"{re.escape(f'{path}:{line}{sep()}')}[^\n]*{re.escape(words)}", err), f"{path}:{line} {words}\n{err}"
    assert err.count(msg("common.error", message="")) == 5
    no_english(err)


# --- unusual inputs that are accepted: complete outputs

def complete(out: Path) -> None:
    import pymupdf
    from docx import Document

    pdf, docx = sorted(out.glob("*.pdf")), sorted(out.glob("*.docx"))
    assert len(pdf) == 1 and len(docx) == 1
    with pymupdf.open(pdf[0]) as doc:
        assert doc.page_count % 4 == 0 and "组工论坛" in "".join(p.get_text() for p in doc)
    assert any("组工论坛" in p.text for p in Document(str(docx[0])).paragraphs)
    assert not [p for p in out.rglob("*.part")]


ACCEPTED = [
    ("crlf-and-bom", lambda i: (i / A).write_bytes(b"\xef\xbb\xbf" + (i / A).read_bytes().replace(b"\n", b"\r\n"))),
    ("no-final-newline", lambda i: (i / B).write_text((i / B).read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")),
    ("flow-style-and-comments", lambda i: edit(i / M, "issue:\n  year: 2018\n  number: 4\n  published: 2018年8月",
                                               "issue: {year: 2018, number: 4, published: 2018年8月}  # 出刊")),
    ("quoted-values", lambda i: edit(i / A, "author: 董洪驿", "author: '董洪驿'")),
    ("quotation-and-bold", lambda i: edit(i / A, "。\n\n", "。\n\n> **引文：**引文的内容。\n\n")),
    ("hard-line-break", lambda i: edit(i / A, "。\n\n", "。第一行  \n第二行。\n\n")),
]


@pytest.mark.parametrize("case", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_accepted_unusual_input(small, capsys, tmp_path, case):
    case[1](small)
    out = tmp_path / "new" / "out"  # a folder that does not exist yet, two levels deep
    rc, stdout, err = run([small, "-o", out, "-q"], capsys)
    assert rc == 0, err
    complete(out)


# --- output paths

def test_output_folder_is_a_file(small, capsys, tmp_path):
    (tmp_path / "o").write_text("x")
    refused(small, capsys, tmp_path / "o", None, "the output folder is a file", out=tmp_path / "o")


def test_output_folder_under_a_file(small, capsys, tmp_path):
    (tmp_path / "o").write_text("x")
    refused(small, capsys, tmp_path / "o" / "a" / "b", None, f"lies under '{tmp_path / 'o'}', which is a file",
            out=tmp_path / "o" / "a" / "b")


def test_output_name_is_a_folder(small, capsys, tmp_path):
    out = tmp_path / "o"
    (out / "yanjiu-yu-jiaoliu-2018-04.docx").mkdir(parents=True)
    rc, _, err = run([small, "-o", out, "-q"], capsys)
    assert rc == 2 and f"{out / 'yanjiu-yu-jiaoliu-2018-04.docx'}{sep()}{msg('output.folder_in_the_way')}" in err
    assert "compose" not in err and not (out / "yanjiu-yu-jiaoliu-2018-04.pdf").exists()


def test_offprints_folder_is_a_file(small, capsys, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "offprints").write_text("x")
    rc, _, err = run([small, "-o", out, "-q", "--offprints"], capsys)
    assert rc == 2 and f"{out / 'offprints'}{sep()}{msg('output.is_file')}" in err


def test_output_folder_name_too_long(small, capsys, tmp_path):
    out = tmp_path / ("o" * 300)
    refused(small, capsys, out, None, "the output folder cannot be used: File name too long", out=out)


def test_output_folder_not_writable(small, capsys, tmp_path, monkeypatch):
    out = tmp_path / "ro"
    out.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == out else real(p, mode, **kw))
    t = time.perf_counter()
    refused(small, capsys, out, None, "cannot be written", out=out)
    assert time.perf_counter() - t < 2  # refused before any work


# --- a bug anywhere: one line, a saved traceback, exit 70

def test_unexpected_exception_is_one_line_and_a_saved_traceback(small, capsys, monkeypatch, tmp_path):
    import typeset.pdf.layout

    def broken(issue):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(typeset.pdf.layout, "lay_out", broken)
    rc = main([str(small), "-o", str(tmp_path / "out"), "-q"])
    out, err = capsys.readouterr()
    assert rc == 70
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    path = re.search(r"(/\S*typeset-crash-\S+\.txt)", err).group(1)
    assert err.strip() == msg("common.error", message=msg("cli.crashed", what="ZeroDivisionError: float division by zero", path=path))
    saved = Path(path)
    assert "Traceback" in saved.read_text() and "broken" in saved.read_text()
    saved.unlink()
    assert not (tmp_path / "out").exists()


def test_front_matter_value_named_at_its_own_line(small, capsys):
    """A fault found while setting a front-matter value (here a character no font has) names its line, not the ---."""
    art = small / A
    edit(art, "author: 董洪驿", "author: 董洪한")
    refused(small, capsys, art, line_of(art, "author:"), "'한' (U+D55C)")


@pytest.mark.parametrize("old,new,needle", [
    ("members: [关树维, 王宗英, 刘德宏]", "members: [关树维, 王宗𠀀, 刘德宏]", "王宗𠀀"),  # a board name, a rare character
    ("本刊欢迎投稿]", "本刊欢迎投稿, 免费강]", "免费강"),  # a notice: a list item of the journal
    ("  sponsor: 中共吉林市委组织部", "  sponsor: 中共吉林市委조직부", "sponsor:"),
])
def test_manifest_values_set_in_print_named_at_their_line(small, capsys, old, new, needle):
    """A fault found while setting a manifest value (a character no font has) names the value's own line."""
    m = small / M
    edit(m, old, new)
    refused(small, capsys, m, line_of(m, needle), "is in none of the fonts")
