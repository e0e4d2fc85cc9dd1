"""Fonts: the bundled faces and an issue's house fonts, registered with ReportLab on first use,
their metrics cached, each role's fallback chain, and which face sets each character.

A role (song, song-bold, hei, hei-bold, kai: see style.FACES) is set in its primary face: the
issue's house font for the role if the manifest names one, else the bundled face.  A character
that face lacks is taken from the next face of the role's chain that has it
(`chain(role)`: the bundled faces in the order of style.FALLBACK, then the other house fonts);
`runs()` splits text into runs by the face that sets them, for the composer and the PDF writer.

Parsing a 28,000-glyph TrueType file takes ReportLab ~0.2 s, so the parsed metrics (cmap,
advances, glyph offsets) are pickled once per font file into the cache folder
($XDG_CACHE_HOME/typeset, ~/.cache/typeset) and a font is loaded only when it first sets text.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from weakref import WeakKeyDictionary, finalize

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFontFace

from .errors import SourceError
from .i18n import catalog, t
from .pdf.cidfont import CIDTrueTypeFont
from .style import DOCX_EAST_ASIA, FACES, FALLBACK, TextStyle
from .text.units import Face

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
METRICS_VERSION = 3  # bump when the cached fields change


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "typeset"


@dataclass(frozen=True)
class FontFile:
    """One TrueType file as the PDF embeds it: `name` is its ReportLab/PDF font name, `family`
    the family Word/WPS should name for it, `label` how messages name it."""
    path: Path
    name: str
    family: str
    label: str


BUNDLED = {role: FontFile(FONT_DIR / file, f"J-{role}", family, f"{family} ({file})") for role, (file, family) in FACES.items()}

# The faces of the issue being built: role → house FontFile (empty: the bundled faces only).
_house: dict[str, FontFile] = {}


_chains: dict[str, tuple[FontFile, ...]] = {}


def use(house: dict[str, FontFile] | None) -> None:
    """Set the house fonts of the issue about to be laid out or written (None: bundled only)."""
    _house.clear()
    _house.update(house or {})
    _chains.clear()


def house() -> dict[str, FontFile]:
    return dict(_house)


def chain(role: str) -> tuple[FontFile, ...]:
    """The faces tried for a character of `role`, in order: the role's house font, the bundled
    faces in style.FALLBACK order (same weight first, 宋→黑→楷), then the other house fonts."""
    if role in _chains:
        return _chains[role]
    out = [_house[role]] if role in _house else []
    out += [BUNDLED[r] for r in FALLBACK[role]]
    out += [f for r, f in sorted(_house.items()) if r != role]
    seen: dict[Path, FontFile] = {}
    for f in out:
        seen.setdefault(f.path, f)
    _chains[role] = tuple(seen.values())
    return _chains[role]


def primary(role: str) -> FontFile:
    return chain(role)[0]


# ---- loading -----------------------------------------------------------------------------

def _metrics_path(path: Path, part: str) -> Path:
    st = path.stat()
    key = hashlib.sha256(f"{METRICS_VERSION}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:20]
    return cache_dir() / "metrics" / f"{path.stem}-{key}.{part}.pickle"


# What the composer and ReportLab's text output need (loaded with the font), and what only the
# subsetting of the PDF's fonts needs (loaded when the PDF is saved, by _LazyFace.__getattr__).
_LATE = ("glyphPos", "hmetrics")
_GLYPH_TO_CHAR = "glyphToChar"  # only for shaping (uharfbuzz), which the typesetter does not use


class _CharToGlyph(Mapping):
    """A face's cmap (code point → glyph id) as two sorted arrays: 6 bytes an entry rather than
    ~100 for a dict of ints.  Only the PDF's font code asks, a few thousand times a build."""

    def __init__(self, codes: array, gids: array):
        self.codes, self.gids = codes, gids

    @classmethod
    def of(cls, cmap: Mapping[int, int]) -> _CharToGlyph:
        codes = sorted(cmap)
        return cls(array("I", codes), array("H", [cmap[c] for c in codes]))

    def _index(self, code) -> int:
        """Where `code` is in `codes`, or -1."""
        try:
            i = bisect_left(self.codes, code)
        except TypeError:  # not a code point: not in the cmap, as with a dict
            return -1
        return i if i < len(self.codes) and self.codes[i] == code else -1

    def __getitem__(self, code: int) -> int:
        i = self._index(code)
        if i < 0:
            raise KeyError(code)
        return self.gids[i]

    def __contains__(self, code: object) -> bool:
        return self._index(code) >= 0

    def get(self, code, default=None):
        i = self._index(code)
        return default if i < 0 else self.gids[i]

    def __iter__(self):
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


def _pack_widths(widths: dict) -> tuple:
    """charWidths for the cache: the code points, the distinct advances, each one's index."""
    values = sorted(set(widths.values()))
    index = {v: i for i, v in enumerate(values)}
    return array("I", widths), tuple(values), array("H", [index[v] for v in widths.values()])


