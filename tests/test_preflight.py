"""The print preflight on small synthetic PDFs: a clean file passes, each planted fault is caught on its page."""
import os
import subprocess
import sys

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from typeset import cli
from typeset.i18n import set_language, t
from typeset.preflight import page_ranges, preflight, render, trim_preset

pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # ships with ReportLab; embedded as a subset



TRIM = (210 * mm, 285 * mm)
BLEED = 3 * mm


def make_pdf(path, pages=4, draw=None, trim=TRIM, boxes=True, bleed=BLEED):
    """A clean print PDF: CMYK text in an embedded font on every page, media = trim + 3 mm bleed.

    `draw` maps a page number to a function(canvas) adding content to that page."""
    media = (trim[0] + 2 * BLEED, trim[1] + 2 * BLEED)
    c = canvas.Canvas(str(path), pagesize=media, initialFontName="Vera", initialFontSize=10)
    for n in range(1, pages + 1):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("Vera", 10)
        c.drawString(30 * mm, 30 * mm, f"Page {n}")
        if draw and n in draw:
            draw[n](c)
        c.showPage()
    c.save()
    if boxes:
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            for page in pdf.pages:
                page.obj.TrimBox = [BLEED, BLEED, BLEED + trim[0], BLEED + trim[1]]
                page.obj.BleedBox = [BLEED - bleed, BLEED - bleed, BLEED + trim[0] + bleed, BLEED + trim[1] + bleed]
            pdf.save(path)
    return path


def image(mode, px):
    colour = {"CMYK": (0, 0, 0, 255), "RGB": (200, 30, 30)}[mode]
    return ImageReader(Image.new(mode, px if isinstance(px, tuple) else (px, px), colour))


def edit(path, fn):
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        fn(pdf)
        pdf.save(path)
    return path


def append(pdf, page_no, content: bytes, **resources):
    """Add a content stream to a page and merge resources (category -> {name: object})."""
    page = pdf.pages[page_no - 1]
    res = page.obj.Resources
    for category, items in resources.items():
        key = "/" + category
        if key not in res:
            res[key] = pikepdf.Dictionary()
        for name, obj in items.items():
            res[key]["/" + name] = obj
    page.contents_add(pikepdf.Stream(pdf, content), prepend=False)


def form(pdf, content: bytes, resources=None, matrix=None):
    f = pikepdf.Stream(pdf, content)
    f.Type, f.Subtype, f.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 500, 500]
    f.Resources = resources if resources is not None else pikepdf.Dictionary()
    if matrix:
        f.Matrix = matrix
    return pdf.make_indirect(f)


def raw_image(pdf, w, h, space="/DeviceCMYK", n=4):
    im = pikepdf.Stream(pdf, bytes(w * h * n))
    im.Type, im.Subtype, im.Width, im.Height = pikepdf.Name.XObject, pikepdf.Name.Image, w, h
    im.ColorSpace, im.BitsPerComponent = pikepdf.Name(space) if isinstance(space, str) else space, 8
    return pdf.make_indirect(im)


def pages_of(findings, key):
    """The pages of the findings whose message is the catalog's `key` (or, for a key-less text, contains it)."""
    return sorted({f.page for f in findings if f.key == key or ("." not in key and key in f.message)})


@pytest.fixture
def clean(tmp_path):
    return make_pdf(tmp_path / "clean.pdf", draw={2: lambda c: c.drawImage(image("CMYK", 300), 50, 50, inch, inch)})


# ------------------------------------------------------------------------------------------------ clean file

def test_clean_print_pdf_passes(clean):
    r = preflight(clean)
    assert r.passed and r.failures == 0 and r.warnings == 0, render(r)
    assert r.pages == 4
    assert r.trim_name == "大16开"
    assert r.trim_mm == pytest.approx((210, 285), abs=0.01)
    assert [f.type for f in r.fonts] == ["TrueType"] and r.fonts[0].embedded and r.fonts[0].subset
    assert r.fonts[0].pages == {1, 2, 3, 4}
    assert set(r.colour_spaces) == {"DeviceCMYK"}
    [im] = r.images
    assert (im.page, im.width, im.height, im.colour_space) == (2, 300, 300, "DeviceCMYK")
    assert im.dpi == pytest.approx((300, 300))
    text = render(r)
    assert text.splitlines()[0] == "印前检查：clean.pdf | 共 4 页 | 成品尺寸：210.0 × 285.0 mm（大16开）"
    assert text.splitlines()[-1] == "通过"
    set_language("en")  # findings are worded as they are found: check again in English
    text = render(preflight(clean))
    assert text.splitlines()[0] == "Preflight (print): clean.pdf | 4 pages | trim: 210.0 × 285.0 mm (大16开)"
    assert text.splitlines()[-1] == "PASS"


