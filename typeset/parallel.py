"""Both cores: the DOCX (and the screen edition, the offprints) are written in second processes
while this one draws the print PDF.

`Background(fn)` forks; the child runs `fn`, sends its value back through a pipe (pickled: a
child of ours is trusted) and exits without running anything else of the parent's (no atexit, no
flushing of the parent's buffers).  The parent asks for `result()` when it needs the value.  If the child fails for any
reason, the parent runs `fn` itself, so a fault in the sources is raised where it always was, with
its file and line.  Where there is no fork (Windows), or threads run (fork copies only the
calling thread, and a lock another thread held would never be released in the child), `fn` simply
runs in this process when its result is asked for (as with `fork=False`: a long-running process
writes its first DOCX itself, so that what the DOCX writer keeps per process is kept in it, and
every later child starts with it).  `close()` ends a child whose result is no
longer wanted (an error or Ctrl-C in the parent)."""
from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any


class Background:
    def __init__(self, fn: Callable[[], Any], fork: bool = True):
        self.fn = fn
        self.pid: int | None = None
        self.fd: int | None = None
        if fork and hasattr(os, "fork") and threading.active_count() == 1:
            self._start()

    def _start(self) -> None:
        r, w = os.pipe()
        # Ctrl-C is held back across the fork: one arriving during it would otherwise be raised
        # inside an at-fork hook, where Python prints and drops it, and the build would go on
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:
                self._child(w, mask)
            os.close(w)
            self.pid, self.fd = pid, r
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # (a Ctrl-C held back arrives here)

    def _child(self, w: int, mask) -> None:
        """Run fn, send its bytes, exit: never returns (the parent runs fn again if this fails)."""
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent takes Ctrl-C and ends the child
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            data = pickle.dumps(self.fn(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)

    def result(self) -> Any:
        if self.pid is None:
            return self.fn()
        chunks = []
        with os.fdopen(self.fd, "rb") as pipe:  # type: ignore[arg-type]
            self.fd = None
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            return self.fn()
        return pickle.loads(b"".join(chunks))

    def close(self) -> None:
        """End the child if it still runs (its result is not wanted)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
