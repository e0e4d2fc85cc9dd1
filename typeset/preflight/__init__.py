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

import argparse
import sys
from pathlib import Path

import pikepdf

from .boxes import (_check_annotations, BLEED_MM, BLEED_TOLERANCE_MM, MM, PRESET_TOLERANCE_MM, PRESETS, SAME_SIZE_TOLERANCE_MM,
                    _check_boxes, trim_preset)
from .colour import CMYK, DEVICE, GRAY, ICC_KIND, RGB, Space
from .content import DPI_FAIL, DPI_WARN, FILL_PAINT, MAX_DEPTH, STROKE_PAINT, TEXT_SHOW, _Walker
from .document import _check_document
from .fonts import BASE14, SUBSET_TAG
from .geometry import IDENTITY, Matrix
from .report import ORDER, SECTIONS, TAGS, Finding, FontInfo, Group, ImageInfo, Report, page_ranges, render

__all__ = ["preflight", "render", "main", "PreflightError", "Report", "Finding", "Group", "FontInfo", "ImageInfo",
           "trim_preset", "page_ranges", "MM", "PRESETS", "PRESET_TOLERANCE_MM", "BLEED_MM", "BLEED_TOLERANCE_MM",
           "SAME_SIZE_TOLERANCE_MM", "DPI_WARN", "DPI_FAIL", "MAX_DEPTH", "BASE14", "SUBSET_TAG", "TEXT_SHOW",
           "FILL_PAINT", "STROKE_PAINT", "Space", "GRAY", "RGB", "CMYK", "DEVICE", "ICC_KIND", "Matrix", "IDENTITY",
           "SECTIONS", "TAGS", "ORDER"]


class PreflightError(Exception):
    """The file cannot be read as a PDF at all (missing, not a PDF, password-protected)."""


def preflight(path: str | Path, screen: bool = False) -> Report:
    """Check `path` as a print PDF (or as a screen PDF with `screen=True`). Raises PreflightError if unreadable."""
    path = Path(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise PreflightError(f"{path}: password-protected; ask for an unprotected file") from None
    except (pikepdf.PdfError, OSError, ValueError) as e:
        raise PreflightError(f"{path}: not a readable PDF ({e})") from None
    with pdf:
        try:
            return _preflight(pdf, path, screen)
        except (pikepdf.PdfError, RecursionError, MemoryError) as e:  # damage qpdf could not repair
            raise PreflightError(f"{path}: damaged beyond repair ({e or 'too deeply nested or too large'})") from None
        except (TypeError, AttributeError, KeyError, IndexError, ValueError) as e:  # a structure nothing expects
            raise PreflightError(f"{path}: damaged in a way this check cannot read ({e})") from None


def _preflight(pdf: pikepdf.Pdf, path: Path, screen: bool) -> Report:
    walker = _Walker(screen)
    add = walker.add

    version = _check_document(pdf, screen, add)
    n = len(pdf.pages)
    if n == 0:
        add("fail", "Pages", "no pages")
    elif n % 4:
        more = 4 - n % 4
        add("ok" if screen else "fail", "Pages",
            f"{n} page{'s' if n > 1 else ''}: not a multiple of 4 for saddle stitching (add {more} blank page"
            f"{'s' if more > 1 else ''} for {n + more})" + (" — fine on screen" if screen else ""))
    else:
        add("ok", "Pages", f"{n} pages, a multiple of 4 for saddle stitching")
    trim_mm, trim_name, trim_text = _check_boxes(pdf, screen, add)
    _check_annotations(pdf, screen, "/GTS_PDFXVersion" in pdf.docinfo, add)

    for number, page in enumerate(pdf.pages, 1):
        unit = float(page.obj.get("/UserUnit", 1))
        walker.walk_page(number, page, (unit, 0.0, 0.0, unit, 0.0, 0.0))

    fonts = sorted(walker.fonts.values(), key=lambda f: (min(f.pages), f.name))
    missing = sum(not f.embedded for f in fonts)
    add("ok", "Fonts", f"{len(fonts)} font{'s' if len(fonts) != 1 else ''} used"
        + (f", {missing} not embedded" if missing else ", all embedded" if fonts else ""))
    for f in fonts:
        if f.embedded and not f.subset and f.type != "Type 3":
            add("ok", "Fonts", f"font {f.name} embedded in full (not subset)")
    for label, pages in sorted(walker.spaces.items()):
        for p in sorted(pages):
            add("ok", "Colour", f"colour space {label}", p)
    placed = len(walker.images)
    add("ok", "Images", f"{placed} image placement{'s' if placed != 1 else ''}")
    for w in pdf.get_warnings():
        add("warn", "Document", f"damaged file repaired on reading: {w}")
    return Report(path, screen, version, n, trim_text, trim_mm, trim_name, walker.findings, fonts,
                  walker.images, walker.spaces)


def main(argv: list[str]) -> int:
    """`build.py check FILE.pdf [--screen]`: 0 pass, 1 fail, 2 unreadable."""
    p = argparse.ArgumentParser(prog="build.py check",
                                description="Print preflight of a PDF: pages, boxes, fonts, colour, images, "
                                            "output intent. Exit 0 pass, 1 fail, 2 unreadable file.")
    p.add_argument("file", help="the PDF to check")
    p.add_argument("--screen", action="store_true",
                   help="a screen PDF: any page count, no Trim/BleedBox needed, RGB allowed")
    args = p.parse_args(argv)
    try:
        report = preflight(args.file, screen=args.screen)
    except PreflightError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(render(report))
    return 0 if report.passed else 1
