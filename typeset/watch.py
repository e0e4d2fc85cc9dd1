"""`build.py watch [ISSUE_DIR] [-o OUT]`: rebuild the issue on every save, from memory.

One process stays up: composed paragraphs (text.composer.remember) and drawn pages
(pdf.writer.PageCache) are kept between builds, so after an edit only what changed is composed
and drawn again; fonts, images and imports are loaded once.  Each rebuild writes the same bytes a
cold build of the same sources writes (tests check it).  A fault in the sources is printed and the
watch goes on; the outputs stay as they were until the sources build again.
"""
from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from .errors import SourceError, SourceErrors
from .i18n import t

WATCHED = {".yaml", ".yml", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".ttf", ".otf"}


def parser(root: Path) -> argparse.ArgumentParser:
    from .i18n.argparse_zh import ArgumentParser

    p = ArgumentParser(prog="build.py watch", description=t("watch.description"))
    p.add_argument("issue_dir", nargs="?", default=str(root / "issue"), help=t("cli.help.issue_dir"))
    p.add_argument("-o", "--out", default=str(root / "out"), help=t("cli.help.out"))
    p.add_argument("--pdf-only", action="store_true", help=t("cli.help.pdf_only"))
    return p


class Watcher:
    """The state kept between builds, and one build."""

    def __init__(self, issue_dir: str, out: str, formats: tuple[str, ...]):
        from .pdf.writer import PageCache
        from .read import manifest
        from .text.composer import remember

        self.issue_dir, self.out, self.formats = issue_dir, out, formats
        self.memo = remember(True)
        self.articles = manifest.remember(True)
        self.pages = PageCache()

    def build(self):
        """Build once; return the BuildResult, or None after printing the sources' faults."""
        from .api import build

        hits = self.pages.hits
        try:
            res = build(self.issue_dir, self.out, self.formats, page_cache=self.pages)
        except SourceError as e:
            print(t("common.error", message=e), flush=True)
            return None
        except SourceErrors as e:
            print(e, flush=True)
            return None
        finally:
            for kept in (self.memo, self.articles):
                if kept is not None:
                    kept.sweep()
            gc.collect()  # (the build pauses the collector: what it left is collected here, between builds)
        res.reused_pages = self.pages.hits - hits
        return res


def main(argv: list[str], root: Path) -> int:
    from watchfiles import watch

    args = parser(root).parse_args(argv)
    w = Watcher(args.issue_dir, args.out, ("pdf",) if args.pdf_only else ("pdf", "docx"))
    start = time.perf_counter()
    res = w.build()
    if res is not None:
        print(t("watch.built", pages=res.pages, seconds=time.perf_counter() - start, issue_dir=args.issue_dir),
              flush=True)
    for changes in watch(args.issue_dir, debounce=50, step=20,
                         watch_filter=lambda _, path: Path(path).suffix.lower() in WATCHED):
        names = sorted({Path(p).name for _, p in changes})
        start = time.perf_counter()
        res = w.build()
        if res is not None:
            drawn = res.pages - res.reused_pages
            print(t("watch.rebuilt", files=", ".join(names), seconds=time.perf_counter() - start, drawn=drawn,
                    pages=res.pages), flush=True)
    return 0
