"""`build.py import FILE.docx [...] --into ISSUE_DIR`: an author's manuscript → articles/NN-key.md.

The usual manuscript shapes are recognised: the title first (or in a Title/Heading style), a
subtitle opening with ——, 「作者：…」 or a short name line under it, 「（作者为…）」 at the end;
headings from outline levels, heading styles, automatic numbering or their text (一、 （一）);
bold runs as bold lead-ins; quotation styles or paragraphs indented on both sides as
quotations; pictures extracted into images/ with the caption under them (图1…); footnotes kept
as a list of notes at the end, with a warning.  The text then gets the GB/T 15834 clean-up of
typeset.lint, and every change is listed.  .doc, .wps, .odt and .rtf are converted to .docx by
LibreOffice first, when it is installed.

We read the package with our own checked reader (typeset/word/package.py, lxml underneath, as
python-docx uses) rather than python-docx's object model, mammoth or docx2python: python-docx
loads every part before anything can be checked and has no footnotes, numbering labels or
outline levels; mammoth maps styles to HTML and loses the style names and numbering labels
the shapes above are found by; docx2python flattens runs and loses bold lead-ins.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import images
from ..errors import SourceError, SourceErrors
from ..i18n import t
from ..lint import fix_markdown_line, fix_text
from ..model import Figure, Heading, Paragraph, Quote, Span
from ..output import staging
from ..read.markdown import read_article
from . import markdown as md
from .document import WPara, read, read_notes
from .package import open_package

CONVERTED = (".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot", ".fodt")
_H2 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_H3 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_SENTENCE = re.compile(r"[。；！？]")
_CAPTION = re.compile(r"^(图|表)\s*\d+")
_AUTHOR = re.compile(r"^(?:作\s*者|文|撰\s*稿)\s*[：:/／]\s*(.+)$")
_NOTE = re.compile(r"^[（(]\s*((?:作者|本文).+?)\s*[）)]$")
QUOTE_STYLES = ("quote", "intensequote", "引用", "明显引用", "引文", "blocktext", "quotations")
CAPTION_STYLES = ("caption", "题注", "图注")


@dataclass
class Imported:
    source: Path
    path: Path
    title: str
    counts: dict = field(default_factory=dict)
    fixes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)


@dataclass
class ImportResult:
    articles: list[Imported] = field(default_factory=list)


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


def _style_level(p: WPara) -> int | None:
    """0-based heading level from the style (Heading N, 标题 N, Title) or the outline level."""
    for name in p.names:
        n = _norm(name)
        m = re.fullmatch(r"(?:heading|标题)(\d)", n)
        if m:
            return int(m.group(1)) - 1
        if n in ("title", "标题"):
            return -1
    return p.outline if p.outline is not None and p.outline < 9 else None


def convert_with_libreoffice(path: Path, work: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SourceError(path, None, t("import.needs_libreoffice", suffix=path.suffix), t("import.install_libreoffice"))
    try:
        run = subprocess.run([exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                              "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(path)],
                             capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise SourceError(path, None, t("import.libreoffice_timeout"), t("import.save_docx")) from None
    out = work / f"{path.stem}.docx"
    if not out.exists():
        raise SourceError(path, None, t("import.libreoffice_failed", output=(run.stderr or run.stdout).strip()[:200]),
                          t("import.save_docx"))
    return out


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s[:40] or "article"


def next_number(articles: Path) -> int:
    nums = [int(m.group(1)) for p in articles.glob("*.md") if (m := re.match(r"^(\d+)-", p.name))]
    return max(nums, default=0) + 1


def import_files(files: list[Path], into: Path, key: str | None = None) -> ImportResult:
    into = Path(into).resolve()
    if not into.is_dir():
        raise SourceError(into, None, t("import.no_issue"), t("import.no_issue_fix"))
    if key and len(files) > 1:
        raise SourceError(files[1], None, t("import.key_one"), t("import.one_at_a_time"))
    res = ImportResult()
    for f in files:
        res.articles.append(import_one(Path(f), into, key))
    return res


def import_one(path: Path, into: Path, key: str | None = None) -> Imported:
    with tempfile.TemporaryDirectory(prefix="typeset-import-") as tmp:
        source = path
        if path.suffix.lower() in CONVERTED:
            if not path.is_file():
                raise SourceError(path, None, t("word.file_not_found"), t("word.check_name"))
            source = convert_with_libreoffice(path, Path(tmp))
        pkg = open_package(source)
        try:
            return _import(path, pkg, into, key)
        finally:
            pkg.zf.close()


def _import(path: Path, pkg, into: Path, key: str | None) -> Imported:
    articles = into / "articles"
    stem = slug(key or path.stem)
    number = next_number(articles) if articles.is_dir() else 1
    target = articles / f"{number:02d}-{stem}.md"
    art_key = target.stem
    warnings = list(pkg.warnings)
    paras = read(pkg, accept_changes=True)
    n_changes = sum(len(p.changes) for p in paras)
    if n_changes:
        warnings.append(t("import.tracked", path=path, count=n_changes))
    notes = read_notes(pkg, "footnotes")
    endnotes = read_notes(pkg, "endnotes")
    paras = [p for p in paras if p.text.strip() or p.images or any(t == "\0link" for t, _ in p.runs)]
    if not any(p.text.strip() for p in paras):
        raise SourceError(path, None, t("import.no_text"), t("import.right_file"))

    meta, body = _front_matter(paras)
    conv = _Body(path, pkg, into, art_key, notes, endnotes, warnings)
    blocks = conv.convert(body)
    if conv.note_refs:
        warnings.append(t("import.footnotes", path=path, count=len(conv.note_refs)))
    if not blocks:
        raise SourceError(path, None, t("import.no_body"), t("import.right_file"))

    text, fixes = _markdown(meta, blocks, conv.note_refs, target)
    _write(path, into, target, text, conv.written_images)
    counts = {"paragraphs": sum(isinstance(b, Paragraph) for b in blocks),
              "headings": sum(isinstance(b, Heading) for b in blocks),
              "quotations": sum(isinstance(b, Quote) for b in blocks),
              "figures": sum(isinstance(b, Figure) for b in blocks), "notes": len(conv.note_refs)}
    return Imported(path, target, meta["title"], counts, fixes, warnings, list(conv.written_images))


def _front_matter(paras: list[WPara]) -> tuple[dict[str, str], list[WPara]]:
    """Title, subtitle, author and closing note taken off the manuscript; returns them and the body paragraphs."""
    meta: dict[str, str] = {}
    k = next(i for i, p in enumerate(paras) if p.text.strip())
    meta["title"] = md.flatten(paras[k].text).strip()
    meta["title"] = re.sub(r"^(题目|标题)\s*[：:]\s*", "", meta["title"])
    k += 1
    if k < len(paras) and re.match(r"^\s*(——|—|--|－－)", paras[k].text):
        meta["subtitle"] = re.sub(r"^\s*(——|—|--|－－)\s*", "", md.flatten(paras[k].text))
        k += 1
    if k < len(paras):
        author = _author(paras[k])
        if author is not None:
            meta["author"] = author
            k += 1
    body = paras[k:]
    for j in range(len(body) - 1, -1, -1):
        t = md.flatten(body[j].text).strip()
        if not t:
            continue
        m = _NOTE.match(t)
        if m:
            meta["note"] = m.group(1)
            body = body[:j] + body[j + 1:]
        break
    return meta, body


def _author(p: WPara) -> str | None:
    """The author's name if this paragraph is an author line ("作者：…", or a short bare name), else None."""
    t = md.flatten(p.text).strip()
    m = _AUTHOR.match(t)
    if m:
        return m.group(1).strip()
    if t and len(t) <= 20 and not re.search(r"[。，；！？：:,]", t) and not _H2.match(t) and not _H3.match(t) \
            and _style_level(p) is None:
        author = re.sub(r"\s+", " ", t.replace("\u3000", " ")).strip()
        if re.fullmatch(r"\S \S", author):  # a padded two-character name: 任 涛
            author = author.replace(" ", "")
        return author
    return None


