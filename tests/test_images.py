"""Images: refused with the referencing file and line when bad; converted to the bundled FOGRA39 CMYK
profile (gray to the black plate); effective resolution checked; Figures and the cover read from the sources."""
import io
import os
import runpy
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from typeset import images
from typeset.errors import SourceError, SourceErrors
from typeset.i18n import t
from typeset.model import Figure, Paragraph
from typeset.read.manifest import load_issue

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "articles/03-gao-haizhu.md"
MM = 72 / 25.4


@pytest.fixture(autouse=True)
def fresh_cache():
    images.clear_cache()
    yield
    images.clear_cache()


def png(path: Path, mode="RGB", size=(64, 48), color=(200, 30, 40), **save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, color).save(path, **save)
    return path


def rgb_strip(path: Path, colours) -> Path:
    im = Image.new("RGB", (len(colours), 1))
    for x, c in enumerate(colours):
        im.putpixel((x, 0), c)
    im.save(path)
    return path


def pct(cmyk):
    return tuple(round(v / 2.55) for v in cmyk)


def line_of(path, needle):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def add_figure(issue_dir: Path, markdown: str, article=ARTICLE) -> tuple[Path, int]:
    """Append an image paragraph to an article; return the article and the line it stands on."""
    a = issue_dir / article
    text = a.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + markdown + "\n"
    a.write_text(text, encoding="utf-8")
    return a, text.count("\n")


def load_error(issue_dir) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_issue(issue_dir)
    return info.value


# --- colour conversion ---------------------------------------------------------------------------

def test_profile_is_a_cmyk_output_profile():
    data = images.output_profile()
    assert data[12:16] == b"prtr" and data[16:20] == b"CMYK" and data[20:24] == b"Lab "
    assert len(data) < 1_000_000
    assert "FOGRA39" in ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(images.PROFILE_PATH)))
    assert (images.PROFILE_PATH.parent / "LICENSE.txt").read_text().count("zlib/libpng License") == 1


def test_rgb_to_cmyk_with_the_bundled_profile(tmp_path):
    colours = [(255, 255, 255), (0, 0, 0), (237, 28, 36), (128, 128, 128)]
    p = images.prepare(rgb_strip(tmp_path / "c.png", colours))
    assert p.mode == "CMYK" and p.size == (4, 1)
    white, black, red, grey = (pct(p.image.getpixel((x, 0))) for x in range(4))
    assert white == (0, 0, 0, 0)  # paper: no ink
    assert black[3] >= 90 and sum(black) <= 300  # rich black within the profile's 300 % ink limit
    assert red[0] <= 5 and red[1] >= 85 and red[2] >= 85
    assert 30 <= grey[3] <= 70 and max(grey[:3]) - min(grey[:3]) <= 8  # neutral: balanced CMY + K
    # exactly what LittleCMS gives with the bundled profile, relative colorimetric + black point compensation
    t = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(images.PROFILE_PATH)),
                                "RGB", "CMYK", renderingIntent=images.INTENT, flags=images.BPC or 0)
    direct = ImageCms.applyTransform(Image.open(tmp_path / "c.png").convert("RGB"), t)
    assert p.image.tobytes() == direct.tobytes()


def test_uses_relative_colorimetric_with_black_point_compensation():
    # Pillow >= 10 has the flag; the perceptual fallback is only for a Pillow without it
    assert images.BPC is not None and images.INTENT == 1


def test_cmyk_input_untagged_kept_tagged_converted_mismatched_refused(tmp_path):
    src = Image.new("CMYK", (2, 1), (10, 200, 150, 30))
    src.save(tmp_path / "plain.tif")
    assert images.prepare(tmp_path / "plain.tif").image.tobytes() == src.tobytes()
    src.save(tmp_path / "tagged.tif", icc_profile=images.output_profile())
    out = images.prepare(tmp_path / "tagged.tif").image.getpixel((0, 0))
    assert out == (10, 200, 150, 30)  # same press condition: passed through, black plate kept
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src.save(tmp_path / "wrong.tif", icc_profile=srgb)
    with pytest.raises(SourceError) as info:
        images.prepare(tmp_path / "wrong.tif", tmp_path / "a.md", 7)
    assert info.value.path == tmp_path / "a.md" and info.value.line == 7 and "色彩配置文件" in info.value.problem


