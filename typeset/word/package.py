"""Opening a Word file from outside, which is untrusted: the checks run before any part is parsed.

A .docx is a zip of XML parts.  We read it ourselves instead of handing it to a library that
loads every part into memory first, so that each hostile shape is caught up front, in bounded
time and memory, with a message an editor can act on:

- not a zip at all: a .doc (OLE2), .rtf, .pdf, .odt or HTML file renamed .docx is named as such;
- a zip bomb: too many members, a member or a total beyond the limits, an implausible
  compression ratio; reads are capped while they stream, so a lying header does not help;
- a member whose path leaves the package (../, /abs, C:\\) is refused;
- macros (.docm content types, vbaProject.bin): refused, we never run them but neither do we
  pass them on;
- XML with a DOCTYPE (entity bombs, external entities): refused; no Word part has one. The
  parser itself also resolves no entity and fetches nothing from the network;
- external relationships (a linked remote picture, an attached template, a linked OLE object):
  never followed; listed as warnings (a linked picture is dropped, so say so).
"""
from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import SourceError
from ..i18n import t

MAX_MEMBERS = 2000
MAX_MEMBER = 64 * 1024 * 1024  # one part (pictures included)
MAX_TOTAL = 256 * 1024 * 1024  # the package unpacked
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB
MAX_FILE = 200 * 1024 * 1024  # the file itself

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W, "r": R, "pr": PR, "ct": CT,
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
      "v": "urn:schemas-microsoft-com:vml"}
MAIN_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)

def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def sniff(head: bytes) -> str | None:
    """What a file that is not a zip is, from its first bytes: a catalog key (None: unknown)."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "word.kind.ole2"
    if head.startswith(b"{\\rtf"):
        return "word.kind.rtf"
    if head.startswith(b"%PDF"):
        return "word.kind.pdf"
    low = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return "word.kind.html"
    if low.startswith(b"<?xml"):
        return "word.kind.xml"
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"GIF8"):
        return "word.kind.picture"
    return None


@dataclass
class Package:
    """A checked Word package: parts read on demand (each capped), relationships resolved."""
    path: Path
    zf: zipfile.ZipFile
    names: set[str]
    main: str  # the main document part, e.g. word/document.xml
    warnings: list[str] = field(default_factory=list)
    _xml: dict = field(default_factory=dict)

    def read(self, name: str, limit: int = MAX_MEMBER) -> bytes:
        """A member's bytes, read in chunks and stopped past `limit` whatever its header says."""
        info = self.zf.getinfo(name)
        out = bytearray()
        try:
            with self.zf.open(info) as f:
                while chunk := f.read(1 << 20):
                    out += chunk
                    if len(out) > limit:
                        raise SourceError(self.path, None, t("word.part_too_large", name=name, mb=limit >> 20),
                                          t("word.save_as_or_ask"))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
            raise SourceError(self.path, None, t("word.part_damaged", name=name, error=e),
                              t("word.save_as_or_ask")) from None
        return bytes(out)

    def xml(self, name: str):
        """A part parsed with no DTD, entities or network; None if the part is missing."""
        if name not in self.names:
            return None
        if name not in self._xml:
            self._xml[name] = parse_xml(self.path, name, self.read(name))
        return self._xml[name]

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """rId → (type, target part name or URL, external) for a part's relationships."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict = {}
        if root is None:
            return out
        for rel in root.findall(f"{{{PR}}}Relationship"):
            rid, kind, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") \
                    else target.lstrip("/")
            out[rid] = (kind.rsplit("/", 1)[-1], target, external)
        return out

    def related(self, part: str, kind: str) -> str | None:
        """The internal part of the main part's first relationship of `kind` (styles, numbering …)."""
        for k, target, external in self.rels(part).values():
            if k == kind and not external and target in self.names:
                return target
        return None


def parse_xml(path: Path, name: str, data: bytes):
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise SourceError(path, None, t("word.part_doctype", name=name), t("word.save_as_trusted"))
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise SourceError(path, None, t("word.part_not_xml", name=name, error=e), t("word.save_as")) from None


