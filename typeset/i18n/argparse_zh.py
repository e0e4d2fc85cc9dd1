"""An `argparse.ArgumentParser` that speaks the language of the run: argparse's own words ("usage:",
"options", "show this help message and exit", its error messages) in Chinese unless English is chosen.

argparse looks its words up through `gettext` (the module-level `_` and `ngettext` of `argparse`); this
parser swaps in the catalog's texts (`argparse.*` in messages/argparse.py) only while one of its own methods
runs, so other parsers and the rest of the process are untouched.  Help text with Chinese in it is
wrapped by display width (a Chinese character takes two columns, and there are no spaces to break at).

    from typeset.i18n.argparse_zh import ArgumentParser
    p = ArgumentParser(prog="build.py lint", description=t("lint.cli.description"))
"""
from __future__ import annotations

import argparse
import contextlib
import unicodedata
from collections.abc import Iterator
from typing import Any

from . import language, t

# argparse's msgid -> catalog key (Python 3.11's wording; an msgid not listed stays English)
MSGIDS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "optional arguments": "argparse.options",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "subcommands": "argparse.subcommands",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_required",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.unknown_parser",
    "can't open '%(filename)s': %(error)s": "argparse.cant_open",
}
PLURALS = {("expected %s argument", "expected %s arguments"): "argparse.expected_n"}


def _gettext(msgid: str) -> str:
    key = MSGIDS.get(msgid)
    return t(key) if key else msgid


def _ngettext(singular: str, plural: str, n: int) -> str:
    key = PLURALS.get((singular, plural))
    return t(key) if key else (singular if n == 1 else plural)


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """argparse's words from the catalog while the block runs (English: argparse's own, untouched)."""
    if language() == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def width(text: str) -> int:
    """Columns on a terminal: a Chinese character (or full-width punctuation) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


OPENING = "（“‘「『《〈【"
CLOSING = "，。、；：）”’」』》〉】！？"


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` display columns, breaking between any two Chinese characters or at a
    space, never inside a run of Latin letters or digits (a path, a number) and never before closing
    punctuation."""
    tokens: list[str] = []
    for c in " ".join(text.split()):
        if tokens and tokens[-1][-1] in OPENING:  # an opening bracket stays with what it opens
            tokens[-1] += c
        elif tokens and not _wide(c) and c != " " and not _wide(tokens[-1][-1]) and tokens[-1][-1] != " ":
            tokens[-1] += c
        elif tokens and c in CLOSING:
            tokens[-1] += c
        else:
            tokens.append(c)
    lines, line = [], ""
    for token in tokens:
        if line and width(line + token) > columns:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """Wraps Chinese help by display width; English as argparse always has."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width) if _wide(text) else super()._split_lines(text, width)

    def start_section(self, heading: str | None) -> None:
        # argparse puts an ASCII colon after a section heading; a Chinese heading takes a full-width one
        if heading and _wide(heading):
            heading = heading + "\b"
        super().start_section(heading)

    def format_help(self) -> str:
        return super().format_help().replace("\b:", "：")

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


class RawDescriptionHelpFormatter(HelpFormatter):
    """Descriptions and epilogs as written (line breaks kept), help wrapped as HelpFormatter does."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "".join(indent + line for line in text.splitlines(keepends=True))


class ArgumentParser(argparse.ArgumentParser):
    """argparse.ArgumentParser with its own words in the language of the run (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        with translated():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", ArgumentParser)
        with translated():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with translated():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with translated():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with translated():
            return super().format_usage()

    def format_help(self) -> str:
        with translated():
            return super().format_help()

    def error(self, message: str) -> Any:
        with translated():
            return super().error(message)
