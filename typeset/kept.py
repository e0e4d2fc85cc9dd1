"""What a long-running process (`build.py watch`) keeps between builds: composed paragraphs, read
articles, compressed streams, font subsets.  Each store remembers which keys the last build asked
for, and `sweep` after the build forgets the rest, so memory follows the issue, not its history."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Kept(dict):
    def __init__(self) -> None:
        super().__init__()
        self.asked: set = set()

    def get_or_make(self, key: Any, make: Callable[[], Any]) -> Any:
        self.asked.add(key)
        value = self.get(key)
        if value is None:
            value = self[key] = make()
        return value

    def sweep(self) -> None:
        for key in [k for k in self if k not in self.asked]:
            del self[key]
        self.asked = set()
