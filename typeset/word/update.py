"""`build.py update ISSUE_DIR REVISED.docx`: an issue DOCX or an offprint, revised in Word, WPS or
LibreOffice, read back into the article sources.

Paragraphs are recognised by their style *name* (LibreOffice renames style ids), the
typesetter's additions undone (任　涛 → 任涛, 「——」 before subtitles and datelines, 「（…）」
around notes; the cover, imprint, board and 目录 skipped), and each article compared block by
block with its source: unchanged blocks keep their source text byte for byte, changed ones are
written from the DOCX, and a file is rewritten (atomically) only if something in it changed.
Nothing is lost silently: tracked changes are refused unless accepted, comments are listed, a
paragraph in an unknown style is kept as body text with a warning, text belonging to no article
is reported, and every file is read back before anything is written.
"""
from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from .. import images
from ..errors import SourceError, SourceErrors
from ..i18n import t
from ..model import Article, Figure, Heading, Issue, NoteRef, Paragraph, Quote, Span, Table
from ..output import staging
from ..read.manifest import load_issue
from ..read.markdown import read_article
from . import markdown as md
from .document import WPara, read, read_comments
from .package import open_package

# style names (lower case, without spaces, hyphens or underscores) → role
ROLES = {
    **dict.fromkeys(("bodytext", "textbody", "leadtext", "正文文本", "卷首语正文", "sectionbreak", "分节", "正文首行缩进", "firstlineindent",
                     "bodytextfirstindent", "bodytextindent"), "body"),
    **dict.fromkeys(("quote", "quotations", "引用", "引文", "intensequote", "明显引用"), "quote"),
    **dict.fromkeys(("heading3", "标题3"), "h2"),
    **dict.fromkeys(("heading4", "标题4"), "h3"),
    **dict.fromkeys(("articletitle", "itemtitle", "heading2", "标题2", "文章标题", "条目标题"), "title"),
    **dict.fromkeys(("sectionname", "heading1", "标题1", "栏目名", "栏目"), "section"),
    **dict.fromkeys(("subtitle", "副标题"), "subtitle"),
    **dict.fromkeys(("byline", "作者"), "byline"),
    **dict.fromkeys(("locality", "地区"), "locality"),
    **dict.fromkeys(("dateline", "日期行", "落款"), "dateline"),
    **dict.fromkeys(("closingnote", "文末注", "作者简介"), "note"),
    **dict.fromkeys(("figure", "图片", "图"), "figure"),
    **dict.fromkeys(("caption", "题注", "图注", "tablecaption", "表题"), "caption"),
    **dict.fromkeys(("title", "标题", "coverissue", "covermotto", "covernote", "imprinttitle", "imprintissue",
                     "imprint", "imprintnote", "boardtitle", "boardrole", "board", "tocheading", "contentsheading",
                     "目录标题", "toc1", "toc2", "contents1", "contents2", "目录1", "目录2", "header", "footer",
                     "页眉", "页脚", "编委会", "版权页", "封面期号", "封面题词", "封面注", "版权页刊名", "版权页期号",
                     "版权页注", "编委会标题", "编委职务", "编委"), "front"),
    # a table's cells and a footnote's text: not body text (tables and notes are kept by the source)
    **dict.fromkeys(("tablehead", "tabletext", "表头", "表格文字", "footnotetext", "脚注文本"), "table"),
    **dict.fromkeys(("normal", "standard", "defaultparagraphstyle", "正文", "default"), "normal"),
}


def role(p: WPara) -> str | None:
    for name in p.names or (p.style,):
        key = re.sub(r"[\s_\-]", "", name).lower()
        if key in ROLES:
            return ROLES[key]
    return None


def unpad(name: str) -> str:
    """任　涛 → 任涛: the typesetter's padding of two-character names."""
    name = name.strip()
    return name[0] + name[2] if len(name) == 3 and name[1] in "\u3000 " else name


def strip_dash(text: str) -> str:
    return re.sub(r"^\s*(——|—|--|⸺)\s*", "", text).strip()


