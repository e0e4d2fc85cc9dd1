"""Break classes are kept on disk (text.words._Store): a second build of the same issue reads them
there, never loads the segmenter's model, and writes the same bytes as the first."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys
from typeset.api import build
build(sys.argv[1], sys.argv[2], ("pdf",))
print("rjieba" in sys.modules)
"""


def run(issue: Path, out: Path, cache: Path) -> bool:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("TYPESET_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", CHILD, str(issue), str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1] == "True"


def test_second_build_takes_the_break_classes_from_the_store(tmp_path):
    issue = ROOT / "tests" / "issue2"
    assert run(issue, tmp_path / "a", tmp_path / "cache")  # the first build segments (and stores)
    assert list((tmp_path / "cache" / "typeset" / "words").glob("*.bin"))
    assert not run(issue, tmp_path / "b", tmp_path / "cache")  # the second reads the store: no model loaded
    names = [p.name for p in (tmp_path / "a").iterdir()]
    assert names and all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


def test_a_damaged_store_is_ignored(tmp_path):
    issue = ROOT / "tests" / "issue2"
    run(issue, tmp_path / "a", tmp_path / "cache")
    store = next((tmp_path / "cache" / "typeset" / "words").glob("*.bin"))
    store.write_bytes(store.read_bytes()[:-7] + b"\xff" * 3)  # cut mid-record
    run(issue, tmp_path / "b", tmp_path / "cache")
    assert all((tmp_path / "a" / p.name).read_bytes() == p.read_bytes() for p in (tmp_path / "b").iterdir())


def test_build_py_ends_with_the_store_saved_and_its_output_flushed(tmp_path):
    """`build.py` ends its process without tearing the interpreter down (cli.leave): the exit
    functions still run (the word store is written) and every line reaches a pipe, with the status."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("TYPESET_NO_CACHE", None)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), str(ROOT / "tests" / "issue2"), "-o", str(tmp_path / "out")],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "cache" / "typeset" / "words").glob("*.bin"))
    last = done.stdout.splitlines()[-1]
    assert "页" in last and "秒" in last  # the summary, the last line printed
    bad = subprocess.run([sys.executable, str(ROOT / "build.py"), str(tmp_path / "no-such-issue"), "-o", str(tmp_path / "o2")],
                         env=env, cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "错误" in bad.stderr
