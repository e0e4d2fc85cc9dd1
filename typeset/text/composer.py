"""The paragraph composer: Chinese text → justified lines (total-fit, Knuth–Plass style).

A pure function of text, fonts and measure.  Steps, following clreq:
1. cut the text into units: a Han character, a punctuation mark, a 2-em —— or ……, an
   unbreakable Latin run (word, number, e-mail address);
2. 标点挤压: adjacent marks give up one blank half (。” takes 1.5 em, not 2);
3. put glue between units: stretchable 0 between CJK units, ¼ em (shrinkable to ⅛) between
   Han and Latin, the space itself between Latin words;
4. choose all breaks of the paragraph at once, minimising demerits: loose or squeezed lines,
   避头尾 (forbidden breaks are simply not candidates), 孤字 (a runt last line);
5. justify: every line but the last fills the measure exactly.

All rules and costs come from `rules` (data); fonts come in as `Face` metrics.  Steps 1–2 are
in `units`; this module does 3–5.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from dataclasses import dataclass, field

from . import rules as R
from .units import Face, Unit, _split_long, units_of


@dataclass(slots=True)
class Placed:
    x: float
    text: str
    face: Face
    advance: float      # the width this unit occupies on the line


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


@dataclass
class Composed:
    lines: list[Line] = field(default_factory=list)
    demerits: float = 0.0


def _glue(a: Unit, b: Unit, space: str) -> tuple[float, float, float]:
    """(natural, stretch, shrink) of the gap between units a and b: a matter of their classes
    and faces only, so compose() caches it per pair.  Whether the gap may break is decided
    there, from the characters (避头尾, a number and its unit) and the classes (a Latin run)."""
    em = b.face.size
    if space:
        if a.cls in "LX" or b.cls in "LX":
            w = a.face.width(" ")
            return w, w * R.SPACE_STRETCH, w * R.SPACE_SHRINK
        # a space between CJK characters (phrases of a title): one em
        return em, 0.0, 0.0
    if (a.cls == "L" and b.cls == "H") or (a.cls == "H" and b.cls == "L"):
        return R.CJK_LATIN_GAP * em, R.INTERCHAR_STRETCH * em, (R.CJK_LATIN_GAP - R.CJK_LATIN_GAP_MIN) * em
    if a.cls == "L" and b.cls == "L":
        return 0.0, 0.0, 0.0
    return 0.0, R.INTERCHAR_STRETCH * em, 0.0


INF = float("inf")


def compose(runs: list[tuple[str, Face]], measure: float, indent: float = 0.0,
            justify_last: bool = False, justify: bool = True, phrases: bool = False,
            tight: float = 0.0, loose: float = 0.0) -> Composed:
    """Break styled text into lines of `measure` points, the first indented by `indent`.
    With justify=False the breaks are still chosen for even lengths, but lines keep their
    natural width (titles, centred or right-aligned text).  With phrases=True a break at a
    space between phrases (titles: 稳中求进 推动…) is preferred to one inside a phrase.  A
    `tight` line penalty (copyfitting) weighs every line that much, so fewer lines win over even
    spacing as it grows: the caller raises it step by step until the paragraph gives back a
    line, squeezing its punctuation no more than that needs (TeX's \\looseness=-1); a `loose`
    reward per line does the opposite (\\looseness=1), to fill a column that would end short."""
    units, spaces, _ = units_of(runs)
    if any(u.cls == "L" and u.width > measure - indent for u in units):
        units, spaces = _split_long(units, spaces, measure - indent)
    n = len(units)
    if n == 0:
        return Composed([])
    gn = [0.0] * n
    gs = [0.0] * n
    gz = [0.0] * n
    brk = [False] * (n + 1)
    brk[n] = True
    # glue depends only on the classes and faces of the pair (cached); the break on their characters
    nls, nle, units_after = R.NO_LINE_START, R.NO_LINE_END, R.UNITS_AFTER_NUMBER
    cache: dict = {}
    a = units[0]
    for k in range(1, n):
        b, sp = units[k], spaces[k]
        key = (a.cls, b.cls, sp != "", id(a.face), id(b.face))
        g = cache.get(key)
        if g is None:
            # (two Latin units with no space between are one word: never broken)
            g = cache[key] = _glue(a, b, sp) + (sp != "" or a.cls != "L" or b.cls != "L",)
        gn[k], gs[k], gz[k] = g[0], g[1], g[2]
        brk[k] = g[3] and not (b.text[0] in nls or a.text[-1] in nle
                               or (a.text[-1].isdigit() and b.text[0] in units_after))
        if b.split:  # inside an over-long Latin run, at one of its own break points
            gn[k], gs[k], gz[k] = 0.0, R.INTERCHAR_STRETCH * b.face.size, 0.0
            brk[k] = True
        a = b
    trim = [u.blank_r if R.TRIM_AT_LINE_END else 0.0 for u in units]
    # prefix sums: P[k] = sum over units < k
    Pw = [0.0, *accumulate(u.width for u in units)]
    Pg = [0.0, *accumulate(gn)]
    Ps = [0.0, *accumulate(gs)]
    # display text (not justified) squeezes nothing beyond the fixed pair compression: its marks
    # keep one width from line to line
    Pz = [0.0, *accumulate(gz)] if justify else [0.0] * (n + 1)
    Pu = [0.0, *accumulate((u.blank_l + u.blank_r) * R.SQUEEZE for u in units)] if justify else [0.0] * (n + 1)
    Pc = [w + g for w, g in zip(Pw, Pg)]  # natural width of units < k with their glue: monotone
    Ph = [0, *accumulate(1 if u.cls in "HD" else (5 if u.cls == "L" else 0) for u in units)]

    def measure_of(i):
        return measure - indent if i == 0 else measure

    def fit(i, j):
        """natural, stretch, shrink of a line holding units i..j-1."""
        nat = Pw[j] - Pw[i] + Pg[j] - Pg[i + 1] - trim[j - 1]
        st = Ps[j] - Ps[i + 1]
        sh = Pz[j] - Pz[i + 1] + Pu[j] - Pu[i] - trim[j - 1] * R.SQUEEZE
        return nat, st, sh

    best = [INF] * (n + 1)
    prev = [-1] * (n + 1)
    ratio = [0.0] * (n + 1)
    best[0] = 0.0
    # next breakable position at or after k, so the scan below skips the rest
    nxt = [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        nxt[k] = k if brk[k] else nxt[k + 1]
    # fit(i, j) split into a part of j and a part of i, so the inner loop is two subtractions
    A = [0.0] + [Pw[j] + Pg[j] - trim[j - 1] for j in range(1, n + 1)]
    Z = [0.0] + [Pz[j] + Pu[j] - trim[j - 1] * R.SQUEEZE for j in range(1, n + 1)]
    # a justified line 2 em short stretches ⅓ em a gap: the loosest worth trying; ragged text may
    # end anywhere (a title breaks at its phrase space)
    max_slack = 2.0 * units[0].face.size if justify else measure
    runt_from = Ph[n] - 1  # a last line starting at i is a runt when Ph[i] >= runt_from
    penalty, squeeze_cost, runt_pen = R.LINE_PENALTY, R.SQUEEZE_COST, R.RUNT_PENALTY
    if tight:  # lines weigh more than spacing, but never buy a 孤字
        penalty, runt_pen = tight, 100.0 * tight ** 2
    emergency = 1e3 * (penalty + 1e4) ** 2  # dearer than any regular line, however tight
    for i in range(n):
        bi = best[i]
        if bi == INF or not (i == 0 or brk[i]):
            continue
        W = measure - indent if i == 0 else measure
        a_i = Pw[i] + Pg[i + 1]
        s_i = Ps[i + 1]
        z_i = Pz[i + 1] + Pu[i]
        runt = i > 0 and Ph[i] >= runt_from
        # first candidate: the line must be at least W - max_slack wide (except the paragraph end)
        lo = bisect_left(Pc, Pc[i] + gn[i] + W - max_slack, i + 1)
        lo = max(i + 1, min(lo, n))
        found = False
        for first in (lo, i + 1):  # near-full lines first; any line if none is near full
            j = nxt[first]
            while True:
                nat = A[j] - a_i
                last = j == n
                if nat > W + 0.01:
                    sh = Z[j] - z_i
                    if sh <= 0 or (nat - W) > sh + 0.01:
                        break
                    r = -(nat - W) / sh
                elif last and not justify_last:
                    r = 0.0
                elif W - nat < 0.01:  # fits within tolerance: no spacing change (and no float noise)
                    r = 0.0
                else:
                    st = Ps[j] - s_i
                    r = (W - nat) / st if st > 0 else 10.0
                if r > 0 and not justify:  # ragged display text: a short line is only a little worse
                    bad = 100.0 * ((W - nat) / W) ** 2
                else:
                    bad = 100.0 * abs(r) ** 3 * (squeeze_cost if r < 0 else 1.0)
                    if bad > 10000.0:
                        bad = 10000.0
                d = (penalty + bad) ** 2
                if last and (runt or (phrases and i > 0 and n - i <= 2)):
                    d += runt_pen  # (a title's last line of one or two units: 进展 / 5则 alone)
                if phrases and not last and not spaces[j]:
                    d += R.MID_PHRASE_PENALTY
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
            j = max(i + 1, min(n, bisect_right(Pc, Pc[i] + gn[i] + W + 0.01) - 1))
            brk[j] = True
            if bi + emergency < best[j]:
                best[j], prev[j], ratio[j] = bi + emergency, i, 0.0
    if best[n] == INF:
        raise RuntimeError("composer found no break sequence")  # unreachable: fallback above always links
    breaks = []
    j = n
    while j > 0:
        breaks.append(j)
        j = prev[j]
    breaks.reverse()
    out = Composed(demerits=best[n])
    i = 0
    for j in breaks:
        r = ratio[j] if justify or ratio[j] < 0 else 0.0
        out.lines.append(_place(units, spaces, gn, gs, gz, trim, i, j, measure_of(i), r,
                                j == n, indent if i == 0 else 0.0, fit))
        i = j
    return out


def _place(units, spaces, gn, gs, gz, trim, i, j, W, r, last, indent, fit) -> Line:
    nat, st, sh = fit(i, j)
    items = []
    x = indent
    for k in range(i, j):
        u = units[k]
        if k > i:
            g = gn[k]
            if r > 0:
                g += gs[k] * r
            elif r < 0:
                g += gz[k] * r
            x += g
        trimmed = trim[k] if k == j - 1 else 0.0  # the blank half given up at line end
        adv = u.width - trimmed
        dx = u.dx
        if r < 0:  # 挤进: squeeze the blank halves still there, in proportion
            squeeze_l = u.blank_l * R.SQUEEZE * -r
            adv -= squeeze_l + (u.blank_r - trimmed) * R.SQUEEZE * -r
            dx -= squeeze_l
        # advance runs from the glyph origin, so x + advance is the right edge of the unit's box
        items.append(Placed(x + dx, u.text, u.face, adv - dx))
        x += adv
    start = units[i].start if i else 0
    end = units[j].start if j < len(units) else units[-1].end
    return Line(items, start, end, W + indent, nat + indent, r, last, indent)
