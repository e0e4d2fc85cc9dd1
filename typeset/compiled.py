"""The paragraph composer compiled with mypyc, used only while it is exactly the source's.

`text/composer.py` and `text/units.py` (the line breaker's inner loop and the cutting into units:
most of the layout's time) are compiled from the same source by mypyc, the compiler that ships
with mypy: there is no second implementation to keep in step, and pure Python stays the reference.

A build lives outside the source tree, in `.venv/compiled/<digest>/typeset/text/` (the two
extension modules and the library they share, `_compiled__mypyc`), where `<digest>` is a sha256
of FORMAT, the Python build, the mypy release and the source of the compiled modules and of the
modules whose names they use (`SOURCES`: a constant of `rules` changing type must not meet code
compiled for the old one).  Importing `typeset.text` computes the digest of the sources as they
are now (five small files: well under a millisecond) and, only if a build for exactly that digest
exists, puts its folder first in the package's `__path__`; otherwise the .py files are imported.
Nothing goes on `sys.path`.  `TYPESET_PURE=1` always imports the .py files.

`ensure` (build.py, before the typeset package is imported) compiles when no build and no failed
attempt exists for the digest: into a temporary folder, tried in a fresh process, then renamed into
place, so an interrupted compile never leaves a folder that is taken as fresh.  A failure (no C
compiler, a mypyc error) is recorded as `<digest>.failed` (mypyc's output), so it is not tried again
until the sources change, and the build goes on in pure Python.  After a compile, only the newest
builds are kept (`_prune`).

Standard library only: build.py loads this file before the .venv's packages are importable.
"""
from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

FORMAT = 1  # raise when the layout of a build or what the digest covers changes
PACKAGE = Path(__file__).resolve().parent  # typeset/
COMPILED = ("text/composer.py", "text/units.py")
SOURCES = (*COMPILED, "text/rules.py", "text/words.py", "kept.py")  # the compiled modules and what they import
GROUP = "typeset.text._compiled"  # the shared library's module: typeset/text/_compiled__mypyc.*.so


def store() -> Path:
    """Where builds are kept: the .venv beside the package (TYPESET_COMPILED_DIR elsewhere: the tests)."""
    return Path(os.environ.get("TYPESET_COMPILED_DIR") or PACKAGE.parent / ".venv" / "compiled")


def _mypy_release() -> bytes:
    """mypy's version file as it is installed (read, not imported: importing mypy takes ~50 ms)."""
    import importlib.util
    try:
        spec = importlib.util.find_spec("mypy")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return b"no mypy"
    try:
        return (Path(list(spec.submodule_search_locations)[0]) / "version.py").read_bytes()
    except OSError:
        return b"no mypy"


def digest() -> str:
    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}\0{EXTENSION_SUFFIXES}\0".encode())
    h.update(_mypy_release())
    for name in SOURCES:
        data = (PACKAGE / name).read_bytes()
        h.update(f"\0{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:32]


def folder() -> Path | None:
    """The folder of the compiled modules for the sources as they are now, if one was built."""
    if os.environ.get("TYPESET_PURE", "") not in ("", "0"):
        return None
    try:
        path = store() / digest() / "typeset" / "text"
    except OSError:
        return None
    return path if path.is_dir() else None


def activate(package_path: list[str]) -> None:
    """Called by typeset/text/__init__.py with its __path__: the compiled modules first, if fresh."""
    path = folder()
    if path is not None:
        package_path.insert(0, str(path))


def _prune(home: Path, keep: Path, builds: int = 8, stale: float = 86400.0) -> None:
    """Drop all but the `builds` newest builds and failure records (checkouts sharing a .venv keep
    theirs), and temporary folders a killed compile left over a day ago."""
    import shutil
    import time

    def age(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0
    kept = sorted((p for p in home.iterdir() if not p.name.startswith(".")), key=age, reverse=True)
    old = [p for p in kept[builds:] if p != keep]
    old += [p for p in home.glob(".*.tmp") if age(p) < time.time() - stale]
    for p in old:
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


# Run in a fresh process by `ensure`: argv = (root of the sources, output folder, work folder).
_SETUP = r"""
import os, sys
from setuptools import setup
from mypyc.build import mypycify
root, out, work = sys.argv[1:4]
os.chdir(root)
exts = mypycify([*("typeset/" + name for name in {compiled!r}), "--cache-dir=" + os.path.join(work, "mypy_cache"), "--follow-imports=silent",
                 "--python-version={version}"], group_name={group!r}, target_dir=os.path.join(work, "c"), opt_level="3")
setup(name="typeset-compiled", ext_modules=exts,
      script_args=["build_ext", "--build-lib", out, "--build-temp", os.path.join(work, "o")])
"""

# Run in a fresh process on the new build before it is put in place (TYPESET_COMPILED_DIR: the work
# folder, where it is named by its digest as in the store): it must load, as a build would load it.
_TRY = r"""
import sys
sys.path.insert(0, sys.argv[1])
import typeset.text.composer as c, typeset.text.units as u
assert c.__file__.endswith({suffix!r}) and u.__file__.endswith({suffix!r}), (c.__file__, u.__file__)
"""


def ensure(say: Callable[[str], None]) -> bool:
    """Compile the composer unless a build or a failed attempt exists for the current sources; `say`
    shows a message of the catalog by key (one line before compiling, one if it fails).  True when
    a fresh build is there afterwards."""
    if os.environ.get("TYPESET_PURE", "") not in ("", "0"):
        return False
    try:
        d, home = digest(), store()
    except OSError:
        return False
    done, failed = home / d, home / f"{d}.failed"
    if done.is_dir():
        return True
    if failed.exists():
        return False
    import shutil  # (here: a build that finds its compiled modules needs none of these)
    import signal
    import subprocess
    import tempfile

    say("build.compiling")
    suffix = EXTENSION_SUFFIXES[0]
    log = ""
    # Ctrl-C ends the compile (build.py starts this process with it ignored until the build begins)
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        home.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{d}.", suffix=".tmp", dir=home))
        try:
            out = work / d
            version = f"{sys.version_info[0]}.{sys.version_info[1]}"
            steps = [[sys.executable, "-c", _SETUP.format(compiled=COMPILED, group=GROUP, version=version),
                      str(PACKAGE.parent), str(out), str(work)],
                     [sys.executable, "-c", _TRY.format(suffix=suffix), str(PACKAGE.parent)]]
            env = {k: v for k, v in os.environ.items() if k != "TYPESET_PURE"}
            env["TYPESET_COMPILED_DIR"] = str(work)
            for step in steps:
                res = subprocess.run(step, cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                     errors="replace")
                log += f"$ {step[0]} -c ... (exit status {res.returncode})\n{res.stdout}{res.stderr}\n"
                if res.returncode != 0:
                    break
            else:
                try:
                    out.rename(done)  # (atomic: a build in place is a whole one)
                except OSError:
                    if not done.is_dir():  # (another build put the same one in place first: fine)
                        raise
                _prune(home, keep=done)
                return True
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # (build.py passes Ctrl-C on until this process ends)
            shutil.rmtree(work, ignore_errors=True)
    except OSError as e:
        log += f"{type(e).__name__}: {e}\n"
    finally:
        signal.signal(signal.SIGINT, old)
    try:
        failed.write_text(log, encoding="utf-8")
    except OSError:
        pass
    say("build.compile_failed")
    return False
