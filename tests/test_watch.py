"""`build.py watch` keeps composed paragraphs, drawn pages, compressed streams and font subsets
between builds: every rebuild must write the bytes a cold build of the same sources writes, on
both test issues, through edits that change a line, add a glyph no page had, and take it away."""
import shutil
from pathlib import Path

import pytest

from typeset.api import build
from typeset.watch import Watcher

ROOT = Path(__file__).resolve().parent.parent


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.mark.parametrize("source", [ROOT / "issue", ROOT / "tests" / "issue2"], ids=["bundled", "issue2"])
def test_watch_rebuilds_are_byte_identical_to_cold_builds(tmp_path, source):
    issue = tmp_path / "issue"
    shutil.copytree(source, issue)
    watcher = Watcher(str(issue), str(tmp_path / "watch"), ("pdf", "docx"))
    assert watcher.build() is not None
    article = sorted((issue / "articles").glob("*.md"))[-1]
    original = article.read_text(encoding="utf-8")
    head_end = original.index("\n---", 3) + 5
    body = original[head_end:]
    first = body.index("。")
    edits = [
        original[:head_end] + body[:first] + "，一再强调" + body[first:],  # a line longer
        original[:head_end] + body[:first] + "，龘龘" + body[first:],  # a glyph no page had: the subsets change
        original,  # back as it was
    ]
    for k, text in enumerate(edits):
        article.write_text(text, encoding="utf-8")
        res = watcher.build()
        assert res is not None, f"edit {k}"
        cold = tmp_path / f"cold{k}"
        build(issue, cold, ("pdf", "docx"))
        assert outputs(tmp_path / "watch") == outputs(cold), f"edit {k}: the watch wrote other bytes than a cold build"
    assert res.reused_pages > 0  # (the watch did reuse drawn pages)


def test_watch_sees_a_changed_picture(tmp_path):
    """An article is kept between builds only while it and every picture it shows are unchanged."""
    from PIL import Image

    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "issue2", issue)
    watcher = Watcher(str(issue), str(tmp_path / "watch"), ("pdf", "docx"))
    first = watcher.build()
    assert first is not None
    picture = issue / "images" / "liucheng.png"  # shown across the page, now at ~200 dpi
    with Image.open(picture) as im:
        im.convert("RGB").resize((1340, round(1340 * im.height / im.width))).save(picture)
    for _ in range(2):  # the second time from what the watch kept
        res = watcher.build()
        assert res is not None
        cold = build(issue, tmp_path / "cold", ("pdf", "docx"))
        assert outputs(tmp_path / "watch") == outputs(tmp_path / "cold")
        assert res.warnings == cold.warnings
