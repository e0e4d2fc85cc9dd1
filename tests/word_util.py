"""Helpers for the Word round-trip tests: LibreOffice headless as staff use it, and small DOCX
surgery with lxml."""
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed (no soffice on PATH); install it (apt-get install libreoffice-writer)")
    return exe


def convert(files: list[Path], fmt: str, outdir: Path, profile: Path) -> list[Path]:
    """One soffice run converting every file to `fmt` (e.g. 'fodt', 'docx:MS Word 2007 XML', 'pdf')."""
    outdir.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                          "--outdir", str(outdir), *map(str, files)], capture_output=True, text=True, timeout=240)
    ext = fmt.split(":")[0]
    out = [outdir / f"{f.stem}.{ext}" for f in files]
    missing = [o for o in out if not o.exists()]
    assert not missing, f"soffice did not write {missing}: {run.stdout} {run.stderr}"
    return out


def text_of(el) -> str:
    return "".join(el.itertext())


def odf_paragraphs(root):
    return [p for p in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")]


def set_text(el, text: str) -> None:
    """Replace a text:p's content with plain text (as typing over it in Writer does)."""
    for c in list(el):
        el.remove(c)
    el.text = text


def rewrite_docx(path: Path, out: Path, edit) -> Path:
    """Copy a DOCX, passing word/document.xml through edit(root) (lxml)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    return out