def strip_parens(text: str) -> str:
    text = text.strip()
    m = re.fullmatch(r"[（(](.*)[）)]", text, re.S)
    return m.group(1).strip() if m else text


def title_text(text: str) -> str:
    """A title's line break (the DOCX breaks titles at their phrase space) is that space again."""
    return re.sub(r"\s*\n\s*", " ", text).strip()


@dataclass
class Chunk:
    """What the DOCX holds for one article."""
    article: Article | None
    title: str
    first_para: int
    section: str | None
    meta: dict = field(default_factory=dict)  # front matter keys the DOCX showed
    blocks: list = field(default_factory=list)
    figures: list = field(default_factory=list)  # (block index, image part) of pictures not in the source


@dataclass
class ArticleChange:
    path: Path
    text: str
    summary: str
    article: Article | None = None
    expected: tuple = ()  # (block keys, front matter) the text must read back as
    pictures: dict = field(default_factory=dict)  # new images/ files: path → bytes
    edits: list = field(default_factory=list)  # (before, after) of each changed sentence, shortened


@dataclass
class UpdateResult:
    changes: list[ArticleChange] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    dry_run: bool = False  # nothing written: what would change


def bookmark_keys(issue: Issue) -> dict[str, str]:
    """The bookmark name the DOCX writer gives each article's title → article key."""
    return {f"_Toc{n:03d}_{re.sub(r'[^A-Za-z0-9_]', '_', a.key)}"[:40]: a.key
            for n, (_, a) in enumerate(issue.articles(), start=1)}


CHANGE_KEYS = {(True, True): "update.change.inserted_dated", (True, False): "update.change.inserted",
               (False, True): "update.change.deleted_dated", (False, False): "update.change.deleted"}


def changes_listing(paras: list[WPara]) -> list[str]:
    out = []
    for p in paras:
        for c in p.changes:
            text = c.text if len(c.text) <= 40 else c.text[:40] + "…"
            key = CHANGE_KEYS[(c.kind == "inserted", bool(c.date))]
            out.append(t(key, para=p.index, author=c.author, date=c.date[:10], text=text))
    return out


def update(issue_dir: Path | str, docx_path: Path | str, accept_changes: bool = False,
           dry_run: bool = False) -> UpdateResult:
    issue_dir = Path(issue_dir)
    issue = load_issue(issue_dir)
    pkg = open_package(docx_path)
    res = UpdateResult(dry_run=dry_run)
    res.warnings.extend(pkg.warnings)
    paras = read(pkg, accept_changes=True)
    _check_tracked(pkg, paras, accept_changes, res)
    comments = read_comments(pkg)
    chunks = _chunks(issue, paras, pkg, res)
    for p in paras:
        for cid in p.comments:
            author, text = comments.get(cid, ("?", ""))
            res.comments.append(t("update.comment", para=p.index, text=p.text[:20], author=author, comment=text))
    offprint = not any(role(p) == "front" for p in paras)
    by_key = _by_key(chunks, res)
    for section, article in issue.articles():
        chunk = by_key.get(article.key)
        if chunk is None:
            continue
        change = _article_change(issue, section, article, chunk, offprint, pkg, res)
        if change:
            res.changes.append(change)
        else:
            res.unchanged += 1
    if dry_run:
        return res
    _write(issue, res)
    return res


def _check_tracked(pkg, paras: list[WPara], accept_changes: bool, res: UpdateResult) -> None:
    """Refuses a document with tracked changes unless told to accept them; notes how many were accepted."""
    tracked = changes_listing(paras)
    if tracked and not accept_changes:
        shown = tracked[:30] + ([t("update.tracked_more", count=len(tracked) - 30)] if len(tracked) > 30 else [])
        raise SourceError(pkg.path, None, t("update.tracked", count=len(tracked), listing="\n    ".join(shown)),
                          t("update.tracked_fix"))
    if tracked:
        res.warnings.append(t("update.tracked_accepted", path=pkg.path, count=len(tracked)))


