"""Output: the folder and every output path checked before any work; the files written to temporary
names beside their targets, checked there, and only then put in place all together, with Ctrl-C held
back while they are, so `out/` holds the old set or the new set, never a mix."""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputError, reason
from .i18n import t


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that arrived while the outputs were being put in place: they all were, then it stops."""

    def __init__(self, written: list[Path]):
        super().__init__()
        self.written = written


def check_out_dir(out: Path) -> None:
    """The output folder is a folder (or can be made), and we may write in it."""
    try:
        _check_out_dir(out)
    except OSError as e:  # a parent folder that cannot be looked into, a name too long, a loop of links
        raise OutputError(out, t("output.unusable", reason=reason(e)), t("output.unusable.fix")) from None


def _check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(out, t("output.is_file"), t("output.is_file.fix"))
    ancestor = out
    while not ancestor.exists():
        if ancestor.parent == ancestor:
            break
        ancestor = ancestor.parent
    if ancestor != out and not ancestor.is_dir():
        raise OutputError(out, t("output.under_file", ancestor=ancestor), t("output.under_file.fix"))
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(out, t("output.no_permission", ancestor=ancestor), t("output.no_permission.fix"))


def check_out_paths(paths: list[Path]) -> None:
    """No output name is taken by a folder, and every folder the outputs go into can be made."""
    for path in paths:
        if path.is_dir():
            raise OutputError(path, t("output.folder_in_the_way"), t("output.folder_in_the_way.fix"))
        check_out_dir(path.parent)


class Staging:
    """Outputs written under temporary names beside their targets; `commit()` puts them all in place."""

    def __init__(self) -> None:
        self.temps: dict[Path, Path] = {}  # final path → temporary file
        self.made: list[Path] = []  # folders made for the outputs (removed again if nothing was put there)

    def write(self, path: Path, data: bytes) -> Path:
        """Write `data` to a temporary file beside `path`.  Ctrl-C is held back while a file or folder is
        made and recorded, so that `discard` knows every one of them."""
        with held_interrupt() as held:
            try:
                self._mkdir(path.parent)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
                self.temps[path] = Path(tmp)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.chmod(tmp, 0o644)
            except OSError as e:
                raise OutputError(path, t("output.cannot_write", reason=reason(e)), t("output.cannot_write.fix")) from None
        if held:
            raise KeyboardInterrupt
        return Path(tmp)

    def _mkdir(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for d in reversed(missing):
            d.mkdir()
            self.made.append(d)

    def commit(self, written: list[Path] | None = None) -> list[Path]:
        """Rename every temporary file onto its target, adding each to `written` (and returning them).
        Ctrl-C during the renames is held back until all are done, then raised as Interrupted."""
        written = [] if written is None else written
        with held_interrupt() as held:
            for path, tmp in list(self.temps.items()):
                os.replace(tmp, path)
                del self.temps[path]
                written.append(path)
        if held:
            raise Interrupted(written)
        return written

    def discard(self) -> None:
        with held_interrupt():  # a second Ctrl-C must not leave half the clean-up undone
            for tmp in self.temps.values():
                tmp.unlink(missing_ok=True)
            self.temps.clear()
            for d in reversed(self.made):
                try:
                    d.rmdir()  # only if empty: a folder that holds anything else stays
                except OSError:
                    pass
            self.made.clear()


@contextmanager
def staging() -> Iterator[Staging]:
    s = Staging()
    try:
        yield s
    finally:
        s.discard()  # whatever was not committed (an error, Ctrl-C, a failed preflight) goes


@contextmanager
def held_interrupt() -> Iterator[list]:
    """Hold Ctrl-C back for the block; the list yielded is non-empty if one arrived."""
    held: list = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)

