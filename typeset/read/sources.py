"""Reading source files: strict UTF-8, YAML with line numbers, JSON-Schema validation.

Every failure becomes a SourceError naming the file, the line and the fix.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import LIMIT, Problems, SourceError, reason
from ..i18n import catalog, listing, t
from .conforms import conforms


KB = 1024
MANIFEST_MAX = 64 * KB  # the bundled manifest is 3 KB
ARTICLE_MAX = 256 * KB  # the longest bundled article is 18 KB (Markdown is parsed at 20 KB/s at worst)
PARAGRAPH_MAX = 10_000  # characters in one paragraph (or other block); the longest bundled one has 851
FRONT_MATTER_MAX = 16 * KB
MAX_DEPTH = 16  # nesting of YAML lists and mappings; the manifest needs 4
MAX_VALUES = 2000  # keys, values and list items in one YAML file; the bundled manifest has 140


def read_text(path: Path, limit: int) -> str:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SourceError(path, None, t("source.is_folder"), t("source.is_folder.fix"))
        if size > limit:
            raise SourceError(path, None, t("source.too_big", size=size // KB, limit=limit // KB), t("source.too_big.fix"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, None, t("source.not_found"), t("source.not_found.fix")) from None
    except PermissionError:
        raise SourceError(path, None, t("source.no_permission"), t("source.no_permission.fix")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        key = "source.not_utf8"
        try:
            data.decode("gb18030")
            key = "source.not_utf8_gbk"
        except UnicodeDecodeError:
            pass
        raise SourceError(path, line, t(key, byte=f"0x{data[e.start]:02X}"), t("source.not_utf8.fix")) from None


# the YAML parser's problems, as an editor would put them (the parser's words stay in the fallback):
# the parser's message → the catalog key of the problem (its fix is KEY.fix)
YAML_PROBLEMS = {
    "mapping values are not allowed": "source.yaml.colon",
    "did not find expected ',' or ']'": "source.yaml.list_open",
    "did not find expected ',' or '}'": "source.yaml.mapping_open",
    "found unexpected end of stream": "source.yaml.quote_open",
    "did not find expected '-' indicator": "source.yaml.list_and_key",
    "but found another document": "source.yaml.two_documents",
    "cannot start any token": "source.yaml.reserved",
}


def stamp(path: Path) -> tuple | None:
    """(path, modification time, size): what says a file is unchanged, for what a build keeps of it
    (converted pictures, pictures found good, read articles); None if it cannot be looked at."""
    try:
        st = path.stat()
    except OSError:
        return None
    return path, st.st_mtime_ns, st.st_size


def folder_or_file(target: Path, source: Path, line: int | None, rel: str) -> tuple[bool, bool]:
    """Whether the path `rel` named on `line` of `source` is a folder, and whether it is a file; a path the
    file system cannot look up (a name too long, a loop of links) is a SourceError."""
    try:
        return target.is_dir(), target.is_file()
    except OSError as e:
        raise SourceError(source, line, t("source.bad_path", rel=rel, reason=reason(e)),
                          t("source.bad_path.fix")) from None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: fast on any input


def load_yaml(path: Path, text: str, first_line: int = 1):
    """Parse YAML; return (data, lines) where lines maps a key path tuple to its 1-based source line.
    Tabs, anchors/aliases, tags and deep nesting have no use in our files and are refused from the
    event stream, before any node is built, so hostile YAML (an alias bomb) is answered at once."""
    tabs = [SourceError(path, n, t("source.tab", column=line.index(chr(9)) + 1), t("source.tab.fix"))
            for n, line in enumerate(text.split("\n"), first_line) if "\t" in line]
    _raise_all(tabs)
    try:
        _refuse_hostile(path, text, first_line)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + first_line if mark else first_line
        problem = getattr(e, "problem", None) or str(e)
        key = next((v for k, v in YAML_PROBLEMS.items() if k in problem), None)
        said = t(key) if key else t("source.yaml.malformed", problem=problem)
        raise SourceError(path, line, said, t(f"{key or 'source.yaml.malformed'}.fix")) from None
    lines: dict[tuple, int] = {}
    twice: list[SourceError] = []

    def walk(n, p):
        lines[p] = n.start_mark.line + first_line
        if isinstance(n, yaml.MappingNode):
            seen: dict = {}
            for k, v in n.value:
                here = k.start_mark.line + first_line
                if k.value in seen:  # PyYAML keeps the last silently; the first would be lost
                    twice.append(SourceError(path, here, t("source.key_twice", key=k.value, first=seen[k.value]),
                                             t("source.key_twice.fix")))
                seen[k.value] = here
                lines[p + (k.value,)] = here
                walk_value(v, p + (k.value,))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, p + (i,))

    def walk_value(v, p):
        if isinstance(v, (yaml.MappingNode, yaml.SequenceNode)):
            for_lines = lines.get(p)
            walk(v, p)
            if for_lines is not None:
                lines[p] = for_lines
        else:
            lines[p] = v.start_mark.line + first_line

    if node is not None:
        walk(node, ())
    if len(lines) > MAX_VALUES:  # checked before the schema, whose time grows with every value
        raise SourceError(path, list(lines.values())[MAX_VALUES], t("source.too_many_values", limit=MAX_VALUES),
                          t("source.too_many_values.fix"))
    _raise_all(twice)
    return data, lines


def _raise_all(errors: list[SourceError]) -> None:
    problems = Problems()
    for e in errors:
        problems.add(e)
    problems.raise_if_any()


def _refuse_hostile(path: Path, text: str, first_line: int) -> None:
    depth = 0
    for ev in yaml.parse(text, Loader=_Loader):
        line = (ev.start_mark.line if ev.start_mark else 0) + first_line
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise SourceError(path, line, t("source.yaml.alias"), t("source.yaml.alias.fix"))
        tag = getattr(ev, "tag", None)  # (scalar, sequence and mapping events have one)
        if tag is not None:
            tag = str(tag).replace("tag:yaml.org,2002:", "!!", 1)
            raise SourceError(path, line, t("source.yaml.tag", tag=tag), t("source.yaml.tag.fix"))
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise SourceError(path, line, t("source.yaml.too_deep", limit=MAX_DEPTH), t("source.yaml.too_deep.fix"))
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    # (beside the package, not through importlib.resources, whose readers load zipfile, bz2 and lzma)
    return json.loads((Path(__file__).resolve().parent.parent / "schema" / name).read_text(encoding="utf-8"))


# What a value of each JSON-Schema type is called for an editor (a catalog key, schema.kind.*), with an
# example of how to write it (schema.example.*).
KINDS = {"string": "text", "integer": "integer", "number": "number", "boolean": "boolean", "array": "list",
         "object": "group"}

# The patterns of the schemas, as an editor reads them: the catalog key of what is expected (its fix is KEY.fix).
PATTERNS = {
    r"\S": "schema.pattern.empty",
    r"^[^\s]": "schema.pattern.leading_space",
    r"^[0-9]{6}$": "schema.pattern.postcode",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "schema.pattern.email",
    r"^[0-9]{4}年([1-9]|1[0-2])月$": "schema.pattern.published",
    r"^[\u3400-\u9fff\U00020000-\U0003134f·]{2,6}$": "schema.pattern.member",
    r"\.md$": "schema.pattern.article",
}


def _shown(value) -> str:
    """A value as the editor wrote it (about), shortened."""
    if value is None:
        return t("schema.nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value) if not isinstance(value, (list, dict)) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _kind(value) -> str:
    if value is None:
        return t("schema.kind.empty")
    for name, types in (("boolean", bool), ("number", (int, float)), ("text", str), ("list", list), ("mapping", dict)):
        if isinstance(value, types):
            return t(f"schema.kind.{name}")
    return t("schema.kind.date") if hasattr(value, "year") else t("schema.kind.other")


def _key(p: tuple) -> str:
    """The key an editor wrote, for a path into the data: 'title', or 'articles' for an item of it."""
    names = [x for x in p if isinstance(x, str)]
    return names[-1] if names else t("schema.top_level")


def _part(p: tuple) -> str:
    """The part of the file a key is under, as the editor calls it: 栏目（sections）; in English the key itself."""
    name = _key(p)
    key = f"schema.part.{name}"
    return t(key) if key in catalog() else t("schema.part.other", key=name)


def about(schema_name: str, p: tuple) -> str | None:
    """What the schema says a key is for (its description), in the editor's language:
    the catalog's schema.about.<schema>.<keys> (manifest.journal.sponsor), list indices left out."""
    key = ".".join(["schema.about", schema_name.split(".")[0], *(x for x in p if isinstance(x, str))])
    return t(key) if key in catalog() else None


