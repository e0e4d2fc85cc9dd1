"""Command line: `typeset [ISSUE_DIR] [-o OUT] [--pdf-only|--docx-only]`, `typeset test`, `typeset check FILE.pdf [--screen]`."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .errors import SourceError, SourceErrors

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Typeset an issue of 《研究与交流》: a print PDF and an editable DOCX.",
        epilog="Commands:  build.py [ISSUE_DIR]   build an issue (default: the bundled issue/)\n"
               "           build.py test [PYTEST ARGS]   run the test suite\n"
               "           build.py check FILE.pdf [--screen]   print preflight; exit 0 pass, 1 fail, 2 unreadable\n"
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
    return subprocess.call([sys.executable, "-m", "pytest", "-q", str(ROOT / "tests"), *args], cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["test"]:
        return run_tests(argv[1:])
    if argv[:1] == ["check"]:
        from .preflight import main as check
        return check(argv[1:])
    args = parser().parse_args(argv)
    from .api import build

    formats = ("pdf",) if args.pdf_only else ("docx",) if args.docx_only else ("pdf", "docx")
    try:
        res = build(args.issue_dir, args.out, formats, progress=None if args.quiet else print,
                    screen=args.screen, marks=args.marks, offprints=args.offprints)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except SourceErrors as e:
        print(e, file=sys.stderr)
        return 2
    for path in res.written:
        print(path)
    for line in res.report():
        print(line)
    return preflight_outputs(res.written, quiet=args.quiet)


def preflight_outputs(paths, quiet: bool = False) -> int:
    """The build checks its own PDFs as the printer will; a failure fails the build (exit 1)."""
    from .preflight import preflight, render
    status = 0
    for path in paths:
        if path.suffix != ".pdf":
            continue
        report = preflight(path, screen=path.stem.endswith("-screen"))
        text = render(report)
        print(text if not report.passed and not quiet else f"preflight {path.name}: {text.splitlines()[-1]}")
        status = status or (0 if report.passed else 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