def _by_key(chunks: list[Chunk], res: UpdateResult) -> dict[str, Chunk]:
    """Each matched article's chunk by article key; unmatched and repeated articles are listed, not written."""
    by_key: dict[str, Chunk] = {}
    for c in chunks:
        if c.article is None:
            res.unmatched.append(t("update.no_article", para=c.first_para, title=c.title, blocks=len(c.blocks)))
            continue
        if c.article.key in by_key:
            res.unmatched.append(t("update.repeated", para=c.first_para, title=c.title))
            continue
        by_key[c.article.key] = c
    return by_key


def _write(issue: Issue, res: UpdateResult) -> None:
    """Writes the new pictures, reads every changed article back, then writes the articles; sets res.written."""
    pictures = {path: data for ch in res.changes for path, data in ch.pictures.items()}
    with staging() as st:  # pictures first: the articles name them, and are read back with them in place
        for path, data in pictures.items():
            st.write(path, data)
        placed = st.commit()
    try:
        for ch in res.changes:
            _read_back(issue, ch)
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        raise
    with staging() as st:  # every article file at once, each atomically
        for ch in res.changes:
            st.write(ch.path, ch.text.encode("utf-8"))
        res.written = placed + st.commit()


def _read_back(issue: Issue, ch: ArticleChange) -> None:
    """The text about to be written reads back as what the DOCX says, or nothing is written."""
    article = ch.article
    assert article is not None  # (only a changed article is read back)
    try:
        check = read_article(article.path, article.key, issue.root, text=ch.text)
        assert check is not None  # (without problems of its own, read_article raises rather than returns None)
    except (SourceError, SourceErrors) as e:
        first = e.errors[0] if isinstance(e, SourceErrors) else e
        raise SourceError(article.path, first.line, t("update.read_back", problem=first.problem),
                          t("update.report_docx")) from None
    keys, meta = ch.expected
    if [md.block_key(b) for b in check.blocks] != keys or any(getattr(check, k) != meta[k] for k in md.FRONT_KEYS):
        raise SourceError(article.path, None, t("update.read_back_differs"), t("update.report_docx"))


def _chunks(issue: Issue, paras: list[WPara], pkg, res: UpdateResult) -> list[Chunk]:
    reader = _ChunkReader(issue, pkg, res)
    for p in paras:
        reader.take(p)
    return reader.chunks


