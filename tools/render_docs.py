"""Render the pages a reviewer checks first into docs/, so the design can be seen without a build.

    .venv/bin/python tools/render_docs.py

Builds the bundled issue into a temporary folder and writes docs/pages/*.png (the print PDF's
trim area at 72 dpi, palette PNGs so the files stay small) and docs/pages/README.md.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402
from PIL import Image  # noqa: E402

import typeset  # noqa: E402

DPI = 72


def issue_first_folio(res) -> int:
    from typeset.read.manifest import load_issue
    return load_issue(res.issue_dir).page.first_folio - 1


def main() -> None:
    out = ROOT / "docs" / "pages"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        res = typeset.build(ROOT / "issue", tmp, ("pdf",))
        doc = pymupdf.open(res.written[0])
        first = {}
        for title, page in res.toc:
            first.setdefault(title, page + res.front_pages - issue_first_folio(res))
        by_section = {}
        from typeset.read.manifest import load_issue
        issue = load_issue(ROOT / "issue")
        for section in issue.sections:
            key = section.articles[0].title
            by_section[section.title] = first.get(key)
        picks = [("01-cover", 1, "封面 Cover"), ("02-imprint", 2, "版权页 Imprint"),
                 ("03-board", 3, "编委会 Editorial board (编委 按姓氏笔划为序)"), ("04-contents", res.front_pages, "目录 Contents")]
        for k, (name, page) in enumerate(by_section.items(), 5):
            picks.append((f"{k:02d}-{_slug(name)}", page, f"{name}: first page"))
        if res.jumps:
            j = res.jumps[0]
            picks.append((f"{len(picks) + 1:02d}-jump-out", j.from_page, f"下转: {j.source} continues on p.{j.to_folio}"))
            picks.append((f"{len(picks) + 1:02d}-jump-in", j.to_page, f"上接: the tail of {j.source} after {j.target}"))
        import typeset.pdf.layout as L
        lay = L.lay_out(issue)
        ran = [e for e in lay.toc if e.key in lay.run_on]
        if ran:
            picks.append((f"{len(picks) + 1:02d}-run-on", ran[0].physical,
                          f"run-on: {ran[0].title} set below the previous article of {ran[0].section}"))
        house = [p.number for p in lay.pages if p.kind.name == "HOUSE"]
        if house:
            picks.append((f"{len(picks) + 1:02d}-house", house[0], "征稿启事: the house page before the back cover"))
        picks.append((f"{len(picks) + 1:02d}-back-cover", len(doc), "封底 Back cover"))
        lines = ["# Page renders", "", "Made by `tools/render_docs.py` from the bundled issue's print PDF "
                 "(trim area, 72 dpi).", "", "| file | page | what |", "|---|---|---|"]
        for old in out.glob("*.png"):
            old.unlink()
        for name, page, what in picks:
            p = doc[page - 1]
            pix = p.get_pixmap(dpi=DPI, clip=p.trimbox)
            img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples).quantize(64)
            img.save(out / f"{name}.png", optimize=True)
            lines.append(f"| [{name}.png]({name}.png) | {page} | {what} |")
        (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(picks)} pages → {out}")


def _slug(title: str) -> str:
    names = {"卷首语": "lead", "高层动态": "leaders", "领导讲话": "speech", "工作研讨": "study",
             "调查研究": "survey", "经验介绍": "practice", "组工论坛": "forum", "组工动态": "news",
             "学习园地": "learning"}
    return names.get(title, "section")


if __name__ == "__main__":
    main()
