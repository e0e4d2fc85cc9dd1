"""`build.py check` on damaged and hostile PDFs: a report, or a clear "cannot read" (exit 2), in
bounded time and memory, never a traceback; and a fuzz-style run over damaged variants of our own PDF."""
import os
import random
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pikepdf
import pytest

import typeset
from typeset.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> Path:
    """The print PDF of a two-article issue."""
    from tests.test_bad_input import ARTICLES

    base = tmp_path_factory.mktemp("hostile")
    issue = base / "issue"
    (issue / "articles").mkdir(parents=True)
    text = (ROOT / "issue" / "manifest.yaml").read_text(encoding="utf-8")
    head, board = text[:text.index("cover:")], text[text.index("board:"):text.index("sections:")]
    (issue / "manifest.yaml").write_text(head + board + "sections:\n  - title: 组工论坛\n    articles:\n"
                                         + "".join(f"      - articles/{n}\n" for n in ARTICLES), encoding="utf-8")
    for name in ARTICLES:
        (issue / "articles" / name).write_bytes((ROOT / "issue" / "articles" / name).read_bytes())
    res = typeset.build(issue, base / "out", ("pdf",))
    return res.written[0]


def check(path: Path, capsys) -> tuple[int, str, str]:
    t = time.perf_counter()
    rc = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert time.perf_counter() - t < 30
    assert "Traceback" not in out + err and rc in (0, 1, 2), (rc, err)
    if rc == 2:
        assert err.startswith(f"错误：{path}：") and len(err.strip().splitlines()) == 1, err
    else:
        assert out.rstrip().splitlines()[-1].startswith(("通过", "未通过"))
    return rc, out, err


def variant(ours: Path, tmp_path: Path, name: str, fn) -> Path:
    dst = tmp_path / name
    with pikepdf.open(ours) as pdf:
        fn(pdf)
        pdf.save(dst)
    return dst


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_truncated(ours, tmp_path, capsys, fraction):
    data = ours.read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: int(len(data) * fraction)])
    rc, out, err = check(bad, capsys)
    if fraction < 0.9:
        assert rc == 2 and "不是能读取的 PDF 文件" in err


def test_not_a_pdf_and_missing(tmp_path, capsys):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(bytes(range(256)) * 40)
    assert check(junk, capsys)[0] == 2
    assert check(tmp_path / "missing.pdf", capsys)[0] == 2
    assert check(tmp_path, capsys)[0] == 2  # a folder


def test_encrypted(ours, tmp_path, capsys):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(ours) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    rc, _, err = check(locked, capsys)
    assert rc == 2 and "文件有密码保护" in err
    open_ = tmp_path / "owner-only.pdf"
    with pikepdf.open(ours) as pdf:
        pdf.save(open_, encryption=pikepdf.Encryption(user="", owner="owner"))
    assert check(open_, capsys)[0] in (0, 1)


def test_page_tree_cycle(ours, tmp_path, capsys):
    def cycle(pdf):
        root = pdf.Root.Pages
        root.Kids.append(pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Kids=pikepdf.Array([root]),
                                                              Count=1, Parent=root)))
    rc, _, err = check(variant(ours, tmp_path, "cycle.pdf", cycle), capsys)
    assert rc == 2 and "Loop" in err


def test_object_loop(ours, tmp_path, capsys):
    def loop(pdf):
        a = pdf.make_indirect(pikepdf.Array())
        b = pdf.make_indirect(pikepdf.Array([a]))
        a.append(b)
        pdf.pages[0].obj.Resources.XObject = a  # where a dictionary belongs
        pdf.pages[0].obj.Parent = pdf.pages[0].obj  # an inherited attribute looked up round a loop
    rc, out, _ = check(variant(ours, tmp_path, "loop.pdf", loop), capsys)
    assert rc in (0, 1)


