"""Step 1 and 2 of composition: styled text cut into units, with 标点挤压 of adjacent marks.

A unit is what the line breaker places whole: a Han character, a punctuation mark (with the
blank half of its em box that may be given up), a 2-em —— or ……, or a run of Latin text
(a word, a number, an e-mail address or URL).  The classes and amounts come from `rules`.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from . import rules as R


class UnitClass(IntEnum):
    """What a unit is, for breaking, spacing and 标点挤压.  (An IntEnum: the composer hashes
    pairs of classes for every gap, and an int hashes in C.)"""
    HAN = 1          # a Han character (or a full-width letter set like one)
    OPENING = 2      # “ （ 《 …: blank left half
    CLOSING = 3      # ” ） 》 …: blank right half
    STOP = 4         # 、，。：；？！: blank right half
    MIDDLE = 5       # · ～ and the ideographic space: never compressed
    PAIRED = 6       # a 2-em —— or ……, never parted
    LATIN = 7        # an unbreakable Latin run: a word, a number, an e-mail address
    OTHER = 8        # anything else narrow (symbols)


# (Final: compiled, these are constants rather than names looked up at each use)
HAN: Final = UnitClass.HAN
OPENING: Final = UnitClass.OPENING
CLOSING: Final = UnitClass.CLOSING
STOP: Final = UnitClass.STOP
MIDDLE: Final = UnitClass.MIDDLE
PAIRED: Final = UnitClass.PAIRED
LATIN: Final = UnitClass.LATIN
OTHER: Final = UnitClass.OTHER
MARKS = frozenset({OPENING, CLOSING, STOP})  # the marks whose blank halves 标点挤压 may remove


@dataclass(frozen=True)
class Face:
    """A font at a size, as the composer needs it: advance widths in font units."""
    name: str
    size: float
    widths: dict  # code point → advance in units per em
    upm: int = 1000
    rise: float = 0.0   # pt the baseline is raised (a note marker, superscript)
    dots: bool = False  # 着重号: emphasis dots under its Han characters (drawn, not composed)

    def width(self, text: str) -> float:
        w, upm = self.widths, self.upm
        return sum([w.get(ord(c), upm) for c in text]) * self.size / upm


@dataclass(slots=True)
class Unit:
    text: str
    face: Face
    width: float        # advance after fixed compression
    cls: UnitClass
    start: int          # offset of the unit in the paragraph text
    end: int
    dx: float = 0.0     # glyph offset inside the advance (opening mark with its left blank removed)
    blank_l: float = 0.0  # remaining compressible blank on each side
    blank_r: float = 0.0
    split: bool = False  # a piece of an address or an over-long Latin run: may break before it
    fixed: bool = False  # one of two adjacent marks (标点挤压 done): never squeezed further mid-line

    # (written out, as @dataclass would write it: compiled, the one it writes runs interpreted)
    def __init__(self, text: str, face: Face, width: float, cls: UnitClass, start: int, end: int, dx: float = 0.0,
                 blank_l: float = 0.0, blank_r: float = 0.0, split: bool = False, fixed: bool = False) -> None:
        self.text = text
        self.face = face
        self.width = width
        self.cls = cls
        self.start = start
        self.end = end
        self.dx = dx
        self.blank_l = blank_l
        self.blank_r = blank_r
        self.split = split
        self.fixed = fixed

    @property
    def squeezable(self) -> bool:
        """A mark whose blank half 挤进 may take in mid-line."""
        return not self.fixed and (self.blank_l > 0.0 or self.blank_r > 0.0)


def _cls(ch: str) -> UnitClass:
    if ch in R.OPENING:
        return OPENING
    if ch in R.CLOSING:
        return CLOSING
    if ch in R.STOPS:
        return STOP
    if ch in R.MIDDLE or ch == R.IDEOGRAPHIC_SPACE:
        return MIDDLE
    if R.is_han(ch):
        return HAN
    if R.is_latin(ch):
        return LATIN
    return OTHER if ord(ch) < 0x2E80 and not (0xFF00 <= ord(ch) <= 0xFFEF) else HAN


# (advance, class, blank left, blank right, what units_of does, the character)
_Info = tuple[float, UnitClass, float, float, int, str]
_WIDTHS: dict[tuple[str, float, int], dict[str, _Info]] = {}
# what units_of does with a character (the last field of its cached info)
_ONE: Final = 0  # a unit of its own
_SPACE: Final = 1  # whitespace
_PAIR: Final = 2  # maybe half of —— or ……
_RUN: Final = 3  # starts a Latin run


def _char_widths(face: Face) -> dict[str, _Info]:
    """Per-face cache of what each character needs: (advance, class, blank left, blank right, what units_of
    does, the character: one string object for all its units, not one per occurrence)."""
    return _WIDTHS.setdefault((face.name, face.size, id(face.widths)), {})


def _char_info(face: Face, ch: str) -> _Info:
    """A character's entry in _char_widths: the same for every occurrence."""
    if ch in " \t\n":
        return 0.0, OTHER, 0.0, 0.0, _SPACE, ch  # (a space is no unit: its class is not used)
    em = face.size
    w, c = face.width(ch), _cls(ch)
    side = R.BLANK_SIDE.get(ch) if w >= 0.9 * em else None  # only full-width marks have one
    todo = _RUN if c is LATIN else _PAIR if ch in R.PAIRED_FIRST else _ONE
    return w, c, R.BLANK * em if side == "left" else 0.0, R.BLANK * em if side == "right" else 0.0, todo, ch


