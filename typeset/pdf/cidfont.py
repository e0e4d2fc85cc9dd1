"""Each face embedded once, as a CID-keyed TrueType font with glyph ids as character codes.

ReportLab's TTFont embeds a face as simple fonts of at most 256 glyphs each, in the order the
glyphs first appear, so Chinese text switches font every glyph or two and a page's content
depends on every page before it.  Here a face is one Type0 font (Encoding Identity-H): the
code of a glyph is its glyph id in the face (2 bytes), the same on every page of every build;
the font program is subset to the glyphs used when the document is saved (ReportLab's own
TrueType subsetter, no new dependency), a CIDToGIDMap maps each original glyph id to its place
in the subset, and a ToUnicode CMap lets readers extract the text.

It plugs into ReportLab as a "dynamic font" (the protocol TTFont uses: splitString,
getSubsetInternalName, addObjects), so the canvas, text objects and page resources work as
they are; `glyph_codes` gives the writer the bytes of a string directly.
"""
from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont

SPACE_FOR_NBSP = {0xA0: 0x20}
# font subsets kept between builds by `build.py watch` (pdf.writer.PageCache.subsets); None: not kept
subsets: Any = None


class _DocState:
    __slots__ = ("name", "chars")

    def __init__(self) -> None:
        self.name: str | None = None     # the font's resource name in this document (F1, F2 …)
        self.chars: set[str] = set()     # every character drawn with it


class _ToGid(dict):
    """The table str.translate uses, filled as characters are first drawn: a few thousand
    entries rather than the whole cmap (~50,000 per face).  A code point the face lacks raises
    LookupError, so translate leaves it as it is."""

    def __init__(self, char_to_glyph):
        super().__init__()
        self.c2g = char_to_glyph

    def __missing__(self, code: int) -> str:
        space = SPACE_FOR_NBSP.get(code)
        gid = self.c2g.get(space) if space is not None and space in self.c2g else self.c2g.get(code)  # no-break space: the space's glyph
        if gid is None:
            raise LookupError(code)
        self[code] = chr(gid)
        return self[code]


class CIDTrueTypeFont(TTFont):
    """A TrueType face embedded once per document as a CIDFontType2 (Identity-H)."""

    def __init__(self, name: str, filename: str):
        super().__init__(name, filename, asciiReadable=0, shapable=False)

    @cached_property
    def _docs(self) -> WeakKeyDictionary:
        return WeakKeyDictionary()

    @cached_property
    def _to_gid(self) -> _ToGid:
        """code point → the glyph id as a one-character string, so that str.translate and a
        UTF-16BE encoding (surrogatepass: ids in D800–DFFF) give the 2-byte codes at C speed.
        (Made on first use: fonts.ttfont also builds these objects from cached metrics.)"""
        return _ToGid(self.face.charToGlyph)

    def _doc(self, doc) -> _DocState:
        st = self._docs.get(doc)
        if st is None:
            st = self._docs[doc] = _DocState()
        return st

    def glyph_codes(self, text: str, doc) -> bytes:
        """The 2-byte codes (original glyph ids; 0 for a character the face lacks) of `text`,
        noting its characters as used."""
        self._doc(doc).chars.update(text)
        return text.translate(self._to_gid).encode("utf-16-be", "surrogatepass")

    def note_used(self, chars: set[str], doc) -> None:
        """Mark characters as used without drawing them (a page replayed from a cache)."""
        self._doc(doc).chars.update(chars)

    # -- ReportLab's dynamic-font protocol ---------------------------------------------------------
    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab's name)
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return [(0, self.glyph_codes(text, doc))]

    def getSubsetInternalName(self, subset, doc):  # noqa: N802
        st = self._doc(doc)
        if st.name is None:
            st.name = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + st.name
            doc.delayedFonts.append(self)
        return "/" + st.name

    def addObjects(self, doc):  # noqa: N802
        """Write the Type0 font, its CIDFontType2 descendant, the subset font program, the
        CIDToGIDMap and the ToUnicode CMap (called once, when the document is saved)."""
        st = self._docs.pop(doc, None) or _DocState()
        if st.name is None:
            return
        face = self.face
        c2g = face.charToGlyph
        used = {}  # unicode → original glyph id, of every glyph drawn (characters the face lacks: none)
        for ch in st.chars:
            code = SPACE_FOR_NBSP.get(ord(ch), ord(ch))
            if c2g.get(code, 0):
                used[code] = c2g[code]
        codes = sorted(used, key=lambda c: (used[c], c))  # by glyph id: a stable subset order
        new_gid = _subset_glyph_ids(codes, c2g)
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(repr(sorted(used.values())).encode()).digest()[:6])
        base = f"{tag}+{face.name.decode('latin-1')}"
        # FontFile2 = the subset, glyph ids renumbered: made by ReportLab (~10 ms a face in pure Python),
        # or taken from the disk store (the same face and glyphs as an earlier build) or, in a
        # long-running process (watch), from memory: an edit seldom brings a new glyph
        make = face.makeSubset
        kept = subsets

        def subset(codes: list[int]) -> bytes:
            if kept is None:
                return _stored_subset(face, codes, make)
            return kept.get_or_make((face.filename, tuple(codes)), lambda: _stored_subset(face, codes, make))
        face.makeSubset = subset
        try:
            descriptor = face.addSubsetObjects(doc, base, codes)
        finally:
            del face.makeSubset

        def maps() -> tuple[bytes, bytes, bytes]:
            return _maps(face, used, codes, new_gid, base)
        w, cid_map, cmap = maps() if subsets is None else subsets.get_or_make(("maps", face.filename, tuple(codes)), maps)
        widths = _Raw(w)
        cid_to_gid = _stream(doc, cid_map)
        to_unicode = _stream(doc, cmap)

        cid_font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({"Registry": pdfdoc.PDFString("Adobe"),
                                                   "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}),
            "FontDescriptor": descriptor, "DW": 1000, "W": widths,
            "CIDToGIDMap": doc.Reference(cid_to_gid, f"cidToGid:{base}")})
        font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(base), "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"cidFont:{base}")]),
            "ToUnicode": doc.Reference(to_unicode, f"toUnicode:{base}")})
        doc.idToObject["BasicFonts"].dict[st.name] = doc.Reference(font, f"type0:{base}")