def open_package(path: Path | str, kinds: tuple[str, ...] = (".docx",)) -> Package:
    """Check and open a Word package.  Raises SourceError with the reason and the fix."""
    path = Path(path)
    _check_file(path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise SourceError(path, None, t("word.bad_zip", error=e), t("word.save_as")) from None
    names = _check_members(path, infos)
    if "[Content_Types].xml" not in names:
        odt = "mimetype" in names
        raise SourceError(path, None, t("word.not_docx", kind=t("word.kind.odt" if odt else "word.kind.zip")),
                          t("word.convert_odt" if odt else "word.save_as"))
    pkg = Package(path, zf, names, main="")
    pkg.main = _main_part(pkg)
    _warn_external(pkg)
    return pkg


def _check_file(path: Path) -> None:
    """The file exists, is not too large, and starts as a zip package (else: what it is instead)."""
    if not path.is_file():
        raise SourceError(path, None, t("word.file_not_found"), t("word.check_name"))
    size = path.stat().st_size
    if size > MAX_FILE:
        raise SourceError(path, None, t("word.file_too_large", size=size >> 20, limit=MAX_FILE >> 20),
                          t("word.compress"))
    with open(path, "rb") as f:
        head = f.read(512)
    if not head.startswith(b"PK\x03\x04"):
        what = sniff(head) or "word.kind.not_zip"
        fix = t("word.convert_doc") if what == "word.kind.ole2" else t("word.save_as")
        raise SourceError(path, None, t("word.not_docx", kind=t(what)), fix)


def _check_members(path: Path, infos: list[zipfile.ZipInfo]) -> set[str]:
    """The member names, once none escapes the folder, is encrypted or unpacks too large (a zip bomb)."""
    if len(infos) > MAX_MEMBERS:
        raise SourceError(path, None, t("word.too_many_parts", count=len(infos), limit=MAX_MEMBERS), t("word.save_as"))
    total = 0
    names = set()
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise SourceError(path, None, t("word.path_escape", name=name), t("word.refuse_or_save_as_trusted"))
        if info.flag_bits & 0x1:
            raise SourceError(path, None, t("word.encrypted"), t("word.remove_password"))
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL or (
                info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise SourceError(path, None, t("word.zip_bomb", name=name, mb=info.file_size >> 20, packed=info.compress_size),
                              t("word.refuse_or_resend"))
        names.add(name)
    return names


def _main_part(pkg: Package) -> str:
    """The Word main document's part name; refuses macros and packages of other Office kinds."""
    path, names = pkg.path, pkg.names
    types = pkg.xml("[Content_Types].xml")
    content_types = {o.get("ContentType", "") for o in types}
    if any("macroEnabled" in ct for ct in content_types) or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise SourceError(path, None, t("word.macros"), t("word.save_without_macros"))
    main = None
    for rel in pkg.xml("_rels/.rels") if "_rels/.rels" in names else ():
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
            main = rel.get("Target", "").lstrip("/")
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types if o.get("PartName")}
    if not main or main not in names or overrides.get(main) not in MAIN_TYPES:
        raise SourceError(path, None, t("word.no_main"), t("word.save_as"))
    return main


def _warn_external(pkg: Package) -> None:
    """Warns of each external relationship other than a hyperlink: it is never fetched."""
    for part in sorted(n for n in pkg.names if n.endswith(".rels")):
        root = pkg.xml(part)
        for rel in root.findall(f"{{{PR}}}Relationship"):
            if rel.get("TargetMode") == "External":
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                if kind != "hyperlink":
                    what = {"image": "word.external.image", "attachedTemplate": "word.external.template",
                            "oleObject": "word.external.object", "subDocument": "word.external.subdocument",
                            "frame": "word.external.frame"}.get(kind, "word.external.other")
                    pkg.warnings.append(t("word.external", path=pkg.path, what=t(what, kind=kind),
                                          target=repr(rel.get("Target"))))