def test_form_that_draws_itself(ours, tmp_path, capsys):
    def recurse(pdf):
        form = pdf.make_stream(b"/Me Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=[0, 0, 10, 10])
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Me=form))
        pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Me=form)
        pdf.pages[0].contents_add(pdf.make_stream(b"/Me Do"))
    rc, out, _ = check(variant(ours, tmp_path, "recurse.pdf", recurse), capsys)
    assert rc == 1 and "表单递归引用了自身" in out


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc")
def test_huge_content_stream_bounded(ours, tmp_path):
    """A few hundred KB of Flate that decode to 200 MB: refused without decoding it, in a child process
    whose peak memory is measured."""
    def huge(pdf):
        body = zlib.compress(b"0 0 m 1 1 l S\n" * (200_000_000 // 14), 1)
        pdf.pages[0].obj.Contents = pdf.make_stream(body, Filter=pikepdf.Name.FlateDecode)
    bad = variant(ours, tmp_path, "huge.pdf", huge)
    t = time.perf_counter()
    # the process's own peak (VmHWM: ru_maxrss would include the test runner's, kept across exec)
    probe = ("import re, sys\nfrom typeset.cli import main\nrc = main(['check', sys.argv[1]])\n"
             "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
             "print('peak', hwm, file=sys.stderr)\nsys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", probe, str(bad)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "TYPESET_LANG": "zh"})
    assert time.perf_counter() - t < 20
    assert done.returncode == 1 and "解码后超过 32 MB" in done.stdout and "Traceback" not in done.stderr
    peak_kb = int(done.stderr.split("peak")[-1])
    assert peak_kb < 150_000  # the 200 MB were never held: at most the 32 MB cap (a normal check peaks near 35 MB)


def test_big_unfiltered_content_stream_not_read(ours, tmp_path, capsys):
    bad = tmp_path / "plain.pdf"
    with pikepdf.open(ours) as pdf:
        pdf.pages[0].obj.Contents = pdf.make_stream(b"0 0 m 1 1 l S\n" * (40_000_000 // 14))
        pdf.save(bad, compress_streams=False)
    rc, out, _ = check(bad, capsys)
    assert rc == 1 and "解码后超过 32 MB（页面内容）" in out


def test_many_operators_bounded(ours, tmp_path, capsys, monkeypatch):
    from typeset.preflight import content
    monkeypatch.setattr(content, "MAX_OPERATORS", 1000)
    rc, out, _ = check(ours, capsys)
    assert rc == 1 and "绘图指令超过 1,000 条：检查停在第" in out


def test_broken_font_subset(ours, tmp_path, capsys):
    def breakfonts(pdf):
        for font in pdf.pages[0].obj.Resources.Font.values():
            desc = font.get("/DescendantFonts")
            fd = (desc[0] if desc is not None else font).get("/FontDescriptor")
            if fd is not None and "/FontFile2" in fd:
                fd.FontFile2 = pdf.make_stream(b"\x00\x01\x00\x00garbage" * 20)
    rc, out, _ = check(variant(ours, tmp_path, "font.pdf", breakfonts), capsys)
    assert rc == 1 and "嵌入的字体程序已损坏" in out


def test_our_pdf_passes_with_its_fonts_read(ours, capsys):
    rc, out, _ = check(ours, capsys)
    assert rc == 0 and "损坏" not in out


def damaged(data: bytes, rng: random.Random) -> bytes:
    """One random kind of damage: bytes flipped, a run cut out, a run repeated, the xref garbled."""
    b = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:
        for _ in range(rng.randint(1, 50)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == 1:
        at = rng.randrange(len(b))
        del b[at:at + rng.randint(1, 5000)]
    elif kind == 2:
        at = rng.randrange(len(b))
        b[at:at] = b[at:at + rng.randint(1, 5000)] * rng.randint(2, 20)
    else:
        at = data.rfind(b"xref")
        b[at:] = bytes(rng.randrange(256) for _ in range(len(b) - at))
    return bytes(b)


def test_fuzz_damaged_variants(ours, tmp_path, capsys):
    rng = random.Random(16)
    data = ours.read_bytes()
    seen = set()
    for i in range(40):
        bad = tmp_path / f"fuzz-{i}.pdf"
        bad.write_bytes(damaged(data, rng))
        rc, out, err = check(bad, capsys)
        assert "本检查无法读取" not in err, f"variant {i}: a structure the checker does not handle: {err}"
        seen.add(rc)
    assert seen <= {0, 1, 2}
