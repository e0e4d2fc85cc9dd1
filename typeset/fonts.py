"""The bundled fonts: registration with ReportLab, metrics for the composer, coverage checks."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from .errors import SourceError
from .pdf.cidfont import CIDTrueTypeFont
from .style import FACES, TextStyle
from .text.units import Face

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"


@lru_cache(maxsize=None)
def _ttfont(role: str) -> CIDTrueTypeFont:
    file, _ = FACES[role]
    path = FONT_DIR / file
    if not path.exists():
        raise SourceError(path, None, "bundled font missing", "restore fonts/ from the repository (or run tools/make_fonts.py)")
    font = CIDTrueTypeFont(f"J-{role}", str(path))
    pdfmetrics.registerFont(font)
    return font


@lru_cache(maxsize=None)
def widths(role: str) -> dict:
    return dict(_ttfont(role).face.charWidths)


def face(style: TextStyle | str, size: float | None = None) -> Face:
    if isinstance(style, TextStyle):
        role, size = style.face, style.size
    else:
        role = style
    return _face(role, size)


@lru_cache(maxsize=None)
def _face(role: str, size: float) -> Face:
    _ttfont(role)
    return Face(f"J-{role}", size, widths(role))


def check_coverage(text: str, role: str, where: Path, line: int | None) -> None:
    """A character no bundled font has is an error, never a blank or a box."""
    w = widths(role)
    for ch in text:
        if ord(ch) not in w and not ch.isspace():
            raise SourceError(where, line, f"character '{ch}' (U+{ord(ch):04X}) is not in the font {FACES[role][0]}",
                              "replace it with a standard character, or add it to fonts/extra-chars.txt and run tools/make_fonts.py")
