"""Text set for the page: a paragraph's styled runs checked against the fonts, body lines checked
to fit their column, and display lines (titles, headings, datelines) set ragged and balanced."""
from __future__ import annotations

from .. import style as S
from ..errors import SourceError
from ..i18n import t
from ..fonts import check_coverage, face, runs as face_runs
from ..model import Article, NoteRef, Paragraph
from ..text import rules as R
from ..text.composer import Composition
from ..text.words import INSIDE, break_classes
from .inline import dotted, note_run


def styled_runs(para: Paragraph, regular: S.TextStyle, bold: S.TextStyle, article: Article):
    """(text, face) runs of a paragraph: bold lead-ins, 着重号 and note markers (inline.py)."""
    runs = []
    for sp in para.spans:
        if isinstance(sp, NoteRef):
            runs.append(note_run(sp, regular, article, para.line))
            continue
        st = bold if sp.bold else regular
        check_coverage(sp.text, st.face, article.path, para.line)
        # a character the face lacks: a run in the fallback face
        runs += face_runs(sp.text, dotted(face(st)) if sp.dots else face(st))
    return runs


def fitted(lines, article: Article, line: int | None):
    """The composer breaks anything at its measure except a Latin word with no break point in
    it; such a word would run into the next column, so it is an error in the source."""
    for ln in lines:
        if ln.width > ln.measure + 0.5:
            word = max((p.text for p in ln.items), key=len)
            raise SourceError(article.path, line, t("layout.word_too_wide", word=word[:40]), t("layout.word_too_wide.fix"))
    return lines


def text_lines(text: str, st: S.TextStyle, measure: float, article: Article | None = None, line: int | None = None,
                justify: bool = True, indent: float = 0.0, balanced: bool = False, phrases: bool = False):
    """Compose a line or a few of display text.  `balanced` (titles, headings) sets ragged lines
    of even length, as InDesign's "balance ragged lines" does: the narrowest measure that
    needs no more lines and breaks no worse (between words, and at phrase spaces where the full
    measure did), so a heading never ends with a word or two alone."""
    if article is not None:
        check_coverage(text, st.face, article.path, line)
    runs = face_runs(text, face(st))
    full = Composition(runs, measure, indent=indent, justify=justify and not balanced, phrases=phrases)
    lines = full.set().lines

    def at_phrases(ends):  # every break falls on a space between phrases
        return all(text[e - 1:e].isspace() for e in ends[:-1])

    def cost(ends):  # what the breaks inside words cost (a balanced line may trade punctuation for a word boundary)
        classes = break_classes(text)
        return sum(R.DISPLAY_BREAK_COSTS[c] for e in ends[:-1] if (c := classes[e]) >= INSIDE)

    if balanced and len(lines) > 1:
        ends = [ln.end for ln in lines]
        keep_phrases = phrases and at_phrases(ends)
        worst = cost(ends)
        lo, hi = measure / 2, measure
        ragged = full if not full.justify else Composition(runs, measure, indent=indent, justify=False, phrases=phrases)
        for _ in range(10):  # (only the breaks are needed: no trial is placed)
            mid = (lo + hi) / 2
            trial = ragged.at(mid).set()
            if trial.count > len(lines) or (keep_phrases and not at_phrases(trial.ends)) or cost(trial.ends) > worst:
                lo = mid  # narrower would cost a line, or a break inside a phrase or a word
            else:
                hi = mid
        lines = ragged.at(hi).set().lines
    return fitted(lines, article, line) if article is not None else lines
