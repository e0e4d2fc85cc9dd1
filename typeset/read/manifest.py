"""The issue manifest (manifest.yaml) → model.Issue, reading every article it names."""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model import BoardRole, Issue, IssueInfo, Journal, Section
from .markdown import read_article
from .sources import load_yaml, read_text, validate

MANIFEST = "manifest.yaml"


def load_issue(issue_dir: Path | str) -> Issue:
    root = Path(issue_dir).resolve()
    path = root / MANIFEST
    if not root.is_dir():
        raise SourceError(root, None, "issue folder not found", "pass the folder that holds manifest.yaml")
    if not path.exists():
        raise SourceError(path, None, "the issue folder has no manifest.yaml", f"create {path} (see README.md, 'Issue sources')")
    data, lines = load_yaml(path, read_text(path))
    if not isinstance(data, dict):
        raise SourceError(path, 1, "the manifest must be a mapping of keys (journal:, issue:, board:, sections:)", "see README.md for the format")
    validate(path, data, lines, "manifest.schema.json", "manifest")

    j = data["journal"]
    journal = Journal(title=j["title"], mottos=tuple(j["mottos"]), sponsor=j["sponsor"], editors=tuple(j["editors"]),
                      address=j["address"], postcode=j["postcode"], phone=str(j["phone"]), email=j["email"],
                      printer=j["printer"], notices=tuple(j["notices"]))
    info = IssueInfo(**data["issue"])
    board = tuple(BoardRole(r["role"], tuple(r["members"]), r.get("order") if r.get("order") != "as-listed" else None)
                  for r in data["board"])

    seen: dict[Path, int] = {}
    sections = []
    for si, s in enumerate(data["sections"]):
        arts = []
        for ai, rel in enumerate(s["articles"]):
            line = lines.get(("sections", si, "articles", ai))
            target = (root / rel).resolve()
            try:
                target.relative_to(root)
            except ValueError:
                raise SourceError(path, line, f"article path '{rel}' leaves the issue folder",
                                  "keep articles inside the issue folder, e.g. articles/NN-name.md") from None
            if not target.is_file():
                raise SourceError(path, line, f"article file '{rel}' does not exist",
                                  f"create {target} or correct the path (paths are relative to {root})")
            if target in seen:
                raise SourceError(path, line, f"article '{rel}' is listed twice (first on line {seen[target]})", "list each article once")
            seen[target] = line or 0
            arts.append(read_article(target, target.stem))
        sections.append(Section(title=s["title"], articles=tuple(arts), layout=s.get("layout", "two-column"),
                                run_on=s.get("run_on", False), toc=s.get("toc", "each")))
    return Issue(root=root, journal=journal, issue=info, board=board, sections=tuple(sections), page=data.get("page", {}))
