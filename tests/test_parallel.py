"""parallel.Background: a value made in a forked child comes back as made in this process; a child
that fails leaves the work (and its error, with the file and line) to this process; close() ends a
child whose value is no longer wanted."""
import os
import time

import pytest

from typeset.errors import SourceError
from typeset.parallel import Background


def test_value_from_the_child_and_from_this_process_alike():
    make = lambda: {"pid": os.getpid(), "data": bytes(range(256)) * 5000}  # noqa: E731 (over the pipe's buffer)
    forked, here = Background(make), Background(make, fork=False)
    a, b = forked.result(), here.result()
    assert a["data"] == b["data"]
    assert a["pid"] != os.getpid() and b["pid"] == os.getpid()


def test_a_fault_is_raised_by_this_process_with_its_file_and_line():
    calls = []

    def fail():
        calls.append(os.getpid())
        raise SourceError("articles/x.md", 3, "problem", "fix")

    job = Background(fail)
    with pytest.raises(SourceError) as info:
        job.result()
    assert info.value.line == 3 and calls == [os.getpid()]  # (the child's attempt is not in this process's list)


def test_close_ends_a_child_not_waited_for():
    job = Background(lambda: time.sleep(30) or b"")
    pid = job.pid
    assert pid is not None
    started = time.perf_counter()
    job.close()
    assert time.perf_counter() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped: no zombie left


def test_pictures_prefetched_in_second_processes_are_the_pictures_converted_here(tmp_path, monkeypatch):
    from pathlib import Path

    from typeset import images

    monkeypatch.setenv("TYPESET_NO_CACHE", "1")  # (converted, not read from the store: tests/test_stored.py)

    root = Path(__file__).resolve().parent
    pictures = sorted((root / "issue2" / "images").iterdir())
    here = {p: images.prepare(p).pixels for p in pictures}
    images._cache.clear()
    images.prefetch([(p, None, None) for p in pictures])
    assert len(images._coming) == len(pictures)
    for p in pictures:
        got = images.prepare(p).pixels
        assert (got.mode, got.size, got.flate) == (here[p].mode, here[p].size, here[p].flate)
    assert not images._coming
    # a picture that cannot be converted: its error is raised here, as without prefetching
    bad = tmp_path / "damaged.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not the rest of a picture")
    images.prefetch([(bad, None, None)])
    with pytest.raises(SourceError):
        images.prepare(bad)
    images.prefetch([(pictures[0], None, None)])  # (cached: nothing to do)
    assert not images._coming
    images._cache.clear()
    images.prefetch([(pictures[0], None, None)])
    images.drop_prefetched()  # never asked for: ended and reaped
    assert not images._coming


def _warm(path):
    path.write_text(str(os.getpid()), encoding="utf-8")


def test_a_waiting_child_runs_warm_at_once_and_fn_with_the_arguments_sent(tmp_path):
    from functools import partial

    mark = tmp_path / "warm"
    job = Background(lambda a, b: {"pid": os.getpid(), "sum": a + b, "big": b"x" * 300_000}, warm=partial(_warm, mark),
                     waits=True)
    with pytest.raises(RuntimeError):
        job.result()  # (asked for before its arguments: a bug, said at once)
    deadline = time.perf_counter() + 10
    while not mark.exists() and time.perf_counter() < deadline:
        time.sleep(0.01)
    assert int(mark.read_text(encoding="utf-8")) == job.pid  # warmed before anything was sent
    job.send(2, 3)
    got = job.result()
    assert got["sum"] == 5 and got["pid"] not in (os.getpid(), None) and len(got["big"]) == 300_000
    here = Background(lambda a: a * 2, fork=False, waits=True)
    here.send(21)
    assert here.result() == 42


def test_a_waiting_child_that_fails_leaves_the_work_with_its_arguments_to_this_process():
    calls = []

    def fail(line):
        calls.append(os.getpid())
        raise SourceError("articles/x.md", line, "problem", "fix")

    job = Background(fail, waits=True)
    job.send(7)
    with pytest.raises(SourceError) as info:
        job.result()
    assert info.value.line == 7 and calls == [os.getpid()]


def test_a_waiting_child_ends_when_its_parent_is_gone(tmp_path):
    """A parent killed before it could end its children (or told of them): the child stops waiting
    within a second or two; no process is left for ever (holding the terminal's output open)."""
    import subprocess
    import sys

    code = ("import os, sys; sys.path.insert(0, sys.argv[1]); from typeset.parallel import Background; "
            "job = Background(lambda: 1, waits=True); print(job.pid, flush=True); os._exit(0)")
    root = str(__import__("pathlib").Path(__file__).resolve().parent.parent)
    out = subprocess.run([sys.executable, "-c", code, root], capture_output=True, text=True, timeout=30, check=True)
    pid = int(out.stdout)
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        pytest.fail("the waiting child outlived its parent by 10 s")
