"""Editions of the PDF: what the printer gets and what goes on screen.

The print edition is CMYK, has a 3 mm bleed round every page (MediaBox = trim + bleed, or wider
with printer's marks), and is padded to a multiple of 4 pages for saddle stitching.  The screen
edition is the same layout in RGB, cut to the trim, without padding pages.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..style import MM

BLEED_MM = 3.0      # what Chinese printers ask for (出血 3 mm)
SLUG_MM = 10.0      # room outside the bleed for crop and registration marks
SIGNATURE = 4       # saddle stitching: pages come in sheets of 4


@dataclass(frozen=True)
class Edition:
    """What tells the print edition from the screen edition: colour, bleed, marks, padding."""
    name: str           # "print" or "screen": also the suffix of the screen file
    cmyk: bool
    bleed: float        # pt
    marks: bool
    pad_to: int         # page count rounded up to a multiple of this

    @property
    def offset(self) -> float:
        """Distance from the media box's edge to the trim box's edge, pt."""
        return self.bleed + (SLUG_MM * MM if self.marks else 0.0)


def print_edition(marks: bool = False) -> Edition:
    return Edition("print", True, BLEED_MM * MM, marks, SIGNATURE)


SCREEN = Edition("screen", False, 0.0, False, 1)
