"""The journal's design as data: page geometry, type sizes, leading, faces by role.

Sizes follow the Chinese 号 system (五号 10.5 pt, 小四 12 pt …); the column measure is a
whole number of body characters so that lines of plain Han text fill it without spacing.
"""
from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4

TRIM_SIZES = {  # name → (width, height) in mm
    "大16开": (210, 285),  # the usual Chinese periodical size (cut from 889×1194 paper)
    "A4": (210, 297),
    "16开": (185, 260),
}
DEFAULT_TRIM = "大16开"

# Faces by role: file in fonts/, and the family name Word/WPS should use for the same role.
FACES = {
    "song": ("NotoSerifSC-Regular.ttf", "Noto Serif CJK SC"),
    "song-bold": ("NotoSerifSC-Bold.ttf", "Noto Serif CJK SC"),
    "hei": ("NotoSansSC-Regular.ttf", "Noto Sans CJK SC"),
    "hei-bold": ("NotoSansSC-Bold.ttf", "Noto Sans CJK SC"),
    "kai": ("JournalKai-Regular.ttf", "Journal Kai"),
}
# Where a role's face lacks a character, the faces tried next (after the role's own): the same
# weight first, in the order 宋 → 黑 → 楷, then the other weight; the issue's other house fonts last.
FALLBACK = {
    "song": ("song", "hei", "kai", "song-bold", "hei-bold"),
    "song-bold": ("song-bold", "hei-bold", "song", "hei", "kai"),
    "hei": ("hei", "song", "kai", "hei-bold", "song-bold"),
    "hei-bold": ("hei-bold", "song-bold", "hei", "song", "kai"),
    "kai": ("kai", "song", "hei", "song-bold", "hei-bold"),
}
# House fonts: the manifest's `fonts:` keys and the roles each sets.
HOUSE_ROLES = {"song": ("song",), "hei": ("hei",), "kai": ("kai",), "title": ("hei-bold", "song-bold")}
# What Chinese office PCs have, for the DOCX (same roles).
DOCX_EAST_ASIA = {"song": "宋体", "song-bold": "宋体", "hei": "黑体", "hei-bold": "黑体", "kai": "楷体"}
DOCX_LATIN = {"song": "Times New Roman", "song-bold": "Times New Roman", "hei": "Arial", "hei-bold": "Arial",
              "kai": "Times New Roman"}


@dataclass(frozen=True)
class TextStyle:
    """A role's face at a size and line pitch (the body, a title, a note …)."""
    face: str     # a key of FACES
    size: float   # pt
    leading: float  # pt, line pitch


BODY = TextStyle("song", 10.5, 17.0)          # 五号 on a 17 pt grid
BODY_BOLD = TextStyle("hei", 10.5, 17.0)      # lead-ins: 黑体, as Chinese magazines set emphasis
H2 = TextStyle("hei-bold", 11.0, 17.0)
H3 = TextStyle("hei", 10.5, 17.0)
QUOTE = TextStyle("kai", 10.5, 17.0)
NOTE = TextStyle("kai", 10.5, 17.0)
TITLE = TextStyle("hei-bold", 20.0, 28.0)     # 二号-ish
SUBTITLE = TextStyle("kai", 13.0, 20.0)
BYLINE = TextStyle("kai", 12.0, 17.0)         # 小四
ITEM_TITLE = TextStyle("hei-bold", 12.0, 17.0)  # run-on items (高层动态, 组工动态)
LOCALITY = TextStyle("hei-bold", 10.5, 17.0)
RUN_ON_TITLE = TextStyle("hei-bold", 14.0, 17.0)  # 四号: an article run on below the previous one, in the column
LEAD = TextStyle("kai", 13.0, 25.5)           # 卷首语: one column, larger
RUNNING = TextStyle("song", 9.0, 12.0)
RUNNING_SECTION = TextStyle("hei", 9.0, 12.0)  # the 栏目 name in the running head
FOLIO = TextStyle("song", 9.0, 12.0)

