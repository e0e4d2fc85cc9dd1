"""`build.py watch`: how soon the outputs are refreshed after a one-paragraph edit.

    .venv/bin/python benchmarks/watch.py [EDITS]

Runs the watch on a copy of the bundled issue, edits one paragraph of an article EDITS times
(10 by default), and for each edit measures the time from the save to the moment both outputs
have been replaced; prints the median.  Then checks that the last outputs are byte-identical to a
cold build of the same sources.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wait_replaced(paths: list[Path], since: dict[Path, int], timeout: float = 30.0) -> float:
    t = time.perf_counter()
    while time.perf_counter() - t < timeout:
        if all(p.exists() and p.stat().st_mtime_ns != since.get(p) for p in paths):
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError("the watch did not refresh the outputs")


def main() -> None:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    work = Path(tempfile.mkdtemp())
    issue, out = work / "issue", work / "out"
    shutil.copytree(ROOT / "issue", issue)
    stem = "yanjiu-yu-jiaoliu-2018-04"
    outputs = [out / f"{stem}.pdf", out / f"{stem}.docx"]
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "watch", str(issue), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        wait_replaced(outputs, {}, 120)
        time.sleep(0.5)
        article = issue / "articles" / "10-dong-hongyi.md"
        times = []
        for k in range(edits):
            since = {p: p.stat().st_mtime_ns for p in outputs}
            text = article.read_text(encoding="utf-8")
            article.write_text(text.replace("选调生", f"选调生{'们' if k % 2 == 0 else ''}", 1)
                               if k % 2 == 0 else text.replace("选调生们", "选调生", 1), encoding="utf-8")
            t = time.perf_counter()
            times.append(wait_replaced(outputs, since) - t)
            time.sleep(0.3)
    finally:
        proc.terminate()
        log = proc.communicate(timeout=10)[0]
    cold = work / "cold"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "-q", str(issue), "-o", str(cold)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    same = all((cold / p.name).read_bytes() == p.read_bytes() for p in outputs)
    print(f"refresh after a one-paragraph edit: median {statistics.median(times):.3f} s "
          f"({', '.join(f'{x:.2f}' for x in times)})")
    print(f"outputs byte-identical to a cold build of the same sources: {same}")
    print(log.strip().splitlines()[-1] if log.strip() else "")


if __name__ == "__main__":
    main()
