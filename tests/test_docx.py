"""The DOCX as staff get it: opened with python-docx and read as XML (styles, fonts, indents,
fields, sections), and converted by LibreOffice to check that it opens, holds every article
paragraph in order and paginates like the print PDF.  The offprints likewise."""
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Emu, Mm

from typeset import style as S
from typeset import view
from typeset.cli import main as cli_main
from typeset.docx.oxml import SETTINGS_ORDER
from util import squash

ISSUE = Path(__file__).resolve().parent.parent / "issue"
BODY_STYLES = ("Body Text", "Lead Text", "Quote")
TITLE_STYLES = ("Article Title", "Item Title")


def norm(s: str) -> str:
    """Whitespace out, ligatures and compatibility forms folded (PDF text extraction)."""
    return squash(unicodedata.normalize("NFKC", s))


def in_order(text: str, paragraphs: list[str]) -> list[str]:
    """The paragraphs not found in text one after another (empty: all there, in order)."""
    missing, at = [], 0
    for p in paragraphs:
        k = text.find(norm(p), at)
        if k < 0:
            missing.append(p)
        else:
            at = k + len(norm(p))
    return missing


def xml_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(built[2])


@pytest.fixture(scope="module")
def parts(built):
    return xml_parts(built[2])


@pytest.fixture(scope="session")
def offprints(tmp_path_factory):
    """The CLI's --offprints: the issue DOCX plus out/offprints/<key>.docx."""
    out = tmp_path_factory.mktemp("offprints")
    assert cli_main([str(ISSUE), "-o", str(out), "--docx-only", "--offprints", "-q"]) == 0
    return {p.stem: p for p in (out / "offprints").glob("*.docx")}


