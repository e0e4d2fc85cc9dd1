"""One error type for bad input: it always names the file, the line and the fix."""
from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = Path(path), line, problem, fix
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {problem}\n  fix: {fix}")
