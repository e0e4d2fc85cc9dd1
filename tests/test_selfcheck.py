"""The build's self-check takes what the writer drew on each page (pdf.drawn.PageFacts) instead of
parsing the pages back: its report must be the full walk's (`build.py check`), word for word, on
both test issues and every edition, and it must still catch what can go wrong in our own output."""
import shutil
from pathlib import Path

import pytest
from PIL import Image

from typeset import fonts
from typeset.pdf.drawn import PageFacts
from typeset.pdf.edition import SCREEN, print_edition
from typeset.pdf.layout import lay_out
from typeset.pdf.writer import render
from typeset.preflight import preflight, render as report_text
from typeset.read.manifest import load_issue

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"print": (print_edition(False), False), "marks": (print_edition(True), False), "screen": (SCREEN, True)}


def written(issue_dir: Path, edition, tmp_path: Path) -> tuple[Path, list[PageFacts]]:
    issue = load_issue(issue_dir)
    fonts.use(issue.fonts)
    drawn: list[PageFacts] = []
    path = tmp_path / "issue.pdf"
    path.write_bytes(render(issue, lay_out(issue), edition, None, drawn))
    return path, drawn


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("source", [ROOT / "issue", ROOT / "tests" / "issue2"], ids=["bundled", "issue2"])
def test_self_check_reports_what_the_full_walk_reports(tmp_path, source, edition):
    ed, screen = EDITIONS[edition]
    path, drawn = written(source, ed, tmp_path)
    full, quick = preflight(path, screen), preflight(path, screen, drawn)
    assert report_text(quick) == report_text(full)
    assert quick.findings == full.findings and quick.fonts == full.fonts
    # (the placement the writer knows exactly, the file holds rounded to its number format)
    assert [(i.page, i.name, i.width, i.height, i.colour_space, i.bits, i.dpi and [round(d, 1) for d in i.dpi])
            for i in quick.images] == [(i.page, i.name, i.width, i.height, i.colour_space, i.bits,
                                         i.dpi and [round(d, 1) for d in i.dpi]) for i in full.images]
    assert len(drawn) == full.pages and all(f.fonts for f in drawn if f.images == [])  # (every page shows text or a picture)


def test_self_check_warns_of_a_figure_below_300_dpi(tmp_path):
    """(Below 150 dpi the build stops before it writes anything; between, the preflight warns.)"""
    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "issue2", issue)
    victim = issue / "images" / "liucheng.png"  # set across the page, 170 mm wide: ~200 dpi at 1340 px
    with Image.open(victim) as im:
        im.convert("RGB").resize((1340, round(1340 * im.height / im.width))).save(victim)
    path, drawn = written(issue, print_edition(False), tmp_path)
    quick, full = preflight(path, False, drawn), preflight(path, False)
    assert report_text(quick) == report_text(full)
    assert any(f.section == "Images" and f.level == "warn" for f in quick.findings)


def test_self_check_checks_what_the_writer_says_in_the_file(tmp_path):
    """An RGB operator in the print edition, or a font the page's resources do not hold, fails."""
    path, drawn = written(ROOT / "tests" / "issue2", print_edition(False), tmp_path)
    drawn[1].colours.add("rg")
    report = preflight(path, False, drawn)
    assert not report.passed and any(f.section == "Colour" and f.level == "fail" and f.page == 2 for f in report.findings)
    drawn[1].colours.discard("rg")
    drawn[2].fonts.add("/F99")
    report = preflight(path, False, drawn)
    assert not report.passed and any(f.section == "Fonts" and f.level == "fail" and f.page == 3 for f in report.findings)
