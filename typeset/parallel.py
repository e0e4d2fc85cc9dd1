"""Both cores: second processes do what the build's own process would otherwise wait for: pictures
converted for the press and decoded to check them, the DOCX and offprints, the screen edition, and
the self-check of the print PDF.

`Background(fn)` forks; the child runs `fn` (or, with `waits`, first its imports, then `fn` with
the arguments the parent sends when it has them), sends its value back through a pipe (pickled: a
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
import select
import signal
import threading
from collections.abc import Callable
from typing import Any


NICE = 10  # a child yields to this process (the build's critical path) when they contend for a core


class Background:
    """`fn()` in a second process; with `waits`, `fn(*args)` with the arguments `send(*args)` gives
    later: the child forks at once and runs `warm()` (its imports), then waits for them, so work that
    needs what this process is still making (the layout) starts with its modules loaded."""

    def __init__(self, fn: Callable[..., Any], fork: bool = True, warm: Callable[[], Any] | None = None,
                 waits: bool = False):
        self.fn, self.warm = fn, warm
        self.args: tuple | None = None if waits else ()
        self.pid: int | None = None
        self.fd: int | None = None
        self.inbox: int | None = None  # (waits) where `send` writes the arguments
        if fork and hasattr(os, "fork") and threading.active_count() == 1:
            try:
                self._start(waits)
            except BaseException:  # (a Ctrl-C held back across the fork arrives as it ends: no one
                self.close()       # else would know of this child)
                raise

    def _start(self, waits: bool) -> None:
        r, w = os.pipe()
        inbox = os.pipe() if waits else None
        # Ctrl-C is held back across the fork: one arriving during it would otherwise be raised
        # inside an at-fork hook, where Python prints and drops it, and the build would go on
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                if inbox:
                    os.close(inbox[1])
                self._child(w, inbox[0] if inbox else None, mask, parent)
            os.close(w)
            self.pid, self.fd = pid, r
            if inbox:
                os.close(inbox[0])
                self.inbox = inbox[1]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # (a Ctrl-C held back arrives here)

    def _child(self, w: int, inbox: int | None, mask, parent: int) -> None:
        """Run fn, send its bytes, exit: never returns (the parent runs fn again if this fails)."""
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent takes Ctrl-C and ends the child
            os.nice(NICE)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            if self.warm is not None:
                self.warm()
            args = () if inbox is None else pickle.loads(_read_message(inbox, parent))
            data = pickle.dumps(self.fn(*args), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)

    def send(self, *args: Any) -> None:
        """The arguments of a waiting `fn` (a child that has ended is left to `result`, which then
        runs `fn` here with them)."""
        self.args = args
        if self.inbox is not None:
            data = pickle.dumps(args, pickle.HIGHEST_PROTOCOL)
            try:  # (length first: later children hold copies of this pipe, so its end is never seen)
                with os.fdopen(self.inbox, "wb") as pipe:
                    self.inbox = None
                    pipe.write(len(data).to_bytes(8, "little") + data)
            except BrokenPipeError:
                pass

    def result(self) -> Any:
        if self.args is None:
            raise RuntimeError("result() of a waiting job before send()")  # (a bug)
        if self.pid is None:
            return self.fn(*self.args)
        chunks = []
        with os.fdopen(self.fd, "rb") as pipe:  # type: ignore[arg-type]
            self.fd = None
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            return self.fn(*self.args)
        return pickle.loads(b"".join(chunks))

    def close(self) -> None:
        """End the child if it still runs (its result is not wanted)."""
        if self.inbox is not None:
            os.close(self.inbox)
            self.inbox = None
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


def _read_message(fd: int, parent: int) -> bytes:
    """One message `send` wrote: its length, then its bytes.  A child whose parent has gone (killed,
    or interrupted before it knew of this child) stops waiting within a second, not for ever."""
    data = b""
    size = None
    while size is None or len(data) < size:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            if os.getppid() != parent:
                raise EOFError("the parent has gone")
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise EOFError("the parent stopped before sending")
        data += chunk
        if size is None and len(data) >= 8:
            size, data = int.from_bytes(data[:8], "little"), data[8:]
    os.close(fd)
    return data
