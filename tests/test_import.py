"""`build.py import`: authors' manuscripts made here (python-docx; an .odt read through
LibreOffice) become article files with front matter, headings, bold lead-ins, quotations,
figures and notes, punctuation cleaned to GB/T 15834 with each change listed; they build."""
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Pt
from PIL import Image

import typeset
from typeset.cli import main as cli_main
from typeset.errors import SourceError
from typeset.i18n import set_language, t
from typeset.word import manuscript
from typeset.word.manuscript import import_files

ISSUE = Path(__file__).resolve().parent.parent / "issue"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>见《中国共产党支部工作条例》第三条。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def picture(color, size=(1200, 800)) -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG", dpi=(300, 300))
    buf.seek(0)
    return buf


def make_manuscript(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("关于加强基层党建工作的思考", style="Title")
    d.add_paragraph("——以船营区为例")
    d.add_paragraph("作者：任涛")
    d.add_paragraph("全市共有 3862 个党组织,覆盖率达到 95%;使用 iPhone 和 Android 手机的党员...越来越多")
    # 一、 and 二、 from Word's automatic numbering (chineseCounting, "%1、"), not typed
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90"><w:lvl w:ilvl="0">'
                                  '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
                                  '</w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))

    numbered("存在的问题")
    d.add_paragraph("（一）组织建设")
    p = d.add_paragraph()
    p.add_run("（二）队伍建设还比较薄弱。").bold = True
    p.add_run('一些党员"四个意识"不强--这是根本')
    ref = p.add_run()
    ref._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="1"/>'))
    p.add_run("。")
    d.add_paragraph("学习是立党之本，也是为政之基。", style="Quote")
    d.add_picture(picture("red"))
    d.add_paragraph("图1 座谈会现场", style="Caption")
    numbered("对策建议")
    d.add_paragraph("要坚持问题导向（这是关键），抓好整改落实。")
    d.add_picture(picture("blue"))
    d.add_paragraph("图2 全市党员分布", style="Caption")
    d.add_paragraph("（作者为船营区委组织部干部）")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES.encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(path)
    return path


EXPECTED = """---
title: 关于加强基层党建工作的思考
subtitle: 以船营区为例
author: 任涛
note: 作者为船营区委组织部干部
---

全市共有3862个党组织，覆盖率达到95%；使用iPhone和Android手机的党员……越来越多

## 一、存在的问题

### （一）组织建设

**（二）队伍建设还比较薄弱。**一些党员“四个意识”不强——这是根本[^1]。

> 学习是立党之本，也是为政之基。

![图1　座谈会现场](../images/{key}-1.png)

## 二、对策建议

要坚持问题导向（这是关键），抓好整改落实。

![图2　全市党员分布](../images/{key}-2.png)

[^1]: 见《中国共产党支部工作条例》第三条。
"""


def odt(path: Path) -> Path:
    """A small OpenDocument text made by hand: title, author, two heading levels, a bold lead-in."""
    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
 <text:p text:style-name="Title">突出选 从严管 量才用</text:p>
 <text:p text:style-name="Standard">董洪驿</text:p>
 <text:p text:style-name="Standard">选调生是党政领导干部的重要来源。</text:p>
 <text:h text:style-name="Heading_20_1" text:outline-level="1">一、从严把握标准</text:h>
 <text:h text:style-name="Heading_20_2" text:outline-level="2">（一）坚持择优选调</text:h>
 <text:p text:style-name="Standard"><text:span text:style-name="T1">一是严格条件。</text:span>把好入口关。</text:p>
</office:text></office:body></office:document-content>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    set_language("zh")  # (made before the per-test `chinese` fixture runs)
    root = tmp_path_factory.mktemp("import")
    issue = root / "issue"
    shutil.copytree(ISSUE, issue)
    docx_file = make_manuscript(root / "ren tao 稿件.docx")
    odt_file = odt(root / "dong.odt")
    res = import_files([docx_file, odt_file], issue)
    return issue, res


def test_docx_manuscript_becomes_the_expected_article(imported):
    issue, res = imported
    a = res.articles[0]
    assert a.path == issue / "articles" / "16-ren-tao.md"
    assert a.path.read_text(encoding="utf-8") == EXPECTED.format(key="16-ren-tao")
    for n in (1, 2):
        assert (issue / "images" / f"16-ren-tao-{n}.png").is_file()
    assert a.counts == {"paragraphs": 3, "headings": 3, "quotations": 1, "figures": 2, "notes": 1}
    assert any("1 条脚注改成了注释（[^1] …）" in w for w in a.warnings)
    assert any("省略号" in f for f in a.fixes) and any("破折号" in f for f in a.fixes)
    assert any("英文直引号" in f for f in a.fixes) and any("英文标点" in f for f in a.fixes)
    assert t("import.fix_line", line=8, problem=t("lint.rule.spacing")) in a.fixes, a.fixes


def test_odt_through_libreoffice(imported):
    issue, res = imported
    a = res.articles[1]
    assert a.path == issue / "articles" / "17-dong.md"
    assert a.path.read_text(encoding="utf-8") == """---
title: 突出选 从严管 量才用
author: 董洪驿
---

选调生是党政领导干部的重要来源。

## 一、从严把握标准

### （一）坚持择优选调

**一是严格条件。**把好入口关。
"""


def test_imported_articles_build_and_lint_clean(imported, tmp_path, capsys):
    issue, _ = imported
    manifest = issue / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("articles: [articles/15-zhuxi-liufa.md]",
                        "articles: [articles/15-zhuxi-liufa.md, articles/16-ren-tao.md, articles/17-dong.md]")
    assert "16-ren-tao" in text, "the manifest's last section changed shape: adapt this test"
    manifest.write_text(text, encoding="utf-8")
    res = typeset.build(issue, tmp_path / "out", formats=("pdf",))
    assert res.articles == 28
    assert cli_main(["lint", str(issue)]) == 0


def test_cli_import_lists_changes(tmp_path, capsys):
    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    src = make_manuscript(tmp_path / "gao.docx")
    assert cli_main(["import", str(src), "--into", str(issue), "--key", "gao-haizhu"]) == 0
    out = capsys.readouterr().out
    assert "→ articles/01-gao-haizhu.md：「关于加强基层党建工作的思考」（" in out
    assert "  已改正 第 8 行：省略号写成了“...”或单个“…”" in out
    assert "  下一步：把“articles/01-gao-haizhu.md”加到 manifest.yaml 中某个栏目的 articles 下" in out
    set_language("en")  # the same report for an English reader
    assert cli_main(["import", str(src), "--into", str(issue), "--key", "gao-haizhu-en"]) == 0
    out = capsys.readouterr().out
    assert "→ articles/02-gao-haizhu-en.md: 「关于加强基层党建工作的思考」 (" in out
    assert "fixed line 8: ellipsis written" in out
    assert "next: add 'articles/02-gao-haizhu-en.md'" in out


def test_doc_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(manuscript.shutil, "which", lambda name: None)
    with pytest.raises(SourceError) as e:
        import_files([doc], tmp_path)
    assert e.value.problem == ".doc 文件要用 LibreOffice 才能读取，但本机没有安装 LibreOffice"
    assert "另存为“Word 文档 (*.docx)”" in e.value.fix