def test_grayscale_stays_gray_on_the_black_plate(tmp_path):
    ramp = Image.new("L", (256, 1))
    ramp.putdata(list(range(256)))
    ramp.save(tmp_path / "g.png")
    p = images.prepare(tmp_path / "g.png")
    assert p.mode == "L"
    v = list(p.image.tobytes())
    assert v[0] == 0 and v[255] == 255 and all(a <= b for a, b in zip(v, v[1:]))
    # K dot gain on the press: a mid grey needs more than 50 % K to print as light as it looks on screen
    assert v[128] < 118
    bilevel = images.prepare(png(tmp_path / "b.png", "1", color=0))
    assert bilevel.mode == "L" and bilevel.image.getpixel((0, 0)) == 0
    deep = Image.new("I;16", (3, 1))
    for x, value in enumerate((0, 128 * 257, 65535)):
        deep.putpixel((x, 0), value)
    deep.save(tmp_path / "16.png")
    assert list(images.prepare(tmp_path / "16.png").image.tobytes()) == [0, v[128], 255]  # scaled, not clipped


def test_alpha_flattened_on_white(tmp_path):
    im = Image.new("RGBA", (3, 1))
    im.putdata([(237, 28, 36, 0), (237, 28, 36, 255), (0, 0, 0, 128)])
    im.save(tmp_path / "a.png")
    p = images.prepare(tmp_path / "a.png")
    clear, red, half = (pct(p.image.getpixel((x, 0))) for x in range(3))
    assert p.mode == "CMYK" and clear == (0, 0, 0, 0) and red[1] >= 85
    assert 25 <= half[3] <= 75  # half-transparent black over paper: a mid grey
    la = Image.new("LA", (2, 1))
    la.putdata([(0, 0), (0, 255)])
    la.save(tmp_path / "la.png")
    g = images.prepare(tmp_path / "la.png")
    assert g.mode == "L" and g.image.getpixel((0, 0)) == 255 and g.image.getpixel((1, 0)) == 0
    pal = Image.new("P", (2, 1))
    pal.putpalette([255, 0, 0, 0, 0, 255])
    pal.putdata([0, 1])
    pal.save(tmp_path / "p.png", transparency=0)
    q = images.prepare(tmp_path / "p.png")
    assert pct(q.image.getpixel((0, 0))) == (0, 0, 0, 0) and pct(q.image.getpixel((1, 0)))[0] >= 85


def test_converted_once_per_file_version(tmp_path):
    f = png(tmp_path / "x.png")
    a, b = images.prepare(f, tmp_path / "a.md", 3), images.prepare(f, tmp_path / "b.md", 9)
    assert a.image is b.image and (a.source, a.line, b.line) == (tmp_path / "a.md", 3, 9)
    st = f.stat()
    png(f, color=(10, 20, 30))
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    c = images.prepare(f)
    assert c.image is not a.image and c.image.tobytes() != a.image.tobytes()


# --- resolution ----------------------------------------------------------------------------------

def test_effective_dpi(tmp_path):
    p = images.prepare(png(tmp_path / "x.png", size=(600, 300)))
    assert p.effective_dpi(144, 72) == pytest.approx(300)
    assert p.effective_dpi(144, 144) == pytest.approx(150)  # the lower axis governs
    with pytest.raises(ValueError):
        p.effective_dpi(0, 72)