class _ChunkReader:
    """Walks the DOCX paragraphs by their role, cutting them into one Chunk per article title."""

    def __init__(self, issue: Issue, pkg, res: UpdateResult) -> None:
        self.pkg = pkg
        self.res = res
        self.marks = bookmark_keys(issue)
        self.articles = {a.key: a for _, a in issue.articles()}
        self.order = [a.key for _, a in issue.articles()]
        self.sections = {s.title for s in issue.sections}
        self.fillers = {f.text: f for f in getattr(issue, "fillers", ())}  # 补白: from the manifest, set after articles
        self.chunks: list[Chunk] = []
        self.current: Chunk | None = None
        self.section: str | None = None
        self.locality: str | None = None
        self.quote: list[Paragraph] | None = None
        self.last_figure: Figure | None = None
        self.used: set[str] = set()
        self.filler_source: str | None = None

    def where(self, p: WPara) -> str:
        return t("update.where", path=self.pkg.path, para=p.index)

    def take(self, p: WPara) -> None:
        r = role(p)
        text = p.text
        has_image = bool(p.images) or any(t == "\0link" for t, _ in p.runs)
        if not text.strip() and not has_image:
            return
        if r != "quote":
            self.quote = None
        if r != "caption" and not (r == "figure" or has_image):
            self.last_figure = None
        if p.in_table:
            self._table(p)
            return
        if r == "front" or (r == "figure" and self.section is None and self.current is None):  # the cover picture
            self.current = None  # the house page and back cover after the articles: made from the manifest
            return
        if self._filler(p, r):
            return
        if r == "section":
            self._section(p)
            return
        if r == "locality":
            if self.locality is not None and self.current is not None:  # a label no title took: a 补白's title?
                self.res.unmatched.append(t("update.stray_locality", para=p.index - 1, text=self.locality))
            self.locality = text.strip()
            return
        if r == "title":
            self._title(p)
            return
        if self.current is None:
            self.res.unmatched.append(t("update.before_title", para=p.index, style=p.style, text=text[:60]))
            return
        self._content(p, r, self.current, has_image)

    def _table(self, p: WPara) -> None:
        current = self.current
        if current is not None and current.article is not None and rich(current.article):
            return  # a table of an article update leaves to the editor (see rich)
        if current is not None:
            self.res.unmatched.append(t("update.table_text", para=p.index, title=current.title, text=p.text[:40]))

    def _filler(self, p: WPara, r: str | None) -> bool:
        """True if the paragraph is a 补白 item or its source line (both set from the manifest)."""
        text = p.text
        if r == "quote" and text.strip() in self.fillers:  # a 补白 item (its title and source with it)
            f = self.fillers[text.strip()]
            if f.title and self.locality == f.title:
                self.locality = None
            self.filler_source = f.source
            return True
        if r == "dateline" and self.filler_source is not None and strip_dash(text) == self.filler_source:
            self.filler_source = None
            return True
        self.filler_source = None
        return False

    def _section(self, p: WPara) -> None:
        section = p.text.strip()
        self.section = section
        if section not in self.sections:
            self.res.warnings.append(t("update.section_unknown", where=self.where(p), section=section))
        self.current = None

    def _title(self, p: WPara) -> None:
        title = title_text(p.text)
        key = self._article_key(p, title)
        art = self.articles.get(key) if key else None
        if key:
            self.used.add(key)
        current = Chunk(art, title, p.index, self.section, meta={"title": title})
        if self.locality is not None:
            current.meta["locality"] = self.locality
            self.locality = None
        self.current = current
        self.chunks.append(current)

    def _article_key(self, p: WPara, title: str) -> str | None:
        """The article a title starts: by its bookmark, else by its title, else the one after the last article."""
        key = next((self.marks[b] for b in p.bookmarks if b in self.marks), None)
        if key is None or key in self.used:
            key = next((k for k in self.order if k not in self.used and self.articles[k].title == title), None)
        if key is None and self.chunks and self.chunks[-1].article is not None:
            nxt = self.order.index(self.chunks[-1].article.key) + 1
            if nxt < len(self.order) and self.order[nxt] not in self.used:
                key = self.order[nxt]  # the next article, its title edited
        return key

    def _content(self, p: WPara, r: str | None, current: Chunk, has_image: bool) -> None:
        """A paragraph inside an article: front matter, a heading, a caption, pictures or text."""
        text = p.text
        started = bool(current.blocks)
        if r == "subtitle" and not started:
            current.meta["subtitle"] = strip_dash(text)
        elif r == "byline" and not started:
            current.meta["author"] = unpad(text)
        elif r == "dateline":
            current.meta["dateline"] = strip_dash(text)
        elif r == "note":
            current.meta["note"] = strip_parens(text)
        elif r in ("h2", "h3"):
            current.blocks.append(Heading(2 if r == "h2" else 3, md.flatten(text), p.index))
        elif r == "caption" and self.last_figure is None and current.article is not None and rich(current.article):
            return  # a table's caption (表N…)
        elif r == "caption" and self.last_figure is not None:
            fig = self.last_figure
            current.blocks[-1] = Figure(fig.path, md.flatten(text), fig.width, fig.line)
            self.last_figure = None
        elif has_image:
            self._pictures(p, current)
        elif r == "quote":
            self._quote(p, current)
        else:
            if r not in ("body",):
                self.res.warnings.append(t("update.default_style" if r == "normal" else "update.unknown_style",
                                           where=self.where(p), style=p.style, title=current.title, text=text[:30]))
            current.blocks.append(Paragraph(_spans(p), p.index))

    def _pictures(self, p: WPara, current: Chunk) -> None:
        for kind, part in p.runs:
            if kind == "\0link":
                self.res.warnings.append(t("update.linked_picture", where=self.where(p), part=part, title=current.title))
            if kind != "\0img":
                continue
            fig = Figure(Path(part), "", "column", p.index)  # resolved against the source below
            current.figures.append((len(current.blocks), part))
            current.blocks.append(fig)
            self.last_figure = fig
        if p.text.strip():
            current.blocks.append(Paragraph(_spans(p), p.index))

    def _quote(self, p: WPara, current: Chunk) -> None:
        """Consecutive quote paragraphs make one Quote block."""
        para = Paragraph(_spans(p), p.index)
        if self.quote is not None and current.blocks and isinstance(current.blocks[-1], Quote):
            self.quote.append(para)
            current.blocks[-1] = Quote(tuple(self.quote), current.blocks[-1].line)
        else:
            self.quote = [para]
            current.blocks.append(Quote((para,), p.index))


