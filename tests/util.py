import re

NON_TEXT = re.compile(r"\s+")


def squash(s: str) -> str:
    return NON_TEXT.sub("", s)


def type_area_text(doc, geometry) -> list[str]:
    """The text of each page inside the type area (running heads and folios excluded)."""
    import pymupdf as fitz
    out = []
    for page in doc:
        n = page.number + 1
        left = geometry.left(n) - 2
        top = page.rect.height - geometry.top - 2  # PyMuPDF: origin top left
        bottom = top + geometry.lines * 17.0 + 6
        clip = fitz.Rect(left, top, left + geometry.text_width + 4, bottom)
        out.append(page.get_text("text", clip=clip, sort=False))
    return out