def test_resolution_thresholds(tmp_path):
    src = tmp_path / "a.md"
    p = images.prepare(png(tmp_path / "x.png", size=(600, 300)), src, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert p.check_resolution(144, 72) is None  # exactly 300 dpi
        assert p.check_resolution(144.2, 72.1) is None  # rounding of the placed size is not a warning
    with pytest.warns(images.LowResolutionWarning) as rec:
        msg = p.check_resolution(600 * 72 / 250, 300 * 72 / 250)
    assert msg.startswith(f"{src}:12：") and "250 dpi" in msg and "x.png" in msg and str(rec[0].message) == msg
    with pytest.warns(images.LowResolutionWarning):
        assert "150 dpi" in p.check_resolution(288, 144)  # exactly 150: still only a warning
    with pytest.raises(SourceError) as info:
        p.check_resolution(600 * 72 / 149, 300 * 72 / 149)
    e = info.value
    assert e.path == src and e.line == 12 and "149 dpi" in e.problem and "150" in e.problem and "1208 × 604" in e.fix  # 300 dpi at that size
    assert images.DPI_WARN == 300 and images.DPI_FAIL == 150


# --- bad files, each named with the Markdown file and line that uses it ---------------------------

def good_png_bytes(size=(64, 64)) -> bytes:
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def check_refused(issue_copy, data: bytes | None, needle: str, name="fig.png"):
    a, line = add_figure(issue_copy, f"![图1](images/{name})")
    if data is not None:
        (a.parent / "images").mkdir(exist_ok=True)
        (a.parent / "images" / name).write_bytes(data)
    e = load_error(issue_copy)
    assert e.path == a and e.line == line, e
    assert f"images/{name}" in e.problem and needle in e.problem, e.problem
    assert e.fix
    return e


def test_broken_png(issue_copy):
    data = bytearray(good_png_bytes())
    idat = data.index(b"IDAT")
    data[idat + 10] ^= 0xFF  # damage the compressed pixels: the chunk's CRC no longer matches
    check_refused(issue_copy, bytes(data), "已损坏")


def test_truncated_png(issue_copy):
    data = good_png_bytes((256, 256))
    check_refused(issue_copy, data[: len(data) // 2], "不完整")


def test_truncated_jpeg(issue_copy):
    out = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").save(out, "JPEG")
    check_refused(issue_copy, out.getvalue()[:-400], "不完整", name="fig.jpg")


def test_not_an_image(issue_copy):
    check_refused(issue_copy, "这不是图片\n".encode(), "不是 PNG、JPEG 或 TIFF 图片")


def test_unsupported_format(issue_copy):
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "GIF")
    check_refused(issue_copy, out.getvalue(), "不是 PNG、JPEG 或 TIFF 图片", name="fig.gif")


def bomb_png(w: int, h: int) -> bytes:
    """A valid PNG header declaring w × h pixels, with almost no data behind it."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_decompression_bomb(issue_copy):
    check_refused(issue_copy, bomb_png(100_000, 100_000), "太大")  # Pillow's own bomb check


def test_pixel_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    (tmp_path / "x.png").write_bytes(good_png_bytes((64, 64)))
    with pytest.raises(SourceError) as info:
        images.validate(tmp_path / "x.png", tmp_path / "a.md", 5)
    e = info.value
    assert e.path == tmp_path / "a.md" and e.line == 5
    assert "图片“x.png”太大" in e.problem and "4,096" in e.problem and "1,000" in e.problem


def test_between_pillow_warning_and_error_is_refused(tmp_path, monkeypatch):
    # Pillow only warns between MAX_IMAGE_PIXELS and twice that: we make the warning an error
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 3000)
    with pytest.raises(SourceError) as info:
        images.validate(png(tmp_path / "x.png", size=(64, 64)), tmp_path / "a.md", 4)
    assert "太大" in info.value.problem and info.value.line == 4


def test_missing_image(issue_copy):
    e = check_refused(issue_copy, None, "不存在")
    assert str(issue_copy / "articles" / "images" / "fig.png") in e.fix


def test_missing_image_found_elsewhere_in_the_issue_names_the_path_to_write(issue_copy):
    """images/zhuzhuang.png written in an article, the file at the issue's images/: the fix is the
    path to write, relative to the article; the same stem with another image extension is found too."""
    png(issue_copy / "images" / "zhuzhuang.png")
    a, line = add_figure(issue_copy, "![图1　近四年社区党员人数](images/zhuzhuang.png)")
    e = load_error(issue_copy)
    assert e.path == a and e.line == line and "“images/zhuzhuang.png”" in e.problem
    assert e.fix == t("images.path_missing.fix_found", path="../images/zhuzhuang.png",
                      found=issue_copy.resolve() / "images" / "zhuzhuang.png")
    assert e.fix.startswith("改为 ../images/zhuzhuang.png（")
    (issue_copy / "images" / "zhuzhuang.png").rename(issue_copy / "images" / "zhuzhuang.jpg")
    assert load_error(issue_copy).fix.startswith("改为 ../images/zhuzhuang.jpg（")


def test_image_path_leaving_issue_folder(issue_copy):
    png(issue_copy.parent / "outside.png")
    a, line = add_figure(issue_copy, "![图1](../../outside.png)")
    e = load_error(issue_copy)
    assert e.path == a and e.line == line and "指到了期刊文件夹之外" in e.problem


def test_prepare_without_reference_names_the_image(tmp_path):
    with pytest.raises(SourceError) as info:
        images.prepare(tmp_path / "nothing.png")
    assert info.value.path == tmp_path / "nothing.png" and "不存在" in info.value.problem


# --- Markdown figures ----------------------------------------------------------------------------

def test_markdown_figures(issue_copy):
    before = load_issue(issue_copy)
    art = next(a for _, a in before.articles() if a.path.name == "03-gao-haizhu.md")
    paragraphs = [p.text for p in art.paragraphs()]
    png(issue_copy / "articles" / "images" / "fig.png")
    png(issue_copy / "images" / "图 二.png", "L", color=90)
    a, line1 = add_figure(issue_copy, "![图1　调研座谈会现场](images/fig.png)")
    _, line2 = add_figure(issue_copy, '![图2](<../images/图 二.png> "page")')
    art = next(a for _, a in load_issue(issue_copy).articles() if a.path.name == "03-gao-haizhu.md")
    figs = [b for b in art.blocks if isinstance(b, Figure)]
    assert figs == [Figure(issue_copy.resolve() / "articles" / "images" / "fig.png", "图1　调研座谈会现场", "column", line1),
                    Figure(issue_copy.resolve() / "images" / "图 二.png", "图2", "page", line2)]
    assert [p.text for p in art.paragraphs()] == paragraphs  # figures are not paragraphs
    assert isinstance(art.blocks[-3], Paragraph)


@pytest.mark.parametrize("markdown, needle", [
    ('![图](images/fig.png "wide")', "不认识图片宽度“wide”"),
    ("正文里夹着图片![图](images/fig.png)。", "图片夹在一段文字中间"),
    ("> ![图](images/fig.png)", "引文中不能有图片"),
    ("![图](https://example.org/fig.png)", "是一个网址"),
])
def test_markdown_figure_errors(issue_copy, markdown, needle):
    png(issue_copy / "articles" / "images" / "fig.png")
    a, line = add_figure(issue_copy, markdown)
    e = load_error(issue_copy)
    assert e.path == a and e.line == line and needle in e.problem and e.fix


# --- the cover -----------------------------------------------------------------------------------

def test_manifest_cover_image(issue):
    m = issue.root / "manifest.yaml"
    assert issue.cover_image == issue.root / "images" / "cover.png"
    assert issue.cover_line == line_of(m, "image: images/cover.png")
    p = images.prepare(issue.cover_image, m, issue.cover_line)
    assert p.mode == "CMYK"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert p.check_resolution(216 * MM, 120 * MM) is None  # full trim width + bleed at 300 dpi


def test_manifest_cover_errors(issue_copy):
    m = issue_copy / "manifest.yaml"
    (issue_copy / "images" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    e = load_error(issue_copy)
    assert e.path == m and e.line == line_of(m, "image: images/cover.png") and "images/cover.png" in e.problem
    (issue_copy / "images" / "cover.png").unlink()
    e = load_error(issue_copy)
    assert e.line == line_of(m, "image: images/cover.png") and "不存在" in e.problem
    text = m.read_text(encoding="utf-8").replace("  image: images/cover.png", "  picture: images/cover.png")
    m.write_text(text, encoding="utf-8")
    with pytest.raises(SourceErrors) as info:  # both faults, in one run
        load_issue(issue_copy)
    assert [(e.line, e.problem) for e in info.value.errors] == [
        (line_of(m, "cover:"), "期刊清单（manifest.yaml）的封面（cover）下缺少“image”一项"),
        (line_of(m, "picture:"), "期刊清单（manifest.yaml）的封面（cover）下没有“picture”这一项")]


def test_cover_tool_is_deterministic_and_made_the_bundled_cover(tmp_path):
    tool = runpy.run_path(str(ROOT / "tools" / "make_cover_image.py"))
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    tool["main"]([str(a)])
    tool["main"]([str(b)])
    assert a.read_bytes() == b.read_bytes()
    bundled = ROOT / "issue" / "images" / "cover.png"
    with Image.open(a) as new, Image.open(bundled) as old:
        assert old.mode == "RGB" and old.size == new.size and old.tobytes() == new.tobytes()
        assert old.size[0] / (216 / 25.4) >= 299.5 and old.size[1] / (120 / 25.4) >= 299.5
    assert bundled.stat().st_size < 400_000


def test_reportlab_embeds_prepared_pixels_unchanged(tmp_path):
    """The contract the PDF writer relies on: drawImage(ImageReader(p.image)) writes DeviceCMYK (or DeviceGray)
    with exactly our samples and no /Decode inversion (ReportLab adds /Decode [1 0 …] only to CMYK JPEGs)."""
    import pymupdf
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    cmyk = images.prepare(rgb_strip(tmp_path / "c.png", [(237, 28, 36), (0, 69, 144), (255, 255, 255)]))
    gray = images.prepare(png(tmp_path / "g.png", "L", size=(3, 1), color=100))
    out = io.BytesIO()
    c = Canvas(out, pagesize=(200, 200))
    c.drawImage(ImageReader(cmyk.image), 10, 10, 90, 30)
    c.drawImage(ImageReader(gray.image), 10, 100, 90, 30)
    c.save()
    doc = pymupdf.open(stream=out.getvalue())
    seen = {}
    for xref, *_ in doc[0].get_images(full=True):
        obj = doc.xref_object(xref)
        assert "/Decode" not in obj
        pix = pymupdf.Pixmap(doc, xref)
        seen[pix.n] = (obj, pix.samples)
    assert "/DeviceCMYK" in seen[4][0] and seen[4][1] == cmyk.image.tobytes()
    assert "/DeviceGray" in seen[1][0] and seen[1][1] == gray.image.tobytes()


def test_office_image(tmp_path):
    f = png(tmp_path / "x.png")
    assert images.office_image(f) == f.read_bytes()  # Word shows RGB PNG as it is
    Image.new("CMYK", (4, 4), (0, 255, 255, 0)).save(tmp_path / "c.tif")
    with Image.open(io.BytesIO(images.office_image(tmp_path / "c.tif"))) as im:
        assert im.format == "PNG" and im.mode == "RGB"
        r, g, b = im.getpixel((0, 0))
        assert r > 200 and g < 80 and b < 80


def test_converted_a_band_at_a_time_as_reportlab_would_embed(tmp_path, monkeypatch):
    """Converted in bands of rows and compressed as they come, the samples are those of the whole
    image converted at once, and the stream is what ReportLab makes of them (zlib.compress)."""
    monkeypatch.setattr(images, "BAND_BYTES", 100)  # 64 px wide: one row a band
    f = png(tmp_path / "x.png", size=(64, 5))
    with Image.open(f) as im:
        im.putpixel((3, 4), (10, 200, 90))
        im.save(f)
    p = images.prepare(f)
    whole = images._apply(Image.open(f), images._transform_to(images._srgb(), "RGB", images._press_profile(), "CMYK"))
    assert p.image.tobytes() == whole.tobytes() and p.pixels.flate == zlib.compress(whole.tobytes())
