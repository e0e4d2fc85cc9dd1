"""Issue 5 on the built print PDF: boxes, bleed, stitching, colour, reproducibility, editions."""
import hashlib
import shutil
import subprocess

import pikepdf
import pymupdf
import pytest

import typeset
from typeset.pdf.edition import BLEED_MM, SLUG_MM
from typeset.preflight import preflight
from typeset.style import MM, TRIM_SIZES, geometry

from conftest import ISSUE
from util import trim_origin

TRIM = TRIM_SIZES["大16开"]


def _mm(v):
    return round(v / MM, 2)


def test_every_page_has_trim_and_3mm_bleed(built):
    with pikepdf.open(built[1]) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert (_mm(trim[2] - trim[0]), _mm(trim[3] - trim[1])) == TRIM, n
            assert [_mm(t - b) for t, b in zip(trim[:2], bleed[:2])] == [BLEED_MM] * 2, n
            assert [_mm(b - t) for t, b in zip(trim[2:], bleed[2:])] == [BLEED_MM] * 2, n
            assert bleed[0] >= media[0] and bleed[3] <= media[3]


def test_page_count_is_a_multiple_of_4(built):
    assert len(pymupdf.open(built[1])) % 4 == 0


def test_print_edition_passes_preflight(built):
    report = preflight(built[1])
    assert report.passed, [f.message for f in report.fails()]
    assert report.warnings == 0, [f.message for f in report.warns()]


def test_preflight_catches_a_planted_rgb_colour(built, tmp_path):
    bad = tmp_path / "planted.pdf"
    with pikepdf.open(built[1]) as pdf:
        page = pdf.pages[20]
        page.contents_add(pdf.make_stream(b"q 1 0 0 rg 100 100 20 20 re f Q"), prepend=False)
        pdf.save(bad)
    report = preflight(bad)
    assert not report.passed
    assert any(f.page == 21 for f in report.fails())


def test_cover_picture_runs_into_the_bleed(built):
    """The cover picture touches the trim on three sides, so it is drawn out to the bleed edge,
    converted to CMYK, at no less than 300 dpi."""
    page = pymupdf.open(built[1])[0]
    (info,) = page.get_image_info(xrefs=True)
    box, bleed = pymupdf.Rect(info["bbox"]), page.bleedbox
    assert abs(box.x0 - bleed.x0) < 0.1 and abs(box.x1 - bleed.x1) < 0.1 and abs(box.y0 - bleed.y0) < 0.1
    assert info["colorspace"] == 4  # CMYK
    assert info["width"] / (box.width / 72) >= 299


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
def test_qpdf_check_is_clean(built):
    out = subprocess.run(["qpdf", "--check", str(built[1])], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "No syntax or stream encoding errors" in out.stdout


def test_metadata(built):
    doc = pymupdf.open(built[1])
    meta = doc.metadata
    assert meta["title"] == "研究与交流 2018年第4期"
    assert meta["author"] == "中共吉林市委组织部"
    assert meta["subject"] and meta["keywords"]
    with pikepdf.open(built[1]) as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"


def test_two_builds_are_byte_identical(tmp_path, built):
    res = typeset.build(ISSUE, tmp_path, ("pdf",))
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()
    assert digest(res.written[0]) == digest(built[1])


def test_screen_edition_and_marks(tmp_path):
    res = typeset.build(ISSUE, tmp_path, ("pdf",), screen=True, marks=True)
    print_pdf, screen_pdf = res.written
    assert screen_pdf.name.endswith("-screen.pdf")
    screen = preflight(screen_pdf, screen=True)
    assert screen.passed
    with pikepdf.open(screen_pdf) as pdf:
        media = [float(v) for v in pdf.pages[0].obj.MediaBox]
        assert (_mm(media[2] - media[0]), _mm(media[3] - media[1])) == TRIM  # cut to the trim
        assert len(pdf.pages) == res.pages - res.padding
        content = pdf.pages[10].obj.Contents.read_bytes()
        assert b" rg" in content and b" k" not in content  # RGB for the screen
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.obj.MediaBox]
        assert _mm(media[2] - media[0]) == pytest.approx(TRIM[0] + 2 * (BLEED_MM + SLUG_MM), abs=0.05)
    assert preflight(print_pdf).passed


def test_padding_adds_a_house_page(issue_copy, tmp_path):
    """An issue whose pages are not a multiple of 4 is padded, first with the house page."""
    manifest = issue_copy / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("      - articles/02-gaoceng-5.md\n", ""), encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    doc = pymupdf.open(res.written[0])
    assert len(doc) % 4 == 0
    if res.padding:
        assert "本刊欢迎投稿" in doc[len(doc) - 1].get_text()  # the back page
    else:  # removing one item did not change the page count: the test must still see padding
        pytest.fail(f"expected padding; the issue has {len(doc)} pages")