_ADVANCES: dict = {}


def advances(face: Face) -> dict:
    """The face's cache of single characters' advances (char_width fills it): a caller that
    measures many characters of one face looks them up here itself."""
    return _ADVANCES.setdefault((face.name, face.size, id(face.widths)), {})


def char_width(face: Face, ch: str) -> float:
    """A single character's advance, cached per face (asked for once per glyph drawn)."""
    cache = advances(face)
    w = cache.get(ch)
    if w is None:
        w = cache[ch] = face.width(ch)
    return w


def units_of(runs: list[tuple[str, Face]]) -> tuple[list[Unit], list[str], str]:
    """Cut styled text into units; return (units, spaces, text) where spaces[k] is the
    whitespace that preceded unit k in the source.  (A character's advance, class and blank
    halves come from its face's cache: most characters are a unit of their own, made at once.)"""
    units: list[Unit] = []
    spaces: list[str] = []
    text = "".join(t for t, _ in runs)
    pos = 0
    pending = ""
    for run, face in runs:
        i, n = 0, len(run)
        cw = _char_widths(face)
        while i < n:
            ch = run[i]
            info = cw.get(ch)
            if info is None:
                info = cw[ch] = _char_info(face, ch)
                if info[4] != _SPACE:  # (what char_width would measure: drawing the line asks for it)
                    advances(face)[ch] = info[0]
            w, cls, blank_l, blank_r, todo, char = info
            a = pos + i
            if todo == _ONE or (todo == _PAIR and run[i:i + 2] not in R.PAIRED):
                u = Unit(char, face, w, cls, a, a + 1, 0.0, blank_l, blank_r)
                i += 1
            elif todo == _SPACE:
                pending += ch
                i += 1
                continue
            elif todo == _PAIR:
                two = run[i:i + 2]
                u = Unit(two, face, face.width(two), PAIRED, a, a + 2)
                i += 2
            else:
                j = _latin_end(run, i + 1)
                u = Unit(run[i:j], face, face.width(run[i:j]), LATIN, a, pos + j)
                i = j
            units.append(u)
            spaces.append(pending)
            pending = ""
        pos += n
    _compress_pairs(units, spaces)
    return units, spaces, text


def _latin_end(run: str, j: int) -> int:
    """Where the Latin run going on at j ends: punctuation inside it (2018.5, a@b.com, https://)
    or a closing % belongs to it."""
    n = len(run)
    while j < n:
        if R.is_latin(run[j]):
            j += 1
            continue
        k = j
        while k < n and run[k] in R.LATIN_PUNCT_INSIDE:
            k += 1
        if k > j and (k < n and R.is_latin(run[k]) or run[k - 1] in "%‰"):
            j = k
            continue
        break
    return j


def is_address(text: str) -> bool:
    """A web or e-mail address (not a number, a date or a phone number: those have no letters)."""
    return any(c.isalpha() for c in text) and ("@" in text or "://" in text or text.lower().startswith("www."))


def _split_long(units: list[Unit], spaces: list[str], limit: float) -> tuple[list[Unit], list[str]]:
    """Cut Latin runs wider than the line, and every web or e-mail address, after their own
    break points (/ . - _ @ ? & = #), as URLs and e-mail addresses are broken, so they need not
    run past the column nor, moved whole to the next line, leave the line before letter-spaced."""
    out, outs = [], []
    for u, sp in zip(units, spaces):
        if u.cls is not LATIN or (u.width <= limit and not is_address(u.text)):
            out.append(u)
            outs.append(sp)
            continue
        piece_start = 0
        for k, ch in enumerate(u.text):
            if ch in R.LATIN_BREAK_AFTER or k == len(u.text) - 1:
                piece = u.text[piece_start:k + 1]
                out.append(Unit(piece, u.face, u.face.width(piece), LATIN, u.start + piece_start,
                                u.start + k + 1, split=piece_start > 0))
                outs.append(sp if piece_start == 0 else "")
                piece_start = k + 1
    return out, outs


def _compress_pairs(units: list[Unit], spaces: list[str]) -> None:
    """标点挤压: two adjacent full-width marks keep only one blank half between them, and no
    less: neither is squeezed further in mid-line (」（ and ”。 stay 1.5 em, clreq)."""
    for k in range(1, len(units)):
        a, b = units[k - 1], units[k]
        if spaces[k] or a.cls not in MARKS or b.cls not in MARKS:
            continue
        a.fixed = b.fixed = True
        if a.blank_r:
            a.width -= a.blank_r
            a.blank_r = 0.0
        elif b.blank_l:
            b.width -= b.blank_l
            b.dx -= b.blank_l
            b.blank_l = 0.0
