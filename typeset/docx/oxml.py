"""WordprocessingML helpers python-docx lacks: East Asian fonts, fields, grid, settings.

Built with OxmlElement (never string concatenation) and inserted in schema order via
python-docx's own get_or_add_* where it has them.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _child(parent, tag: str):
    """The child element `tag` of parent, created (appended) if missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """w:rFonts with ascii/hAnsi (Latin) AND eastAsia (Chinese) plus w:lang eastAsia=zh-CN."""
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def east_asia_hint(run) -> None:
    """“ ” ‘ ’ are shared by Chinese and English: tell Word to use the East Asian font."""
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def first_line_chars(ppr, hundredths: int, size_pt: float) -> None:
    ind = _child(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), str(hundredths))
    ind.set(qn("w:firstLine"), str(int(hundredths / 100 * size_pt * 20)))


def add_field(paragraph, instruction: str, cached: str = "") -> None:
    """A complex field: begin / instrText / separate / cached result / end."""
    def fld(kind, dirty=False):
        r = OxmlElement("w:r")
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), kind)
        if dirty:
            f.set(qn("w:dirty"), "true")
        r.append(f)
        paragraph._p.append(r)

    fld("begin", dirty=instruction.strip().startswith("TOC"))
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instruction} "
    r.append(t)
    paragraph._p.append(r)
    fld("separate")
    if cached:
        paragraph.add_run(cached)
    fld("end")


def doc_grid(sectPr, line_pitch_twips: int) -> None:
    grid = _child(sectPr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def columns(sectPr, num: int, space_twips: int) -> None:
    cols = sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        grid = sectPr.find(qn("w:docGrid"))
        if grid is not None:
            grid.addprevious(cols)
        else:
            sectPr.append(cols)
    cols.set(qn("w:num"), str(num))
    cols.set(qn("w:space"), str(space_twips))


def settings(doc) -> None:
    """updateFields (refresh the TOC on open), compress punctuation, zh-CN theme font language."""
    s = doc.settings.element
    _child(s, "w:updateFields").set(qn("w:val"), "true")
    _child(s, "w:characterSpacingControl").set(qn("w:val"), "compressPunctuation")
    tfl = _child(s, "w:themeFontLang")
    tfl.set(qn("w:val"), "en-US")
    tfl.set(qn("w:eastAsia"), "zh-CN")