# ---------------------------------------------------------------------------------------------- pages, boxes

def test_page_count_must_be_multiple_of_4_except_on_screen(tmp_path):
    path = make_pdf(tmp_path / "three.pdf", pages=3)
    r = preflight(path)
    assert [f.message for f in r.fails()] == ["共 3 页，不是 4 的倍数，无法骑马订（需补 1 个空白页，凑成 4 页）"]
    assert [f.key for f in r.fails()] == ["preflight.pages.not_multiple"]
    assert preflight(path, screen=True).passed


@pytest.mark.parametrize("size,name", [((210, 297), "A4"), ((185, 260), "16开"), ((210.4, 284.6), "大16开"),
                                       ((297, 210), "A4（横放）"), ((200, 280), None), ((211, 285), None)])
def test_trim_presets(size, name):
    assert trim_preset(*size) == name


def test_missing_trim_and_bleed_fail_in_print_only(tmp_path):
    path = make_pdf(tmp_path / "nobox.pdf", boxes=False)
    r = preflight(path)
    assert pages_of(r.fails("Boxes"), "preflight.boxes.trim_missing") == [1, 2, 3, 4]
    assert pages_of(r.fails("Boxes"), "preflight.boxes.bleed_missing") == [1, 2, 3, 4]
    assert r.trim_mm is None and r.trim.startswith("无")
    assert r.failures == 2  # one problem each, however many pages
    assert preflight(path, screen=True).passed


def test_trimbox_differing_on_one_page(tmp_path):
    def shrink(pdf):
        pdf.pages[2].obj.TrimBox = [BLEED, BLEED, BLEED + 185 * mm, BLEED + 260 * mm]
        pdf.pages[2].obj.BleedBox = [0, 0, 2 * BLEED + 185 * mm, 2 * BLEED + 260 * mm]
    r = preflight(edit(make_pdf(tmp_path / "mixed.pdf"), shrink))
    [f] = r.fails()
    assert f.page == 3 and f.key == "preflight.boxes.trim_differs" and "185.0 × 260.0 mm" in f.message
    assert "与第 1 页的 210.0 × 285.0 mm 不一致" in f.message
    assert r.trim_mm is None and r.trim == t("preflight.boxes.trim_mixed")


def test_bleed_must_be_3mm_and_inside_mediabox(tmp_path):
    r = preflight(make_pdf(tmp_path / "bleed2.pdf", bleed=2 * mm))
    assert pages_of(r.fails("Boxes"), "preflight.boxes.bleed_wrong") == [1, 2, 3, 4]
    assert r.fails()[0].message == "出血为左 2.0、下 2.0、右 2.0、上 2.0 mm，四边都应为 3 mm"
    r = preflight(make_pdf(tmp_path / "bleed5.pdf", bleed=5 * mm))
    assert pages_of(r.fails("Boxes"), "preflight.boxes.bleed_outside_media") == [1, 2, 3, 4]
    assert preflight(make_pdf(tmp_path / "bleed3.pdf", bleed=2.95 * mm)).passed  # within ±0.1 mm
    assert not preflight(make_pdf(tmp_path / "bleed3.pdf", bleed=2.85 * mm)).passed


# ------------------------------------------------------------------------------------------------------ fonts

def test_unembedded_base14_font_fails_on_its_page(tmp_path):
    def helvetica(c):
        c.setFont("Helvetica", 9)
        c.drawString(40 * mm, 40 * mm, "base 14")
    r = preflight(make_pdf(tmp_path / "helv.pdf", draw={2: helvetica}))
    [f] = r.fails()
    assert f.section == "Fonts" and f.page == 2 and "Helvetica" in f.message and f.key == "preflight.fonts.not_embedded_base14"
    helv = next(f for f in r.fonts if f.name == "Helvetica")
    assert (helv.type, helv.embedded, helv.subset, helv.pages) == ("Type 1", False, False, {2})
    assert "Helvetica                                Type 1           WinAnsiEncoding  否   否   否" in render(r)


