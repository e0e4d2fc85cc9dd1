"""Ctrl-C at several moments of a build (a real process and SIGINT): exit 130 and one line, never a
traceback, and out/ holds either the old outputs or the new ones, never a mix, and never a PDF that
has not passed the preflight."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from typeset.i18n import t
from typeset.output import Interrupted, staging
from typeset.preflight import preflight

ROOT = Path(__file__).resolve().parent.parent
STEM = "yanjiu-yu-jiaoliu-2018-04"


@pytest.fixture(scope="module")
def longer(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A two-article issue long enough (about 70 pages) for Ctrl-C to land inside each stage, and
    out/ holding the outputs of an earlier build of it."""
    from tests.test_bad_input import ARTICLES, A

    base = tmp_path_factory.mktemp("interrupt")
    issue = base / "issue"
    (issue / "articles").mkdir(parents=True)
    text = (ROOT / "issue" / "manifest.yaml").read_text(encoding="utf-8")
    head, board = text[:text.index("cover:")], text[text.index("board:"):text.index("sections:")]
    (issue / "manifest.yaml").write_text(
        head + board + "sections:\n  - title: 组工论坛\n    articles:\n"
        + "".join(f"      - articles/{n}\n" for n in ARTICLES), encoding="utf-8")
    for name in ARTICLES:
        src = (ROOT / "issue" / "articles" / name).read_text(encoding="utf-8")
        end = src.index("---", 3) + 4
        (issue / "articles" / name).write_text(src[:end] + src[end:] * 24, encoding="utf-8")
    out = base / "out"
    subprocess.run([sys.executable, str(ROOT / "build.py"), str(issue), "-o", str(out), "-q"], check=True,
                   capture_output=True)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(old) == [f"{STEM}.docx", f"{STEM}.pdf"]
    art = issue / A
    art.write_text(art.read_text(encoding="utf-8").replace("title: 突出选 从严管 量才用", "title: 突出选 从严管"),
                   encoding="utf-8")
    return issue, out, old


def interrupt(cmd: list[str], after: str | None, delay: float = 0.0) -> tuple[int, str, str]:
    """Run cmd, send SIGINT `delay` s after the stdout line starting with `after` (or after start)."""
    # as from a terminal: Ctrl-C not ignored (a test runner started in the background may ignore it)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    seen = []
    if after is not None:
        for line in p.stdout:
            seen.append(line)
            if line.startswith(after):
                break
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    return p.returncode, "".join(seen) + out, err


def wholly_old_or_new(out: Path, old: dict) -> str:
    now = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(now) == sorted(old), f"stray files: {sorted(now)}"
    same = {name for name in old if now[name] == old[name]}
    assert same in (set(old), set()), f"a mix of old and new: {same} unchanged"
    if not same:
        assert preflight(out / f"{STEM}.pdf").passed
    return "old" if same else "new"


# (moment, the progress line after which Ctrl-C comes, delay, whether the build must have been stopped)
MOMENTS = [("starting", None, 0.3, True), ("loading", "load", 0.0, True), ("composing", "load", 0.05, True),
           ("writing the PDF", "compose", 0.0, True), ("preflighting", "docx", 0.0, False),
           ("at the end", "preflight", 0.0, False)]  # (the stage whose progress line comes first)


def stage(name: str) -> str:
    """The start of a stage's progress line (the suite runs in Chinese: 读取, 排版, …)."""
    return t(f"build.stage.{name}") + " "


@pytest.mark.parametrize("moment", MOMENTS, ids=[m[0] for m in MOMENTS])
def test_ctrl_c(longer, moment):
    issue, out, old = longer
    _, after, delay, stops = moment
    try:
        rc, stdout, err = interrupt([sys.executable, str(ROOT / "build.py"), str(issue), "-o", str(out)],
                                    after and stage(after), delay)
        check_interrupted(out, old, rc, stdout, err)
        assert rc == 130 or not stops
    finally:
        for name, data in old.items():  # put the old outputs back for the next test
            (out / name).write_bytes(data)


def check_interrupted(out: Path, old: dict, rc: int, stdout: str, err: str) -> None:
    assert "Traceback" not in err + stdout
    state = wholly_old_or_new(out, old)
    if rc == 0:  # the build was done before the signal came
        assert state == "new" and err == ""
        return
    assert rc == 130, err
    assert len(err.strip().splitlines()) == 1, err
    if state == "old":
        # the latter: while importing
        assert err.strip() in (t("cli.interrupted_unchanged", out=out), t("build.interrupted_importing"))
    else:
        assert err.startswith(t("cli.interrupted_after", written="")) and f"{STEM}.pdf" in err


def test_ctrl_c_through_the_launcher(longer):
    """`python3 build.py` outside the .venv re-runs itself inside it: Ctrl-C reaches the child too.
    (It comes as the layout starts: the launcher passes it on within 0.1 s, and the layout of this
    issue takes longer than that, while what follows it may not.)"""
    issue, out, old = longer
    base = Path(sys.base_prefix) / "bin" / "python3"
    if not base.exists() or Path(sys.prefix) == Path(sys.base_prefix):
        pytest.skip("no Python outside the .venv")
    try:
        rc, stdout, err = interrupt([str(base), str(ROOT / "build.py"), str(issue), "-o", str(out)], stage("load"), 0.0)
        assert rc == 130 and err.strip() == t("cli.interrupted_unchanged", out=out), err
        assert wholly_old_or_new(out, old) == "old"
    finally:
        for name, data in old.items():  # put the old outputs back for the next test
            (out / name).write_bytes(data)


def test_ctrl_c_while_outputs_are_put_in_place_waits_for_all(tmp_path, monkeypatch):
    """Ctrl-C in the middle of the renames: all of them happen, then it stops, naming what was written."""
    real = os.replace
    calls = []

    def replace(src, dst):
        real(src, dst)
        calls.append(dst)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # arrives between the first and the second rename

    monkeypatch.setattr(os, "replace", replace)
    paths = [tmp_path / "a.pdf", tmp_path / "b.docx"]
    with pytest.raises(Interrupted) as info:
        with staging() as s:
            for p in paths:
                s.write(p, p.name.encode())
            s.commit()
    assert info.value.written == paths and all(p.read_bytes() == p.name.encode() for p in paths)
    assert sorted(tmp_path.iterdir()) == paths  # no temporary files left


def test_preflight_failure_leaves_out_unchanged(longer, tmp_path, monkeypatch, capsys):
    """A PDF that fails the preflight never replaces the old one: out/ stays as it was, exit 1."""
    import shutil

    from typeset import api
    from typeset.cli import main

    issue, out, old = longer
    mine = tmp_path / "out"
    shutil.copytree(out, mine)
    monkeypatch.setattr(api, "check_pdfs", lambda temps, drawn=None: [type("R", (), {"passed": False, "path": p})()
                                                          for p in temps if p.suffix == ".pdf"])
    monkeypatch.setattr("typeset.preflight.render", lambda r: "FAIL (1 failure, 0 warnings)")
    assert main([str(issue), "-o", str(mine), "-q"]) == 1
    assert t("common.error", message=t("cli.preflight_failed", out=mine)) in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in mine.iterdir()} == old


def test_output_to_a_closed_pipe(longer, tmp_path):
    """`build.py | head -1`: the reader goes away; the build stops quietly (141, as for SIGPIPE), no traceback."""
    issue, _, _ = longer
    p = subprocess.Popen([sys.executable, str(ROOT / "build.py"), str(issue), "-o", str(tmp_path / "out")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141 and "Traceback" not in err and err == ""
    assert not (tmp_path / "out").exists()
