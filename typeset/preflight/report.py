"""What a preflight finds and how it reads: the findings, fonts and image placements of a `Report`, and
`render`, the text a prepress person reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    level: str  # "ok" | "warn" | "fail"
    section: str  # Document, Pages, Boxes, Fonts, Colour, Images
    message: str
    page: int | None = None  # 1-based


@dataclass
class Group:
    """Findings with the same level, section and message, merged across pages."""
    level: str
    section: str
    message: str
    pages: list[int]


@dataclass
class FontInfo:
    name: str
    type: str
    encoding: str
    embedded: bool
    subset: bool
    unicode: bool
    ref: str  # "obj gen" as pdffonts prints it, "-" for a direct object
    pages: set[int] = field(default_factory=set)


@dataclass
class ImageInfo:
    page: int
    name: str
    where: str
    width: int
    height: int
    colour_space: str
    bits: int
    dpi: tuple[float, float] | None  # None: degenerate placement or inside a Type 3 glyph


@dataclass
class Report:
    path: Path
    screen: bool
    version: str
    pages: int
    trim: str  # for the header: "210.0 × 285.0 mm (大16开)", "none", "mixed"
    trim_mm: tuple[float, float] | None
    trim_name: str | None
    findings: list[Finding]
    fonts: list[FontInfo]
    images: list[ImageInfo]
    colour_spaces: dict[str, set[int]]

    def groups(self) -> list[Group]:
        out: dict[tuple[str, str, str], Group] = {}
        for f in self.findings:
            g = out.setdefault((f.level, f.section, f.message), Group(f.level, f.section, f.message, []))
            if f.page is not None:  # findings are unique, so a page appears once per group
                g.pages.append(f.page)
        return list(out.values())

    # A problem on 44 pages is one problem for the person fixing it, so the verdict counts merged groups.
    @property
    def failures(self) -> int:
        return sum(g.level == "fail" for g in self.groups())

    @property
    def warnings(self) -> int:
        return sum(g.level == "warn" for g in self.groups())

    @property
    def passed(self) -> bool:
        return self.failures == 0

    def fails(self, section: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.level == "fail" and section in (None, f.section)]

    def warns(self, section: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.level == "warn" and section in (None, f.section)]


SECTIONS = ("Document", "Pages", "Boxes", "Fonts", "Colour", "Images")
TAGS = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}
ORDER = {"fail": 0, "warn": 1, "ok": 2}


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    out: list[str] = []
    run: list[int] = []
    for p in sorted(set(pages)):
        if run and p == run[-1] + 1:
            run.append(p)
        else:
            if run:
                out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
            run = [p]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
    return ", ".join(out)


def render(r: Report) -> str:
    mode = "screen" if r.screen else "print"
    lines = [f"Preflight ({mode}): {r.path.name} | {r.pages} pages | trim: {r.trim}", ""]
    groups = r.groups()
    for section in SECTIONS:
        lines.append(section)
        if section == "Fonts" and r.fonts:
            lines.append(f"    {'name':<40} {'type':<16} {'encoding':<16} emb sub uni {'object':>7}  pages")
            for f in r.fonts:
                yn = lambda b: "yes" if b else "no "  # noqa: E731
                lines.append(f"    {f.name:<40} {f.type:<16} {f.encoding:<16} {yn(f.embedded)} {yn(f.subset)} "
                             f"{yn(f.unicode)} {f.ref:>7}  {page_ranges(list(f.pages))}")
        if section == "Images" and r.images:
            lines.append(f"    {'page':>4}  {'pixels':>11}  {'colour space':<24} bpc  {'dpi (x × y)':>13}  where")
            for im in r.images:
                dpi = f"{im.dpi[0]:.0f} × {im.dpi[1]:.0f}" if im.dpi else "n/a"
                lines.append(f"    {im.page:>4}  {f'{im.width} × {im.height}':>11}  {im.colour_space:<24} "
                             f"{im.bits:>3}  {dpi:>13}  {im.name} ({im.where})")
        # Problems first: the prepress reader acts on FAIL and WARN lines, the ok lines are the record.
        for g in sorted((g for g in groups if g.section == section), key=lambda g: ORDER[g.level]):
            where = ""
            if g.pages:
                where = " — all pages" if len(g.pages) == r.pages and r.pages > 1 else \
                    f" — page{'s' if len(g.pages) > 1 else ''} {page_ranges(g.pages)}"
            lines.append(f"  {TAGS[g.level]}  {g.message}{where}")
        lines.append("")
    if r.passed:
        lines.append(f"PASS ({r.warnings} warning{'s' if r.warnings != 1 else ''})" if r.warnings else "PASS")
    else:
        lines.append(f"FAIL ({r.failures} failure{'s' if r.failures != 1 else ''}, "
                     f"{r.warnings} warning{'s' if r.warnings != 1 else ''})")
    return "\n".join(lines)
