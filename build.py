#!/usr/bin/env python3
"""The one entry point.  `python3 build.py` builds the bundled issue; `python3 build.py test`
runs the tests; `python3 build.py --help` lists the options.

On first use it makes a virtual environment in .venv and installs the project into it, so a
fresh machine needs nothing but Python 3.10+.
"""
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def ensure_env() -> None:
    deps = (ROOT / "pyproject.toml").read_bytes()
    if STAMP.exists() and STAMP.read_bytes() == deps:
        return
    if not PY.exists():
        print("setting up .venv (first run) …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                           "-e", f"{ROOT}[test]"], stdout=sys.stderr)
    STAMP.write_bytes(deps)


if __name__ == "__main__":
    if Path(sys.prefix).resolve() != VENV.resolve():
        ensure_env()
        sys.exit(subprocess.call([str(PY), str(ROOT / "build.py"), *sys.argv[1:]]))
    sys.path.insert(0, str(ROOT))
    from typeset.cli import main

    sys.exit(main())
