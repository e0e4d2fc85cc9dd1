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

import atexit
import hashlib
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

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
    """The class of a break before each offset of `text` (index len(text): the end, PREFERRED):
    from the store of texts segmented before (`_Store`) when it holds them, else worked out."""
    store = _store()
    key = store.key(text)
    known = store.get(key)
    if known is None or len(known) != len(text) + 1 or max(known, default=0) > STRONG:  # (damaged: worked out again)
        known = store.put(key, _classes(text))
    return known


def _classes(text: str) -> bytes:
    n = len(text)
    cls = bytearray([INSIDE]) * (n + 1)
    cls[0] = cls[n] = PREFERRED
    _words(text, cls)
    _marks_and_spaces(text, cls)
    _compounds(text, cls)
    _short_terms(text, cls)
    return bytes(cls)


class _Store:
    """Break classes of texts segmented before, kept on disk ($XDG_CACHE_HOME/typeset/words/): an
    issue rebuilt after an edit has almost all of its paragraphs there, and then the segmenter's
    model (~0.14 s to build and ~35 MB, loaded when rjieba is imported) is never loaded.  The file is
    named by a digest of this module, the rules and the installed rjieba, so a change to any of them
    starts a new store; it is read whole on first use and written back (atomically) when the process
    ends, if it learnt anything.  Records: 16-byte digest of the text, 4-byte length, the classes."""

    def __init__(self, path: Path | None):
        self.path, self.known, self.new = path, {}, False
        try:
            data = path.read_bytes() if path else b""
        except OSError:
            data = b""
        i = 0
        while i + 20 <= len(data):
            n = int.from_bytes(data[i + 16:i + 20], "little")
            if i + 20 + n > len(data):
                break  # a record cut short (a damaged file): it and what follows are not used
            self.known[data[i:i + 16]] = data[i + 20:i + 20 + n]
            i += 20 + n

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, key: bytes) -> bytes | None:
        return self.known.get(key)

    def put(self, key: bytes, classes: bytes) -> bytes:
        if not self.new and self.path is not None:
            atexit.register(self.save)
        self.known[key], self.new = classes, True
        return classes

    def save(self) -> None:
        if not self.new or self.path is None or len(self.known) > MAX_STORED:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".words-")
            with os.fdopen(fd, "wb") as f:
                f.write(b"".join(k + len(v).to_bytes(4, "little") + v for k, v in self.known.items()))
            os.replace(tmp, self.path)
        except OSError:  # (a read-only home, a full disk: the next build segments again)
            pass
        self.new = False


MAX_STORED = 200_000  # texts; beyond this the store is not written (a runaway, not an issue)


@lru_cache(maxsize=1)
def _store() -> _Store:
    from .. import stored

    folder = stored.folder("words")  # (None: TYPESET_NO_CACHE, read as every store reads it)
    if folder is None:
        return _Store(None)
    from importlib.util import find_spec

    digest = hashlib.blake2b(digest_size=8)
    for module in (__file__, R.__file__):
        digest.update(Path(module).read_bytes())
    spec = find_spec("rjieba")
    if spec is not None and spec.origin:
        for f in sorted(Path(spec.origin).parent.iterdir()):
            digest.update(f"{f.name}:{f.stat().st_size}".encode())
    return _Store(folder / f"{digest.hexdigest()}.bin")


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
