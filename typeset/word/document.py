"""A checked Word package → its paragraphs in reading order, each with what `update` and
`import` need: the style's *name* (ids differ between Word, WPS and LibreOffice), text runs
with bold, pictures, footnote references, tracked insertions and deletions, comments,
bookmarks, outline level and the label of automatic numbering."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .package import NS, Package, w

R_EMBED = f"{{{NS['r']}}}embed"
R_ID = f"{{{NS['r']}}}id"
_OFF = ("0", "false", "off")


@dataclass
class Style:
    name: str
    names: tuple[str, ...]  # name and its aliases, as written
    base: str | None
    outline: int | None
    bold: bool | None
    size: float | None  # points
    num: tuple[str, int] | None
    kind: str


@dataclass
class Change:
    kind: str  # "inserted" / "deleted"
    author: str
    date: str
    text: str


@dataclass
class WPara:
    index: int  # 1-based position among the document's paragraphs, for messages
    style: str  # style name ("" when the paragraph names none and there is no default)
    names: tuple[str, ...]
    runs: list = field(default_factory=list)  # (text, bold) | ("\0img", part) | ("\0fn", id)
    outline: int | None = None
    size: float | None = None  # largest run size, points
    align: str | None = None
    indent: tuple[float, float] = (0.0, 0.0)  # left, right in points
    label: str = ""  # automatic numbering, e.g. "一、"
    changes: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    bookmarks: list = field(default_factory=list)
    in_table: bool = False

    @property
    def text(self) -> str:
        return "".join(t for t, b in self.runs if not t.startswith("\0"))

    @property
    def images(self) -> list[str]:
        return [b for t, b in self.runs if t == "\0img"]


def _on(el) -> bool | None:
    return None if el is None else el.get(w("val"), "1").lower() not in _OFF


def _half_points(el) -> float | None:
    try:
        return int(el.get(w("val"))) / 2 if el is not None else None
    except (TypeError, ValueError):
        return None


def read_styles(pkg: Package) -> tuple[dict[str, Style], str | None, dict[str, Style]]:
    """styleId → Style for paragraph styles, the default paragraph style id, and character styles."""
    part = pkg.related(pkg.main, "styles")
    root = pkg.xml(part) if part else None
    para: dict[str, Style] = {}
    char: dict[str, Style] = {}
    default = None
    for s in root.findall("w:style", NS) if root is not None else ():
        sid = s.get(w("styleId"), "")
        name_el = s.find("w:name", NS)
        name = name_el.get(w("val"), sid) if name_el is not None else sid
        aliases = s.find("w:aliases", NS)
        names = tuple(n.strip() for n in (name.split(",") + (aliases.get(w("val"), "").split(",") if aliases is not None else [])) if n.strip())
        base = s.find("w:basedOn", NS)
        ppr, rpr = s.find("w:pPr", NS), s.find("w:rPr", NS)
        outline = ppr.find("w:outlineLvl", NS) if ppr is not None else None
        numpr = ppr.find("w:numPr", NS) if ppr is not None else None
        num = None
        if numpr is not None and numpr.find("w:numId", NS) is not None:
            ilvl = numpr.find("w:ilvl", NS)
            num = (numpr.find("w:numId", NS).get(w("val")), int(ilvl.get(w("val"), "0")) if ilvl is not None else 0)
        st = Style(name=names[0] if names else sid, names=names or (sid,),
                   base=base.get(w("val")) if base is not None else None,
                   outline=int(outline.get(w("val"))) if outline is not None and outline.get(w("val"), "").isdigit() else None,
                   bold=_on(rpr.find("w:b", NS)) if rpr is not None else None,
                   size=_half_points(rpr.find("w:sz", NS)) if rpr is not None else None, num=num,
                   kind=s.get(w("type"), "paragraph"))
        if st.kind == "paragraph":
            para[sid] = st
            if s.get(w("default")) in ("1", "true", "on"):
                default = sid
        elif st.kind == "character":
            char[sid] = st
    return para, default, char


def inherited(styles: dict[str, Style], sid: str | None, attr: str):
    seen = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        value = getattr(styles[sid], attr)
        if value is not None:
            return value
        sid = styles[sid].base
    return None


_CN = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographTraditional", "japaneseCounting", "taiwaneseCounting",
                       "chineseLegalSimplified")):
        return chinese_number(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, k = "", n
        for v, s in vals:
            while k >= v:
                out, k = out + s, k - v
        return out if fmt == "lowerRoman" else out.upper()
    return str(n)


class Numbering:
    """Counters of automatic numbering, to turn numPr into the label Word shows (一、 （一） 1.)."""

    def __init__(self, pkg: Package):
        part = pkg.related(pkg.main, "numbering")
        root = pkg.xml(part) if part else None
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract = {}
        for a in root.findall("w:abstractNum", NS):
            lv = {}
            for lvl in a.findall("w:lvl", NS):
                fmt, text, start = lvl.find("w:numFmt", NS), lvl.find("w:lvlText", NS), lvl.find("w:start", NS)
                lv[int(lvl.get(w("ilvl"), "0"))] = (fmt.get(w("val")) if fmt is not None else "decimal",
                                                    text.get(w("val"), "") if text is not None else "",
                                                    int(start.get(w("val"), "1")) if start is not None else 1)
            abstract[a.get(w("abstractNumId"))] = lv
        for n in root.findall("w:num", NS):
            ref = n.find("w:abstractNumId", NS)
            if ref is not None:
                self.levels[n.get(w("numId"))] = abstract.get(ref.get(w("val")), {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for k in range(ilvl + 1, 9):
            counts[k] = 0
        if fmt == "bullet" or fmt == "none":
            return ""

        def sub(m):
            k = int(m.group(1)) - 1
            f = levels.get(k, ("decimal", "", 1))[0]
            return _format(counts[k] or levels.get(k, ("", "", 1))[2], f)
        return re.sub(r"%(\d)", sub, text)


class Reader:
    def __init__(self, pkg: Package, accept_changes: bool = True):
        self.pkg = pkg
        self.styles, self.default, self.char = read_styles(pkg)
        self.numbering = Numbering(pkg)
        self.rels = pkg.rels(pkg.main)
        self.accept = accept_changes
        self.paras: list[WPara] = []

    def paragraphs(self) -> list[WPara]:
        body = self.pkg.xml(self.pkg.main).find("w:body", NS)
        if body is None:
            return []
        self._container(body, False)
        return self.paras

    def _container(self, el, in_table: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == w("p"):
                self._para(child, in_table)
            elif tag == w("tbl"):
                for tc in child.iter(w("tc")):
                    self._container(tc, True)
            elif tag in (w("sdt"),):
                content = child.find("w:sdtContent", NS)
                if content is not None:
                    self._container(content, in_table)
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                self._container(child, in_table)

    def _para(self, p, in_table: bool) -> None:
        ppr = p.find("w:pPr", NS)
        sid = None
        if ppr is not None and ppr.find("w:pStyle", NS) is not None:
            sid = ppr.find("w:pStyle", NS).get(w("val"))
        if sid not in self.styles:
            sid = self.default if sid is None or sid not in self.styles else sid
        st = self.styles.get(sid) if sid else None
        para = WPara(index=len(self.paras) + 1, style=st.name if st else (sid or ""),
                     names=st.names if st else ((sid,) if sid else ()), in_table=in_table)
        outline = ppr.find("w:outlineLvl", NS) if ppr is not None else None
        para.outline = int(outline.get(w("val"))) if outline is not None and outline.get(w("val"), "").isdigit() \
            else inherited(self.styles, sid, "outline")
        if ppr is not None:
            jc = ppr.find("w:jc", NS)
            para.align = jc.get(w("val")) if jc is not None else None
            ind = ppr.find("w:ind", NS)
            if ind is not None:
                def pt(k):
                    try:
                        return int(ind.get(w(k)) or ind.get(w({"left": "start", "right": "end"}[k])) or 0) / 20
                    except ValueError:
                        return 0.0
                para.indent = (pt("left"), pt("right"))
        numpr = ppr.find("w:numPr", NS) if ppr is not None else None
        num = None
        if numpr is not None and numpr.find("w:numId", NS) is not None:
            ilvl = numpr.find("w:ilvl", NS)
            num = (numpr.find("w:numId", NS).get(w("val")), int(ilvl.get(w("val"), "0")) if ilvl is not None else 0)
        num = num or inherited(self.styles, sid, "num")
        if num:
            para.label = self.numbering.label(*num)
        self._size = inherited(self.styles, sid, "size")
        self._bold = bool(inherited(self.styles, sid, "bold"))
        self._field = 0  # depth of field instructions being skipped
        self._inline(p, para, deleted=False, inserted=False)
        self.paras.append(para)

    def _inline(self, el, para: WPara, deleted: bool, inserted: bool) -> None:
        for c in el:
            tag = c.tag
            if tag == w("r"):
                self._run(c, para, deleted, inserted)
            elif tag in (w("ins"), w("moveTo")):
                text = "".join(t.text or "" for t in c.iter(w("t")))
                para.changes.append(Change("inserted", c.get(w("author"), "?"), c.get(w("date"), ""), text))
                if self.accept:
                    self._inline(c, para, deleted, True)
            elif tag in (w("del"), w("moveFrom")):
                text = "".join(t.text or "" for t in c.iter(w("delText"))) + "".join(t.text or "" for t in c.iter(w("t")))
                para.changes.append(Change("deleted", c.get(w("author"), "?"), c.get(w("date"), ""), text))
                if not self.accept:
                    self._inline(c, para, True, inserted)
            elif tag == w("bookmarkStart"):
                para.bookmarks.append(c.get(w("name"), ""))
            elif tag == w("commentRangeStart") or tag == w("commentReference"):
                cid = c.get(w("id"))
                if cid not in para.comments:
                    para.comments.append(cid)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("sdt"), w("sdtContent"),
                         w("dir"), w("bdo")):
                self._inline(c, para, deleted, inserted)

    def _run(self, r, para: WPara, deleted: bool, inserted: bool) -> None:
        bold, size = self._run_format(r.find("w:rPr", NS))
        if size and (para.size is None or size > para.size):
            para.size = size
        custom_mark = False  # a footnote reference's own mark (①) follows it in the run: not text
        for c in r:
            tag = c.tag
            if tag == w("fldChar"):
                self._field_char(c.get(w("fldCharType")))
                continue
            if tag == w("instrText"):
                continue
            if tag == w("t") and custom_mark:
                custom_mark = False
                continue
            if tag in (w("footnoteReference"), w("endnoteReference")):
                para.runs.append(("\0fn" if tag == w("footnoteReference") else "\0en", c.get(w("id"))))
                custom_mark = c.get(w("customMarkFollows"), "0").lower() in ("1", "true", "on")
                continue
            self._run_item(c, para, bold, deleted)

    def _run_format(self, rpr) -> tuple[bool, float | None]:
        """The run's boldness and size: the paragraph's, overridden by its character style and direct format."""
        bold = self._bold
        size = self._size
        if rpr is not None:
            rs = rpr.find("w:rStyle", NS)
            if rs is not None:
                cst = self.char.get(rs.get(w("val")))
                if cst is not None and (cst.bold or any(n.lower() in ("lead-in", "strong", "要点") for n in cst.names)):
                    bold = True
            b = _on(rpr.find("w:b", NS))
            if b is not None:
                bold = b
            size = _half_points(rpr.find("w:sz", NS)) or size
        return bold, size

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._field += 1
        elif kind in ("separate", "end") and self._field:
            self._field -= 1 if kind == "separate" else 0

    def _run_item(self, c, para: WPara, bold: bool, deleted: bool) -> None:
        """One element of a run: text, a tab, a break, a symbol, a picture or a comment reference."""
        tag = c.tag
        if tag in (w("t"), w("delText")):
            if deleted and tag == w("delText"):
                para.runs.append((c.text or "", bold))
            elif tag == w("t"):
                para.runs.append((c.text or "", bold))
        elif tag == w("tab"):
            para.runs.append(("\t", bold))
        elif tag in (w("br"), w("cr")):
            if c.get(w("type")) not in ("page", "column"):
                para.runs.append(("\n", bold))
        elif tag == w("noBreakHyphen"):
            para.runs.append(("-", bold))
        elif tag == w("sym"):
            try:
                para.runs.append((chr(int(c.get(w("char"), "0"), 16)), bold))
            except ValueError:
                pass
        elif tag in (w("drawing"), w("pict"), w("object")):
            for blip in c.iter(f"{{{NS['a']}}}blip", f"{{{NS['v']}}}imagedata"):
                rid = blip.get(R_EMBED) or blip.get(R_ID)
                target = self.rels.get(rid)
                if target and not target[2] and target[1] in self.pkg.names:
                    para.runs.append(("\0img", target[1]))
                elif target and target[2]:
                    para.runs.append(("\0link", target[1]))
        elif tag == w("commentReference"):
            cid = c.get(w("id"))
            if cid not in para.comments:
                para.comments.append(cid)


def read_notes(pkg: Package, kind: str = "footnotes") -> dict[str, str]:
    """Footnote (or endnote) id → its text."""
    part = pkg.related(pkg.main, kind)
    root = pkg.xml(part) if part else None
    out = {}
    for note in root.findall(f"w:{kind[:-1]}", NS) if root is not None else ():
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out[note.get(w("id"))] = "".join(t.text or "" for t in note.iter(w("t"))).strip()
    return out


def read_comments(pkg: Package) -> dict[str, tuple[str, str]]:
    """Comment id → (author, text)."""
    part = pkg.related(pkg.main, "comments")
    root = pkg.xml(part) if part else None
    out = {}
    for c in root.findall("w:comment", NS) if root is not None else ():
        out[c.get(w("id"))] = (c.get(w("author"), "?"), "".join(t.text or "" for t in c.iter(w("t"))).strip())
    return out


def read(pkg: Package, accept_changes: bool = True) -> list[WPara]:
    return Reader(pkg, accept_changes).paragraphs()