def _spans(p: WPara) -> tuple[Span, ...]:
    spans = [Span(t, b) for t, b in p.runs if not t.startswith("\0")]
    text = "".join(s.text for s in spans)
    flat = md.flatten(text)
    if flat == text:
        return md.merge(spans)
    # line breaks or tabs inside: re-flatten span by span, keeping the weights
    out = [Span(md.flatten(s.text) if "\n" in s.text or "\t" in s.text else s.text, s.bold) for s in spans]
    joined = md.merge(out)
    if "".join(s.text for s in joined).strip() != flat:
        return (Span(flat, False),)
    return joined


FIELD_KEYS = {"title": "update.field.title", "subtitle": "update.field.subtitle", "author": "update.field.author",
              "locality": "update.field.locality", "dateline": "update.field.dateline", "note": "update.field.note"}
PART_KEYS = {"changed": "update.part.changed", "added": "update.part.added", "removed": "update.part.removed"}
RICH_KEYS = {"notes": "update.rich.notes", "tables": "update.rich.tables", "着重号": "update.rich.dots"}


def rich(article: Article) -> list[str]:
    """What an article has that update does not yet bring back from Word (its notes, tables and
    着重号 are written to the DOCX as Word footnotes, tables and w:em): such an article is compared
    without them and, if it was revised, left for the editor rather than rewritten without them."""
    spans = [s for p in article.paragraphs() for s in p.spans]
    what = []
    if article.notes or any(isinstance(s, NoteRef) for s in spans):
        what.append("notes")
    if any(isinstance(b, Table) for b in article.blocks):
        what.append("tables")
    if any(isinstance(s, Span) and s.dots for s in spans):
        what.append("着重号")
    return what


def _shown(offprint: bool, run_on: bool) -> set[str]:
    """The front matter keys the DOCX writer shows for an article in this place."""
    keys = {"title", "dateline", "note"}
    if offprint or run_on:
        keys.add("locality")
    if offprint or not run_on:
        keys |= {"subtitle", "author"}
    return keys


def _figure_hashes(article: Article) -> dict[str, Figure]:
    out = {}
    for b in article.blocks:
        if isinstance(b, Figure):
            try:
                out[hashlib.sha256(images.office_image(b.path, article.path, b.line)).hexdigest()] = b
            except SourceError:
                pass
            out[hashlib.sha256(b.path.read_bytes()).hexdigest()] = b
    return out


_EXT = {b"\x89PNG": ".png", b"\xff\xd8\xff": ".jpg"}


def _resolve_figures(issue: Issue, article: Article, chunk: Chunk, pkg, res: UpdateResult,
                     new_files: dict[Path, bytes]) -> list:
    if not chunk.figures:
        return chunk.blocks
    known = _figure_hashes(article)
    blocks = list(chunk.blocks)
    n_new = 0
    for idx, part in chunk.figures:
        data = pkg.read(part)
        digest = hashlib.sha256(data).hexdigest()
        fig = blocks[idx]
        src = known.get(digest)
        if src is not None:
            blocks[idx] = Figure(src.path, fig.caption, src.width, fig.line)
            continue
        ext = next((e for magic, e in _EXT.items() if data.startswith(magic)), None)
        if ext is None:
            res.warnings.append(t("update.bad_picture", path=pkg.path, title=chunk.title))
            blocks[idx] = None
            continue
        n_new += 1
        target = issue.root / "images" / f"{article.key}-{digest[:8]}{ext}"
        new_files[target] = data
        blocks[idx] = Figure(target, fig.caption, "column", fig.line)
    return [b for b in blocks if b is not None]


