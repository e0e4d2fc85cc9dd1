"""Model → an editable DOCX for staff who revise articles in Word or WPS: styled paragraphs that
reflow (no text boxes, no absolute positions), the sections of the print issue, running heads,
PAGE fields and a TOC field.  `render` writes the issue; `render_offprints` one DOCX per
article with the same styles and the same article code.

Paragraphs are written as WordprocessingML elements directly rather than through python-docx's
add_paragraph/add_run, which look styles up by name and re-sort children on every call (most of
the 0.7 s the issue took); python-docx still provides the package, the parts and the saving.
"""
from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import datetime

from docx import Document
from docx.shared import Pt
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .. import images
from .. import style as S
from .. import view
from ..fonts import docx_east_asia
from ..model import Article, Figure, Heading, Issue, NoteRef, Paragraph, Quote, Section, Span, Table
from ..text.rules import is_han
from ..pdf.setting import text_lines
from . import oxml
from . import styles as ST
from .notes import Footnotes
from .tables import table as table_xml
from .oxml import sub, twips

# shared by Chinese and Latin text: hinted so Word sets them full width in the Chinese face
AMBIGUOUS = frozenset("“”‘’—…·")
PAGE = object()  # in a header/footer line: the PAGE field
TOC_FIELD = 'TOC \\o "1-2" \\n "1-1" \\h \\z \\u'  # sections and articles; no page for sections
RELS_UNUSED = ("/stylesWithEffects", "/numbering", "/customXml", "/thumbnail")


@functools.lru_cache(maxsize=4)
def _base(trim: str, east_asia: tuple = ()) -> bytes:
    """python-docx's template made into this journal's: 大16开 (or the issue's trim), zh-CN,
    the style sheet, its fonts, and without the template parts it does not use (Word 2010's
    stylesWithEffects copy of the US styles, a bullet list, a bibliography, a Letter-page
    thumbnail).  Built once per process (and set of house fonts, `east_asia`, which the style sheet
    names); every document starts from these bytes."""
    doc = Document()
    for rels in (doc.part.rels, doc.part.package.rels):
        for rId in [r for r, rel in rels.items() if rel.reltype.endswith(RELS_UNUSED)]:
            del rels[rId]
    g = S.geometry(trim)
    ST.write_styles(doc.styles.element, g)
    for rel in doc.part.rels.values():
        part = rel.target_part
        if rel.reltype.endswith("/fontTable"):
            part._blob = ST.font_table(part.blob)
        elif rel.reltype.endswith("/theme"):
            part._blob = ST.theme_fonts(part.blob)
    oxml.settings(doc.settings.element, even_and_odd=True, mirror=True, tab_pt=2 * S.BODY.size)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def para(style: str, content: str | tuple[Span | NoteRef | tuple[str, str], ...] | object = "",
         before: float | None = None, align: str | None = None, note=None):
    """A w:p of `style`: text, or PAGE, or spans (bold ones in the Lead-in character style, 着重号
    as w:em) and (text, character style) pairs; `before`/`align` are the rare direct formats (the
    gap before a run-on item, the folio at the left of a verso); note(p, ref) writes a note
    reference."""
    p = OxmlElement("w:p")
    ppr = sub(p, "w:pPr")
    sub(ppr, "w:pStyle", {"w:val": ST.style_id(style)})
    if before is not None:
        sub(ppr, "w:spacing", {"w:before": twips(before)})
    if align:
        sub(ppr, "w:jc", {"w:val": align})
    if content is PAGE:
        oxml.field_begin(p, "PAGE")
        oxml.text_runs(p, "1")
        oxml.field_end(p)
    else:
        spans(p, (Span(content),) if isinstance(content, str) else content, note)
    return p


def spans(parent, items, note=None) -> None:
    for sp in items:
        if isinstance(sp, NoteRef):
            if note is None:
                raise TypeError("a note reference where no notes are written")
            note(parent, sp)
            continue
        text, char = (sp.text, ST.LEAD_IN.name if sp.bold else None) if isinstance(sp, Span) else sp
        dots = isinstance(sp, Span) and sp.dots
        for piece, em in (_han_pieces(text) if dots else ((text, False),)):
            if piece:
                oxml.text_runs(parent, piece, char and ST.style_id(char), hint=not AMBIGUOUS.isdisjoint(piece), em=em)


