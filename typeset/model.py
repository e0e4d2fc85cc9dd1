"""The typed document model of an issue: what every reader produces and every writer reads.

Frozen dataclasses, no behaviour beyond convenience accessors, so the PDF and DOCX writers
cannot disagree about what the issue says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .style import DEFAULT_TRIM


@dataclass(frozen=True)
class Span:
    """A run of inline text; `bold` marks a lead-in (**一是…。**), `dots` 着重号 (*…*): emphasis
    dots under each Han character."""
    text: str
    bold: bool = False
    dots: bool = False


@dataclass(frozen=True)
class NoteRef:
    """A reference to the article's note `number` (1, 2 …, numbered in order of first reference);
    view.note_marker says how it is printed."""
    number: int


Inline = Span | NoteRef


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its inline spans (plain, bold, 着重号, note references)."""
    spans: tuple[Inline, ...]
    line: int = 0  # source line, for error messages

    @property
    def text(self) -> str:
        """The words of the paragraph (note markers are the writers' business)."""
        return "".join(s.text for s in self.spans if isinstance(s, Span))


@dataclass(frozen=True)
class Heading:
    """A heading inside an article (一、… or （一）…)."""
    level: int  # 2 = 一、…  3 = （一）…
    text: str
    line: int = 0


@dataclass(frozen=True)
class Quote:
    """A block quotation: paragraphs set indented."""
    paragraphs: tuple[Paragraph, ...]
    line: int = 0


@dataclass(frozen=True)
class Figure:
    """An image on its own line: ![caption](path "page").  Checked at load time (typeset.images.validate);
    writers get print-ready pixels from typeset.images.prepare(path, article.path, line)."""
    path: Path  # resolved, inside the issue folder
    caption: str  # may be empty
    width: str = "column"  # "column" or "page" (spans both columns)
    line: int = 0


class ColumnAlign(Enum):
    """A table column's alignment: as the source's |:--|--:|:-:| asks, or NUMBER (decimal points
    lined up) for a column of numbers left to the typesetter."""
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    NUMBER = "number"


@dataclass(frozen=True)
class Table:
    """A GFM pipe table: a head row and body rows of plain-text cells (every row as long as the
    head), its caption (printed as 表N　caption) and its width, like a figure's."""
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[ColumnAlign, ...]
    caption: str = ""
    width: str = "column"  # "column" or "page"
    number: int = 1        # 表1, 表2 … in the article
    line: int = 0


@dataclass(frozen=True)
class Note:
    """A note (注释): `[^label]: text`, printed at the article's end under its number."""
    number: int
    spans: tuple[Span, ...]
    label: str = ""
    line: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


Block = Paragraph | Heading | Quote | Figure | Table


@dataclass(frozen=True)
class Article:
    """One article as read from its Markdown: front matter and blocks."""
    key: str  # file stem, unique in the issue: used for anchors and offprint names
    path: Path
    title: str
    blocks: tuple[Block, ...]
    subtitle: str | None = None
    author: str | None = None
    locality: str | None = None
    dateline: str | None = None
    note: str | None = None
    lines: dict = field(default_factory=dict, hash=False, compare=False)  # front-matter key → its line

    def line(self, key: str) -> int:
        """The source line of a front-matter value (title, author, …), for errors about it."""
        return self.lines.get(key, 1)
    notes: tuple[Note, ...] = ()  # 注释, in number order

    def paragraphs(self):
        """Every paragraph in reading order, quotations included."""
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b
            elif isinstance(b, Quote):
                yield from b.paragraphs


@dataclass(frozen=True)
class Section:
    """A 栏目: its articles, columns and how they start."""
    title: str  # 栏目 name, e.g. 工作研讨
    articles: tuple[Article, ...]
    layout: str = "two-column"  # "one-column" (卷首语) or "two-column"
    start: str = "auto"  # how its articles start: "page" (each on a new page), "run-on" (items follow
    #                      each other: 高层动态, 组工动态) or "auto" (the page planner chooses per article)
    toc: str = "each"  # "each": one 目录 entry per article; "first": first title + 等 N 则
    jump: bool = False  # articles may jump their tails to a later gap (下转 / 上接)

    @property
    def run_on(self) -> bool:
        """A section of short items set one after another, each with its item head in the columns."""
        return self.start == "run-on"


