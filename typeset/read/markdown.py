"""Article sources: YAML front matter + CommonMark body → model.Article.

markdown-it-py (a CommonMark-compliant parser, with GFM pipe tables and mdit-py-plugins'
footnotes) reads the body.  Every token type it can emit is listed below, either set (BLOCKS,
INLINES) or refused with the line and a fix (REFUSED, REFUSED_INLINE); anything else is an
error too, so nothing is dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from ..characters import refuse_control_characters
from ..errors import Problems, SourceError
from ..i18n import catalog, t as tr  # (t names a token here)
from ..images import locate
from ..model import Article, ColumnAlign, Figure, Heading, Note, NoteRef, Paragraph, Quote, Span, Table
from .sources import ARTICLE_MAX, FRONT_MATTER_MAX, PARAGRAPH_MAX, load_yaml, read_text, validate

# text_join is off so that an escaped character (\*) stays a text_special token: a literal, never a marker
_md = (MarkdownIt("commonmark").enable("table").disable("text_join")
       .use(footnote_plugin, move_to_end=False, always_match_refs=True))
_CJK = re.compile(r"[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F“”‘’]")
# a table caption, pandoc's way: ': caption' or 'Table: caption' right before or after the table,
# {.page} at its end for a table across the page
_CAPTION = re.compile(r"^(?:Table)?:\s*(?P<text>.*?)\s*(?:\{\.(?P<width>[a-z]+)\})?\s*$", re.S)
_NUMBER = re.compile(r"^[+\-−]?[0-9][0-9,]*(?:\.[0-9]+)?\s*[%‰]?$")

# Block tokens the reader sets (the closing tokens are consumed with their openers) …
BLOCKS = frozenset({"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
                    "blockquote_open", "blockquote_close", "table_open", "table_close", "thead_open",
                    "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open", "th_close",
                    "td_open", "td_close", "footnote_reference_open", "footnote_reference_close"})
# … and those it refuses, with the fix
REFUSED = {  # token → the catalog key of the problem (its fix: KEY.fix)
    "bullet_list_open": "markdown.no_list",
    "ordered_list_open": "markdown.no_numbered_list",
    "code_block": "markdown.no_indented_code",
    "fence": "markdown.no_code_block",
    "html_block": "markdown.no_html",
    "hr": "markdown.no_rule",
}
# … and what stands only inside a refused construct (the reader stops at its opener)
INSIDE_REFUSED = frozenset({"bullet_list_close", "ordered_list_close", "list_item_open", "list_item_close"})
# what a quotation (楷体 paragraphs) may not hold
_NOT_IN_QUOTE = {"heading_open": "markdown.quote_heading", "table_open": "markdown.quote_table",
                 "blockquote_open": "markdown.quote_nested"}
# Inline tokens the reader sets, and those it refuses
INLINES = frozenset({"text", "text_special", "softbreak", "hardbreak", "strong_open", "strong_close", "em_open",
                     "em_close", "code_inline", "footnote_ref", "image"})
REFUSED_INLINE = {
    "link_open": "markdown.no_link",
    "link_close": "markdown.no_link_close",
    "html_inline": "markdown.no_inline_html",
}


def read_article(path: Path, key: str, root: Path | None = None, problems: Problems | None = None,
                 text: str | None = None) -> Article | None:
    """root: the issue folder, which images must stay inside (default: the article's own folder);
    text: the file's content when it is not yet written (update checks what it is about to write).
    Every fault found goes to `problems` (the article is then None); without `problems` the first
    faults are raised together."""
    own = problems is None
    problems = problems if problems is not None else Problems()
    before = len(problems.errors)
    text = read_text(path, ARTICLE_MAX) if text is None else text
    with problems.collect():
        refuse_control_characters(path, text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(path, 1, tr("article.no_front_matter"), tr("article.no_front_matter.fix"))
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise SourceError(path, 1, tr("article.front_matter_open"), tr("article.front_matter_open.fix"))
    front = "\n".join(lines[1:end])
    meta: dict = {}
    where: dict = {}
    if len(front.encode("utf-8")) > FRONT_MATTER_MAX:
        problems.add(SourceError(path, 2, tr("article.front_matter_long", limit=FRONT_MATTER_MAX // 1024),
                                 tr("article.front_matter_long.fix")))
    else:
        with problems.collect():
            meta, where = load_yaml(path, front, first_line=2)
            if not isinstance(meta, dict):
                meta = {}
                raise SourceError(path, 2, tr("article.front_matter_not_mapping"), tr("article.front_matter_not_mapping.fix"))
            for error in validate(path, meta, where, "article.schema.json", "front_matter"):
                problems.add(error)
    body_first = end + 2  # 1-based line number of the first body line
    body = "\n".join(lines[end + 1:])
    _check_paragraph_sizes(path, body, body_first - 1)
    reader = _Reader(path, (root or path.parent).resolve(), body_first - 1, body, problems)
    blocks = reader.blocks()
    notes: tuple[Note, ...] = ()
    with problems.collect():
        notes = reader.notes()
    if not blocks and len(problems.errors) == before:
        problems.add(SourceError(path, body_first, tr("article.no_text"), tr("article.no_text.fix")))
    if own:
        problems.raise_if_any()
    if len(problems.errors) > before:
        return None
    front_matter: dict[str, Any] = {k: meta.get(k) for k in ("title", "subtitle", "author", "locality", "dateline", "note")}
    return Article(key=key, path=path, blocks=blocks, notes=notes, lines={k[0]: n for k, n in where.items() if len(k) == 1},
                   **front_matter)


def _skip(tokens, i: int) -> int:
    """The index after the block that opens at tokens[i] (its close token, nested blocks included)."""
    if tokens[i].nesting != 1:
        return i + 1
    depth, j = 1, i + 1
    while j < len(tokens) and depth:
        depth += tokens[j].nesting
        j += 1
    return j


def _check_paragraph_sizes(path: Path, body: str, offset: int) -> None:
    """A monster paragraph would hold the parser for a long time: refuse it before parsing."""
    at = 0
    for chunk in body.split("\n\n"):
        if len(chunk) > PARAGRAPH_MAX:
            raise SourceError(path, body.count("\n", 0, at) + 1 + offset,
                              tr("markdown.paragraph_too_long", length=len(chunk), limit=PARAGRAPH_MAX),
                              tr("markdown.paragraph_too_long.fix"))
        at += len(chunk) + 2


class _Reader:
    """One article body: its tokens walked once into blocks; notes numbered in order of first
    reference and checked (every reference defined, every definition referenced)."""

    def __init__(self, path: Path, root: Path, offset: int, body: str, problems: Problems):
        self.path, self.root, self.offset, self.body, self.problems = path, root, offset, body, problems
        self.env: dict = {}
        self.tokens = _md.parse(body, self.env)
        self.numbers: dict[str, int] = {}     # note label → its number
        self.ref_lines: dict[str, int] = {}   # note label → the line of its first reference
        self.defs: dict[str, Note] = {}       # note label → its definition (number 0 until numbered)
        self.tables = 0
        self.quote: list[Paragraph] | None = None  # the quotation being read
        self.quote_line = 0

    def line(self, t) -> int:
        return (t.map[0] + 1 + self.offset) if t.map else self.offset

    def error(self, line: int, problem: str, fix: str) -> SourceError:
        return SourceError(self.path, line, problem, fix)

    def blocks(self) -> tuple:
        """The body's blocks in order, each table with its caption.  A block with a fault is
        reported to the problems and left out, so every fault of the article is found in one run."""
        with self.problems.collect():
            self._check_references()
        out: list = []
        i = 0
        while i < len(self.tokens):
            try:
                i = self.block(i, out)
            except SourceError as e:
                self.problems.add(e)
                if self.tokens[i].type == "blockquote_close":  # (a quotation's own fault)
                    self.quote = None
                i = _skip(self.tokens, i)
        with self.problems.collect():
            return tuple(self._captioned(out))
        return tuple(b for b in out if not isinstance(b, _Caption))

    def block(self, i: int, out: list) -> int:
        """Read the block starting at token i into `out` (a paragraph inside a quotation into the
        quotation); return the index after it."""
        tokens, t = self.tokens, self.tokens[i]
        line = self.line(t)
        if self.quote is not None:
            what = _NOT_IN_QUOTE.get(t.type) or ("markdown.quote_image" if t.type == "paragraph_open"
                                                 and _lone_image(tokens[i + 1]) else None)
            if what:
                raise self.error(line, tr(what), tr("markdown.quote.fix"))
        match t.type:
            case "heading_open":
                out.append(self.heading(t, tokens[i + 1], line))
                return i + 3
            case "paragraph_open" if _lone_image(tokens[i + 1]):
                out.append(_figure(self.path, self.root, _lone_image(tokens[i + 1]), line))
                return i + 3
            case "paragraph_open" if self.quote is None and (m := _CAPTION.match(tokens[i + 1].content)):
                self.cell(tokens[i + 1], line)  # plain text only, like a cell
                out.append(_Caption(m["text"], self.width(m["width"], line), line))
                return i + 3
            case "paragraph_open":
                para = Paragraph(tuple(self.spans(tokens[i + 1].children, line)), line)
                (self.quote if self.quote is not None else out).append(para)
                return i + 3
            case "blockquote_open":
                self.quote, self.quote_line = [], line
                return i + 1
            case "blockquote_close":
                out.append(Quote(tuple(self.quote or ()), self.quote_line))
                self.quote = None
                return i + 1
            case "table_open":
                i, table = self.table(tokens, i, line)
                out.append(table)
                return i
            case "footnote_reference_open":
                return self.definition(tokens, i, line)
            case kind if kind in REFUSED:
                raise self.error(line, tr(REFUSED[kind]), tr(f"{REFUSED[kind]}.fix"))
            case kind:
                raise self.error(line, tr("markdown.unsupported", kind=kind), tr("markdown.unsupported.fix"))

    def _captioned(self, blocks: list):
        """Each caption given to the table right after it, or else the one right before it."""
        out: list = []
        for k, b in enumerate(blocks):
            if not isinstance(b, _Caption):
                out.append(b)
                continue
            after = blocks[k + 1] if k + 1 < len(blocks) else None
            if isinstance(after, Table):
                blocks[k + 1] = replace(after, caption=b.text, width=b.width)
            elif k and isinstance(blocks[k - 1], Table) and not out[-1].caption:
                out[-1] = replace(out[-1], caption=b.text, width=b.width)
            else:
                raise self.error(b.line, tr("markdown.lone_caption"), tr("markdown.lone_caption.fix"))
        return out

    def width(self, word: str | None, line: int) -> str:
        if word in (None, "column", "page"):
            return word or "column"
        raise self.error(line, tr("markdown.table_width", width=f"{{.{word}}}"), tr("markdown.table_width.fix"))

    # -- tables ------------------------------------------------------------------------------------
    def table(self, tokens, i: int, line: int) -> tuple[int, Table]:
        """table_open … table_close → (the index after it, the Table)."""
        rows: list[tuple[str, ...]] = []
        align: list[ColumnAlign] = []
        cells: list[str] = []
        row_line = line
        i += 1
        while tokens[i].type != "table_close":
            t = tokens[i]
            match t.type:
                case "tr_open":
                    cells, row_line = [], self.line(t)
                    self._row_width(row_line, len(align) if rows else None)
                case "th_open":
                    style = t.attrs.get("style") or ""
                    align.append(next((a for a in ColumnAlign if style == f"text-align:{a.value}"), ColumnAlign.NUMBER))
                case "inline":
                    cells.append(self.cell(t, row_line))
                case "tr_close":
                    rows.append(tuple(cells))
                case "thead_open" | "thead_close" | "tbody_open" | "tbody_close" | "th_close" | "td_open" | "td_close":
                    pass
                case kind:
                    raise self.error(row_line, tr("markdown.table_unsupported", kind=kind), tr("markdown.table_unsupported.fix"))
            i += 1
        head, body = rows[0], tuple(rows[1:])
        if not body:
            raise self.error(line, tr("markdown.table_no_rows"), tr("markdown.table_no_rows.fix"))
        self.tables += 1
        # a column left to the typesetter is set as numbers (decimal points lined up) when every
        # body cell in it is a number, else from the left
        align = [a if a is not ColumnAlign.NUMBER or all(_NUMBER.match(r[k]) or not r[k] for r in body)
                 else ColumnAlign.LEFT for k, a in enumerate(align)]
        return i + 1, Table(head, body, tuple(align), number=self.tables, line=line)

    def _row_width(self, line: int, columns: int | None) -> None:
        """GFM drops the cells of a row beyond the head's: refuse such a row instead."""
        if columns is None:
            return
        src = self.body.split("\n")[line - self.offset - 1].strip()
        n = len(re.split(r"(?<!\\)\|", src.strip("|")))
        if n > columns:
            raise self.error(line, tr("markdown.table_row_cells", cells=n, columns=columns), tr("markdown.table_row_cells.fix"))

    def cell(self, inline, line: int) -> str:
        kids = inline.children or []
        bad = [c.type for c in kids if c.type not in ("text", "text_special", "code_inline")]
        if bad:
            raise self.error(line, tr("markdown.cell_markup", kind=_token_name(bad[0])), tr("markdown.cell_markup.fix"))
        return "".join(c.content for c in kids).strip()

    # -- notes -------------------------------------------------------------------------------------
    def definition(self, tokens, i: int, line: int) -> int:
        """footnote_reference_open, one paragraph, footnote_reference_close → a note definition."""
        label = tokens[i].meta["label"]
        if label in self.defs:
            raise self.error(line, tr("markdown.note_twice", label=label, first=self.defs[label].line),
                             tr("markdown.note_twice.fix"))
        if [t.type for t in tokens[i + 1:i + 5]] != ["paragraph_open", "inline", "paragraph_close",
                                                     "footnote_reference_close"]:
            raise self.error(line, tr("markdown.note_paragraphs", label=label), tr("markdown.note_paragraphs.fix"))
        spans = self.spans(tokens[i + 2].children, line)
        if any(not isinstance(s, Span) for s in spans):
            raise self.error(line, tr("markdown.note_in_note_ref", label=label), tr("markdown.note_in_note_ref.fix"))
        self.defs[label] = Note(0, tuple(spans), label, line)
        return i + 5

    def ref(self, c, line: int) -> NoteRef:
        label = c.meta.get("label")
        if label is None:  # an inline note ^[…]: its text is in the plugin's list
            label = f"^{c.meta['id']}"
            if label not in self.defs:
                item = self.env["footnotes"]["list"][c.meta["id"]]
                spans = self.spans(item["tokens"], line)
                if any(not isinstance(s, Span) for s in spans):
                    raise self.error(line, tr("markdown.note_in_note"), tr("markdown.note_in_note.fix"))
                self.defs[label] = Note(0, tuple(spans), label, line)
        self.ref_lines.setdefault(label, line)
        return NoteRef(self.numbers.setdefault(label, len(self.numbers) + 1))

    def notes(self) -> tuple[Note, ...]:
        """The notes in number order; an undefined or unused one is an error."""
        for label, line in self.ref_lines.items():
            if label not in self.defs:
                raise self.error(line, tr("markdown.note_undefined", label=label), tr("markdown.note_undefined.fix", label=label))
        for label, note in self.defs.items():
            if label not in self.numbers:
                raise self.error(note.line, tr("markdown.note_unused", label=label), tr("markdown.note_unused.fix", label=label))
        return tuple(sorted((replace(n, number=self.numbers[k]) for k, n in self.defs.items()),
                            key=lambda n: n.number))

    def _check_references(self) -> None:
        """A link reference definition ([name]: url) yields no token: the parser would swallow
        the line silently."""
        for label in self.env.get("references", {}):
            k = next((n for n, ln in enumerate(self.body.split("\n"))
                      if ln.lstrip().casefold().startswith(f"[{label.casefold()}]:")), 0)
            raise self.error(k + 1 + self.offset, tr("markdown.link_definition", label=label),
                             tr("markdown.link_definition.fix"))

    # -- inline text ---------------------------------------------------------------------------------
    # CommonMark will not close '**' or '*' after punctuation when a letter follows ('**（一）…。**面对'),
    # which is exactly how Chinese bold lead-ins and 着重号 are written.  Like the "CJK-friendly
    # emphasis" amendment proposed for CommonMark, we pair such leftover markers ourselves.
    def spans(self, children, line: int) -> list:
        """Inline tokens → Spans and NoteRefs."""
        st = _Style()
        for c in children or []:
            match c.type:
                case "text":
                    st.literal(c.content)
                case "text_special" | "code_inline":
                    st.add(c.content)
                case "strong_open" | "strong_close":
                    st.bold = c.type == "strong_open"
                case "em_open" | "em_close":
                    st.dots = c.type == "em_open"
                case "softbreak" | "hardbreak":  # a line break inside a paragraph is not kept: text reflows
                    prev = next((s.text[-1:] for s in reversed(st.out) if isinstance(s, Span) and s.text), "")
                    st.add("" if _CJK.match(prev or "一") else " ")
                case "footnote_ref":
                    st.out.append(self.ref(c, line))
                case "link_open" if c.markup == "autolink":
                    raise self.error(line, tr("markdown.autolink"), tr("markdown.autolink.fix"))
                case "image":
                    raise self.error(line, tr("markdown.inline_image"), tr("markdown.inline_image.fix"))
                case kind if kind in REFUSED_INLINE:
                    raise self.error(line, tr(REFUSED_INLINE[kind]), tr(f"{REFUSED_INLINE[kind]}.fix"))
                case kind:
                    raise self.error(line, tr("markdown.inline_unsupported", kind=kind), tr("markdown.inline_unsupported.fix"))
        for n, key in ((st.literal_bold, "markdown.stray_bold"), (st.literal_dots, "markdown.stray_dots")):
            if n % 2:
                raise self.error(line, tr(key), tr(f"{key}.fix"))
        return _merged(st.out)

    def heading(self, t, inline, line: int) -> Heading:
        level = int(t.tag[1])
        if level not in (2, 3):
            raise self.error(line, tr("markdown.heading_level", level=level, marks="#" * level), tr("markdown.heading_level.fix"))
        spans = self.spans(inline.children, line)
        if any(not isinstance(s, Span) or s.dots for s in spans):
            raise self.error(line, tr("markdown.heading_markup"), tr("markdown.heading_markup.fix"))
        return Heading(level, "".join(s.text for s in spans), line)
@dataclass
class _Style:
    """The inline style while a paragraph's tokens are read, and the spans so far."""
    bold: bool = False
    dots: bool = False
    literal_bold: int = 0  # '**' and '*' CommonMark left as text, toggled here (see _Reader.spans)
    literal_dots: int = 0
    out: list = field(default_factory=list)

    def add(self, text: str) -> None:
        self.out.append(Span(text, self.bold, self.dots))

    def literal(self, text: str) -> None:
        """Text with '**' and '*' left over by CommonMark: each toggles bold or dots."""
        for k, part in enumerate(text.split("**")):
            if k:
                self.bold = not self.bold
                self.literal_bold += 1
            for m, piece in enumerate(part.split("*")):
                if m:
                    self.dots = not self.dots
                    self.literal_dots += 1
                self.add(piece)


@dataclass(frozen=True)
class _Caption:
    """A ': caption' line, until it is given to its table."""
    text: str
    width: str
    line: int


def _merged(spans: list) -> list:
    """Adjacent spans of one style as one; empty ones dropped."""
    merged: list = []
    for s in spans:
        if isinstance(s, NoteRef):
            merged.append(s)
        elif merged and isinstance(merged[-1], Span) and (merged[-1].bold, merged[-1].dots) == (s.bold, s.dots):
            merged[-1] = Span(merged[-1].text + s.text, s.bold, s.dots)
        elif s.text:
            merged.append(s)
    return merged


def _token_name(kind: str) -> str:
    """A Markdown token as the editor knows it (加粗, 注释 …); in English, or if unknown, its own name."""
    key = f"markdown.token.{kind}"
    return tr(key) if key in catalog() else kind


def _lone_image(inline):
    """The image token if the paragraph is nothing but one image, else None."""
    kids = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    return kids[0] if len(kids) == 1 and kids[0].type == "image" else None


_WIDTHS = ("column", "page")


def _figure(path: Path, root: Path, img, line: int) -> Figure:
    src = unquote(img.attrs.get("src") or "")  # markdown-it percent-encodes non-ASCII names and spaces
    if not src:
        raise SourceError(path, line, tr("markdown.image_no_file"), tr("markdown.image_no_file.fix"))
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", src):  # a URL scheme (two letters or more: not a Windows drive)
        raise SourceError(path, line, tr("markdown.image_url", src=src), tr("markdown.image_url.fix"))
    width = img.attrs.get("title") or "column"
    if width not in _WIDTHS:
        raise SourceError(path, line, tr("markdown.image_width", width=width), tr("markdown.image_width.fix", src=src))
    caption = "".join(c.content for c in img.children or [] if c.type in ("text", "code_inline")).strip()
    return Figure(path=locate(src, path.parent, root, path, line), caption=caption, width=width, line=line)
