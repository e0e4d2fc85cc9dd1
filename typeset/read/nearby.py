"""What the editor probably meant when a path names no file: a file of that name elsewhere in the
issue folder, or the closest name there (for the fix of a missing-file error)."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
LIMIT = 5000  # files looked at (an issue folder holds a few hundred)


def _files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files under `root` with one of `suffixes`, hidden folders skipped, in a stable order."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                found.append(Path(folder) / name)
                if len(found) >= LIMIT:
                    return found
    return found


def relative(path: Path, base: Path) -> str:
    """`path` as written from folder `base` (../images/a.png), with / whatever the system."""
    return Path(os.path.relpath(path, base)).as_posix()


def same_image(rel: str, base: Path, root: Path) -> Path | None:
    """An image under `root` with the name of `rel` (or its stem with another image extension),
    the one nearest to `base` first."""
    want = Path(rel)
    hits = [p for p in _files(Path(root), IMAGE_SUFFIXES)
            if p.name == want.name or (p.stem == want.stem and p.suffix.lower() in IMAGE_SUFFIXES)]
    if not hits:
        return None
    return min(hits, key=lambda p: (p.name != want.name, len(relative(p, base)), str(p)))


def closest_article(rel: str, root: Path) -> str | None:
    """The existing .md file under `root` whose path (relative to it) is closest to `rel`."""
    names = [relative(p, root) for p in _files(Path(root), (".md",))]
    close = difflib.get_close_matches(Path(rel).as_posix(), names, n=1, cutoff=0.6)
    return close[0] if close else None
