"""Punctuation and spacing of Chinese text to GB/T 15834-2011, as a check of any sources
(`build.py lint ISSUE_DIR [--fix]`) and as the clean-up `import` applies to manuscripts.

autocorrect-py (a maintained CJK copywriting linter, MIT) does what it covers well: ASCII , : ? !
between Chinese characters made full-width, spaces around full-width punctuation removed,
full-width Latin letters and digits made half-width.  Its word-spacing rule (a space between
Chinese and Latin) is the opposite of this journal's rule and is switched off.  What it lacks is
written here: ; ( ) and marks next to Latin in Chinese context, …… and ——, paired “” ‘’,
spaces between Chinese and Latin or digits removed (the typesetter adds its own ¼ em).

Only text is linted: Markdown syntax (## , > , ** , image paths), YAML keys, web and e-mail
addresses are left alone.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import autocorrect_py
import yaml

from .errors import SourceError
from .i18n import t
from .output import staging

# (autocorrect-py's binding ships no type stubs for load_config)
autocorrect_py.load_config(json.dumps({"rules": {  # type: ignore[attr-defined]
    "space-word": 0, "space-punctuation": 0, "space-bracket": 0, "space-backticks": 0, "space-dash": 0,
    "space-dollar": 0, "halfwidth-punctuation": 0, "spellcheck": 0,
    "fullwidth": 1, "halfwidth-word": 1, "no-space-fullwidth": 1,
    "no-space-fullwidth-quote": 0}}))  # a title's phrase space may follow a closing quote

HAN = "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF"
CJK_PUNCT = "\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20“”‘’…—·"
_CJK = f"[{HAN}{CJK_PUNCT}]"
_LATIN = "A-Za-z0-9"
# what is not text: web and e-mail addresses (left as they are)
_PROTECT = re.compile(r"(https?://|www\.)[^\s\u3000-\u303F\uFF00-\uFFEF“”‘’]+|[\w.+-]+@[\w-]+(\.[\w-]+)+")
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _autocorrect(text: str) -> str:
    # autocorrect makes U+3000 an ASCII space; here it is meant (names set apart: 李玥　张堃)
    return autocorrect_py.format(text.replace("\u3000", "\uE020")).replace("\uE020", "\u3000")


def _ascii_punct(text: str) -> str:
    """, ; : ? ! with Chinese on either side (bold markers and spaces looked through)."""
    def sub(m):
        left = re.search(rf"{_CJK}[*\s]*$", text[:m.start()])
        right = re.match(rf"[*\s]*{_CJK}", text[m.end():])
        if left or right:
            return FULL[m.group(2)]
        return m.group(0)
    return re.sub(r"( *)([,;:?!])( *)", sub, text)


def _parens(text: str) -> str:
    """( … ) holding Chinese or next to it → （…）."""
    def sub(m):
        inner = m.group(1)
        near = re.search(rf"{_CJK}\**$", text[:m.start()]) or re.match(rf"\**{_CJK}", text[m.end():])
        if re.search(f"[{HAN}]", inner) or near:
            return f"（{inner.strip()}）"
        return m.group(0)
    return re.sub(r"\(([^()]*)\)", sub, text)


def _ellipsis(text: str) -> str:
    """"..." "。。。" and a single … in Chinese text → ……"""
    def sub(m):
        ctx = text[max(0, m.start() - 1):m.start()] + text[m.end():m.end() + 1]
        if m.group(0) == "……" or not re.search(_CJK, ctx or "一"):
            return m.group(0)
        return "……"
    return re.sub(r"\.{3,}|。{3,}|…+|⋯+", sub, text)


# a chain of short terms joined by single — is the 一字线 connector (GB/T 15834 4.13: 评价—反馈—整改)
_CONNECTED = re.compile(rf"(?:[{HAN}A-Za-z0-9]{{1,8}}—){{2,}}[{HAN}A-Za-z0-9]{{1,8}}")


def _dash(text: str) -> str:
    """-- and a single — (or －－, ―) in Chinese text → —— (spaces around it dropped); a chain
    of terms joined by single — is a connector and stays"""
    chains = [m.span() for m in _CONNECTED.finditer(text)]

    def sub(m):
        if any(a <= m.start() and m.end() <= b for a, b in chains):
            return m.group(0)
        ctx = text[max(0, m.start() - 1):m.start()] + text[m.end():m.end() + 1]
        if m.group(0) == "——" or not re.search(f"[{HAN}“”‘’（）《》]", ctx or "一"):
            return m.group(0)
        return "——"
    return re.sub(r" *(?:-{2,3}|—{1,3}|－{2}|―{1,2}|⸺) *", sub, text)


def _quotes(text: str) -> str:
    """Straight quotes in a line with Chinese → “ ” and ‘ ’, paired in order."""
    if not re.search(f"[{HAN}]", text):
        return text
    for straight, (open_, close) in (('"', "“”"), ("'", "‘’")):
        if text.count(straight) % 2 or straight not in text:
            continue
        parts = text.split(straight)
        text = parts[0] + "".join((open_ if k % 2 == 0 else close) + p for k, p in enumerate(parts[1:]))
    return text


def _spaces(text: str) -> str:
    """No space between Chinese and Latin letters or digits (the typesetter sets ¼ em)."""
    text = re.sub(rf"(?<=[…—，。；：？！、])[ \u00a0]+(?=[{HAN}])|(?<=[{HAN}])[ \u00a0]+(?=[…—，。；：？！、])", "", text)
    text = re.sub(r"[ \u00a0]+(?=[，。；：？！、）」》])", "", text)  # never a space before a closing mark
    text = re.sub(rf"(?<=[{HAN}])[ \u00a0]+(?=\**[{_LATIN}])", "", text)
    return re.sub(rf"(?<=[{_LATIN}%])[ \u00a0]+(?=\**[{HAN}])", "", text)


def _fullwidth_alnum(text: str) -> str:
    return re.sub(r"[Ａ-Ｚａ-ｚ０-９]", lambda m: chr(ord(m.group(0)) - 0xFEE0), text)


# each rule: its name and its problem (a catalog key: the text an editor reads, in the language of the run)
CAPTION = "lint.rule.caption"
_PAIRED = ("lint.rule.quotes", "lint.rule.brackets")
PUNCT = "lint.rule.punctuation"
RULES = (
    ("halfwidth", "lint.rule.halfwidth", _fullwidth_alnum),
    ("ellipsis", "lint.rule.ellipsis", _ellipsis),
    ("dash", "lint.rule.dash", _dash),
    ("quotes", "lint.rule.quotes", _quotes),
    ("brackets", "lint.rule.brackets", _parens),
    ("punctuation", PUNCT, _autocorrect),
    ("punctuation", PUNCT, _ascii_punct),
    ("spacing", "lint.rule.spacing", _spaces),
)


def _protected(text: str, fn) -> str:
    """fn applied to the text between addresses, which stay as written (placeholders keep the
    context: a letter stands for each)."""
    spans = [m.span() for m in _PROTECT.finditer(text)]
    if not spans:
        return fn(text)
    keep = [text[a:b] for a, b in spans]
    marked, last = "", 0
    for k, (a, b) in enumerate(spans):
        marked += text[last:a] + f"\uE000{k}\uE001"
        last = b
    marked += text[last:]
    out = fn(marked)
    return re.sub("\uE000(\\d+)\uE001", lambda m: keep[int(m.group(1))], out)


def fix_steps(text: str) -> list[tuple[str, str, str]]:
    """Each rule that changes the text: its problem (a catalog key), the text before it and after it."""
    steps = []
    for _name, what, fn in RULES:
        new = _protected(text, fn)
        if new != text:
            steps.append((what, text, new))
            text = new
    return steps


def _hits(steps) -> list[str]:
    hits: list[str] = []
    for what, _, _ in steps:
        if what not in hits:
            hits.append(what)
    return hits


def fix_text(text: str) -> tuple[str, list[str]]:
    """The text with every rule applied, and the problems found (catalog keys: `t(key)` reads them)."""
    steps = fix_steps(text)
    return (steps[-1][2] if steps else text), _hits(steps)


@dataclass
class Finding:
    path: Path
    line: int
    key: str  # the problem, a catalog key
    old: str  # the line (or front-matter value) before this fix
    new: str  # ... and after it
    span: tuple[int, int] = (0, -1)  # the characters of `old` this finding replaces (-1: the end)
    repl: str | None = None  # ... and what replaces them (None: `new` whole)

    @property
    def problem(self) -> str:
        return t(self.key)

    def render(self, root: Path | None = None) -> str:
        where = self.path.relative_to(root) if root and self.path.is_relative_to(root) else self.path
        if self.repl is None:
            a, b, repl = _changed(self.old, self.new)
        else:
            a, b = self.span
            repl = self.repl
        old, new = excerpt(self.old, a, b, repl)
        return t("lint.finding", where=where, line=self.line, problem=self.problem, old=old, new=new)


def _changed(old: str, new: str) -> tuple[int, int, str]:
    """The one stretch of `old` that differs from `new`, and what `new` has there."""
    a = 0
    while a < min(len(old), len(new)) and old[a] == new[a]:
        a += 1
    b = 0
    while b < min(len(old), len(new)) - a and old[-1 - b] == new[-1 - b]:
        b += 1
    return a, len(old) - b, new[a:len(new) - b]


def changes(old: str, new: str, gap: int = 2) -> list[tuple[int, int, str]]:
    """The separate places where `new` differs from `old`: each a stretch of `old` (start, end) and
    its replacement; changes `gap` characters apart or closer are one place."""
    from difflib import SequenceMatcher
    places: list[list] = []
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if places and i1 - places[-1][1] <= gap:
            places[-1][1] = i2
            places[-1][3] = j2
        else:
            places.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in places]


_WORD = re.compile(r"[A-Za-z0-9@_%/+-]|\.(?=[A-Za-z0-9])")  # a Latin word, a number, an address: never cut
_BREAK = re.compile(r"[.…—\s，。；：？！、,;:?!（）()“”‘’「」《》]")
CONTEXT = 6  # characters shown either side of a fault


def excerpt(text: str, a: int, b: int, repl: str, context: int = CONTEXT) -> tuple[str, str]:
    """The stretch text[a:b] with a few characters of context either side, before and after it
    is replaced by `repl`: cut after a mark or space near the edge if there is one, never inside a
    Latin word, … where the line goes on."""
    s = max(0, a - context)
    for k in range(max(0, s - 3), min(a, s + 3)):  # a clause starting near the edge: start there
        if _BREAK.match(text[k]):
            s = k + 1
    while 0 < s and a - s < 3 * context and _WORD.match(text, s - 1) and _WORD.match(text, s):
        s -= 1
    e = min(len(text), b + context)
    for k in range(min(len(text), e + 3) - 1, max(b, e - 3) - 1, -1):
        if _BREAK.match(text[k]):
            e = k if text[k].isspace() or text[k].isascii() else k + 1  # (a Chinese mark ends its clause: kept)
    while e < len(text) and e - b < 3 * context and _WORD.match(text, e - 1) and _WORD.match(text, e):
        e += 1
    s = 0 if s <= 3 else s  # (a line's first or last few characters: shown, not cut off)
    e = len(text) if len(text) - e <= 3 else e
    head = "…" if s > 0 else ""
    tail = "…" if e < len(text) else ""
    return (head + text[s:e] + tail, head + text[s:a] + repl + text[b:e] + tail)


_BODY_LINE = re.compile(r"^(\s{0,3}(?:#{2,3}\s+|>\s?)?)(.*)$")
# a note's definition ([^1]: text) and a table's caption line (: caption): their syntax stays
_NOTE_LINE = re.compile(r"^(\[\^[^\]\s]+\]:\s*|:\s+)(.*)$")
_IMAGE = re.compile(r"^(\s*!\[)(.*?)(\]\(.*\)\s*)$")


def markdown_line_steps(line: str) -> list[tuple[str, str, str]]:
    """A body line's fixes, its text linted and Markdown syntax kept: each problem (a catalog
    key) with the whole line before and after it."""
    m = _IMAGE.match(line)
    if m:
        # 图1 现场 → 图1　现场: the caption's number is set apart by a full-width space
        num = re.match(r"^((?:图|表)\s*\d+(?:[-.．]\d+)?)([ \u00a0\u3000]*)(?=\S)", m.group(2))
        head, rest = (num.group(1) + "\u3000", m.group(2)[num.end():]) if num else ("", m.group(2))
        steps = []
        if num and num.group(2) != "\u3000":
            steps.append((CAPTION, line, m.group(1) + head + rest + m.group(3)))
        prefix, suffix = m.group(1) + head, m.group(3)
    else:
        m = _NOTE_LINE.match(line) or _BODY_LINE.match(line)
        assert m is not None  # (_BODY_LINE matches every line)
        prefix, rest, suffix, steps = m.group(1), m.group(2), "", []
    return steps + [(what, prefix + old + suffix, prefix + new + suffix) for what, old, new in fix_steps(rest)]


def fix_markdown_line(line: str) -> tuple[str, list[str]]:
    """A body line: its text linted, Markdown syntax kept."""
    steps = markdown_line_steps(line)
    return (steps[-1][2] if steps else line), _hits(steps)


def _findings(path: Path, line: int, steps) -> list[Finding]:
    """One finding for each place each rule changes (each with its own fix; a pair of quotes or
    brackets is one place), shown in the line as written, in the order of the line."""
    from difflib import SequenceMatcher
    written = steps[0][1]
    back: list = []  # each earlier step's map from its text back to the one before
    found = []
    for what, old, new in steps:
        for a, b, repl in changes(old, new, gap=20 if what in _PAIRED else 2):
            for ops in reversed(back):
                a, b = _back(ops, a, start=True), _back(ops, b, start=False)
            found.append(Finding(path, line, what, written, new, (a, b), repl))
        back.append(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    return sorted(found, key=lambda f: f.span[0])


def _back(ops, p: int, start: bool) -> int:
    """Position p of a rule's output, in the text it was given."""
    for tag, i1, i2, j1, j2 in ops:
        if j1 <= p <= j2 and (tag == "equal" or p < j2 or not start):
            return i1 + p - j1 if tag == "equal" else (i1 if start else i2)
    return ops[-1][2] if ops else p


