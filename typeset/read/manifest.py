"""The issue manifest (manifest.yaml) → model.Issue, reading every article it names."""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..images import locate
from ..model import BoardRole, Filler, Issue, IssueInfo, Journal, PageOptions, Section
from ..text.strokes import MissingStrokes, sort_by_strokes
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
    board = tuple(board_role(path, lines, ri, r) for ri, r in enumerate(data["board"]))

    cover_line = lines.get(("cover", "image"))
    cover_image = locate(data["cover"]["image"], root, root, path, cover_line) if "cover" in data else None

    seen: dict[Path, int] = {}
    keys: dict[str, Path] = {}
    titles: dict[str, int] = {}
    sections = []
    for si, s in enumerate(data["sections"]):
        title_line = lines.get(("sections", si, "title"))
        if s["title"] in titles:  # the 目录 and running heads go by section title
            raise SourceError(path, title_line, f"section '{s['title']}' appears twice (first on line {titles[s['title']]})",
                              "list all its articles under one section")
        titles[s["title"]] = title_line or 0
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
            if target.stem in keys:  # the key names anchors and offprints: it must be unique
                raise SourceError(path, line, f"article '{rel}' has the same file name as '{keys[target.stem].relative_to(root)}'",
                                  "rename one of the files (names are used for links and offprints)")
            keys[target.stem] = target
            arts.append(read_article(target, target.stem, root))
        sections.append(Section(title=s["title"], articles=tuple(arts), layout=s.get("layout", "two-column"),
                                start=section_start(s), toc=s.get("toc", "each"),
                                jump=s.get("jump", False)))
    return Issue(root=root, journal=journal, issue=info, board=board, sections=tuple(sections), page=PageOptions(**data.get("page", {})),
                 cover_image=cover_image, cover_line=cover_line,
                 fillers=tuple(Filler(f["text"], f.get("title"), f.get("source")) for f in data.get("fillers", ())))


def section_start(s: dict) -> str:
    """`start:` (page, run-on, auto); the older `run_on: true` means run-on."""
    if "start" in s:
        return s["start"]
    return "run-on" if s.get("run_on") else "auto"


def board_role(path: Path, lines: dict, ri: int, r: dict) -> BoardRole:
    """One board role; `order: strokes` members are sorted here, so both writers print the same order."""
    members = tuple(r["members"])
    order = r.get("order") if r.get("order") != "as-listed" else None
    if order == "strokes":
        try:
            members = tuple(sort_by_strokes(members))
        except MissingStrokes as e:
            line = lines.get(("board", ri, "members", r["members"].index(e.name)))
            raise SourceError(path, line, f"board role '{r['role']}' is sorted by strokes (order: strokes), but {e}",
                              f"check '{e.char}' for a typo or a variant form; a rare character must first be added to "
                              "fonts/extra-chars.txt (then run tools/make_fonts.py and tools/make_strokes.py); "
                              "or set order: as-listed and list the names in the printed order") from None
    return BoardRole(r["role"], members, order)
