"""Results kept on disk between builds, each in a file of its own named by a digest of everything
it was made from: `$XDG_CACHE_HOME/typeset/<kind>/<key>` (e.g. a picture converted for the press,
~0.25 s for the cover, read back in a millisecond).  A record carries a digest of its bytes, so a
damaged or cut-off file is a miss, never a wrong result; files are written atomically; the least
recently used go once a kind holds more than its limit.  `TYPESET_NO_CACHE=1` turns the store off,
as it does the word store (the fonts' parsed metrics are kept regardless: fonts.py)."""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

_CHECK = 16  # bytes of blake2b over the payload, at the head of a record


def folder(kind: str) -> Path | None:
    if os.environ.get("TYPESET_NO_CACHE", "") not in ("", "0"):
        return None
    from .fonts import cache_dir

    return cache_dir() / kind


def digest(*parts: bytes | str) -> str:
    """A key from what a result depends on (each part length-prefixed, so no two lists share one)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:40]


def get(kind: str, key: str) -> bytes | None:
    base = folder(kind)
    if base is None:
        return None
    path = base / key
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[_CHECK:]
    if len(data) < _CHECK or hashlib.blake2b(payload, digest_size=_CHECK).digest() != data[:_CHECK]:
        return None
    try:
        os.utime(path)  # (recently used: kept longest)
    except OSError:
        pass
    return payload


def put(kind: str, key: str, payload: bytes, keep: int) -> None:
    """Store `payload` under `key`; then at most `keep` records of the kind remain.  A store that
    cannot be written (a read-only home, a full disk) is no error: the next build makes it again."""
    base = folder(kind)
    if base is None:
        return
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=base, prefix=".part-")
        with os.fdopen(fd, "wb") as f:
            f.write(hashlib.blake2b(payload, digest_size=_CHECK).digest() + payload)
        os.replace(tmp, base / key)
        records = [p for p in base.iterdir() if not p.name.startswith(".")]
        for part in base.glob(".part-*"):  # (left by a process killed while writing, a day ago)
            if part.stat().st_mtime < time.time() - 86400:
                part.unlink(missing_ok=True)
        if len(records) > keep:
            records.sort(key=lambda p: p.stat().st_mtime)
            for old in records[:len(records) - keep]:
                old.unlink(missing_ok=True)
    except OSError:
        pass
