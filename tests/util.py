import re

NON_TEXT = re.compile(r"\s+")


def squash(s: str) -> str:
    return NON_TEXT.sub("", s)


def trim_origin(page) -> tuple[float, float]:
    """PyMuPDF measures from the media box's top left; the layout from the trim's bottom left.
    Returns (dx, y0) so that x_trim = x - dx and y_trim = y0 - y."""
    tb = page.trimbox
    return tb.x0, tb.y1


def type_area_text(doc, geometry) -> list[str]:
    """The text of each page inside the type area (running heads and folios excluded)."""
    import pymupdf as fitz
    out = []
    for page in doc:
        n = page.number + 1
        dx, y0 = trim_origin(page)
        left = dx + geometry.left(n) - 2
        top = y0 - geometry.top - 2
        bottom = top + geometry.lines * 17.0 + 6
        clip = fitz.Rect(left, top, left + geometry.text_width + 4, bottom)
        out.append(page.get_text("text", clip=clip, sort=False))
    return out
