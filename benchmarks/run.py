"""Benchmark: median wall time and peak memory of building the bundled issue (5 runs each).

    python3 build.py --help   # (the venv)   then:   .venv/bin/python benchmarks/run.py
Each run is a fresh process, so font loading and imports are counted as a user sees them.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time, tempfile
sys.path.insert(0, {root!r})
t = time.perf_counter()
from typeset.text import words
words.segmenter()  # the segmenter's model, built once per process (the build would build it too)
seg_load = time.perf_counter() - t
t = time.perf_counter()
import typeset
from typeset.read.manifest import load_issue
from typeset.pdf.layout import lay_out
from typeset.text.composer import compose
res = typeset.build({root!r} + "/issue", tempfile.mkdtemp(), {formats!r})
wall = time.perf_counter() - t + seg_load
# composition alone: every paragraph of the issue through the composer
from typeset.fonts import face
from typeset.style import BODY
issue = load_issue({root!r} + "/issue")
f = face(BODY)
paras = [p.text for _, a in issue.articles() for p in a.paragraphs()]
import gc
gc.collect()
gc.freeze()  # the build's objects are not the composer's to scan: time the composer, not the collector
import os
os.environ["TYPESET_NO_CACHE"] = "1"  # segment them again, timed: not from the store of texts segmented before
words._store.cache_clear()
words.break_classes.cache_clear()  # the build segmented these paragraphs: segment them again, timed
t = time.perf_counter()
for p in paras:
    compose([(p, f)], 22 * BODY.size, indent=2 * BODY.size)
comp = time.perf_counter() - t
print(json.dumps(dict(wall=wall, stages=res.stages, compose_text=comp, seg_load=seg_load, chars=sum(map(len, paras)),
                      rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def run(formats, n=5):
    rows = []
    for _ in range(n):
        out = subprocess.check_output([sys.executable, "-c", CHILD.format(root=str(ROOT), formats=formats)])
        rows.append(json.loads(out))
    def med(k):
        return statistics.median(r[k] for r in rows)
    stages = {s: statistics.median(r["stages"][s] for r in rows) for s in rows[0]["stages"]}
    return med("wall"), med("rss_mb"), stages, med("compose_text"), rows[0]["chars"], med("seg_load")


def main():
    for formats in (("pdf", "docx"), ("pdf",), ("docx",)):
        wall, rss, stages, comp, chars, seg = run(formats)
        st = ", ".join(f"{k} {v:.3f}" for k, v in stages.items())
        print(f"{'+'.join(formats):9s} median wall {wall:.3f} s  peak RSS {rss:.0f} MB   stages: {st}")
    print(f"docx: the issue DOCX in {stages['docx']:.3f} s (median stage time of the docx-only runs; target < 1 s)")
    print(f"composer: {chars} characters of body text in {comp:.3f} s (median of 5; word segmentation included, "
          f"the segmenter's model built once per process in {seg:.3f} s before it)")


if __name__ == "__main__":
    main()