@pytest.fixture(scope="session")
def converted(built, offprints, tmp_path_factory):
    """LibreOffice's PDFs of the issue DOCX and every offprint, made in ONE soffice run with a
    private profile (parallel runs would otherwise share and lock ~/.config/libreoffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed (no soffice on PATH): the DOCX cannot be checked. "
                    "Install it with `apt-get install libreoffice-writer-nogui` (.ci/run does).")
    work = tmp_path_factory.mktemp("soffice")
    sources = [built[2], *offprints.values()]
    run = subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(work), *map(str, sources)],
                         capture_output=True, text=True, timeout=900)
    return run, {src.stem: work / f"{src.stem}.pdf" for src in sources}


def converted_text(pdf_path, g: S.PageGeometry) -> tuple[str, int]:
    """Text of the type area of every page (running heads and folios cut off), and pages."""
    import pymupdf
    doc = pymupdf.open(pdf_path)
    top, bottom = g.height - g.top, g.top - g.lines * S.BODY.leading
    text = "".join(p.get_text("text", clip=pymupdf.Rect(0, top - 4, p.rect.width, p.rect.height - bottom + 4))
                   for p in doc)
    return norm(text), len(doc)


# -- LibreOffice ---------------------------------------------------------------------------------
def test_libreoffice_converts_issue_and_offprints(converted, offprints):
    run, pdfs = converted
    assert run.returncode == 0, run.stderr
    assert "Error" not in run.stderr + run.stdout, run.stderr + run.stdout
    assert len(pdfs) == len(offprints) + 1
    for name, pdf in pdfs.items():
        assert pdf.exists() and pdf.stat().st_size > 1000, f"no PDF from {name}.docx: {run.stderr}"


def test_converted_issue_has_every_paragraph_in_order(converted, built, issue):
    text, _ = converted_text(converted[1][built[2].stem], S.geometry())
    paragraphs = [p.text for _, a in issue.articles() for p in a.paragraphs()]
    assert len(paragraphs) > 200
    assert in_order(text, paragraphs) == []


def test_converted_issue_pages_near_print(converted, built, pdf_doc):
    _, pages = converted_text(converted[1][built[2].stem], S.geometry())
    assert abs(pages - len(pdf_doc)) <= 0.15 * len(pdf_doc), (pages, len(pdf_doc))


def test_converted_offprints_hold_their_article(converted, issue):
    pdfs = converted[1]
    for section, a in issue.articles():
        text, _ = converted_text(pdfs[a.key], S.geometry())
        assert norm(a.title) in text and norm(section.title) in text, a.key
        assert in_order(text, [p.text for p in a.paragraphs()]) == [], a.key


# -- the package: nothing left of python-docx's US template ----------------------------------------
def test_no_us_template_leftovers(built, parts):
    with zipfile.ZipFile(built[2]) as z:
        names = z.namelist()
    assert not [n for n in names if re.search(r"stylesWithEffects|numbering|customXml|thumbnail", n)]
    for name, xml in parts.items():
        # en-US only as the language of Latin text (w:lang w:val), never of Chinese
        assert not re.search(r"eastAsia=\"en-US\"|ja-JP|w:w=\"12240\"|Microsoft Macintosh", xml), name
        if name != "word/theme/theme1.xml":  # the theme lists a face per script, Japanese too
            assert not re.search(r"asciiTheme|eastAsiaTheme|ＭＳ|Calibri", xml), name
    styles = parts["word/styles.xml"]
    defaults = re.search(r"<w:docDefaults>.*</w:docDefaults>", styles).group(0)
    assert 'w:eastAsia="宋体"' in defaults and 'w:eastAsia="zh-CN"' in defaults
    assert "w:after=" not in defaults  # the template's 10 pt after every paragraph
    theme = parts["word/theme/theme1.xml"]
    assert '<a:ea typeface="宋体"/>' in theme and '<a:ea typeface="黑体"/>' in theme
    fonts = set(re.findall(r'<w:font w:name="([^"]+)"', parts["word/fontTable.xml"]))
    named = {f for rfonts in re.findall(r"<w:rFonts [^>]*>", styles) for f in re.findall(r'="([^"]+)"', rfonts)}
    assert fonts == named


def test_page_size_and_margins_are_the_print_trim(document):
    g = S.geometry()
    for s in document.sections:
        assert abs(s.page_width - Mm(210)) < Mm(0.1) and abs(s.page_height - Mm(285)) < Mm(0.1)
        assert abs(Emu(s.page_width - s.left_margin - s.right_margin).pt - g.text_width) < 0.1
        assert abs(Emu(s.page_height - s.top_margin - s.bottom_margin).pt - g.lines * S.BODY.leading) < 0.1
        grid = s._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "340"


def test_settings_in_schema_order(document):
    s = document.settings.element
    tags = [c.tag for c in s]
    known = [t for t in tags if t in SETTINGS_ORDER]
    assert known == sorted(known, key=SETTINGS_ORDER.index)
    assert tags[:len(known)] == known  # extensions (w14:docId) only after the schema's elements
    pos = {t: tags.index(qn(t)) for t in ("w:mirrorMargins", "w:proofState", "w:defaultTabStop",
                                            "w:evenAndOddHeaders", "w:characterSpacingControl",
                                            "w:compat", "w:themeFontLang",
                                            "w:clrSchemeMapping", "w:listSeparator")}
    assert list(pos.values()) == sorted(pos.values()), pos
    assert s.find(qn("w:updateFields")) is None  # nothing to update on open: no prompt
    lang = s.find(qn("w:themeFontLang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")
    modes = [c.get(qn("w:val")) for c in s.find(qn("w:compat")).findall(qn("w:compatSetting"))
             if c.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]  # Word 2013+, not 兼容模式
    assert s.find(qn("w:characterSpacingControl")).get(qn("w:val")) == "compressPunctuation"


# -- styles ----------------------------------------------------------------------------------------
def test_every_style_sets_east_asian_font_and_zh_cn(document):
    styles = document.styles.element.findall(qn("w:style"))
    assert len(styles) >= 30
    for st in styles:
        name = st.find(qn("w:name")).get(qn("w:val"))
        fonts = st.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None and fonts.get(qn("w:eastAsia")) in ("宋体", "黑体", "楷体"), name
        assert fonts.get(qn("w:ascii")) and fonts.get(qn("w:hAnsi")), name
        lang = st.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert lang.get(qn("w:eastAsia")) == "zh-CN", name


def test_body_style_chinese_sizes_indent_justified_exact_leading(document):
    st = document.styles["Body Text"]
    ppr, rpr = st.element.pPr, st.element.rPr
    assert ppr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "both"
    spacing = ppr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("340", "exact")  # 17 pt, as the PDF
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "21"  # 五号
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    sizes = {name: document.styles[name].font.size.pt for name in ("Byline", "Heading 3", "Subtitle", "header")}
    assert sizes == {"Byline": 12, "Heading 3": 11, "Subtitle": 13, "header": 9}  # 小四, …, 小五
    lead = document.styles["Lead-in"]
    assert lead.type == WD_STYLE_TYPE.CHARACTER
    assert lead.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"


def test_roles_are_built_on_word_headings(document):
    expected = {"Section Name": ("Heading 1", "0"), "Article Title": ("Heading 2", "1"),
                "Item Title": ("Heading 2", "1"), "Heading 3": (None, "2"), "Heading 4": (None, "3")}
    for name, (base, level) in expected.items():
        st = document.styles[name]
        if base:
            assert st.base_style.name == base, name
        assert st.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == level, name
    for name in ("Title", "Subtitle", "Byline", "Dateline", "Closing Note", "Board", "Board Role",
                 "TOC Heading", "toc 1", "toc 2", "Imprint", "Locality", "Quote", "Lead Text"):
        assert document.styles[name].type == WD_STYLE_TYPE.PARAGRAPH, name


# -- the text --------------------------------------------------------------------------------------
def test_every_body_paragraph_in_order_in_body_style(document, issue):
    body = [p for p in document.paragraphs if p.style.name in BODY_STYLES]
    assert [squash(p.text) for p in body] == [squash(p.text) for _, a in issue.articles() for p in a.paragraphs()]
    for p in body:
        st = p.style
        while st.name != "Body Text":  # Lead Text (卷首语) and Quote are Body Text variants
            st = st.base_style
        assert p.style.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
        assert p._p.pPr.find(qn("w:ind")) is None  # no direct indent overriding the style


def test_titles_are_headings_in_order(document, issue):
    titles = [p.text.replace("\n", " ") for p in document.paragraphs if p.style.name in TITLE_STYLES]
    assert titles == [a.title for _, a in issue.articles()]


def test_quotes_hinted_east_asian(document):
    runs = [r for p in document.paragraphs for r in p.runs if set(r.text) & set("“”‘’")]
    assert len(runs) > 100
    assert all(r._r.xpath("string(w:rPr/w:rFonts/@w:hint)") == "eastAsia" for r in runs)


def test_editable_no_frames_text_boxes_or_fixed_rows(parts):
    body = parts["word/document.xml"]
    for absolute in (r"<w:framePr\b", "txbxContent", "wp:anchor", 'w:hRule="exact"', r"<w:pict\b"):
        assert not re.search(absolute, body), absolute
    # a line break only where a title breaks at its phrase space
    for p in re.findall(r"<w:p>.*?</w:p>", body, re.S):
        if "<w:br" in p:
            assert re.search(r'w:pStyle w:val="(ArticleTitle|ItemTitle)"', p), p[:200]


# -- sections, running heads, folios ---------------------------------------------------------------
BACK_MATTER = {"Cover Note", "Board Title"}  # the house page (征稿启事) and the back cover


def sections_with_paragraphs(document, back: bool = False):
    """(section, [paragraph style names and texts]) in document order (without the back matter
    after the last article, unless `back`)."""
    out, current = [], []
    for p in document.paragraphs:
        current.append((p.style.name, p.text))
        if p._p.pPr is not None and p._p.pPr.sectPr is not None:
            out.append(current)
            current = []
    out.append(current)
    pairs = list(zip(document.sections, out))
    while not back and pairs and BACK_MATTER & {name for name, _ in pairs[-1][1]}:
        pairs.pop()
    return pairs


def test_back_matter_after_the_last_article(document, issue):
    """The back cover (and the house page, as the PDF has it) close the DOCX: without folios."""
    secs = sections_with_paragraphs(document, back=True)
    back = secs[len(sections_with_paragraphs(document)):]
    assert back and issue.journal.title in [t for _, t in back[-1][1]]
    for s, _ in back:
        assert "PAGE" not in s.footer._element.xml


def test_front_matter_one_column_articles_two(document, issue):
    secs = sections_with_paragraphs(document)
    front = secs[:4]
    # the first text of each (the cover picture's paragraph has none)
    assert [next(t for _, t in paras if t) for _, paras in front] == [issue.journal.title, issue.journal.title,
                                                                      "编委会", "目\u3000录"]
    assert [st for st, _ in secs[0][1]][0] == "Figure"  # the cover picture heads the cover
    for s, _ in front:
        assert s._sectPr.find(qn("w:cols")).get(qn("w:num")) == "1"
    for s, paras in secs[4:]:
        cols = s._sectPr.find(qn("w:cols")).get(qn("w:num"))
        styles = {name for name, _ in paras}
        if styles & {"Body Text", "Quote"}:
            assert cols == "2" and s.start_type == WD_SECTION.CONTINUOUS
            assert not styles & {"Section Name", "Article Title"}  # the title block is above the columns
        else:
            assert cols == "1" and s.start_type == WD_SECTION.NEW_PAGE


def test_every_article_section_has_its_running_head_and_folio(document, issue):
    title_of = {a.title: s.title for s, a in issue.articles()}
    masthead = f"{issue.journal.title}\u3000{issue.issue.label}"
    section_name = None
    for s, paras in sections_with_paragraphs(document)[4:]:
        for style, text in paras:
            if style == "Section Name":
                section_name = text
            elif style in TITLE_STYLES:
                section_name = title_of[text.replace("\n", " ")]
        assert section_name is not None
        # as printed: the section at the outer edge, journal and issue at the inner
        assert s.header.paragraphs[0].text == f"{masthead}\t{section_name}"
        assert s.even_page_header.paragraphs[0].text == f"{section_name}\t{masthead}"
        for footer in (s.footer, s.even_page_footer):
            assert "PAGE" in footer._element.xml and "fldChar" in footer._element.xml
    cover, *front = document.sections[:4]
    assert "PAGE" not in cover.footer._element.xml and not cover.header.paragraphs[0].text
    for s in front:  # imprint, board, 目录: no folio (issue 12), as printed
        assert "PAGE" not in s.footer._element.xml and not s.header.paragraphs[0].text
    # the body's page numbers restart at page: first_folio on the first article, as in the PDF
    starts = [s._sectPr.find(qn("w:pgNumType")) for s in document.sections]
    restarts = [(k, el.get(qn("w:start"))) for k, el in enumerate(starts) if el is not None]
    assert restarts == [(4, str(issue.page.first_folio))]


def test_articles_the_page_plan_runs_on_stay_in_the_columns(document, built, issue):
    """An article the PDF runs on below the previous one is no new section in the DOCX either:
    its title is an Item Title inside the previous article's columns."""
    import typeset.pdf.layout as L
    run_on = L.lay_out(issue).run_on
    assert run_on, "the bundled issue's plan runs some article on"
    titles = {a.title for _, a in issue.articles() if a.key in run_on}
    for s, paras in sections_with_paragraphs(document)[4:]:
        for style, text in paras:
            if text in titles:
                assert style == "Item Title" and s.start_type == WD_SECTION.CONTINUOUS, (text, style)


