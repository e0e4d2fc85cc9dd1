"""The composer compiled with mypyc (typeset/compiled.py): the same PDFs as pure Python, used only
while its build matches the sources exactly, and a compile that fails or is interrupted leaves the
build working in pure Python.

Builds go where `python3 build.py` keeps them (.venv/compiled, or TYPESET_COMPILED_DIR): if none
exists for the current sources, the first test that needs one compiles it (~20 s, once)."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from typeset import compiled
from typeset.i18n import t

ROOT = Path(__file__).resolve().parent.parent
EXT = (".so", ".pyd")


def env(**changes: str | None) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("TYPESET_PURE",)}
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def loaded(cwd: Path, **changes: str | None) -> str:
    """Where a fresh process run in `cwd` imports typeset.text.composer from."""
    code = ("import sys, typeset.text.composer as c, typeset.text.units as u; "
            "assert c.__file__.rsplit('.', 1)[-1] == u.__file__.rsplit('.', 1)[-1]; "
            "from typeset.compiled import store; assert not any(p.startswith(str(store())) for p in sys.path), sys.path; "
            "print(c.__file__)")
    res = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env(**changes), capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


@pytest.fixture(scope="module")
def built() -> Path:
    """The compiled build for the sources as they are (made now if missing); skipped where none can be made."""
    if os.environ.get("TYPESET_PURE", "") not in ("", "0"):
        pytest.skip("TYPESET_PURE is set: the compiled composer is not used")
    if not compiled.ensure(lambda key: None):
        log = compiled.store() / f"{compiled.digest()}.failed"
        reason = log.read_text(encoding="utf-8").strip().splitlines()[-1:] if log.exists() else ["?"]
        pytest.skip(f"no compiled composer can be made on this machine ({log}): {reason[0]}")
    folder = compiled.folder()
    assert folder is not None
    return folder


def _pdf(issue: Path, out: Path, **changes: str | None) -> bytes:
    res = subprocess.run([sys.executable, str(ROOT / "build.py"), str(issue), "-o", str(out), "--pdf-only", "-q"],
                         env=env(**changes), capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    return next(out.glob("*.pdf")).read_bytes()


@pytest.mark.parametrize("issue", [ROOT / "issue", ROOT / "tests" / "issue2"], ids=["issue", "issue2"])
def test_compiled_and_pure_give_the_same_pdf(built, issue, tmp_path):
    assert loaded(ROOT).endswith(EXT) and loaded(ROOT, TYPESET_PURE="1").endswith(".py")
    fast = _pdf(issue, tmp_path / "compiled")
    pure = _pdf(issue, tmp_path / "pure", TYPESET_PURE="1")
    assert fast == pure


def _copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "typeset", tmp / "typeset", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp


def test_build_used_only_for_the_sources_it_was_made_from(built, tmp_path):
    """A copy of the package with the same sources finds the build (the digest is of contents, not
    paths); a comment added to composer.py, or to rules.py whose names it uses, and it does not."""
    store = str(compiled.store())
    copy = _copy(tmp_path)
    assert loaded(copy, TYPESET_COMPILED_DIR=store).endswith(EXT)
    assert loaded(copy, TYPESET_COMPILED_DIR=store, TYPESET_PURE="1").endswith(".py")
    for name in ("text/composer.py", "text/rules.py"):
        source = copy / "typeset" / name
        before = source.read_bytes()
        source.write_bytes(before + b"\n# changed\n")
        assert loaded(copy, TYPESET_COMPILED_DIR=store) == str(copy / "typeset" / "text" / "composer.py")
        source.write_bytes(before)
        assert loaded(copy, TYPESET_COMPILED_DIR=store).endswith(EXT)


def test_a_half_made_build_is_never_taken(tmp_path):
    """Only a folder renamed into place counts: a temporary one left by a killed compile does not."""
    (tmp_path / f".{compiled.digest()}.x.tmp" / "typeset" / "text").mkdir(parents=True)
    (tmp_path / f"{compiled.digest()}.failed").write_text("", encoding="utf-8")
    assert loaded(ROOT, TYPESET_COMPILED_DIR=str(tmp_path)).endswith(".py")


def test_failed_compile_goes_on_in_pure_python_and_is_not_retried(tmp_path):
    store = tmp_path / "store"
    issue = ROOT / "tests" / "issue2"
    lines = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        res = subprocess.run([sys.executable, str(ROOT / "build.py"), str(issue), "-o", str(out), "--pdf-only", "-q"],
                             env=env(TYPESET_COMPILED_DIR=str(store), CC="false", TYPESET_LANG="zh"),
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        assert "Traceback" not in res.stderr
        assert list(out.glob("*.pdf"))
        lines.append(res.stderr.splitlines())
    assert lines[0] == [t("build.compiling"), t("build.compile_failed")]
    assert lines[1] == []  # (recorded: not tried again until the sources change)
    failed = store / f"{compiled.digest()}.failed"
    assert failed.read_text(encoding="utf-8").strip()  # mypyc's and the compiler's output, kept
    assert [p.name for p in store.iterdir()] == [failed.name]
    assert loaded(ROOT, TYPESET_COMPILED_DIR=str(store)).endswith(".py")


def test_interrupted_compile_leaves_nothing_that_counts(tmp_path):
    """Ctrl-C while mypyc runs: no build, no failure recorded (the next run compiles again), no temporary folder."""
    if shutil.which(os.environ.get("CC", "cc")) is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler")
    store = tmp_path / "store"
    code = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('c', sys.argv[1]); "
            "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); m.ensure(lambda k: print(k, flush=True))")
    p = subprocess.Popen([sys.executable, "-c", code, str(ROOT / "typeset" / "compiled.py")],
                         env=env(TYPESET_COMPILED_DIR=str(store)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    assert p.stdout.readline().strip() == "build.compiling"
    time.sleep(3)  # (mypyc is at work: the temporary folder exists)
    assert [q for q in store.iterdir() if q.name.endswith(".tmp")]
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode != 0 and "KeyboardInterrupt" in err
    assert list(store.iterdir()) == []


def test_old_builds_and_stale_temporary_folders_are_dropped(tmp_path):
    """After a compile: the 8 newest builds or failure records stay (the one just made always), a
    temporary folder stays while a compile may still be writing it."""
    now = time.time()
    for k in range(12):
        p = tmp_path / f"{k:032x}"
        if k % 3:
            p.mkdir()
        else:
            p.with_suffix(".failed").write_text("", encoding="utf-8")
            p = p.with_suffix(".failed")
        os.utime(p, (now - 100 * k, now - 100 * k))
    old_tmp, new_tmp = tmp_path / ".a.b.tmp", tmp_path / ".c.d.tmp"
    old_tmp.mkdir()
    new_tmp.mkdir()
    os.utime(old_tmp, (now - 2 * 86400, now - 2 * 86400))
    just_made = tmp_path / f"{11:032x}"  # (the oldest time: a clock set back)
    compiled._prune(tmp_path, keep=just_made)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([".c.d.tmp", just_made.name] + [f"{k:032x}" + ("" if k % 3 else ".failed") for k in range(8)])
