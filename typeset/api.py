"""The one pipeline: load → lay out → write PDF → write DOCX, each stage timed."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .output import write_atomic


@dataclass
class BuildResult:
    issue_dir: Path
    written: list[Path] = field(default_factory=list)
    pages: int = 0
    articles: int = 0
    seconds: float = 0.0
    stages: dict = field(default_factory=dict)
    toc: list = field(default_factory=list)  # (title, page)
    padding: int = 0  # pages added to make the print edition a multiple of 4


def artifact_stem(issue) -> str:
    return f"yanjiu-yu-jiaoliu-{issue.issue.year}-{issue.issue.number:02d}"


def build(issue_dir: Path | str, out_dir: Path | str = "out", formats=("pdf", "docx"),
          progress: Callable[[str], None] | None = None, screen: bool = False,
          marks: bool = False) -> BuildResult:
    """Build the issue in issue_dir into out_dir.  Raises SourceError on bad input; files in
    out_dir are replaced atomically, and only after every requested format has been made.
    The PDF is the print edition (CMYK, bleed, padded to 4 pages; printer's marks if `marks`);
    `screen` also writes the screen edition (RGB, trimmed, unpadded) as STEM-screen.pdf."""
    from .pdf.edition import SCREEN, print_edition
    from .pdf.layout import lay_out
    from .pdf.writer import render as render_pdf
    from .docx.writer import render as render_docx
    from .read.manifest import load_issue

    say = progress or (lambda s: None)
    t0 = time.perf_counter()
    res = BuildResult(Path(issue_dir))
    out = Path(out_dir)

    def stage(name, fn):
        t = time.perf_counter()
        value = fn()
        res.stages[name] = time.perf_counter() - t
        say(f"{name:<8} {res.stages[name]:6.2f} s")
        return value

    issue = stage("load", lambda: load_issue(issue_dir))
    res.articles = sum(1 for _ in issue.articles())
    blobs: dict[Path, bytes] = {}
    stem = artifact_stem(issue)
    layout = stage("compose", lambda: lay_out(issue))
    res.pages = len(layout.pages)
    res.padding = layout.padding
    res.toc = [(e.title, e.page) for e in layout.toc]
    if "pdf" in formats:
        blobs[out / f"{stem}.pdf"] = stage("pdf", lambda: render_pdf(issue, layout, print_edition(marks)))
        if screen:
            blobs[out / f"{stem}-screen.pdf"] = stage("screen", lambda: render_pdf(issue, layout, SCREEN))
    if "docx" in formats:
        pages = {e.key: e.page for e in layout.toc}
        blobs[out / f"{stem}.docx"] = stage("docx", lambda: render_docx(issue, pages))
    for path, data in blobs.items():
        res.written.append(write_atomic(path, data))
    res.seconds = time.perf_counter() - t0
    return res
