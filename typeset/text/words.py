"""Where a line may break in Chinese text, by word: the segmenter's boundaries, graded.

Chinese has no spaces between words, so where the words end comes from a segmenter: jieba's
dictionary and HMM, through `rjieba` (jieba-rs, the same model compiled; see README "Libraries
and why").  Each offset p of a text (a break before text[p]) gets a class:

- PREFERRED: at a typed space or right after punctuation (a title's phrase space, 「，」);
- BOUNDARY: between two words;
- INSIDE: inside a word (「扩大」 as 「扩 / 大」);
- STRONG: inside something a reader must not see parted: a number and its unit or measure word
  (53亿元, 5499份, 500平方米, 2018年6月), a Latin+Han compound (e支部, 5G网络, 互联网+党建), a short
  bracketed or quoted term (（试行）, “两委”), a person's name.

The composer turns the classes into costs (`rules.BREAK_COSTS`, `rules.DISPLAY_BREAK_COSTS`).
Segmentation is deterministic (a dictionary and a fixed model; no randomness, no state between
calls) and cached per text: copyfitting and balancing compose the same paragraph many times.
The model is built on first use (~0.13 s), not at import.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import rules as R

PREFERRED, BOUNDARY, INSIDE, STRONG = range(4)

_SEGMENTER = None


def segmenter():
    """The jieba-rs model with the house words (`rules.HOUSE_WORDS`) added; built once."""
    global _SEGMENTER
    if _SEGMENTER is None:
        import rjieba
        # importing rjieba already builds a model (its module-level default): use that one rather
        # than build a second (each costs ~0.1 s and ~35 MB)
        seg = getattr(rjieba, "_DEFAULT_JIEBA", None) or rjieba.Jieba()
        for word, tag in R.HOUSE_WORDS:
            seg.add_word(word, None, tag)
        _SEGMENTER = seg
    return _SEGMENTER


def _is_unit(word: str, tag: str) -> bool:
    """A unit or measure word after a number: 亿元, 万人次, 平方米, 份, 个, 年, 月 (or 多, 余 before one)."""
    c = word[0]
    return (tag in ("m", "q") and not c.isdigit()) or c in _UNIT_HEADS


_UNIT_HEADS = frozenset(R.UNITS_AFTER_NUMBER | R.MEASURE_WORDS | R.APPROXIMATE)
_PLUS = "+＋"
_AFTER = re.compile("[" + re.escape("".join(sorted(R.STOPS | R.CLOSING))) + r"\s]")
_LATIN = "A-Za-z0-9" + re.escape("ÀÁÂÃÄÅàáâãäåÉéèêëÓóòôöÚúùûüÑñ" + _PLUS)
_LATIN_RUN = re.compile(f"[{_LATIN}][{_LATIN}{re.escape(''.join(sorted(R.LATIN_PUNCT_INSIDE)))}]*")
_CLOSER = {"（": "）", "“": "”", "‘": "’", "《": "》", "(": ")", "「": "」", "『": "』", "〈": "〉", "【": "】"}
_OPENER = re.compile("[" + re.escape("".join(_CLOSER)) + "]")


@lru_cache(maxsize=4096)
def break_classes(text: str) -> bytes:
    """The class of a break before each offset of `text` (index len(text): the end, PREFERRED)."""
    n = len(text)
    cls = bytearray([INSIDE]) * (n + 1)
    cls[0] = cls[n] = PREFERRED
    _words(text, cls)
    _marks_and_spaces(text, cls)
    _compounds(text, cls)
    _short_terms(text, cls)
    return bytes(cls)


def _words(text: str, cls: bytearray) -> None:
    """The segmenter's words: a boundary between two, STRONG between a number and its unit (and
    on through a date: 2018年 / 6月), inside a unit after a number (亿 / 元) and inside a name."""
    seg = segmenter()
    pos = 0
    prev_digit = prev_unit = False
    for word, tag in seg.tag(text):
        end = pos + len(word)
        digit = word[0].isdigit() or word[-1].isdigit()
        unit = not digit and _is_unit(word, tag)
        if pos:
            if prev_digit and unit:
                cls[pos] = STRONG  # 5499 / 份, 1100 / 多件
            elif prev_unit and word[0].isdigit() and pos >= 2 and text[pos - 2].isdigit():
                cls[pos] = STRONG  # a date or time runs on: 2018年 / 6月
            else:
                cls[pos] = BOUNDARY
        if end - pos > 1:
            if tag.startswith("nr") or (prev_digit and unit):
                cls[pos + 1:end] = bytes([STRONG]) * (end - pos - 1)  # a name; 53亿 / 元
            elif end - pos >= 4 and word[0] != word[1]:  # a long word made of two (不断扩大,
                for k in range(2, len(word) - 1):        # 中共中央政治局; not 扎扎实实): a boundary between them
                    if seg.has_word(word[:k]) and seg.has_word(word[k:]):
                        cls[pos + k] = BOUNDARY
        prev_digit = digit or (prev_digit and word in R.APPROXIMATE)  # 1100多 / 件 too
        prev_unit = unit
        pos = end


def _marks_and_spaces(text: str, cls: bytearray) -> None:
    """A break at a space, or after a stop or closing mark (。，、 」）), is the best there is."""
    for m in _AFTER.finditer(text):
        cls[m.end()] = PREFERRED
        if text[m.start()].isspace():
            cls[m.start()] = PREFERRED


def _compounds(text: str, cls: bytearray) -> None:
    """Latin+Han compounds: a short Latin run (e, 5G, GDP) or a + glued to Han on either side."""
    n = len(text)
    for m in _LATIN_RUN.finditer(text):
        p, q = m.span()
        run = m.group()
        plus = "+" in run or "＋" in run
        if not (plus or (q - p <= R.SHORT_LATIN_COMPOUND and any(c.isascii() and c.isalpha() for c in run))):
            continue
        # (a + is glued to whatever it touches: （合作社）+农户 never starts a line with +)
        if p > 0 and (R.is_han(text[p - 1]) or (plus and run[0] in _PLUS and not text[p - 1].isspace())):
            cls[p] = STRONG
        if q < n and (R.is_han(text[q]) or (plus and run[-1] in _PLUS and not text[q].isspace())):
            cls[q] = STRONG
        for k in range(p + 1, q):  # 互联网+ / 党建: the + never parts from either side
            if text[k] in _PLUS or text[k - 1] in _PLUS:
                cls[k] = STRONG


def _short_terms(text: str, cls: bytearray) -> None:
    """A short bracketed or quoted term (（试行）, “两委”) stays on one line."""
    n = len(text)
    for m in _OPENER.finditer(text):
        p = m.start()
        q = text.find(_CLOSER[text[p]], p + 1, min(n, p + 2 + R.SHORT_TERM))
        if q < 0 or any(c.isspace() or c in _CLOSER for c in text[p + 1:q]):
            continue
        cls[p + 1:q + 1] = bytes([STRONG]) * (q - p)