def _source_slices(article: Article, text: str) -> tuple[list[str], list[str]] | None:
    """(front part up to the first block, source text of each top-level block), or None if the
    blocks cannot be mapped one to one."""
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    body = lines[end + 1:]
    tokens = MarkdownIt("commonmark").parse("\n".join(body))
    maps = [t.map for t in tokens if t.level == 0 and t.map and t.nesting in (1, 0) and t.type != "inline"]
    if len(maps) != len(article.blocks):
        return None
    head = lines[:end + 1]
    slices = ["\n".join(body[a:b]).rstrip() for a, b in maps]
    return head, slices


def _front(head: list[str], old: dict, new: dict) -> list[str]:
    """The front matter lines with changed keys replaced, new ones added, removed ones deleted."""
    lines = list(head)
    for key in md.FRONT_KEYS:
        if old.get(key) == new.get(key):
            continue
        at = next((i for i, ln in enumerate(lines) if re.match(rf"^{key}\s*:", ln)), None)
        stop = at
        if at is not None:  # a value continued on indented lines
            stop = at + 1
            while stop < len(lines) - 1 and lines[stop].startswith((" ", "\t")):
                stop += 1
        if new.get(key) is None:
            if at is not None:
                del lines[at:stop]
            continue
        line = f"{key}: {md.yaml_value(new[key])}"
        if at is not None:
            lines[at:stop] = [line]
        else:
            before = [i for i, ln in enumerate(lines) if any(re.match(rf"^{k}\s*:", ln)
                                                            for k in md.FRONT_KEYS[:md.FRONT_KEYS.index(key)])]
            pos = (max(before) + 1) if before else len(lines) - 1
            lines.insert(pos, line)
    return lines


def _article_change(issue, section, article: Article, chunk: Chunk, offprint: bool, pkg,
                    res: UpdateResult) -> ArticleChange | None:
    shown = _shown(offprint, section.run_on)
    old_meta = {k: getattr(article, k) for k in md.FRONT_KEYS}
    new_meta = dict(old_meta)
    for k in shown:
        new_meta[k] = chunk.meta.get(k) or None
    for k, v in chunk.meta.items():  # shown although the writer would not have: added in Word
        new_meta[k] = v or None
    new_files: dict[Path, bytes] = {}
    blocks = _resolve_figures(issue, article, chunk, pkg, res, new_files)
    old_keys = [md.block_key(b) for b in article.blocks]
    new_keys = [md.block_key(b) for b in blocks]
    meta_changed = [k for k in md.FRONT_KEYS if old_meta[k] != new_meta[k]]
    kept = rich(article)
    if kept:
        old_keys = [k for k in old_keys if k[0] != "t"]
    if old_keys == new_keys and not meta_changed:
        return None
    if kept:
        listed = t("update.rich_separator").join(t(RICH_KEYS[k]) for k in kept)
        res.unmatched.append(t("update.rich", title=article.title, file=article.path.name, kept=listed))
        return None
    if not blocks:
        res.unmatched.append(t("update.emptied", title=article.title))
        return None
    source = article.path.read_text(encoding="utf-8-sig")
    mapped = _source_slices(article, source)
    art_dir = article.path.parent
    counts = {"changed": 0, "added": 0, "removed": 0}
    out_blocks: list[str] = []
    edits: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out_blocks.extend(mapped[1][i1:i2] if mapped else (md.block_md(b, art_dir) for b in article.blocks[i1:i2]))
            continue
        paired = _pairs([_plain(b) for b in article.blocks[i1:i2]], [_plain(b) for b in blocks[j1:j2]])
        counts["changed"] += paired
        counts["added"] += (j2 - j1) - paired
        counts["removed"] += (i2 - i1) - paired
        edits += _edits([_plain(b) for b in article.blocks[i1:i2]], [_plain(b) for b in blocks[j1:j2]])
        out_blocks.extend(md.block_md(b, art_dir) for b in blocks[j1:j2])
    if mapped:
        head = _front(mapped[0], old_meta, new_meta)
        text = "\n".join(head) + "\n\n" + "\n\n".join(out_blocks) + "\n"
    else:
        text = md.article_md(new_meta, [], art_dir).rstrip("\n") + "\n" + "\n\n".join(out_blocks) + "\n"
    if new_meta["title"] is None:
        raise SourceError(pkg.path, chunk.first_para, t("update.title_emptied", title=article.title),
                          t("update.title_fix"))
    parts = [t("update.part.meta", name=t(FIELD_KEYS[k]), key=k) for k in meta_changed]
    parts += [t(PART_KEYS[what], n=n) for what, n in counts.items() if n]
    if new_files:
        parts.append(t("update.part.pictures", n=len(new_files)))
    summary = t("update.part_separator").join(parts) or t("update.part.rewritten")
    edits = [(old_meta[k] or "", new_meta[k] or "") for k in meta_changed] + edits
    return ArticleChange(article.path, text, summary, article, (new_keys, new_meta), new_files,
                         [shown for old, new in edits for shown in _shortened(old, new)])


