"""Every character of an issue checked once, before layout, with every problem reported in one run.

`prepare(issue, fonts_spec)` (called by the loader):
  1. the house fonts the manifest names (`fonts:`) are opened, CFF converted (typeset.housefonts);
  2. invisible characters pasted from Word or the web (U+200B, U+200C, U+200D, U+FEFF, U+00AD)
     are dropped with a warning; U+00A0 becomes an ordinary space (which the composer sets as
     no space at all between Han characters);
  3. every character is looked up in the faces of each role that sets it: a character the
     role's face lacks but another face of its chain has is a warning (one line per character,
     with the first file:line and how many more places), a character no face has is an error;
  4. board roles with `order: strokes` are sorted; every name with a character outside the stroke
     data is an error at its list item's line.
All errors are raised at the end as one SourceErrors; warnings ride on the Issue (and on the
exception) for the command line to print.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, overload
from pathlib import Path

from . import fonts
from .errors import Problems, SourceError
from .i18n import listing, t as tr  # (t names a table cell here)
from .fonts import describe
from .model import Article, Figure, Heading, Issue, Journal, Paragraph, Quote, Span, Table
from .style import HOUSE_ROLES
from .text.strokes import SEPARATOR, has_strokes, sort_by_strokes

MANIFEST = "manifest.yaml"
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
NBSP = "\u00a0"
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff“”‘’"
# U+00A0 between two Chinese characters (or marks) is no space at all; elsewhere an ordinary space
_UNCLEAN = re.compile("[\u200b\u200c\u200d\ufeff\u00ad\u00a0]")  # INVISIBLE and NBSP
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # category Cc but tab and line ends
_NBSP_CJK = re.compile(f"(?<=[{_CJK}])\u00a0+(?=[{_CJK}])")


class _Cleaner:
    def __init__(self, problems: Problems):
        self.problems = problems

    @overload
    def __call__(self, text: str, path: Path, line: int | None) -> str: ...

    @overload
    def __call__(self, text: None, path: Path, line: int | None) -> None: ...

    def __call__(self, text, path, line):
        if not text or not (INVISIBLE & set(text) or NBSP in text):
            return text
        for ch in sorted(INVISIBLE & set(text)):
            self.problems.warn(path, line, tr("chars.invisible_dropped", char=describe(ch)))
        text = "".join(c for c in text if c not in INVISIBLE)
        return _NBSP_CJK.sub("", text).replace(NBSP, " ")


def _clean_issue(issue: Issue, problems: Problems) -> Issue:
    c = _Cleaner(problems)
    m, ln = issue.root / MANIFEST, issue.lines
    j = issue.journal
    fields: dict[str, Any] = {f: (tuple(c(v, m, ln.get(("journal", f, i))) for i, v in enumerate(val))
                                  if isinstance(val, tuple) else c(val, m, ln.get(("journal", f))))
                              for f, val in vars(j).items()}
    journal = Journal(**fields)
    board = tuple(replace(r, role=c(r.role, m, ln.get(("board", ri, "role"))),
                          members=tuple(c(n, m, ln.get(("board", ri, "members", mi))) for mi, n in enumerate(r.members)))
                  for ri, r in enumerate(issue.board))

    def spans(items, path: Path, line: int) -> tuple:
        return tuple(replace(s, text=c(s.text, path, line)) if isinstance(s, Span) else s for s in items)

    def para(p: Paragraph, path: Path) -> Paragraph:
        return replace(p, spans=spans(p.spans, path, p.line))

    def block(b, path: Path):
        if isinstance(b, Paragraph):
            return para(b, path)
        if isinstance(b, Heading):
            return replace(b, text=c(b.text, path, b.line))
        if isinstance(b, Quote):
            return replace(b, paragraphs=tuple(para(p, path) for p in b.paragraphs))
        if isinstance(b, Figure):
            return replace(b, caption=c(b.caption, path, b.line))
        if isinstance(b, Table):
            return replace(b, caption=c(b.caption, path, b.line), head=tuple(c(t, path, b.line) for t in b.head),
                           rows=tuple(tuple(c(t, path, b.line) for t in row) for row in b.rows))
        return b

    def article(a: Article) -> Article:
        meta: dict[str, Any] = {k: c(getattr(a, k), a.path, a.lines.get(k, 1))
                                for k in ("title", "subtitle", "author", "locality", "dateline", "note")}
        return replace(a, blocks=tuple(block(b, a.path) for b in a.blocks), **meta,
                       notes=tuple(replace(n, spans=spans(n.spans, a.path, n.line)) for n in a.notes))

    sections = tuple(replace(s, title=c(s.title, m, ln.get(("sections", si, "title"))),
                             articles=tuple(article(a) for a in s.articles)) for si, s in enumerate(issue.sections))
    return replace(issue, journal=journal, board=board, sections=sections)


# The roles (style.FACES keys) that set each kind of text, in print (the 目录 sets titles in 宋体).
# the roles that set each front-matter value (the 目录 sets subtitles in 宋体 too)
_META_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("subtitle", ("kai", "song")), ("author", ("kai",)), ("locality", ("hei-bold",)), ("dateline", ("kai",)),
    ("note", ("kai",)))


def _texts(issue: Issue):
    """(text, roles, path, line) for every string the issue prints."""
    m, ln = issue.root / MANIFEST, issue.lines
    j = issue.journal
    yield j.title, ("song-bold",), m, ln.get(("journal", "title"))
    for f, roles in (("mottos", ("kai",)), ("editors", ("song",)), ("notices", ("kai",))):
        for i, v in enumerate(getattr(j, f)):
            yield v, roles, m, ln.get(("journal", f, i))
    for f in ("sponsor", "address", "postcode", "phone", "email", "printer"):
        yield getattr(j, f), ("song",), m, ln.get(("journal", f))
    for ri, r in enumerate(issue.board):
        yield r.role, ("hei",), m, ln.get(("board", ri, "role"))
        for mi, name in enumerate(r.members):
            yield name, ("song",), m, ln.get(("board", ri, "members", mi))
    for si, s in enumerate(issue.sections):
        yield s.title, ("hei-bold", "hei"), m, ln.get(("sections", si, "title"))
        body = ("kai",) if s.layout == "one-column" else ("song",)
        for a in s.articles:
            line = a.lines.get
            yield a.title, ("hei-bold", "song"), a.path, line("title", 1)
            for k, meta_roles in _META_ROLES:
                if getattr(a, k):
                    yield getattr(a, k), meta_roles, a.path, line(k, 1)
            for b in a.blocks:
                if isinstance(b, Paragraph):
                    for sp in b.spans:
                        if isinstance(sp, Span):
                            yield sp.text, ("hei",) if sp.bold else body, a.path, b.line
                elif isinstance(b, Quote):
                    for p in b.paragraphs:
                        for sp in p.spans:
                            if isinstance(sp, Span):
                                yield sp.text, ("hei",) if sp.bold else ("kai",), a.path, p.line
                elif isinstance(b, Table):  # caption and head in 黑体, cells in 宋体 (style.TABLE_*)
                    yield b.caption, ("hei",), a.path, b.line
                    for t in b.head:
                        yield t, ("hei",), a.path, b.line
                    for row in b.rows:
                        for t in row:
                            yield t, ("song",), a.path, b.line
                elif isinstance(b, Heading):
                    yield b.text, ("hei-bold",) if b.level == 2 else ("hei",), a.path, b.line
                elif isinstance(b, Figure) and b.caption:
                    yield b.caption, ("kai",), a.path, b.line
            for n in a.notes:
                for sp in n.spans:
                    yield sp.text, ("hei",) if sp.bold else ("song",), a.path, n.line


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def check_characters(issue: Issue, problems: Problems) -> None:
    """Fallback characters are warnings, characters no face has are errors (see the module)."""
    seen: dict[tuple[str, str], list[tuple[Path, int | None]]] = {}
    used: dict[str, set[str]] = {}  # role → every character it sets; then the few its face lacks
    for text, roles, _, _ in _texts(issue):
        for role in roles:
            used.setdefault(role, set()).update(text)
    widths = {role: fonts.widths(fonts.primary(role)) for role in used}
    lacking = {role: {c for c in chars if ord(c) not in widths[role] and c not in " \n"} for role, chars in used.items()}
    if any(lacking.values()):  # where each occurs, for the messages
        for text, roles, path, line in _texts(issue):
            for role in roles:
                for ch in lacking[role].intersection(text):
                    places = seen.setdefault((ch, role), [])
                    if (path, line) not in places:
                        places.append((path, line))
    missing: dict[str, list[tuple[Path, int | None]]] = {}
    for (ch, role), places in seen.items():
        src = fonts.setter(ch, role)
        path, line = places[0]
        if src is None:
            missing.setdefault(ch, [])
            missing[ch] += [p for p in places if p not in missing[ch]]
        elif len(places) > 1:
            problems.warn(path, line, tr("chars.fallback_more", char=describe(ch), **_faces(role, src),
                                         more=len(places) - 1))
        else:
            problems.warn(path, line, tr("chars.fallback", char=describe(ch), **_faces(role, src)))
    for ch, places in missing.items():
        path, line = places[0]
        also = listing(_where(*p) for p in places[1:6]) + (" …" if len(places) > 6 else "")
        problem = (tr("chars.in_no_font_also", char=describe(ch), also=also) if also
                   else tr("chars.in_no_font", char=describe(ch)))
        problems.add(SourceError(path, line, problem, tr("chars.in_no_font.fix")))


def role_name(role: str) -> str:
    """A role as editors name it: 宋体, 粗宋体, 黑体, 粗黑体, 楷体 (the catalog's fonts.role.*)."""
    return tr(f"fonts.role.{role.replace('-', '_')}")


def _faces(role: str, src: fonts.FontFile) -> dict[str, str]:
    """The fields of a fallback warning: the role's face (by its role name, its file once) and the
    face that sets the character instead (by its role name; 自带的… when it is the bundled face of
    the same name as the house font it stands in for)."""
    primary = fonts.primary(role)
    other = next((r for r, f in [*fonts.house().items(), *fonts.BUNDLED.items()] if f == src), None)
    if other is None:
        fallback = src.label
    elif role_name(other) == role_name(role):
        fallback = tr("fonts.role.bundled", role=role_name(other))
    else:
        fallback = role_name(other)
    return {"role": role_name(role), "file": primary.path.name, "fallback": fallback}


def sort_board(issue: Issue, problems: Problems) -> Issue:
    m, ln = issue.root / MANIFEST, issue.lines
    board = []
    for ri, r in enumerate(issue.board):
        if r.order == "strokes":
            gaps = [(mi, name, ch) for mi, name in enumerate(r.members) for ch in dict.fromkeys(name)
                    if ch != SEPARATOR and not has_strokes(ch)]
            for mi, name, ch in gaps:
                problems.add(SourceError(m, ln.get(("board", ri, "members", mi)),
                                         tr("chars.no_strokes", role=r.role, char=describe(ch), name=name),
                                         tr("chars.no_strokes.fix", char=describe(ch))))
            if not gaps:
                members = tuple(sort_by_strokes(r.members))
                line_of = dict(zip(r.members, r.lines or [None] * len(r.members), strict=True))
                r = replace(r, members=members, lines=tuple(line_of[name] for name in members))
        board.append(r)
    return replace(issue, board=tuple(board))


def prepare(issue: Issue, fonts_spec: dict) -> Issue:
    problems = Problems()
    manifest = issue.root / MANIFEST
    house: dict = {}
    if fonts_spec:  # fontTools is imported only for an issue with house fonts
        from .housefonts import house_font
    for key, spec in fonts_spec.items():
        with problems.collect():
            f = house_font(spec, key, issue.root, manifest, issue.lines.get(("fonts", key)))
            for role in HOUSE_ROLES[key]:
                house[role] = f
    fonts.use(house)
    if any(_UNCLEAN.search(text) for text, _, _, _ in _texts(issue) if text):
        issue = _clean_issue(issue, problems)
    with problems.collect():
        check_characters(issue, problems)
    issue = sort_board(issue, problems)
    problems.raise_if_any()
    return replace(issue, fonts=house, warnings=tuple(problems.warnings))


def refuse_control_characters(path: Path, text: str) -> None:
    """A control character (NUL, BEL, ESC … ; tab and line ends aside) in a source file is an error at
    its own line, named (U+0000 NULL), before the Markdown parser turns it into U+FFFD."""
    bad = [(text.count("\n", 0, m.start()) + 1, m.group()) for m in _CONTROL.finditer(text)]
    if bad:
        problems = Problems()
        for line, ch in dict.fromkeys(bad):
            problems.add(SourceError(path, line, tr("chars.control", char=describe(ch)), tr("chars.control.fix")))
        problems.raise_if_any()