def test_font_selected_but_never_shown_is_not_used(tmp_path):
    """ReportLab selects its initial font on every page; a RIP never loads a font that shows no glyph."""
    path = tmp_path / "initial.pdf"
    make_pdf(path, draw={1: lambda c: c.setFont("Helvetica", 9)})
    assert preflight(path).passed


def test_font_in_annotation_appearance(tmp_path):
    def annotate(pdf):
        helv = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        ap = form(pdf, b"BT /Helv 9 Tf 0 g 2 2 Td (x) Tj ET 1 0 0 rg 0 0 5 5 re f",
                  pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=helv)))
        annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FreeText, Rect=[100, 100, 200, 150],
                                   AP=pikepdf.Dictionary(N=ap))
        pdf.pages[3].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
    r = preflight(edit(make_pdf(tmp_path / "annot.pdf"), annotate))
    assert pages_of(r.fails("Fonts"), "Helvetica") == [4]
    assert pages_of(r.fails("Colour"), "批注 1（FreeText）的外观 /N") == [4]


# ----------------------------------------------------------------------------------------------------- colour

def test_rgb_fill_operator_fails_on_its_page_but_not_on_screen(tmp_path):
    def red(c):
        c.setFillColorRGB(1, 0, 0)
        c.rect(10, 10, 20, 20, fill=1, stroke=0)
    path = make_pdf(tmp_path / "rg.pdf", draw={2: red})
    r = preflight(path)
    [f] = r.fails()
    assert (f.section, f.page) == ("Colour", 2) and "由“rg”设置的填充色" in f.message
    s = preflight(path, screen=True)
    assert s.passed and s.colour_spaces["DeviceRGB"] == {2}


def test_rgb_and_cmyk_images(tmp_path):
    path = make_pdf(tmp_path / "img.pdf", draw={
        1: lambda c: c.drawImage(image("CMYK", 300), 50, 50, inch, inch),
        3: lambda c: c.drawImage(image("RGB", 300), 50, 50, inch, inch)})
    r = preflight(path)
    assert [(f.section, f.page) for f in r.fails()] == [("Colour", 3)]
    assert [im.colour_space for im in r.images] == ["DeviceCMYK", "DeviceRGB"]
    assert preflight(path, screen=True).passed


def test_rgb_inline_image(tmp_path):
    r = preflight(make_pdf(tmp_path / "inline.pdf",
                           draw={4: lambda c: c.drawInlineImage(Image.new("RGB", (30, 30)), 10, 10, 72, 72)}))
    assert [(f.section, f.page) for f in r.fails()] == [("Colour", 4), ("Images", 4)]  # RGB, and 30 dpi
    assert "（内嵌图像）" in r.fails()[0].message
    [im] = r.images
    assert (im.colour_space, im.dpi) == ("DeviceRGB", pytest.approx((30, 30)))


def test_rgb_colour_space_in_nested_form(tmp_path):
    def plant(pdf):
        icc = pdf.make_indirect(pikepdf.Stream(pdf, bytes(128), N=3))
        inner = form(pdf, b"/CS0 cs 1 0 0 sc 0 0 10 10 re f",
                     pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(CS0=pikepdf.Array([pikepdf.Name.ICCBased, icc]))))
        outer = form(pdf, b"q /Inner Do Q", pikepdf.Dictionary(XObject=pikepdf.Dictionary(Inner=inner)))
        append(pdf, 2, b"q /Outer Do Q", XObject={"Outer": outer})
    r = preflight(edit(make_pdf(tmp_path / "nested.pdf"), plant))
    [f] = r.fails()
    assert (f.section, f.page) == ("Colour", 2)
    assert "ICCBased RGB" in f.message and "表单 /Outer > 表单 /Inner" in f.message


def test_rg_in_tiling_pattern(tmp_path):
    def plant(pdf):
        pat = pikepdf.Stream(pdf, b"1 0 0 rg 0 0 5 5 re f", PatternType=1, PaintType=1, TilingType=1,
                             BBox=[0, 0, 10, 10], XStep=10, YStep=10, Resources=pikepdf.Dictionary())
        append(pdf, 3, b"/Pattern cs /P0 scn 0 0 100 100 re f", Pattern={"P0": pdf.make_indirect(pat)})
    r = preflight(edit(make_pdf(tmp_path / "pattern.pdf"), plant))
    [f] = r.fails()
    assert f.page == 3 and "平铺图案 /P0" in f.message