def test_pdfx_output_intent(built):
    """The bundled manifest asks for PDF/X-4: a CMYK output intent with the bundled profile."""
    with pikepdf.open(built[1]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4 and profile.read_bytes()[16:20] == b"CMYK"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert pdf.pdf_version >= "1.6"
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
        assert "研究与交流 2018年第4期" in xmp


def _article_with_figure(issue_copy, size, width=""):
    from PIL import Image, ImageDraw
    img = Image.new("RGB", size, (200, 60, 40))
    ImageDraw.Draw(img).ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(30, 90, 200))
    (issue_copy / "images").mkdir(exist_ok=True)
    img.save(issue_copy / "images" / "fig.png")
    art = issue_copy / "articles" / "04-zhang-jinghui.md"
    lines = art.read_text(encoding="utf-8").split("\n")
    at = next(i for i, l in enumerate(lines) if i > 8 and l.strip() and not l.startswith(("#", "---")))
    lines[at + 1:at + 1] = ["", f"![图1　县域经济示意图](../images/fig.png{width})", ""]
    art.write_text("\n".join(lines), encoding="utf-8")
    return art, at + 3  # the figure's line, 1-based


def test_figure_is_placed_in_cmyk_with_its_caption(issue_copy, tmp_path):
    _article_with_figure(issue_copy, (1100, 700))  # 231 pt column → 343 dpi
    res = typeset.build(issue_copy, tmp_path, ("pdf", "docx"))
    report = preflight(res.written[0])
    assert report.passed, [f.message for f in report.fails()]
    doc = pymupdf.open(res.written[0])
    hits = [(n, img) for n, page in enumerate(doc) for img in page.get_images(full=True) if img[2] == 1100]
    assert hits, "the figure is not in the PDF"
    n, img = hits[0]
    assert img[5] == "DeviceCMYK"
    assert "县域经济示意图" in doc[n].get_text()

    import docx
    from docx.shared import Pt
    word = docx.Document(next(p for p in res.written if p.suffix == ".docx"))
    widths = sorted(round(shape.width / Pt(1)) for shape in word.inline_shapes)
    assert widths == [231, 483]  # the figure at column width, the cover picture at the type area's
    assert any(p.text == "图1　县域经济示意图" and p.style.name.lower() == "caption" for p in word.paragraphs)


def test_low_resolution_figure_is_an_error_with_its_line(issue_copy, tmp_path):
    art, line = _article_with_figure(issue_copy, (200, 130))  # 62 dpi at column width
    with pytest.raises(typeset.SourceError) as e:
        typeset.build(issue_copy, tmp_path, ("pdf",))
    assert str(art.name) in str(e.value) and f":{line}：" in str(e.value) and "dpi" in str(e.value)
    assert not list(tmp_path.glob("*.pdf"))  # nothing written


def test_page_wide_figure_spans_both_columns_at_a_page_top(issue_copy, tmp_path):
    _article_with_figure(issue_copy, (2200, 1000), width=' "page"')  # 483 pt wide → 328 dpi
    res = typeset.build(issue_copy, tmp_path, ("pdf", "docx"))
    assert preflight(res.written[0]).passed
    doc = pymupdf.open(res.written[0])
    g = geometry()
    (n, info), = [(n, i) for n, p in enumerate(doc) for i in p.get_image_info() if i["width"] == 2200]
    page = doc[n]
    dx, y0 = trim_origin(page)
    box = pymupdf.Rect(info["bbox"])
    assert abs(box.width - g.text_width) < 0.5 and abs(box.x0 - dx - g.left(n + 1)) < 0.5
    assert abs((y0 - box.y0) - g.top) < 0.5  # at the top of the type area of the next page
    import docx
    from docx.shared import Pt
    word = docx.Document(res.written[1])
    assert sorted(round(s.width / Pt(1)) for s in word.inline_shapes) == [483, 483]


def test_marks_stand_outside_the_bleed(tmp_path):
    res = typeset.build(ISSUE, tmp_path, ("pdf",), marks=True)
    page = pymupdf.open(res.written[0])[5]
    bleed = page.bleedbox
    marks = [d["rect"] for d in page.get_drawings() if d.get("width") and abs(d["width"] - 0.25) < 0.01]
    assert len(marks) >= 8 + 4  # four corners × two crop marks, and the four registration targets
    for r in marks:  # each entirely outside the BleedBox
        assert r.x1 <= bleed.x0 + 0.01 or r.x0 >= bleed.x1 - 0.01 or r.y1 <= bleed.y0 + 0.01 or r.y0 >= bleed.y1 - 0.01, r


def test_docx_is_reproducible_too(tmp_path, built):
    """Zip members carry the issue's date, not the build's, so the DOCX bytes repeat as well."""
    res = typeset.build(ISSUE, tmp_path, ("docx",))
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()
    assert digest(res.written[0]) == digest(built[2])


