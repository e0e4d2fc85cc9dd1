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


def test_pictures_prefetched_in_second_processes_are_the_pictures_converted_here(tmp_path):
    from pathlib import Path

    from typeset import images

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
