#!/usr/bin/env python3
"""The one entry point.  `python3 build.py` builds the bundled issue; `python3 build.py test`
runs the tests; `python3 build.py --help` lists the options.

On first use it makes a virtual environment in .venv and installs the project into it, so a
fresh machine needs nothing but Python 3.10+.
"""
import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def message(key: str) -> str:
    """A message of typeset/i18n in the language asked for (`--lang`, else TYPESET_LANG or the locale),
    read without importing the typeset package, whose imports need the .venv."""
    import importlib.util
    name = "_build_i18n"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "typeset" / "i18n" / "__init__.py",
                                                      submodule_search_locations=[str(ROOT / "typeset" / "i18n")])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    i18n = sys.modules[name]
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        lang = arg.partition("=")[2] if arg.startswith("--lang=") else argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if lang in i18n.LANGUAGES:
            i18n.set_language(lang)
    return i18n.t(key)


def ensure_env() -> None:
    import subprocess  # (here and in in_venv: a build in the .venv never needs them)
    import venv

    deps = (ROOT / "pyproject.toml").read_bytes()
    if STAMP.exists() and STAMP.read_bytes() == deps:
        return
    if not PY.exists():
        print(message("build.setting_up"), file=sys.stderr)
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
        print(message("build.setup_interrupted"), file=sys.stderr)
        return 130
    import subprocess

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


def bytecode() -> None:
    """Where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE, as many container images
    and CI machines set), it compiles every module of typeset/ from source on every run: ~0.12 s of
    a 1.2 s build.  Python still reads bytecode it finds, so typeset/'s is written here, into its own
    __pycache__ folders (ignored by git), and refreshed when a source is newer than the last
    refresh (~1 ms to tell when none is).  (Not through sys.pycache_prefix: that would move every
    library's bytecode too, and all of it would be compiled again.)"""
    if not sys.flags.dont_write_bytecode:
        return  # Python writes it itself
    stamp = ROOT / "typeset" / "__pycache__" / ".compiled"
    try:  # (compileall itself is loaded only when a source is newer than the last run's compile: ~1 ms)
        done = os.stat(stamp).st_mtime_ns
        if all(os.stat(os.path.join(folder, name)).st_mtime_ns < done
               for folder, _, names in os.walk(ROOT / "typeset") for name in names if name.endswith(".py")):
            return
    except OSError:
        pass
    import compileall
    import time

    started = time.time_ns()  # (the stamp's time: a source saved while compiling is newer than it)
    try:
        compileall.compile_dir(str(ROOT / "typeset"), quiet=2)
        stamp.touch()
        os.utime(stamp, ns=(started, started))
    except OSError:  # (a read-only checkout: compiled in memory, as before)
        pass


def compiled() -> None:
    """The composer compiled with mypyc for the sources as they are, once per change of them (~20 s;
    typeset/compiled.py): a failure is recorded, said in one line, and the build goes on in pure Python."""
    import importlib.util
    if {"-h", "--help"} & set(sys.argv[1:]):
        return
    spec = importlib.util.spec_from_file_location("_build_compiled", ROOT / "typeset" / "compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ensure(lambda key: print(message(key), file=sys.stderr, flush=True))


if __name__ == "__main__":
    if Path(sys.prefix).resolve() != VENV.resolve():
        sys.exit(in_venv(sys.argv[1:]))
    import gc

    gc.disable()  # while the modules load: they make many objects and no garbage (a build pauses it too)
    try:
        bytecode()
        compiled()
        sys.path.insert(0, str(ROOT))
        from typeset.cli import leave, main
    except KeyboardInterrupt:
        print(message("build.interrupted_importing"), file=sys.stderr)
        sys.exit(130)
    gc.enable()
    leave(main())