def lint_article(path: Path) -> tuple[list[Finding], str]:
    """The findings of one article file and its fixed text."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    findings: list[Finding] = []
    out = list(lines)
    end = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        for i in range(1, end):
            m = re.match(r"^([A-Za-z_]+)\s*:\s*(.+)$", lines[i])
            if not m:
                continue
            try:
                value = yaml.safe_load(m.group(2))
            except yaml.YAMLError:
                continue
            if not isinstance(value, str):
                continue
            steps = fix_steps(value)
            if steps:
                from .word.markdown import yaml_value
                out[i] = f"{m.group(1)}: {yaml_value(steps[-1][2])}"
                findings += _findings(path, i + 1, steps)
    for i in range(end + 1 if end else 0, len(lines)):
        steps = markdown_line_steps(lines[i])
        if steps:
            out[i] = steps[-1][2]
            findings += _findings(path, i + 1, steps)
    return findings, "\n".join(out)


def article_paths(issue_dir: Path) -> list[Path]:
    folder = issue_dir / "articles"
    if not issue_dir.is_dir():
        raise SourceError(issue_dir, None, t("lint.no_issue"), t("lint.no_issue_fix"))
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def lint_issue(issue_dir: Path, fix: bool = False) -> list[Finding]:
    """Every finding of the issue's articles; with `fix`, the fixed files put in place together."""
    findings = []
    with staging() as st:
        for path in article_paths(issue_dir):
            found, fixed = lint_article(path)
            findings += found
            if fix and found:
                st.write(path, fixed.encode("utf-8"))
        st.commit()
    return findings


def main(issue_dir: Path, fix: bool = False) -> int:
    """Exit 0 when there is nothing to fix (or everything was fixed), 1 when findings remain."""
    root = issue_dir.resolve()
    findings = lint_issue(root, fix=fix)
    for f in findings:
        print(f.render(root))
    checked = len(article_paths(root))
    files = len({f.path for f in findings})  # the files with findings
    if not findings:
        print(t("lint.summary", checked=checked))
        return 0
    if fix:
        print(t("lint.summary_fixed", count=len(findings), files=files, checked=checked))
        return 0
    print(t("lint.summary_fixable", count=len(findings), files=files, checked=checked))
    return 1
