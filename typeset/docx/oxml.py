"""WordprocessingML pieces python-docx lacks: properties in schema order, East Asian fonts,
complex fields, bookmarks and hyperlinks, section properties, settings.

Elements are built with python-docx's parser (never string concatenation) so they carry its
element classes; every child is placed where the schema's xsd:sequence puts it, because Word
refuses ("unreadable content") a document whose children are out of order.
"""
from __future__ import annotations

from docx.enum.section import WD_HEADER_FOOTER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement
import re

TWIPS = 20  # per point

# ECMA-376 Part 1, CT_Settings: the settings part comes from a template and keeps its elements,
# so new ones must go where this sequence puts them (the rest of this module builds elements
# in schema order from scratch).
SETTINGS_ORDER = tuple(qn(t) for t in """
    w:writeProtection w:view w:zoom w:removePersonalInformation w:removeDateAndTime
    w:doNotDisplayPageBoundaries w:displayBackgroundShape w:printPostScriptOverText
    w:printFractionalCharacterWidth w:printFormsData w:embedTrueTypeFonts w:embedSystemFonts
    w:saveSubsetFonts w:saveFormsData w:mirrorMargins w:alignBordersAndEdges
    w:bordersDoNotSurroundHeader w:bordersDoNotSurroundFooter w:gutterAtTop w:hideSpellingErrors
    w:hideGrammaticalErrors w:activeWritingStyle w:proofState w:formsDesign w:attachedTemplate
    w:linkStyles w:stylePaneFormatFilter w:stylePaneSortMethod w:documentType w:mailMerge
    w:revisionView w:trackRevisions w:doNotTrackMoves w:doNotTrackFormatting w:documentProtection
    w:autoFormatOverride w:styleLockTheme w:styleLockQFSet w:defaultTabStop w:autoHyphenation
    w:consecutiveHyphenLimit w:hyphenationZone w:doNotHyphenateCaps w:showEnvelope
    w:summaryLength w:clickAndTypeStyle w:defaultTableStyle w:evenAndOddHeaders
    w:bookFoldRevPrinting w:bookFoldPrinting w:bookFoldPrintingSheets
    w:drawingGridHorizontalSpacing w:drawingGridVerticalSpacing
    w:displayHorizontalDrawingGridEvery w:displayVerticalDrawingGridEvery
    w:doNotUseMarginsForDrawingGridOrigin w:drawingGridHorizontalOrigin
    w:drawingGridVerticalOrigin w:doNotShadeFormData w:noPunctuationKerning
    w:characterSpacingControl w:printTwoOnOne w:strictFirstAndLastChars w:noLineBreaksAfter
    w:noLineBreaksBefore w:savePreviewPicture w:doNotValidateAgainstSchema w:saveInvalidXml
    w:ignoreMixedContent w:alwaysShowPlaceholderText w:doNotDemarcateInvalidXml
    w:saveXmlDataOnly w:useXSLTWhenSaving w:saveThroughXslt w:showXMLTags
    w:alwaysMergeEmptyNamespace w:updateFields w:hdrShapeDefaults w:footnotePr w:endnotePr
    w:compat w:docVars w:rsids m:mathPr w:attachedSchema w:themeFontLang w:clrSchemeMapping
    w:doNotIncludeSubdocsInStats w:doNotAutoCompressPictures w:forceUpgrade w:captions
    w:readModeInkLockDown w:smartTagType sl:schemaLibrary w:shapeDefaults w:doNotEmbedSmartTags
    w:decimalSymbol w:listSeparator""".split())


def insert_ordered(parent, child, order: tuple[str, ...]):
    """Insert child before the first existing sibling that the schema puts after it; an
    element of the same tag is replaced.  Children unknown to `order` (extensions such as
    w14:docId, which Word writes last) stay after every known one."""
    rank = order.index(child.tag)
    for old in parent:
        if old.tag == child.tag:
            old.addprevious(child)
            parent.remove(old)
            return child
        if old.tag not in order or order.index(old.tag) > rank:
            old.addprevious(child)
            return child
    parent.append(child)
    return child


def el(tag: str, attrs: dict | None = None, *children):
    """An element with w:-prefixed (or other) attribute names given as 'w:val'."""
    e = OxmlElement(tag)
    for k, v in (attrs or {}).items():
        e.set(qn(k), str(v))
    e.extend(children)
    return e


def sub(parent, tag: str, attrs: dict | None = None):
    """A child appended at the end: for callers that build a parent in schema order."""
    e = SubElement(parent, qn(tag))
    for k, v in (attrs or {}).items():
        e.set(qn(k), str(v))
    return e


def twips(pt: float) -> int:
    return round(pt * TWIPS)


