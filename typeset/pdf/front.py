"""The front pages: cover, imprint, editorial board and 目录, made after the articles so the
目录 carries the real page numbers."""
from __future__ import annotations

from .. import style as S
from ..errors import SourceError
from ..fonts import check_coverage, face
from ..text.composer import compose
from ..text.names import pad_name
from .flow import Slot, block, flow
from .. import images
from .edition import BLEED_MM
from .ops import Box, Page, Picture, Rule, Text, TocEntry, line_ops, set_text, text_width
from .setting import fitted


def front_matter(lay) -> None:
    """Fill the four front pages, once the articles are laid out and their pages known."""
    pages = lay.out.pages
    j, iss, g = lay.issue.journal, lay.issue.issue, lay.g
    where = lay.issue.root / "manifest.yaml"
    for key in ("title", "mottos", "sponsor", "editors", "address", "printer", "notices"):
        value = getattr(j, key)
        if isinstance(value, tuple):  # a list in the manifest: each item on its own line
            for i, text in enumerate(value):
                check_coverage(text, "song", where, lay.issue.line("journal", key, i))
        else:
            check_coverage(value, "song", where, lay.issue.line("journal", key))
    # cover
    cover = pages[0]
    cover.kind = "cover"
    art_bottom = g.height - 250
    if lay.issue.cover_image:  # the masthead picture, drawn out to the bleed edge on three sides
        bleed = BLEED_MM * S.MM
        w = g.width + 2 * bleed
        img = images.prepare(lay.issue.cover_image, where, lay.issue.cover_line)
        h = w * img.size[1] / img.size[0]
        img.check_resolution(w, h)
        cover.ops.append(Picture(-bleed, g.height + bleed - h, w, h, img.path, where, lay.issue.cover_line))
        art_bottom = g.height + bleed - h
    else:
        band_h = 250
        cover.ops.append(Box(0, g.height - band_h, g.width, band_h, (1, 0.75, 0, 0.1)))  # the writer bleeds it
    title_face = face("song-bold", 64)
    tw = title_face.width(j.title)
    white = (0, 0, 0, 0)
    cover.ops.append(Text((g.width - tw) / 2, g.height - 150, j.title, title_face, 0, white))
    lab = face("hei-bold", 22)
    for op in set_text(iss.label, lab, (g.width - text_width(iss.label, lab)) / 2, g.height - 210):
        op.cmyk = white
        cover.ops.append(op)
    mf = face("kai", 22)
    y = art_bottom - 80
    for m in j.mottos:
        cover.ops.append(Text((g.width - mf.width(m)) / 2, y, m, mf))
        y -= 40
    nf = face("hei", 11)
    notice = j.notices[0] if j.notices else ""
    cover.ops.append(Text((g.width - nf.width(notice)) / 2, 70, notice, nf))
    cover.ops.append(Text((g.width - nf.width(j.sponsor + " 主办")) / 2, 90, j.sponsor + " 主办", nf))
    imprint_page(lay, pages[1])
    board_page(lay, pages[2], where)
    toc_page(lay, pages[3])

def _centre(ops: list, g, bias: float = 0.4) -> list:
    """Shift a block of ops so it stands in the type area a little above the middle (the
    optical centre), instead of hanging from its top."""
    ys = [y for op in ops for y in ((op.y,) if isinstance(op, Text) else (op.y1, op.y2))]
    top, bottom = max(ys) + 30, min(ys)  # + the cap height of the tallest line
    area_top, area_bottom = g.top, g.top - g.lines * S.BODY.leading
    dy = area_top - ((area_top - area_bottom) - (top - bottom)) * bias - top
    for op in ops:
        if isinstance(op, Text):
            op.y += dy
        else:
            op.y1 += dy
            op.y2 += dy
    return ops


def imprint_page(lay, page: Page) -> None:
    """The imprint: every field of the journal, in the printed issue's order."""
    j, iss, g = lay.issue.journal, lay.issue.issue, lay.g
    page.kind = "imprint"
    x0 = g.left(page.number) + 60
    ops = [Text(x0, 0, j.title, face("song-bold", 36)), *set_text(iss.label, face("hei", 14), x0, -40),
           Rule(x0, -60, x0 + 300, -60, 0.8)]
    y = -90
    fields = [("主办", [j.sponsor]), ("编辑", list(j.editors)), ("地址", [j.address]), ("邮编", [j.postcode]),
              ("电话", [j.phone]), ("信箱", [j.email]), ("出刊", [iss.published]), ("印刷", [j.printer])]
    kf, vf = face("hei", 11), face("song", 11)
    for k, vals in fields:
        ops.append(Text(x0, y, k, kf))
        for v in vals:
            ops.extend(set_text(v, vf, x0 + 40, y))
            y -= 22
    y -= 6
    ops.append(Rule(x0, y + 8, x0 + 300, y + 8, 0.3))
    y -= 18
    for n in j.notices:
        ops.append(Text(x0, y, f"（{n}）" if n == j.notices[0] else f"［{n}］", face("kai", 11)))
        y -= 22
    page.ops.extend(_centre(ops, g))


