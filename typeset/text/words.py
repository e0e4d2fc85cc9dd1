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

from functools import lru_cache

from . import rules as R

PREFERRED, BOUNDARY, INSIDE, STRONG = range(4)

_SEGMENTER = None


def segmenter():
    """The jieba-rs model with the house words (`rules.HOUSE_WORDS`) added; built once."""
    global _SEGMENTER
    if _SEGMENTER is None:
        import rjieba
        seg = rjieba.Jieba()
        for word, tag in R.HOUSE_WORDS:
            seg.add_word(word, None, tag)
        _SEGMENTER = seg
    return _SEGMENTER


def _digits(word: str) -> bool:
    return word[:1].isdigit() or word[-1:].isdigit()


def _is_unit(word: str, tag: str) -> bool:
    """A unit or measure word after a number: 亿元, 万人次, 平方米, 份, 个, 年, 月."""
    return (tag in ("m", "q") and not word[0].isdigit()) or word[0] in R.UNITS_AFTER_NUMBER \
        or word[0] in R.MEASURE_WORDS


def _latinish(ch: str) -> bool:
    return R.is_latin(ch) or ch in "+＋"


@lru_cache(maxsize=4096)
def break_classes(text: str) -> bytes:
    """The class of a break before each offset of `text` (index len(text): the end, PREFERRED)."""
    n = len(text)
    cls = bytearray([INSIDE]) * (n + 1)
    cls[0] = cls[n] = PREFERRED
    seg = segmenter()
    tokens = seg.tag(text)
    pos = 0
    prev_word, prev_tag = "", ""
    for word, tag in tokens:
        end = pos + len(word)
        if pos:
            cls[pos] = BOUNDARY
            if _digits(prev_word) and (_is_unit(word, tag) or word[0] in R.APPROXIMATE):
                cls[pos] = STRONG  # 5499 / 份, 1100 / 多件
            elif _is_unit(prev_word, prev_tag) and word[0].isdigit() and pos >= 2 and text[pos - 2].isdigit():
                cls[pos] = STRONG  # a date or time runs on: 2018年 / 6月
        if len(word) > 1 and (tag.startswith("nr") or (_digits(prev_word) and _is_unit(word, tag))
                              or (word[0] in R.APPROXIMATE and _digits(prev_word))):
            for p in range(pos + 1, end):  # inside a name, or inside the unit after a number (亿 / 元)
                cls[p] = STRONG
        elif len(word) >= 4 and word[0] != word[1]:  # a long word made of two (不断扩大, 中共中央政治局,
            for k in range(2, len(word) - 1):               # not 扎扎实实): between them is a boundary
                if seg.has_word(word[:k]) and seg.has_word(word[k:]):
                    cls[pos + k] = BOUNDARY
        prev_word, prev_tag = word, tag
        pos = end
    _marks_and_spaces(text, cls)
    _compounds(text, cls)
    _short_terms(text, cls)
    return bytes(cls)


def _marks_and_spaces(text: str, cls: bytearray) -> None:
    """A break at a space, or after a stop or closing mark (。，、 」）), is the best there is."""
    after = R.STOPS | R.CLOSING
    for p in range(1, len(text)):
        if text[p - 1] in after or text[p - 1].isspace() or text[p].isspace():
            cls[p] = PREFERRED


def _compounds(text: str, cls: bytearray) -> None:
    """Latin+Han compounds: a short Latin run (e, 5G, GDP) or a + glued to Han on either side."""
    n = len(text)
    p = 0
    while p < n:
        if not _latinish(text[p]):
            p += 1
            continue
        q = p
        while q < n and (_latinish(text[q]) or text[q] in R.LATIN_PUNCT_INSIDE):
            q += 1
        run = text[p:q]
        plus = "+" in run or "＋" in run
        if plus or (q - p <= R.SHORT_LATIN_COMPOUND and any(c.isascii() and c.isalpha() for c in run)):
            # (a + is glued to whatever it touches: （合作社）+农户 never starts a line with +)
            if p > 0 and (R.is_han(text[p - 1]) or (plus and run[0] in "+＋" and not text[p - 1].isspace())):
                cls[p] = STRONG
            if q < n and (R.is_han(text[q]) or (plus and run[-1] in "+＋" and not text[q].isspace())):
                cls[q] = STRONG
            for k in range(p + 1, q):  # 互联网+ / 党建: the + never parts from either side
                if text[k] in "+＋" or text[k - 1] in "+＋":
                    cls[k] = STRONG
        p = q


_CLOSER = {"（": "）", "“": "”", "‘": "’", "《": "》", "(": ")", "「": "」", "『": "』", "〈": "〉", "【": "】"}


def _short_terms(text: str, cls: bytearray) -> None:
    """A short bracketed or quoted term (（试行）, “两委”) stays on one line."""
    n = len(text)
    for p, ch in enumerate(text):
        close = _CLOSER.get(ch)
        if close is None:
            continue
        q = text.find(close, p + 1, min(n, p + 2 + R.SHORT_TERM))
        if q < 0 or any(c.isspace() or c in _CLOSER for c in text[p + 1:q]):
            continue
        for k in range(p + 1, q + 1):
            cls[k] = STRONG