# -- run properties --------------------------------------------------------------------------
def fonts(parent, east_asia: str, latin: str):
    """w:rFonts naming the Chinese face (eastAsia) and the Latin one (ascii, hAnsi, cs), and
    nothing else: a theme attribute (asciiTheme, eastAsiaTheme) would override the names.
    Appended: the caller builds w:rPr in schema order."""
    return sub(parent, "w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin})


def lang(parent, east_asia: str = "zh-CN", latin: str = "en-US"):
    """w:val is the language of Latin text, w:eastAsia that of Chinese: tagging Latin zh-CN
    lets LibreOffice break inside Latin words and numbers, and costs Word its English spelling."""
    return sub(parent, "w:lang", {"w:val": latin, "w:eastAsia": east_asia})


def border(parent, side: str, width_pt: float, space_pt: float = 1, color: str = "auto"):
    """A single line; w:sz is in eighths of a point."""
    return sub(parent, f"w:{side}", {"w:val": "single", "w:sz": max(2, round(width_pt * 8)),
                                     "w:space": round(space_pt), "w:color": color})


# -- paragraph content -----------------------------------------------------------------------
def text_runs(p, text: str, rstyle: str | None = None, hint: bool = False, em: bool = False):
    """One w:r holding text, tabs as w:tab, line breaks as w:br.  hint=True sets w:rFonts w:hint="eastAsia" so Word
    gives the run's ambiguous characters (“ ” ‘ ’ — …) the Chinese font, full width; em=True
    puts 着重号 (w:em dot) under its characters."""
    r = SubElement(p, qn("w:r"))
    if rstyle or hint or em:
        rpr = SubElement(r, qn("w:rPr"))
        if rstyle:
            sub(rpr, "w:rStyle", {"w:val": rstyle})
        if hint:
            sub(rpr, "w:rFonts", {"w:hint": "eastAsia"})
        if em:
            sub(rpr, "w:em", {"w:val": "dot"})
    for piece in re.split(r"([\t\n])", text):
        if piece in ("\t", "\n"):
            SubElement(r, qn("w:tab" if piece == "\t" else "w:br"))
        elif piece:
            t = SubElement(r, qn("w:t"))
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(qn("xml:space"), "preserve")
    return r


def field_begin(p, instruction: str, dirty: bool = False) -> None:
    """begin / instrText / separate: the cached result follows, then field_end."""
    r = SubElement(p, qn("w:r"))
    sub(r, "w:fldChar", {"w:fldCharType": "begin", **({"w:dirty": "true"} if dirty else {})})
    r = SubElement(p, qn("w:r"))
    t = sub(r, "w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instruction} "
    sub(SubElement(p, qn("w:r")), "w:fldChar", {"w:fldCharType": "separate"})


def page_ref(p, bookmark: str) -> None:
    """A PAGEREF field to a bookmark, its cached result left empty: LibreOffice computes it on
    load, Word and WPS when fields are updated (F9), so no number shown is ever another
    edition's."""
    field_begin(p, f"PAGEREF {bookmark} \\h")
    field_end(p)


def field_end(p) -> None:
    sub(SubElement(p, qn("w:r")), "w:fldChar", {"w:fldCharType": "end"})


def bookmark(p, bid: int, name: str) -> None:
    """Wrap the paragraph's content in a bookmark (the 目录 entries link to it)."""
    p.insert(1 if len(p) and p[0].tag == qn("w:pPr") else 0,
             el("w:bookmarkStart", {"w:id": bid, "w:name": name}))
    sub(p, "w:bookmarkEnd", {"w:id": bid})


def hyperlink(p, anchor: str):
    """An internal link to a bookmark: the container for the link's runs."""
    return sub(p, "w:hyperlink", {"w:anchor": anchor, "w:history": "1"})


# -- sections --------------------------------------------------------------------------------
def sect_pr(start: str, size_pt: tuple[float, float], margins_pt: dict, cols: int, gap_pt: float,
            line_pitch_pt: float, first_page: int | None = None):
    """w:sectPr in schema order: type, pgSz, pgMar, pgNumType (page numbers restart at
    `first_page`), cols, docGrid.  Header and footer references are added afterwards with
    python-docx's add_headerReference (ordered too)."""
    s = OxmlElement("w:sectPr")
    sub(s, "w:type", {"w:val": start})
    sub(s, "w:pgSz", {"w:w": twips(size_pt[0]), "w:h": twips(size_pt[1])})
    sub(s, "w:pgMar", {f"w:{k}": twips(v) for k, v in margins_pt.items()})
    if first_page is not None:
        sub(s, "w:pgNumType", {"w:start": first_page})
    sub(s, "w:cols", {"w:num": cols, "w:space": twips(gap_pt)})
    # a line grid at the body leading: Word's 文档网格 for CJK (行网格)
    sub(s, "w:docGrid", {"w:type": "lines", "w:linePitch": twips(line_pitch_pt)})
    return s


HDR_FTR = {"odd": WD_HEADER_FOOTER.PRIMARY, "even": WD_HEADER_FOOTER.EVEN_PAGE,
           "first": WD_HEADER_FOOTER.FIRST_PAGE}


def settings(s, even_and_odd: bool, mirror: bool, tab_pt: float) -> None:
    """Document settings, each inserted in CT_Settings order: mirrored margins (inside and
    outside, as the print pages), running heads that differ on versos and rectos, default tab
    of two characters, punctuation compression (标点挤压), zh-CN as the theme font language for
    Chinese (en-US for Latin), and Word 2013+ layout (compatibilityMode 15, so Word does not open
    the file in 兼容模式).  No updateFields: the 目录's page numbers are PAGEREF fields, so
    nothing asks to be updated on open."""
    def put(tag, attrs=None):
        return insert_ordered(s, el(tag, attrs), SETTINGS_ORDER)

    if mirror:
        put("w:mirrorMargins")
    put("w:defaultTabStop", {"w:val": twips(tab_pt)})
    if even_and_odd:
        put("w:evenAndOddHeaders")
    put("w:characterSpacingControl", {"w:val": "compressPunctuation"})
    upd = s.find(qn("w:updateFields"))
    if upd is not None:
        s.remove(upd)
    compat = s.find(qn("w:compat"))
    if compat is None:
        compat = put("w:compat")
    mode = next((c for c in compat.findall(qn("w:compatSetting")) if c.get(qn("w:name")) == "compatibilityMode"), None)
    if mode is None:
        mode = sub(compat, "w:compatSetting", {"w:name": "compatibilityMode",
                                               "w:uri": "http://schemas.microsoft.com/office/word"})
    mode.set(qn("w:val"), "15")
    put("w:themeFontLang", {"w:val": "en-US", "w:eastAsia": "zh-CN"})
