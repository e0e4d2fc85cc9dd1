"""What the reader sees, decided once for both writers.

The PDF and DOCX writers draw; what they draw is decided here: the strings the typesetter adds
to the sources (—— before a subtitle, （…） round a closing note, a padded name, 等N则), the
cover's and imprint's lines, the editorial board's rows and the 目录's entries.  Sizes, faces
and positions are in `style`.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from . import style as S
from .model import Article, Figure, Issue, Journal, Section, Table
from .text.names import pad_name

STROKE_ORDER = "（按姓氏笔划为序）"
IDEOGRAPHIC_SPACE = "\u3000"


# -- article display strings -----------------------------------------------------------------
def subtitle_line(a: Article) -> str:
    return f"——{a.subtitle}"


def dateline_line(a: Article) -> str:
    return dateline_line_text(a.dateline or "")


def dateline_line_text(text: str) -> str:
    """A source or dateline as printed: ——…"""
    return f"——{text}"


def closing_note(a: Article) -> str:
    return f"（{a.note}）"


def byline(author: str) -> str:
    """A two-character name is set to the width of three (任　涛), as bylines and boards are."""
    return pad_name(author)


def jump_marker(out: bool, page: int) -> str:
    return f"（下转第{page:02d}页）" if out else f"（上接第{page:02d}页）"


def spans_columns(fig: Figure | Table, section: Section) -> bool:
    """A page-wide figure or table in a two-column section stands across both columns (one
    column: it is as wide as the column anyway)."""
    return fig.width == "page" and section.layout != "one-column"


# -- notes and tables --------------------------------------------------------------------------
NOTES_HEADING = "注释："
CIRCLED = "".join(chr(0x2460 + k) for k in range(20))  # ①…⑳


def note_marker(number: int) -> str:
    """A note's marker, in the text (superscript) and before the note: the house's choice
    (style.NOTE_MARKS)."""
    if S.NOTE_MARKS == "circled" and number <= len(CIRCLED):
        return CIRCLED[number - 1]
    if S.NOTE_MARKS == "circled":
        raise ValueError(f"note {number}: circled markers stop at ⑳")
    return f"[{number}]"


def table_caption(t: Table) -> str:
    return f"表{t.number}{IDEOGRAPHIC_SPACE}{t.caption}" if t.caption else f"表{t.number}"


# -- cover and imprint -------------------------------------------------------------------------
def masthead(issue: Issue) -> str:
    """The journal and issue, as the running heads name them."""
    return f"{issue.journal.title}{IDEOGRAPHIC_SPACE}{issue.issue.label}"


def cover_sponsor(j: Journal) -> str:
    return f"{j.sponsor} 主办"


def cover_notice(j: Journal) -> str:
    return j.notices[0] if j.notices else ""


@dataclass(frozen=True)
class ImprintField:
    """One field of the imprint (主办, 编辑 …) and its lines."""
    key: str                  # 主办, 编辑 …
    values: tuple[str, ...]   # one line each


def imprint_fields(issue: Issue) -> tuple[ImprintField, ...]:
    """The imprint's fields, in the printed issue's order."""
    j, iss = issue.journal, issue.issue
    return (ImprintField("主办", (j.sponsor,)), ImprintField("编辑", tuple(j.editors)),
            ImprintField("地址", (j.address,)), ImprintField("邮编", (j.postcode,)),
            ImprintField("电话", (j.phone,)), ImprintField("信箱", (j.email,)),
            ImprintField("出刊", (iss.published,)), ImprintField("印刷", (j.printer,)))


def notice_lines(j: Journal) -> tuple[str, ...]:
    """The notices under the imprint: the first in （）, the others in ［］, as printed."""
    return tuple(f"（{n}）" if k == 0 else f"［{n}］" for k, n in enumerate(j.notices))


HOUSE_HEAD = "征稿启事"


def house_call(j: Journal) -> tuple[str, ...]:
    """The call for contributions on the house page."""
    return (f"《{j.title}》是{j.sponsor}主办的内部刊物，交流工作经验，研究工作问题，宣传工作成效。"
            "本刊常年征集稿件，欢迎各级党组织和广大党员干部踊跃投稿。",
            "来稿请注明作者姓名、单位和联系电话。稿件以电子邮件发送为宜，文责自负。")


def house_contacts(j: Journal) -> list[tuple[str, str]]:
    return [("投稿信箱", j.email), ("联系电话", j.phone), ("通讯地址", j.address), ("邮政编码", j.postcode),
            ("编　　辑", "　".join(j.editors))]


def back_cover_lines(issue: Issue) -> tuple[str, ...]:
    """What the back cover prints above its band, top to bottom."""
    j = issue.journal
    return (*j.notices, cover_sponsor(j), f"{issue.issue.published}出刊")


# -- the editorial board -----------------------------------------------------------------------
class BoardText(Enum):
    ROLE = "role"   # 编委会主任, 编委（按姓氏笔划为序） …
    NAME = "name"


@dataclass(frozen=True)
class BoardCell:
    """One cell of the editorial board's table: a role or a name at its x."""
    x: float        # pt from the board block's left edge
    kind: BoardText
    text: str