# -- 目录 and board ------------------------------------------------------------------------------------
def test_toc_lists_the_print_entries_numbered_by_pageref(document, parts, issue):
    """The 目录 as printed (sections; articles; a run-on section as one entry 等N则), each entry
    linked to its title and numbered by a PAGEREF field to the title's bookmark, so the number
    is the DOCX's own page; no TOC field (a refresh could list every run-on item) and no
    updateFields (no prompt on open)."""
    toc = [p for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert not any("TOC \\" in p._p.xml for p in toc)
    assert [p.text for p in toc if p.style.name == "toc 1"] == [s.title for s in issue.sections]
    model = view.toc(issue, {})
    entries = [p for p in toc if p.style.name == "toc 2"]
    assert [p.text for p in entries] == [f"{item.title}\t" for group in model for item in group.items]
    marks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', parts["word/document.xml"]))
    for p in entries:
        anchor = re.search(r'w:anchor="([^"]+)"', p._p.xml).group(1)
        assert anchor in marks
        assert re.search(rf"PAGEREF {anchor} \\h", p._p.xml)
    assert document.settings.element.find(qn("w:updateFields")) is None
    assert 'w:dirty' not in parts["word/document.xml"]


def test_board_borderless_table_in_stroke_order_on_the_print_grid(document, issue):
    table = document.tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    widths = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    names = []
    for tr in table._tbl.tr_lst:
        grid, cells = 0, []  # (x from the table's edge in pt, text)
        for tc in tr.tc_lst:
            text = "".join(t.text for t in tc.iter(qn("w:t")))
            if text:
                cells.append((sum(widths[:grid]), text))
            grid += tc.grid_span
        if len(cells) == 1 and cells[0][0] == 0:
            continue  # the label above a long list
        labelled = cells[0][0] == 0
        members = cells[1:] if labelled else cells
        # the PDF's columns: every name, beside a label or under one, on one grid
        name_x, step, _ = S.board_grid(S.geometry())
        assert [x for x, _ in members] == [name_x + step * k for k in range(len(members))], cells
        names.extend(m.replace("\u3000", "") for _, m in members)
    assert names == [m for role in issue.board for m in role.members]


# -- offprints and speed -----------------------------------------------------------------------------
def test_offprints_one_per_article_with_its_text_heads_and_styles(offprints, issue, document):
    assert sorted(offprints) == sorted(a.key for _, a in issue.articles())
    issue_styles = {s.name for s in document.styles}
    for section, a in issue.articles():
        d = docx.Document(offprints[a.key])
        assert {s.name for s in d.styles} == issue_styles
        body = [squash(p.text) for p in d.paragraphs if p.style.name in BODY_STYLES]
        assert body == [squash(p.text) for p in a.paragraphs()], a.key
        assert [p.text.replace("\n", " ") for p in d.paragraphs if p.style.name in TITLE_STYLES] == [a.title]
        for head in (d.sections[0].header, d.sections[0].even_page_header):
            text = head.paragraphs[0].text
            assert issue.journal.title in text and issue.issue.label in text and section.title in text
        assert "PAGE" in d.sections[-1].footer._element.xml


def test_docx_stage_under_a_second(built):
    assert built[0].stages["docx"] < 1.0, built[0].stages


# -- issue 14: a DOCX Word and LibreOffice open cleanly ---------------------------------------------
def test_latin_text_tagged_latin_chinese_zh_cn(parts):
    """w:val (Latin) en-US and w:eastAsia zh-CN on every language tag: LibreOffice then keeps
    Latin words and numbers whole, and Word spell-checks English."""
    langs = re.findall(r"<w:lang [^>]*/>", parts["word/styles.xml"] + parts["word/document.xml"])
    assert langs
    for tag in langs:
        assert 'w:val="en-US"' in tag and 'w:eastAsia="zh-CN"' in tag, tag


def test_heading_and_title_styles_are_followed_by_body_text(document):
    from typeset.docx.styles import NEXT_BODY
    for name in NEXT_BODY:
        nxt = document.styles[name].element.find(qn("w:next"))
        assert nxt is not None and nxt.get(qn("w:val")) == "BodyText", name


def test_custom_styles_have_chinese_names(document):
    for st in document.styles:
        if st.type == WD_STYLE_TYPE.PARAGRAPH and not st.builtin:
            alias = st.element.find(qn("w:aliases"))
            assert alias is not None and re.search(r"[\u4e00-\u9fff]", alias.get(qn("w:val"))), st.name


def test_each_section_break_in_its_own_empty_paragraph(document):
    body = document.element.body
    breaks = [p for p in body.iter(qn("w:p")) if p.find(qn("w:pPr")) is not None
              and p.find(qn("w:pPr")).find(qn("w:sectPr")) is not None]
    assert len(breaks) == len(document.sections) - 1
    for p in breaks:
        assert p.find(qn("w:r")) is None, p.xml[:300]
        assert p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) == "SectionBreak"


