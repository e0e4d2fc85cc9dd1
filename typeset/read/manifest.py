"""The issue manifest (manifest.yaml) → model.Issue, reading every article it names."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problems, SourceError
from ..i18n import t
from ..images import decoded_good, locate, settle
from ..kept import Kept
from ..characters import prepare
from ..model import Article, BoardRole, Figure, Filler, Issue, IssueInfo, Journal, PageOptions, Section
from .markdown import read_article
from .sources import MANIFEST_MAX, folder_or_file, load_yaml, read_text, stamp, validate

MANIFEST = "manifest.yaml"


def load_issue(issue_dir: Path | str) -> Issue:
    """Read the manifest and every article it names.  Every fault found in the sources is collected and
    reported together (SourceErrors); the model is built only from sources without any."""
    root = Path(issue_dir).resolve()
    path = root / MANIFEST
    if not root.is_dir():
        raise SourceError(root, None, t("manifest.no_folder"), t("manifest.no_folder.fix"))
    if not path.is_file():
        raise SourceError(path, None, t("manifest.missing"), t("manifest.missing.fix", path=path))
    data, lines = load_yaml(path, read_text(path, MANIFEST_MAX))
    if not isinstance(data, dict):
        raise SourceError(path, 1, t("manifest.not_mapping"), t("manifest.not_mapping.fix"))
    problems = Problems()
    for error in validate(path, data, lines, "manifest.schema.json", "manifest"):
        problems.add(error)

    board = []
    for ri, r in enumerate(_items(data.get("board"))):
        with problems.collect():
            if _valid_role(r):
                board.append(board_role(path, lines, ri, r))

    cover_image = None
    cover_line = lines.get(("cover", "image"))
    try:
        if isinstance(data.get("cover"), dict) and isinstance(data["cover"].get("image"), str) and data["cover"]["image"].strip():
            with problems.collect():
                cover_image = locate(data["cover"]["image"], root, root, path, cover_line)
        articles = _read_articles(path, root, data, lines, problems)
    finally:  # (the pictures' full decodes run beside the reading: awaited even if it stopped)
        decoded = settle()
    for error in decoded:
        problems.add(error)
    problems.raise_if_any()
    return _issue(root, data, lines, tuple(board), cover_image, cover_line, articles)


def _read_articles(path: Path, root: Path, data: dict, lines: dict, problems: Problems) -> dict[tuple[int, int], Article]:
    """Every article the sections name, by (section, article) index; faults go to `problems`."""
    seen: dict[Path, int] = {}
    keys: dict[str, Path] = {}
    titles: dict[str, int] = {}
    articles: dict[tuple[int, int], Article] = {}
    for si, s in enumerate(_items(data.get("sections"))):
        if not isinstance(s, dict):
            continue
        title = s.get("title")
        title_line = lines.get(("sections", si, "title"))
        if isinstance(title, str) and title in titles:  # the 目录 and running heads go by section title
            problems.add(SourceError(path, title_line, t("manifest.section_twice", title=title, first=titles[title]),
                                     t("manifest.section_twice.fix")))
        elif isinstance(title, str):
            titles[title] = title_line or 0
        for ai, rel in enumerate(_items(s.get("articles"))):
            if not isinstance(rel, str) or not rel.endswith(".md"):
                continue  # the schema check has said what is wrong with it
            line = lines.get(("sections", si, "articles", ai))
            with problems.collect():
                target = _article_path(path, root, rel, line, seen, keys)
                article = _read_article(target, root, problems)
                if article is not None:  # (None: its faults are in `problems`)
                    articles[(si, ai)] = article
    return articles


_kept: Kept | None = None  # articles kept between loads (`remember`)


def remember(on: bool = True) -> Kept | None:
    """Keep read articles between loads (on: `build.py watch`) or not (off, the default): an article
    whose file, and every picture it shows, is unchanged (size and modification time) is not read
    and parsed again; the warnings its reading gave are given again."""
    global _kept
    _kept = Kept() if on else None
    return _kept


def _read_article(target: Path, root: Path, problems: Problems) -> Article | None:
    if _kept is None:
        return read_article(target, target.stem, root, problems)
    key = (stamp(target), root)
    _kept.asked.add(key)
    hit = _kept.get(key)
    if (hit is not None and hit[2] == tuple(stamp(b.path) for b in hit[0].blocks if isinstance(b, Figure))
            and all(map(decoded_good, hit[2]))):  # (a picture whose decode failed is checked again)
        for warning in hit[1]:
            if warning not in problems.warnings:
                problems.warnings.append(warning)
        return hit[0]
    errors, warnings = len(problems.errors), len(problems.warnings)
    article = read_article(target, target.stem, root, problems)
    if article is not None and len(problems.errors) == errors:
        pictures = tuple(stamp(b.path) for b in article.blocks if isinstance(b, Figure))
        _kept[key] = (article, problems.warnings[warnings:], pictures)
    return article


def _issue(root: Path, data: dict, lines: dict, board: tuple, cover_image, cover_line, articles: dict) -> Issue:
    """The model of a manifest without faults, its characters checked (characters.prepare)."""
    j = data["journal"]
    journal = Journal(title=j["title"], mottos=tuple(j["mottos"]), sponsor=j["sponsor"], editors=tuple(j["editors"]),
                      address=j["address"], postcode=j["postcode"], phone=str(j["phone"]), email=j["email"],
                      printer=j["printer"], notices=tuple(j["notices"]))
    info = IssueInfo(**data["issue"])
    sections = tuple(Section(title=s["title"], articles=tuple(articles[(si, ai)] for ai in range(len(s["articles"]))),
                             layout=s.get("layout", "two-column"), start=section_start(s),
                             toc=s.get("toc", "each"), jump=s.get("jump", False))
                     for si, s in enumerate(data["sections"]))
    issue = Issue(root=root, journal=journal, issue=info, board=board, sections=sections,
                  page=PageOptions(**data.get("page", {})), cover_image=cover_image, cover_line=cover_line, lines=lines,
                  fillers=tuple(Filler(f["text"], f.get("title"), f.get("source")) for f in data.get("fillers", ())))
    return prepare(issue, data.get("fonts", {}))  # house fonts, characters, board order: every problem at once


def _items(value) -> list:
    """A list from the manifest, or nothing if it is not one (the schema check reports that)."""
    return value if isinstance(value, list) else []


def _valid_role(r) -> bool:
    return isinstance(r, dict) and isinstance(r.get("role"), str) and isinstance(r.get("members"), list) \
        and all(isinstance(m, str) for m in r["members"])


def _article_path(path: Path, root: Path, rel: str, line: int | None, seen: dict, keys: dict) -> Path:
    """The article file `rel` named on `line`: inside the issue folder, a file, listed once, with a unique name."""
    target = (root / rel).resolve()
    try:
        target.relative_to(root)
    except ValueError:
        raise SourceError(path, line, t("manifest.article_outside", rel=rel), t("manifest.article_outside.fix")) from None
    folder, file = folder_or_file(target, path, line, rel)
    if folder:
        raise SourceError(path, line, t("manifest.article_folder", rel=rel), t("manifest.article_folder.fix"))
    if not file:
        from .nearby import closest_article
        close = closest_article(rel, root)
        fix = (t("manifest.article_missing.fix_close", close=close, target=target, root=root) if close
               else t("manifest.article_missing.fix", target=target, root=root))
        raise SourceError(path, line, t("manifest.article_missing", rel=rel), fix)
    if target in seen:
        raise SourceError(path, line, t("manifest.article_twice", rel=rel, first=seen[target]), t("manifest.article_twice.fix"))
    seen[target] = line or 0
    if target.stem in keys:  # the key names anchors and offprints: it must be unique
        raise SourceError(path, line, t("manifest.article_same_name", rel=rel, other=keys[target.stem].relative_to(root)),
                          t("manifest.article_same_name.fix"))
    keys[target.stem] = target
    return target


def board_role(path: Path, lines: dict, ri: int, r: dict) -> BoardRole:
    """One board role as listed, each member with its manifest line; `order: strokes` members are
    sorted by typeset.characters.prepare (which reports every name without stroke data), so both
    writers print the same order."""
    order = r.get("order") if r.get("order") != "as-listed" else None
    return BoardRole(r["role"], tuple(r["members"]), order,
                     tuple(lines.get(("board", ri, "members", i)) for i in range(len(r["members"]))))


def section_start(s: dict) -> str:
    """`start:` (page, run-on, auto); the older `run_on: true` means run-on."""
    if "start" in s:
        return s["start"]
    return "run-on" if s.get("run_on") else "auto"
