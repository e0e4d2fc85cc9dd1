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
from ..errors import SourceError
from ..images import locate
from ..model import Article, Figure, Heading, Paragraph, Quote, Span
from .sources import load_yaml, read_text, validate

_md = MarkdownIt("commonmark")
# the |---|---| line under a table's head row (CommonMark reads the table as a paragraph)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_CJK = re.compile(r"[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F“”‘’]")


def read_article(path: Path, key: str, root: Path | None = None) -> Article:
    """root: the issue folder, which images must stay inside (default: the article's own folder)."""
    text = read_text(path)
    refuse_control_characters(path, text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(path, 1, "no front matter", "start the file with a line '---', the YAML keys (title: …), and another '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(path, 1, "front matter is not closed", "add a line '---' after the last front-matter key") from None
    meta, where = load_yaml(path, "\n".join(lines[1:end]), first_line=2)
    if not isinstance(meta, dict):
        raise SourceError(path, 2, "front matter must be keys and values (title: …)", "write 'title: 文章标题' between the --- lines")
    validate(path, meta, where, "article.schema.json", "front matter")
    body_first = end + 2  # 1-based line number of the first body line
    blocks = tuple(_blocks(path, "\n".join(lines[end + 1:]), body_first - 1, (root or path.parent).resolve()))
    if not blocks:
        raise SourceError(path, body_first, "the article has no text", "add the article's paragraphs after the front matter")
    return Article(key=key, path=path, blocks=blocks, lines={p[0]: n for p, n in where.items() if len(p) == 1},
                   **{k: meta.get(k) for k in ("title", "subtitle", "author", "locality", "dateline", "note")})


def _blocks(path: Path, body: str, offset: int, root: Path):
    tokens = _md.parse(body)
    i = 0
    quote_stack: list[list[Paragraph]] = []
    quote_line = 0
    while i < len(tokens):
        t = tokens[i]
        line = (t.map[0] + 1 + offset) if t.map else offset
        if t.type == "heading_open":
            level = int(t.tag[1])
            if level not in (2, 3):
                raise SourceError(path, line, f"heading level {level} ('{'#' * level}') is not used in articles",
                                  "use '## 一、…' for a section heading and '### （一）…' for a sub-heading; the title goes in the front matter")
            if quote_stack:
                raise SourceError(path, line, "heading inside a quotation", "end the quotation (a line without '>') before the heading")
            inline = tokens[i + 1]
            spans = _spans(path, inline, line)
            yield Heading(level, "".join(s.text for s in spans), line)
            i += 3
            continue
        if t.type == "paragraph_open" and _lone_image(tokens[i + 1]):
            if quote_stack:
                raise SourceError(path, line, "image inside a quotation", "end the quotation (a line without '>') before the image line")
            yield _figure(path, root, _lone_image(tokens[i + 1]), line)
            i += 3
            continue
        if t.type == "paragraph_open":
            if _TABLE_RULE.search(tokens[i + 1].content):
                raise SourceError(path, line, "a table is not supported in an article",
                                  "write the rows as paragraphs (or ask for tables to be added to the typesetter)")
            para = Paragraph(tuple(_spans(path, tokens[i + 1], line)), line)
            if quote_stack:
                quote_stack[-1].append(para)
            else:
                yield para
            i += 3
            continue
        if t.type == "blockquote_open":
            if quote_stack:
                raise SourceError(path, line, "nested quotation", "use a single level of '>'")
            quote_stack.append([])
            quote_line = line
            i += 1
            continue
        if t.type == "blockquote_close":
            yield Quote(tuple(quote_stack.pop()), quote_line)
            i += 1
            continue
        kinds = {"bullet_list_open": ("a list", "write each item as its own paragraph; for '11. text' write '11.text' (no space)"),
                 "ordered_list_open": ("a numbered list", "write '11.加强…' without a space after the period, so it stays a paragraph"),
                 "code_block": ("an indented code block", "remove the leading spaces of this paragraph"),
                 "fence": ("a code block", "remove the ``` lines"),
                 "html_block": ("raw HTML", "remove the HTML; use Markdown only"),
                 "hr": ("a horizontal rule", "remove the line of dashes or asterisks")}
        what, fix = kinds.get(t.type, (f"unsupported Markdown ({t.type})", "rewrite this block as plain paragraphs"))
        raise SourceError(path, line, f"{what} is not allowed in an article", fix)


# CommonMark will not close '**' after punctuation when a letter follows ('**（一）…。**面对'),
# which is exactly how Chinese bold lead-ins are written.  Like the "CJK-friendly emphasis"
# amendment proposed for CommonMark, we pair such leftover '**' markers ourselves.
def _spans(path: Path, inline, line: int) -> list[Span]:
    spans: list[Span] = []
    bold = False
    literal = 0  # '**' left as text by CommonMark: toggled here (see _CJK_STRONG)
    for c in inline.children or []:
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
        else:
            raise SourceError(path, line, f"unsupported inline Markdown ({c.type})", "remove the link, HTML or other markup; keep the text")
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