@pytest.mark.parametrize("alternate,fails", [("/DeviceRGB", True), ("/DeviceCMYK", False)])
def test_separation_alternate(tmp_path, alternate, fails):
    def plant(pdf):
        fn = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], N=1, C0=[0, 0, 0] if alternate == "/DeviceRGB"
                                else [0, 0, 0, 0], C1=[1, 0, 0] if alternate == "/DeviceRGB" else [0, 1, 1, 0])
        sep = pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"), pikepdf.Name(alternate), fn])
        append(pdf, 1, b"/Spot cs 1 sc 0 0 10 10 re f", ColorSpace={"Spot": sep})
    r = preflight(edit(make_pdf(tmp_path / "sep.pdf"), plant))
    assert [f.page for f in r.fails()] == ([1] if fails else [])
    assert f"Separation PANTONE 185 C（替代色彩空间 {alternate[1:]}）" in r.colour_spaces


N = pikepdf.Name
SPACES = [  # (colour space, label reported, fails in print)
    (lambda pdf: pikepdf.Array([N.CalRGB, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]), "CalRGB", True),
    (lambda pdf: pikepdf.Array([N.Indexed, N.DeviceRGB, 0, pikepdf.String(b"\xff\x00\x00")]),
     "Indexed DeviceRGB", True),
    (lambda pdf: pikepdf.Array([N.DeviceN, [N.Cyan, N.Orange], N.DeviceRGB, pikepdf.Dictionary()]),
     "DeviceN Cyan, Orange (alternate DeviceRGB)", True),
    (lambda pdf: pikepdf.Array([N.Indexed, N.DeviceCMYK, 0, pikepdf.String(b"\x00\x00\x00\xff")]),
     "Indexed DeviceCMYK", False),
    (lambda pdf: pikepdf.Array([N.Lab, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]), "Lab", False),
    (lambda pdf: pikepdf.Array([N.ICCBased, pdf.make_indirect(pikepdf.Stream(pdf, bytes(128), N=4))]),
     "ICCBased CMYK", False),
]


@pytest.mark.parametrize("make,label,fails", SPACES, ids=[s[1] for s in SPACES])
def test_colour_space_families(tmp_path, make, label, fails):
    r = preflight(edit(make_pdf(tmp_path / "cs.pdf"),
                       lambda pdf: append(pdf, 3, b"/X cs 0 sc 0 0 10 10 re f", ColorSpace={"X": make(pdf)})))
    label = {"DeviceN Cyan, Orange (alternate DeviceRGB)":
             t("preflight.colour.devicen", names="Cyan, Orange", alt="DeviceRGB")}.get(label, label)
    assert r.colour_spaces[label] == {3}
    assert [f.page for f in r.fails("Colour")] == ([3] if fails else [])


def test_rich_black_text_warns(tmp_path):
    def rich(c):
        c.setFillColorCMYK(0.6, 0.4, 0.4, 1)
        c.drawString(40 * mm, 60 * mm, "rich")
        c.rect(10, 10, 50, 50, fill=1, stroke=0)  # a rich black area is fine: only text warns
    r = preflight(make_pdf(tmp_path / "rich.pdf", draw={3: rich}))
    assert r.passed and r.warnings == 1
    [w] = r.warns()
    assert (w.section, w.page) == ("Colour", 3) and "C 60 M 40 Y 40 K 100" in w.message
    assert render(r).splitlines()[-1] == "通过（1 项警告）"


# ----------------------------------------------------------------------------------------------------- images

@pytest.mark.parametrize("px,level", [(300, None), (200, "warn"), ((300, 149), "fail"), (100, "fail")])
def test_image_resolution_levels(tmp_path, px, level):
    r = preflight(make_pdf(tmp_path / "dpi.pdf", draw={2: lambda c: c.drawImage(image("CMYK", px), 50, 50, inch, inch)}))
    [im] = r.images
    w, h = px if isinstance(px, tuple) else (px, px)
    assert im.dpi == pytest.approx((w, h))
    found = [(f.level, f.page) for f in r.findings if f.section == "Images" and f.level != "ok"]
    assert found == ([] if level is None else [(level, 2)])


