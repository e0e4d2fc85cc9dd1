"""The DOCX style sheet: one named style per role, sized and faced from typeset.style so the
DOCX and the PDF agree, each with its East Asian font, zh-CN language and exact leading.

Roles that are headings are based on Word's built-in Heading 1–4 (and carry their outline
level), so Word's navigation pane and the TOC field find them.  The template's own styles,
docDefaults, font table and theme fonts are all replaced: python-docx's default template is
a US one (Calibri/Cambria theme fonts that override named fonts, ＭＳ 明朝 in the font table,
spacing after 10 pt at 1.15 lines).
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .. import style as S
from ..fonts import docx_east_asia
from . import oxml
from .oxml import border, el, sub, twips

SECTION_LABEL = S.SECTION_LABEL
COVER_BAND = S.rgb_hex(S.COVER_BAND_CMYK)  # the PDF cover band, in RGB
ZH = "zh-CN"


@dataclass(frozen=True)
class Para:
    """A paragraph style.  Lengths in points; indents `first`/`side` in hundredths of a
    character (w:firstLineChars, w:leftChars) so they follow the font size as Word's do."""
    name: str  # the name Word stores (built-ins in Word's own spelling: "heading 1", "toc 1")
    text: S.TextStyle  # face, size and leading
    base: str | None = "Normal"
    align: str = "left"  # w:jc: both (两端对齐), left, center, right
    first: int = 0
    side: int = 0
    left: float = 0.0
    right: float = 0.0
    hanging: float = 0.0
    before: float = 0.0
    after: float = 0.0
    outline: int | None = None  # 0 = level 1
    keep_next: bool = False
    rule: float = 0.0  # a bottom border this wide
    tab: float | None = None  # a tab stop here
    tab_right: bool = False
    tab_dots: bool = False
    color: str | None = None
    shade: str | None = None
    builtin: bool = False

    @property
    def style_id(self) -> str:
        return style_id(self.name)


def style_id(name: str) -> str:
    """Word's styleId: the name without spaces, with Word's capitals for built-ins."""
    if name == "Normal Table":
        return "TableNormal"
    if name.startswith("footnote "):  # Word's ids: FootnoteText, FootnoteReference
        return "".join(w.capitalize() for w in name.split(" "))
    return {"heading": "Heading", "toc": "TOC", "header": "Header", "footer": "Footer"}.get(
        name.split(" ")[0], name.split(" ")[0]) + "".join(name.split(" ")[1:])