def board_page(lay, page: Page, where) -> None:
    """The editorial board, names of two characters set to the width of three so the columns
    align; a role marked 按姓氏笔划为序 arrives sorted from the loader."""
    g = lay.g
    page.kind = "board"
    x0 = g.left(page.number) + S.BOARD_INSET
    name_x, step, width = S.board_grid(g)
    ops = [Text(x0, 0, "编委会", face("hei-bold", 18)), Rule(x0, -12, x0 + width, -12, 0.8)]
    y = -50
    rf, mfce = face("hei", 12), face("song", S.BOARD_NAME_SIZE)
    for role in lay.issue.board:
        label = role.role + ("（按姓氏笔划为序）" if role.order == "strokes" else "")
        for name, line in zip(role.members, role.lines or [None] * len(role.members)):
            check_coverage(name, "song", where, line)
        if len(role.members) > 3 or role.order:
            ops.append(Text(x0, y, label, rf))
            y -= 26
            members = [pad_name(m) for m in role.members]
            for r in range(0, len(members), 4):
                for c, m in enumerate(members[r:r + 4]):
                    ops.append(Text(x0 + name_x + c * step, y, m, mfce))
                y -= 24
            y -= 8
        else:
            ops.append(Text(x0, y, pad_name(label), rf))
            for c, m in enumerate(role.members):
                ops.append(Text(x0 + name_x + c * step, y, pad_name(m), mfce))
            y -= 30
    page.ops.extend(_centre(ops, g))


def toc_entries(lay) -> list[TocEntry]:
    out = []
    for section in lay.issue.sections:
        entries = [e for e in lay.out.toc if e.section == section.title]
        if section.toc == "first" and len(entries) > 1:
            a = section.articles[0]
            e = entries[0]
            out.append(TocEntry(section.title, f"{a.locality or ''}{a.title}等{len(entries)}则", None, None, e.key, e.page))
        else:
            out.extend(entries)
    return out

def toc_page(lay, page: Page) -> None:
    page.kind = "toc"
    g = lay.g
    x_left = g.left(page.number)
    y = g.top
    hf = face("hei-bold", 24)
    page.ops.append(Text(x_left + (g.text_width - hf.width("目\u3000录")) / 2, y - 24, "目\u3000录", hf))
    head_lines = 4
    measure = g.column
    slots: list[Slot] = []
    item = 0
    nf, sf, tf, af = face("hei-bold", 11), face("hei-bold", 12), face("song", 11), face("kai", 10.5)
    articles = {a.key: a for _, a in lay.issue.articles()}
    entries_all = toc_entries(lay)
    width = measure - 2.5 * 11

    def entry_lines(text, fce, article, key):
        return fitted(compose([(text, fce)], width, justify=False, phrases=True).lines, article, article.line(key))

    for section in lay.issue.sections:
        rows = [[("label", section.title)]]
        for e in (e for e in entries_all if e.section == section.title):
            article = articles[e.key]  # the 目录 sets these in its own faces: check those faces too
            for key, text, role in (("title", e.title, "song"), ("subtitle", e.subtitle, "song"), ("author", e.author, "kai")):
                if text:
                    check_coverage(text, role, article.path, article.line(key))
            rows += [[("entry", e, ln, k == 0)] for k, ln in enumerate(entry_lines(e.title, tf, article, "title"))]
            if e.subtitle:
                rows += [[("entry", e, ln, False)] for ln in entry_lines("——" + e.subtitle, tf, article, "subtitle")]
            if e.author:  # right-aligned, wrapped if a unit's name is long
                rows += [[("author", e, ln)] for ln in entry_lines(pad_name(e.author), af, article, "author")]
        slots += block(item, "h", rows) + block(item + 1, "s", [[]])
        item += 2
    pages = flow(slots, lambda k: g.lines - head_lines, 2)
    if len(pages) > 1:
        raise SourceError(lay.issue.root / "manifest.yaml", lay.issue.line("sections"), "the 目录 does not fit on one page",
                          "use 'toc: first' for sections of short items")
    top = g.top - head_lines * S.BODY.leading
    for ci, col in enumerate(pages[0]):
        x0 = x_left + ci * (g.column + g.gap)
        for li, slot in enumerate(col):
            yb = top - li * S.BODY.leading - 10
            for op in slot.payload:
                if op[0] == "label":
                    page.ops.append(Text(x0, yb, op[1], sf))
                    page.ops.append(Rule(x0, yb - 4, x0 + measure, yb - 4, 0.3))
                elif op[0] == "entry":
                    _, e, ln, first = op
                    if first:
                        page.ops.append(Text(x0, yb, f"{e.page:02d}", nf))
                    page.ops.extend(line_ops(ln, x0 + 2.5 * 11, yb))
                    page.links.append(((x0, yb - 3, x0 + measure, yb + 11), e.key))
                elif op[0] == "author":
                    _, e, ln = op
                    page.ops.extend(line_ops(ln, x0 + measure - ln.width, yb))
                    page.links.append(((x0, yb - 3, x0 + measure, yb + 11), e.key))


def house_page(lay, page: Page) -> None:
    """The first padding page, the back page: the journal's call for contributions and how to
    reach it (no folio: the writer leaves it off)."""
    j, g = lay.issue.journal, lay.g
    x0 = g.left(page.number)
    kf, vf = face("hei", 12), face("song", 12)
    rows = [("投稿信箱", j.email), ("联系电话", j.phone), ("通讯地址", j.address), ("邮政编码", j.postcode),
            ("编　　辑", "　".join(j.editors))]
    width = max(kf.width(k) + 24 + text_width(v, vf) for k, v in rows)
    xk = x0 + (g.text_width - width) / 2
    y = g.top - 120
    head = "本刊欢迎投稿"
    hf = face("hei-bold", 22)
    page.ops.append(Text(x0 + (g.text_width - hf.width(head)) / 2, y, head, hf))
    page.ops.append(Rule(xk, y - 16, xk + width, y - 16, 0.6))  # as wide as the table under it
    y -= 60
    for k, v in rows:
        page.ops.append(Text(xk, y, k, kf))
        page.ops.extend(set_text(v, vf, xk + kf.width(k) + 24, y))
        y -= 30