def _han_pieces(text: str) -> list[tuple[str, bool]]:
    """An emphasised run cut into Han characters (w:em dots) and the rest (none under punctuation)."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        han = is_han(ch)
        if out and out[-1][1] == han:
            out[-1] = (out[-1][0] + ch, han)
        else:
            out.append((ch, han))
    return out


APPLICATION = "typeset (《研究与交流》 typesetter)"


def app_xml(pages: int | None) -> bytes:
    """docProps/app.xml naming this application (the template's says "Microsoft Macintosh Word"
    and 1 page); Pages is the print edition's count, which Word and WPS recount on saving."""
    from html import escape  # (not xml.sax.saxutils: it loads urllib.request, http.client, email and ssl)

    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            + (f"<Pages>{pages}</Pages>" if pages else "")
            + f"<Application>{escape(APPLICATION, quote=False)}</Application><DocSecurity>0</DocSecurity>"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")


STORED = (".jpeg", ".jpg", ".png", ".gif", ".tif", ".tiff")  # pictures are compressed already: deflating them again costs time for nothing


class _StampedZip:
    """Where python-docx's package writer puts the members: one zip, every member dated `when`
    (python-docx stamps them with the time of the build, which would make each build's bytes
    differ), this application's app.xml, pictures stored as they are."""

    def __init__(self, when: datetime, pages: int | None):
        self.buf = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buf, "w", zipfile.ZIP_DEFLATED)
        self.date, self.pages = when.timetuple()[:6], pages

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        member = zipfile.ZipInfo(name, date_time=self.date)
        member.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
        member.external_attr = 0o600 << 16
        self.zip.writestr(member, app_xml(self.pages) if name == "docProps/app.xml" else blob)

    def close(self) -> bytes:
        self.zip.close()
        return self.buf.getvalue()


def _saved(package, when: datetime, pages: int | None = None) -> bytes:
    """The package as python-docx's `save` writes it (the same members in the same order), but
    zipped once, stamped (`_StampedZip`)."""
    from docx.opc.pkgwriter import PackageWriter

    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = _StampedZip(when, pages)
    PackageWriter._write_content_types_stream(out, parts)  # (duck-typed: python-docx asks only for write())
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, parts)  # type: ignore[arg-type]
    return out.close()


