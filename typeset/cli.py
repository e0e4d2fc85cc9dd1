"""Command line: `typeset [ISSUE_DIR] [-o OUT] [--pdf-only|--docx-only]`, `typeset test`, `typeset check FILE.pdf [--screen]`."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

from . import __version__
from .errors import SourceError, SourceErrors
from .i18n import LANGUAGES, chosen, set_language, t
from .i18n.argparse_zh import ArgumentParser, RawDescriptionHelpFormatter

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = ArgumentParser(
        prog="build.py", description=t("cli.description"), epilog=t("cli.epilog"),
        formatter_class=RawDescriptionHelpFormatter)
    p.add_argument("issue_dir", nargs="?", default=str(ROOT / "issue"), help=t("cli.help.issue_dir"))
    p.add_argument("-o", "--out", default=str(ROOT / "out"), help=t("cli.help.out"))
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--pdf-only", action="store_true", help=t("cli.help.pdf_only"))
    fmt.add_argument("--docx-only", action="store_true", help=t("cli.help.docx_only"))
    p.add_argument("--screen", action="store_true", help=t("cli.help.screen"))
    p.add_argument("--marks", action="store_true", help=t("cli.help.marks"))
    p.add_argument("--offprints", action="store_true", help=t("cli.help.offprints"))
    p.add_argument("-q", "--quiet", action="store_true", help=t("cli.help.quiet"))
    p.add_argument("--lang", choices=LANGUAGES, help=t("cli.help.lang"))
    return p


def take_language(argv: list[str]) -> list[str]:
    """`--lang zh|en` (or `--lang=en`) anywhere in argv: set the language, and return argv without it,
    so that every command (build, test, check, watch, …) accepts it.  A bad value is a SystemExit(2)."""
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else "")
            i += 1 if "=" in arg else 2
            if value not in LANGUAGES:
                print(t("common.error", message=t("cli.bad_lang", value=value)),
                      file=sys.stderr)
                raise SystemExit(2)
            set_language(value)
            continue
        rest.append(arg)
        i += 1
    return rest


def run_tests(args: list[str]) -> int:
    """The linter (ruff) and the type checker (mypy) over typeset/, then the tests: all must pass."""
    import subprocess  # (imported where used, as in crashed: a build needs neither)

    for check in (["ruff", "check", "typeset"], ["mypy"]):
        status = subprocess.call([sys.executable, "-m", *check], cwd=ROOT)
        if status:
            print(t("cli.checks_failed", check=" ".join(check)), file=sys.stderr)
            return status
    return subprocess.call([sys.executable, "-m", "pytest", "-q", str(ROOT / "tests"), *args], cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    """The one place where whatever goes wrong becomes a message and an exit status: 2 for the
    sources or the output folder, 130 for Ctrl-C, 70 (with a saved traceback) for a bug."""
    from_command_line = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    state: dict = {"out": None, "written": []}
    handle = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, interrupt_once) if handle else None
    before = chosen()
    try:
        argv = take_language(argv)
    except SystemExit as e:
        return int(e.code or 0)
    shown = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return run(argv, state)
    except KeyboardInterrupt as e:
        written = getattr(e, "written", None) or state["written"]
        if written:
            print(t("cli.interrupted_after", written=", ".join(str(p) for p in written)), file=sys.stderr)
        elif state["out"] is not None:
            print(t("cli.interrupted_unchanged", out=state["out"]), file=sys.stderr)
        else:
            print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a reader that stopped reading (| head): not a bug
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception:  # noqa: BLE001 — a bug: the user gets one line, the developers the traceback
        return crashed(argv)
    finally:
        set_language(before)  # `--lang` holds for this run only (main may be called again, as in the tests)
        warnings.showwarning = shown
        if handle:  # as the program, a Ctrl-C while exiting is ignored; called from Python, as before
            signal.signal(signal.SIGINT, signal.SIG_IGN if from_command_line else previous)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning about the sources (an image below 300 dpi) as the editor reads every warning; Python's
    own format (its file and line in the typesetter) is left for the warnings of libraries."""
    from .images import LowResolutionWarning

    if issubclass(category, LowResolutionWarning):
        print(t("common.warning", message=message), file=sys.stderr)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


def interrupt_once(signum, frame):
    """Ctrl-C stops the build once; a second one while it stops is ignored (no second traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def crashed(argv: list[str]) -> int:
    """A bug: one line for the user, the traceback saved to a file for the developers; exit 70."""
    import platform
    import tempfile
    import traceback

    exc = sys.exc_info()[1]
    what = f"{type(exc).__name__}: {exc}"
    try:
        fd, path = tempfile.mkstemp(prefix="typeset-crash-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"typeset {__version__} on Python {sys.version.split()[0]}, {platform.platform()}\n"
                    f"arguments: {argv}\n\n{traceback.format_exc()}")
        print(t("common.error", message=t("cli.crashed", what=what, path=path)), file=sys.stderr)
    except OSError:
        print(t("common.error", message=t("cli.crashed_unsaved", what=what)), file=sys.stderr)
    return 70


def say(line: str) -> None:
    """A progress line, shown at once even when the output goes to a pipe or a log."""
    print(line, flush=True)


def run(argv: list[str], state: dict) -> int:
    if argv[:1] == ["test"]:
        return run_tests(argv[1:])
    if argv[:1] == ["check"]:
        from .preflight import main as check
        return check(argv[1:])
    if argv[:1] in (["update"], ["import"], ["lint"]):
        from .word.commands import main as word_command
        return word_command(argv)
    if argv[:1] == ["watch"]:
        from .watch import main as watch
        return watch(argv[1:], ROOT)
    args = parser().parse_args(argv)
    from .api import build

    state["out"] = args.out
    formats = ("pdf",) if args.pdf_only else ("docx",) if args.docx_only else ("pdf", "docx")
    try:
        res = build(args.issue_dir, args.out, formats, progress=None if args.quiet else say,
                    screen=args.screen, marks=args.marks, offprints=args.offprints, preflight=True,
                    written=state["written"])
    except SourceError as e:
        print_warnings(getattr(e, "warnings", ()))
        print(t("common.error", message=e), file=sys.stderr)
        return 2
    except SourceErrors as e:
        print_warnings(getattr(e, "warnings", ()))
        print(e, file=sys.stderr)
        return 2
    print_warnings(res.warnings)
    state["written"] = res.written
    if res.reports:
        from .preflight import render
    for report in res.reports:
        text = render(report)
        print(text if not report.passed and not args.quiet
              else t("cli.preflight_line", name=report.path.name, verdict=text.splitlines()[-1]))
    if res.rejected:
        print(t("common.error", message=t("cli.preflight_failed", out=args.out)), file=sys.stderr)
        return 1
    for path in res.written:
        print(path)
    for line in res.report():
        print(line)
    return 0



def leave(status: int) -> None:
    """End the program as sys.exit would (exit functions run, output flushed), but without freeing
    the build's objects one by one: ~0.1 s after a build, spent only for the system to drop the
    whole process anyway."""
    import atexit

    atexit._run_exitfuncs()  # (the word store saves what it learned)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # (a reader that has gone: nothing left to tell it)
            pass
    os._exit(status)


def print_warnings(warnings) -> None:
    for w in warnings:
        print(t("common.warning", message=w), file=sys.stderr)


if __name__ == "__main__":
    leave(main())
