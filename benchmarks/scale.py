"""Growth: the bundled issue and the same issue with every article's body repeated K times (5 by
default), each built cold in fresh processes (PDF + DOCX + self-check, as `build.py` does), median
of N runs; wall time and peak memory of the build process (and, apart, of the DOCX process it forks).

    .venv/bin/python benchmarks/scale.py [K] [N]
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from typeset.cli import main
status = main([{issue!r}, "-o", {out!r}, "-q"])
wall = time.perf_counter() - t
print(json.dumps(dict(status=status, wall=wall, rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      child=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)))
"""


def scaled_issue(k: int, where: Path) -> Path:
    """The bundled issue with each article's body (everything after its front matter) said k times,
    each copy's paragraphs and headings made distinct (a short lead-in, a number), so that no copy is
    set from what the layout already set for another: 5× the content, not 5× the same paragraphs."""
    issue = where / f"issue-x{k}"
    shutil.copytree(ROOT / "issue", issue)
    for md in (issue / "articles").glob("*.md"):
        text = md.read_text(encoding="utf-8")
        end = text.index("\n---", 3) + 5
        head, body = text[:end], text[end:].strip("\n")
        md.write_text(head + "\n\n".join([body] + [distinct(body, n) for n in range(2, k + 1)]) + "\n", encoding="utf-8")
    return issue


MARKER = re.compile(r"^(>\s*|[-*+]\s+|\d+[.)]\s+)?")  # a quotation's > or a list item's marker, kept in front


def distinct(body: str, n: int) -> str:
    out, after_blank = [], True
    for line in body.split("\n"):
        if line.startswith("#"):
            line = f"{line}（{n}）"
        elif after_blank and line.strip() and line[0] not in "!|[":
            marker = MARKER.match(line).group()  # type: ignore[union-attr]
            line = f"{marker}再说第{n}点，{line[len(marker):]}"
        out.append(line)
        after_blank = not line.strip() or line.startswith(">") and not line[1:].strip()
    return "\n".join(out)


def measure(issue: Path, runs: int, env: dict) -> dict:
    rows = []
    for _ in range(runs):
        out = tempfile.mkdtemp()
        line = subprocess.check_output([sys.executable, "-c", CHILD.format(root=str(ROOT), issue=str(issue), out=out)],
                                       text=True, env=env).strip().splitlines()[-1]
        row = json.loads(line)
        assert row["status"] == 0, row
        pdf = next(Path(out).glob("*.pdf"))
        row["pages"] = int(subprocess.run(["qpdf", "--show-npages", str(pdf)], capture_output=True, text=True).stdout
                           or 0)
        rows.append(row)
    return {key: statistics.median(r[key] for r in rows) for key in ("wall", "rss", "child", "pages")}


def main() -> None:
    k = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        issues = scaled_issue(1, Path(tmp)), scaled_issue(k, Path(tmp))
        # first as a first build of new text is (no break classes stored: the segmenter's model loaded),
        # then as a rebuild is (the break classes from the store, text.words._Store)
        for label, env in (("new text", {**os.environ, "TYPESET_NO_CACHE": "1"}), ("rebuild", dict(os.environ))):
            one, many = measure(issues[0], n, env), measure(issues[1], n, env)
            print(label)
            for name, m in (("×1", one), (f"×{k}", many)):
                print(f"  {name:>4}: {m['pages']:.0f} pages, {m['wall']:.2f} s, peak {m['rss']:.0f} MB "
                      f"(DOCX process {m['child']:.0f} MB)")
            print(f"  time ×{many['wall'] / one['wall']:.2f} for ×{k} the content (target ≤ ×{k}); "
                  f"peak {many['rss']:.0f} MB (target ≤ 200 MiB = 210 MB)")


if __name__ == "__main__":
    main()
