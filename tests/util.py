import re

NON_TEXT = re.compile(r"\s+")

WORD = r"[A-Za-z][A-Za-z'’-]*"
SENTENCE = re.compile(rf"\b{WORD}(?:,? {WORD}){{2,}}")  # three Latin words in a row: English prose


def english_sentence(text: str) -> str | None:
    """A run of three or more English words outside what is quoted or code: {fields}, “values”, 'values',
    "values", paths and file names, options (--lang), %(argparse)s fields, keys (start: page)."""
    text = re.sub(r"\{[^{}]*\}|%\([a-z_]+\)[sr]|%[sr]", " ", text)
    text = re.sub(r"“[^”]*”|‘[^’]*’|'[^'\n]*'|\"[^\"\n]*\"|「[^」]*」", " ", text)
    text = re.sub(r"\S*[/\\._=@#|\[\]<>*^:0-9]\S*|--?[a-z][\w-]*|\b[a-z_]+: [a-z-]+\b", " ", text)
    m = SENTENCE.search(text)
    return m.group() if m else None


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


JUMP_OUT = re.compile(r"（下转第(\d+)页）")
JUMP_IN = re.compile(r"（上接第(\d+)页）")


def rejoin_jumps(pages: list[str], first: int = 1, offset: int = 0) -> str:
    """The text of squashed pages in reading order: each tail set under 「（上接第P页）」 (tails
    stand last on their page) is read where 「（下转第N页）」 on page P sends the reader.  The
    markers name folios: physical page = folio + offset (folio_offset)."""
    tails: dict[tuple[int, int], str] = {}
    kept = []
    for n, text in enumerate(pages, first):
        parts = JUMP_IN.split(text)  # [before, src, tail, src, tail, …]
        kept.append(parts[0])
        for src, tail in zip(parts[1::2], parts[2::2]):
            tails[(int(src) + offset, n)] = tail
    out = []
    for n, text in enumerate(kept, first):
        out.append(JUMP_OUT.sub(lambda m: tails.pop((n, int(m.group(1)) + offset), m.group(0)), text))
    assert not tails, f"tails nobody jumps to: {list(tails)}"
    return "".join(out)


def folio(page, geometry) -> str | None:
    """The folio printed under the type area of a page (None on front matter and back pages)."""
    dx, y0 = trim_origin(page)
    y_folio = geometry.top - geometry.lines * 17.0 - 24
    found = [s["text"] for b in page.get_text("dict")["blocks"] for l in b.get("lines", [])
             for s in l["spans"] if abs((y0 - s["origin"][1]) - y_folio) < 0.5]
    return found[0] if found else None


def article_pages(doc, geometry) -> list[int]:
    """1-based numbers of the pages that carry a folio: the article pages."""
    return [p.number + 1 for p in doc if folio(p, geometry) is not None]


def folio_offset(doc, geometry) -> int:
    """Physical page number minus folio on the article pages."""
    first = article_pages(doc, geometry)[0]
    return first - int(folio(doc[first - 1], geometry))
