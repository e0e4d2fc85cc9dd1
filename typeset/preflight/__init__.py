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

import sys
from pathlib import Path

import pikepdf

from ..i18n import t
from ..i18n.argparse_zh import ArgumentParser
from .boxes import (_check_annotations, BLEED_MM, BLEED_TOLERANCE_MM, MM, PRESET_TOLERANCE_MM, PRESETS, SAME_SIZE_TOLERANCE_MM,
                    _check_boxes, trim_preset)
from .colour import CMYK, DEVICE, GRAY, ICC_KIND, RGB, Space
from .content import DPI_FAIL, DPI_WARN, FILL_PAINT, MAX_DEPTH, STROKE_PAINT, TEXT_SHOW, _Walker
from .document import _check_document
from .fonts import BASE14, SUBSET_TAG
from .geometry import IDENTITY, Matrix
from .report import ORDER, SECTIONS, TAGS, Finding, FontInfo, Group, ImageInfo, Report, page_ranges, plural, render, verdict

__all__ = ["preflight", "render", "verdict", "main", "PreflightError", "Report", "Finding", "Group", "FontInfo", "ImageInfo",
           "trim_preset", "page_ranges", "MM", "PRESETS", "PRESET_TOLERANCE_MM", "BLEED_MM", "BLEED_TOLERANCE_MM",
           "SAME_SIZE_TOLERANCE_MM", "DPI_WARN", "DPI_FAIL", "MAX_DEPTH", "BASE14", "SUBSET_TAG", "TEXT_SHOW",
           "FILL_PAINT", "STROKE_PAINT", "Space", "GRAY", "RGB", "CMYK", "DEVICE", "ICC_KIND", "Matrix", "IDENTITY",
           "SECTIONS", "TAGS", "ORDER"]


class PreflightError(Exception):
    """The file cannot be read as a PDF at all (missing, not a PDF, password-protected)."""


def preflight(path: str | Path, screen: bool = False, drawn: list | None = None) -> Report:
    """Check `path` as a print PDF (or as a screen PDF with `screen=True`). Raises PreflightError if unreadable.
    `drawn` (the build's self-check of its own PDF): what the writer drew on each page
    (`pdf.drawn.PageFacts`), taken instead of parsing the pages' content (`_Walker.note_page`)."""
    path = Path(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise PreflightError(t("preflight.error.password", path=path)) from None
    except (pikepdf.PdfError, OSError, ValueError) as e:
        raise PreflightError(t("preflight.error.unreadable", path=path, reason=e)) from None
    with pdf:
        try:
            return _preflight(pdf, path, screen, drawn)
        except (pikepdf.PdfError, RecursionError, MemoryError) as e:  # damage qpdf could not repair
            raise PreflightError(t("preflight.error.damaged", path=path,
                                   reason=e or t("preflight.error.too_deep"))) from None
        except (TypeError, AttributeError, KeyError, IndexError, ValueError) as e:  # a structure nothing expects
            raise PreflightError(t("preflight.error.unexpected", path=path, reason=e)) from None


def _preflight(pdf: pikepdf.Pdf, path: Path, screen: bool, drawn: list | None = None) -> Report:
    walker = _Walker(screen)
    add = walker.add

    version = _check_document(pdf, screen, add)
    n = len(pdf.pages)
    if n == 0:
        add("fail", "Pages", "preflight.pages.none")
    elif n % 4:
        more = 4 - n % 4
        add("ok" if screen else "fail", "Pages",
            "preflight.pages.not_multiple_screen" if screen else "preflight.pages.not_multiple",
            n=n, s=plural(n), more=more, more_s=plural(more), total=n + more)
    else:
        add("ok", "Pages", "preflight.pages.multiple", n=n)
    trim_mm, trim_name, trim_text = _check_boxes(pdf, screen, add)
    _check_annotations(pdf, screen, "/GTS_PDFXVersion" in pdf.docinfo, add)

    if drawn is not None and len(drawn) != n:
        raise ValueError(f"the writer drew {len(drawn)} pages, the file has {n}")  # (a bug: stops the build)
    for number, page in enumerate(pdf.pages, 1):
        unit = float(page.obj.get("/UserUnit", 1))
        base = (unit, 0.0, 0.0, unit, 0.0, 0.0)
        if drawn is None:
            walker.walk_page(number, page, base)
        else:
            walker.note_page(number, page, drawn[number - 1], base)

    fonts = sorted(walker.fonts.values(), key=lambda f: (min(f.pages), f.name))
    missing = sum(not f.embedded for f in fonts)
    add("ok", "Fonts", "preflight.fonts.used_missing" if missing else
        "preflight.fonts.used_all_embedded" if fonts else "preflight.fonts.used",
        count=len(fonts), s=plural(len(fonts)), missing=missing)
    for f in fonts:
        if f.embedded and not f.subset and f.type != "Type 3":
            add("ok", "Fonts", "preflight.fonts.full", name=f.name)
    for label, pages in sorted(walker.spaces.items()):
        for p in sorted(pages):
            add("ok", "Colour", "preflight.colour.space", p, label=label)
    placed = len(walker.images)
    add("ok", "Images", "preflight.images.count", count=placed, s=plural(placed))
    for w in pdf.get_warnings():
        add("warn", "Document", "preflight.document.repaired", warning=w)
    return Report(path, screen, version, n, trim_text, trim_mm, trim_name, walker.findings, fonts,
                  walker.images, walker.spaces)


def main(argv: list[str]) -> int:
    """`build.py check FILE.pdf [--screen]`: 0 pass, 1 fail, 2 unreadable."""
    p = ArgumentParser(prog="build.py check", description=t("preflight.cli.description"))
    p.add_argument("file", help=t("preflight.cli.file"))
    p.add_argument("--screen", action="store_true", help=t("preflight.cli.screen"))
    args = p.parse_args(argv)
    try:
        report = preflight(args.file, screen=args.screen)
    except PreflightError as e:
        print(t("common.error", message=e), file=sys.stderr)
        return 2
    print(render(report))
    return 0 if report.passed else 1