@dataclass(frozen=True)
class BoardRow:
    """One row of the editorial board's table."""
    step: float     # pt from this row's baseline to the next row's
    cells: tuple[BoardCell, ...]


def board_rows(issue: Issue, g: S.PageGeometry) -> list[BoardRow]:
    """The board, every name on one grid (style.board_grid): a long list (or one sorted by
    strokes) in rows under its label, a short one beside its label."""
    name_x, step, _ = S.board_grid(g)
    rows: list[BoardRow] = []
    for role in issue.board:
        label = role.role + (STROKE_ORDER if role.order == "strokes" else "")
        names = [pad_name(m) for m in role.members]
        if len(names) > S.BOARD_SHORT_LIST or role.order:
            rows.append(BoardRow(S.BOARD_STEP_LABEL, (BoardCell(0.0, BoardText.ROLE, label),)))
            chunks = [names[k:k + S.BOARD_PER_ROW] for k in range(0, len(names), S.BOARD_PER_ROW)]
            for k, chunk in enumerate(chunks):
                gap = S.BOARD_GROUP_GAP if k == len(chunks) - 1 else 0.0
                rows.append(BoardRow(S.BOARD_STEP_NAMES + gap, tuple(
                    BoardCell(name_x + c * step, BoardText.NAME, m) for c, m in enumerate(chunk))))
        else:
            rows.append(BoardRow(S.BOARD_STEP_SHORT, (BoardCell(0.0, BoardText.ROLE, pad_name(label)),) + tuple(
                BoardCell(name_x + c * step, BoardText.NAME, m) for c, m in enumerate(names))))
    return rows


# -- the 目录 ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TocItem:
    """One entry of the 目录 as printed: title, subtitle, author."""
    title: str
    subtitle: str | None   # as printed: ——…
    author: str | None     # as printed: padded
    key: str               # the article it goes to
    page: int | None       # its first page, where known
    article: Article       # for messages and the coverage check


@dataclass(frozen=True)
class TocGroup:
    """A section's entries in the 目录."""
    section: str
    items: tuple[TocItem, ...]


def toc_count(n: int) -> str:
    return f"等{n}则"


def toc_count_suffix(title: str) -> str | None:
    """The 「等N则」 a `toc: first` entry ends with, if it does."""
    m = re.search(r"等\d+则$", title)
    return m.group(0) if m else None


def toc(issue: Issue, pages: Mapping[str, int]) -> list[TocGroup]:
    """The 目录: each section, then its articles; a section marked `toc: first` lists its first
    item with 等N则 (a run of short items is one entry)."""
    groups = []
    for section in issue.sections:
        arts = section.articles
        if section.toc == "first" and len(arts) > 1:
            a = arts[0]
            items: tuple[TocItem, ...] = (TocItem(f"{a.locality or ''}{a.title}{toc_count(len(arts))}", None, None, a.key,
                                                  pages.get(a.key), a),)
        else:
            items = tuple(TocItem(a.title, subtitle_line(a) if a.subtitle else None,
                                  byline(a.author) if a.author else None, a.key, pages.get(a.key), a)
                          for a in arts)
        groups.append(TocGroup(section.title, items))
    return groups
