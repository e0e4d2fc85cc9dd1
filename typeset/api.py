"""The one pipeline: load → lay out → write PDF → write DOCX, each stage timed."""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .output import check_out_dir, check_out_paths, staging
from . import fonts
from .i18n import padded, t


@dataclass
class BuildResult:
    """What a build made and found: the files written, pages, times per stage, the page plan's report."""
    issue_dir: Path
    written: list[Path] = field(default_factory=list)
    pages: int = 0
    articles: int = 0
    seconds: float = 0.0
    stages: dict = field(default_factory=dict)
    toc: list = field(default_factory=list)  # (title, folio)
    padding: int = 0  # house page and blanks added before the back cover for a multiple of 4
    blanks: int = 0   # blank pages among them (the planner avoids them)
    jumps: list = field(default_factory=list)  # typeset.pdf.jumps.Jump
    blank_lines: int = 0  # grid lines left empty at the ends of articles
    reused_pages: int = 0  # pages replayed from a PageCache instead of drawn (watch)
    reports: list = field(default_factory=list)  # typeset.preflight.Report of each PDF, if preflighted
    rejected: bool = False  # a PDF failed the preflight: nothing was written
    warnings: list = field(default_factory=list)  # FILE:LINE: message (fallback characters, invisible characters)
    blank_without_jumps: int = 0  # … had no article jumped and no 补白 been set
    short_pages: list = field(default_factory=list)  # typeset.pdf.planner.ShortPage: last pages under half full
    fillers: list = field(default_factory=list)      # model.PlacedFiller: each 补白 set, after which article
    front_pages: int = 0

    def report(self) -> list[str]:
        """The build's account of its page plan: jumps and what each saved, short pages, blank area."""
        out = [t("build.jump", source=j.source, from_folio=j.from_folio, to_folio=j.to_folio, target=j.target,
                 **j.saved) for j in self.jumps]
        out += [t("build.filler", filler=f.filler.label, after=f.after) for f in self.fillers]
        ends = sum(p.section_end for p in self.short_pages)
        out.append(t("build.short_pages", inside=len(self.short_pages) - ends, ends=ends))
        out.append(t("build.blank_lines", lines=self.blank_lines, without=self.blank_without_jumps))
        out.append(t("build.summary", pages=self.pages, front=self.front_pages, padding=self.padding, blanks=self.blanks,
                     articles=self.articles, seconds=self.seconds))
        return out


def artifact_stem(issue) -> str:
    return f"yanjiu-yu-jiaoliu-{issue.issue.year}-{issue.issue.number:02d}"


def build(issue_dir: Path | str, out_dir: Path | str = "out", formats=("pdf", "docx"),
          progress: Callable[[str], None] | None = None, screen: bool = False,
          marks: bool = False, offprints: bool = False, preflight: bool = False,
          written: list[Path] | None = None, page_cache=None) -> BuildResult:
    """Build the issue in issue_dir into out_dir.  Raises SourceError on bad input; files in
    out_dir are replaced atomically, and only after every requested format has been made.
    The PDF is the print edition (CMYK, bleed, padded to 4 pages; printer's marks if `marks`);
    `screen` also writes the screen edition (RGB, trimmed, unpadded) as STEM-screen.pdf.
    `offprints` also writes one DOCX per article, out_dir/offprints/<article key>.docx.
    The output folder and paths are checked first (OutputError).  With `preflight`, every PDF is
    preflighted (`res.reports`) before anything is put in out_dir; if one fails, `res.rejected` is
    set and out_dir is left as it was.  `page_cache` (pdf.writer.PageCache) keeps drawn pages
    between builds of a long-running process (`build.py watch`).  `written`, if given, gets each
    path as it is put in place, so a caller interrupted right after knows what was written.
    The cyclic garbage collector is paused for the build: it makes a few million objects that
    live until it ends and almost no cycles, and the collector would scan them again and again.
    Second processes (`parallel.Background`): the pictures are converted while the layout runs
    (`images.prefetch`); the DOCX and offprints start then too, with their libraries loaded, and the
    DOCX gets what it needs of the layout when it is made; the print PDF's self-check waits, with
    pikepdf loaded, for the PDF; the screen edition is drawn beside the print PDF.
    (~110 lines, one stage after another, each a call timed by `stage`: the pipeline is read in
    `_build` in order rather than followed through helpers.)"""
    from . import images

    with _collector_paused():
        try:
            return _build(issue_dir, out_dir, formats, progress, screen, marks, offprints, preflight, written, page_cache)
        finally:
            images.drop_prefetched()  # (pictures converted for a build that stopped before asking for them)