class _Writer:
    """Appends paragraphs to the body and closes sections behind them: a section's w:sectPr
    goes in an empty paragraph of the Section Break style after its last paragraph."""

    def __init__(self, issue: Issue):
        self.issue = issue
        self.g = S.geometry(issue.page.trim)
        self.doc = Document(io.BytesIO(_base(self.g.trim, tuple(docx_east_asia().items()))))
        self.tail = self.doc.element.body.sectPr  # replaced by the last section's at the end
        self.last = None  # the last body paragraph
        self.open: tuple | None = None  # (cols, start, heads, feet) of the section being written
        self.first_page: int | None = None  # the page number the section being written restarts at
        self.run_on: frozenset[str] = frozenset()  # articles the page plan runs on below the previous one
        self.fillers: dict[str, list] = {}  # article key → the 补白 items the page plan sets after it
        # bookmark (id, name) of each article's title, for the 目录's links
        self.marks = {a.key: (n, f"_Toc{n:03d}_{re.sub(r'[^A-Za-z0-9_]', '_', a.key)}"[:40])
                      for n, (_, a) in enumerate(issue.articles(), start=1)}
        self.masthead = view.masthead(issue)
        self.footnotes = Footnotes(self.doc)
        self.notes: dict = {}  # the article being written: note number → Note

    def note(self, parent, ref: NoteRef) -> None:
        """A real Word footnote for the article's note, marked as the PDF marks it."""
        n = self.notes[ref.number]
        self.footnotes.add(parent, view.note_marker(ref.number), lambda p: spans(p, n.spans))

    # -- paragraphs and sections -----------------------------------------------------------------
    def p(self, style: str, content="", before: float | None = None, mark: str | None = None):
        p = para(style, content, before, note=self.note)
        if mark is not None:
            oxml.bookmark(p, *self.marks[mark])
        self.tail.addprevious(p)
        self.last = p
        return p

    def picture(self, path, source, line, width: float):
        """An inline picture at `width` pt in a paragraph of its own.  Its line height is left to
        the picture (an exact 17 pt line would crop it), and it does not snap to the grid."""
        p = self.p("Figure")
        ppr = p.find(qn("w:pPr"))
        sub(ppr, "w:snapToGrid", {"w:val": "0"})
        sub(ppr, "w:spacing", {"w:before": "0", "w:after": "0", "w:line": "240", "w:lineRule": "auto"})
        inline = self.doc.part.new_pic_inline(io.BytesIO(images.office_image(path, source, line)), width=Pt(width))
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        sub(p, "w:r").append(drawing)
        return p

    def section(self, cols: int, start: str = "nextPage", heads: dict | None = None, feet: dict | None = None):
        """Close the section being written and open one of `cols` columns.  heads/feet map
        "odd"/"even" to lines of (style, text or PAGE); a section without them inherits the
        previous section's, as Word's 链接到前一节 does."""
        if self.open is not None:
            closed = self.last is not None and self.last.find(qn("w:pPr")).find(qn("w:sectPr")) is not None
            if closed and self.tail.getprevious() is self.last:
                # nothing was written since the last break: drop the empty section (a paragraph
                # may hold one w:sectPr only), keeping its headers and a page break it asked for
                _, was, old_heads, old_feet = self.open
                self.open = (cols, "nextPage" if "nextPage" in (start, was) else start,
                             heads or old_heads, feet or old_feet)
                return
            # the break in an empty paragraph of its own: deleting the text before it in Word
            # cannot take the break (and the columns) with it
            self.p("Section Break").find(qn("w:pPr")).append(self._sect_pr(*self.open))
            self.first_page = None
        self.open = (cols, start, heads or {}, feet or {})

    def _sect_pr(self, cols, start, heads, feet):
        g = self.g
        top_margin = g.height - g.top
        bottom_margin = g.top - g.lines * S.BODY.leading
        margins = {  # with mirrorMargins on, left is the inside margin (the spine), as printed
            "top": top_margin, "right": g.width - g.left_recto - g.text_width,
            "bottom": bottom_margin, "left": g.left_recto,
            # the running head and the folio where the PDF sets them (the folio's baseline 3 pt
            # above the footer's bottom)
            "header": top_margin - S.RUNNING_HEAD_RAISE - S.RUNNING.leading,
            "footer": bottom_margin - S.FOLIO_DROP - 3, "gutter": 0}
        s = oxml.sect_pr(start, (g.width, g.height), margins, cols, g.gap, S.BODY.leading, self.first_page)
        for kind, lines in heads.items():
            part, rId = self.doc.part.add_header_part()
            self._fill(part.element, lines)
            s.add_headerReference(oxml.HDR_FTR[kind], rId)
        for kind, lines in feet.items():
            part, rId = self.doc.part.add_footer_part()
            self._fill(part.element, lines)
            s.add_footerReference(oxml.HDR_FTR[kind], rId)
        if "first" in heads:  # the section's first page has headers of its own (w:titlePg)
            s.titlePg_val = True
        return s

    @staticmethod
    def _fill(hdr, lines) -> None:
        for old in hdr.findall(qn("w:p")):
            hdr.remove(old)
        for style, content, align in lines:
            hdr.append(para(style, content, align=align))
        if not lines:  # a header holds at least one paragraph, even when it shows nothing
            hdr.append(para("Normal"))

    def running(self, section: Section) -> dict:
        """Running heads as printed: the section at the outer edge (right on rectos, left on
        versos), journal and issue at the inner, split by the header style's right tab."""
        name = (section.title, ST.RUNNING_SECTION.name)
        return {"odd": [("header", ((self.masthead, None), ("\t", None), name), None)],
                "even": [("header", (name, ("\t" + self.masthead, None)), None)]}

    FOLIOS = {"odd": [("footer", PAGE, None)], "even": [("footer", PAGE, "left")]}
    NO_FOLIOS: dict = {"odd": [], "even": []}

    def finish(self, title: str, subject: str, author: str, pages: int | None = None) -> bytes:
        assert self.open is not None  # (a document has at least one section)
        self.tail.getparent().replace(self.tail, self._sect_pr(*self.open))
        cp = self.doc.core_properties
        iss = self.issue.issue
        month = re.search(r"(\d+)月", iss.published)
        when = datetime(iss.year, int(month.group(1)) if month else 1, 1)
        cp.title, cp.subject, cp.author, cp.language = title, subject, author, "zh-CN"
        cp.keywords = f"{self.issue.journal.title},{iss.label}"
        cp.comments, cp.last_modified_by, cp.revision = "", "", 1
        cp.created = cp.modified = when
        return _saved(self.doc.part.package, when, pages)

    # -- article parts (shared by the issue and the offprints) ---------------------------------
    def title_block(self, a: Article, locality: bool) -> None:
        if locality and a.locality:
            self.p("Locality", a.locality)
        self.p("Article Title", phrase_broken(a.title, S.TITLE, self.g.text_width * TITLE_MEASURE), mark=a.key)
        if a.subtitle:
            self.p("Subtitle", view.subtitle_line(a))
        if a.author:
            self.p("Byline", view.byline(a.author))

    def item_title(self, a: Article, gap: bool) -> None:
        """A run-on item (高层动态, 组工动态) inside the columns, a blank line before it."""
        before = S.BODY.leading if gap else None
        if a.locality:
            self.p("Locality", a.locality, before=before)
            before = None
        self.p("Item Title", phrase_broken(a.title, S.ITEM_TITLE, self.g.column), before=before, mark=a.key)

    def run_on_head(self, a: Article) -> None:
        """An article run on below the previous one in the columns: title, subtitle, byline."""
        self.p("Item Title", a.title, before=S.BODY.leading, mark=a.key)
        if a.subtitle:
            self.p("Subtitle", view.subtitle_line(a))
        if a.author:
            self.p("Byline", view.byline(a.author))

    def body(self, a: Article, section: Section) -> None:
        text = "Lead Text" if section.layout == "one-column" else "Body Text"
        self.notes = {n.number: n for n in a.notes}
        for b in a.blocks:
            match b:
                case Heading():
                    self.p(f"heading {b.level + 1}", b.text)  # model 2 (一、) → Heading 3, under titles
                case Paragraph():
                    self.p(text, b.spans)
                case Quote():
                    for q in b.paragraphs:
                        self.p("Quote", q.spans)
                case Figure():
                    self.figure(a, b, section)
                case Table():
                    self.table(a, b, section)
                case _:
                    raise TypeError(f"{a.path}: no DOCX form for {type(b).__name__} blocks")
        if a.dateline:
            self.p("Dateline", view.dateline_line(a))
        if a.note:
            self.p("Closing Note", view.closing_note(a))
        for f in self.fillers.get(a.key, ()):  # 补白, where the PDF sets it
            if f.title:
                self.p("Locality", f.title, before=S.BODY.leading)
            self.p("Quote", f.text, before=None if f.title else S.BODY.leading)
            if f.source:
                self.p("Dateline", view.dateline_line_text(f.source))

    def figure(self, a: Article, b: Figure, section: Section) -> None:
        """A figure as an inline picture; one across both columns stands in a one-column stretch
        between continuous breaks."""
        across = view.spans_columns(b, section)
        if across:
            self.section(1, "continuous")
        wide = b.width == "page" or section.layout == "one-column"
        self.picture(b.path, a.path, b.line, self.g.text_width if wide else self.g.column)
        if b.caption:
            self.p("caption", b.caption)
        if across:
            self.section(2, "continuous")

    def table(self, a: Article, t: Table, section: Section) -> None:
        """A real Word table under its caption (表N　…), its head row repeated on every page; one
        across the page stands in a one-column stretch, like a page-wide figure."""
        across = view.spans_columns(t, section)
        if across:
            self.section(1, "continuous")
        wide = t.width == "page" or section.layout == "one-column"
        self.p("Table Caption", view.table_caption(t))
        self.tail.addprevious(table_xml(t, a, self.g.text_width if wide else self.g.column))
        if across:
            self.section(2, "continuous")

    def columns(self, section: Section) -> None:
        """Below the title block: the body's columns, on the same page."""
        if section.layout != "one-column":
            self.section(2, "continuous")

    # -- the issue -------------------------------------------------------------------------------
    def front_matter(self, toc_pages: dict) -> None:
        j, iss = self.issue.journal, self.issue.issue
        # cover: no folio; sponsor and notice at the foot of the page, as its footer
        self.section(1, feet={"odd": [("Cover Note", view.cover_sponsor(j), None),
                                      ("Cover Note", view.cover_notice(j), None)]})
        if self.issue.cover_image:
            self.picture(self.issue.cover_image, self.issue.root / "manifest.yaml", self.issue.cover_line,
                         self.g.text_width)
        self.p("Title", j.title)
        self.p("Cover Issue", iss.label)
        for m in j.mottos:
            self.p("Cover Motto", m)
        # imprint, board, 目录: front matter carries no folio
        self.section(1, feet=self.NO_FOLIOS)
        self.p("Imprint Title", j.title)
        self.p("Imprint Issue", iss.label)
        for f in view.imprint_fields(self.issue):
            for n, v in enumerate(f.values):
                self.p("Imprint", (Span(f.key if n == 0 else "", bold=True), Span("\t" + v)))
        for n, notice in enumerate(view.notice_lines(j)):
            self.p("Imprint Note", notice, before=20 if n == 0 else None)
        # editorial board
        self.section(1)
        self.p("Board Title", "编委会")
        self.tail.addprevious(board_table(self.issue, self.g))
        # 目录
        self.section(1)
        self.p("TOC Heading", "目\u3000录")
        self.toc(toc_pages)

    def toc(self, pages: dict) -> None:
        """The print 目录 (view.toc: sections, then their articles, a run-on section as its
        first item 等 N 则) as a list, each entry linked to its title's bookmark and numbered by a
        PAGEREF field to it: the page in the DOCX's own pagination (LibreOffice computes it on
        open, Word and WPS on F9), never the print edition's.  No TOC field: refreshing keeps
        exactly these entries, and nothing prompts for an update on open."""
        for group in view.toc(self.issue, {}):
            self.p("toc 1", group.section)
            for item in group.items:
                p = self.p("toc 2")
                spans(oxml.hyperlink(p, self.marks[item.key][1]), (Span(item.title + "\t"),))
                oxml.page_ref(p, self.marks[item.key][1])

    def back_matter(self, house: bool) -> None:
        """The house page (征稿启事 and the contacts) if the PDF has one, then the back cover: the
        notices, sponsor and date over the masthead band, as the PDF prints them; no folios."""
        j = self.issue.journal
        if house:
            self.section(1, heads={"odd": [], "even": []}, feet=self.NO_FOLIOS)
            self.p("Board Title", view.HOUSE_HEAD)
            for text in view.house_call(j):
                self.p("Imprint Note", text)
            for n, (key, value) in enumerate(view.house_contacts(j)):
                self.p("Imprint", (Span(key, bold=True), Span("\t" + value)), before=20 if n == 0 else None)
        self.section(1, heads={"odd": [], "even": []}, feet=self.NO_FOLIOS)
        for text in view.back_cover_lines(self.issue):
            self.p("Cover Note", text)
        self.p("Title", j.title, before=40)
        self.p("Cover Issue", self.issue.issue.label)

    def articles(self) -> None:
        first = True
        for section in self.issue.sections:
            for k, a in enumerate(section.articles):
                if section.run_on and k:
                    self.item_title(a, gap=True)
                    self.body(a, section)
                    continue
                if a.key in self.run_on:  # run on below the previous article, as the page plan has it
                    self.run_on_head(a)
                    self.body(a, section)
                    continue
                # a new page; a new 栏目 brings its running heads, and its opening page shows its
                # label instead of a running head (the folio centred), as in the PDF; the body's
                # folios start at the first article
                opening = k == 0
                self.section(1, heads={**self.running(section), "first": []} if opening else None,
                             feet={**self.FOLIOS, "first": [("footer", PAGE, "center")]} if opening else None)
                if first:
                    self.first_page, first = self.issue.page.first_folio, False
                if k == 0:
                    self.p("Section Name", section.title)
                if section.run_on:
                    self.columns(section)
                    self.item_title(a, gap=False)
                else:
                    self.title_block(a, locality=False)
                    self.columns(section)
                self.body(a, section)


