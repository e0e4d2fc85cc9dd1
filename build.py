#!/usr/bin/env python3
"""The one entry point.  `python3 build.py` builds the bundled issue; `python3 build.py test`
runs the tests; `python3 build.py --help` lists the options.

On first use it makes a virtual environment in .venv and installs the project into it, so a
fresh machine needs nothing but Python 3.10+.
"""
import os
import signal
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
                           "-e", f"{ROOT}[test,lint]"], stdout=sys.stderr)
    STAMP.write_bytes(deps)


def in_venv(argv: list[str]) -> int:
    """Run build.py again with the .venv's Python.  Ctrl-C reaches both processes.  The child starts
    with Ctrl-C ignored, so that one arriving while Python starts up and imports cannot end in a
    traceback, until typeset.cli.main takes it; this process passes Ctrl-C on to the child every
    0.1 s until the child ends (the child acts on the first one it can take and ignores the rest)."""
    try:
        ensure_env()
    except KeyboardInterrupt:
        print("interrupted while setting up .venv; run again to finish it", file=sys.stderr)
        return 130
    interrupted = []
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    child = subprocess.Popen([str(PY), str(ROOT / "build.py"), *argv])
    signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(signum))
    while True:
        try:
            status = child.wait(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            if interrupted:
                child.send_signal(signal.SIGINT)
    return 128 - status if status < 0 else status


if __name__ == "__main__":
    if Path(sys.prefix).resolve() != VENV.resolve():
        sys.exit(in_venv(sys.argv[1:]))
    try:
        sys.path.insert(0, str(ROOT))
        from typeset.cli import main
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())