def _unpack_widths(packed: tuple) -> dict:
    """charWidths as the composer reads it (a dict, for speed), every equal advance one object."""
    codes, values, index = packed
    if len(index) < 2:  # (itemgetter of one index gives the item, not a tuple)
        return dict(zip(codes, map(values.__getitem__, index)))
    return dict(zip(codes.tolist(), itemgetter(*index.tolist())(values)))  # (all in C: ~30 % faster than a map)


class _HMetrics:
    """hmetrics as two arrays: (advance, lsb) per glyph, as ReportLab indexes it; pickles fast."""

    def __init__(self, pairs):
        self.aw = array("l", (a for a, _ in pairs))
        self.lsb = array("l", (b for _, b in pairs))

    def __getitem__(self, i):
        return self.aw[i], self.lsb[i]

    def __len__(self):
        return len(self.aw)


class _FileBytes:
    """A font file as ReportLab's parser indexes it (`data[i]`, `data[a:b]`), each slice read
    from the file when asked for.  Not mapped: the pages of a mapped file that ReportLab touches
    count in the process's memory, and copying the glyf table touches all of them."""

    def __init__(self, path: Path, start: int = 0, length: int | None = None):
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 (open as long as the face is used)
        finalize(self, self._file.close)  # closed with the face, not left to the collector (a ResourceWarning)
        self._start = start
        self._len = os.fstat(self._file.fileno()).st_size - start if length is None else length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key:key + 1][0]
        start, stop, _ = key.indices(self._len)
        self._file.seek(self._start + start)
        return self._file.read(max(0, stop - start))

    def view(self, start: int, length: int) -> _FileBytes:
        """Part of the file (a table) as a _FileBytes of its own, read as lazily."""
        part = _FileBytes.__new__(_FileBytes)
        part._file, part._start, part._len = self._file, self._start + start, length
        return part


class _LazyFace(TTFontFace):
    """A TTFontFace restored from the metrics cache: the big per-glyph tables and the file's
    bytes are read only when ReportLab first asks for them (when it subsets the font)."""

    def __getattr__(self, name: str):
        path = self.__dict__.get("_path")
        if path is None or name.startswith("__"):
            raise AttributeError(name)
        if name == "_ttf_data":  # read piecemeal: the PDF's subsets need a few hundred kB of 10 MB
            self._ttf_data = _FileBytes(path)
            return self._ttf_data
        if name in _LATE or name == _GLYPH_TO_CHAR:
            part = self._parts["late" if name in _LATE else "g2c"]  # where they were when the core was read
            try:
                self.__dict__.update(pickle.loads(part.read_bytes()))
            except (OSError, pickle.PickleError, EOFError, ValueError):  # the cache went away: parse the font
                full = TTFontFace(str(path))
                self.__dict__.update({k: getattr(full, k) for k in (*_LATE, _GLYPH_TO_CHAR)})
            return self.__dict__[name]
        raise AttributeError(name)

    def get_table(self, tag):
        """The glyf table as a view (ReportLab's makeSubset slices out the glyphs it keeps), not
        a copy of 10 MB; the small tables as bytes."""
        pos, length = self.get_table_pos(tag)
        return self._ttf_data.view(pos, length) if tag == "glyf" else self._ttf_data[pos:pos + length]


