"""The bundled issue as a Typst document, for a side-by-side speed comparison (benchmarks/run.py).

An equivalent rendition, not a copy of the design: the same trim, the same text (titles,
subtitles, bylines, headings, paragraphs, quotations, datelines, notes), the bundled faces, two
justified columns with a two-character indent, each article on a new page, a 目录 with page
references, and the issue's figures.  Typst lays it out with its own line breaker and writes a
PDF; that is the work both tools do.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.model import Figure, Heading, Paragraph, Quote  # noqa: E402
from typeset.read.manifest import load_issue  # noqa: E402


def esc(text: str) -> str:
    """Typst markup escapes."""
    for ch in "\\#*_`$<>@[]~/":
        text = text.replace(ch, "\\" + ch)
    return text


def spans(p: Paragraph) -> str:
    return "".join(f"#text(font: \"Noto Sans CJK SC\")[{esc(s.text)}]" if s.bold else esc(s.text) for s in p.spans)


def rendition(issue_dir: Path) -> str:
    issue = load_issue(issue_dir)
    j = issue.journal
    out = ['#set page(width: 210mm, height: 285mm, margin: (x: 21mm, top: 25mm, bottom: 22mm), columns: 2)',
           '#set text(font: ("Noto Serif CJK SC"), size: 10.5pt, lang: "zh", region: "cn")',
           '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 6.5pt, spacing: 6.5pt)',
           '#show heading: set text(font: "Noto Sans CJK SC", size: 11pt, weight: "bold")',
           f'#place(top + center, float: true, scope: "parent")[#text(size: 48pt, weight: "bold")[{esc(j.title)}]]',
           f'#align(center)[{esc(issue.issue.label)}]',
           '#pagebreak()', '#outline(depth: 2)']
    for section in issue.sections:
        for a in section.articles:
            out.append("#pagebreak()")
            head = [f'#text(size: 20pt, font: "Noto Sans CJK SC", weight: "bold")[{esc(a.title)}]']
            if a.subtitle:
                head.append(f'#text(size: 13pt, font: "Journal Kai")[——{esc(a.subtitle)}]')
            if a.author:
                head.append(f'#text(size: 12pt, font: "Journal Kai")[{esc(a.author)}]')
            out.append('#place(top + center, float: true, scope: "parent")[#align(center)[' + " \\ ".join(head) + "]]")
            out.append(f"#heading(level: 1, outlined: true)[{esc(a.title)}]")
            for b in a.blocks:
                if isinstance(b, Heading):
                    out.append(f"#heading(level: 2, outlined: false)[{esc(b.text)}]")
                elif isinstance(b, Paragraph):
                    out.append(spans(b) + "\n")
                elif isinstance(b, Quote):
                    out += [f'#text(font: "Journal Kai")[{spans(p)}]\n' for p in b.paragraphs]
                elif isinstance(b, Figure):
                    rel = b.path.relative_to(issue.root)
                    out.append(f'#figure(image("{rel}", width: 100%), caption: [{esc(b.caption)}])')
            if a.dateline:
                out.append(f'#align(right)[——{esc(a.dateline)}]')
            if a.note:
                out.append(f'#align(right)[（{esc(a.note)}）]')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    issue_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "issue"
    sys.stdout.write(rendition(issue_dir))
