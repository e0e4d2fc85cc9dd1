"""Command line: `typeset [ISSUE_DIR] [-o OUT] [--pdf-only|--docx-only]`, `typeset test`, `typeset check FILE.pdf [--screen]`."""
from __future__ import annotations

import argparse
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from . import __version__
from .errors import SourceError, SourceErrors

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Typeset an issue of 《研究与交流》: a print PDF and an editable DOCX.",
        epilog="Commands:  build.py [ISSUE_DIR]   build an issue (default: the bundled issue/)\n"
               "           build.py test [PYTEST ARGS]   run the test suite\n"
               "           build.py check FILE.pdf [--screen]   print preflight; exit 0 pass, 1 fail, 2 unreadable\n"
               "           build.py update ISSUE_DIR REVISED.docx   bring a revised DOCX back into the sources\n"
               "           build.py import FILE.docx [...] --into ISSUE_DIR   an author's manuscript → articles/NN-key.md\n"
               "           build.py lint ISSUE_DIR [--fix]   punctuation and spacing (GB/T 15834)\n"
               "           build.py watch [ISSUE_DIR]   rebuild on every save, from memory\n"
               "Errors in the sources are reported as FILE:LINE: problem, with a fix; exit status 2.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("issue_dir", nargs="?", default=str(ROOT / "issue"),
                   help="folder holding manifest.yaml and the articles (default: %(default)s)")
    p.add_argument("-o", "--out", default=str(ROOT / "out"), help="output folder (default: %(default)s)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--pdf-only", action="store_true", help="write only the PDF")
    fmt.add_argument("--docx-only", action="store_true", help="write only the DOCX")
    p.add_argument("--screen", action="store_true",
                   help="also write the screen edition (RGB, no bleed or padding) as …-screen.pdf")
    p.add_argument("--marks", action="store_true", help="crop and registration marks on the print edition")
    p.add_argument("--offprints", action="store_true",
                   help="also write one DOCX per article (title block, body, notes) into OUT/offprints/")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    return p


def run_tests(args: list[str]) -> int:
    """The linter (ruff) and the type checker (mypy) over typeset/, then the tests: all must pass."""
    for check in (["ruff", "check", "typeset"], ["mypy"]):
        status = subprocess.call([sys.executable, "-m", *check], cwd=ROOT)
        if status:
            print(f"{' '.join(check)} found problems (above): fix them before the tests run", file=sys.stderr)
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
    try:
        return run(argv, state)
    except KeyboardInterrupt as e:
        written = getattr(e, "written", None) or state["written"]
        if written:
            print(f"interrupted after writing {', '.join(str(p) for p in written)}", file=sys.stderr)
        elif state["out"] is not None:
            print(f"interrupted; {state['out']} unchanged", file=sys.stderr)
        else:
            print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a reader that stopped reading (| head): not a bug
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception:  # noqa: BLE001 — a bug: the user gets one line, the developers the traceback
        return crashed(argv)
    finally:
        if handle:  # as the program, a Ctrl-C while exiting is ignored; called from Python, as before
            signal.signal(signal.SIGINT, signal.SIG_IGN if from_command_line else previous)


def interrupt_once(signum, frame):
    """Ctrl-C stops the build once; a second one while it stops is ignored (no second traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


CRASHED = ("error: the typesetter failed unexpectedly ({what}); this is a bug, not a fault in your files: "
           "please report this, attaching {path}")
CRASHED_UNSAVED = ("error: the typesetter failed unexpectedly ({what}); this is a bug, not a fault in your files: "
                   "please report this (the traceback could not be saved)")


def crashed(argv: list[str]) -> int:
    """A bug: one line for the user, the traceback saved to a file for the developers; exit 70."""
    exc = sys.exc_info()[1]
    what = f"{type(exc).__name__}: {exc}"
    try:
        fd, path = tempfile.mkstemp(prefix="typeset-crash-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"typeset {__version__} on Python {sys.version.split()[0]}, {platform.platform()}\n"
                    f"arguments: {argv}\n\n{traceback.format_exc()}")
        print(CRASHED.format(what=what, path=path), file=sys.stderr)
    except OSError:
        print(CRASHED_UNSAVED.format(what=what), file=sys.stderr)
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
        print(f"error: {e}", file=sys.stderr)
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
        print(text if not report.passed and not args.quiet else f"preflight {report.path.name}: {text.splitlines()[-1]}")
    if res.rejected:
        print(f"error: the print PDF failed the preflight above; {args.out} unchanged", file=sys.stderr)
        return 1
    for path in res.written:
        print(path)
    for line in res.report():
        print(line)
    return 0



def print_warnings(warnings) -> None:
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
