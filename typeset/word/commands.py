"""The Word and source-hygiene commands: `update`, `import`, `lint` (see README.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SourceError, SourceErrors
from ..i18n import t
from ..i18n.argparse_zh import ArgumentParser


def parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="build.py", description=t("word.cli.description"))
    sub = p.add_subparsers(dest="command", required=True)
    u = sub.add_parser("update", help=t("word.cli.update"), description=t("word.cli.update"),
                       epilog=t("word.cli.update.exit"))
    u.add_argument("issue_dir", help=t("word.cli.issue_dir"))
    u.add_argument("docx", help=t("word.cli.update.docx"))
    u.add_argument("--accept-changes", action="store_true", help=t("word.cli.update.accept"))
    u.add_argument("-n", "--dry-run", action="store_true", help=t("word.cli.update.dry_run"))
    i = sub.add_parser("import", help=t("word.cli.import"), description=t("word.cli.import"))
    i.add_argument("files", nargs="+", help=t("word.cli.import.files"))
    i.add_argument("--into", required=True, help=t("word.cli.import.into"))
    i.add_argument("--key", help=t("word.cli.import.key"))
    lt = sub.add_parser("lint", help=t("word.cli.lint"), description=t("word.cli.lint"),
                        epilog=t("word.cli.lint.exit"))
    lt.add_argument("issue_dir", help=t("word.cli.issue_dir"))
    lt.add_argument("--fix", action="store_true", help=t("word.cli.lint.fix"))
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "update":
            from .update import render as render_update, update
            res = update(args.issue_dir, args.docx, accept_changes=args.accept_changes, dry_run=args.dry_run)
            print(render_update(res, Path(args.issue_dir).resolve()))
            return 1 if res.unmatched else 0
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
        print(t("common.error", message=e), file=sys.stderr)
        return 2
    return 2