def validate(path: Path, data, lines: dict, schema_name: str, what: str) -> list[SourceError]:
    """Every place where `data` breaks the schema, one SourceError each, in the editor's terms.
    `what` names the file's kind: "manifest" or "front_matter" (schema.what.*)."""
    if conforms(data, schema(schema_name)):
        return []
    import jsonschema  # (only to word what is wrong: see conforms)

    validator = jsonschema.Draft202012Validator(schema(schema_name))
    found: dict[tuple, SourceError] = {}
    suggested: dict[tuple, list[str]] = {}  # path of an unknown key → the allowed key it resembles
    whole = t(f"schema.what.{what}")
    for e in sorted(validator.iter_errors(data), key=lambda e: len(e.absolute_path)):
        p = tuple(e.absolute_path)
        line = lines.get(p) or lines.get(p[:-1]) or None
        if e.validator == "additionalProperties":
            allowed = sorted(e.schema.get("properties", {}))
            for n, key in enumerate(k for k in e.instance if k not in allowed):
                close = _close_matches(str(key), allowed, n=1) if n < LIMIT else []
                if close:
                    suggested[p + (key,)] = close
                problem = (t("schema.unknown_key_under", key=key, what=whole, parent=_part(p)) if p
                           else t("schema.unknown_key", key=key, what=whole))
                fix = (t("schema.unknown_key.fix_close", close=close[0], allowed=listing(allowed)) if close
                       else t("schema.unknown_key.fix", allowed=listing(allowed)))
                found[p + (key,)] = SourceError(path, lines.get(p + (key,), line), problem, fix)
            continue
        if e.validator == "required":
            for key in (k for k in e.validator_value if k not in e.instance):
                problem = (t("schema.missing_under", key=key, what=whole, parent=_part(p)) if p
                           else t("schema.missing", key=key, what=whole))
                said = about(schema_name, p + (key,))
                fix = t("schema.missing.fix_about", key=key, about=said) if said else t("schema.missing.fix", key=key)
                found[p + ("required", key)] = SourceError(path, line, problem, fix)
            continue
        if p not in found:  # one error per value (an empty text breaks both minLength and pattern)
            found[p] = _message(path, line, p, e, schema_name)
    # a misspelt key is reported once, as unknown with "did you mean", not also as a missing one
    meant = {at[:-1] + ("required", m[0]) for at, m in suggested.items()}
    return sorted((e for at, e in found.items() if at not in meant), key=lambda err: err.line or 0)


