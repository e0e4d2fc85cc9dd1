"""Model blocks → article Markdown, as the sources are written (the reverse of read/markdown.py),
and front matter values → YAML lines.  Used by `update` (blocks revised in Word) and `import`."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import yaml

from ..model import Figure, Heading, NoteRef, Paragraph, Quote, Span, Table

FRONT_KEYS = ("title", "subtitle", "author", "locality", "dateline", "note")
_HAN = re.compile(r"[\u2E80-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF“”‘’]")
_INLINE = re.compile(r"([\\`*_\[\]<>])|(&(?=#?\w+;))|(!(?=\[))")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*=](?=\s|$)|\d{1,9}(?=[.)](\s|$)))")


def escape(text: str) -> str:
    """Text as CommonMark reads it back verbatim."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    m = _LINE_START.match(text)
    if m:
        g = m.group(0)
        text = (g[:-1] + "\\" + g[-1] + text[len(g):]) if g[0].isdigit() else "\\" + text
    return text


def flatten(text: str) -> str:
    """A line break inside a paragraph (Shift+Enter in Word) reflows, as a soft break in
    Markdown does: nothing between Chinese characters, a space between Latin words."""
    def join(m):
        a, b = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
        return "" if (_HAN.match(a or "一") or _HAN.match(b or "一")) else " "
    text = re.sub(r"[ \t]*\n[ \t]*", join, text.replace("\t", " "))
    return text.strip(" ")


def spans_md(spans: tuple[Span | NoteRef, ...]) -> str:
    out = []
    for s in spans:
        if isinstance(s, NoteRef):  # a note reference, written back as Markdown's [^n]
            out.append(f"[^{s.number}]")
            continue
        t = escape(s.text)
        if s.bold and s.text.strip():
            m = re.match(r"^(\s*)(.*?)(\s*)$", t, re.S)
            assert m is not None  # (every string matches)
            lead, core, trail = m.groups()
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(t)
    return "".join(out)


def merge(spans) -> tuple[Span, ...]:
    """Adjacent spans of the same weight joined, empty ones dropped (as the reader does); note
    references and 着重号 are not compared (update leaves articles that have them to the editor)."""
    out: list[Span] = []
    for s in spans:
        if not isinstance(s, Span) or not s.text:
            continue
        s = Span(s.text, s.bold)
        if out and out[-1].bold == s.bold:
            out[-1] = Span(out[-1].text + s.text, s.bold)
        else:
            out.append(s)
    return tuple(out)


def block_md(block, article_dir: Path) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Paragraph):
        return spans_md(block.spans)
    if isinstance(block, Quote):
        return "\n>\n".join("> " + spans_md(p.spans) for p in block.paragraphs)
    if isinstance(block, Figure):
        rel = Path(os.path.relpath(block.path, article_dir)).as_posix()
        target = f"<{rel}>" if re.search(r"[\s()<>]", rel) else rel
        title = ' "page"' if block.width == "page" else ""
        caption = re.sub(r"([\[\]\\])", r"\\\1", block.caption)
        return f"![{caption}]({target}{title})"
    raise TypeError(type(block).__name__)


def block_key(block) -> tuple:
    """What a block says, for comparing a source block with one read back from Word."""
    if isinstance(block, Heading):
        return ("h", block.level, block.text)
    if isinstance(block, Paragraph):
        return ("p", merge(block.spans))
    if isinstance(block, Quote):
        return ("q", tuple(merge(p.spans) for p in block.paragraphs))
    if isinstance(block, Figure):
        return ("f", Path(block.path).resolve(), block.caption, block.width)
    if isinstance(block, Table):
        return ("t", block.head, block.rows, block.caption)
    raise TypeError(type(block).__name__)


def yaml_value(value: str) -> str:
    """A front matter value as YAML: plain when it reads back unchanged, else double-quoted."""
    if value and value == value.strip() and "\n" not in value and "#" not in value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def front_matter(meta: dict) -> str:
    lines = ["---"] + [f"{k}: {yaml_value(meta[k])}" for k in FRONT_KEYS if meta.get(k)] + ["---"]
    return "\n".join(lines) + "\n"


def article_md(meta: dict, blocks, article_dir: Path) -> str:
    return front_matter(meta) + "\n" + "\n\n".join(block_md(b, article_dir) for b in blocks) + "\n"
