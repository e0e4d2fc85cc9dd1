"""The words an editor reads, in Chinese by default and in English on request.

Every user-facing sentence (an error and its fix, a warning, a progress or summary line, `--help`,
the preflight report) is one entry of the catalog: a key and its two texts, side by side, in
`messages/<area>.py` as `MESSAGES = {key: (zh, en)}`.  Code asks for `t(key, **fields)` and never
glues translated fragments together: a whole sentence is one template, so a translator sees it
whole and word order is free in each language.  Fields carry what the editor wrote (a value, a
file name) verbatim.

The language: `set_language()` (the command line's `--lang`), else `TYPESET_LANG`, else the
locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): English for an `en…` locale, Chinese otherwise
(including C/POSIX, as on a server or in CI), since the people who run the typesetter are
Chinese editors.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
from functools import lru_cache

LANGUAGES = ("zh", "en")
_chosen: str | None = None


def set_language(lang: str | None) -> None:
    """Fix the language for this process (None: back to the environment's)."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    _chosen = lang


def chosen() -> str | None:
    """The language set_language fixed, if any (to restore it after a call that sets its own)."""
    return _chosen


def language() -> str:
    if _chosen is not None:
        return _chosen
    explicit = os.environ.get("TYPESET_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:  # the first one set decides, as in POSIX
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


@lru_cache(maxsize=1)
def catalog() -> dict[str, tuple[str, str]]:
    """Every message of every area; a key defined twice is a bug caught on first use."""
    from . import messages as package
    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice (messages/{info.name}.py)")
            merged[key] = texts
    return merged


def t(key: str, /, **fields: object) -> str:
    """The message `key` in the current language, its `{fields}` filled in."""
    zh, en = catalog()[key]
    return (en if language() == "en" else zh).format(**fields)


def listing(items) -> str:
    """Items as a message lists them: 甲、乙、丙 in Chinese, a, b, c in English (each as given)."""
    return ("、" if language() == "zh" else ", ").join(str(item) for item in items)


def padded(text: str, width: int) -> str:
    """`text` with spaces after it to fill `width` columns of a terminal (a Chinese character takes two)."""
    import unicodedata
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)
