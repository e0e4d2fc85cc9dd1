"""The Word and source-hygiene commands: `update`, `import`, `lint` (see README.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SourceError, SourceErrors


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Word in, Word back; punctuation checks.")
    sub = p.add_subparsers(dest="command", required=True)
    u = sub.add_parser("update", help="bring the issue DOCX or an offprint, revised in Word/WPS/LibreOffice, "
                                      "back into the article sources")
    u.add_argument("issue_dir")
    u.add_argument("docx", help="the revised .docx")
    u.add_argument("--accept-changes", action="store_true",
                   help="take tracked changes (insertions and deletions) as made instead of refusing the file")
    u.add_argument("-n", "--dry-run", action="store_true", help="report what would change; write nothing")
    i = sub.add_parser("import", help="authors' manuscripts (.docx; .doc/.wps/.odt through LibreOffice) → "
                                      "articles/NN-key.md")
    i.add_argument("files", nargs="+")
    i.add_argument("--into", required=True, help="the issue folder (articles/ and images/ are written there)")
    i.add_argument("--key", help="file name key for a single manuscript (default: from its file name)")
    lt = sub.add_parser("lint", help="punctuation and spacing of an issue's sources (GB/T 15834)")
    lt.add_argument("issue_dir")
    lt.add_argument("--fix", action="store_true", help="apply the fixes to the files")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "update":
            from .update import render as render_update, update
            res = update(args.issue_dir, args.docx, accept_changes=args.accept_changes, dry_run=args.dry_run)
            print(render_update(res, Path(args.issue_dir).resolve()))
            return 0
        if args.command == "import":
            from .manuscript import import_files, render as render_import
            imported = import_files([Path(f) for f in args.files], Path(args.into), key=args.key)
            print(render_import(imported))
            return 0
        if args.command == "lint":
            from ..lint import main as lint_main
            return lint_main(Path(args.issue_dir), fix=args.fix)
    except SourceErrors as e:
        print(e, file=sys.stderr)
        return 2
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 2
