"""Command line: `typeset [ISSUE_DIR] [-o OUT] [--pdf-only|--docx-only]`, `typeset test`."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .errors import SourceError

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Typeset an issue of 《研究与交流》: a print PDF and an editable DOCX.",
        epilog="Commands:  build.py [ISSUE_DIR]   build an issue (default: the bundled issue/)\n"
               "           build.py test [PYTEST ARGS]   run the test suite\n"
               "Errors in the sources are reported as FILE:LINE: problem, with a fix; exit status 2.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("issue_dir", nargs="?", default=str(ROOT / "issue"),
                   help="folder holding manifest.yaml and the articles (default: %(default)s)")
    p.add_argument("-o", "--out", default=str(ROOT / "out"), help="output folder (default: %(default)s)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--pdf-only", action="store_true", help="write only the PDF")
    fmt.add_argument("--docx-only", action="store_true", help="write only the DOCX")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    return p


def run_tests(args: list[str]) -> int:
    return subprocess.call([sys.executable, "-m", "pytest", "-q", str(ROOT / "tests"), *args], cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["test"]:
        return run_tests(argv[1:])
    args = parser().parse_args(argv)
    from .api import build

    formats = ("pdf",) if args.pdf_only else ("docx",) if args.docx_only else ("pdf", "docx")
    try:
        res = build(args.issue_dir, args.out, formats, progress=None if args.quiet else print)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for path in res.written:
        print(path)
    print(f"{res.pages} pages, {res.articles} articles, {res.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