COLUMN_CHARS = 22      # body characters per column line (fewer on a narrow trim: see MIN_MARGIN_MM)
MIN_MARGIN_MM = 15     # the least room left and right of the type area, for the running heads and the cut
COLUMN_GAP_CHARS = 2
COLUMN_LINES = 40      # grid lines per column


@dataclass(frozen=True)
class PageGeometry:
    """The page of a trim size: its width and height, the type area, columns and baseline grid."""
    trim: str
    width: float   # trim width, pt
    height: float
    column: float  # column measure, pt
    gap: float
    text_width: float
    left_recto: float   # type area left edge on odd pages
    left_verso: float
    top: float          # y of the type area's top (PDF coordinates, origin bottom left)
    lines: int

    def left(self, page_no: int) -> float:
        return self.left_recto if page_no % 2 else self.left_verso


def geometry(trim: str = DEFAULT_TRIM) -> PageGeometry:
    w_mm, h_mm = TRIM_SIZES[trim]
    width, height = w_mm * MM, h_mm * MM
    gap = COLUMN_GAP_CHARS * BODY.size
    fits = int((width - 2 * MIN_MARGIN_MM * MM - gap) // (2 * BODY.size))
    column = min(COLUMN_CHARS, fits) * BODY.size
    text_width = 2 * column + gap
    lines = COLUMN_LINES if h_mm >= 280 else int((height - 130) // BODY.leading)
    text_height = lines * BODY.leading
    spare = width - text_width
    inner = spare * 0.52  # a little more room at the spine for saddle stitching
    top = height - (height - text_height) * 0.47
    return PageGeometry(trim, width, height, column, gap, text_width,
                        left_recto=inner, left_verso=spare - inner, top=top, lines=lines)


# The editorial board page: every name, beside its role or in the rows under it, stands on one grid.
BOARD_INSET = 60.0       # pt from the type area's left edge to the block
BOARD_NAME_X = 110.0     # pt from the block's left edge to the first name column
BOARD_NAME_STEP = 80.0   # pt between name columns (four a row), less on a narrow trim
BOARD_NAME_SIZE = 12.0   # pt; a name is three characters wide (two-character names padded)


def board_grid(g: PageGeometry) -> tuple[float, float, float]:
    """(first name column, step, block width) for the board, so four names a row fit the type
    area on every trim."""
    name = 3 * BOARD_NAME_SIZE
    room = g.text_width - BOARD_INSET - BOARD_NAME_X - name
    step = min(BOARD_NAME_STEP, room / 3)
    return BOARD_NAME_X, step, BOARD_NAME_X + 3 * step + name


# -- front matter, cover, 目录 and marginalia: one place for both writers ---------------------------
# (the DOCX gives each its own paragraph style with these faces and sizes; the second size is the
# DOCX line pitch, and the PDF's row step where it sets lines one under another)
SECTION_LABEL = TextStyle("hei-bold", 14.0, 17.0)   # 四号: a section's name over its first page
COVER_TITLE = TextStyle("song-bold", 64, 120)       # the masthead, reversed out of the band
COVER_ISSUE = TextStyle("hei-bold", 22, 60)         # 2018年第4期 under it
COVER_ISSUE_DOCX = TextStyle("hei", 16, 60)         # …smaller in the DOCX, whose band is a shaded paragraph
COVER_MOTTO = TextStyle("kai", 22, 40)
COVER_NOTE = TextStyle("hei", 11, 20)               # sponsor and the first notice, at the foot
IMPRINT_TITLE = TextStyle("song-bold", 36, 44)
IMPRINT_ISSUE = TextStyle("hei", 14, 26)
IMPRINT_KEY = TextStyle("hei", 11, 22)              # 主办, 编辑 … (the DOCX sets them in the Lead-in face)
IMPRINT_VALUE = TextStyle("song", 11, 22)
IMPRINT_NOTE = TextStyle("kai", 11, 22)
IMPRINT_RULE = 300.0     # pt: the rule under the imprint's issue line
IMPRINT_VALUE_X = 40.0   # pt from a key to its value
BOARD_TITLE = TextStyle("hei-bold", 18, 24)
BOARD_ROLE = TextStyle("hei", 12, 24)
TOC_HEADING = TextStyle("hei-bold", 24, 34)
TOC_SECTION = TextStyle("hei-bold", 12, 17)
TOC_ENTRY = TextStyle("song", 11, 15)
TOC_AUTHOR = TextStyle("kai", 10.5, 15)
TOC_FOLIO = TextStyle("hei-bold", 11, 15)
TOC_INDENT = 2.5 * 11    # pt: entries stand clear of the two-digit folio
HOUSE_HEAD = TextStyle("hei-bold", 22, 30)
HOUSE_KEY = TextStyle("hei", 12, 30)
HOUSE_VALUE = TextStyle("song", 12, 30)
HOUSE_TEXT = TextStyle("song", 12, 22)
BACK_BAND = 200.0                                   # pt: the back cover's band, from the foot
BACK_TITLE = TextStyle("song-bold", 40, 60)         # the masthead reversed out of it
BACK_ISSUE = TextStyle("hei-bold", 16, 24)
BACK_NOTE = TextStyle("hei", 12, 26)                # notices, sponsor and date above the band
# the board and the imprint stand this far inside the type area (pt)
FRONT_INSET = BOARD_INSET
# marginalia: the running head's baseline above the type area, the folio's below it (pt)
RUNNING_HEAD_RAISE = 14.0
FOLIO_DROP = 24.0
# the cover band, as printed: process blue
COVER_BAND_CMYK = (1, 0.75, 0, 0.1)


def rgb_hex(cmyk: tuple) -> str:
    """A CMYK colour as the RRGGBB of a screen (the naive conversion the screen edition uses)."""
    c, m, y, k = cmyk
    return "".join(f"{int(255 * (1 - v) * (1 - k) + 0.5):02X}" for v in (c, m, y))
# the editorial board: a role with more names than this (or sorted by strokes) has its names in
# rows of BOARD_PER_ROW under its label; rows step down by these amounts (pt)
BOARD_SHORT_LIST = 3
BOARD_PER_ROW = 4
BOARD_STEP_LABEL = 26.0
BOARD_STEP_NAMES = 24.0
BOARD_GROUP_GAP = 8.0
BOARD_STEP_SHORT = 30.0

# -- notes (注释), tables, 着重号 ----------------------------------------------------------------
# The house's note markers: "circled" ①②③ (up to ⑳) or "bracketed" [1] [2]; superscript in the
# text (this much of the text's size, raised this many ems), on the line in the notes.
NOTE_MARKS = "circled"
NOTE_MARK_SCALE = 0.6
NOTE_MARK_RISE = 0.4
NOTES_LABEL = TextStyle("hei", 9.0, 17.0)     # 「注释：」 over the notes at the article's end
NOTES_TEXT = TextStyle("song", 9.0, 17.0)     # 小五, one note a paragraph, its number hanging
NOTES_TEXT_BOLD = TextStyle("hei", 9.0, 17.0)
NOTE_GAP = 0.5                                # ems between a note's number and its text
# Tables: 小五 in the body face, the head row in 黑体, the caption (表1　…) in 黑体 over the table;
# three-line table (三线表): a heavy rule above and below, a light one under the head row.
TABLE_TEXT = TextStyle("song", 9.0, 17.0)
TABLE_HEAD = TextStyle("hei", 9.0, 17.0)
TABLE_CAPTION = TextStyle("hei", 9.0, 17.0)
TABLE_RULE_HEAVY = 1.0   # pt
TABLE_RULE_LIGHT = 0.5   # pt
TABLE_CELL_PAD = 0.5     # ems of room either side of a cell's text
TABLE_MIN_TEXT = 4       # ems: the narrowest a column of words may get when the table must wrap
# 着重号: a dot under the middle of each emphasised Han character (never under punctuation)
EMPHASIS_DOT_RADIUS = 0.06  # ems
EMPHASIS_DOT_DROP = 0.24    # ems below the baseline to the dot's centre
# Headings of several lines: the lines after the first hang under the text after 「一、」/「（一）」
# instead of returning to the margin (off: the printed issue's headings are one line).
HEADING_HANG = False
TABLE_RULE_LIFT = 2.5    # pt a table rule stands above its grid line's edge (midway between lines' ink)
