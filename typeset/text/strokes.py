"""Names 按姓氏笔划为序, the order of Chinese editorial-board lists.

Rule (GB/T 13418 笔画序 as applied to name lists): names are compared character by character
from the first character of the whole name -- fewer strokes first, equal counts compared stroke
by stroke in the order 横 竖 撇 点 折 -- "单姓、复姓以及少数民族中的长姓，均以姓名的第一个字，而不是以整个
姓名若干字的笔画总和多少为序": a 复姓 is never summed as one unit, so 欧阳少东 (欧, 8 strokes) comes
before 洪少东 (洪, 9) and 上官丽娟 stands among the three-stroke surnames.  A single given name
has an empty first slot, which sorts before every character (the 姓氏笔画 convention of the CPPCC
and Party congress lists): 高富 before 高大富, 欧阳修 before 欧阳少东.  Characters whose strokes
are the same in number and order (己 已) fall back to code point order, so the sort is total.

Data: typeset/data/strokes.txt (mainland 笔顺 of every character the bundled fonts must cover:
GB 2312 ∪ 通用规范汉字表 ∪ fonts/extra-chars.txt; LGPL-3, made by tools/make_strokes.py) and
typeset/data/compound-surnames.txt (where a 复姓 ends, for the empty slot of a single given
name).  Both are read once, on first use; a character's strokes are looked up in the file's bytes.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Iterable

SEPARATOR = "·"  # joins the parts of transliterated names (买买提·艾力); it has no strokes


class MissingStrokes(LookupError):
    """A character of a name has no stroke data, so the name cannot be placed."""

    def __init__(self, char: str, name: str):
        self.char, self.name = char, name
        super().__init__(char, name)

    def __str__(self) -> str:
        from ..fonts import describe
        from ..i18n import t
        return t("chars.name_no_strokes", char=describe(self.char), name=self.name)


def _path(name: str) -> Path:
    return Path(__file__).resolve().parent.parent / "data" / name


def _data(name: str) -> str:
    return _path(name).read_text(encoding="utf-8")


@cache
def _table() -> dict[str, str]:
    """The whole table (the tests read it; a build looks up the few characters of its names, `_strokes`)."""
    return dict(line.split("\t") for line in _data("strokes.txt").splitlines() if line and not line.startswith("#"))


@cache
def _text() -> tuple[bytes, int]:
    """strokes.txt's bytes and where its first data line starts (after the # header).  Bytes: UTF-8
    keeps code point order, so the lines can be bisected without decoding the file (~5 ms)."""
    data = _path("strokes.txt").read_bytes()
    start = 0
    while data.startswith(b"#", start):
        start = data.index(b"\n", start) + 1
    return data, start


@cache
def _strokes(char: str) -> str | None:
    """The strokes of `char`, or None, by bisecting the file's lines (one character each, in code point
    order): parsing all 27,618 lines into a table costs ~25 ms a build, for the few dozen characters of
    the board's names."""
    data, lo = _text()
    hi, key = len(data), char.encode("utf-8", "surrogatepass")
    while lo < hi:  # lo and hi are line starts; the line holding `mid` is compared
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        tab = data.find(b"\t", start, end)
        here = data[start:tab]
        if here == key:
            return data[tab + 1:end].decode("ascii")
        if here < key:
            lo = end + 1
        else:
            hi = start
    return None


@cache
def compound_surnames() -> frozenset[str]:
    return frozenset(line for line in _data("compound-surnames.txt").splitlines() if line and not line.startswith("#"))


def sequence(char: str, name: str | None = None) -> str:
    """The strokes of one character as digits 1-5 (横 竖 撇 点 折), e.g. 于 → '112'; MissingStrokes
    (naming `name`, the name it is part of, or else the character) if there is no stroke data."""
    seq = _strokes(char)
    if seq is None:
        raise MissingStrokes(char, name or char)
    return seq


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name).  A 复姓 is taken only when a given name follows it: 欧阳 alone is 欧 + 阳."""
    chars = name.replace(SEPARATOR, "")
    n = 2 if len(chars) > 2 and chars[:2] in compound_surnames() else 1
    return chars[:n], chars[n:]


def has_strokes(char: str) -> bool:
    return _strokes(char) is not None


EMPTY = (0, "", "")  # the missing second character of a single given name: before every character


def stroke_key(name: str) -> tuple:
    """Sort key: one unit (stroke count, stroke sequence, the character) per character of the
    whole name, compound surnames included; a single given name gets EMPTY before it."""
    surname, given = split_name(name)
    if not surname:
        raise ValueError("an empty name has no stroke order")

    def unit(char: str) -> tuple[int, str, str]:
        seq = sequence(char, name)
        return len(seq), seq, char

    slots = [*(unit(c) for c in surname)]
    if len(given) == 1:
        slots.append(EMPTY)
    return (*slots, *(unit(c) for c in given))


def sort_by_strokes(names: Iterable[str]) -> list[str]:
    return sorted(names, key=stroke_key)