@contextmanager
def _collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _build(issue_dir: Path | str, out_dir: Path | str, formats, progress: Callable[[str], None] | None, screen: bool,
           marks: bool, offprints: bool, preflight: bool, written: list[Path] | None, page_cache) -> BuildResult:
    from .parallel import Background

    say = progress or (lambda s: None)
    t0 = time.perf_counter()
    res = BuildResult(Path(issue_dir))
    out = Path(out_dir)
    check_out_dir(out)

    def stage(name, fn):
        started = time.perf_counter()
        value = fn()
        res.stages[name] = time.perf_counter() - started
        say(t("build.progress", stage=padded(t(f"build.stage.{name}"), 9), seconds=res.stages[name]))
        return value

    # Second processes (parallel.Background).  The self-check of the print PDF starts first: it loads
    # pikepdf and fontTools while this process loads the layout's modules and reads the sources (the
    # second core is idle then), and waits for the PDF.  (A watch's first build does all this itself:
    # its later children start warm.)
    fork = page_cache is None or page_cache.builds > 0
    checker = Background(check_pdfs, fork, warm=_preflight_modules, waits=True) if preflight and "pdf" in formats else None
    jobs: dict[str, Background] = {}  # (in the order the outputs are listed)
    try:
        from . import images
        from .pdf.edition import print_edition
        from .pdf.layout import lay_out
        from .pdf.writer import render as render_pdf
        from .read.manifest import load_issue

        issue = stage("load", lambda: load_issue(issue_dir))
        images.prefetch(_pictures(issue))  # converted in second processes while the layout runs
        res.warnings = list(issue.warnings)
        fonts.use(issue.fonts)  # this issue's house fonts for layout and both writers
        res.articles = sum(1 for _ in issue.articles())
        stem = artifact_stem(issue)
        paths = {}
        if "pdf" in formats:
            paths["pdf"] = out / f"{stem}.pdf"
            if screen:
                paths["screen"] = out / f"{stem}-screen.pdf"
        if "docx" in formats:
            paths["docx"] = out / f"{stem}.docx"
        offprint_dir = out / "offprints"
        check_out_paths([*paths.values(), *([offprint_dir / f"{a.key}.docx" for _, a in issue.articles()] if offprints else [])])

        # The DOCX (waiting for the few facts it takes from the layout) and the offprints start now, so
        # that their imports and whatever needs no layout run beside the layout; the screen edition is
        # drawn beside the print PDF.
        if "docx" in formats:
            jobs["docx"] = Background(partial(_docx, issue), fork, warm=_docx_modules, waits=True)
        if offprints:
            jobs["offprint"] = Background(partial(_offprints, issue), fork, warm=_docx_modules)

        layout = stage("compose", lambda: lay_out(issue))
        res.pages = len(layout.pages)
        res.padding = layout.padding
        res.jumps = layout.jumps
        res.short_pages, res.fillers = layout.short_pages, layout.fillers
        res.blanks = sum(p.kind.name == "BLANK" for p in layout.pages)
        res.front_pages = next(p.number for p in layout.pages if p.folio is not None) - 1
        res.blank_lines, res.blank_without_jumps = layout.blank_lines, layout.blank_without_jumps
        res.toc = [(e.title, e.page) for e in layout.toc]
        if "docx" in jobs:
            jobs["docx"].send(*_docx_facts(layout))
        if screen:
            jobs = {"screen": Background(partial(_screen, issue, layout), fork), **jobs}
        with staging() as staged:
            temps: dict[Path, Path] = {}
            drawn: dict[Path, list] = {}
            if "pdf" in formats:
                drawn[paths["pdf"]] = []
                pdf = stage("pdf", lambda: render_pdf(issue, layout, print_edition(marks), page_cache, drawn[paths["pdf"]]))
                temps[paths["pdf"]] = staged.write(paths["pdf"], pdf)
                if checker is not None:
                    checker.send(dict(temps), drawn)
            for name, job in jobs.items():  # (timed: what the build still waits for once the PDF is drawn)
                value = stage(name, job.result)
                if name == "docx":
                    temps[paths["docx"]] = staged.write(paths["docx"], value)
                elif name == "screen":
                    blob, drawn[paths["screen"]] = value
                    temps[paths["screen"]] = staged.write(paths["screen"], blob)
                else:
                    temps.update((offprint_dir / f"{key}.docx", staged.write(offprint_dir / f"{key}.docx", data))
                                 for key, data in value.items())
            if checker is not None:
                later = {paths["screen"]: temps[paths["screen"]]} if screen else {}
                res.reports = stage("preflight", lambda: checker.result() + check_pdfs(later, drawn))
                res.rejected = not all(r.passed for r in res.reports)
            if not res.rejected:
                res.written = staged.commit(written)
    finally:
        for job in [*jobs.values(), *([checker] if checker else [])]:
            job.close()
    res.seconds = time.perf_counter() - t0
    return res