def test_board_columns_hold_three_characters_and_slack(document, converted, built, issue):
    table = document.tables[0]
    widths = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    name_x, step, _ = S.board_grid(S.geometry())
    assert widths[-1] >= 3 * S.BOARD_NAME_SIZE + 4, widths
    inset = int(table._tbl.tblPr.find(qn("w:tblInd")).get(qn("w:w"))) / 20
    assert inset + sum(widths) <= S.geometry().text_width
    mar = {c.tag: c.get(qn("w:w")) for c in table._tbl.tblPr.find(qn("w:tblCellMar"))}
    assert mar == {qn("w:left"): "0", qn("w:right"): "0"}
    # and LibreOffice sets every name on one line (刘岚巍, 吴　悠 and 周　伟 used to wrap)
    board_page = next(lines for lines in converted_lines(converted[1][built[2].stem]) if "编委会" in lines)
    for role in issue.board:
        for m in role.members:
            assert view.byline(m) in board_page, m


def test_app_xml_names_this_application_and_pages(parts, built):
    app = parts["docProps/app.xml"]
    assert "<Application>typeset" in app
    assert f"<Pages>{built[0].pages}</Pages>" in app


def test_titles_break_at_their_phrase_space(document, issue):
    broken = [p.text for p in document.paragraphs if p.style.name in TITLE_STYLES and "\n" in p.text]
    assert "习近平：切实贯彻落实新时代党的组织路线\n全党努力把党的建设得更加坚强有力" in broken
    titles = {a.title for _, a in issue.articles()}
    for text in broken:
        assert text.replace("\n", " ") in titles, text


