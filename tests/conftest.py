import os
import shutil
from pathlib import Path

import pytest

import typeset
from typeset.i18n import set_language
from typeset.read.manifest import load_issue

ROOT = Path(__file__).resolve().parent.parent
ISSUE = ROOT / "issue"
SEED = ROOT.parent / "shared" / "seed" / "yanjiu-yu-jiaoliu-2018-04.txt"


@pytest.fixture(scope="session")
def issue():
    return load_issue(ISSUE)


def _build(issue_dir: Path, out: Path):
    """(BuildResult, the PDF, the DOCX) of one issue built into out."""
    res = typeset.build(issue_dir, out)
    pdf = next(p for p in res.written if p.suffix == ".pdf")
    docx = next(p for p in res.written if p.suffix == ".docx")
    return res, pdf, docx


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return _build(ISSUE, tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="session")
def pdf_doc(built):
    import pymupdf as fitz
    return fitz.open(built[1])


@pytest.fixture
def issue_copy(tmp_path):
    """A writable copy of the bundled issue, to break in tests."""
    dst = tmp_path / "issue"
    shutil.copytree(ISSUE, dst)
    return dst


ISSUE2 = ROOT / "tests" / "issue2"  # the second test issue: other sections, names outside GB 2312, 复姓


@pytest.fixture(scope="session")
def issue2():
    return load_issue(ISSUE2)


@pytest.fixture(scope="session")
def built2(tmp_path_factory):
    return _build(ISSUE2, tmp_path_factory.mktemp("out2"))


@pytest.fixture(scope="session")
def pdf_doc2(built2):
    import pymupdf as fitz
    return fitz.open(built2[1])


# The messages are Chinese unless a test asks for English (set_language("en"), TYPESET_LANG=en or
# `--lang en`): the suite runs the same under any locale, and the Chinese path is the one most tests
# exercise.  (tests/test_messages.py checks the locale's part itself, with TYPESET_LANG removed.)
os.environ["TYPESET_LANG"] = "zh"


@pytest.fixture(autouse=True)
def _language_reset():
    yield
    set_language(None)
