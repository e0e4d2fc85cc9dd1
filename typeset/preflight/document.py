"""The document as a whole: PDF version, encryption, Info keys (Title, Author, PDF/X, Trapped), Lang and the
OutputIntents with their profiles."""
from __future__ import annotations

import pikepdf


def _text(v) -> str:
    if v is None:
        return "(none)"
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
    add("ok", "Document", f"PDF version {version}")
    if pdf.is_encrypted:
        add("warn", "Document", "encrypted: some RIPs and imposition software refuse encrypted files")
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    for key in ("/Title", "/Author"):
        add("ok", "Document", f"{key[1:]}: {_text(info.get(key))}")
    add("ok", "Document", f"Lang: {_text(pdf.Root.get('/Lang'))}")
    pdfx = info.get("/GTS_PDFXVersion")
    if pdfx is not None:
        add("ok", "Document", f"GTS_PDFXVersion: {_text(pdfx)}")
    trapped = info.get("/Trapped")
    if trapped is not None:
        add("ok", "Document", f"Trapped: {_text(trapped)}")
    elif pdfx is not None:
        add("warn", "Document", "Trapped missing: PDF/X requires True or False")
    found = pdf.Root.get("/OutputIntents")
    intents = list(found) if isinstance(found, pikepdf.Array) else []
    if not intents:
        add("ok", "Document", "OutputIntents: none (the printer applies their own press condition)")
    has_pdfx = False
    for i, oi in enumerate(intents, 1):
        s = _text(oi.get("/S"))
        has_pdfx |= s == "GTS_PDFX"
        ident = _text(oi.get("/OutputConditionIdentifier"))
        profile = oi.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            add("ok", "Document", f"OutputIntent {i}: {s}, {ident}, no DestOutputProfile (registered condition)")
            continue
        n = int(profile.get("/N", 0))
        icc = _icc_space(profile)
        add("ok", "Document", f"OutputIntent {i}: {s}, {ident}, profile N={n} ({icc or 'unreadable header'})")
        expected = {"GRAY": 1, "RGB": 3, "CMYK": 4}.get(icc or "")
        if expected is not None and expected != n:
            add("fail", "Document", f"OutputIntent {i}: profile header says {icc} but N={n}")
        if n != 4 and not screen:
            add("fail", "Document", f"OutputIntent {i} ({ident}) has a {n}-component profile: "
                                    "a CMYK print PDF needs a CMYK (N=4) output profile")
    if pdfx is not None and not has_pdfx:
        add("fail", "Document", f"claims {_text(pdfx)} but has no GTS_PDFX OutputIntent")
    return version