SUBSETS_KEPT = 60  # subset font programs kept on disk (five faces an issue; a few issues' worth)


def _stored_subset(face, codes: list[int], make) -> bytes:
    """The subset of `face` to these glyphs, from the disk store (typeset/stored.py) when an earlier
    build made it: named by the font file (path, size, modification time), the glyphs and ReportLab."""
    import os
    from array import array

    from reportlab import Version

    from .. import stored

    try:
        st = os.stat(face.filename)
    except (OSError, TypeError):
        return make(codes)
    key = stored.digest("subset", str(face.filename), f"{st.st_size} {st.st_mtime_ns}", Version,
                        array("I", codes).tobytes())
    data = stored.get("font-subsets", key)
    if data is None:
        data = make(codes)
        stored.put("font-subsets", key, data, SUBSETS_KEPT)
    return data


def _maps(face, used: dict[int, int], codes: list[int], new_gid: dict[int, int], base: str) -> tuple[bytes, bytes, bytes]:
    """The W array, the CIDToGIDMap and the ToUnicode CMap of a subset."""
    by_gid = {used[c]: face.getCharWidth(c) for c in codes}
    cid_map = bytearray(2 * (max(by_gid, default=0) + 1))
    for code in codes:
        g = used[code]
        cid_map[2 * g:2 * g + 2] = new_gid[code].to_bytes(2, "big")
    return (_widths_array(by_gid), bytes(cid_map),
            _to_unicode(base, {used[c]: c for c in reversed(codes)}).encode("ascii"))


class _Raw(pdfdoc.PDFObject):
    """A PDF object written as it is (a long array of numbers, formatted once)."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document) -> bytes:
        return self.data


def _widths_array(by_gid: dict[int, float]) -> bytes:
    """The W array: runs of consecutive glyph ids as `first [w w w]`, widths in 1/1000 em."""
    parts = []
    run: list[str] = []
    first = prev = None
    for gid in sorted(by_gid):
        if prev is None or gid != prev + 1:
            if run:
                parts.append(f"{first} [{' '.join(run)}]")
            first, run = gid, []
        run.append(f"{round(by_gid[gid], 3):g}")
        prev = gid
    if run:
        parts.append(f"{first} [{' '.join(run)}]")
    return ("[" + " ".join(parts) + "]").encode("ascii")


def _subset_glyph_ids(codes: list[int], char_to_glyph: dict[int, int]) -> dict[int, int]:
    """The glyph id each code gets in ReportLab's makeSubset(codes): 0 stays 0, then glyphs in
    the order of their first code (composite parts come after every listed glyph)."""
    seen = {0: 0}
    out = {}
    for code in codes:
        gid = char_to_glyph.get(code, 0)
        if gid not in seen:
            seen[gid] = len(seen)
        out[code] = seen[gid]
    return out


def _stream(doc, data: bytes) -> pdfdoc.PDFStream:
    s = pdfdoc.PDFStream(content=data)
    if doc.compression:
        s.filters = [pdfdoc.PDFZCompress]
    return s


def _to_unicode(name: str, gid_to_code: dict[int, int]) -> str:
    """A ToUnicode CMap from 2-byte codes (glyph ids) to the characters drawn with them."""
    items = sorted(gid_to_code.items())
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             f"/CMapName /{name.replace('+', '-')}-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for k in range(0, len(items), 100):  # at most 100 entries a block
        block = items[k:k + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{gid:04X}> <{_utf16(code)}>" for gid, code in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _utf16(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()
