"""Model → an editable DOCX: named styles (on Word's built-in headings so the navigation pane
and the TOC field see them), East Asian fonts on every style, two-column article sections
with the title block above the columns, running heads, PAGE fields, a TOC field."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt
from docx.oxml.ns import qn

from .. import style as S
from ..model import Article, Heading, Issue, Paragraph, Quote
from ..text.names import pad_name
from . import oxml

QUOTES = set("“”‘’")
TWIPS = 20

# style name → (based on, role, size pt, bold, alignment, first-line chars, outline level)
STYLES = {
    "Normal": (None, "song", 10.5, False, "both", 0),
    "Body Text": ("Normal", "song", 10.5, False, "both", 200),
    "Heading 1": ("Normal", "hei-bold", 20, True, "center", 0),     # article title
    "Heading 2": ("Normal", "hei-bold", 11, True, "left", 0),       # 一、…
    "Heading 3": ("Normal", "hei", 10.5, False, "left", 200),       # （一）…
    "Title": ("Normal", "song-bold", 36, True, "center", 0),        # journal masthead
    "Subtitle": ("Normal", "kai", 13, False, "center", 0),
    "Section Name": ("Normal", "hei-bold", 14, True, "left", 0),
    "Byline": ("Normal", "kai", 12, False, "center", 0),
    "Item Title": ("Normal", "hei-bold", 12, True, "center", 0),
    "Locality": ("Normal", "hei-bold", 10.5, True, "left", 0),
    "Dateline": ("Normal", "kai", 10.5, False, "right", 0),
    "Closing Note": ("Normal", "kai", 10.5, False, "right", 0),
    "Quote": ("Normal", "kai", 10.5, False, "both", 200),
    "Imprint": ("Normal", "song", 11, False, "left", 0),
    "Board": ("Normal", "song", 12, False, "left", 0),
    "TOC Heading": ("Normal", "hei-bold", 22, True, "center", 0),
    "TOC 1": ("Normal", "hei-bold", 12, True, "left", 0),
    "TOC 2": ("Normal", "song", 11, False, "left", 0),
}
LEAD_IN = "Lead-in"  # character style for bold lead-ins (黑体)


def _style(doc, name):
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def define_styles(doc) -> None:
    line = Pt(S.BODY.leading)
    for name, (base, role, size, bold, align, flc) in STYLES.items():
        st = _style(doc, name)
        if base:
            st.base_style = doc.styles[base]
        st.font.size = Pt(size)
        st.font.bold = bold
        st.font.italic = False
        st.font.color.rgb = None
        rpr = st.element.get_or_add_rPr()
        oxml.set_fonts(rpr, S.DOCX_EAST_ASIA[role], S.DOCX_LATIN[role])
        pf = st.paragraph_format
        pf.alignment = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
                        "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = line if size <= 12 else Pt(size * 1.4)
        if flc:
            oxml.first_line_chars(st.element.get_or_add_pPr(), flc, size)
        if name.startswith("Heading"):
            pf.keep_with_next = True
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(S.BODY.leading)
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(6)
    lead = doc.styles.add_style(LEAD_IN, WD_STYLE_TYPE.CHARACTER)
    oxml.set_fonts(lead.element.get_or_add_rPr(), S.DOCX_EAST_ASIA["hei"], S.DOCX_LATIN["hei"])
    # Word's defaults for the whole document (docDefaults) too, so unstyled text is Chinese
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    oxml.set_fonts(rpr, S.DOCX_EAST_ASIA["song"], S.DOCX_LATIN["song"])


class StyleIds:
    """python-docx resolves a style name by scanning every style each time (≈3 ms a paragraph);
    resolve each name once and set w:pStyle / w:rStyle directly."""

    def __init__(self, doc):
        self.doc = doc
        self.ids = {st.name: st.style_id for st in doc.styles}

    def para(self, text: str = "", style: str | None = None, container=None):
        p = (container or self.doc).add_paragraph(text)
        if style:
            p._p.get_or_add_pPr().style = self.ids[style]
        return p


def _runs(p, text: str, char_style: str | None = None, ids: StyleIds | None = None) -> None:
    """Add text as runs, giving Chinese quotation marks the East Asian hint."""
    buf = ""
    for ch in text + "\0":
        if ch in QUOTES or ch == "\0":
            if buf:
                r = p.add_run(buf)
                if char_style:
                    r._r.get_or_add_rPr().style = ids.ids[char_style]
                buf = ""
            if ch in QUOTES:
                r = p.add_run(ch)
                if char_style:
                    r._r.get_or_add_rPr().style = ids.ids[char_style]
                oxml.east_asia_hint(r)
        else:
            buf += ch


def _paragraph(ids: StyleIds, para: Paragraph, style: str):
    p = ids.para(style=style)
    for sp in para.spans:
        _runs(p, sp.text, LEAD_IN if sp.bold else None, ids)
    return p


def _setup_section(section, g: S.PageGeometry, cols: int, header: str | None) -> None:
    section.page_width, section.page_height = Mm(S.TRIM_SIZES[g.trim][0]), Mm(S.TRIM_SIZES[g.trim][1])
    left = g.left_recto
    section.left_margin = Pt(left)
    section.right_margin = Pt(g.width - left - g.text_width)
    section.top_margin = Pt(g.height - g.top)
    section.bottom_margin = Pt(g.top - g.lines * S.BODY.leading)
    section.header_distance = Mm(12)
    section.footer_distance = Mm(10)
    sp = section._sectPr
    oxml.columns(sp, cols, int(g.gap * TWIPS))
    oxml.doc_grid(sp, int(S.BODY.leading * TWIPS))
    if header is not None:
        section.header.is_linked_to_previous = False
        hp = section.header.paragraphs[0]
        hp.text = header
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        section.footer.is_linked_to_previous = False
        fp = section.footer.paragraphs[0]
        fp.text = ""
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        oxml.add_field(fp, "PAGE", "1")


def _title_block(ids: StyleIds, a: Article, item: bool) -> None:
    if a.locality:
        ids.para(a.locality, "Locality")
    ids.para(a.title, "Item Title" if item else "Heading 1")
    if a.subtitle:
        ids.para("——" + a.subtitle, "Subtitle")
    if a.author:
        ids.para(pad_name(a.author), "Byline")


def _body(ids: StyleIds, a: Article) -> None:
    for b in a.blocks:
        if isinstance(b, Heading):
            ids.para(b.text, f"Heading {b.level}")
        elif isinstance(b, Paragraph):
            _paragraph(ids, b, "Body Text")
        elif isinstance(b, Quote):
            for p in b.paragraphs:
                _paragraph(ids, p, "Quote")
    if a.dateline:
        ids.para("——" + a.dateline, "Dateline")
    if a.note:
        ids.para(f"（{a.note}）", "Closing Note")


def render(issue: Issue, toc_pages: dict | None = None) -> bytes:
    """toc_pages: article key → page number in the PDF, to pre-fill the TOC field."""
    g = S.geometry(issue.page.get("trim", S.DEFAULT_TRIM))
    doc = Document()
    define_styles(doc)
    oxml.settings(doc)
    ids = StyleIds(doc)
    j, iss = issue.journal, issue.issue
    cp = doc.core_properties
    cp.title, cp.author, cp.language = f"{j.title} {iss.label}", j.sponsor, "zh-CN"
    cp.subject, cp.keywords = f"{j.title}（内部刊物）", f"{j.title},{iss.label}"
    first = doc.sections[0]
    _setup_section(first, g, 1, None)
    # cover and imprint
    ids.para(j.title, "Title")
    ids.para(iss.label, "Subtitle")
    for m in j.mottos:
        ids.para(m, "Subtitle")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for k, v in [("主办", j.sponsor), *[("编辑" if n == 0 else "　　", e) for n, e in enumerate(j.editors)],
                 ("地址", j.address), ("邮编", j.postcode), ("电话", j.phone), ("信箱", j.email),
                 ("出刊", iss.published), ("印刷", j.printer)]:
        ids.para(f"{k}　{v}", "Imprint")
    for n, notice in enumerate(j.notices):
        ids.para(f"（{notice}）" if n == 0 else f"［{notice}］", "Imprint")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # editorial board: a borderless table, names aligned
    ids.para("编委会", "Section Name")
    rows = []
    for role in issue.board:
        label = role.role + ("（按姓氏笔划为序）" if role.order == "strokes" else "")
        members = [pad_name(m) for m in role.members]
        if role.order or len(members) > 3:
            rows.append((label, []))
            rows.extend(("", members[k:k + 4]) for k in range(0, len(members), 4))
        else:
            rows.append((pad_name(label), members))
    table = doc.add_table(rows=len(rows), cols=5)
    for r, (label, members) in enumerate(rows):
        cells = table.rows[r].cells
        cells[0].text = label
        for c, m in enumerate(members):
            cells[c + 1].text = m
        for cell in cells:
            for p in cell.paragraphs:
                p.style = doc.styles["Board"]
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # 目录: a real TOC field, pre-filled with the PDF's page numbers
    ids.para("目\u3000录", "TOC Heading")
    toc = ids.para(style="TOC 2")
    oxml.add_field(toc, 'TOC \\o "1-1" \\h \\z \\u', "")
    # fill the cached result with real entries (Word replaces them when it updates the field)
    fld_end = toc._p[-1]
    toc._p.remove(fld_end)
    for section in issue.sections:
        ids.para(section.title, "TOC 1")
        for a in section.articles:
            page = (toc_pages or {}).get(a.key)
            line = f"{a.title}\t{page:02d}" if page else a.title
            ids.para(line, "TOC 2")
    end_p = ids.para(style="TOC 2")
    end_p._p.append(fld_end)
    # articles
    for section in issue.sections:
        cols = 1 if section.layout == "one-column" else 2
        for k, a in enumerate(section.articles):
            if section.run_on and k > 0:
                _title_block(ids, a, item=True)
                _body(ids, a)
                continue
            sec = doc.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(sec, g, 1, section.title)
            ids.para(section.title, "Section Name")
            if section.run_on:
                sec2 = doc.add_section(WD_SECTION.CONTINUOUS)
                _setup_section(sec2, g, cols, section.title)
                _title_block(ids, a, item=True)
            else:
                _title_block(ids, a, item=False)
                sec2 = doc.add_section(WD_SECTION.CONTINUOUS)
                _setup_section(sec2, g, cols, section.title)
            _body(ids, a)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