BOARD_SLACK = 0.5 * S.BOARD_NAME_SIZE  # pt beyond the three characters of the last board column
TITLE_MEASURE = 0.86  # a title's measure, a share of the type area, as pdf/place.py sets it


@functools.lru_cache(maxsize=256)  # the issue and its offprints set the same titles
def phrase_broken(title: str, st: S.TextStyle, measure: float) -> str:
    """The title with a line break (w:br) where the print edition breaks it at a space between
    phrases (稳中求进 / 推动…), so Word does not break inside a phrase; other breaks are left to
    the word processor."""
    if " " not in title or len(title) * st.size <= measure:  # no phrase space, or surely one line
        return title
    lines = text_lines(title, st, measure, balanced=True, phrases=True)
    cuts = [ln.end for ln in lines[:-1] if title[ln.end - 1:ln.end] == " "]
    for end in reversed(cuts):
        title = title[:end - 1] + "\n" + title[end:]
    return title


def board_table(issue: Issue, g: S.PageGeometry):
    """The editorial board (view.board_rows) as a borderless table on the PDF's grid: each row
    as tall as the PDF's step to the next, each cell spanning the grid columns up to the next
    name."""
    _, _, width = S.board_grid(g)
    # the last column is exactly three characters wide on the PDF's grid; Word and LibreOffice
    # wrap a name that fills a cell to the last point, so it gets slack, from the inset if need be
    inset = min(S.BOARD_INSET, g.text_width - width - BOARD_SLACK)
    width += BOARD_SLACK
    style_of = {view.BoardText.ROLE: "Board Role", view.BoardText.NAME: "Board"}
    rows = [(row.step, [(cell.x, style_of[cell.kind], cell.text) for cell in row.cells])
            for row in view.board_rows(issue, g)]
    edges = sorted({0.0, width, *(x for _, cells in rows for x, _, _ in cells)})
    tbl = OxmlElement("w:tbl")
    pr = sub(tbl, "w:tblPr")
    sub(pr, "w:tblW", {"w:w": twips(width), "w:type": "dxa"})
    sub(pr, "w:tblInd", {"w:w": twips(inset), "w:type": "dxa"})  # the PDF's inset
    borders = sub(pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, f"w:{side}", {"w:val": "nil"})
    sub(pr, "w:tblLayout", {"w:type": "fixed"})
    mar = sub(pr, "w:tblCellMar")  # on the table itself: LibreOffice ignores the table style's
    for side in ("left", "right"):
        sub(mar, f"w:{side}", {"w:w": 0, "w:type": "dxa"})
    sub(pr, "w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0, "w:firstColumn": 0,
                          "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1})
    grid = sub(tbl, "w:tblGrid")
    for a, b in zip(edges, edges[1:]):
        sub(grid, "w:gridCol", {"w:w": twips(b - a)})
    for height, cells in rows:
        tr = sub(tbl, "w:tr")
        sub(sub(tr, "w:trPr"), "w:trHeight", {"w:val": twips(height), "w:hRule": "atLeast"})
        if cells[0][0] > 0:
            cells = [(0, "Board", "")] + cells
        for k, (x, style, text) in enumerate(cells):
            end = cells[k + 1][0] if k + 1 < len(cells) else width
            tc = sub(tr, "w:tc")
            tcpr = sub(tc, "w:tcPr")
            sub(tcpr, "w:tcW", {"w:w": twips(end - x), "w:type": "dxa"})
            span = edges.index(end) - edges.index(x)
            if span > 1:
                sub(tcpr, "w:gridSpan", {"w:val": span})
            tc.append(para(style, text))
    return tbl


def render(issue: Issue, toc_pages: dict | None = None, run_on: frozenset[str] = frozenset(),
           fillers: tuple = (), house: bool = False, page_count: int | None = None) -> bytes:
    """The issue.  toc_pages: article key → folio in the PDF, to pre-fill the 目录; run_on: the
    articles the PDF's page plan runs on below the previous one instead of starting a page;
    fillers: the 补白 (model.PlacedFiller) as the PDF sets them; house: whether the PDF has the house
    page (征稿启事) before the back cover; page_count: the print edition's, for app.xml.  The 目录
    numbers itself with PAGEREF fields (the DOCX's own folios), so only toc_pages' keys matter."""
    w = _Writer(issue)
    w.run_on = run_on
    for placed in fillers:
        w.fillers.setdefault(placed.after, []).append(placed.filler)
    w.front_matter(toc_pages or {})
    w.articles()
    w.back_matter(house)
    j = issue.journal
    return w.finish(f"{j.title} {issue.issue.label}", f"{j.title}（内部刊物）", j.sponsor, page_count)


def render_offprints(issue: Issue) -> dict[str, bytes]:
    """One DOCX per article (article key → bytes), to send to its author: the section name,
    title block, body and notes, running heads naming journal, issue and section."""
    out = {}
    for section, a in issue.articles():
        w = _Writer(issue)
        w.section(1, heads=w.running(section), feet=w.FOLIOS)
        w.p("Section Name", section.title)
        w.title_block(a, locality=True)
        w.columns(section)
        w.body(a, section)
        out[a.key] = w.finish(a.title, f"{w.masthead}\u3000{section.title}（抽印本）",
                              a.author or issue.journal.sponsor)
    return out
