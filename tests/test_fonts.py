"""The bundled faces set Chinese punctuation as clreq wants: full-width quotes, a 2-em dash
drawn without a gap, a 2-em ellipsis."""
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from typeset.style import FACES

FONTS = Path(__file__).resolve().parent.parent / "fonts"


@pytest.fixture(scope="module", params=sorted({f for f, _ in FACES.values()}))
def font(request):
    return TTFont(FONTS / request.param)


def _glyph(font, ch):
    name = font.getBestCmap()[ord(ch)]
    gs = font.getGlyphSet()
    pen = BoundsPen(gs)
    gs[name].draw(pen)
    return font["hmtx"][name][0], pen.bounds


def test_quotes_are_full_width(font):
    upm = font["head"].unitsPerEm
    for ch in "“”‘’":
        advance, _ = _glyph(font, ch)
        assert advance == upm, (ch, advance)


def test_em_dash_fills_its_em_so_two_join(font):
    upm = font["head"].unitsPerEm
    advance, (x0, _, x1, _) = _glyph(font, "—")
    assert advance == upm
    assert x0 <= 0.01 * upm and x1 >= 0.99 * upm, (x0, x1)  # no gap between the two halves of ——


def test_ellipsis_is_one_em(font):
    upm = font["head"].unitsPerEm
    advance, _ = _glyph(font, "…")
    assert advance == upm


def test_every_face_covers_gb2312_and_tongyong_guifan(font):
    """Issue 11: all of GB 2312 and the 8,105 characters of 《通用规范汉字表》 (Unihan kTGH) in every role,
    and CJK URO + Extension A wherever the source font has them (Noto lacks URO's last 21, WenKai most of Ext A)."""
    import bz2
    with bz2.open("/usr/share/unicode/Unihan_OtherMappings.txt.bz2", "rt", encoding="utf-8") as f:
        tgh = {int(line.split("\t")[0][2:], 16) for line in f if "\tkTGH\t" in line}
    gb2312 = {ord(bytes([hi, lo]).decode("gb2312")) for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)
              if not (hi == 0xD7 and lo > 0xF9)}
    cmap = font.getBestCmap()
    assert len(tgh) == 8105 and len(gb2312) == 6763
    assert not (tgh | gb2312) - set(cmap)
    uro = sum(c in cmap for c in range(0x4E00, 0xA000))
    ext_a = sum(c in cmap for c in range(0x3400, 0x4DC0))
    assert uro >= 20971 and ext_a >= 503
    if "Noto" in font["name"].getDebugName(1):
        assert ext_a >= 6582
