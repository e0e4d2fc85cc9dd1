"""The second test issue (tests/issue2/): names outside GB 2312 and 复姓 in bylines and on a board
sorted by strokes, Latin-heavy text, figures of every kind, a run-on and a jump section.  It builds
with no warning, and the names, the board order and the fonts are read back from the PDF and DOCX."""
import re
import subprocess
import zipfile

import yaml
from docx import Document

from typeset.text.strokes import sequence

from conftest import ISSUE2
from util import squash

NAMES = ["王喆", "张堃", "李玥", "赵珺", "陈昇", "朱镕", "欧阳少东", "司马南", "上官丽娟"]
# 编委（按姓氏笔划为序）as the published rule orders them (see tests/test_strokes.py): by the first
# character of the whole name, 复姓 not summed (上官 among the 3-stroke surnames, 司马 among the 5, 欧阳
# among the 8), a single given name before a double one (高富, 高大富).
BOARD = ["于蕾", "上官丽娟", "马骏", "王喆", "石磊", "白云飞", "司马南", "朱镕", "李玥", "张堃", "陈昇",
         "欧阳少东", "赵珺", "洪少东", "高富", "高大富"]


def test_builds_cleanly(built2):
    res = built2[0]
    assert res.warnings == []
    assert res.pages % 4 == 0 and res.articles == 8
    for j in res.jumps:  # the jump section may jump, where a jump pays (issue 12's rules)
        assert j.to_page - j.from_page >= 3 and j.saved
    out = subprocess.run(["python3", "build.py", "check", str(built2[1])], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip().endswith(("通过", "PASS")), out.stdout[-500:]


def test_board_listed_shuffled_and_printed_in_stroke_order(issue2, pdf_doc2):
    listed = next(r for r in yaml.safe_load((ISSUE2 / "manifest.yaml").read_text(encoding="utf-8"))["board"]
                  if r["role"] == "编委")["members"]
    assert listed != BOARD and sorted(listed) == sorted(BOARD)
    assert list(next(r for r in issue2.board if r.role == "编委").members) == BOARD
    # the stroke counts of the first characters never decrease down the list
    counts = [len(sequence(n[0])) for n in BOARD]
    assert counts == sorted(counts)
    board = next(t for p in pdf_doc2 if "编委（按姓氏笔划为序）" in (t := p.get_text()))  # its own page or the imprint's
    start = board.index("编委（按姓氏笔划为序）")
    found = [squash(n) for n in re.findall(r"[\u3400-\u9fff]\u3000[\u3400-\u9fff]|[\u3400-\u9fff]{3,4}",
                                           board[start + 12:board.index("主", start + 12)])]
    assert found == BOARD


def test_names_in_the_pdf_text(pdf_doc2):
    text = squash("".join(p.get_text() for p in pdf_doc2)).replace("\u3000", "")
    for name in NAMES:
        assert name in text, name
    assert "李玥张堃陈昇" in text  # a byline of three authors


def test_names_in_the_docx(built2):
    doc = Document(built2[2])
    text = "".join(p.text for p in doc.paragraphs).replace("\u3000", "")
    text += "".join(c.text for t in doc.tables for row in t.rows for c in row.cells).replace("\u3000", "")
    for name in NAMES:
        assert name in text, name


def test_fonts_used_are_the_five_bundled_faces(built2, pdf_doc2):
    rows = subprocess.run(["pdffonts", str(built2[1])], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    families = {r.split()[0].split("+")[1] for r in rows}
    assert families == {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Regular",
                        "NotoSansCJKsc-Bold", "JournalKai-Regular"}
    assert all(r.split()[-5:-2] == ["yes", "yes", "yes"] for r in rows)
    # each new name character is drawn from a font that has it (no .notdef: the text extracts as itself)
    kai_bylines = {ch["c"] for page in pdf_doc2 for b in page.get_text("rawdict")["blocks"] for l in b.get("lines", [])
                   for s in l["spans"] if "JournalKai" in s["font"] for ch in s["chars"]}
    assert set("喆堃玥珺昇镕") <= kai_bylines  # bylines are 楷体
    with zipfile.ZipFile(built2[2]) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:eastAsia="楷体"' in styles and 'w:eastAsia="宋体"' in styles


def test_latin_heavy_text_and_figures(pdf_doc2, built2):
    text = "".join(p.get_text() for p in pdf_doc2)
    flat = text.replace("\n", "")
    for s in ("https://zwfw.jlcity.gov.cn", "zwfw_feedback@jlcity.gov.cn", "microservice", "SQL", "5G", "57.3%"):
        assert s in flat, s
    images = [img for page in pdf_doc2 for img in page.get_images()]
    assert len(images) == 4  # two column figures (PNG, JPEG), two page-wide (PNG, JPEG)
    out = subprocess.run(["pdfimages", "-list", str(built2[1])], capture_output=True, text=True, check=True).stdout
    dpis = [int(r.split()[12]) for r in out.splitlines()[2:]]
    assert len(dpis) == 4 and min(dpis) >= 300
