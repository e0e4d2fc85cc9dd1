"""What a preflight finds and how it reads: the findings, fonts and image placements of a `Report`, and
`render`, the text a prepress person reads."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import t


@dataclass(frozen=True)
class Finding:
    """One finding of the preflight: its level, section, message and page."""
    level: str  # "ok" | "warn" | "fail"
    section: str  # Document, Pages, Boxes, Fonts, Colour, Images
    message: str  # in the language of the run (the catalog's text for `key`, filled in)
    page: int | None = None  # 1-based
    key: str = field(default="", compare=False)  # the catalog key of `message`, for tests and tools


@dataclass
class Group:
    """Findings with the same level, section and message, merged across pages."""
    level: str
    section: str
    message: str
    pages: list[int]


@dataclass
class FontInfo:
    """One font as the preflight lists it (like pdffonts)."""
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
    """One image placement: its colour space and effective resolution."""
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
    """The preflight of one PDF: its findings, fonts, images and colour spaces."""
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


SECTIONS = ("Document", "Pages", "Boxes", "Fonts", "Colour", "Images")  # internal names; headings from the catalog
SECTION_KEYS = {"Document": "preflight.section.document", "Pages": "preflight.section.pages",
                "Boxes": "preflight.section.boxes", "Fonts": "preflight.section.fonts",
                "Colour": "preflight.section.colour", "Images": "preflight.section.images"}
TAG_KEYS = {"ok": "preflight.tag.ok", "warn": "preflight.tag.warn", "fail": "preflight.tag.fail"}
TAGS = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}  # the English tags, as before
ORDER = {"fail": 0, "warn": 1, "ok": 2}


def page_ranges(pages: list[int], sep: str = ", ") -> str:
    """[1, 2, 3, 5] -> '1-3, 5' (with `sep` between the ranges)."""
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
    return sep.join(out)


def plural(n: int) -> str:
    """The English plural ending for `n` things (a field the Chinese text leaves out)."""
    return "" if n == 1 else "s"


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _left(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _right(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def verdict(r: Report) -> str:
    """The last line of the report: PASS/FAIL (通过/未通过) with the counts."""
    if r.passed:
        return t("preflight.verdict.pass_warnings", warnings=r.warnings, s=plural(r.warnings)) if r.warnings \
            else t("preflight.verdict.pass")
    return t("preflight.verdict.fail", failures=r.failures, fs=plural(r.failures), warnings=r.warnings,
             ws=plural(r.warnings))


def render(r: Report) -> str:
    header = "preflight.header.screen" if r.screen else "preflight.header.print"
    lines = [t(header, name=r.path.name, pages=r.pages, trim=r.trim), ""]
    groups = r.groups()
    sep = t("preflight.page_separator")
    for section in SECTIONS:
        lines.append(t(SECTION_KEYS[section]))
        if section == "Fonts" and r.fonts:
            lines.append(f"    {_left(t('preflight.fonts.head.name'), 40)} {_left(t('preflight.fonts.head.type'), 16)} "
                         f"{_left(t('preflight.fonts.head.encoding'), 16)} {t('preflight.fonts.head.flags')} "
                         f"{_right(t('preflight.fonts.head.object'), 7)}  {t('preflight.fonts.head.pages')}")
            yes, no = t("preflight.yes"), t("preflight.no")
            flags = [_width(w) for w in t("preflight.fonts.head.flags").split()]
            for f in r.fonts:
                yn = " ".join(_left(yes if b else no, w) for b, w in zip((f.embedded, f.subset, f.unicode), flags))
                lines.append(f"    {f.name:<40} {f.type:<16} {f.encoding:<16} {yn} {f.ref:>7}  {page_ranges(list(f.pages), sep)}")
        if section == "Images" and r.images:
            lines.append(f"    {_right(t('preflight.images.head.page'), 4)}  {_right(t('preflight.images.head.pixels'), 11)}  "
                         f"{_left(t('preflight.images.head.space'), 24)} {_left(t('preflight.images.head.bits'), 3)}  "
                         f"{_right(t('preflight.images.head.dpi'), 13)}  {t('preflight.images.head.where')}")
            for im in r.images:
                dpi = f"{im.dpi[0]:.0f} × {im.dpi[1]:.0f}" if im.dpi else t("preflight.images.na")
                lines.append(f"    {im.page:>4}  {f'{im.width} × {im.height}':>11}  {_left(im.colour_space, 24)} "
                             f"{im.bits:>3}  {_right(dpi, 13)}  {t('preflight.images.row_where', name=im.name, where=im.where)}")
        # Problems first: the prepress reader acts on FAIL and WARN lines, the ok lines are the record.
        for g in sorted((g for g in groups if g.section == section), key=lambda g: ORDER[g.level]):
            tag = t(TAG_KEYS[g.level])
            if not g.pages:
                line = t("preflight.line", tag=tag, message=g.message)
            elif len(g.pages) == r.pages and r.pages > 1:
                line = t("preflight.line.all_pages", tag=tag, message=g.message)
            else:
                line = t("preflight.line.pages", tag=tag, message=g.message, pages=page_ranges(g.pages, sep),
                         s=plural(len(g.pages)))
            lines.append("  " + line)
        lines.append("")
    lines.append(verdict(r))
    return "\n".join(lines)
