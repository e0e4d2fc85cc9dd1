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