def test_package_validates_against_the_ecma_schemas(built, offprints, tmp_path):
    """openxml-audit (ECMA-376 schemas and Word's own rules): 0 findings for the issue and an
    offprint; a misordered element is found, so the check can fail."""
    from openxml_audit import OpenXmlValidator
    validator = OpenXmlValidator(max_errors=20)
    for path in (built[2], offprints["11-ren-tao"]):
        result = validator.validate(str(path))
        assert result.is_valid and not list(result.errors), [str(e) for e in result.errors]
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(built[2]) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":  # w:jc before w:pStyle: out of schema order
                data = data.replace(b'<w:pPr><w:pStyle w:val="Title"/>', b'<w:pPr><w:jc w:val="left"/><w:pStyle w:val="Title"/>', 1)
            dst.writestr(info, data)
    assert not validator.validate(str(bad)).is_valid


def converted_lines(pdf_path) -> list[list[str]]:
    """Each page's text lines as LibreOffice set them."""
    import pymupdf
    out = []
    for page in pymupdf.open(pdf_path):
        lines = []
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                lines.append("".join(span["text"] for span in line["spans"]))
        out.append(lines)
    return out


def test_libreoffice_breaks_no_latin_word_or_number(converted, built, issue):
    """No line ends inside a Latin word or a number that the next line finishes (「Ap / p」,
    「3 / 862」)."""
    source = "\n".join(p.text for _, a in issue.articles() for p in a.paragraphs())
    tokens = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9.%@\-]*[A-Za-z0-9%]", source))
    broken = []
    for name, pdf in converted[1].items():
        for lines in converted_lines(pdf):
            for a, b in zip(lines, lines[1:]):
                tail = re.search(r"[A-Za-z0-9.%@\-]+$", a)
                head = re.match(r"[A-Za-z0-9.%@\-]+", b)
                if tail and head and tail.group(0) + head.group(0) in tokens \
                        and f"{tail.group(0)} {head.group(0)}" not in source:
                    broken.append(f"{name}: {a[-12:]} / {b[:12]}")
    assert broken == []


