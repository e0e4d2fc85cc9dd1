"""PDF/X-4 declarations for the print edition, added after ReportLab has written the file.

ReportLab cannot write an OutputIntent, XMP metadata or Info keys of its own choosing, so the
finished PDF goes through pikepdf (qpdf) once: the bundled FOGRA39 CMYK profile becomes the
OutputIntent's DestOutputProfile, Info gains GTS_PDFXVersion, and an XMP packet repeats the
Info fields as PDF/X requires.  The dates are the document's own (fixed), and the file ID is
derived from the content, so the bytes stay reproducible.
"""
from __future__ import annotations

import hashlib
import io
import re
import uuid
from xml.sax.saxutils import escape

import pikepdf

from .. import images

PDFX_VERSION = "PDF/X-4"


def _xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' → 2000-01-01T00:00:00+00:00"""
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-Z])?(\d\d)?'?(\d\d)?", pdf_date)
    if m is None:
        raise ValueError(f"not a PDF date: {pdf_date!r}")
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    tz = "Z" if sign in (None, "Z") else f"{sign}{th or '00'}:{tm or '00'}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{tz}"


def _xmp(info, document_id: str) -> bytes:
    title, author = escape(str(info.Title)), escape(str(info.Author))
    created, modified = _xmp_date(str(info.CreationDate)), _xmp_date(str(info.ModDate))
    producer, creator = escape(str(info.Producer)), escape(str(info.Creator))
    subject, keywords = escape(str(info.get("/Subject", ""))), escape(str(info.get("/Keywords", "")))
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


def declare_pdfx(data: bytes, issue) -> bytes:
    """Return the PDF with a CMYK OutputIntent, GTS_PDFXVersion, Trapped and XMP metadata.
    Dates are the issue's; the XMP DocumentID is derived from the content, so it is stable for
    the same sources and differs between issues."""
    document_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "typeset:" + hashlib.sha256(data).hexdigest()))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        profile = pdf.make_stream(images.output_profile())
        profile.N = 4
        profile.Alternate = pikepdf.Name.DeviceCMYK
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=images.OUTPUT_CONDITION_IDENTIFIER,
            OutputCondition=images.OUTPUT_CONDITION, Info=images.OUTPUT_CONDITION,
            RegistryName=images.REGISTRY_NAME, DestOutputProfile=profile)
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        info = pdf.docinfo
        info.GTS_PDFXVersion = PDFX_VERSION
        info.Trapped = pikepdf.Name("/False")  # no trapping applied: the printer's RIP may trap
        info.CreationDate = info.ModDate = _issue_date(issue)
        meta = pdf.make_stream(_xmp(info, document_id))
        meta.Type, meta.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
        pdf.Root.Metadata = meta
        out = io.BytesIO()
        pdf.save(out, min_version="1.6", deterministic_id=True, fix_metadata_version=False,
                 compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