class _Body:
    """Turns the body paragraphs into blocks, collecting note texts, pictures and warnings on the way."""

    def __init__(self, path: Path, pkg, into: Path, art_key: str, notes: dict, endnotes: dict,
                 warnings: list[str]) -> None:
        self.path = path
        self.pkg = pkg
        self.into = into
        self.art_key = art_key
        self.notes = notes
        self.endnotes = endnotes
        self.warnings = warnings  # shared with the caller: appended to in paragraph order
        self.levels: list[int] = []
        self.blocks: list = []
        self.note_refs: list[str] = []  # footnote texts in the order they are referenced
        self.n_img = 0
        self.written_images: dict[Path, bytes] = {}

    def convert(self, body: list[WPara]) -> list:
        # the style heading levels in use, so the top one becomes ## and the rest ###
        self.levels = sorted({lv for p in body if (lv := _style_level(p)) is not None and lv >= 0 and p.text.strip()
                              and len(p.text) <= 60})
        skip_caption = False
        for i, p in enumerate(body):
            if skip_caption:
                skip_caption = False
                continue
            table = t("import.table", path=self.path)
            if p.in_table and table not in self.warnings:
                self.warnings.append(table)
            text_runs = self._runs(p)
            text = md.flatten("".join(s.text for s in text_runs)).strip()
            if p.images:
                skip_caption = self._figures(p, text, body[i + 1] if i + 1 < len(body) else None)
            elif text:
                self._text(p, text, text_runs)
        return [Quote(b.paragraphs, 0) if isinstance(b, Quote) else b for b in self.blocks]

    def _runs(self, p: WPara) -> list[Span]:
        """The paragraph's text runs, with note references as placeholders and markers dropped."""
        text_runs = []
        for run, b in p.runs:
            if run in ("\0fn", "\0en"):
                self.note_refs.append((self.notes if run == "\0fn" else self.endnotes).get(b, ""))
                text_runs.append(Span(f"\uE010{len(self.note_refs)}\uE011", False))  # → [^n] once linted
            elif run == "\0link":
                self.warnings.append(t("import.linked_picture", path=self.path, para=p.index, target=b))
            elif not run.startswith("\0"):
                text_runs.append(Span(run.replace("\t", " "), b))
        return text_runs

    def _figures(self, p: WPara, text: str, nxt: WPara | None) -> bool:
        """Adds the paragraph's pictures; True if the next paragraph was taken as their caption."""
        caption = ""
        skip_caption = False
        if text:
            caption = text
        elif nxt is not None and not nxt.images and (
                any(_norm(n) in CAPTION_STYLES for n in nxt.names) or _CAPTION.match(nxt.text.strip())):
            caption = md.flatten(nxt.text).strip()
            skip_caption = True
        for part in p.images:
            self._figure(p, part, caption if part == p.images[-1] else "")
        return skip_caption

    def _figure(self, p: WPara, part: str, caption: str) -> None:
        data = self.pkg.read(part)
        self.n_img += 1
        ext = ".png" if data.startswith(b"\x89PNG") else ".jpg" if data.startswith(b"\xff\xd8\xff") else None
        if ext is None:
            self.warnings.append(t("import.bad_picture", path=self.path, para=p.index, name=part.rsplit("/", 1)[-1]))
            return
        img = self.into / "images" / f"{self.art_key}-{self.n_img}{ext}"
        self.written_images[img] = data
        self.blocks.append(Figure(img, caption, "column", p.index))

    def _text(self, p: WPara, text: str, text_runs: list[Span]) -> None:
        """A heading (by style or by numbering), a paragraph or part of a quotation."""
        label = p.label
        full = (label + text) if label and not text.startswith(label.strip()) else text
        lv = _style_level(p)
        if lv is not None and lv >= 0 and lv in self.levels and len(full) <= 60:
            self.blocks.append(Heading(2 if self.levels.index(lv) == 0 else 3, full, p.index))
            if self.levels.index(lv) > 1:
                self.warnings.append(t("import.deep_heading", path=self.path, para=p.index, level=lv + 1))
            return
        short = len(full) <= 40 and not _SENTENCE.search(full[:-1]) and not full.endswith("。")
        if short and _H2.match(full):
            self.blocks.append(Heading(2, full, p.index))
            return
        if short and _H3.match(full):
            self.blocks.append(Heading(3, full, p.index))
            return
        self._paragraph(p, label, full != text, text_runs, short)

    def _paragraph(self, p: WPara, label: str, labelled: bool, text_runs: list[Span], short: bool) -> None:
        whole_bold = all(s.bold for s in text_runs if s.text.strip())
        spans = md.merge(([Span(label, text_runs[0].bold if text_runs else False)] if labelled else [])
                         + [Span(s.text.replace("\n", ""), s.bold) for s in text_runs])
        spans = tuple(Span(s.text.lstrip() if n == 0 else s.text, s.bold) for n, s in enumerate(spans))
        spans = md.merge(spans)
        if whole_bold and len(spans) == 1 and not short:
            spans = (Span(spans[0].text, False),)  # a whole paragraph in bold is emphasis, not a lead-in
            self.warnings.append(t("import.all_bold", path=self.path, para=p.index))
        quote = any(_norm(n) in QUOTE_STYLES for n in p.names) or (p.indent[0] >= 18 and p.indent[1] >= 18)
        para = Paragraph(spans, p.index)
        if quote:
            # consecutive quoted paragraphs make one quotation; line -1 marks one still open
            if self.blocks and isinstance(self.blocks[-1], Quote) and self.blocks[-1].line == -1:
                self.blocks[-1] = Quote(self.blocks[-1].paragraphs + (para,), -1)
            else:
                self.blocks.append(Quote((para,), -1))
        else:
            self.blocks.append(para)


