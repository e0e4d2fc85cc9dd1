"""Matrices and rectangles in PDF user space: where an appearance stream lands, what resolution an image
has at its placed size."""
from __future__ import annotations

import math

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: `cm` makes CTM' = M × CTM)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> Matrix:
    try:
        m = tuple(float(x) for x in obj)
        return m if len(m) == 6 else IDENTITY
    except (TypeError, ValueError):
        return IDENTITY


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _rect(obj) -> tuple[float, float, float, float] | None:
    """A normalised rectangle (llx, lly, urx, ury); PDF allows any two opposite corners."""
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _annotation_ctm(stream, rect, base: Matrix) -> Matrix:
    """PDF 32000 12.5.5: the appearance's transformed BBox is fitted to the annotation's Rect.

    Returned without the form's own Matrix, which `_Walker.form` applies."""
    bbox = _rect(stream.get("/BBox"))
    if rect is None or bbox is None:
        return base
    m = _matrix(stream.get("/Matrix", IDENTITY))
    pts = [_apply(m, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    x1, y1 = max(p[0] for p in pts), max(p[1] for p in pts)
    sx = (rect[2] - rect[0]) / (x1 - x0) if x1 > x0 else 1.0
    sy = (rect[3] - rect[1]) / (y1 - y0) if y1 > y0 else 1.0
    fit = (sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy)
    return _mul(fit, base)


def _dpi(w: int, h: int, ctm: Matrix) -> tuple[float, float] | None:
    """Pixels per inch along the image's own axes: the unit square is mapped by the CTM."""
    wide = math.hypot(ctm[0], ctm[1]) / 72
    high = math.hypot(ctm[2], ctm[3]) / 72
    if wide <= 0 or high <= 0 or w <= 0 or h <= 0:
        return None
    return w / wide, h / high
