"""Lay out an Issue into pages of display-list operations (no ReportLab here).

The stages, each in its own module: group each section's articles into plans and compose their
bodies into slots (slots.py), flow the slots into pages (plan.py, flow.py), fit them (fit.py:
copyfitting, column filling), jump short tails into later gaps (jumps.py), draw the plans
(place.py), then the front matter (front.py) from the real pages.  Page numbers are the physical
page numbers (the cover is page 1 and carries no folio), so the 目录 can be checked against the
PDF directly.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import style as S
from ..model import Article, Issue, Section
from .edition import SIGNATURE
from .fit import copyfit, fill_columns
from .front import FrontContext, front_matter, house_page
from .jumps import plan_jumps
from .ops import Layout, OutlineEntry, Page, PageKind
from .place import place, resolve_jump_markers, title_block
from .plan import Plan
from .slots import BodySlots

FRONT_PAGES = 4  # cover, imprint, board, 目录
SECTION_KEY = "section:"  # a section's outline entry points at its first article, under its own key


@dataclass(frozen=True)
class Group:
    """Articles laid out together: one article, or a section's run of items."""
    section: Section
    articles: list[Article]
    ncols: int
    body: S.TextStyle
    first_of_section: bool


def groups(section: Section) -> Iterator[Group]:
    """How a section is set: one-column (卷首语), a run of items, or an article a page."""
    if section.layout == "one-column":
        for a in section.articles:
            yield Group(section, [a], 1, S.LEAD, True)
    elif section.run_on:
        yield Group(section, list(section.articles), 2, S.BODY, True)
    else:
        for k, a in enumerate(section.articles):
            yield Group(section, [a], 2, S.BODY, k == 0)


def plan(issue: Issue, g: S.PageGeometry, grp: Group) -> Plan:
    """Compose an article (or a run of short items) and flow it into pages, drawing nothing."""
    pitch = grp.body.leading
    lines_per_col = int(g.lines * S.BODY.leading // pitch)
    measure = g.column if grp.ncols == 2 else int(g.text_width // grp.body.size) * grp.body.size
    run_on = len(grp.articles) > 1 or grp.section.run_on
    head_lines = title_block(Page(0, PageKind.ARTICLE), g, grp.section, None if run_on else grp.articles[0],
                             grp.first_of_section)
    head_pitch_lines = int(head_lines * S.BODY.leading // pitch + 0.999)
    slots = BodySlots(g, grp.section, measure, grp.body, lines_per_col).build(grp.articles, run_on)
    p = Plan(section=grp.section, articles=grp.articles, ncols=grp.ncols, body=grp.body,
             first_of_section=grp.first_of_section, run_on=run_on, measure=measure, pitch=pitch,
             lines_per_col=lines_per_col, first_cap=lines_per_col - head_pitch_lines,
             head_pitch_lines=head_pitch_lines, slots=slots)
    p.reflow()
    if issue.page.copyfit:
        copyfit(p)
        fill_columns(p)
    return p


def plans(issue: Issue, g: S.PageGeometry) -> list[Plan]:
    return [plan(issue, g, grp) for section in issue.sections for grp in groups(section)]


def lay_out(issue: Issue, pad_to: int = SIGNATURE) -> Layout:
    """Lay the issue out; pad it with blanks and a house page (the back page) to a multiple of
    `pad_to` pages (saddle stitching folds sheets of 4).  The screen edition drops the padding."""
    g = S.geometry(issue.page.trim)
    out = Layout(geometry=g)
    for _ in range(FRONT_PAGES):
        out.new_page(PageKind.FRONT)
    planned = plans(issue, g)
    out.blank_without_jumps = sum(p.blank_lines() for p in planned)
    if issue.page.jumps:
        plan_jumps(planned, issue.page.max_gap)
    out.blank_lines = sum(p.blank_lines() for p in planned)
    out.jumps = [j for p in planned if (j := p.jump_out)]
    for p in planned:
        place(out, p)
    resolve_jump_markers(out)  # both ends' pages are known only now
    ctx = FrontContext(issue, g, out)
    front_matter(ctx)
    out.padding = -len(out.pages) % pad_to
    for k in range(out.padding):  # blanks, then the house page as the back page
        if k == out.padding - 1:
            house_page(ctx, out.new_page(PageKind.HOUSE))
        else:
            out.new_page(PageKind.BLANK)
    out.outline = outline(issue, out)
    return out


def outline(issue: Issue, out: Layout) -> list[OutlineEntry]:
    """Sections, each pointing at its first article under its own key, then their articles."""
    entries: list[OutlineEntry] = []
    seen = set()
    for section in issue.sections:
        toc = [e for e in out.toc if e.section == section.title]
        entries.append(OutlineEntry(0, section.title, SECTION_KEY + toc[0].key))
        for e in toc:
            if e.key not in seen:
                entries.append(OutlineEntry(1, e.title, e.key))
                seen.add(e.key)
    return entries
