"""What one grid line of a column carries, before it is drawn: typed row items.

A row is a list of these.  `place.place_row` draws each kind and refuses any other, so a new
kind of content cannot silently vanish from the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Union

from ..model import Figure
from ..text.composer import Line

if TYPE_CHECKING:
    from .jumps import Jump


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class SetLine:
    """A composed line, aligned in the measure, or set `offset` pt in from its left edge."""
    line: Line
    align: Align = Align.LEFT
    offset: float = 0.0


@dataclass(frozen=True, slots=True)
class FigureImage:
    """A figure's picture, w × h pt, hanging from the top of its first grid line."""
    figure: Figure
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class AnchorMark:
    """Where an article starts: its 目录 link and outline entry point here."""
    key: str
    title: str


class JumpEnd(Enum):
    OUT = "out"  # 下转第N页, right-aligned at the foot of the head
    IN = "in"    # 上接第M页, at the top of the tail


@dataclass(frozen=True, slots=True)
class JumpMark:
    """A 下转 or 上接 line: its text waits until both pages are known."""
    jump: "Jump"
    end: JumpEnd


@dataclass(frozen=True, slots=True)
class TailRule:
    """A short rule centred in its line: sets a jumped tail apart."""


class Edge(Enum):
    TOP = "top"
    FOOT = "foot"


@dataclass(frozen=True, slots=True)
class TableRule:
    """A rule across the measure at the top or foot of its grid line, `weight` pt: the rules of a
    three-line table (三线表)."""
    edge: Edge
    weight: float


RowItem = Union[SetLine, FigureImage, AnchorMark, JumpMark, TailRule, TableRule]
Row = list  # of RowItem