def _edits(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """The replaced blocks paired with their edits (an added or removed block: with nothing)."""
    out, j = [], 0
    for before in old:
        best = max(range(j, len(new)), default=None,
                   key=lambda k: difflib.SequenceMatcher(None, before, new[k], autojunk=False).ratio())
        if best is None or difflib.SequenceMatcher(None, before, new[best], autojunk=False).ratio() < 0.5:
            out.append((before, ""))
            continue
        out += [("", after) for after in new[j:best]] + [(before, new[best])]
        j = best + 1
    return out + [("", after) for after in new[j:]]


def _shortened(old: str, new: str) -> list[tuple[str, str]]:
    """Each changed place of a paragraph, with a few characters either side (as lint shows its fixes)."""
    from ..lint import changes, excerpt
    return [excerpt(old, a, b, repl, context=10) for a, b, repl in changes(old, new, gap=6)]


def _plain(block) -> str:
    return md.block_md(block, Path(".")) if not isinstance(block, Figure) else str(block.path)


def _pairs(old: list[str], new: list[str]) -> int:
    """How many of the replaced blocks are edits of one another (similar enough, in order); the
    rest were added or removed."""
    n, m = len(old), len(new)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            sm = difflib.SequenceMatcher(None, old[i], new[j], autojunk=False)
            similar = sm.ratio() >= 0.5 or sm.find_longest_match().size >= min(8, len(old[i]), len(new[j]))
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if similar else 0)
    return best[0][0]


EDITS_SHOWN = 5  # changes listed for each article in a dry run


def render(res: UpdateResult, root: Path) -> str:
    out = []
    for ch in res.changes:
        rel = ch.path.relative_to(root) if ch.path.is_relative_to(root) else ch.path
        if res.dry_run:  # nothing written: each change shown, before → after
            out.append(t("update.would_update", path=rel, summary=ch.summary))
            out += [t("update.edit", old=old, new=new) for old, new in ch.edits[:EDITS_SHOWN]]
            if len(ch.edits) > EDITS_SHOWN:
                out.append(t("update.edits_more", count=len(ch.edits) - EDITS_SHOWN))
        else:
            out.append(t("update.updated", path=rel, summary=ch.summary))
    out.append(t("update.total_dry_run" if res.dry_run else "update.total",
                 changed=len(res.changes), unchanged=res.unchanged))
    out += [t("update.warning", text=w) for w in res.warnings]
    out += [t("update.comment_line", text=c) for c in res.comments]
    out += [t("update.not_matched", text=u) for u in res.unmatched]
    return "\n".join(out)