def _face_from_cache(path: Path) -> TTFontFace | None:
    parts = {part: _metrics_path(path, part) for part in ("core", "late", "g2c")}
    try:
        if not parts["late"].exists():
            return None
        state = pickle.loads(parts["core"].read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        return None
    face = _LazyFace.__new__(_LazyFace)
    if isinstance(state.get("charWidths"), tuple):
        state["charWidths"] = _unpack_widths(state["charWidths"])
    face.__dict__.update(state)
    face._path, face._parts = path, parts
    upm = face.unitsPerEm
    mult = 1000 / upm
    face._pdfScale = (lambda x: x) if upm == 1000 else (lambda x: x * mult)
    return face


def _save_face(path: Path, face: TTFontFace) -> None:
    state = {k: v for k, v in face.__dict__.items() if k not in ("_ttf_data", "_pdfScale")}
    late = {"glyphPos": array("L", state.pop("glyphPos")), "hmetrics": _HMetrics(state.pop("hmetrics"))}
    g2c = {_GLYPH_TO_CHAR: state.pop(_GLYPH_TO_CHAR)}
    if state.get("charToGlyph") and state.get("charWidths"):  # (None: a font without a usable cmap)
        state["charToGlyph"] = _CharToGlyph.of(state["charToGlyph"])
        state["charWidths"] = _pack_widths(state["charWidths"])
    try:
        for part, data in (("late", late), ("g2c", g2c), ("core", state)):  # core last: it marks the set complete
            target = _metrics_path(path, part)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(target)
    except OSError:
        pass  # a read-only home: parse again next time


@lru_cache(maxsize=None)
def ttfont(f: FontFile) -> CIDTrueTypeFont:
    """The ReportLab font for a file, registered under f.name; metrics from the cache if there."""
    if not f.path.exists():
        raise SourceError(f.path, None, t("fonts.missing"),
                          t("fonts.missing.fix_bundled") if f.path.parent == FONT_DIR else t("fonts.missing.fix_house"))
    face = _face_from_cache(f.path)
    if face is None or not face.__dict__.get("charWidths"):
        font = CIDTrueTypeFont(f.name, str(f.path))
        _save_face(f.path, font.face)
        face = _face_from_cache(f.path)  # as a later build will have it: compact, the file not held in memory
    if face is not None and face.__dict__.get("charWidths"):
        font = CIDTrueTypeFont.__new__(CIDTrueTypeFont)
        font.fontName, font.face, font.encoding = f.name, face, TTEncoding()
        font.state = WeakKeyDictionary()
        font._asciiReadable = rl_config.ttfAsciiReadable
        font.shapable = False
    pdfmetrics.registerFont(font)
    return font


def widths(f: FontFile | str) -> dict:
    """code point → advance in 1/1000 em (ReportLab scales every font to 1000 units)."""
    return ttfont(BUNDLED[f] if isinstance(f, str) else f).face.charWidths


def has(f: FontFile, ch: str) -> bool:
    return ord(ch) in widths(f)


def face(style: TextStyle | str, size: float | None = None) -> Face:
    """The role's primary face at a size (its house font if the issue names one)."""
    if isinstance(style, TextStyle):
        role, size = style.face, style.size
    else:
        role = style
    return font_face(primary(role), size)


@lru_cache(maxsize=None)
def font_face(f: FontFile, size: float) -> Face:
    return Face(f.name, size, widths(f))


def role_of(face_name: str) -> str | None:
    for role, f in [*_house.items(), *BUNDLED.items()]:
        if f.name == face_name:
            return role
    return None


def setter(ch: str, role: str) -> FontFile | None:
    """The first face of the role's chain that has `ch` (None: no face has it)."""
    for f in chain(role):
        if has(f, ch):
            return f
    return None


def runs(text: str, fce: Face) -> list[tuple[str, Face]]:
    """Split text set in `fce` into runs by the face that has each character: the face itself
    where it can, else the next face of its role's chain.  Spaces stay with the run they are in."""
    role = role_of(fce.name)
    w = fce.widths
    if role is None or all(chr(c).isspace() for c in set(map(ord, text)).difference(w)):  # (the usual case, in C)
        return [(text, fce)] if text else []
    out: list[tuple[str, Face]] = []
    for ch in text:
        if ord(ch) in w or ch.isspace():
            f = fce
        else:
            src = setter(ch, role)
            f = font_face(src, fce.size) if src else fce
        if out and out[-1][1] is f:
            out[-1] = (out[-1][0] + ch, f)
        else:
            out.append((ch, f))
    return out


def split_runs(runs_in: list[tuple[str, Face]]) -> list[tuple[str, Face]]:
    return [r for text, f in runs_in for r in runs(text, f)]


# ---- characters in messages ---------------------------------------------------------------

def describe(ch: str) -> str:
    """A character as a message shows it: '喆' (U+5586), or by name if it cannot be seen."""
    code = f"U+{ord(ch):04X}"
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn", "Cs") or ch in "\u00AD":
        key = f"chars.name.{ord(ch):04X}"  # the common ones by their Chinese names (English: the Unicode name)
        if key in catalog():
            name = t(key)
        elif category == "Co":
            name = t("chars.name.private_use")
        else:
            name = unicodedata.name(ch, "") or t("chars.name.control")
        return t("chars.named", code=code, name=name)
    return t("chars.shown", char=ch, code=code)


def check_coverage(text: str, role: str, where: Path, line: int | None) -> None:
    """A character no face of the role's chain has is an error, never a blank or a box.  (The
    issue's text is checked as a whole before layout by typeset.coverage; this guards text made
    during layout.)"""
    for code in sorted(set(map(ord, text)).difference(widths(primary(role)))):  # (usually none: a set difference)
        ch = chr(code)
        if not ch.isspace() and setter(ch, role) is None:
            raise SourceError(where, line, t("chars.in_no_font", char=describe(ch)), t("chars.in_no_font.fix_layout"))


def docx_east_asia() -> dict[str, str]:
    """role → the East Asian family the DOCX names: a house font's family where the issue has one,
    else what Chinese office PCs have (style.DOCX_EAST_ASIA: 宋体, 黑体, 楷体)."""
    return {role: _house[role].family if role in _house else name for role, name in DOCX_EAST_ASIA.items()}
