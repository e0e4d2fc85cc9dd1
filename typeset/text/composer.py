"""The paragraph composer: Chinese text → justified lines (total-fit, Knuth–Plass style).

A pure function of text, fonts and measure.  Steps, following clreq:
1. cut the text into units: a Han character, a punctuation mark, a 2-em —— or ……, an
   unbreakable Latin run (word, number, e-mail address);
2. 标点挤压: adjacent marks give up one blank half (。” takes 1.5 em, not 2);
3. put glue between units: stretchable 0 between CJK units, ¼ em (shrinkable to ⅛) between
   Han and Latin, the space itself between Latin words;
4. choose all breaks of the paragraph at once, minimising demerits: loose or squeezed lines
   (Han gaps past ⅛ em, more than one squeezed mark), 避头尾 (forbidden breaks are simply not
   candidates), breaks inside words (`words`: display text only between words), 孤字;
5. justify: every line but the last fills the measure exactly.

All rules and costs come from `rules` (data); fonts come in as `Face` metrics.  Steps 1–2 are
in `units`; this module does 3–5: `_gaps` (glue and breakability), `_break_costs` (by word),
`_Sums` (prefix sums, so a line's width is a subtraction), `_search` (the total-fit pass, costs
from `_Costs`), `_retrace` (the chosen breaks) and `_place` (each line justified, `_squeezed`
choosing its squeezed mark).  Preparing (steps 1–3) is most of a setting's cost: while a layout
runs (`kept_preparations`), the paragraphs prepared last are kept (`_Recent`), each with the
settings made of it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from itertools import accumulate
from math import pow as power  # (x ** y on floats is this libm pow too; compiled, it needs no float objects)
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Final

from ..kept import Kept
from . import rules as R
from . import words
from .units import (HAN, LATIN, OTHER, PAIRED, Face, Unit, UnitClass, _split_long, advances, char_width, is_address,
                    units_of)


@dataclass(slots=True)
class Placed:
    x: float
    text: str
    face: Face
    advance: float      # the width this unit occupies on the line

    def __init__(self, x: float, text: str, face: Face, advance: float) -> None:  # (as for units.Unit)
        self.x = x
        self.text = text
        self.face = face
        self.advance = advance


@dataclass
class Line:
    items: list[Placed]
    start: int          # source offsets: text[start:end] is what this line holds (breaking spaces included)
    end: int
    measure: float
    natural: float
    ratio: float        # >0 stretched, <0 squeezed
    last: bool
    indent: float = 0.0

    @property
    def width(self) -> float:
        if not self.items:
            return self.indent
        p = self.items[-1]
        return p.x + p.advance

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.items)

    def even_runs(self) -> list[tuple[int, int, float]]:
        """The line as runs a PDF shows each with one string: consecutive single characters of one
        face with an even gap between them, that gap being the run's character spacing.  (start,
        end, spacing) of each run, in order; a run of one item has spacing 0."""
        items = self.items
        out: list[tuple[int, int, float]] = []
        n = len(items)
        i = 0
        while i < n:
            first = items[i]
            j = i + 1
            cs = 0.0
            if len(first.text) == 1:
                widths = advances(first.face)
                prev = first
                while j < n:
                    p = items[j]
                    if p.face is not first.face or len(p.text) != 1:
                        break
                    w = widths.get(prev.text)
                    if w is None:
                        w = char_width(prev.face, prev.text)
                    gap = p.x - (prev.x + w)
                    if j == i + 1:
                        cs = gap
                    elif abs(gap - cs) >= 1e-3:
                        break
                    prev = p
                    j += 1
            out.append((i, j, cs))
            i = j
        return out


class Composed:
    """A paragraph's chosen breaks.  Its lines are built on first use: copyfitting and column
    filling set a paragraph several ways and keep one, and most ask only how many lines a
    setting takes (`count`) and how hard it squeezes or stretches (`ratios`)."""
    __slots__ = ("demerits", "ratios", "ends", "_lines", "_place")

    def __init__(self, lines: list[Line] | None = None, demerits: float = 0.0, ratios: list[float] | None = None,
                 ends: list[int] | None = None, place: Callable[[], list[Line]] | None = None):
        self.demerits = demerits
        self._lines, self._place = lines, place
        self.ratios = [ln.ratio for ln in lines] if ratios is None and lines is not None else (ratios or [])
        self.ends = [ln.end for ln in lines] if ends is None and lines is not None else (ends or [])  # source offsets

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            self._lines = self._place() if self._place is not None else []
            self._place = None  # (drops what placing needed: the prepared units)
        return self._lines

    @property
    def count(self) -> int:
        return len(self.ratios)


LATIN_LIKE = frozenset({LATIN, OTHER})  # a word space beside these is a Latin space, not a CJK phrase gap
INF: Final = float("inf")
EPS: Final = 0.01  # pt: a line this close to the measure fits as it is


def _glue(a: Unit, b: Unit, space: str) -> tuple[float, float, float]:
    """(natural, stretch, shrink) of the gap between units a and b: a matter of their classes
    and faces only, so _gaps caches it per pair."""
    em = b.face.size
    if space:
        if a.cls in LATIN_LIKE or b.cls in LATIN_LIKE:
            w = a.face.width(" ")
            return w, w * R.SPACE_STRETCH, w * R.SPACE_SHRINK
        # a space between CJK characters (phrases of a title): one em
        return em, 0.0, 0.0
    if (a.cls is LATIN and b.cls is HAN) or (a.cls is HAN and b.cls is LATIN):
        return R.CJK_LATIN_GAP * em, R.INTERCHAR_STRETCH * em, (R.CJK_LATIN_GAP - R.CJK_LATIN_GAP_MIN) * em
    if a.cls is LATIN and b.cls is LATIN:
        return 0.0, 0.0, 0.0
    return 0.0, R.INTERCHAR_STRETCH * em, 0.0


@dataclass(slots=True)
class _Gaps:
    """The glue before each unit (index k: between units k-1 and k) and whether a line may
    break there (breakable[n], the paragraph's end, is always True)."""
    natural: list[float]
    stretch: list[float]
    shrink: list[float]
    breakable: list[bool]


def _gaps(units: list[Unit], spaces: list[str]) -> _Gaps:
    """Glue from the pair's classes and faces (cached per pair); breakability from the
    characters (避头尾, a number and its unit) and the classes (inside a Latin run: never)."""
    n = len(units)
    g = _Gaps([0.0] * n, [0.0] * n, [0.0] * n, [False] * (n + 1))
    gn, gs, gz, brk = g.natural, g.stretch, g.shrink, g.breakable
    brk[n] = True
    nls, nle, units_after = R.NO_LINE_START, R.NO_LINE_END, R.UNITS_AFTER_NUMBER
    cache: dict[tuple[UnitClass, UnitClass, bool, int, int], tuple[float, float, float, bool]] = {}
    a = units[0]
    ca, fa, ta = a.cls, id(a.face), a.text[-1]  # the previous unit's class, face and last character
    for k in range(1, n):
        b, sp = units[k], spaces[k]
        cb, fb, tb = b.cls, id(b.face), b.text
        key = (ca, cb, sp != "", fa, fb)
        c = cache.get(key)
        if c is None:
            # (two Latin units with no space between are one word: never broken)
            c = cache[key] = _glue(a, b, sp) + ((sp != "" or ca is not LATIN or cb is not LATIN)
                                                and not (b.face.rise and R.NO_BREAK_BEFORE_RAISED),)
        gn[k], gs[k], gz[k], may = c
        h = tb[0]
        brk[k] = may and not (h in nls or ta in nle or (h in units_after and ta.isdigit()))
        if b.split:  # inside an address or an over-long Latin run, at one of its own break points:
            # these open before the gaps between Han characters do (rules.ADDRESS_STRETCH)
            gn[k], gs[k], gz[k] = 0.0, R.ADDRESS_STRETCH * b.face.size, 0.0
            brk[k] = True
        a, ca, fa, ta = b, cb, fb, tb[-1]
    return g


class _Sums:
    """Prefix sums over the units (P[k] = sum over units < k), split so that the search's
    inner loop is two subtractions: a line i..j-1 is `end[j] - start(i)` wide naturally, its
    Han–Latin gaps may shrink by `end_shrink[j] - shrink[i + 1]`, and it has `end_marks[j] -
    marks[i]` mid-line marks that 挤进 may squeeze (the last unit's blank is trimmed instead)."""

    def __init__(self, units: list[Unit], gaps: _Gaps, trim: list[float], justify: bool, split: bool):
        n = len(units)
        self.trim = trim
        self.width = [0.0, *accumulate([u.width for u in units])]
        self.glue = [0.0, *accumulate(gaps.natural)]
        self.stretch = [0.0, *accumulate(gaps.stretch)]
        # stretch between text other than an address's pieces: a line with none is not letter-spaced Chinese
        self.cjk_stretch = ([0.0, *accumulate(0.0 if u.split else st for u, st in zip(units, gaps.stretch))]
                            if split else self.stretch)
        # display text (not justified) squeezes nothing beyond the fixed pair compression: its
        # marks keep one width from line to line
        self.shrink = [0.0, *accumulate(gaps.shrink)] if justify else [0.0] * (n + 1)
        if justify:
            sq = [u.blank_l + u.blank_r > 0.0 and not u.fixed for u in units]
            self.marks = [0, *accumulate(sq)]
            self.end_marks = [0, *[m - (s and t > 0.0) for m, s, t in zip(self.marks[1:], sq, trim)]]
        else:  # display text squeezes nothing
            self.marks = self.end_marks = [0] * (n + 1)
        # natural width of units < k with their glue: monotone, for bisecting the first candidate
        self.reach = [w + g for w, g in zip(self.width, self.glue)]
        latin = R.RUNT_WEIGHT_LATIN
        self.ink = [0, *accumulate([1 if u.cls is HAN or u.cls is PAIRED else (latin if u.cls is LATIN else 0)
                                    for u in units])]
        self.end = [0.0, *[w + g - t for w, g, t in zip(self.width[1:], self.glue[1:], trim)]]
        self.end_shrink = self.shrink

    def natural(self, i: int, j: int) -> float:
        """Natural width of a line holding units i..j-1 (its last mark's blank half trimmed)."""
        return self.width[j] - self.width[i] + self.glue[j] - self.glue[i + 1] - self.trim[j - 1]


@dataclass(frozen=True, slots=True)
class _Costs:
    line: float        # every line costs this (raised by copyfitting's `tight`)
    runt: float        # a 孤字 last line
    emergency: float   # a break where nothing fits
    loose: float       # rewarded per line (column filling's `loose`)
    breaks: tuple[float, ...]  # a break by its word class (words.PREFERRED … STRONG)
    overstretch: float  # a justified line with Han gaps wider than rules.MAX_HAN_GAP
    marks: int         # mid-line marks a line may squeeze

    @staticmethod
    def of(tight: float, loose: float, justify: bool, squeeze_marks: int | None) -> "_Costs":
        line: float = float(R.LINE_PENALTY)
        runt: float = float(R.RUNT_PENALTY)
        if tight:  # lines weigh more than spacing, but never buy a 孤字
            line, runt = tight, R.TIGHT_RUNT_FACTOR * tight ** 2
        # a line's badness weighs about 2·line·badness: a break's cost keeps its worth in
        # badness as `tight` grows; an over-stretched line never buys a line
        s = line / R.LINE_PENALTY
        if justify:
            breaks = tuple(c * s for c in R.BREAK_COSTS)
        else:
            breaks = R.DISPLAY_BREAK_COSTS
        marks = 0 if not justify else (1 << 30 if squeeze_marks is None else squeeze_marks)
        return _Costs(line, runt, R.EMERGENCY_WEIGHT * (line + R.EMERGENCY_BADNESS) ** 2, loose, breaks,
                      R.OVERSTRETCH_COST * s * s, marks)


_memo: Kept | None = None  # composed paragraphs kept between builds (`remember`)


def remember(on: bool = True) -> Kept | None:
    """Keep composed paragraphs between builds (on: `build.py watch`) or not (off, the default for
    one build): the same text in the same faces at the same measure and settings composes once."""
    global _memo
    _memo = Kept() if on else None
    return _memo


def compose(runs: list[tuple[str, Face]], measure: float, indent: float = 0.0,
            justify_last: bool = False, justify: bool = True, phrases: bool = False,
            tight: float = 0.0, loose: float = 0.0, squeeze_marks: int | None = R.MAX_SQUEEZED_MARKS) -> Composed:
    """Break styled text into lines of `measure` points: `Composition(...).set(...)` for a paragraph
    set one way.  See `Composition` for the arguments."""
    return Composition(runs, measure, indent, justify_last, justify, phrases).set(tight, loose, squeeze_marks)


@dataclass(slots=True)
class _Prepared:
    """What every setting of a paragraph shares: its units, the glue between them, the prefix
    sums and the word class of each break.  Only the costs differ between settings."""
    units: list[Unit]
    spaces: list[str]
    text: str
    split: bool
    gaps: _Gaps
    sums: _Sums
    longest: float  # the widest Latin run: a narrower measure than this cuts it (`_split_long`)
    word_cls: list[int] | None = None  # words.break_classes at each unit, once a setting needs them
    settings: dict = field(default_factory=dict)  # Composition._set's results, by measure and setting


class Composition:
    """Styled text at a measure, prepared once (units, glue, sums, word breaks) and set as many
    ways as a caller asks: normally, a line shorter for copyfitting, a line longer for column
    filling.  Lines are `measure` points wide, the first indented by `indent`.

    With justify=False the breaks are still chosen for even lengths, but lines keep their
    natural width (titles, centred or right-aligned text).  With phrases=True a break at a
    space between phrases (titles: 稳中求进 推动…) is preferred to one inside a phrase.
    Breaks are charged by word (`words.break_classes`): display text (justify=False) breaks
    only between words, body text pays for a break inside one.  Settings come from memory when
    the process keeps composed paragraphs (`remember`): faces live as long as the process
    (fonts.face caches them), so a face's id is a stable part of the key; callers never modify a
    result."""

    __slots__ = ("runs", "measure", "indent", "justify_last", "justify", "phrases", "_prep")

    def __init__(self, runs: list[tuple[str, Face]], measure: float, indent: float = 0.0,
                 justify_last: bool = False, justify: bool = True, phrases: bool = False):
        self.runs, self.measure, self.indent = runs, measure, indent
        self.justify_last, self.justify, self.phrases = justify_last, justify, phrases
        self._prep: _Prepared | None = None

    def at(self, measure: float) -> Composition:
        """The same text at another measure (balancing display lines tries several), sharing
        what was prepared unless the new measure cuts a Latin run the old one did not."""
        other = Composition(self.runs, measure, self.indent, self.justify_last, self.justify, self.phrases)
        prep = self._prepared()
        if not prep.split and prep.longest <= measure - self.indent:
            other._prep = prep
        return other

    def set(self, tight: float = 0.0, loose: float = 0.0,
            squeeze_marks: int | None = R.MAX_SQUEEZED_MARKS) -> Composed:
        """One setting.  A `tight` line penalty (copyfitting) weighs every line that much, so
        fewer lines win over even spacing as it grows: the caller raises it step by step until
        the paragraph gives back a line, squeezing its punctuation no more than that needs
        (TeX's \\looseness=-1); a `loose` reward per line does the opposite (\\looseness=1), to
        fill a column that would end short.  A justified line squeezes at most `squeeze_marks`
        mid-line marks (None: any number)."""
        if _memo is None:
            return self._set(tight, loose, squeeze_marks)
        key = (tuple((t, id(f)) for t, f in self.runs), self.measure, self.indent, self.justify_last, self.justify,
               self.phrases, tight, loose, squeeze_marks)
        return _memo.get_or_make(key, lambda: self._set(tight, loose, squeeze_marks))

    def _prepared(self) -> _Prepared:
        if self._prep is None:
            width = self.measure - self.indent
            self._prep = (_prepare(self.runs, width, self.justify) if _recent is None
                          else _recent.prepared(self.runs, width, self.justify))
        return self._prep

    def _set(self, tight: float, loose: float, squeeze_marks: int | None) -> Composed:
        """A setting, once per prepared paragraph (a title is set to measure its block, then to
        draw it; balancing tries the same measures for every way an article starts)."""
        prep = self._prepared()
        key = (self.measure, self.indent, self.justify_last, self.phrases, tight, loose, squeeze_marks)
        out = prep.settings.get(key)
        if out is None:
            out = prep.settings[key] = self._compose(prep, tight, loose, squeeze_marks)
        return out

    def _compose(self, prep: _Prepared, tight: float, loose: float, squeeze_marks: int | None) -> Composed:
        units, n = prep.units, len(prep.units)
        if n == 0:
            return Composed([])
        measure, indent, justify = self.measure, self.indent, self.justify
        costs = _Costs.of(tight, loose, justify, squeeze_marks)
        brk = list(prep.gaps.breakable)  # (an emergency break marks its position breakable: this setting's own)
        best, prev, ratio = _search(units, prep.spaces, prep.gaps, brk, _break_costs(prep, costs, measure - indent), prep.sums,
                                    measure, indent, justify, self.justify_last, self.phrases, costs)
        breaks = _retrace(prev, n)
        ratios = [ratio[j] if justify or ratio[j] < 0 else 0.0 for j in breaks]

        gaps, sums = prep.gaps, prep.sums  # (not prep itself: it keeps this setting)

        def place() -> list[Line]:
            out, i = [], 0
            for j, r in zip(breaks, ratios):
                out.append(_place(units, gaps, sums, i, j, r, measure, indent if i == 0 else 0.0, costs.marks))
                i = j
            return out
        ends = [units[j].start if j < n else units[-1].end for j in breaks]
        return Composed(demerits=best, ratios=ratios, ends=ends, place=place)


class _Recent:
    """The paragraphs prepared last, up to `budget` units in all: a paragraph is often set again
    soon (copyfitting and column filling try it a line shorter or longer right after its
    article is composed; a title is set to measure its block, then drawn), and preparing is
    most of what setting it costs.  Bounded, so memory does not grow with the issue."""

    def __init__(self, budget: int) -> None:
        self.budget, self.held = budget, 0
        self.kept: OrderedDict[tuple, tuple[list, _Prepared]] = OrderedDict()

    def prepared(self, runs: list[tuple[str, Face]], width: float, justify: bool) -> _Prepared:
        # (faces live as long as the process: fonts.face caches them; the entry keeps its runs anyway)
        key = (tuple([(t, id(f)) for t, f in runs]), width, justify)
        got = self.kept.get(key)
        if got is not None:
            self.kept.move_to_end(key)
            return got[1]
        prep = _prepare(runs, width, justify)
        self.kept[key] = (runs, prep)
        self.held += len(prep.units)
        while self.held > self.budget and len(self.kept) > 1:
            _, (_, old) = self.kept.popitem(last=False)
            self.held -= len(old.units)
        return prep


_recent: _Recent | None = None  # set while a layout runs (`kept_preparations`)


@contextmanager
def kept_preparations(budget: int = 8_000) -> Iterator[None]:
    """Within: the paragraphs prepared last are kept, up to `budget` units (`_Recent`).  A layout
    sets many paragraphs again soon after it first sets them; once it is done they are dropped,
    so the writers that follow do not carry them."""
    global _recent
    outer = _recent
    if outer is None:
        _recent = _Recent(budget)
    try:
        yield
    finally:
        _recent = outer


def _prepare(runs: list[tuple[str, Face]], width: float, justify: bool) -> _Prepared:
    """Steps 1–3 and the word breaks, for a first line `width` points wide."""
    units, spaces, text = units_of(runs)
    latin = [u for u in units if u.cls is LATIN]
    split = any(u.width > width or is_address(u.text) for u in latin)
    if split:
        units, spaces = _split_long(units, spaces, width)
        latin = [u for u in units if u.cls is LATIN]
    if not units:
        return _Prepared(units, spaces, text, split, _Gaps([], [], [], [True]), None, 0.0)  # type: ignore[arg-type]
    gaps = _gaps(units, spaces)
    trimmed = R.TRIM_AT_LINE_END
    trim = [u.blank_r if trimmed else 0.0 for u in units]
    sums = _Sums(units, gaps, trim, justify, split)
    longest = max((u.width for u in latin), default=0.0)
    return _Prepared(units, spaces, text, split, gaps, sums, longest)


def _break_costs(prep: _Prepared, costs: _Costs, width: float) -> list[float]:
    """What a line break before each unit costs in this setting, by the word class of its offset
    (a piece of a web or e-mail address: rules.URL_BREAK_COST).  Text that fits on a line of
    `width` is not segmented."""
    units = prep.units
    if prep.sums.reach[len(units)] <= width:
        return [0.0] * (len(units) + 1)
    if prep.word_cls is None:
        cls = words.break_classes(prep.text)
        prep.word_cls = [cls[u.start] for u in units]
    table = costs.breaks
    out = [table[c] for c in prep.word_cls] + [0.0]
    if prep.split:
        for k, u in enumerate(units):
            if u.split:
                out[k] = R.URL_BREAK_COST
    return out


def _search(units: list[Unit], spaces: list[str], gaps: _Gaps, brk: list[bool], bc: list[float], sums: _Sums,
            measure: float, indent: float, justify: bool, justify_last: bool, phrases: bool,
            costs: _Costs) -> tuple[float, list[int], list[float]]:
    """The total-fit pass: for every feasible break i, try each line i..j it can start and keep,
    for every j, the cheapest way to reach it.  Returns (demerits of the paragraph, the best
    predecessor of each break, the ratio of the line ending there: 0 for a ragged line that is
    not squeezed, as it is set).  One function, ~110 lines:
    the inner loop runs once per candidate line of every paragraph, so it keeps its values in
    locals rather than calling out."""
    n = len(units)
    gn = gaps.natural
    A, Z, Ps, Pc, Ph = sums.end, sums.end_shrink, sums.stretch, sums.reach, sums.ink
    Pw, Pg, Pz, M, Me = sums.width, sums.glue, sums.shrink, sums.marks, sums.end_marks
    Pk = sums.cjk_stretch
    best = [INF] * (n + 1)
    prev = [-1] * (n + 1)
    ratio = [0.0] * (n + 1)
    best[0] = 0.0
    brk[0] = True  # the paragraph's start (no line ends there: the scans begin at i + 1)
    nxt = [n] * (n + 1)  # next breakable position at or after k, so the scan skips the rest
    for k in range(n - 1, -1, -1):
        nxt[k] = k if brk[k] else nxt[k + 1]
    # ragged text may end anywhere (a title breaks at its phrase space)
    max_slack: float = R.MAX_SLACK_EMS * units[0].face.size if justify else measure
    runt_from = Ph[n] - 1  # a last line starting at i is a runt when Ph[i] >= runt_from
    line_cost, runt_cost, loose = costs.line, costs.runt, costs.loose
    scale, cap, squeeze_cost, no_stretch = R.BADNESS_SCALE, R.BADNESS_CAP, R.SQUEEZE_COST, R.NO_STRETCH_RATIO
    max_marks, half = costs.marks, R.BLANK * R.SQUEEZE * units[0].face.size  # 挤进: a mark gives its blank half
    max_r, overstretch = R.MAX_STRETCH_RATIO, costs.overstretch  # (justified lines only)
    keep_open_start = R.SQUEEZE_LINE_START_OPENING
    mid_phrase = R.MID_PHRASE_PENALTY
    ragged_last = not justify_last  # the last line keeps its natural width
    unstretched = (line_cost + 0.0) ** 2  # the demerits of a line at its natural width
    for i in range(n):
        if not brk[i]:
            continue
        bi = best[i]
        if bi == INF:
            continue
        W = measure if i else measure - indent
        WE = W + EPS
        a_i = Pw[i] + Pg[i + 1]
        s_i = Ps[i + 1]
        z_i = Pz[i + 1]
        k_i = Pk[i + 1]
        # a line-start opening mark keeps its blank left half (rules.SQUEEZE_LINE_START_OPENING)
        m_i = M[i]
        if not keep_open_start:
            u = units[i]
            if u.blank_l and not u.fixed:
                m_i += 1
        runt = i > 0 and Ph[i] >= runt_from
        short_title = phrases and i > 0 and n - i <= 2
        # first candidate: the line must be at least W - max_slack wide (except the paragraph end)
        lo = bisect_left(Pc, Pc[i] + gn[i] + W - max_slack, i + 1)  # (i < lo <= n + 1)
        if lo > n:
            lo = n
        found = False
        for first in (lo, i + 1):  # near-full lines first; any line if none is near full
            j = nxt[first]
            while True:
                nat = A[j] - a_i
                last = j == n
                if nat > WE:
                    m = Me[j] - m_i
                    sh = Z[j] - z_i + (m if m < max_marks else max_marks) * half
                    if sh <= 0 or (nat - W) > sh + EPS:
                        break
                    q = (nat - W) / sh
                    r = -q
                    # demerits: (line cost + badness)² (written out here: the hot loop)
                    bad = scale * power(q, 3.0) * squeeze_cost
                    if bad > cap:
                        bad = cap
                    d = power(line_cost + bad, 2.0) + bc[j]
                elif (last and ragged_last) or W - nat < EPS:  # (within tolerance: no spacing change, no float noise)
                    r = 0.0
                    d = unstretched + bc[j]
                elif justify:
                    st = Ps[j] - s_i
                    r = (W - nat) / st if st > 0 else no_stretch
                    bad = scale * power(r, 3.0)
                    if bad > cap:
                        bad = cap
                    d = power(line_cost + bad, 2.0) + bc[j]
                    if r > max_r and Pk[j] > k_i:
                        d += overstretch  # letter-spaced: gaps wider than rules.MAX_HAN_GAP
                else:  # ragged display text: a short line is only a little worse, and is not stretched (ratio 0)
                    r = 0.0
                    d = power(line_cost + scale * power((W - nat) / W, 2.0), 2.0) + bc[j]
                if last:
                    if runt or short_title:
                        d += runt_cost  # (a title's last line of one or two units: 进展 / 5则 alone)
                elif phrases and not spaces[j]:
                    d += mid_phrase
                total = bi + d - loose  # `loose` rewards each line: a paragraph set a line longer
                if total < best[j]:
                    best[j], prev[j], ratio[j] = total, i, r
                found = True
                if last:
                    break
                j = nxt[j + 1]
            if found or lo == i + 1:
                break
        if not found:
            # nothing fits (a run of marks that may not be parted, a word longer than the line):
            # break where the measure ends, against the rules if need be, as an emergency that
            # costs more than any regular line, rather than run past the column
            j = max(i + 1, min(n, bisect_right(Pc, Pc[i] + gn[i] + W + EPS) - 1))
            brk[j] = True
            if bi + costs.emergency < best[j]:
                best[j], prev[j], ratio[j] = bi + costs.emergency, i, 0.0
    if best[n] == INF:
        raise RuntimeError("composer found no break sequence")  # unreachable: fallback above always links
    return best[n], prev, ratio


def _retrace(prev: list[int], n: int) -> list[int]:
    """The chosen breaks, in order, from the predecessor links."""
    breaks = []
    j = n
    while j > 0:
        breaks.append(j)
        j = prev[j]
    breaks.reverse()
    return breaks


def _squeezed(units: list[Unit], trim: list[float], i: int, j: int, limit: int) -> set[int]:
    """The mid-line marks of line i..j-1 that 挤进 squeezes: at most `limit`, pauses (、，；：)
    before stops before brackets (rules.SQUEEZE_ORDER), earlier before later."""
    marks = [k for k in range(i, j) if units[k].squeezable and not (k == j - 1 and trim[k])
             and not (k == i and units[k].blank_l and not R.SQUEEZE_LINE_START_OPENING)]
    if len(marks) > limit:
        marks = sorted(marks, key=lambda k: (R.SQUEEZE_ORDER.get(units[k].text, 2), k))[:limit]
    return set(marks)


def _place(units: list[Unit], gaps: _Gaps, sums: _Sums, i: int, j: int, r: float, measure: float,
           indent: float, marks: int) -> Line:
    """Units i..j-1 as a line at ratio r: glue stretched or squeezed, up to `marks` marks
    squeezed (挤进) in proportion, the last unit's blank half given up."""
    gn, trim = gaps.natural, sums.trim
    W = measure - indent
    # the glue before each unit at ratio r (the first unit's is not used)
    if r > 0:
        gs = gaps.stretch
        glue = [gn[k] + gs[k] * r for k in range(i, j)]
    elif r < 0:
        gz = gaps.shrink
        glue = [gn[k] + gz[k] * r for k in range(i, j)]
    else:
        glue = gn[i:j]
    items: list[Placed] = []
    x = indent
    squeeze = _squeezed(units, trim, i, j, marks) if r < 0 else ()
    last = j - 1
    g = 0.0
    for k in range(i, j):
        u = units[k]
        if k > i:
            g = glue[k - i]
            x += g
        adv = u.width - trim[k] if k == last else u.width  # the blank half given up at line end
        dx = u.dx
        if squeeze and k in squeeze:  # 挤进: squeeze the blank halves still there, in proportion
            trimmed = trim[k] if k == last else 0.0
            squeeze_l = u.blank_l * R.SQUEEZE * -r
            adv -= squeeze_l + (u.blank_r - trimmed) * R.SQUEEZE * -r
            dx -= squeeze_l
        # advance runs from the glyph origin, so x + advance is the right edge of the unit's box
        if u.split and k > i and g == 0.0:  # the next piece of an address on the same line: one run again
            p = items[-1]
            items[-1] = Placed(p.x, p.text + u.text, u.face, p.advance + adv)
        else:
            items.append(Placed(x + dx, u.text, u.face, adv - dx))
        x += adv
    start = units[i].start if i else 0
    end = units[j].start if j < len(units) else units[-1].end
    return Line(items, start, end, W + indent, sums.natural(i, j) + indent, r, j == len(units), indent)