def _markdown(meta: dict[str, str], blocks: list, note_refs: list[str], target: Path) -> tuple[str, list[str]]:
    """The article's Markdown, with GB/T 15834 fixes made to the front matter values and each line; and the fixes."""
    fixes = []
    for k_, v in list(meta.items()):
        new, hits = fix_text(v)
        if hits:
            fixes += [t("import.fix_meta", key=k_, problem=t(h)) for h in hits]
            meta[k_] = new
    body_md = "\n\n".join(md.block_md(b, target.parent) for b in blocks)
    lines = body_md.split("\n")
    head_lines = md.front_matter(meta).count("\n") + 1
    for n, line in enumerate(lines):
        new, hits = fix_markdown_line(line)
        if hits:
            fixes += [t("import.fix_line", line=head_lines + n + 1, problem=t(h)) for h in hits]
            lines[n] = new
    for n, note in enumerate(note_refs, 1):
        new, hits = fix_text(note)
        fixes += [t("import.fix_note", n=n, problem=t(h)) for h in hits]
        lines += ["", f"[^{n}]: {md.escape(new) or '（注文缺失）'}"]
    body_text = re.sub("\uE010(\\d+)\uE011", r"[^\1]", "\n".join(lines))
    return md.front_matter(meta) + "\n" + body_text + "\n", fixes