def sheet(g: S.PageGeometry) -> list[Para]:
    """Every paragraph style, in the order Word lists them.  Front-matter indents follow the
    PDF, which sets the imprint and board 60 pt inside the type area."""
    w, L = g.text_width, S.BODY.leading
    inset = S.FRONT_INSET
    return [
        Para("Normal", S.BODY, base=None, align="both", builtin=True),
        # body text: 五号 宋体 on the 17 pt grid, indented two characters, justified
        Para("Body Text", S.BODY, align="both", first=200, builtin=True),
        Para("Lead Text", S.LEAD, base="Body Text", align="both", first=200),  # 卷首语: 楷体, larger
        Para("Quote", S.QUOTE, base="Body Text", align="both", first=200, side=100, builtin=True),
        # headings: section name (栏目) > article title > 一、 > （一）
        Para("heading 1", SECTION_LABEL, outline=0, keep_next=True, builtin=True, after=L - 3, rule=0.4),
        Para("Section Name", SECTION_LABEL, base="heading 1", outline=0, keep_next=True, after=L - 3, rule=0.4),
        Para("heading 2", S.TITLE, align="center", outline=1, keep_next=True, builtin=True, before=8),
        Para("Article Title", S.TITLE, base="heading 2", align="center", outline=1, keep_next=True, before=8),
        Para("Item Title", S.ITEM_TITLE, base="heading 2", align="center", outline=1, keep_next=True),
        Para("heading 3", S.H2, outline=2, keep_next=True, builtin=True, before=L),  # 一、…
        Para("heading 4", S.H3, outline=3, keep_next=True, builtin=True, first=200),  # （一）…
        Para("Subtitle", S.SUBTITLE, align="center", keep_next=True, builtin=True),
        Para("Byline", S.BYLINE, align="center", before=2, after=L),
        Para("Locality", S.LOCALITY, keep_next=True),
        Para("Dateline", S.NOTE, align="right"),
        Para("Closing Note", S.NOTE, align="right"),
        Para("Figure", S.BODY, align="center", keep_next=True),  # holds a picture: spacing set on the paragraph
        Para("caption", S.NOTE, align="center", builtin=True),
        # tables (三线表: the rules are the table's own) and notes (real footnotes, number hanging)
        Para("Table Caption", S.TABLE_CAPTION, align="center", keep_next=True),
        Para("Table Head", S.TABLE_HEAD, align="center"),
        Para("Table Text", S.TABLE_TEXT, align="left"),
        Para("footnote text", S.NOTES_TEXT, left=NOTE_HANG, hanging=NOTE_HANG, tab=NOTE_HANG, builtin=True),
        # cover: the masthead and issue reversed out of the band, as printed
        Para("Title", S.COVER_TITLE, align="center", color="FFFFFF", shade=COVER_BAND, builtin=True),
        Para("Cover Issue", S.COVER_ISSUE_DOCX, align="center", color="FFFFFF", shade=COVER_BAND, after=60),
        Para("Cover Motto", S.COVER_MOTTO, align="center"),
        Para("Cover Note", S.COVER_NOTE, align="center"),
        # imprint (版权页)
        Para("Imprint Title", S.IMPRINT_TITLE, left=inset, before=8),
        Para("Imprint Issue", S.IMPRINT_ISSUE, left=inset, right=w - inset - S.IMPRINT_RULE, rule=0.8, after=30),
        Para("Imprint", S.IMPRINT_VALUE, left=inset + S.IMPRINT_VALUE_X, hanging=S.IMPRINT_VALUE_X,
             tab=inset + S.IMPRINT_VALUE_X),
        Para("Imprint Note", S.IMPRINT_NOTE, left=inset),
        # editorial board
        Para("Board Title", S.BOARD_TITLE, left=inset, before=16, after=26),
        Para("Board Role", S.BOARD_ROLE),
        Para("Board", S.TextStyle("song", S.BOARD_NAME_SIZE, S.BOARD_STEP_NAMES)),
        # 目录: tight enough that Word's refreshed TOC (every item listed) still fits one page
        Para("TOC Heading", S.TOC_HEADING, align="center", after=2 * L, builtin=True),
        Para("toc 1", S.TOC_SECTION, before=6, rule=0.3, builtin=True),
        Para("toc 2", S.TOC_ENTRY, left=S.TOC_INDENT, tab=w, tab_right=True, tab_dots=True, builtin=True),
        # running head (journal and issue at the inner edge, the section at the outer) and folio
        # the empty paragraph that holds a section break: a point high, so it takes no line
        Para("Section Break", S.TextStyle("song", 1.0, 1.0)),
        Para("header", S.RUNNING, rule=0.4, tab=w, tab_right=True, builtin=True),
        Para("footer", S.FOLIO, align="right", builtin=True),
    ]


# a note's text stands clear of a two-digit marker: [10] or ⑩ and half an em
NOTE_HANG = (2.5 + S.NOTE_GAP) * S.NOTES_TEXT.size

# character styles (face only; the paragraph gives the size)
LEAD_IN = Para("Lead-in", S.BODY_BOLD, base=None)  # bold lead-ins, set in 黑体 as printed
RUNNING_SECTION = Para("Running Section", S.RUNNING_SECTION, base=None)  # the section in the running head


def _rpr(parent, text: S.TextStyle, color: str | None = None):
    """w:rPr in schema order: rFonts, b, bCs, color, sz, szCs, lang."""
    rpr = sub(parent, "w:rPr")
    oxml.fonts(rpr, docx_east_asia()[text.face], S.DOCX_LATIN[text.face])
    bold = "1" if text.face.endswith("-bold") else "0"
    sub(rpr, "w:b", {"w:val": bold})
    sub(rpr, "w:bCs", {"w:val": bold})
    sub(rpr, "w:i", {"w:val": "0"})
    sub(rpr, "w:color", {"w:val": color or "auto"})
    sub(rpr, "w:sz", {"w:val": round(text.size * 2)})
    sub(rpr, "w:szCs", {"w:val": round(text.size * 2)})
    oxml.lang(rpr, ZH)
    return rpr


