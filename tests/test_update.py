"""`build.py update`: the issue DOCX (and an offprint) revised and read back into the sources.
No edits → byte-identical sources; edits made with python-docx and with LibreOffice (the DOCX
opened, a paragraph changed, one added, one deleted, saved as DOCX) → exactly those edits in the
Markdown, and the rebuilt PDF shows them.  Tracked changes, comments, unknown styles and text
outside any article are reported, never dropped."""
import copy
import shutil
from pathlib import Path

import docx
import pymupdf as fitz
import pytest
from docx.oxml.ns import qn
from lxml import etree

import typeset
from typeset.cli import main as cli_main
from typeset.errors import SourceError
from typeset.i18n import set_language, t
from typeset.word.update import update
from util import squash
from word_util import OFFICE, TEXT, convert, odf_paragraphs, rewrite_docx, set_text, text_of

ISSUE = Path(__file__).resolve().parent.parent / "issue"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A copy of the bundled issue, its DOCX and offprints built from it."""
    root = tmp_path_factory.mktemp("update")
    issue = root / "issue"
    shutil.copytree(ISSUE, issue)
    res = typeset.build(issue, root / "out", formats=("docx",), offprints=True)
    return issue, next(p for p in res.written if p.name.endswith("2018-04.docx")), root


@pytest.fixture
def fresh(work, tmp_path):
    """A pristine copy of the issue for one test."""
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE, issue)
    return issue


def test_no_edits_sources_byte_identical(work, fresh, capsys):
    _, docx_path, root = work
    before = snapshot(fresh)
    assert cli_main(["update", str(fresh), str(docx_path)]) == 0
    assert snapshot(fresh) == before
    out = capsys.readouterr().out
    assert "0 篇文章有改动，26 篇没有改动" in out
    set_language("en")
    assert cli_main(["update", str(fresh), str(docx_path)]) == 0
    assert "0 article(s) changed, 26 unchanged" in capsys.readouterr().out
    set_language("zh")
    for off in sorted((root / "out" / "offprints").glob("*.docx")):
        res = update(fresh, off)
        assert (len(res.changes), res.unchanged, res.unmatched) == (0, 1, []), off.name
    assert snapshot(fresh) == before


def body_paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_python_docx_edits_come_back_exactly(work, fresh, tmp_path):
    _, docx_path, _ = work
    art = fresh / "articles" / "11-ren-tao.md"
    src = art.read_text(encoding="utf-8")
    d = docx.Document(docx_path)
    changed = body_paragraph(d, "干部队伍中年轻干部数量不少")
    for r in changed.runs[1:]:
        r._r.getparent().remove(r._r)
    changed.runs[0].text = "干部队伍中年轻干部数量不少，要从几个角度识别年轻干部。"
    gone = body_paragraph(d, "三看人品修养")
    gone._p.getparent().remove(gone._p)
    anchor = body_paragraph(d, "二看专业能力")
    new = copy.deepcopy(anchor._p)
    anchor._p.addnext(new)
    for r in new.findall(qn("w:r"))[1:]:
        new.remove(r)
    new.find(qn("w:r")).find(qn("w:t")).text = "四看群众口碑。群众评价是检验干部的重要尺度。"
    byline = next(p for p in d.paragraphs if p.style.name == "Byline" and p.text == "任\u3000涛")
    byline.runs[0].text = "任\u3000滔"
    d.save(tmp_path / "revised.docx")

    res = update(fresh, tmp_path / "revised.docx")
    assert [c.path.name for c in res.changes] == ["11-ren-tao.md"]
    assert res.changes[0].summary == "作者（author）已改；改了 1 段；加了 1 段；删了 1 段"
    lines = src.split("\n")
    expected = []
    for line in lines:
        if line == "author: 任涛":
            line = "author: 任滔"
        if line.startswith("干部队伍中年轻干部数量不少"):
            line = "干部队伍中年轻干部数量不少，要从几个角度识别年轻干部。"
        if line.startswith("三看人品修养"):
            expected.pop()  # and its blank line
            continue
        expected.append(line)
        if line.startswith("二看专业能力"):
            expected += ["", "四看群众口碑。群众评价是检验干部的重要尺度。"]
    assert art.read_text(encoding="utf-8") == "\n".join(expected)
    others = {k: v for k, v in snapshot(fresh).items() if k != "articles/11-ren-tao.md"}
    assert others == {k: v for k, v in snapshot(ISSUE).items() if k != "articles/11-ren-tao.md"}
    out = typeset.build(fresh, tmp_path / "pdf", formats=("pdf",))
    text = squash("".join(page.get_text() for page in fitz.open(out.written[0])))
    assert "四看群众口碑。群众评价是检验干部的重要尺度。" in text and "三看人品修养" not in text
    assert "干部队伍中年轻干部数量不少，要从几个角度识别年轻干部。" in text and "任滔" in text  # (squash drops the padding)


def test_dry_run_says_nothing_is_written_and_shows_each_change(work, fresh, tmp_path, capsys):
    _, docx_path, _ = work
    d = docx.Document(docx_path)
    changed = body_paragraph(d, "干部队伍中年轻干部数量不少")
    old = changed.text
    for r in changed.runs[1:]:
        r._r.getparent().remove(r._r)
    changed.runs[0].text = old.replace("年轻干部数量不少", "年轻干部数量很多", 1)
    byline = next(p for p in d.paragraphs if p.style.name == "Byline" and p.text == "任\u3000涛")
    byline.runs[0].text = "任\u3000滔"
    d.save(tmp_path / "revised.docx")
    before = snapshot(fresh)
    assert cli_main(["update", str(fresh), str(tmp_path / "revised.docx"), "-n"]) == 0
    out = capsys.readouterr().out
    assert snapshot(fresh) == before
    assert t("update.would_update", path="articles/11-ren-tao.md", summary="作者（author）已改；改了 1 段") in out
    assert "已更新" not in out
    assert t("update.edit", old="任涛", new="任滔") in out
    assert "  「干部队伍中年轻干部数量不少，" in out and "」→「干部队伍中年轻干部数量很多，" in out
    assert len(max(out.splitlines(), key=len)) < 60  # a paragraph shortened to the change
    assert t("update.total_dry_run", changed=1, unchanged=25) in out
    assert "（试运行，没有写入任何文件）" in out


@pytest.fixture(scope="module")
def libreoffice_revised(work):
    """The issue DOCX opened by LibreOffice, one paragraph changed, one added, one deleted,
    saved by LibreOffice as DOCX (through its flat ODF, in two runs)."""
    _, docx_path, root = work
    lo = root / "lo"
    profile = root / "profile"
    (fodt,) = convert([docx_path], "fodt", lo, profile)
    tree = etree.parse(str(fodt))
    paras = odf_paragraphs(tree.getroot())
    target = next(p for p in paras if text_of(p).startswith("面对金融危机之后，"))  # in 04-zhang-jinghui
    set_text(target, "面对金融危机之后的新形势，磐石市坚持稳中求进，县域经济转型升级取得新进展。")
    after = next(p for p in paras if text_of(p).startswith("为研究解决县域经济转型发展中"))
    added = copy.deepcopy(after)
    set_text(added, "这是在LibreOffice中新增的一段，共3862字。")
    after.addnext(added)
    gone = next(p for p in paras if text_of(p).startswith("（三）发展瓶颈还没有得到有效破解。"))
    gone.getparent().remove(gone)
    tree.write(str(fodt), xml_declaration=True, encoding="UTF-8")
    edited = lo / "edited"
    edited.mkdir()
    shutil.move(fodt, edited / "revised.fodt")
    (out,) = convert([edited / "revised.fodt"], "docx:MS Word 2007 XML", lo / "docx", profile)
    return out


def test_libreoffice_edits_come_back_and_the_pdf_shows_them(libreoffice_revised, fresh, tmp_path):
    art = fresh / "articles" / "04-zhang-jinghui.md"
    src = art.read_text(encoding="utf-8")
    res = update(fresh, libreoffice_revised)
    assert [c.path.name for c in res.changes] == ["04-zhang-jinghui.md"], res.changes
    assert not res.unmatched, res.unmatched
    assert res.changes[0].summary == "改了 1 段；加了 1 段；删了 1 段"
    expected = []
    for line in src.split("\n"):
        if line.startswith("面对金融危机之后，"):
            line = "面对金融危机之后的新形势，磐石市坚持稳中求进，县域经济转型升级取得新进展。"
        if line.startswith("**（三）发展瓶颈还没有得到有效破解。**"):
            expected.pop()
            continue
        expected.append(line)
        if line.startswith("为研究解决县域经济转型发展中"):
            expected += ["", "这是在LibreOffice中新增的一段，共3862字。"]
    assert art.read_text(encoding="utf-8") == "\n".join(expected)

    out = typeset.build(fresh, tmp_path / "pdf", formats=("pdf",))
    text = squash("".join(page.get_text() for page in fitz.open(out.written[0])))
    assert "这是在LibreOffice中新增的一段，共3862字。" in text
    assert "面对金融危机之后的新形势，磐石市坚持稳中求进，县域经济转型升级取得新进展。" in text
    assert "发展瓶颈还没有得到有效破解" not in text


def with_tracked_change(root):
    body = root.find(f"{{{W}}}body")
    p = next(p for p in body.iter(f"{{{W}}}p") if "三看人品修养" in "".join(p.itertext()))
    ins = etree.SubElement(p, f"{{{W}}}ins", {f"{{{W}}}id": "901", f"{{{W}}}author": "编辑甲",
                                              f"{{{W}}}date": "2018-08-01T00:00:00Z"})
    r = etree.SubElement(ins, f"{{{W}}}r")
    etree.SubElement(r, f"{{{W}}}t").text = "（新增一句）"
    first_run = p.find(f"{{{W}}}r")
    dl = etree.Element(f"{{{W}}}del", {f"{{{W}}}id": "902", f"{{{W}}}author": "编辑乙"})
    first_run.addprevious(dl)
    dr = etree.SubElement(dl, f"{{{W}}}r")
    etree.SubElement(dr, f"{{{W}}}delText").text = "删掉的字"


def test_tracked_changes_refused_with_their_list_unless_accepted(work, fresh, tmp_path):
    _, docx_path, _ = work
    revised = rewrite_docx(docx_path, tmp_path / "tracked.docx", with_tracked_change)
    before = snapshot(fresh)
    with pytest.raises(SourceError) as e:
        update(fresh, revised)
    assert "文档中有 2 处修订还没有接受或拒绝" in e.value.problem
    assert "编辑甲 2018-08-01 插入「（新增一句）」" in e.value.problem
    assert "编辑乙 删除「删掉的字」" in e.value.problem
    assert "--accept-changes" in e.value.fix
    assert snapshot(fresh) == before
    res = update(fresh, revised, accept_changes=True)
    text = (fresh / "articles" / "11-ren-tao.md").read_text(encoding="utf-8")
    assert "也不能用。" in text and "（新增一句）" in text and "删掉的字" not in text
    assert res.changes[0].summary == "改了 1 段"


def test_comments_unknown_styles_and_stray_text_reported(work, fresh, tmp_path):
    _, docx_path, _ = work
    d = docx.Document(docx_path)
    para = body_paragraph(d, "三看人品修养")
    d.add_comment(para.runs[0], text="这句要核实", author="审稿人")
    stray = next(p for p in d.paragraphs if p.style.name == "TOC Heading")
    stray.insert_paragraph_before("目录前多出来的一段话", style="Body Text")
    odd = body_paragraph(d, "二看专业能力")
    odd.style = d.styles.add_style("Fancy", 1)  # a paragraph style the typesetter does not know
    d.save(tmp_path / "commented.docx")
    res = update(fresh, tmp_path / "commented.docx")
    assert any("审稿人 的批注：这句要核实" in c for c in res.comments), res.comments
    assert any("目录前多出来的一段话" in u for u in res.unmatched), res.unmatched
    assert any("样式“Fancy”" in w and "已按正文处理" in w for w in res.warnings), res.warnings
    assert res.changes == []  # the paragraph in the unknown style is still the same body text


def test_offprint_edit_with_locality_and_title(work, fresh, tmp_path):
    _, _, root = work
    d = docx.Document(root / "out" / "offprints" / "14-dongtai-2-chuanying.docx")
    title = next(p for p in d.paragraphs if p.style.name == "Article Title")
    old = title.text
    title.runs[0].text = old + "（修订）"
    for r in title.runs[1:]:
        r.text = ""
    d.save(tmp_path / "offprint.docx")
    res = update(fresh, tmp_path / "offprint.docx")
    assert [c.summary for c in res.changes] == ["标题（title）已改"]
    text = (fresh / "articles" / "14-dongtai-2-chuanying.md").read_text(encoding="utf-8")
    assert f"title: {old}（修订）\n" in text


def test_every_style_of_the_sheet_is_known_to_update():
    """A style the DOCX writer uses, by its name or its Chinese alias, is never 'unknown'."""
    import re
    from typeset import style as S
    from typeset.docx.styles import ALIASES, sheet
    from typeset.word.update import ROLES
    for st in sheet(S.geometry()):
        for name in filter(None, (st.name, ALIASES.get(st.name))):
            assert re.sub(r"[\s_\-]", "", name).lower() in ROLES, name


def test_figures_kept_by_their_file_and_captions_revised(tmp_path):
    """A figure comes back as its own source file (matched by the picture's bytes), its caption
    revised; a picture added in Word is saved into images/."""
    import io
    from PIL import Image
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE, issue)
    Image.new("RGB", (1000, 600), "seagreen").save(issue / "images" / "chart.png", dpi=(300, 300))
    art = issue / "articles" / "12-jiang-xue.md"
    lines = art.read_text(encoding="utf-8").split("\n")
    first_body = next(i for i, l in enumerate(lines) if i > 2 and l and not l.startswith(("---", "title", "author", "note")))
    lines[first_body:first_body] = ["![图1　全市党员分布](../images/chart.png)", ""]
    art.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(issue)
    res = typeset.build(issue, tmp_path / "out", formats=("docx",))
    assert update(issue, res.written[0]).changes == []
    assert snapshot(issue) == before
    d = docx.Document(res.written[0])
    caption = next(p for p in d.paragraphs if p.text == "图1　全市党员分布")
    caption.runs[0].text = "图1　全市党员分布情况"
    buf = io.BytesIO()
    Image.new("RGB", (800, 500), "orange").save(buf, "PNG")
    buf.seek(0)
    d.add_picture(buf)
    pic = d.paragraphs[-1]._p  # appended after the back cover: moved under the last article's text
    [p for p in d.paragraphs if p.style.name == "Body Text"][-1]._p.addnext(pic)
    d.save(tmp_path / "figures.docx")
    res2 = update(issue, tmp_path / "figures.docx")
    changed = {c.path.name: c.summary for c in res2.changes}
    assert changed["12-jiang-xue.md"] == "改了 1 段"
    assert "![图1　全市党员分布情况](../images/chart.png)" in art.read_text(encoding="utf-8")
    last = next(c for c in res2.changes if c.path.name != "12-jiang-xue.md")
    assert last.summary.endswith("images/ 中新增 1 幅图片")
    added = [p for p in (issue / "images").glob("*.png") if p.name not in ("cover.png", "chart.png")]
    assert len(added) == 1 and added[0].read_bytes().startswith(b"\x89PNG")
    assert f"](../images/{added[0].name})" in last.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["issue2", "notes_issue", "issue_pages"])
def test_other_issues_round_trip_and_rich_articles_are_left_alone(name, tmp_path):
    """The test issues with notes, tables, 着重号, 补白, long titles and Latin text: no edits → nothing
    changed or reported; a revised article with notes or tables is left as it was, with a message,
    never rewritten without them."""
    src = Path(__file__).resolve().parent / name
    issue = tmp_path / "issue"
    shutil.copytree(src, issue)
    before = snapshot(issue)
    res = typeset.build(issue, tmp_path / "out", formats=("docx",))
    got = update(issue, res.written[0])
    assert (got.changes, got.unmatched) == ([], []), (got.changes, got.unmatched)
    assert snapshot(issue) == before
    if name != "notes_issue":
        return
    d = docx.Document(res.written[0])
    body = next(p for p in d.paragraphs if p.style.name == "Body Text" and len(p.runs) > 1)
    body.runs[0].text = "修订：" + body.runs[0].text
    d.save(tmp_path / "revised.docx")
    got = update(issue, tmp_path / "revised.docx")
    assert got.changes == [] and snapshot(issue) == before
    assert any("这样的文章还不能自动改回" in u for u in got.unmatched), got.unmatched
    assert all("稿件文件 " in u and "Markdown" not in u and "未对上" not in u for u in got.unmatched)
    # the editor is told in plain words, and the exit status says something was not brought back
    assert cli_main(["update", str(issue), str(tmp_path / "revised.docx")]) == 1
    assert snapshot(issue) == before
