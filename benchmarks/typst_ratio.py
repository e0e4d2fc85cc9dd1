"""Cold build of the bundled issue against Typst's cold compile of an equivalent rendition
(benchmarks/typst_rendition.py), alternating, each in a fresh process, 5 rounds by default.

    .venv/bin/python benchmarks/typst_ratio.py [ROUNDS]

Ours: `python3 build.py` as an editor runs it (PDF + DOCX + the preflight of its own PDF), with
what earlier builds keep on disk (the fonts' metrics, break classes, converted pictures, font
subsets, font programs found sound: one untimed build first makes them), and again with
TYPESET_NO_CACHE=1 (all but the fonts' metrics made anew each time).
Typst: the `typst` package (the Typst compiler as a Python extension), installed into the
project's .venv on first use, compiling the rendition with the bundled fonts.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def ensure_typst() -> None:
    try:
        import typst  # noqa: F401
    except ImportError:
        subprocess.check_call([PY, "-m", "pip", "install", "-q", "typst"])


def timed(cmd: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - t


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ensure_typst()
    work = Path(tempfile.mkdtemp())
    source = ROOT / "issue" / ".typst-rendition.typ"
    source.write_text(subprocess.check_output([PY, str(ROOT / "benchmarks" / "typst_rendition.py")], text=True),
                      encoding="utf-8")
    typst = [PY, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3], "
             "font_paths=[sys.argv[4]])", str(source), str(work / "t.pdf"), str(ROOT / "issue"), str(ROOT / "fonts")]
    ours = [PY, str(ROOT / "build.py"), "-q", "-o", str(work / "out")]
    no_stores = {**os.environ, "TYPESET_NO_CACHE": "1"}
    timed(typst), timed(ours)  # warm the file cache and what builds keep on disk
    a, b, c = [], [], []
    try:
        for _ in range(rounds):
            a.append(timed(ours))
            b.append(timed(typst))
            c.append(timed(ours, no_stores))
    finally:
        source.unlink(missing_ok=True)
    ma, mb, mc = statistics.median(a), statistics.median(b), statistics.median(c)
    print(f"ours (PDF + DOCX + self-check): median {ma:.2f} s  {[round(x, 2) for x in a]}")
    print(f"  the same, TYPESET_NO_CACHE=1: median {mc:.2f} s  {[round(x, 2) for x in c]}")
    print(f"Typst (PDF):                    median {mb:.2f} s  {[round(x, 2) for x in b]}")
    print(f"ratio: {ma / mb:.2f}×  (TYPESET_NO_CACHE=1: {mc / mb:.2f}×)")


if __name__ == "__main__":
    main()