def test_libreoffice_toc_numbers_its_own_pages_on_one_page(converted, built, issue):
    pages = converted_lines(converted[1][built[2].stem])
    toc_page = next(k for k, lines in enumerate(pages) if any(norm(l) == "目录" for l in lines))
    entries = {}
    for group in view.toc(issue, {}):
        for item in group.items:
            start = norm(item.title)[:10]
            line = next((l for l in pages[toc_page] if norm(l).startswith(start)), None)
            assert line is not None, f"{item.title} not on the 目录 page"
            entries[item.title] = line
    assert not any(norm(l) == "目录" for lines in pages[toc_page + 1:] for l in lines)
    numbers = {}
    lines = pages[toc_page]
    folio_page = {}
    for k in range(toc_page + 1, len(pages)):
        digits = [l.strip() for l in pages[k] if l.strip().isdigit()]
        if digits:
            folio_page.setdefault(int(digits[-1]), k)
    for title, line in entries.items():
        # the number ends the entry's line, or its next line when the title wraps
        idx = lines.index(line)
        m = re.search(r"\.{3,}\s*(\d+)\s*$", line) or re.search(r"\.{3,}\s*(\d+)\s*$", lines[idx + 1])
        numbers[title] = int(m.group(1))
        # the page whose folio (the footer's PAGE field, restarting at the first article) is that number
        at = folio_page[numbers[title]]
        assert norm(title)[:10] in norm("".join(pages[at])), (title, numbers[title])
        if at - 1 > toc_page:
            assert norm(title)[:10] not in norm("".join(pages[at - 1])), (title, "starts a page earlier")
    assert sorted(numbers.values()) == list(numbers.values())
