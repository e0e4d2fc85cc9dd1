"""Names 按姓氏笔划为序, the order of Chinese editorial-board lists.

Rule (GB/T 13418 笔画序, as 国家语委 practice): the surname first -- fewer strokes first, equal
counts compared stroke by stroke in the order 横 竖 撇 点 折 -- then the given name the same way,
character by character.  A 复姓 (欧阳, 司马 …) counts as one surname.  Characters whose strokes
are the same in number and order (己 已) fall back to code point order, so the sort is total.

Data: typeset/data/strokes.txt (mainland 笔顺 of GB 2312 + fonts/extra-chars.txt; LGPL-3, made by
tools/make_strokes.py) and typeset/data/compound-surnames.txt.  Both are read once, on first use.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Iterable

SEPARATOR = "·"  # joins the parts of transliterated names (买买提·艾力); it has no strokes


class MissingStrokes(LookupError):
    """A character of a name has no stroke data, so the name cannot be placed."""

    def __init__(self, char: str, name: str):
        self.char, self.name = char, name
        super().__init__(char, name)

    def __str__(self) -> str:
        return f"no stroke data for '{self.char}' (U+{ord(self.char):04X}) in the name '{self.name}'"


def _data(name: str) -> str:
    return resources.files("typeset.data").joinpath(name).read_text(encoding="utf-8")


@cache
def _table() -> dict[str, str]:
    return dict(line.split("\t") for line in _data("strokes.txt").splitlines() if line and not line.startswith("#"))


@cache
def compound_surnames() -> frozenset[str]:
    return frozenset(line for line in _data("compound-surnames.txt").splitlines() if line and not line.startswith("#"))


def sequence(char: str) -> str:
    """The strokes of one character as digits 1-5 (横 竖 撇 点 折), e.g. 于 → '112'."""
    try:
        return _table()[char]
    except KeyError:
        raise MissingStrokes(char, char) from None


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name).  A 复姓 is taken only when a given name follows it: 欧阳 alone is 欧 + 阳."""
    chars = name.replace(SEPARATOR, "")
    n = 2 if len(chars) > 2 and chars[:2] in compound_surnames() else 1
    return chars[:n], chars[n:]


def stroke_key(name: str) -> tuple:
    """Sort key: (surname unit, then one unit per given-name character); a unit is
    (stroke count, stroke sequence, the characters)."""
    surname, given = split_name(name)
    if not surname:
        raise ValueError("an empty name has no stroke order")

    def unit(chars: str) -> tuple[int, str, str]:
        try:
            seq = "".join(_table()[c] for c in chars)
        except KeyError as e:
            raise MissingStrokes(e.args[0], name) from None
        return len(seq), seq, chars

    return (unit(surname), *(unit(c) for c in given))


def sort_by_strokes(names: Iterable[str]) -> list[str]:
    return sorted(names, key=stroke_key)