def _write(path: Path, into: Path, target: Path, text: str, written_images: dict[Path, bytes]) -> None:
    """Writes the pictures and the article, taking the pictures back out if the article would not build."""
    with staging() as st:  # pictures first: the article names them, and is read back with them in place
        for img, data in written_images.items():
            st.write(img, data)
        st.commit()
    try:
        for img in written_images:
            images.validate(img, target, None)
        read_article(target, target.stem, into, text=text)
    except (SourceError, SourceErrors) as e:
        for img in written_images:
            img.unlink(missing_ok=True)
        first = e.errors[0] if isinstance(e, SourceErrors) else e
        raise SourceError(path, None, t("import.would_not_build", problem=first.problem),
                          t("import.would_not_build_fix", fix=first.fix)) from None
    with staging() as st:
        st.write(target, text.encode("utf-8"))
        st.commit()


COUNT_KEYS = {"paragraphs": "import.count.paragraphs", "headings": "import.count.headings",
              "quotations": "import.count.quotations", "figures": "import.count.figures", "notes": "import.count.notes"}


def render(res: ImportResult) -> str:
    out = []
    for a in res.articles:
        rel = Path(a.path.parent.name) / a.path.name
        counts = t("import.count_separator").join(t(COUNT_KEYS[k], n=n) for k, n in a.counts.items() if n)
        out.append(t("import.imported", source=a.source, target=rel, title=a.title, counts=counts))
        out += [t("import.fixed", fix=f) for f in a.fixes]
        out += [t("import.warning", warning=w) for w in a.warnings]
        out.append(t("import.next", target=rel.as_posix()))
    return "\n".join(out)