def _ppr(parent, st: Para):
    """w:pPr in schema order."""
    ppr = sub(parent, "w:pPr")
    if st.keep_next:
        sub(ppr, "w:keepNext")
    sub(ppr, "w:widowControl")
    if st.rule:
        border(sub(ppr, "w:pBdr"), "bottom", st.rule, space_pt=2)
    if st.shade:
        sub(ppr, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": st.shade})
    if st.tab is not None:
        sub(sub(ppr, "w:tabs"), "w:tab", {"w:val": "right" if st.tab_right else "left", "w:pos": twips(st.tab),
                                          **({"w:leader": "dot"} if st.tab_dots else {})})
    # Word's default for Chinese (a closing mark may hang past the measure), written out
    # because LibreOffice, without it, drops a mark that falls just past a full line
    sub(ppr, "w:overflowPunct", {"w:val": "1"})
    L = S.BODY.leading
    if st.text.leading != L or st.before % L or st.after % L or st.rule:
        # only what fills whole grid lines sits on the line grid; LibreOffice would round
        # the rest up to two lines each
        sub(ppr, "w:snapToGrid", {"w:val": "0"})
    sub(ppr, "w:spacing", {"w:before": twips(st.before), "w:after": twips(st.after),
                           "w:line": twips(st.text.leading), "w:lineRule": "exact"})
    ind = {"w:left": twips(st.left + st.side / 100 * st.text.size),
           "w:right": twips(st.right + st.side / 100 * st.text.size)}
    if st.side:
        ind.update({"w:leftChars": st.side, "w:rightChars": st.side})
    if st.hanging:
        ind["w:hanging"] = twips(st.hanging)
    else:  # two characters as Word encodes them, with the length for readers without *Chars
        ind.update({"w:firstLineChars": st.first, "w:firstLine": twips(st.first / 100 * st.text.size)})
    sub(ppr, "w:ind", ind)
    sub(ppr, "w:jc", {"w:val": st.align})
    if st.outline is not None:
        sub(ppr, "w:outlineLvl", {"w:val": st.outline})
    return ppr


# Chinese names of the custom styles, shown beside the English in a Chinese Word or WPS
# (w:aliases); the built-ins (正文, 标题 1, 目录 1 …) Word and WPS name in Chinese themselves.
ALIASES = {"Lead Text": "卷首语正文", "Section Name": "栏目名", "Article Title": "文章标题", "Item Title": "条目标题",
           "Byline": "作者", "Locality": "地区", "Dateline": "日期行", "Closing Note": "文末注", "Figure": "图片",
           "Cover Issue": "封面期号", "Cover Motto": "封面题词", "Cover Note": "封面注", "Imprint Title": "版权页刊名",
           "Imprint Issue": "版权页期号", "Imprint": "版权页", "Imprint Note": "版权页注", "Board Title": "编委会标题",
           "Board Role": "编委职务", "Board": "编委", "Section Break": "分节", "Lead-in": "要点",
           "Running Section": "页眉栏目", "Table Caption": "表题", "Table Head": "表头", "Table Text": "表格文字"}
# Enter after a title or heading gives body text (w:next)
NEXT_BODY = ("heading 1", "heading 2", "heading 3", "heading 4", "Section Name", "Article Title", "Item Title",
             "Subtitle", "Byline", "Locality", "Title", "TOC Heading")


def _style(kind: str, st: Para, default: bool = False):
    """w:style with its children in CT_Style order: name, aliases, basedOn, next, qFormat."""
    s = el("w:style", {"w:type": kind, "w:styleId": st.style_id, **({"w:default": "1"} if default else {})})
    if not st.builtin:
        s.set(oxml.qn("w:customStyle"), "1")
    sub(s, "w:name", {"w:val": st.name})
    if st.name in ALIASES:
        sub(s, "w:aliases", {"w:val": ALIASES[st.name]})
    if st.base:
        sub(s, "w:basedOn", {"w:val": style_id(st.base)})
    if kind == "paragraph" and st.name in NEXT_BODY:
        sub(s, "w:next", {"w:val": style_id("Body Text")})
    if kind == "paragraph" and st.name.split(" ")[0] not in ("toc", "header", "footer"):
        sub(s, "w:qFormat")  # in the style gallery: the roles staff apply by hand
    return s


def write_styles(styles, g: S.PageGeometry) -> None:
    """Replace the template's docDefaults and every style with this sheet (the latent-style
    list, which only names Word's built-ins, is kept)."""
    for old in styles.findall(oxml.qn("w:style")):
        styles.remove(old)
    defaults = styles.find(oxml.qn("w:docDefaults"))
    defaults.clear()
    _rpr(sub(defaults, "w:rPrDefault"), S.BODY)
    sub(sub(defaults, "w:pPrDefault"), "w:pPr")
    for k, st in enumerate(sheet(g)):
        s = _style("paragraph", st, default=k == 0)
        _ppr(s, st)
        _rpr(s, st.text, st.color)
        styles.append(s)
    for st in (LEAD_IN, RUNNING_SECTION):
        char = _style("character", st)
        rpr = sub(char, "w:rPr")
        oxml.fonts(rpr, docx_east_asia()[st.text.face], S.DOCX_LATIN[st.text.face])
        oxml.lang(rpr, ZH)
        styles.append(char)
    ref = _style("character", Para("footnote reference", S.BODY, base=None, builtin=True))  # a note's marker
    rpr = sub(ref, "w:rPr")
    oxml.fonts(rpr, S.DOCX_EAST_ASIA[S.BODY.face], S.DOCX_LATIN[S.BODY.face])
    sub(rpr, "w:vertAlign", {"w:val": "superscript"})
    oxml.lang(rpr, ZH)
    styles.append(ref)
    # the default table style, which Word expects when a document has tables
    table = _style("table", Para("Normal Table", S.BODY, base=None, builtin=True), default=True)
    _rpr(table, S.BODY)
    tbl = sub(table, "w:tblPr")
    sub(tbl, "w:tblInd", {"w:w": 0, "w:type": "dxa"})
    mar = sub(tbl, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        sub(mar, f"w:{side}", {"w:w": 0, "w:type": "dxa"})
    styles.append(table)


# Word's font table entry for each face: the English name Word and WPS also match, and the
# charset (86 = GB2312) so a PC without the face substitutes a Chinese one, not a Latin one.
FONT_FACTS = {
    "宋体": ("SimSun", "86", "auto", "variable"),
    "黑体": ("SimHei", "86", "modern", "fixed"),
    "楷体": ("KaiTi", "86", "modern", "fixed"),
    "Times New Roman": (None, "00", "roman", "variable"),
    "Arial": (None, "00", "swiss", "variable"),
}


def font_table(blob: bytes) -> bytes:
    """The template's w:fonts root, re-filled with the faces the styles name."""
    root = etree.fromstring(blob)
    for f in list(root):
        root.remove(f)
    names = dict.fromkeys([*docx_east_asia().values(), *S.DOCX_LATIN.values()])
    for name in names:
        alt, charset, family, pitch = FONT_FACTS.get(name, (None, "86", "auto", "variable"))
        f = sub(root, "w:font", {"w:name": name})
        if alt:
            sub(f, "w:altName", {"w:val": alt})
        sub(f, "w:charset", {"w:val": charset})
        sub(f, "w:family", {"w:val": family})
        sub(f, "w:pitch", {"w:val": pitch})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def theme_fonts(blob: bytes) -> bytes:
    """Theme major/minor fonts: Arial + 黑体 for headings, Times New Roman + 宋体 for body
    (the template's are Calibri/Cambria with no East Asian face)."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(blob)
    for kind, role in (("majorFont", "hei"), ("minorFont", "song")):
        font = root.find(f".//{a}fontScheme/{a}{kind}")
        font.find(f"{a}latin").set("typeface", S.DOCX_LATIN[role])
        font.find(f"{a}ea").set("typeface", docx_east_asia()[role])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
