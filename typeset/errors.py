"""Errors in the sources: each names the file, the line and the fix.

`SourceError` is one problem.  `Problems` collects many over a stage (the loader, the character
check) so that an editor sees every fault of an issue in one run; `SourceErrors` carries them
to the command line, which prints them all and stops once.  Warnings (a fallback character, an
invisible character dropped) are collected the same way and printed, never fatal.
"""
from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .i18n import t

LIMIT = 20  # errors printed in full; the rest are counted


class SourceError(Exception):
    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = Path(path), line, problem, fix
        self.warnings: list[str] = []  # warnings found before it, for the command line to print
        super().__init__(path, line, problem, fix)

    def __str__(self) -> str:  # in the language of the moment it is printed, not of the moment it was raised
        return t("common.where_problem_fix", where=self.where, problem=self.problem, fix=self.fix)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else f"{self.path}"


class OutputError(SourceError):
    """The output folder or an output path cannot be used (a file, under a file, not writable)."""

    def __init__(self, path: Path | str, problem: str, fix: str):
        super().__init__(path, None, problem, fix)
        self.args = (path, problem, fix)


class SourceErrors(Exception):
    """Several SourceErrors found in one run, in the order they were found."""

    def __init__(self, errors: list[SourceError]):
        self.errors = list(errors)
        self.warnings: list[str] = []
        super().__init__(self.errors)

    def __str__(self) -> str:
        return render(self.errors)


def render(errors: list[SourceError], limit: int = LIMIT) -> str:
    lines = [t("common.error", message=e) for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(t("common.more_errors", count=len(errors) - limit))
    return "\n".join(lines)


_REASONS = {errno.ENAMETOOLONG: "common.os.name_too_long", errno.ELOOP: "common.os.loop", errno.EACCES: "common.os.no_permission",
            errno.EPERM: "common.os.no_permission", errno.ENOSPC: "common.os.disk_full", errno.EROFS: "common.os.read_only",
            errno.ENOTDIR: "common.os.not_a_folder", errno.ENOENT: "common.os.not_found"}


def reason(e: OSError) -> str:
    """Why the system refused a path, in the editor's language where it is a common reason, else
    the system's own words."""
    key = _REASONS.get(e.errno or 0)
    return t(key) if key else t("common.os.other", reason=e.strerror or e)


class Problems:
    """Errors and warnings gathered over a stage.  `with problems.collect():` runs a step and
    keeps its SourceError instead of stopping; `raise_if_any()` stops once, with all of them."""

    def __init__(self) -> None:
        self.errors: list[SourceError] = []
        self.warnings: list[str] = []
        self._seen: set[tuple] = set()

    def add(self, error: SourceError) -> None:
        key = (error.path, error.line, error.problem)
        if key not in self._seen:
            self._seen.add(key)
            self.errors.append(error)

    def warn(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else f"{path}"
        text = t("common.where_message", where=where, message=message)
        if text not in self.warnings:
            self.warnings.append(text)

    @contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except SourceErrors as many:
            for e in many.errors:
                self.add(e)
        except SourceError as e:
            self.add(e)

    def raise_if_any(self) -> None:
        """Stop with every error found: the files in the order they were first named, each file's
        lines in order; the warnings ride on the exception (`.warnings`), so the command line
        prints them too."""
        if not self.errors:
            return
        first: dict[Path, int] = {}
        for e in self.errors:
            first.setdefault(e.path, len(first))
        ordered = sorted(self.errors, key=lambda e: (first[e.path], e.line or 0))
        exc: SourceError | SourceErrors = ordered[0] if len(ordered) == 1 else SourceErrors(ordered)
        exc.warnings = list(self.warnings)
        raise exc