@dataclass(frozen=True)
class BoardRole:
    """One role of the editorial board and its members."""
    role: str  # 编委会主任, 编委, 主编 …
    members: tuple[str, ...]
    order: str | None = None  # None = as listed; "strokes" = 按姓氏笔划为序
    lines: tuple = field(default=(), hash=False, compare=False)  # each member's manifest line, in the order of members


@dataclass(frozen=True)
class Journal:
    """The journal's fixed texts (masthead, imprint, mottos, notices)."""
    title: str
    mottos: tuple[str, ...]
    sponsor: str  # 主办
    editors: tuple[str, ...]  # 编辑
    address: str
    postcode: str
    phone: str
    email: str
    printer: str
    notices: tuple[str, ...]


@dataclass(frozen=True)
class IssueInfo:
    """This issue's year, number and date of publication."""
    year: int
    number: int
    published: str  # 出刊, e.g. 2018年8月

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"


@dataclass(frozen=True)
class PageOptions:
    """The manifest's `page:` options, every default here and nowhere else."""
    trim: str = DEFAULT_TRIM  # a key of style.TRIM_SIZES
    pdfx: bool = False        # declare the print edition PDF/X-4
    jumps: bool = True        # articles of `jump: true` sections may jump their tails (下转/上接)
    max_gap: float = 0.5      # a last page emptier than this fraction jumps its tail when a later gap takes it
    copyfit: bool = True      # pull a short last page back / fill short columns by refitting paragraphs
    first_folio: int = 1      # the folio of the first article page (front matter pages carry none)


@dataclass(frozen=True)
class Filler:
    """A 补白 item: a short notice or quotation the page planner sets in a gap at an article's end."""
    text: str
    title: str | None = None
    source: str | None = None  # printed right-aligned under the text as ——…

    @property
    def label(self) -> str:
        """How a report names it: its title, else the start of its text (its first clause, or
        about 12 characters cut between words), without the mark it stopped at, … where cut."""
        if self.title:
            return self.title
        text = " ".join(self.text.split())
        first = re.split(r"[，。；：？！、,.;:?!]", text, maxsplit=1)[0]
        if 4 <= len(first) <= 16:
            head = first
        else:
            head = text[:12]
            while len(head) < len(text) and re.match(r"[A-Za-z0-9]{2}", text[len(head) - 1:len(head) + 1]):
                head = head[:-1]  # never inside a Latin word or a number
            head = head or text[:12]
        marks = r"[\s，。；：？！、,.;:?!—…]+$"  # a clause's closing marks: the template has its own
        head = re.sub(marks, "", head)
        return head + ("…" if len(head) < len(re.sub(marks, "", text)) else "")


@dataclass(frozen=True)
class PlacedFiller:
    """A 补白 item as the page plan sets it: after the article `after`."""
    after: str   # article key
    filler: Filler


@dataclass(frozen=True)
class Issue:
    """The whole issue as read from the manifest and its articles: the model both writers take."""
    root: Path
    journal: Journal
    issue: IssueInfo
    board: tuple[BoardRole, ...]
    sections: tuple[Section, ...]
    page: PageOptions = field(default_factory=PageOptions)
    cover_image: Path | None = None  # manifest cover: image:, resolved and checked like a Figure
    cover_line: int | None = None  # its manifest line, for typeset.images.prepare's messages
    lines: dict = field(default_factory=dict, hash=False, compare=False)  # manifest key path → line

    fonts: dict = field(default_factory=dict, compare=False)  # house fonts: role → typeset.fonts.FontFile
    warnings: tuple[str, ...] = field(default=(), compare=False)  # FILE:LINE: message, printed by the CLI

    def line(self, *keys) -> int | None:
        """The manifest line of a value, e.g. line("journal", "mottos", 1), for errors about it."""
        return self.lines.get(keys)
    fillers: tuple[Filler, ...] = ()  # 补白 items, set where gaps at article ends take them

    def articles(self):
        for s in self.sections:
            for a in s.articles:
                yield s, a
