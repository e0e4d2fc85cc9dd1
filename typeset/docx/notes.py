"""Real Word footnotes, which python-docx lacks: the footnotes part (/word/footnotes.xml, with
the separator and continuation separator Word expects), its relationship from the document,
and a footnote reference in the text.

Each reference carries its own mark (w:customMarkFollows), the marker the PDF prints (① or [1],
view.note_marker), so numbering runs per article in both outputs however the DOCX's sections
fall; the note's text repeats the mark before it, as the PDF's notes list does.
"""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import SubElement

from . import oxml
from .oxml import sub

FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REFERENCE = "FootnoteReference"

_PART = (f'<w:footnotes {nsdecls("w")}>'
         '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
         'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
         '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
         'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
         '</w:footnotes>')


class Footnotes:
    """The document's footnotes part, made on first use."""

    def __init__(self, doc):
        self.document_part = doc.part
        self.settings = doc.settings.element
        self.part: XmlPart | None = None
        self.next_id = 1

    def _root(self):
        if self.part is None:
            package = self.document_part.package
            self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_PART), package)
            self.document_part.relate_to(self.part, RT.FOOTNOTES)
            settings_footnote_pr(self.settings)
        return self.part.element

    def add(self, parent, mark: str, fill) -> None:
        """A footnote reference run in `parent` showing `mark`, and the footnote itself, whose
        paragraph `fill(p)` writes after the mark."""
        root = self._root()
        fid = self.next_id
        self.next_id += 1
        r = SubElement(parent, qn("w:r"))
        sub(sub(r, "w:rPr"), "w:rStyle", {"w:val": FOOTNOTE_REFERENCE})
        sub(r, "w:footnoteReference", {"w:customMarkFollows": "1", "w:id": fid})
        sub(r, "w:t").text = mark
        note = sub(root, "w:footnote", {"w:id": fid})
        p = sub(note, "w:p")
        sub(sub(p, "w:pPr"), "w:pStyle", {"w:val": FOOTNOTE_TEXT})
        oxml.text_runs(p, mark + "\t")
        fill(p)


def settings_footnote_pr(settings) -> None:
    """w:footnotePr in the settings naming the separators (Word writes it so)."""
    pr = oxml.el("w:footnotePr")
    sub(pr, "w:footnote", {"w:id": "-1"})
    sub(pr, "w:footnote", {"w:id": "0"})
    oxml.insert_ordered(settings, pr, oxml.SETTINGS_ORDER)
