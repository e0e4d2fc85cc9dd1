"""Inline marks the composer sets like text but the page draws differently: note markers
(superscript ① or [1], raised and smaller) and 着重号 (emphasis dots under Han characters).

Both are faces: a note marker is the text's font at style.NOTE_MARK_SCALE of its size with a
raised baseline; an emphasised run keeps its font and size and carries `dots`, which
ops.line_ops turns into a dot under each Han character.
"""
from __future__ import annotations

from dataclasses import replace

from .. import style as S
from .. import view
from ..fonts import check_coverage, face
from ..model import Article, NoteRef
from ..text.units import Face

_VARIANTS: dict = {}


def dotted(f: Face) -> Face:
    """The same face with emphasis dots (one object per face, so runs of it merge)."""
    key = ("dots", f.name, f.size)
    if key not in _VARIANTS:
        _VARIANTS[key] = replace(f, dots=True)
    return _VARIANTS[key]


def raised(st: S.TextStyle) -> Face:
    """The superscript face for note markers in text of style `st`."""
    key = ("rise", st.face, st.size)
    if key not in _VARIANTS:
        _VARIANTS[key] = replace(face(st.face, round(st.size * S.NOTE_MARK_SCALE, 2)),
                                 rise=st.size * S.NOTE_MARK_RISE)
    return _VARIANTS[key]


def note_run(ref: NoteRef, st: S.TextStyle, article: Article, line: int) -> tuple[str, Face]:
    """A note reference as the composer sets it: its marker, superscript."""
    marker = view.note_marker(ref.number)
    check_coverage(marker, st.face, article.path, line)
    return marker, raised(st)
