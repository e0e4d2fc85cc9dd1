"""PDF/X-4 declarations for the print edition, written with the document.

ReportLab has no API for an OutputIntent, XMP metadata or Info keys of its own choosing, but its
document objects take them: the bundled FOGRA39 CMYK profile becomes the OutputIntent's
DestOutputProfile, Info gains GTS_PDFXVersion and Trapped, and an XMP packet repeats the Info
fields as PDF/X requires.  The dates are the issue's, and the XMP DocumentID is derived from the
pages' content, so the bytes stay reproducible and differ between issues.  (Written before the
file is saved: no second pass over the finished PDF.)
"""
from __future__ import annotations

import re
from html import escape as _escape

from reportlab.pdfbase import pdfdoc

from .. import images

PDFX_VERSION = "PDF/X-4"


def escape(text: str) -> str:
    """&, < and > as XML entities (xml.sax.saxutils.escape's result; that module imports urllib.request,
    http.client, email and ssl, ~15 ms of a build, for one replace)."""
    return _escape(text, quote=False)


def _xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' → 2000-01-01T00:00:00+00:00"""
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-Z])?(\d\d)?'?(\d\d)?", pdf_date)
    if m is None:
        raise ValueError(f"not a PDF date: {pdf_date!r}")
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    tz = "Z" if sign in (None, "Z") else f"{sign}{th or '00'}:{tm or '00'}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{tz}"


def _xmp(info: pdfdoc.PDFInfo, date: str, document_id: str) -> bytes:
    title, author = escape(info.title), escape(info.author)
    created = modified = _xmp_date(date)
    producer, creator = escape(info.producer), escape(info.creator)
    subject, keywords = escape(info.subject), escape(info.keywords)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def _issue_date(issue) -> str:
    """The issue's publication month as a PDF date (出刊 2018年8月 → D:20180801000000+08'00')."""
    m = re.match(r"(\d{4})年(\d{1,2})月", issue.issue.published)
    year, month = (int(m.group(1)), int(m.group(2))) if m else (issue.issue.year, 1)
    return f"D:{year:04d}{month:02d}01000000+08'00'"


class _PDFXInfo(pdfdoc.PDFInfo):
    """The Info dictionary with PDF/X's keys and the issue's date."""

    def __init__(self, base: pdfdoc.PDFInfo, date: str):
        super().__init__()
        self.__dict__.update(base.__dict__)
        self.date = date

    def format(self, document):
        d = {"Title": pdfdoc.PDFString(self.title), "Author": pdfdoc.PDFString(self.author),
             "CreationDate": pdfdoc.PDFString(self.date), "ModDate": pdfdoc.PDFString(self.date),
             "Producer": pdfdoc.PDFString(self.producer), "Creator": pdfdoc.PDFString(self.creator),
             "Subject": pdfdoc.PDFString(self.subject), "Keywords": pdfdoc.PDFString(self.keywords),
             "Trapped": pdfdoc.PDFName("False"),  # no trapping applied: the printer's RIP may trap
             "GTS_PDFXVersion": pdfdoc.PDFString(PDFX_VERSION)}
        return pdfdoc.PDFDictionary(d).format(document)


def declare_pdfx(canvas, issue, content_digest: str) -> None:
    """Give the document being written a CMYK OutputIntent, GTS_PDFXVersion, Trapped and XMP
    metadata (call after the last page, before saving; the canvas must be PDF 1.6)."""
    doc = canvas._doc
    date = _issue_date(issue)
    import uuid  # (here: only the PDF/X declarations need it)

    document_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "typeset:" + content_digest))
    doc.info = _PDFXInfo(doc.info, date)
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4, "Alternate": pdfdoc.PDFName("DeviceCMYK")}),
                               images.output_profile(), filters=[pdfdoc.PDFZCompress])
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(images.OUTPUT_CONDITION_IDENTIFIER),
        "OutputCondition": pdfdoc.PDFString(images.OUTPUT_CONDITION),
        "Info": pdfdoc.PDFString(images.OUTPUT_CONDITION),
        "RegistryName": pdfdoc.PDFString(images.REGISTRY_NAME),
        "DestOutputProfile": doc.Reference(profile, "pdfx:profile")})
    xmp = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                                 "Subtype": pdfdoc.PDFName("XML")}),
                           _xmp(doc.info, date, document_id), filters=[])  # uncompressed, as readers expect
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]  # keys ReportLab writes
    catalog.OutputIntents = pdfdoc.PDFArray([doc.Reference(intent, "pdfx:intent")])
    catalog.Metadata = doc.Reference(xmp, "pdfx:xmp")
