"""The document as a whole: PDF version, encryption, Info keys (Title, Author, PDF/X, Trapped), Lang and the
OutputIntents with their profiles."""
from __future__ import annotations

import pikepdf

from ..i18n import t


def _text(v) -> str:
    if v is None:
        return t("preflight.document.none")
    s = str(v)
    return s[1:] if isinstance(v, pikepdf.Name) else s


def _icc_space(profile) -> str | None:
    """The data colour space from the ICC header (bytes 16–19): 'CMYK', 'RGB', 'GRAY', …"""
    try:
        head = profile.read_bytes()[:20]
    except pikepdf.PdfError:
        return None
    return head[16:20].decode("ascii", "replace").strip() if len(head) >= 20 else None


def _check_document(pdf: pikepdf.Pdf, screen: bool, add) -> str:
    version = str(pdf.pdf_version)
    root_version = pdf.Root.get("/Version")
    if isinstance(root_version, pikepdf.Name) and str(root_version)[1:] > version:
        version = str(root_version)[1:]  # the catalog's /Version overrides an older header
    add("ok", "Document", "preflight.document.version", version=version)
    if pdf.is_encrypted:
        add("warn", "Document", "preflight.document.encrypted")
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    add("ok", "Document", "preflight.document.title", value=_text(info.get("/Title")))
    add("ok", "Document", "preflight.document.author", value=_text(info.get("/Author")))
    add("ok", "Document", "preflight.document.lang", value=_text(pdf.Root.get("/Lang")))
    pdfx = info.get("/GTS_PDFXVersion")
    if pdfx is not None:
        add("ok", "Document", "preflight.document.pdfx", value=_text(pdfx))
    trapped = info.get("/Trapped")
    if trapped is not None:
        add("ok", "Document", "preflight.document.trapped", value=_text(trapped))
    elif pdfx is not None:
        add("warn", "Document", "preflight.document.trapped_missing")
    found = pdf.Root.get("/OutputIntents")
    intents = list(found) if isinstance(found, pikepdf.Array) else []
    if not intents:
        add("ok", "Document", "preflight.document.no_intents")
    has_pdfx = False
    for i, oi in enumerate(intents, 1):
        s = _text(oi.get("/S"))
        has_pdfx |= s == "GTS_PDFX"
        ident = _text(oi.get("/OutputConditionIdentifier"))
        profile = oi.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            add("ok", "Document", "preflight.document.intent_registered", i=i, s=s, ident=ident)
            continue
        n = int(profile.get("/N", 0))
        icc = _icc_space(profile)
        add("ok", "Document", "preflight.document.intent_profile", i=i, s=s, ident=ident, n=n,
            icc=icc or t("preflight.document.icc_unreadable"))
        expected = {"GRAY": 1, "RGB": 3, "CMYK": 4}.get(icc or "")
        if expected is not None and expected != n:
            add("fail", "Document", "preflight.document.intent_mismatch", i=i, icc=icc, n=n)
        if n != 4 and not screen:
            add("fail", "Document", "preflight.document.intent_not_cmyk", i=i, ident=ident, n=n)
    if pdfx is not None and not has_pdfx:
        add("fail", "Document", "preflight.document.pdfx_no_intent", pdfx=_text(pdfx))
    return version