def _message(path: Path, line: int | None, p: tuple, e, schema_name: str) -> SourceError:
    key, value = _key(p), e.instance
    item = isinstance(p[-1], int) if p else False
    shown = _shown(value)
    if e.validator == "type":
        kind = KINDS.get(e.validator_value)
        expected = t(f"schema.kind.{kind}") if kind else str(e.validator_value)
        example = t(f"schema.example.{kind}", key=key) if kind else f"{key}: …"
        if value is None:
            return SourceError(path, line, t("schema.empty", key=key), t("schema.empty.fix_example", key=key, example=example))
        if e.validator_value == "string":
            problem = (t("schema.not_text_item", key=key, value=shown, kind=_kind(value)) if item
                       else t("schema.not_text", key=key, value=shown, kind=_kind(value)))
            return SourceError(path, line, problem, t("schema.not_text.fix", key=key, value=shown))
        problem = (t("schema.wrong_kind_item", key=key, value=shown, kind=_kind(value), expected=expected) if item
                   else t("schema.wrong_kind", key=key, value=shown, kind=_kind(value), expected=expected))
        return SourceError(path, line, problem, t("schema.wrong_kind.fix", example=example))
    if isinstance(value, str) and not value.strip():
        return SourceError(path, line, t("schema.empty", key=key), t("schema.empty.fix", key=key))
    if e.validator == "minLength" or (e.validator == "pattern" and e.validator_value in PATTERNS):
        which = PATTERNS[e.validator_value if e.validator == "pattern" else r"\S"]
        padded = re.match(r"^\s*([0-9]{4})\s*年\s*0([1-9])\s*月\s*$", value) if which == "schema.pattern.published" else None
        if padded:  # 2027年03月: the month's leading 0 is the fault
            fixed = f"{padded.group(1)}年{padded.group(2)}月"
            return SourceError(path, line, t("schema.published_zero", key=key, value=shown),
                               t("schema.published_zero.fix", key=key, fixed=fixed))
        problem = (t(f"{which}_item", key=key, value=shown) if item else t(which, key=key, value=shown))
        return SourceError(path, line, problem, t(f"{which}.fix", key=key))
    if e.validator == "maxLength":
        return SourceError(path, line, t("schema.too_long", key=key, length=len(value), limit=e.validator_value),
                           t("schema.too_long.fix", limit=e.validator_value))
    if e.validator == "enum":
        choices = [str(c) for c in e.validator_value]
        close = _close_matches(str(value), choices, n=1)
        problem = (t("schema.not_a_choice_item", key=key, value=shown) if item
                   else t("schema.not_a_choice", key=key, value=shown))
        fix = (t("schema.not_a_choice.fix_close", close=close[0], choices=listing(choices)) if close
               else t("schema.not_a_choice.fix", choices=listing(choices)))
        return SourceError(path, line, problem, fix)
    if e.validator == "minItems":
        return SourceError(path, line, t("schema.empty_list", key=key), t("schema.empty_list.fix"))
    if e.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = e.schema.get("minimum", e.schema.get("exclusiveMinimum")), e.schema.get("maximum")
        problem = (t("schema.out_of_range_item", key=key, value=shown) if item
                   else t("schema.out_of_range", key=key, value=shown))
        if "exclusiveMinimum" in e.schema:
            return SourceError(path, line, problem, t("schema.out_of_range.fix_above", low=low, high=high))
        return SourceError(path, line, problem, t("schema.out_of_range.fix", low=low, high=high))
    problem = (t("schema.not_accepted_item", key=key, value=shown) if item
               else t("schema.not_accepted", key=key, value=shown))
    return SourceError(path, line, problem, about(schema_name, p) or t("schema.not_accepted.fix"))


def _close_matches(word: str, choices, n: int = 3) -> list[str]:
    """difflib's close matches (loaded only when a key or value is not known: a "did you mean")."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n)
