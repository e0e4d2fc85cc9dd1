"""The preflight itself (pikepdf): see the package's docstring.  Loaded on first use, so that a
process that only reads or prints a report (the build, which checks its PDF in a second process) does
not load pikepdf."""
from __future__ import annotations

import sys
from pathlib import Path

import pikepdf

from . import PreflightError
from ..i18n import t
from ..i18n.argparse_zh import ArgumentParser
from .boxes import _check_annotations, _check_boxes
from .content import _Walker
from .document import _check_document
from .report import Report, plural, render


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
