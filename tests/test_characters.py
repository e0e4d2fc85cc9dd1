"""Every character of an issue: fallback from face to face (read back from the PDF), house fonts
(TrueType and OpenType/CFF, embedded and named in the DOCX), every unsettable character and stroke
gap in one run at its own line, invisible characters dropped."""
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pymupdf
import pytest
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

import typeset
from typeset import fonts
from typeset.errors import SourceError, SourceErrors
from typeset.i18n import set_language
from typeset.read.manifest import load_issue

ROOT = Path(__file__).resolve().parent.parent
ISSUE2 = ROOT / "tests" / "issue2"
NOTO_SANS_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.fixture(autouse=True)
def bundled_fonts_after():
    """Loading an issue sets the faces for layout (typeset.fonts.use): leave the bundled ones for the
    tests that lay out an issue loaded earlier."""
    yield
    fonts.use({})


@pytest.fixture
def issue2(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # house-font conversions land here
    dst = tmp_path / "issue2"
    shutil.copytree(ISSUE2, dst)
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def issue_chars(folder: Path) -> set[int]:
    text = "".join(p.read_text(encoding="utf-8") for p in [folder / "manifest.yaml", *(folder / "articles").glob("*.md")])
    return {ord(c) for c in text} | set(range(0x20, 0x7F)) | {ord(c) for c in "目录编委会按姓氏笔划为序上接下转第页期年月　——…“”《》（）、，。：；！？"}


def make_font(src: TTFont, out: Path, keep: set[int], family: str) -> Path:
    """A subset of `src` with only `keep`, renamed so the PDF tells it from the bundled faces."""
    opts = subset.Options()
    opts.layout_features, opts.name_IDs, opts.notdef_outline = [], ["*"], True
    opts.drop_tables += ["GSUB", "GPOS", "VORG", "DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=keep)
    sub.subset(src)
    ps = family.replace(" ", "") + "-Regular"
    table = src["name"]
    table.names = [n for n in table.names if n.nameID not in (1, 3, 4, 6, 16, 17)]
    for nid, text in {1: family, 3: ps, 4: f"{family} Regular", 6: ps}.items():
        table.setName(text, nid, 3, 1, 0x409)
    src.save(out)
    return out


def span_fonts(pdf: Path) -> dict[str, set[str]]:
    """character → the fonts (subset prefix dropped) that show it anywhere in the PDF."""
    out: dict[str, set[str]] = {}
    for page in pymupdf.open(pdf):
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    font = span["font"].split("+")[-1]
                    for ch in span["chars"]:
                        out.setdefault(ch["c"], set()).add(font)
    return out


# ---- fallback ------------------------------------------------------------------------------

def test_fallback_sets_missing_characters_from_the_next_face(issue2, tmp_path):
    """A house 宋体 lacking 数 据 and 喆: each is set from the bundled 宋体 (the next face of the chain),
    with one warning per character naming its first file:line, and the PDF shows those glyphs in
    Noto Serif while the rest of the body is in the house face."""
    lacking = "数据喆"
    keep = issue_chars(issue2) - {ord(c) for c in lacking}
    make_font(TTFont(ROOT / "fonts" / "NotoSerifSC-Regular.ttf"), issue2 / "song.ttf", keep, "Test Song")
    m = issue2 / "manifest.yaml"
    edit(m, "page:\n", "fonts: {song: song.ttf}\npage:\n")
    res = typeset.build(issue2, tmp_path / "out")
    warned = [w for w in res.warnings if "宋体（song.ttf）缺“" in w]
    assert len(warned) == len(lacking)  # one line per character (song role), however often it occurs
    for ch in lacking:
        w = next(w for w in warned if f"“{ch}”" in w)
        assert f"：宋体（song.ttf）缺“{ch}”（U+{ord(ch):04X}），借用自带的宋体排" in w  # the file named once
        path, line = re.match(r"(.+?):(\d+)：", w).groups()  # the first place it occurs, at its own line
        assert ch in Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert any(w.startswith(f"{m}:{line_of(m, '- 王喆')}：") and "“喆”" in w for w in warned)  # the board name's line
    pdf = next(p for p in res.written if p.suffix == ".pdf")
    used = span_fonts(pdf)
    for ch in lacking:
        assert "NotoSerifCJKsc-Regular" in used[ch] and "TestSong-Regular" not in used[ch], ch
    assert "TestSong-Regular" in used["社"] and "TestSong-Regular" in used["区"]  # the house face sets the rest
    assert "王　喆" in pdf_text(pdf)  # the board name, half from each face, reads as one name


def pdf_text(pdf: Path) -> str:
    return "".join(page.get_text() for page in pymupdf.open(pdf))


def test_chain_order_is_data():
    from typeset.style import FALLBACK
    fonts.use({})
    for role, order in FALLBACK.items():
        assert [f.path.name for f in fonts.chain(role)] == [fonts.BUNDLED[r].path.name for r in order]
        assert order[0] == role and sorted(order) == sorted(FALLBACK)


def test_bundled_faces_fall_back_to_each_other(issue2, tmp_path):
    """楷体 (WenKai) has 503 of Extension A's 6,592 characters; one it lacks in a byline is set from
    宋体 with a warning, and stays in the PDF."""
    ext_a = next(chr(c) for c in range(0x3400, 0x4DC0) if c not in fonts.widths("kai") and c in fonts.widths("song"))
    a = issue2 / "articles" / "06-bianhouji.md"
    edit(a, "author: 上官丽娟", f"author: 上官丽{ext_a}")
    res = typeset.build(issue2, tmp_path / "out", ("pdf",))
    w = [w for w in res.warnings if f"“{ext_a}”" in w]
    assert len(w) == 1 and w[0].startswith(f"{a}:{line_of(a, 'author:')}：")
    # the roles as editors name them, the file once, no half-width spaces around the character
    assert w[0].endswith(f"：楷体（JournalKai-Regular.ttf）缺“{ext_a}”（U+{ord(ext_a):04X}），借用宋体排")
    assert "NotoSerifCJKsc-Regular" in span_fonts(res.written[0])[ext_a]


# ---- errors in one run -----------------------------------------------------------------------

def test_every_unsettable_character_and_stroke_gap_in_one_run(issue2, tmp_path, capsys):
    m = issue2 / "manifest.yaml"
    a = issue2 / "articles" / "03-shuju-anquan.md"
    b = issue2 / "articles" / "05-tashan.md"
    edit(a, "数据已经成为", "数据已经成为한")  # Hangul: in no face
    edit(b, "author: 司马南　赵珺", "author: 司马南　赵珺글")  # in a front-matter value: its own line, not line 1
    edit(m, "  - role: 编辑\n    members: [陈昇, 李玥]", "  - role: 编辑\n    members: [陈昇, 李玥]\n  - role: 校对\n    members:\n      - 金\U00020000")
    edit(m, "      - 石磊", "      - 石\U0002CE26")  # 𬸦: in the fonts (通用规范汉字表) but without stroke data
    with pytest.raises(SourceErrors) as info:
        load_issue(issue2)
    got = {(e.path, e.line, re.search(r"U\+[0-9A-F]+", e.problem).group()) for e in info.value.errors}
    assert got == {(a, line_of(a, "한"), "U+D55C"), (b, line_of(b, "author:"), "U+AE00"),
                   (m, line_of(m, "- 金\U00020000"), "U+20000"), (m, line_of(m, "- 石\U0002CE26"), "U+2CE26")}
    stroke = next(e for e in info.value.errors if "U+2CE26" in e.problem)
    assert "stroke" in stroke.problem and "as-listed" in stroke.fix
    # the command line prints them all and stops once
    from typeset.cli import main
    assert main([str(issue2), "-o", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("错误：") == 4 and "U+D55C" in err and "U+2CE26" in err


def test_control_character_is_named_not_replaced(issue2):
    a = issue2 / "articles" / "04-sudi-3.md"
    edit(a, "龙潭区依托", "龙潭区\x00依托")
    with pytest.raises(SourceError) as info:
        load_issue(issue2)
    assert info.value.line == line_of(a, "龙潭区\x00") and "空字符（U+0000）" in info.value.problem
    assert "FFFD" not in str(info.value)


def test_describe():
    assert fonts.describe("喆") == "“喆”（U+5586）"
    assert fonts.describe("\u200b") == "零宽空格（U+200B）"
    assert fonts.describe("\ue000") == "私用区字符（U+E000）"
    set_language("en")
    assert fonts.describe("喆") == "'喆' (U+5586)"
    assert fonts.describe("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert fonts.describe("\x00") == "U+0000 NULL"
    assert fonts.describe("\u00ad") == "U+00AD SOFT HYPHEN"


# ---- invisible characters --------------------------------------------------------------------

def test_invisible_characters_dropped_with_a_warning(issue2, tmp_path):
    a = issue2 / "articles" / "03-shuju-anquan.md"
    edit(a, "title: 筑牢政务数据安全防线", "title: 筑牢政务\ufeff数据安全防线")
    edit(a, "数据已经成为新型", "数据已\u200b经成为\u200d新型\u00ad")
    edit(a, "要对照《网络安全法》", "要对照\u00a0《网络安全法》")  # no space at all between Chinese characters
    edit(a, "国产密码算法（SM2、SM3", "国产密码算法（SM2\u00a0and\u00a0SM3")  # an ordinary space between Latin words
    res = typeset.build(issue2, tmp_path / "out")
    mine = [w for w in res.warnings if w.startswith(str(a))]
    assert f"{a}:{line_of(a, 'title:')}：已删去不可见字符：字节顺序标记（U+FEFF）" in mine
    body = line_of(a, "数据已")
    for name in ("零宽空格（U+200B）", "零宽连字（U+200D）", "软连字符（U+00AD）"):
        assert f"{a}:{body}：已删去不可见字符：{name}" in mine
    assert len(mine) == 4
    text = pdf_text(next(p for p in res.written if p.suffix == ".pdf"))
    assert not set(text) & {"\u200b", "\u200d", "\ufeff", "\u00ad", "\u00a0"}
    flat = re.sub(r"\s+", "", text)
    assert "筑牢政务数据安全防线" in flat and "数据已经成为新型" in flat and "要对照《网络安全法》" in flat
    assert "SM2 and SM3" in text.replace("\n", " ")
    issue = load_issue(issue2)
    article = next(x for _, x in issue.articles() if x.path == a)
    para = next(p for p in article.paragraphs() if "网络安全法" in p.text)
    assert "要对照《网络安全法》" in para.text  # U+00A0 between Chinese characters: no space at all


# ---- house fonts -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cff_font(tmp_path_factory) -> Path:
    """A real OpenType/CFF font: Noto Sans CJK SC from the .ttc, subset to the issue's characters, CFF kept."""
    if not NOTO_SANS_CFF.exists():
        pytest.fail(f"{NOTO_SANS_CFF} missing: apt-get install fonts-noto-cjk")
    face = next(f for f in TTCollection(NOTO_SANS_CFF).fonts if "CJK SC" in f["name"].getDebugName(1))
    out = make_font(face, tmp_path_factory.mktemp("house") / "house-hei.otf", issue_chars(ISSUE2), "Test House Hei")
    assert "CFF " in TTFont(out) and out.read_bytes()[:4] == b"OTTO"
    return out


def test_house_cff_font_is_converted_cached_embedded_and_named(issue2, tmp_path, cff_font):
    m = issue2 / "manifest.yaml"
    shutil.copy(cff_font, issue2 / "house-hei.otf")
    edit(m, "page:\n", f"fonts:\n  hei: house-hei.otf\n  title: {cff_font}\npage:\n")  # relative and absolute
    res = typeset.build(issue2, tmp_path / "out")
    cached = list((tmp_path / "cache" / "typeset" / "fonts").glob("*.ttf"))
    assert len(cached) == 1 and "glyf" in TTFont(cached[0]) and "CFF " not in TTFont(cached[0])
    assert not [p for p in issue2.rglob("*.ttf")]  # nothing written beside the sources
    pdf = next(p for p in res.written if p.suffix == ".pdf")
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    house = [r.split() for r in rows if "TestHouseHei-Regular" in r]
    assert house and all(r[-5:-2] == ["yes", "yes", "yes"] for r in house)  # emb, sub, uni
    assert all("TrueType" in r for r in rows)
    used = span_fonts(pdf)
    assert "TestHouseHei-Regular" in used["专"]  # the section label (黑体 bold role: title) in the house face
    with zipfile.ZipFile(next(p for p in res.written if p.suffix == ".docx")) as z:
        styles = z.read("word/styles.xml").decode()
        table = z.read("word/fontTable.xml").decode()
    assert 'w:eastAsia="Test House Hei"' in styles and 'w:name="Test House Hei"' in table
    assert 'w:eastAsia="宋体"' in styles  # roles without a house font keep the office PC's face
    # a second build reuses the conversion
    before = cached[0].stat().st_mtime_ns
    typeset.build(issue2, tmp_path / "out2", ("pdf",))
    assert cached[0].stat().st_mtime_ns == before


def test_house_font_errors_name_the_manifest_line(issue2, tmp_path):
    m = issue2 / "manifest.yaml"
    (issue2 / "not-a-font.ttf").write_bytes(b"hello")
    edit(m, "page:\n", "fonts:\n  song: missing.ttf\n  kai: not-a-font.ttf\npage:\n")
    with pytest.raises(SourceErrors) as info:
        load_issue(issue2)
    by_line = {e.line: e for e in info.value.errors}
    assert "字体文件“missing.ttf”不存在" in by_line[line_of(m, "song: missing.ttf")].problem
    assert "不是 TrueType 或 OpenType 字体" in by_line[line_of(m, "kai: not-a-font.ttf")].problem


def test_house_font_forbidding_embedding_is_refused(issue2, tmp_path):
    font = TTFont(ROOT / "fonts" / "NotoSansSC-Regular.ttf")
    make_font(font, issue2 / "locked.ttf", issue_chars(ISSUE2), "Locked")
    locked = TTFont(issue2 / "locked.ttf")
    locked["OS/2"].fsType = 0x0002
    locked.save(issue2 / "locked.ttf")
    edit(issue2 / "manifest.yaml", "page:\n", "fonts: {hei: locked.ttf}\npage:\n")
    with pytest.raises(SourceError) as info:
        load_issue(issue2)
    assert "fsType" in info.value.problem and "不允许以子集形式嵌入" in info.value.problem


def test_cli_prints_warnings_and_builds(issue2, tmp_path, capsys):
    from typeset.cli import main
    a = issue2 / "articles" / "04-sudi-1.md"
    edit(a, "针对老旧小区", "针对老旧\u200b小区")
    assert main([str(issue2), "-o", str(tmp_path / "out"), "--pdf-only", "-q"]) == 0
    err = capsys.readouterr().err
    assert f"警告：{a}:{line_of(a, '针对老旧')}：已删去不可见字符：零宽空格（U+200B）" in err.splitlines()


def test_metrics_cache_round_trip(tmp_path, monkeypatch):
    """A face restored from the metrics cache equals a parsed one where ReportLab looks, and its
    per-glyph tables still load if the cache is emptied in between."""
    from reportlab.pdfbase.ttfonts import TTFontFace
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    path = ROOT / "fonts" / "JournalKai-Regular.ttf"
    parsed = TTFontFace(str(path))
    fonts._save_face(path, parsed)
    restored = fonts._face_from_cache(path)
    assert restored is not None and restored.charWidths == parsed.charWidths and restored.charToGlyph == parsed.charToGlyph
    assert "glyphPos" not in restored.__dict__  # not read until the PDF subsets the font
    shutil.rmtree(tmp_path / "c")
    assert list(restored.glyphPos) == list(parsed.glyphPos)
    assert [restored.hmetrics[i] for i in range(0, len(parsed.hmetrics), 997)] == parsed.hmetrics[::997]
    assert restored._ttf_data[:4] == parsed._ttf_data[:4]


def test_compact_metrics_answer_as_reportlab_asks():
    """The cmap kept as arrays answers like the dict it replaces; the translate table, filled as
    characters are drawn, gives a no-break space the space's glyph and leaves a character the face
    lacks as it is (as the whole-cmap table did)."""
    font = fonts.ttfont(fonts.BUNDLED["song"])
    c2g = font.face.charToGlyph
    assert isinstance(c2g, fonts._CharToGlyph) and len(c2g) > 20000
    code, gid = next(iter(c2g.items()))
    assert c2g[code] == c2g.get(code) == gid and code in c2g
    assert 0x10FFFF not in c2g and "a" not in c2g and c2g.get(0x10FFFF, 0) == 0
    with pytest.raises(KeyError):
        c2g[0x10FFFF]
    doc = type("Doc", (), {})()  # a document: only a key of the font's per-document state
    codes = font.glyph_codes("中\u00a0 \U0010fffd", doc)
    assert codes[:2] == c2g[ord("中")].to_bytes(2, "big") and codes[2:4] == codes[4:6] == c2g[0x20].to_bytes(2, "big")
    assert codes[6:] == "\U0010fffd".encode("utf-16-be")
