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
        raise SourceError(path, None, f"a {path.suffix} file needs LibreOffice to be read, and LibreOffice is not installed",
                          "install LibreOffice (apt-get install libreoffice-writer), or open the file in Word/WPS "
                          "and save it as 'Word Document (*.docx)'")
    try:
        run = subprocess.run([exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                              "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(path)],
                             capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise SourceError(path, None, "LibreOffice took more than 2 minutes to convert the file",
                          "open it in Word/WPS and save it as 'Word Document (*.docx)'") from None
    out = work / f"{path.stem}.docx"
    if not out.exists():
        raise SourceError(path, None, f"LibreOffice could not convert the file ({(run.stderr or run.stdout).strip()[:200]})",
                          "open it in Word/WPS and save it as 'Word Document (*.docx)'")
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
        raise SourceError(into, None, "issue folder not found", "create it, or pass the folder that holds manifest.yaml")
    if key and len(files) > 1:
        raise SourceError(files[1], None, "--key names one manuscript, and several were given", "import them one at a time")
    res = ImportResult()
    for f in files:
        res.articles.append(import_one(Path(f), into, key))
    return res


def import_one(path: Path, into: Path, key: str | None = None) -> Imported:
    with tempfile.TemporaryDirectory(prefix="typeset-import-") as tmp:
        source = path
        if path.suffix.lower() in CONVERTED:
            if not path.is_file():
                raise SourceError(path, None, "file not found", "check the file name")
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
        warnings.append(f"{path}: {n_changes} tracked change(s) taken as made (accepted); check the text")
    notes = read_notes(pkg, "footnotes")
    endnotes = read_notes(pkg, "endnotes")
    paras = [p for p in paras if p.text.strip() or p.images or any(t == "\0link" for t, _ in p.runs)]
    if not any(p.text.strip() for p in paras):
        raise SourceError(path, None, "the manuscript has no text", "check that this is the right file")

    meta: dict[str, str] = {}
    k = next(i for i, p in enumerate(paras) if p.text.strip())
    meta["title"] = md.flatten(paras[k].text).strip()
    meta["title"] = re.sub(r"^(题目|标题)\s*[：:]\s*", "", meta["title"])
    k += 1
    if k < len(paras) and re.match(r"^\s*(——|—|--|－－)", paras[k].text):
        meta["subtitle"] = re.sub(r"^\s*(——|—|--|－－)\s*", "", md.flatten(paras[k].text))
        k += 1
    if k < len(paras):
        t = md.flatten(paras[k].text).strip()
        m = _AUTHOR.match(t)
        if m:
            meta["author"] = m.group(1).strip()
            k += 1
        elif t and len(t) <= 20 and not re.search(r"[。，；！？：:,]", t) and not _H2.match(t) and not _H3.match(t) \
                and _style_level(paras[k]) is None:
            meta["author"] = re.sub(r"\s+", " ", t.replace("\u3000", " ")).strip()
            if re.fullmatch(r"\S \S", meta["author"]):  # a padded two-character name: 任 涛
                meta["author"] = meta["author"].replace(" ", "")
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

    levels = sorted({lv for p in body if (lv := _style_level(p)) is not None and lv >= 0 and p.text.strip()
                     and len(p.text) <= 60})
    blocks: list = []
    note_refs: list[str] = []  # footnote texts in the order they are referenced
    n_img = 0
    written_images: dict[Path, bytes] = {}
    skip_caption = False
    for i, p in enumerate(body):
        if skip_caption:
            skip_caption = False
            continue
        if p.in_table and not any("table" in w_ for w_ in warnings):
            warnings.append(f"{path}: a table is kept as one paragraph per cell (the typesetter sets no tables)")
        text_runs = []
        for t, b in p.runs:
            if t in ("\0fn", "\0en"):
                note_refs.append((notes if t == "\0fn" else endnotes).get(b, ""))
                text_runs.append(Span(f"\uE010{len(note_refs)}\uE011", False))  # → [^n] once linted
            elif t == "\0link":
                warnings.append(f"{path}: paragraph {p.index}: a linked picture ({b}) was not fetched; "
                                "embed it in the manuscript")
            elif not t.startswith("\0"):
                text_runs.append(Span(t.replace("\t", " "), b))
        text = md.flatten("".join(s.text for s in text_runs)).strip()
        if p.images:
            caption = ""
            nxt = body[i + 1] if i + 1 < len(body) else None
            if text:
                caption = text
            elif nxt is not None and not nxt.images and (
                    any(_norm(n) in CAPTION_STYLES for n in nxt.names) or _CAPTION.match(nxt.text.strip())):
                caption = md.flatten(nxt.text).strip()
                skip_caption = True
            for part in p.images:
                data = pkg.read(part)
                n_img += 1
                ext = ".png" if data.startswith(b"\x89PNG") else ".jpg" if data.startswith(b"\xff\xd8\xff") else None
                if ext is None:
                    warnings.append(f"{path}: paragraph {p.index}: picture '{part.rsplit('/', 1)[-1]}' is neither PNG "
                                    "nor JPEG and was not taken; save it as PNG or JPEG and add it to images/")
                    continue
                img = into / "images" / f"{art_key}-{n_img}{ext}"
                written_images[img] = data
                blocks.append(Figure(img, caption if part == p.images[-1] else "", "column", p.index))
            continue
        if not text:
            continue
        label = p.label
        full = (label + text) if label and not text.startswith(label.strip()) else text
        lv = _style_level(p)
        if lv is not None and lv >= 0 and lv in levels and len(full) <= 60:
            blocks.append(Heading(2 if levels.index(lv) == 0 else 3, full, p.index))
            if levels.index(lv) > 1:
                warnings.append(f"{path}: paragraph {p.index}: heading level {lv + 1} set as ### (articles have two levels)")
            continue
        short = len(full) <= 40 and not _SENTENCE.search(full[:-1]) and not full.endswith("。")
        whole_bold = all(s.bold for s in text_runs if s.text.strip())
        if short and _H2.match(full):
            blocks.append(Heading(2, full, p.index))
            continue
        if short and _H3.match(full):
            blocks.append(Heading(3, full, p.index))
            continue
        spans = md.merge(([Span(label, text_runs[0].bold if text_runs else False)] if full != text else [])
                         + [Span(s.text.replace("\n", ""), s.bold) for s in text_runs])
        spans = tuple(Span(s.text.lstrip() if n == 0 else s.text, s.bold) for n, s in enumerate(spans))
        spans = md.merge(spans)
        if whole_bold and len(spans) == 1 and not short:
            spans = (Span(spans[0].text, False),)  # a whole paragraph in bold is emphasis, not a lead-in
            warnings.append(f"{path}: paragraph {p.index}: set wholly in bold; imported as plain text")
        quote = any(_norm(n) in QUOTE_STYLES for n in p.names) or (p.indent[0] >= 18 and p.indent[1] >= 18)
        para = Paragraph(spans, p.index)
        if quote:
            if blocks and isinstance(blocks[-1], Quote) and blocks[-1].line == -1:
                blocks[-1] = Quote(blocks[-1].paragraphs + (para,), -1)
            else:
                blocks.append(Quote((para,), -1))
        else:
            blocks.append(para)
    blocks = [Quote(b.paragraphs, 0) if isinstance(b, Quote) else b for b in blocks]
    if note_refs:
        warnings.append(f"{path}: {len(note_refs)} footnote(s) kept as notes ([^1] …), which the journal prints "
                        "under 注释 at the article's end, not at the foot of the page")
    if not blocks:
        raise SourceError(path, None, "the manuscript has a title but no body text", "check that this is the right file")

    # GB/T 15834: front matter values and each Markdown line
    fixes = []
    for k_, v in list(meta.items()):
        new, hits = fix_text(v)
        if hits:
            fixes += [f"{k_}: {h}" for h in hits]
            meta[k_] = new
    body_md = "\n\n".join(md.block_md(b, target.parent) for b in blocks)
    lines = body_md.split("\n")
    head_lines = md.front_matter(meta).count("\n") + 1
    for n, line in enumerate(lines):
        new, hits = fix_markdown_line(line)
        if hits:
            fixes += [f"line {head_lines + n + 1}: {h}" for h in hits]
            lines[n] = new
    for n, note in enumerate(note_refs, 1):
        new, hits = fix_text(note)
        fixes += [f"note {n}: {h}" for h in hits]
        lines += ["", f"[^{n}]: {md.escape(new) or '（注文缺失）'}"]
    body_text = re.sub("\uE010(\\d+)\uE011", r"[^\1]", "\n".join(lines))
    text = md.front_matter(meta) + "\n" + body_text + "\n"
    with staging() as st:  # pictures first: the article names them, and is read back with them in place
        for img, data in written_images.items():
            st.write(img, data)
        st.commit()
    try:
        for img in written_images:
            images.validate(img, target, None)
        read_article(target, art_key, into, text=text)
    except (SourceError, SourceErrors) as e:
        for img in written_images:
            img.unlink(missing_ok=True)
        first = e.errors[0] if isinstance(e, SourceErrors) else e
        raise SourceError(path, None, f"the imported article would not build: {first.problem}",
                          f"{first.fix} (in the manuscript), then import it again") from None
    with staging() as st:
        st.write(target, text.encode("utf-8"))
        st.commit()
    counts = {"paragraphs": sum(isinstance(b, Paragraph) for b in blocks),
              "headings": sum(isinstance(b, Heading) for b in blocks),
              "quotations": sum(isinstance(b, Quote) for b in blocks),
              "figures": sum(isinstance(b, Figure) for b in blocks), "notes": len(note_refs)}
    return Imported(path, target, meta["title"], counts, fixes, warnings, list(written_images))


def render(res: ImportResult) -> str:
    out = []
    for a in res.articles:
        rel = Path(a.path.parent.name) / a.path.name
        counts = ", ".join(f"{n} {k}" for k, n in a.counts.items() if n)
        out.append(f"imported {a.source} → {rel}: 「{a.title}」 ({counts})")
        out += [f"  fixed {f}" for f in a.fixes]
        out += [f"  warning: {w}" for w in a.warnings]
        out.append(f"  next: add '{rel.as_posix()}' to a section's articles in manifest.yaml")
    return "\n".join(out)
