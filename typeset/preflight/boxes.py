"""Page boxes: MediaBox, TrimBox (the same size on every page, named if it is a preset), BleedBox and bleed."""
from __future__ import annotations

import pikepdf

from ..i18n import t
from .geometry import _rect
from .objects import _inherited

MM = 72 / 25.4
PRESETS = (("A4", 210.0, 297.0), ("大16开", 210.0, 285.0), ("16开", 185.0, 260.0))
PRESET_TOLERANCE_MM = 0.5
BLEED_MM, BLEED_TOLERANCE_MM = 3.0, 0.1
SAME_SIZE_TOLERANCE_MM = 0.1  # TrimBoxes differing by less are rounding, not a different trim


def _mm(v: float) -> float:
    return v / MM


def _size(r) -> tuple[float, float]:
    return _mm(r[2] - r[0]), _mm(r[3] - r[1])


def _fmt_size(s: tuple[float, ...]) -> str:
    return f"{s[0]:.1f} × {s[1]:.1f} mm"


def trim_preset(w_mm: float, h_mm: float) -> str | None:
    """The name of a standard Chinese/ISO trim within ±0.5 mm, '(landscape)' if turned."""
    for name, pw, ph in PRESETS:
        if abs(w_mm - pw) <= PRESET_TOLERANCE_MM and abs(h_mm - ph) <= PRESET_TOLERANCE_MM:
            return name
        if abs(w_mm - ph) <= PRESET_TOLERANCE_MM and abs(h_mm - pw) <= PRESET_TOLERANCE_MM:
            return t("preflight.boxes.landscape", name=name)
    return None


def _scaled(r, unit: float):
    return None if r is None else tuple(v * unit for v in r)


def _inside(inner, outer, tol: float = 0.01 * MM) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _check_boxes(pdf: pikepdf.Pdf, screen: bool, add) -> tuple[tuple[float, float] | None, str | None, str]:
    """Boxes on every page; returns the trim size in mm, its preset name and the header text."""
    ref_trim: tuple[int, tuple[float, float]] | None = None
    media_sizes, trim_sizes = set(), set()
    missing_trim = 0
    for n, page in enumerate(pdf.pages, 1):
        obj = page.obj
        unit = float(obj.get("/UserUnit", 1))  # boxes are in user units, 1/72 in × UserUnit
        media = _scaled(_rect(_inherited(obj, "/MediaBox")), unit)
        if media is None:
            add("fail", "Boxes", "preflight.boxes.media_invalid", n)
            continue
        media_sizes.add(tuple(round(v, 1) for v in _size(media)))
        add("ok", "Boxes", "preflight.boxes.media", n, size=_fmt_size(_size(media)))
        crop = _scaled(_rect(_inherited(obj, "/CropBox")), unit)
        trim = _scaled(_rect(obj.get("/TrimBox")), unit)
        bleed = _scaled(_rect(obj.get("/BleedBox")), unit)
        if trim is None:
            missing_trim += 1
            add("ok" if screen else "fail", "Boxes",
                "preflight.boxes.trim_missing_screen" if screen else "preflight.boxes.trim_missing", n)
        else:
            size = _size(trim)
            trim_sizes.add(tuple(round(v, 1) for v in size))
            preset = trim_preset(*size)
            add("ok", "Boxes", "preflight.boxes.trim_preset" if preset else "preflight.boxes.trim_custom", n,
                size=_fmt_size(size), preset=preset)
            if ref_trim is None:
                ref_trim = (n, size)
            elif any(abs(a - b) > SAME_SIZE_TOLERANCE_MM for a, b in zip(size, ref_trim[1])):
                add("fail", "Boxes", "preflight.boxes.trim_differs", n, size=_fmt_size(size), ref=ref_trim[0],
                    ref_size=_fmt_size(ref_trim[1]))
            if not _inside(trim, media):
                add("fail", "Boxes", "preflight.boxes.trim_outside_media", n)
        if bleed is None:
            if not screen:
                add("fail", "Boxes", "preflight.boxes.bleed_missing", n)
            elif trim is not None:
                add("ok", "Boxes", "preflight.boxes.bleed_missing_screen", n)
            continue
        if trim is not None:
            sides = (_mm(trim[0] - bleed[0]), _mm(trim[1] - bleed[1]), _mm(bleed[2] - trim[2]), _mm(bleed[3] - trim[3]))
            if all(abs(s - BLEED_MM) <= BLEED_TOLERANCE_MM for s in sides):
                add("ok", "Boxes", "preflight.boxes.bleed_ok", n, bleed=f"{BLEED_MM:g}")
            else:
                shown = dict(zip(("left", "bottom", "right", "top"), (f"{v:.1f}" for v in sides)))
                add("fail", "Boxes", "preflight.boxes.bleed_wrong", n, bleed=f"{BLEED_MM:g}", **shown)
        if not _inside(bleed, media):
            add("fail", "Boxes", "preflight.boxes.bleed_outside_media", n)
        elif crop is not None and not _inside(bleed, crop):
            add("fail", "Boxes", "preflight.boxes.crop_cuts_bleed", n)
    if ref_trim is not None and len(trim_sizes) == 1 and not missing_trim:
        size = ref_trim[1]
        name = trim_preset(*size)
        return size, name, t("preflight.boxes.size_named", size=_fmt_size(size), name=name) if name else _fmt_size(size)
    if ref_trim is not None:
        return None, None, t("preflight.boxes.trim_mixed")
    if len(media_sizes) == 1:
        return None, None, t("preflight.boxes.trim_none_media", media=_fmt_size(next(iter(media_sizes))))
    return None, None, t("preflight.boxes.trim_none")


def _check_annotations(pdf: pikepdf.Pdf, screen: bool, pdfx: bool, add) -> None:
    """Annotations inside the printable area (the BleedBox, else the TrimBox): PDF/X forbids them
    (a RIP may print them over the page) except TrapNet and PrinterMark; elsewhere a warning."""
    if screen:
        return
    found: dict[str, list[int]] = {}
    for number, page in enumerate(pdf.pages, 1):
        area = _rect(page.obj.get("/BleedBox")) or _rect(page.obj.get("/TrimBox"))
        if area is None:
            continue
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, pikepdf.Array) else []:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            kind = str(annot.get("/Subtype", "/?"))[1:]
            rect = _rect(annot.get("/Rect"))
            if kind in ("TrapNet", "PrinterMark") or rect is None:
                continue
            if rect[0] < area[2] and rect[2] > area[0] and rect[1] < area[3] and rect[3] > area[1]:
                found.setdefault(kind, []).append(number)
    for kind, pages in sorted(found.items()):
        for p in sorted(set(pages)):
            add("fail" if pdfx else "warn", "Boxes",
                "preflight.boxes.annotation_pdfx" if pdfx else "preflight.boxes.annotation", p, kind=kind)