def test_image_dpi_through_q_cm_and_form_matrix(tmp_path):
    """150 px drawn at 144 pt (cm) inside a form scaled by 0.5 lands on 1 in: 150 dpi, a warning not a fail.
    The same image after Q at the page's own 72 pt lands on 1 in as well; an unrestored cm would give 300 dpi."""
    def plant(pdf):
        im = raw_image(pdf, 150, 150)
        f = form(pdf, b"q 144 0 0 144 0 0 cm /Im Do Q", pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im=im)),
                 matrix=[0.5, 0, 0, 0.5, 10, 10])
        append(pdf, 1, b"q 0.5 0 0 0.5 0 0 cm Q q /Fm Do Q q 72 0 0 72 300 300 cm /Im Do Q",
               XObject={"Fm": f, "Im": im})
    r = preflight(edit(make_pdf(tmp_path / "ctm.pdf"), plant))
    assert [im.dpi for im in r.images] == [pytest.approx((150, 150)), pytest.approx((150, 150))]
    assert [im.where for im in r.images] == ["表单 /Fm", "页面内容"]
    assert r.passed and {f.page for f in r.warns("Images")} == {1}


def test_rotated_image_dpi_along_its_own_axes(tmp_path):
    def plant(pdf):
        append(pdf, 1, b"q 0 72 -36 0 200 200 cm /Im Do Q", XObject={"Im": raw_image(pdf, 300, 150)})
    [im] = preflight(edit(make_pdf(tmp_path / "rot.pdf"), plant)).images
    assert im.dpi == pytest.approx((300, 300))


# --------------------------------------------------------------------------------------------------- document

def icc(pdf, n, header: bytes):
    return pdf.make_indirect(pikepdf.Stream(pdf, bytes(16) + header + bytes(108), N=n))


def add_intent(path, n, header, s="/GTS_PDFX"):
    def plant(pdf):
        oi = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name(s),
                                OutputConditionIdentifier="FOGRA39", DestOutputProfile=icc(pdf, n, header))
        pdf.Root.OutputIntents = pikepdf.Array([oi])
    return edit(path, plant)


def test_cmyk_output_intent_passes(clean):
    r = preflight(add_intent(clean, 4, b"CMYK"))
    assert r.passed
    assert any("OutputIntent 1：GTS_PDFX，FOGRA39，ICC 特性文件 N=4（CMYK）" == f.message for f in r.findings)


def test_rgb_output_intent_fails_in_print(clean):
    add_intent(clean, 3, b"RGB ")
    [f] = preflight(clean).fails()
    assert f.section == "Document" and "N=4" in f.message
    assert preflight(clean, screen=True).passed


def test_profile_header_contradicting_n_fails_even_on_screen(clean):
    add_intent(clean, 4, b"RGB ")
    assert [f.section for f in preflight(clean, screen=True).fails()] == ["Document"]


def test_pdfx_claim_without_intent_fails(clean):
    edit(clean, lambda pdf: pdf.trailer.Info.__setitem__("/GTS_PDFXVersion", "PDF/X-1:2001"))
    r = preflight(clean)
    assert any(f.key == "preflight.document.pdfx_no_intent" for f in r.fails("Document"))


# ---------------------------------------------------------------------------------------------- report, CLI

def test_page_ranges():
    assert page_ranges([5, 1, 2, 3, 9, 10]) == "1-3, 5, 9-10"


def test_cli_exit_codes(clean, tmp_path, capsys):
    assert cli.main(["check", str(clean)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("\n通过")
    bad = make_pdf(tmp_path / "bad.pdf", pages=6)
    assert cli.main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.rstrip().endswith("未通过（1 项错误，0 项警告）") and "共 6 页" in out
    assert cli.main(["check", str(bad), "--screen"]) == 0
    capsys.readouterr()
    assert cli.main(["check", str(tmp_path / "missing.pdf")]) == 2
    assert "错误：" in capsys.readouterr().err
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf at all\n")
    assert cli.main(["check", str(junk)]) == 2


def test_cli_as_a_process(clean):
    """The same command a printer's person runs, through a real process and exit status."""
    done = subprocess.run([sys.executable, "-m", "typeset.cli", "check", str(clean)], capture_output=True, text=True,
                          env={**os.environ, "TYPESET_LANG": "zh"})
    assert done.returncode == 0 and done.stdout.rstrip().endswith(t("preflight.verdict.pass"))