@pytest.mark.parametrize("size,width", [((1000, 3000), ""), ((2000, 6000), ' "page"')])
def test_tall_figures_are_set_smaller_to_fit(issue_copy, tmp_path, size, width):
    """A portrait picture taller than a column (or a page) is scaled down, never run off the page."""
    _article_with_figure(issue_copy, size, width)
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    assert preflight(res.written[0]).passed
    doc = pymupdf.open(res.written[0])
    g = geometry()
    (n, info), = [(n, i) for n, p in enumerate(doc) for i in p.get_image_info() if i["width"] == size[0]]
    dx, y0 = trim_origin(doc[n])
    box = pymupdf.Rect(info["bbox"])
    bottom = g.top - g.lines * 17.0
    assert y0 - box.y0 <= g.top + 0.5 and y0 - box.y1 >= bottom - 0.5, (box, n)
    assert "县域经济示意图" in doc[n].get_text()  # the caption stays with it


def test_page_wide_figure_in_the_one_column_lead_stays_in_its_page(issue_copy, tmp_path):
    art = issue_copy / "articles" / "01-juanshouyu.md"
    from PIL import Image
    (issue_copy / "images").mkdir(exist_ok=True)
    Image.new("RGB", (2100, 600), (30, 90, 200)).save(issue_copy / "images" / "lead.png")
    text = art.read_text(encoding="utf-8")
    at = text.index("\n\n", text.index("---", 3) + 3) + 2
    art.write_text(text[:at] + '![](../images/lead.png "page")\n\n' + text[at:], encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    doc = pymupdf.open(res.written[0])
    assert any(i["width"] == 2100 for i in doc[4].get_image_info())  # on the 卷首语's own page
    assert "立起年轻干部好样子" in doc[4].get_text()


def test_docx_never_has_two_section_breaks_in_one_paragraph(issue_copy, tmp_path):
    """Page-wide figures first, last and side by side: every paragraph holds one w:sectPr at most."""
    from PIL import Image
    from docx.oxml.ns import qn
    import docx
    (issue_copy / "images").mkdir(exist_ok=True)
    Image.new("RGB", (2100, 700), (30, 90, 200)).save(issue_copy / "images" / "w.png")
    art = issue_copy / "articles" / "13-yu-weidong.md"
    text = art.read_text(encoding="utf-8")
    head_end = text.index("\n---", 3) + 4
    fig = '\n\n![](../images/w.png "page")\n\n'
    art.write_text(text[:head_end] + fig + fig + text[head_end:].rstrip() + fig, encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("docx",))
    body = docx.Document(res.written[0]).element.body
    for p in body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        assert ppr is None or len(ppr.findall(qn("w:sectPr"))) <= 1


@pytest.mark.parametrize("trim", ["16开", "A4"])
def test_other_trims_build_print_ready_with_margins(issue_copy, tmp_path, trim):
    m = issue_copy / "manifest.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("  trim: 大16开", f"  trim: {trim}"), encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    report = preflight(res.written[0])
    assert report.passed and report.trim_name == trim
    g = geometry(trim)
    assert g.left_recto >= 15 * MM and TRIM_SIZES[trim][0] * MM - g.left_recto - g.text_width >= 15 * MM


def test_preflight_fails_a_link_on_the_printed_area_of_a_pdfx_file(built, tmp_path):
    bad = tmp_path / "linked.pdf"
    with pikepdf.open(built[1]) as pdf:
        page = pdf.pages[3]
        link = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                                    Rect=[100, 100, 200, 120], Border=[0, 0, 0]))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([link]))
        pdf.save(bad)
    report = preflight(bad)
    assert not report.passed and any(f.page == 4 and "Link" in f.message for f in report.fails())


def test_pdfx_dates_and_ids_come_from_the_issue(built):
    with pikepdf.open(built[1]) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:201808")
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "<xmp:CreateDate>2018-08-01T00:00:00+08:00</xmp:CreateDate>" in xmp
        assert "uuid:00000000-0000" not in xmp and "<pdf:Keywords>" in xmp and "<dc:description>" in xmp


def test_board_fits_a_narrow_trim(issue_copy, tmp_path):
    m = issue_copy / "manifest.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("  trim: 大16开", "  trim: 16开"), encoding="utf-8")
    res = typeset.build(issue_copy, tmp_path, ("pdf",))
    page = pymupdf.open(res.written[0])[2]
    dx, _ = trim_origin(page)
    g = geometry("16开")
    right = max(b["bbox"][2] for b in page.get_text("dict")["blocks"]) - dx
    assert right <= g.left(3) + g.text_width + 0.5


def test_title_with_an_unbreakable_word_is_an_error(issue_copy, tmp_path):
    art = issue_copy / "articles" / "10-dong-hongyi.md"
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace("title: ", "title: 关于" + "A" * 40 + "的思考", 1).replace("的思考突出", "突出", 1),
                   encoding="utf-8")
    with pytest.raises(typeset.SourceError) as e:
        typeset.build(issue_copy, tmp_path / "out", ("pdf",))
    assert e.value.path == art and "比栏宽还宽" in str(e.value)
