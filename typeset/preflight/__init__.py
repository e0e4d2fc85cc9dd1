"""Print preflight of any PDF: what a commercial printer's prepress checks before plating.

`preflight(path, screen=False)` returns a `Report`: findings (level ok/warn/fail, section, message, page),
the font list (like pdffonts), every image placement with its effective resolution, and the colour spaces
used.  `render(report)` turns it into the text a prepress person reads; `main(argv)` is `build.py check`.

Checks (print mode; `screen=True` relaxes the page count, the Trim/Bleed boxes and RGB):
  pages   count, a multiple of 4 for saddle stitching
  boxes   MediaBox; TrimBox on every page and the same size everywhere, named if it is a preset;
          BleedBox 3 mm outside the TrimBox on every side and inside the MediaBox (and CropBox)
  fonts   every font that shows text (pages, forms, patterns, annotation appearances) embedded; subset or not
  colour  no RGB operators or colour spaces anywhere; rich black text is a warning
  images  colour space, bits, effective dpi at the placed size (CTM tracked through q/Q/cm and forms)
  document  version, OutputIntents (a print intent's profile must be CMYK), PDF/X key, Trapped, Title, Lang

A font counts as used when text is shown with it, not when it merely sits in /Resources or is selected by
Tf: ReportLab, for one, selects Helvetica at the top of every page without drawing a glyph, and a RIP never
loads a font that shows nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .report import ORDER, SECTIONS, TAGS, Finding, FontInfo, Group, ImageInfo, Report, page_ranges, render, verdict

__all__ = ["preflight", "render", "verdict", "main", "PreflightError", "Report", "Finding", "Group", "FontInfo", "ImageInfo",
           "trim_preset", "page_ranges", "MM", "PRESETS", "PRESET_TOLERANCE_MM", "BLEED_MM", "BLEED_TOLERANCE_MM",
           "SAME_SIZE_TOLERANCE_MM", "DPI_WARN", "DPI_FAIL", "MAX_DEPTH", "BASE14", "SUBSET_TAG", "TEXT_SHOW",
           "FILL_PAINT", "STROKE_PAINT", "Space", "GRAY", "RGB", "CMYK", "DEVICE", "ICC_KIND", "Matrix", "IDENTITY",
           "SECTIONS", "TAGS", "ORDER"]


# The checks need pikepdf (and fontTools), ~40 ms to load: they are in these modules, loaded when a
# name of theirs is first asked for; a report, its rendering and PreflightError need neither.
_LAZY = {"check": ("preflight", "main"),
         "boxes": ("trim_preset", "MM", "PRESETS", "PRESET_TOLERANCE_MM", "BLEED_MM", "BLEED_TOLERANCE_MM",
                   "SAME_SIZE_TOLERANCE_MM"),
         "colour": ("Space", "GRAY", "RGB", "CMYK", "DEVICE", "ICC_KIND"),
         "content": ("DPI_WARN", "DPI_FAIL", "MAX_DEPTH", "TEXT_SHOW", "FILL_PAINT", "STROKE_PAINT"),
         "fonts": ("BASE14", "SUBSET_TAG"),
         "geometry": ("Matrix", "IDENTITY")}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}

if TYPE_CHECKING:
    from .boxes import BLEED_MM, BLEED_TOLERANCE_MM, MM, PRESET_TOLERANCE_MM, PRESETS, SAME_SIZE_TOLERANCE_MM, trim_preset
    from .check import main, preflight
    from .colour import CMYK, DEVICE, GRAY, ICC_KIND, RGB, Space
    from .content import DPI_FAIL, DPI_WARN, FILL_PAINT, MAX_DEPTH, STROKE_PAINT, TEXT_SHOW
    from .fonts import BASE14, SUBSET_TAG
    from .geometry import IDENTITY, Matrix


class PreflightError(Exception):
    """The file cannot be read as a PDF at all (missing, not a PDF, password-protected)."""


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
