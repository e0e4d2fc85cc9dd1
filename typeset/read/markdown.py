"""Article sources: YAML front matter + CommonMark body → model.Article.

markdown-it-py (a CommonMark-compliant parser) reads the body; we accept the subset a
journal article uses and reject the rest with a message, so nothing is silently dropped.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt

from ..characters import refuse_control_characters
from ..errors import Problems, SourceError
from ..images import locate
from ..model import Article, Figure, Heading, Paragraph, Quote, Span
from .sources import ARTICLE_MAX, FRONT_MATTER_MAX, PARAGRAPH_MAX, load_yaml, read_text, validate

_md = MarkdownIt("commonmark")
FOOTNOTE = ("footnotes are not supported yet", "write the note in the text or as a closing note (note: in the front matter)")
# a link reference definition '[label]: address' (or a footnote '[^1]: text'): CommonMark prints nothing for it
_DEFINITION = re.compile(r"^ {0,3}\[(\^?)([^\]]+)\]:", re.M)
# the |---|---| line under a table's head row (CommonMark reads the table as a paragraph)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_CJK = re.compile(r"[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F“”‘’]")


def read_article(path: Path, key: str, root: Path | None = None, problems: Problems | None = None) -> Article | None:
    """root: the issue folder, which images must stay inside (default: the article's own folder).
    Every fault found goes to `problems` (the article is then None); without `problems` the first
    faults are raised together."""
    own = problems is None
    problems = Problems() if own else problems
    before = len(problems.errors)
    text = read_text(path, ARTICLE_MAX)
    with problems.collect():
        refuse_control_characters(path, text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(path, 1, "no front matter", "start the file with a line '---', the YAML keys (title: …), and another '---'")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise SourceError(path, 1, "front matter is not closed", "add a line '---' after the last front-matter key")
    front = "\n".join(lines[1:end])
    meta: dict = {}
    where: dict = {}
    if len(front.encode("utf-8")) > FRONT_MATTER_MAX:
        problems.add(SourceError(path, 2, f"the front matter is longer than {FRONT_MATTER_MAX // 1024} KB",
                                 "keep only title, subtitle, author, locality, dateline and note between the --- lines"))
    else:
        with problems.collect():
            meta, where = load_yaml(path, front, first_line=2)
            if not isinstance(meta, dict):
                meta = {}
                raise SourceError(path, 2, "front matter must be keys and values (title: …)", "write 'title: 文章标题' between the --- lines")
            for error in validate(path, meta, where, "article.schema.json", "the front matter"):
                problems.add(error)
    body_first = end + 2  # 1-based line number of the first body line
    blocks = tuple(_blocks(path, "\n".join(lines[end + 1:]), body_first - 1, (root or path.parent).resolve(), problems))
    if not blocks and len(problems.errors) == before:
        problems.add(SourceError(path, body_first, "the article has no text", "add the article's paragraphs after the front matter"))
    if own:
        problems.raise_if_any()
    if len(problems.errors) > before:
        return None
    return Article(key=key, path=path, blocks=blocks, lines={k[0]: n for k, n in where.items() if len(k) == 1},
                   **{k: meta.get(k) for k in ("title", "subtitle", "author", "locality", "dateline", "note")})


def _skip(tokens, i: int) -> int:
    """The index after the block that opens at tokens[i] (its close token, nested blocks included)."""
    if tokens[i].nesting != 1:
        return i + 1
    depth, j = 1, i + 1
    while j < len(tokens) and depth:
        depth += tokens[j].nesting
        j += 1
    return j


def _blocks(path: Path, body: str, offset: int, root: Path, problems: Problems):
    """The article's blocks; a block with a fault is reported to `problems` and left out."""
    at = 0
    for chunk in body.split("\n\n"):  # a monster paragraph would hold the parser for a long time
        if len(chunk) > PARAGRAPH_MAX:
            raise SourceError(path, body.count("\n", 0, at) + 1 + offset,
                              f"a paragraph of {len(chunk):,} characters; at most {PARAGRAPH_MAX:,} are accepted",
                              "split it into paragraphs with blank lines (is this really one paragraph?)")
        at += len(chunk) + 2
    env: dict = {}
    tokens = _md.parse(body, env)
    for m in _DEFINITION.finditer(body) if env.get("references") else ():
        line = body.count("\n", 0, m.start()) + 1 + offset
        if m.group(1):
            problems.add(SourceError(path, line, FOOTNOTE[0], FOOTNOTE[1]))
        else:
            problems.add(SourceError(path, line, f"a link definition ('[{m.group(2)}]: …') is not printed",
                                     "remove the line; write the address in the text if it must be printed"))
    i = 0
    quote_stack: list[list[Paragraph]] = []
    quote_line = 0
    while i < len(tokens):
        t = tokens[i]
        line = (t.map[0] + 1 + offset) if t.map else offset
        try:
            block, i = _block(path, tokens, i, line, root, quote_stack)
        except SourceError as e:
            problems.add(e)
            i = _skip(tokens, i)
            continue
        if block is None:
            continue
        if block == "quote":
            quote_line = line
            continue
        if isinstance(block, Paragraph) and quote_stack:
            quote_stack[-1].append(block)
        elif block == "end quote":
            yield Quote(tuple(quote_stack.pop()), quote_line)
        else:
            yield block


def _block(path: Path, tokens, i: int, line: int, root: Path, quote_stack: list):
    """One block at tokens[i]: (the block, or a quotation marker, or None; the index after it)."""
    t = tokens[i]
    if t.type == "heading_open":
        level = int(t.tag[1])
        if level not in (2, 3):
            raise SourceError(path, line, f"heading level {level} ('{'#' * level}') is not used in articles",
                              "use '## 一、…' for a section heading and '### （一）…' for a sub-heading; the title goes in the front matter")
        if quote_stack:
            raise SourceError(path, line, "heading inside a quotation", "end the quotation (a line without '>') before the heading")
        spans = _spans(path, tokens[i + 1], line)
        return Heading(level, "".join(s.text for s in spans), line), i + 3
    if t.type == "paragraph_open" and _lone_image(tokens[i + 1]):
        if quote_stack:
            raise SourceError(path, line, "image inside a quotation", "end the quotation (a line without '>') before the image line")
        return _figure(path, root, _lone_image(tokens[i + 1]), line), i + 3
    if t.type == "paragraph_open":
        if _TABLE_RULE.search(tokens[i + 1].content):
            raise SourceError(path, line, "a table is not supported in an article",
                              "write the rows as paragraphs (or ask for tables to be added to the typesetter)")
        return Paragraph(tuple(_spans(path, tokens[i + 1], line)), line), i + 3
    if t.type == "blockquote_open":
        if quote_stack:
            raise SourceError(path, line, "nested quotation", "use a single level of '>'")
        quote_stack.append([])
        return "quote", i + 1
    if t.type == "blockquote_close":
        return ("end quote" if quote_stack else None), i + 1
    kinds = {"bullet_list_open": ("a list", "write each item as its own paragraph; for '11. text' write '11.text' (no space)"),
             "ordered_list_open": ("a numbered list", "write '11.加强…' without a space after the period, so it stays a paragraph"),
             "code_block": ("an indented code block", "remove the leading spaces of this paragraph"),
             "fence": ("a code block", "remove the ``` lines"),
             "html_block": ("raw HTML", "remove the HTML; use Markdown only"),
             "hr": ("a horizontal rule", "remove the line of dashes or asterisks")}
    what, fix = kinds.get(t.type, ("this kind of Markdown block", "rewrite this block as plain paragraphs"))
    raise SourceError(path, line, f"{what} is not allowed in an article", fix)


# CommonMark will not close '**' after punctuation when a letter follows ('**（一）…。**面对'),
# which is exactly how Chinese bold lead-ins are written.  Like the "CJK-friendly emphasis"
# amendment proposed for CommonMark, we pair such leftover '**' markers ourselves.
def _spans(path: Path, inline, line: int) -> list[Span]:
    spans: list[Span] = []
    bold = False
    literal = 0  # '**' left as text by CommonMark: toggled here (see _CJK_STRONG)
    kids = inline.children or []
    for n, c in enumerate(kids):
        if c.type == "text":
            parts = c.content.split("**")
            for k, part in enumerate(parts):
                if k:
                    bold = not bold
                    literal += 1
                spans.append(Span(part, bold))
        elif c.type == "strong_open":
            bold = True
        elif c.type == "strong_close":
            bold = False
        elif c.type in ("softbreak", "hardbreak"):  # a line break inside a paragraph is not kept: text reflows
            prev = spans[-1].text[-1:] if spans else ""
            spans.append(Span("" if _CJK.match(prev or "一") else " ", bold))
        elif c.type in ("em_open", "em_close"):
            raise SourceError(path, line, "italic (*…*) is not used in Chinese text", "remove the single asterisks or underscores; use **…** for a bold lead-in")
        elif c.type == "code_inline":
            spans.append(Span(c.content, bold))
        elif c.type == "image":
            raise SourceError(path, line, "an image inside a paragraph of text",
                              "put the image on a line of its own, with a blank line before and after: ![图注](images/NAME.png)")
        elif c.type == "link_open" and c.markup == "autolink":
            raise SourceError(path, line, "a web address in angle brackets (<…>)", "remove the angle brackets; keep the address as text")
        elif c.type == "link_open" and n + 1 < len(kids) and kids[n + 1].content.startswith("^"):
            raise SourceError(path, line, FOOTNOTE[0], FOOTNOTE[1])
        elif c.type == "link_open":
            raise SourceError(path, line, "a link ([text](address)) is not printed as one",
                              "keep the text and remove the brackets and the address (write the address out if it must be printed)")
        elif c.type == "html_inline":
            raise SourceError(path, line, f"HTML in the text ({c.content[:30]})", "remove the HTML tag; keep the text")
        else:
            raise SourceError(path, line, f"this Markdown markup is not used in articles ({c.markup or c.content[:20]})",
                              "remove the markup; keep the text")
    if literal % 2:
        raise SourceError(path, line, "stray '**' (bold marker without its partner)", "remove it, or close the bold text with a second '**'")
    merged: list[Span] = []
    for s in spans:
        if merged and merged[-1].bold == s.bold:
            merged[-1] = Span(merged[-1].text + s.text, s.bold)
        elif s.text:
            merged.append(s)
    return merged


def _lone_image(inline):
    """The image token if the paragraph is nothing but one image, else None."""
    kids = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    return kids[0] if len(kids) == 1 and kids[0].type == "image" else None


_WIDTHS = ("column", "page")


def _figure(path: Path, root: Path, img, line: int) -> Figure:
    src = unquote(img.attrs.get("src") or "")  # markdown-it percent-encodes non-ASCII names and spaces
    if not src:
        raise SourceError(path, line, "image without a file name", "write ![图注](images/NAME.png)")
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", src):  # a URL scheme (two letters or more: not a Windows drive)
        raise SourceError(path, line, f"image '{src}' is a web address", "download the image into the issue folder and name the file, e.g. images/NAME.png")
    width = img.attrs.get("title") or "column"
    if width not in _WIDTHS:
        raise SourceError(path, line, f"image width \"{width}\" is not known (the quoted title after the file name sets the width)",
                          f'write ![图注]({src}) for the column width or ![图注]({src} "page") for the full page width')
    caption = "".join(c.content for c in img.children or [] if c.type in ("text", "code_inline")).strip()
    return Figure(path=locate(src, path.parent, root, path, line), caption=caption, width=width, line=line)