def _pictures(issue) -> list[tuple[Path, Path, int | None]]:
    """Every picture the print edition converts: the cover, then each figure in reading order."""
    from .model import Figure

    out: list[tuple[Path, Path, int | None]] = []
    if issue.cover_image:
        out.append((issue.cover_image, issue.root / "manifest.yaml", issue.cover_line))
    for _, a in issue.articles():
        out += [(b.path, a.path, b.line) for b in a.blocks if isinstance(b, Figure)]
    return out


def _screen(issue, layout) -> tuple[bytes, list]:
    """The screen edition and what each of its pages shows (for the self-check)."""
    from .pdf.edition import SCREEN
    from .pdf.writer import render

    drawn: list = []
    return render(issue, layout, SCREEN, None, drawn), drawn


def _offprints(issue) -> dict[str, bytes]:
    from .docx.writer import render_offprints

    return render_offprints(issue)


def _docx_facts(layout) -> tuple:
    """What the DOCX takes from the layout: each article's page (its 目录 number), the articles run on,
    the 补白 set, whether the house page is there, the page count."""
    return ({e.key: e.page for e in layout.toc}, layout.run_on, tuple(layout.fillers),
            any(p.kind.name == "HOUSE" for p in layout.pages), len(layout.pages))


def _docx(issue, pages: dict, run_on, fillers: tuple, house: bool, page_count: int) -> bytes:
    from .docx.writer import render

    return render(issue, pages, run_on, fillers, house, page_count=page_count)


def _docx_modules() -> None:
    from .docx import writer  # noqa: F401 (python-docx and lxml: ~70 ms, loaded while the layout runs)


def _preflight_modules() -> None:
    """pikepdf and fontTools (with the tables the font check opens): ~40 ms."""
    from fontTools.ttLib import TTFont  # noqa: F401
    from fontTools.ttLib.tables import _g_l_y_f, _h_e_a_d, _l_o_c_a, _m_a_x_p  # noqa: F401

    from .preflight import check  # noqa: F401


def check_pdfs(temps: dict[Path, Path], drawn: dict[Path, list] | None = None) -> list:
    """Preflight each PDF in its temporary file, reported under the name it will have: the self-check,
    taking what the writer drew on each page (`drawn`) instead of parsing the pages back, or, for a
    PDF the writer gave no account of, the full walk of `build.py check`."""
    from dataclasses import replace

    pdfs = {path: tmp for path, tmp in temps.items() if path.suffix == ".pdf"}
    if not pdfs:
        return []  # (without loading the preflight's pikepdf)
    from .preflight import preflight

    drawn = drawn or {}
    return [replace(preflight(tmp, screen=path.stem.endswith("-screen"), drawn=drawn.get(path)), path=path)
            for path, tmp in pdfs.items()]
